//! Snapshots of key screens with their style: the whole buffer, colours and modifiers
//! included (ratatui's Buffer debug form lists the text, then every change of style), so a
//! lost highlight or a colour where NO_COLOR forbids one shows up as a diff.

use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::form::Row;
use callflow::tui::state::{Pane, State};
use callflow::tui::theme::Theme;
use callflow::tui::update::update;
use callflow::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn styled(state: &State, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    format!("{:#?}", terminal.backend().buffer())
}

/// The -1006 request with a voice, a multi-line prompt and a typo'd key.
fn state_at(size: (u16, u16)) -> State {
    let json = r#"{"callflow": [
        {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
        {"action": "sayAndCapture", "params": {"promptMessage": "Press 1 for sales", "voiceProfile": "en-US-BenjaminRUS",
          "minDigits": 1, "maxDigits": 1, "digitTimeout": 10000, "overallTimeout": 5000}},
        {"action": "hangup"}]}"#;
    let context = Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    );
    let mut state = State::new(
        parse(json).unwrap().value,
        context,
        Some("reminder.json".into()),
    );
    state.screen.theme = Theme::colored();
    state.screen.size = size;
    state.select_row(Row::Action(1));
    state
}

fn press(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typing(state: &mut State, text: &str) {
    text.chars().for_each(|c| press(state, KeyCode::Char(c)));
}

/// The form pane on the field called `label`.
fn on_field(state: &mut State, label: &str) {
    state.screen.pane = Pane::Form;
    state.screen.field_index = state
        .fields()
        .iter()
        .position(|field| field.label() == label)
        .unwrap_or_else(|| panic!("no field {label}"));
}

const SIZE: (u16, u16) = (100, 28);

#[test]
fn main_screen_with_style() {
    insta::assert_snapshot!("styled_main", styled(&state_at(SIZE), SIZE));
}

#[test]
fn main_screen_without_colour() {
    let mut state = state_at(SIZE);
    state.screen.theme = Theme::plain();
    let drawn = styled(&state, SIZE);
    for colour in ["fg: ", "bg: "] {
        let coloured = drawn
            .match_indices(colour)
            .any(|(at, _)| !drawn[at + colour.len()..].starts_with("Reset"));
        assert!(!coloured, "NO_COLOR draws no {colour}colour");
    }
    insta::assert_snapshot!("styled_no_color", drawn);
}

#[test]
fn raw_mode() {
    let mut state = state_at(SIZE);
    update(&mut state, Action::Command(Command::RawJson));
    insta::assert_snapshot!("styled_raw", styled(&state, SIZE));
}

#[test]
fn field_editing() {
    let mut state = state_at(SIZE);
    on_field(&mut state, "overallTimeout");
    update(&mut state, Action::Command(Command::Activate));
    typing(&mut state, "0");
    insta::assert_snapshot!("styled_field_edit", styled(&state, SIZE));
}

#[test]
fn voice_picker() {
    let mut state = state_at(SIZE);
    on_field(&mut state, "voiceProfile");
    update(&mut state, Action::Command(Command::Activate));
    typing(&mut state, "en-gb");
    insta::assert_snapshot!("styled_voice_picker", styled(&state, SIZE));
}

#[test]
fn confirm_before_quitting_unsaved_work() {
    let mut state = state_at(SIZE);
    update(&mut state, Action::Command(Command::Duplicate));
    update(&mut state, Action::Command(Command::Quit));
    insta::assert_snapshot!("styled_confirm", styled(&state, SIZE));
}

#[test]
fn save_as_prompt() {
    let mut state = state_at(SIZE);
    update(&mut state, Action::Command(Command::SaveAs));
    insta::assert_snapshot!("styled_prompt", styled(&state, SIZE));
}

#[test]
fn palette_filtered() {
    let mut state = state_at(SIZE);
    typing(&mut state, ":");
    typing(&mut state, "mv");
    insta::assert_snapshot!("styled_palette", styled(&state, SIZE));
}

#[test]
fn stacked_layout_under_seventy_columns() {
    let size = (64, 36);
    insta::assert_snapshot!("styled_stacked_64x36", styled(&state_at(size), size));
}
