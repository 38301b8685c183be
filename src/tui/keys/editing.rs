//! The keys of the editors: a one-line field, a multi-line field, the raw JSON. Every other
//! key is text (with readline-style movement from ratatui-textarea).

use super::{Binding, alt, ctrl, handled, key};
use ratatui::crossterm::event::KeyCode;

pub const LINE: &[Binding] = &[
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("done"),
        "keep the value",
    ),
    handled(&[key(KeyCode::Tab)], "tab", None, "keep the value"),
    handled(&[key(KeyCode::Esc)], "esc", Some("done"), "leave the field"),
    handled(&[ctrl('s')], "^s", Some("save"), "save the request"),
    handled(
        &[ctrl('p')],
        "^p",
        Some("commands"),
        "the keys of this editor",
    ),
];

pub const MULTI_LINE: &[Binding] = &[
    handled(&[key(KeyCode::Esc)], "esc", Some("done"), "leave the field"),
    handled(&[alt(KeyCode::Enter)], "M-enter", None, "leave the field"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("new line"),
        "a new line",
    ),
    handled(&[ctrl('s')], "^s", Some("save"), "save the request"),
    handled(
        &[ctrl('p')],
        "^p",
        Some("commands"),
        "the keys of this editor",
    ),
];

pub const RAW: &[Binding] = &[
    handled(
        &[key(KeyCode::Esc)],
        "esc",
        Some("back to the forms"),
        "back to the forms once the text parses",
    ),
    handled(
        &[ctrl('s')],
        "^s",
        Some("save as typed"),
        "save the text as typed",
    ),
    handled(&[ctrl('p')], "^p", Some("commands"), "the keys of raw JSON"),
];
