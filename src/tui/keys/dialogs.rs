//! The keys of the questions and the file name prompt.

use super::{Binding, ch, ctrl, handled, key};
use ratatui::crossterm::event::KeyCode;

pub const CONFIRM: &[Binding] = &[
    handled(&[ch('y'), ch('Y')], "y", Some("yes"), "yes"),
    handled(
        &[ch('n'), ch('N'), key(KeyCode::Esc)],
        "n/esc",
        Some("no"),
        "no",
    ),
];

pub const CONFIRM_SAVE_FIRST: &[Binding] = &[
    handled(&[ch('y'), ch('Y')], "y", Some("yes"), "yes, without saving"),
    handled(
        &[ch('s'), ch('S')],
        "s",
        Some("save first"),
        "save, then go on",
    ),
    handled(
        &[ch('n'), ch('N'), key(KeyCode::Esc)],
        "n/esc",
        Some("no"),
        "no",
    ),
];

/// The drafts earlier runs left, offered at start.
pub const RECOVER: &[Binding] = &[
    handled(
        &[key(KeyCode::Enter), ch('y'), ch('Y')],
        "enter/y",
        Some("recover"),
        "recover the chosen draft",
    ),
    handled(
        &[ch('d'), ch('n'), ch('N')],
        "d/n",
        Some("discard"),
        "discard the chosen draft for good",
    ),
    handled(
        &[key(KeyCode::Up), key(KeyCode::Down), ch('k'), ch('j')],
        "↑↓",
        Some("choose"),
        "choose a draft",
    ),
    handled(
        &[key(KeyCode::Esc)],
        "esc",
        Some("ask next time"),
        "keep every draft and decide at the next start",
    ),
];

pub const PROMPT: &[Binding] = &[
    handled(&[key(KeyCode::Enter)], "enter", Some("ok"), "use this path"),
    handled(&[key(KeyCode::Esc)], "esc", Some("cancel"), "cancel"),
    handled(&[ctrl('p')], "^p", None, "the keys of the prompt"),
];
