//! The keys of the editors: a one-line field, a multi-line field, the raw JSON. Every other
//! key is text (with readline-style movement: ratatui-textarea's in the fields, the same
//! keys in callflow's own raw editor, `tui::raw_editor`).

use super::{Binding, alt, ctrl, ctrl_key, handled, key, shift};
use ratatui::crossterm::event::KeyCode;

pub const LINE: &[Binding] = &[
    handled(
        &[key(KeyCode::Enter), ctrl('j'), ctrl('m')],
        "enter",
        Some("keep"),
        "keep the value",
    ),
    handled(&[key(KeyCode::Tab)], "tab", None, "keep the value"),
    handled(
        &[key(KeyCode::Esc)],
        "esc",
        Some("cancel"),
        "put the value back as it was",
    ),
    KILL_TO_START,
    KILL_TO_END,
    KILL_WORD,
    LINE_START,
    LINE_END,
    handled(&[ctrl('s')], "^s", Some("save"), "save the request"),
    handled(
        &[ctrl('p')],
        "^p",
        Some("commands"),
        "the keys of this editor",
    ),
];

pub const MULTI_LINE: &[Binding] = &[
    handled(
        &[key(KeyCode::Enter), ctrl('m')],
        "enter",
        Some("keep"),
        "keep the value",
    ),
    handled(
        &[alt(KeyCode::Enter), ctrl('j')],
        "M-enter/^j",
        Some("line break"),
        "break the line here",
    ),
    handled(
        &[key(KeyCode::Esc)],
        "esc",
        Some("cancel"),
        "put the value back as it was",
    ),
    KILL_TO_START,
    KILL_TO_END,
    KILL_WORD,
    LINE_START,
    LINE_END,
    handled(&[ctrl('s')], "^s", Some("save"), "save the request"),
    handled(
        &[ctrl('p')],
        "^p",
        Some("commands"),
        "the keys of this editor",
    ),
];

// The readline keys all three editors share (ratatui-textarea does the work in the fields,
// where Ctrl+U is mapped by the field editor, since the text area's own Ctrl+U is undo).
const KILL_TO_START: Binding = handled(&[ctrl('u')], "^u", None, "delete to the start of the line");
const KILL_TO_END: Binding = handled(&[ctrl('k')], "^k", None, "delete to the end of the line");
const KILL_WORD: Binding = handled(
    &[ctrl('w')],
    "^w",
    None,
    "delete the word before the cursor",
);
const LINE_START: Binding = handled(
    &[key(KeyCode::Home), ctrl('a')],
    "home/^a",
    None,
    "to the start of the line",
);
const LINE_END: Binding = handled(
    &[key(KeyCode::End), ctrl('e')],
    "end/^e",
    None,
    "to the end of the line",
);

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
    handled(
        &[alt(KeyCode::Char('u')), ctrl('_')],
        "M-u/^_",
        None,
        "undo (a run of typing at once)",
    ),
    handled(&[ctrl('r')], "^r", None, "redo"),
    handled(
        &[key(KeyCode::Tab)],
        "tab",
        None,
        "indent to the next two columns",
    ),
    handled(
        &[shift(KeyCode::Right)],
        "S-move",
        None,
        "select with shift and a move; typing replaces it",
    ),
    handled(
        &[ctrl('x')],
        "^x",
        None,
        "cut the selection, to the clipboard too",
    ),
    handled(
        &[alt(KeyCode::Char('w'))],
        "M-w",
        None,
        "copy the selection, to the clipboard too",
    ),
    handled(
        &[ctrl('y')],
        "^y",
        None,
        "put back the last cut, copy, ^k, ^u or ^w",
    ),
    KILL_TO_START,
    KILL_TO_END,
    KILL_WORD,
    LINE_START,
    LINE_END,
    handled(
        &[ctrl_key(KeyCode::Home), alt(KeyCode::Char('<'))],
        "^home",
        None,
        "to the start of the request (also M-<)",
    ),
    handled(
        &[ctrl_key(KeyCode::End), alt(KeyCode::Char('>'))],
        "^end",
        None,
        "to the end of the request (also M->)",
    ),
];
