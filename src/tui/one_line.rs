//! The one-line text inputs: the save and export prompts, the palette's and the voice
//! picker's filters, the call screen's file prompt. They are ratatui-textarea's, with
//! readline's meaning where its own differs, as in the field editors: Ctrl+U deletes to
//! the start of the line (the text area's own Ctrl+U is undo) and no key breaks the line.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::TextArea;

/// Hands `key` to the input; true when its text changed.
pub fn input(textarea: &mut TextArea, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => textarea.delete_line_by_head(),
        KeyCode::Enter => false,
        KeyCode::Char('j' | 'm') if ctrl => false,
        _ => textarea.input(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(textarea: &mut TextArea, code: KeyCode, modifiers: KeyModifiers) -> bool {
        input(textarea, KeyEvent::new(code, modifiers))
    }

    #[test]
    fn ctrl_u_deletes_to_the_start_and_nothing_breaks_the_line() {
        let mut textarea = TextArea::new(vec!["draft.json".to_owned()]);
        textarea.move_cursor(tui_textarea::CursorMove::End);
        assert!(press(&mut textarea, KeyCode::Char('x'), KeyModifiers::NONE));
        assert!(!press(
            &mut textarea,
            KeyCode::Char('m'),
            KeyModifiers::CONTROL
        ));
        assert!(!press(
            &mut textarea,
            KeyCode::Char('j'),
            KeyModifiers::CONTROL
        ));
        assert_eq!(textarea.lines(), ["draft.jsonx"]);
        assert!(press(
            &mut textarea,
            KeyCode::Char('u'),
            KeyModifiers::CONTROL
        ));
        assert_eq!(textarea.lines(), [""], "not an undo of the x");
    }
}
