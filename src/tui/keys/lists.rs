//! The keys of the list windows: pickers, findings, rules, templates, help, palette.

use super::{Binding, ch, ctrl, handled, key};
use ratatui::crossterm::event::KeyCode;

// g/G and Home/End jump to either end of a list (not in the voice picker, whose letters
// are its filter).
const FIRST: Binding = handled(
    &[ch('g'), key(KeyCode::Home)],
    "g/home",
    None,
    "to the first item",
);
const LAST: Binding = handled(
    &[ch('G'), key(KeyCode::End)],
    "G/end",
    None,
    "to the last item",
);

pub const ADD_PICKER: &[Binding] = &[
    handled(
        &[key(KeyCode::Up), ch('k')],
        "↑/k",
        None,
        "previous action type",
    ),
    handled(
        &[key(KeyCode::Down), ch('j')],
        "↓/j",
        None,
        "next action type",
    ),
    handled(&[ch('1')], "1-6", None, "pick by number"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("pick"),
        "pick this action type",
    ),
    handled(&[key(KeyCode::Esc)], "esc", Some("cancel"), "cancel"),
    FIRST,
    LAST,
    handled(&[ctrl('p')], "^p", None, "the keys of the picker"),
];

pub const VOICE_PICKER: &[Binding] = &[
    handled(&[key(KeyCode::Up)], "↑", None, "previous voice"),
    handled(&[key(KeyCode::Down)], "↓", None, "next voice"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("pick"),
        "pick the voice (or the typed name)",
    ),
    handled(&[key(KeyCode::Esc)], "esc", Some("cancel"), "cancel"),
    handled(&[ctrl('p')], "^p", None, "the keys of the picker"),
];

pub const FINDINGS: &[Binding] = &[
    handled(
        &[key(KeyCode::Up), ch('k')],
        "↑/k",
        None,
        "previous finding",
    ),
    handled(&[key(KeyCode::Down), ch('j')], "↓/j", None, "next finding"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("jump"),
        "jump to the field",
    ),
    handled(
        &[ch('r')],
        "r",
        Some("explain the rule"),
        "the rule behind the finding",
    ),
    handled(
        &[key(KeyCode::Esc), ch('q'), ch('f')],
        "esc",
        Some("close"),
        "close",
    ),
    FIRST,
    LAST,
    handled(&[ctrl('p')], "^p", None, "the keys of the findings"),
];

pub const RULES: &[Binding] = &[
    handled(&[key(KeyCode::Up), ch('k')], "↑/k", None, "previous rule"),
    handled(&[key(KeyCode::Down), ch('j')], "↓/j", None, "next rule"),
    handled(
        &[key(KeyCode::PageDown), ch(' ')],
        "pgdn",
        Some("scroll"),
        "scroll the rule down a page",
    ),
    handled(
        &[key(KeyCode::PageUp)],
        "pgup",
        Some("scroll"),
        "scroll the rule up a page",
    ),
    handled(
        &[key(KeyCode::End)],
        "end",
        None,
        "the end of the rule: the example, fixed",
    ),
    handled(&[key(KeyCode::Home)], "home", None, "the top of the rule"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("jump to it"),
        "jump to where the request triggers it",
    ),
    handled(
        &[ch('s')],
        "s",
        Some("see it happen"),
        "watch a sayAndCapture rule in a simulated call",
    ),
    handled(
        &[key(KeyCode::Esc), ch('q'), ch('r')],
        "esc",
        Some("back"),
        "close (back to the findings when opened from there)",
    ),
    // Home and End scroll the rule itself, so only the letters jump along the list.
    handled(&[ch('g')], "g", None, "the first rule"),
    handled(&[ch('G')], "G", None, "the last rule"),
    handled(&[ctrl('p')], "^p", None, "the keys of the rules"),
];

pub const TEMPLATES: &[Binding] = &[
    handled(
        &[key(KeyCode::Up), ch('k')],
        "↑/k",
        None,
        "previous template",
    ),
    handled(&[key(KeyCode::Down), ch('j')], "↓/j", None, "next template"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("pick (u undoes)"),
        "start from this template",
    ),
    handled(
        &[key(KeyCode::Esc), ch('q')],
        "esc",
        Some("cancel"),
        "cancel",
    ),
    FIRST,
    LAST,
    handled(&[ctrl('p')], "^p", None, "the keys of the templates"),
];

pub const HELP: &[Binding] = &[handled(
    &[key(KeyCode::Esc), ch('q'), ch('?'), key(KeyCode::Enter)],
    "esc",
    Some("close"),
    "close",
)];

pub const PALETTE: &[Binding] = &[
    handled(&[key(KeyCode::Up)], "↑", None, "previous command"),
    handled(&[key(KeyCode::Down)], "↓", None, "next command"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("run"),
        "run the command",
    ),
    handled(&[key(KeyCode::Esc)], "esc", Some("cancel"), "close"),
];
