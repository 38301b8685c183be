//! Navigate mode's key table: single letters act. The footer, the help screen and the
//! palette are drawn from it, so they can never disagree with the keys that really work.

use super::{Binding, bind, ch, ctrl, key};
use crate::tui::action::Command;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const BINDINGS: &[Binding] = &[
    bind(
        &[key(KeyCode::Up), ch('k')],
        Command::Up,
        "↑/k",
        None,
        "move up",
    ),
    bind(
        &[key(KeyCode::Down), ch('j')],
        Command::Down,
        "↓/j",
        None,
        "move down",
    ),
    bind(
        &[ch('g'), key(KeyCode::Home)],
        Command::First,
        "g/home",
        None,
        "to the first item",
    ),
    bind(
        &[ch('G'), key(KeyCode::End)],
        Command::Last,
        "G/end",
        None,
        "to the last item",
    ),
    bind(
        &[key(KeyCode::Tab)],
        Command::NextPane,
        "tab",
        None,
        "next pane",
    ),
    bind(
        &[key(KeyCode::BackTab)],
        Command::PreviousPane,
        "S-tab",
        None,
        "previous pane",
    ),
    bind(
        &[key(KeyCode::Enter)],
        Command::Activate,
        "enter",
        Some("edit"),
        "edit field, toggle, pick",
    ),
    bind(&[ch('a')], Command::Add, "a", Some("add"), "add an action"),
    bind(
        &[ch('d'), key(KeyCode::Delete)],
        Command::Delete,
        "d",
        Some("delete"),
        "delete action; in form: param",
    ),
    bind(
        &[ch('c')],
        Command::Duplicate,
        "c",
        None,
        "duplicate the action",
    ),
    bind(
        &[ch('J')],
        Command::MoveDown,
        "J",
        Some("move"),
        "move the action down",
    ),
    bind(
        &[ch('K')],
        Command::MoveUp,
        "K",
        Some("move"),
        "move the action up",
    ),
    bind(&[ch('u')], Command::Undo, "u", Some("undo"), "undo"),
    bind(&[ctrl('r')], Command::Redo, "^r", None, "redo"),
    bind(
        &[ch('e')],
        Command::RawJson,
        "e",
        Some("raw JSON"),
        "edit the raw JSON",
    ),
    bind(
        &[ch('y')],
        Command::Copy,
        "y",
        Some("copy"),
        "copy the JSON",
    ),
    bind(
        &[ch('Y')],
        Command::CopyCurl,
        "Y",
        None,
        "copy as a curl command",
    ),
    bind(
        &[ch('f')],
        Command::Findings,
        "f",
        Some("findings"),
        "list the findings",
    ),
    bind(
        &[ch('n')],
        Command::NextFinding,
        "n",
        None,
        "jump to the next finding",
    ),
    bind(
        &[ch('r')],
        Command::Rules,
        "r",
        Some("rules"),
        "the rules browser",
    ),
    bind(
        &[ch('p')],
        Command::Simulate,
        "p",
        Some("call"),
        "simulate a call",
    ),
    bind(
        &[ch('t')],
        Command::Templates,
        "t",
        None,
        "start from a template",
    ),
    bind(
        &[ctrl('s')],
        Command::Save,
        "^s",
        Some("save"),
        "save (in every mode)",
    ),
    bind(&[ch('w')], Command::SaveAs, "w", None, "save as"),
    bind(
        &[ch('x')],
        Command::Export,
        "x",
        None,
        "export the pretty JSON",
    ),
    bind(
        &[ch('S')],
        Command::Send,
        "S",
        None,
        "send for real (asks first)",
    ),
    bind(
        &[key(KeyCode::PageUp)],
        Command::PageUp,
        "pgup",
        None,
        "scroll the JSON up",
    ),
    bind(
        &[key(KeyCode::PageDown)],
        Command::PageDown,
        "pgdn",
        None,
        "scroll the JSON down",
    ),
    bind(
        &[ch(':'), ctrl('p')],
        Command::Palette,
        ":",
        Some("commands"),
        "every command, searchable",
    ),
    bind(&[ch('?')], Command::Help, "?", Some("help"), "this help"),
    bind(
        &[ctrl('z')],
        Command::Suspend,
        "^z",
        None,
        "suspend (fg comes back)",
    ),
    bind(
        &[ch('q'), ctrl('c')],
        Command::Quit,
        "q/^c",
        Some("quit"),
        "quit (asks if unsaved)",
    ),
];

/// The command a key is bound to in navigate mode.
pub fn command_for(event: &KeyEvent) -> Option<Command> {
    // Shift is part of the character for letters (J, Y), so only Control and Alt count.
    let modifiers = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    BINDINGS
        .iter()
        .find(|binding| {
            binding
                .chords
                .iter()
                .any(|chord| chord.code == event.code && chord.modifiers == modifiers)
        })
        .and_then(|binding| binding.command)
}

/// Whether a key is Ctrl+S, which saves in every mode.
pub fn is_save(event: &KeyEvent) -> bool {
    event.code == KeyCode::Char('s') && event.modifiers.contains(KeyModifiers::CONTROL)
}

/// Whether a key is Ctrl+C, which quits (asking when unsaved) in every mode.
pub fn is_quit(event: &KeyEvent) -> bool {
    event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL)
}

/// Whether a key is Ctrl+Z, which suspends to the shell in every mode.
pub fn is_suspend(event: &KeyEvent) -> bool {
    event.code == KeyCode::Char('z') && event.modifiers.contains(KeyModifiers::CONTROL)
}

/// The keys that run `command`, as the footer and help write them.
pub fn keys_for(command: Command) -> &'static str {
    BINDINGS
        .iter()
        .find(|binding| binding.command == Some(command))
        .map_or("", |binding| binding.keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for binding in BINDINGS {
            for chord in binding.chords {
                assert!(!seen.contains(chord), "{chord:?} bound twice");
                seen.push(*chord);
            }
        }
    }

    #[test]
    fn shifted_letters_and_control_keys_are_told_apart() {
        let shifted = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(command_for(&shifted), Some(Command::MoveDown));
        let redo = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(command_for(&redo), Some(Command::Redo));
        let rules = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(command_for(&rules), Some(Command::Rules));
    }

    #[test]
    fn the_footer_comes_from_the_table() {
        let hints = super::super::footer_hints(BINDINGS);
        assert!(hints.contains(&("e".to_owned(), "raw JSON")));
        assert!(hints.contains(&("J/K".to_owned(), "move")));
        assert_eq!(keys_for(Command::Save), "^s");
    }
}
