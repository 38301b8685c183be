//! `update()` from key sequences: each input byte picks a key, and every step is drawn
//! into a small TestBackend. Nothing may panic.

#![no_main]

use callflow::callflow::document::starter;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::Action;
use callflow::tui::state::State;
use callflow::tui::update::update;
use callflow::tui::view;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Backspace,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageDown,
];

fn key_for(byte: u8) -> KeyEvent {
    let modifiers = if byte & 0x80 != 0 {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    let byte = byte & 0x7f;
    let code = match KEYS.get(usize::from(byte)) {
        Some(code) => *code,
        None => KeyCode::Char(char::from(byte.max(b' '))),
    };
    KeyEvent::new(code, modifiers)
}

fuzz_target!(|keys: &[u8]| {
    let context = Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    );
    let mut state = State::new(starter(), context, None);
    let mut terminal = Terminal::new(TestBackend::new(90, 30)).unwrap();
    for &byte in keys.iter().take(512) {
        update(&mut state, Action::Key(key_for(byte)));
        state.effects.clear();
        terminal.draw(|frame| view::draw(frame, &state)).unwrap();
    }
});
