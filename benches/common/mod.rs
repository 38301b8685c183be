//! What the keystroke benches share.

use callflow::tui::action::Action;
use callflow::tui::state::State;
use callflow::tui::update::update;
use callflow::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One keystroke and the frame after it: a letter, then its deletion at the next call,
/// so the text keeps its size however long criterion runs. `typed` counts the calls.
pub fn type_then_delete(
    state: &mut State,
    terminal: &mut Terminal<TestBackend>,
    typed: &mut usize,
) {
    let key = if *typed % 2 == 1 {
        KeyCode::Backspace
    } else {
        KeyCode::Char('a')
    };
    *typed += 1;
    update(state, Action::Key(KeyEvent::new(key, KeyModifiers::NONE)));
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
}
