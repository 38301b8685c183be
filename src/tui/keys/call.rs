//! The call screen's keys (SIM.md §5 `--interactive`), and those of its responder prompt.

use super::{Binding, ch, ctrl, handled, key};
use ratatui::crossterm::event::KeyCode;

pub const CALL: &[Binding] = &[
    handled(
        &[
            ch('0'),
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9'),
            ch('*'),
            ch('#'),
        ],
        "0-9*#",
        Some("press"),
        "press a key now (the palette presses 0)",
    ),
    handled(
        &[ch(' ')],
        "space",
        Some("next"),
        "jump to the next scheduled instant",
    ),
    handled(&[ch('p')], "p", None, "pause or resume the real-time clock"),
    handled(&[ch('h')], "h", None, "callA hangs up now"),
    handled(
        &[ch('a')],
        "a",
        Some("callees"),
        "next choice of callA's callee (the call starts again)",
    ),
    handled(
        &[ch('b')],
        "b",
        Some("callees"),
        "next choice of callB's callee",
    ),
    handled(
        &[ch('o')],
        "o",
        Some("responder"),
        "choose a responder file for the VCA replies",
    ),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("JSON"),
        "the selected event's whole JSON",
    ),
    handled(&[key(KeyCode::Up), ch('k')], "↑/k", None, "previous event"),
    handled(
        &[key(KeyCode::Down), ch('j')],
        "↓/j",
        None,
        "next event (the last one follows new events)",
    ),
    handled(&[key(KeyCode::Home)], "home", None, "the first event"),
    handled(&[key(KeyCode::End)], "end", None, "follow the newest event"),
    handled(
        &[key(KeyCode::PageDown)],
        "pgdn",
        None,
        "scroll the event's JSON down",
    ),
    handled(
        &[key(KeyCode::PageUp)],
        "pgup",
        None,
        "scroll the event's JSON up",
    ),
    handled(&[ch('R')], "R", None, "start the call again from t 0"),
    handled(
        &[ch('?'), ch(':'), ctrl('p')],
        "?",
        None,
        "every key of the call screen",
    ),
    handled(
        &[key(KeyCode::Esc), ch('q')],
        "esc",
        Some("close"),
        "hang up and close the call",
    ),
];

pub const CALL_PROMPT: &[Binding] = &[
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("load"),
        "read this responder file",
    ),
    handled(&[key(KeyCode::Esc)], "esc", Some("cancel"), "cancel"),
    handled(&[ctrl('p')], "^p", None, "the keys of the prompt"),
];
