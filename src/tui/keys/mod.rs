//! The key tables, one per mode. Whatever has the keyboard (navigate mode, a field edit,
//! raw JSON, an overlay) has a table saying which keys work there and what they do; the
//! footer, the help screen and the command palette are all drawn from the active table,
//! so no hint is ever written by hand beside the code that handles the key.

pub mod call;
pub mod dialogs;
pub mod editing;
pub mod lists;
pub mod navigate;
pub mod practice;
pub mod send;

pub use navigate::{BINDINGS, command_for, is_quit, is_save, is_suspend, keys_for};

use super::action::Command;
use super::state::{Confirm, Mode, Overlay, State};
use crate::callflow::params::Editor;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with the modifiers that must be held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Chord {
    /// The key event this chord stands for (the palette replays it).
    pub fn event(&self) -> KeyEvent {
        KeyEvent::new(self.code, self.modifiers)
    }
}

pub const fn key(code: KeyCode) -> Chord {
    Chord {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

pub const fn ch(c: char) -> Chord {
    key(KeyCode::Char(c))
}

pub const fn ctrl(c: char) -> Chord {
    Chord {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

pub const fn shift(code: KeyCode) -> Chord {
    Chord {
        code,
        modifiers: KeyModifiers::SHIFT,
    }
}

/// Ctrl with a key that is not a letter (Ctrl+Home).
pub const fn ctrl_key(code: KeyCode) -> Chord {
    Chord {
        code,
        modifiers: KeyModifiers::CONTROL,
    }
}

pub const fn alt(code: KeyCode) -> Chord {
    Chord {
        code,
        modifiers: KeyModifiers::ALT,
    }
}

/// One row of a table.
#[derive(Clone, Copy)]
pub struct Binding {
    pub chords: &'static [Chord],
    /// The navigate-mode command it runs; the other modes' keys are handled by whatever
    /// has the keyboard, and the palette runs them by replaying the first chord.
    pub command: Option<Command>,
    /// How the key is written in the footer and help (`^s`, `J/K`).
    pub keys: &'static str,
    /// The footer's word, when the key earns a place there.
    pub footer: Option<&'static str>,
    /// One line for the help screen and the palette.
    pub help: &'static str,
}

pub const fn bind(
    chords: &'static [Chord],
    command: Command,
    keys: &'static str,
    footer: Option<&'static str>,
    help: &'static str,
) -> Binding {
    Binding {
        chords,
        command: Some(command),
        keys,
        footer,
        help,
    }
}

/// A key that whatever has the keyboard handles itself.
pub const fn handled(
    chords: &'static [Chord],
    keys: &'static str,
    footer: Option<&'static str>,
    help: &'static str,
) -> Binding {
    Binding {
        chords,
        command: None,
        keys,
        footer,
        help,
    }
}

/// Which table is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMode {
    Navigate,
    EditLine,
    EditMultiLine,
    Raw,
    Confirm,
    ConfirmSaveFirst,
    Recover,
    Prompt,
    AddPicker,
    VoicePicker,
    Findings,
    Rules,
    Templates,
    Help,
    Palette,
    SendConfirm,
    SendWaiting,
    SendAnswer,
    /// Navigate mode while practising: the practice layer over it.
    Practice,
    Exercises,
    Call,
    CallPrompt,
}

impl KeyMode {
    /// What the mode is called in the palette's title.
    pub fn name(self) -> &'static str {
        match self {
            KeyMode::Navigate => "the builder",
            KeyMode::EditLine | KeyMode::EditMultiLine => "the field editor",
            KeyMode::Raw => "raw JSON",
            KeyMode::Confirm | KeyMode::ConfirmSaveFirst | KeyMode::Recover => "the question",
            KeyMode::Prompt => "the file name prompt",
            KeyMode::AddPicker => "the action picker",
            KeyMode::VoicePicker => "the voice picker",
            KeyMode::Findings => "the findings",
            KeyMode::Rules => "the rules",
            KeyMode::Templates => "the templates",
            KeyMode::Help => "the help",
            KeyMode::Palette => "the palette",
            KeyMode::SendConfirm => "the send confirmation",
            KeyMode::SendWaiting | KeyMode::SendAnswer => "the send panel",
            KeyMode::Practice => "practice",
            KeyMode::Exercises => "the exercises",
            KeyMode::Call => "the call screen",
            KeyMode::CallPrompt => "the responder prompt",
        }
    }
}

/// The table of what has the keyboard now.
pub fn active(state: &State) -> KeyMode {
    match &state.screen.overlay {
        Some(overlay) => overlay_mode(overlay),
        None => match &state.screen.mode {
            Mode::Navigate if state.practice.is_some() => KeyMode::Practice,
            Mode::Navigate => KeyMode::Navigate,
            Mode::EditField(edit) if edit.field.editor() == Editor::MultiLine => {
                KeyMode::EditMultiLine
            }
            Mode::EditField(_) => KeyMode::EditLine,
            Mode::Raw(_) => KeyMode::Raw,
            Mode::Call(call) => crate::tui::screens::call::draw::key_mode(call),
        },
    }
}

pub fn overlay_mode(overlay: &Overlay) -> KeyMode {
    match overlay {
        Overlay::Help => KeyMode::Help,
        Overlay::AddPicker { .. } => KeyMode::AddPicker,
        Overlay::VoicePicker(_) => KeyMode::VoicePicker,
        Overlay::Findings { .. } => KeyMode::Findings,
        Overlay::Rules(_) => KeyMode::Rules,
        Overlay::Exercises { .. } => KeyMode::Exercises,
        Overlay::Templates { .. } => KeyMode::Templates,
        Overlay::Prompt(_) => KeyMode::Prompt,
        Overlay::Palette(_) => KeyMode::Palette,
        Overlay::Confirm(confirm) => confirm_mode(confirm),
        Overlay::Send(panel) => panel.key_mode(),
        Overlay::Drafts(_) => KeyMode::Recover,
    }
}

/// A question's answers depend on what it asks.
pub fn confirm_mode(confirm: &Confirm) -> KeyMode {
    match confirm.on_save {
        Some(_) => KeyMode::ConfirmSaveFirst,
        None => KeyMode::Confirm,
    }
}

pub fn table(mode: KeyMode) -> &'static [Binding] {
    match mode {
        KeyMode::Navigate => navigate::BINDINGS,
        KeyMode::EditLine => editing::LINE,
        KeyMode::EditMultiLine => editing::MULTI_LINE,
        KeyMode::Raw => editing::RAW,
        KeyMode::Confirm => dialogs::CONFIRM,
        KeyMode::ConfirmSaveFirst => dialogs::CONFIRM_SAVE_FIRST,
        KeyMode::Recover => dialogs::RECOVER,
        KeyMode::Prompt => dialogs::PROMPT,
        KeyMode::AddPicker => lists::ADD_PICKER,
        KeyMode::VoicePicker => lists::VOICE_PICKER,
        KeyMode::Findings => lists::FINDINGS,
        KeyMode::Rules => lists::RULES,
        KeyMode::Templates => lists::TEMPLATES,
        KeyMode::Help => lists::HELP,
        KeyMode::Palette => lists::PALETTE,
        KeyMode::SendConfirm => send::CONFIRM,
        KeyMode::SendWaiting => send::WAITING,
        KeyMode::SendAnswer => send::ANSWER,
        KeyMode::Practice => practice::with_navigate(),
        KeyMode::Exercises => practice::EXERCISES,
        KeyMode::Call => call::CALL,
        KeyMode::CallPrompt => call::CALL_PROMPT,
    }
}

/// How the navigate-mode key that runs `command` is written (`u`), for messages that
/// name a key: they read it here, so they always name the key that works.
pub fn key_of(command: Command) -> &'static str {
    navigate::BINDINGS
        .iter()
        .find(|binding| binding.command == Some(command))
        .map_or("?", |binding| binding.keys)
}

