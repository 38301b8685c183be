//! The keys of the send panel, one table per stage: typing the confirmation, waiting for
//! the API, reading its answer.

use super::{Binding, ctrl, handled, key};
use ratatui::crossterm::event::KeyCode;

pub const CONFIRM: &[Binding] = &[
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("send"),
        "send, once the word send is typed",
    ),
    handled(
        &[key(KeyCode::Esc)],
        "esc",
        Some("cancel"),
        "cancel: nothing is sent",
    ),
    handled(&[ctrl('p')], "^p", None, "the keys of the send panel"),
];

pub const WAITING: &[Binding] = &[
    handled(
        &[key(KeyCode::Esc)],
        "esc",
        Some("stop waiting"),
        "stop waiting (the request is sent: the call may still be placed)",
    ),
    handled(&[ctrl('p')], "^p", None, "the keys of the send panel"),
];

pub const ANSWER: &[Binding] = &[
    handled(
        &[key(KeyCode::Esc), key(KeyCode::Enter), super::ch('q')],
        "esc",
        Some("close"),
        "close",
    ),
    handled(&[ctrl('p')], "^p", None, "the keys of the send panel"),
];
