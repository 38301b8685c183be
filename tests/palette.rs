//! The command palette runs every command of the mode it was opened from, exactly as the
//! command's key would; and every mode's footer is drawn from that mode's own table.

use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::Action;
use callflow::tui::form::Row;
use callflow::tui::keys::{self, KeyMode};
use callflow::tui::state::{Overlay, Pane, State};
use callflow::tui::update::update;
use callflow::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn state() -> State {
    let json = r#"{"callflow": [
        {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
        {"action": "say", "params": {"text": "Hello", "voiceProfile": "en-GB-Emma"}},
        {"action": "hangup"}]}"#;
    let context = Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    );
    let mut state = State::new(parse(json).unwrap().value, context, Some("f.json".into()));
    state.screen.size = (100, 30);
    state.select_row(Row::Action(1));
    state
}

fn press(state: &mut State, event: KeyEvent) {
    update(state, Action::Key(event));
}

fn typing(state: &mut State, text: &str) {
    for c in text.chars() {
        press(state, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn enter(state: &mut State) {
    press(state, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

/// What a user can observe of a state, to compare two ways of reaching it.
fn observed(state: &State) -> String {
    format!(
        "{:?} {} {:?} {} {} {} {:?} {:?} {}",
        keys::active(state),
        callflow::callflow::print::to_pretty(&state.session.document),
        state.screen.pane,
        state.screen.row_index,
        state.screen.field_index,
        state.screen.preview_scroll,
        state.effects,
        state.screen.flash,
        state.session.dirty,
    )
}

#[test]
fn the_palette_runs_every_navigate_command_as_its_key_does() {
    for binding in keys::table(KeyMode::Navigate) {
        let mut by_key = state();
        press(&mut by_key, binding.chords[0].event());

        let mut by_palette = state();
        typing(&mut by_palette, ":");
        let Some(Overlay::Palette(palette)) = &by_palette.screen.overlay else {
            panic!(": opens the palette")
        };
        assert_eq!(palette.under, KeyMode::Navigate);
        typing(&mut by_palette, binding.help);
        let Some(Overlay::Palette(palette)) = &by_palette.screen.overlay else {
            panic!("typing filters")
        };
        assert_eq!(
            palette.entries().first().map(|b| b.help),
            Some(binding.help),
            "its own words find it first"
        );
        enter(&mut by_palette);
        assert_eq!(observed(&by_key), observed(&by_palette), "{}", binding.help);
    }
}

#[test]
fn ctrl_p_lists_the_keys_of_the_open_window_and_esc_returns_to_it() {
    let mut state = state();
    typing(&mut state, "a"); // the add-action picker
    assert_eq!(keys::active(&state), KeyMode::AddPicker);
    press(
        &mut state,
        KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL),
    );
    let Some(Overlay::Palette(palette)) = &state.screen.overlay else {
        panic!("^p opens the palette")
    };
    assert_eq!(palette.under, KeyMode::AddPicker);
    assert!(
        palette
            .entries()
            .iter()
            .any(|b| b.help == "pick this action type")
    );
    press(&mut state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(
        keys::active(&state),
        KeyMode::AddPicker,
        "back to the picker"
    );

    // Running a picker key from the palette acts on the picker.
    press(
        &mut state,
        KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL),
    );
    typing(&mut state, "pick this");
    enter(&mut state);
    assert_eq!(keys::active(&state), KeyMode::Navigate);
    assert_eq!(state.action_count(), 4, "an action was added");
}

#[test]
fn the_palette_in_a_field_editor_lists_the_editors_keys() {
    let mut state = state();
    state.screen.pane = Pane::Form;
    state.screen.field_index = 1;
    enter(&mut state);
    assert!(matches!(
        keys::active(&state),
        KeyMode::EditLine | KeyMode::EditMultiLine
    ));
    let under = keys::active(&state);
    press(
        &mut state,
        KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL),
    );
    let Some(Overlay::Palette(palette)) = &state.screen.overlay else {
        panic!("^p opens the palette")
    };
    assert_eq!(palette.under, under);
    typing(&mut state, "keep the value");
    enter(&mut state);
    assert_eq!(keys::active(&state), KeyMode::Navigate);
}

fn footer(state: &State) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..100).map(|x| buffer[(x, 29)].symbol()).collect()
}

#[test]
fn every_modes_footer_comes_from_its_table() {
    let mut state = state();
    // Every hint shown is the table's, and the last ones (the way to find the rest) are
    // always shown; the rest as many as fit.
    let check = |state: &State| {
        let line = footer(state);
        let mode = keys::active(state);
        let hints: Vec<String> = keys::footer_hints(keys::table(mode))
            .iter()
            .map(|(keys, word)| format!("{keys} {word}"))
            .collect();
        let shown: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .collect();
        assert!(!shown.is_empty(), "{mode:?}: an empty footer");
        for token in &shown {
            assert!(
                hints.iter().any(|hint| hint == token),
                "{mode:?}: {token:?} is not in its table"
            );
        }
        for hint in hints.iter().rev().take(3) {
            assert!(
                shown.contains(&hint.as_str()),
                "{mode:?}: {line:?} lacks {hint}"
            );
        }
    };
    check(&state);
    typing(&mut state, "a");
    check(&state);
    press(&mut state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    typing(&mut state, "f");
    check(&state);
    press(&mut state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    typing(&mut state, "e");
    assert_eq!(keys::active(&state), KeyMode::Raw);
    check(&state);
    press(&mut state, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    typing(&mut state, ":");
    check(&state);
}
