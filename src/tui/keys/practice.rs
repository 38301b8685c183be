//! Practice mode's keys: a layer over navigate mode (the hint, the list of exercises) and
//! the list's own table. While practising, the footer, help and palette read the layer
//! with navigate mode's keys after it (`with_navigate`).

use super::{Binding, ch, ctrl, handled, key, navigate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::LazyLock;

pub const SHOW_HINT: Binding = handled(&[ch('h')], "h", Some("hint"), "show the fix hint");

pub const LIST: Binding = handled(
    &[ch('l')],
    "l",
    Some("exercises"),
    "the exercises: choose, skip or reset one",
);

pub const LAYER: &[Binding] = &[SHOW_HINT, LIST];

/// The layer first, then every key of navigate mode.
pub fn with_navigate() -> &'static [Binding] {
    static TABLE: LazyLock<Vec<Binding>> = LazyLock::new(|| {
        LAYER
            .iter()
            .chain(navigate::BINDINGS.iter())
            .copied()
            .collect()
    });
    &TABLE
}

pub const EXERCISES: &[Binding] = &[
    handled(
        &[key(KeyCode::Up), ch('k')],
        "↑/k",
        None,
        "previous exercise",
    ),
    handled(&[key(KeyCode::Down), ch('j')], "↓/j", None, "next exercise"),
    handled(
        &[key(KeyCode::Enter)],
        "enter",
        Some("open"),
        "open this exercise, from its broken request",
    ),
    handled(
        &[ch('s')],
        "s",
        Some("skip"),
        "skip the open exercise: open the next unsolved one",
    ),
    handled(
        &[ch('x')],
        "x",
        Some("reset"),
        "reset this exercise: unsolved, its broken request back",
    ),
    handled(
        &[key(KeyCode::Esc), ch('q'), ch('l')],
        "esc",
        Some("close"),
        "close",
    ),
    handled(&[ctrl('p')], "^p", None, "the keys of the exercises"),
];

/// Whether `event` is one of `binding`'s keys (Shift is part of a letter, so only Control
/// and Alt count, as in navigate mode).
pub fn pressed(binding: &Binding, event: &KeyEvent) -> bool {
    let modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    binding
        .chords
        .iter()
        .any(|chord| chord.code == event.code && chord.modifiers == modifiers)
}
