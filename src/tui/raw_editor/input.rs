//! Which key does what in the raw editor: readline and Emacs keys, as the field editors
//! have them, with Shift on a move to select. The keys the builder takes first (Esc, Ctrl+S,
//! Ctrl+P, Ctrl+C, Ctrl+Z) never reach here; `keys::editing::RAW` lists them all for help.

use super::moves::Move;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Moves the cursor; `select` extends the selection instead of dropping it.
    Move {
        to: Move,
        select: bool,
    },
    Type(char),
    LineBreak,
    Indent,
    DeleteBack,
    DeleteForward,
    KillToLineEnd,
    KillToLineStart,
    DeleteWordBack,
    DeleteWordForward,
    Yank,
    Cut,
    Copy,
    Undo,
    Redo,
}

pub fn command_of(key: &KeyEvent) -> Option<Command> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if let Some(to) = move_of(key.code, ctrl, alt) {
        let select = key.modifiers.contains(KeyModifiers::SHIFT);
        return Some(Command::Move { to, select });
    }
    use Command::*;
    use KeyCode::{Backspace, Char, Delete, Enter, Tab};
    Some(match (key.code, ctrl, alt) {
        (Enter, _, _) | (Char('m' | 'j'), true, false) => LineBreak,
        (Char(c), false, false) => Type(c),
        (Tab, false, false) => Indent,
        (Backspace, false, false) | (Char('h'), true, false) => DeleteBack,
        (Delete, false, false) | (Char('d'), true, false) => DeleteForward,
        (Char('k'), true, false) => KillToLineEnd,
        (Char('u'), true, false) => KillToLineStart,
        (Char('w'), true, false) | (Backspace, _, true) | (Char('h'), false, true) => {
            DeleteWordBack
        }
        (Delete, _, true) | (Char('d'), false, true) => DeleteWordForward,
        (Char('y'), true, false) => Yank,
        (Char('x'), true, false) => Cut,
        (Char('w'), false, true) => Copy,
        // Ctrl+_ and Ctrl+/ arrive as Ctrl+7 from most terminals.
        (Char('u'), false, true) | (Char('_' | '/' | '7'), true, false) => Undo,
        (Char('r'), true, false) | (Char('r'), false, true) => Redo,
        _ => return None,
    })
}

fn move_of(code: KeyCode, ctrl: bool, alt: bool) -> Option<Move> {
    use KeyCode::*;
    Some(match (code, ctrl, alt) {
        (Left, false, false) | (Char('b'), true, false) => Move::Back,
        (Right, false, false) | (Char('f'), true, false) => Move::Forward,
        (Up, false, false) => Move::Up,
        (Down, false, false) | (Char('n'), true, false) => Move::Down,
        (Home, false, _) | (Char('a'), true, false) => Move::LineStart,
        (End, false, _) | (Char('e'), true, false) => Move::LineEnd,
        (Left, true, _) | (Char('b'), false, true) => Move::WordBack,
        (Right, true, _) | (Char('f'), false, true) => Move::WordForward,
        (PageUp, ..) | (Char('v'), false, true) => Move::PageUp,
        (PageDown, ..) | (Char('v'), true, false) => Move::PageDown,
        (Home, true, _) | (Char('<'), false, true) => Move::Top,
        (End, true, _) | (Char('>'), false, true) => Move::Bottom,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(code: KeyCode, modifiers: KeyModifiers) -> Option<Command> {
        command_of(&KeyEvent::new(code, modifiers))
    }

    #[test]
    fn a_capital_letter_is_typed_and_a_shifted_move_selects() {
        assert_eq!(
            command(KeyCode::Char('A'), KeyModifiers::SHIFT),
            Some(Command::Type('A'))
        );
        assert_eq!(
            command(KeyCode::Right, KeyModifiers::SHIFT),
            Some(Command::Move {
                to: Move::Forward,
                select: true
            })
        );
        assert_eq!(
            command(KeyCode::Char('7'), KeyModifiers::CONTROL),
            Some(Command::Undo)
        );
        assert_eq!(command(KeyCode::F(5), KeyModifiers::NONE), None);
    }
}