/// Whether a key opens the palette from whatever has the keyboard (Ctrl+P; `:` only in
/// navigate mode, where letters are commands and not text).
pub fn is_palette(event: &KeyEvent) -> bool {
    event.code == KeyCode::Char('p') && event.modifiers.contains(KeyModifiers::CONTROL)
}

/// `(keys, word)` pairs for the footer, in table order; neighbours that share a word share
/// one hint (`J/K move`).
pub fn footer_hints(table: &[Binding]) -> Vec<(String, &'static str)> {
    let mut hints: Vec<(String, &'static str)> = Vec::new();
    for binding in table {
        let Some(word) = binding.footer else { continue };
        match hints.last_mut() {
            Some((keys, last)) if *last == word => {
                keys.push('/');
                keys.push_str(binding.keys);
            }
            _ => hints.push((binding.keys.to_owned(), word)),
        }
    }
    hints
}

/// The footer words of a table in one line (`enter pick · esc cancel`), for a dialog's
/// title or answer line.
pub fn summary(mode: KeyMode) -> String {
    footer_hints(table(mode))
        .iter()
        .map(|(keys, word)| format!("{keys} {word}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_keys_the_table_binds() {
        use crate::tui::action::Command;
        assert_eq!(key_of(Command::Undo), "u");
        assert_eq!(key_of(Command::Add), "a");
        assert_eq!(key_of(Command::RawJson), "e");
        assert_eq!(key_of(Command::Findings), "f");
        assert_eq!(key_of(Command::Activate), "enter");
    }

    const ALL: [KeyMode; 22] = [
        KeyMode::Navigate,
        KeyMode::EditLine,
        KeyMode::EditMultiLine,
        KeyMode::Raw,
        KeyMode::Confirm,
        KeyMode::ConfirmSaveFirst,
        KeyMode::Recover,
        KeyMode::Prompt,
        KeyMode::AddPicker,
        KeyMode::VoicePicker,
        KeyMode::Findings,
        KeyMode::Rules,
        KeyMode::Templates,
        KeyMode::Help,
        KeyMode::Palette,
        KeyMode::SendConfirm,
        KeyMode::SendWaiting,
        KeyMode::SendAnswer,
        KeyMode::Practice,
        KeyMode::Exercises,
        KeyMode::Call,
        KeyMode::CallPrompt,
    ];

    #[test]
    fn every_table_has_a_footer_and_binds_no_key_twice() {
        for mode in ALL {
            let table = table(mode);
            assert!(!footer_hints(table).is_empty(), "{mode:?} has no footer");
            let mut seen = Vec::new();
            for binding in table {
                assert!(!binding.chords.is_empty(), "{mode:?}: {}", binding.help);
                for chord in binding.chords {
                    assert!(!seen.contains(chord), "{mode:?}: {chord:?} bound twice");
                    seen.push(*chord);
                }
            }
        }
    }

    #[test]
    fn a_summary_reads_the_footer_words() {
        assert_eq!(summary(KeyMode::Confirm), "y yes · n/esc no");
    }
}
