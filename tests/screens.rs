//! Whole-screen snapshots of the builder, drawn into ratatui's TestBackend.

use callflow::callflow::document::starter;
use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::form::Row;
use callflow::tui::state::{Pane, State};
use callflow::tui::update::update;
use callflow::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn context() -> Context {
    Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    )
}

fn screen(state: &State, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    terminal.backend().to_string()
}

fn at_size(mut state: State, size: (u16, u16)) -> State {
    state.screen.size = size;
    state
}

fn timeout_state() -> State {
    let json = r#"{"callflow": [
        {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
        {"action": "sayAndCapture", "params": {"promptMessage": "Press 1 for sales, 2 for support", "voiceProfile": "en-US-BenjaminRUS",
          "minDigits": 1, "maxDigits": 1, "digitTimeout": 10000, "overallTimeout": 5000, "successMessag": "typo"}},
        {"action": "say", "params": {"text": "Goodbye <b>", "voiceProfile": "en-GB-Emma"}}]}"#;
    let mut state = State::new(
        parse(json).unwrap().value,
        context(),
        Some("reminder.json".into()),
    );
    state.select_row(Row::Action(1));
    state.screen.pane = Pane::Form;
    state.screen.field_index = 8;
    state
}

#[test]
fn main_screen() {
    for size in SIZES {
        let state = at_size(State::new(starter(), context(), None), size);
        insta::assert_snapshot!(format!("main_{}x{}", size.0, size.1), screen(&state, size));
    }
}

#[test]
fn help_screen() {
    for size in SIZES {
        let mut state = at_size(State::new(starter(), context(), None), size);
        update(&mut state, Action::Command(Command::Help));
        insta::assert_snapshot!(format!("help_{}x{}", size.0, size.1), screen(&state, size));
    }
}

#[test]
fn add_picker() {
    for size in SIZES {
        let mut state = at_size(State::new(starter(), context(), None), size);
        update(&mut state, Action::Command(Command::Add));
        insta::assert_snapshot!(
            format!("add_picker_{}x{}", size.0, size.1),
            screen(&state, size)
        );
    }
}

#[test]
fn screen_with_findings() {
    for size in SIZES {
        let state = at_size(timeout_state(), size);
        insta::assert_snapshot!(
            format!("findings_main_{}x{}", size.0, size.1),
            screen(&state, size)
        );
        let mut state = state;
        update(&mut state, Action::Command(Command::Findings));
        insta::assert_snapshot!(
            format!("findings_list_{}x{}", size.0, size.1),
            screen(&state, size)
        );
    }
}

#[test]
fn rules_browser() {
    let mut state = at_size(timeout_state(), (120, 40));
    update(&mut state, Action::Command(Command::Rules));
    insta::assert_snapshot!("rules_120x40", screen(&state, (120, 40)));
}

#[test]
fn escape_sequences_in_strings_are_drawn_inert() {
    let json = "{\"callflow\": [{\"action\": \"say\", \"params\": {\"text\": \"\\u001b[31mred\\u0007 \\u202eevil\\u202c 漢字😀 tab\\there\", \"voiceProfile\": \"en-GB-Emma\"}}]}";
    let mut state = State::new(parse(json).unwrap().value, context(), None);
    state.select_row(Row::Action(0));
    let size = (100, 20);
    let drawn = screen(&at_size(state, size), size);
    assert!(!drawn.contains('\u{1b}') && !drawn.contains('\u{202e}') && !drawn.contains('\u{7}'));
    insta::assert_snapshot!("inert_strings_100x20", drawn);
}

#[test]
fn a_tiny_terminal_gets_a_notice() {
    let state = State::new(starter(), context(), None);
    let drawn = screen(&state, (30, 8));
    assert!(drawn.contains("Terminal too small"));
}

#[test]
fn every_size_down_to_1x1_draws_without_panicking() {
    let state = timeout_state();
    for width in 1..=130 {
        for height in [1, 2, 5, 11, 12, 13, 24, 41] {
            screen(&state, (width, height));
        }
    }
}
