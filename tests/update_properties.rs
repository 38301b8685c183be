//! Random key sequences through `update()`, drawn at random sizes: nothing panics, and
//! undoing back to the start restores the original document exactly.

use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::state::{Mode, State};
use callflow::tui::update::update;
use callflow::tui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const FLOW: &str = r#"{"validUntil": "2030-01-01T00:00:00Z", "callflow": [
  {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000", "x": [1]}},
  {"action": "sayAndCapture", "params": {"promptMessage": "Press 1", "voiceProfile": "en-GB-Emma", "digitTimeout": 10, "overallTimeout": 5, "completeOnHash": false}},
  {"action": "say&capture"}, 7,
  {"action": "say", "params": {"text": "\u001b[31m漢字😀\u202e", "voiceProfile": "en-GB-Emma"}}]}"#;

fn key_event() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        4 => prop::sample::select(vec!['j', 'k', 'J', 'K', 'a', 'd', 'c', 'u', 'e', 'y', 'Y', 'f', 'n', 'r', 't', '?', 'x', 'w', 'q', 'y', 'n', 's', '1', '3', '0', '-', '.', ' ', 'p', 'h', 'b', 'o', '#', '{', '"', 'é', '😀']).prop_map(KeyCode::Char),
        2 => prop::sample::select(vec![KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace, KeyCode::Delete, KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Home, KeyCode::End, KeyCode::PageUp, KeyCode::PageDown]),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::CONTROL,
        KeyModifiers::SHIFT,
        KeyModifiers::ALT,
    ]);
    (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        20 => key_event().prop_map(Action::Key),
        1 => "[\\PC\n]{0,12}".prop_map(Action::Paste),
        1 => (0u16..130, 0u16..45).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => (0u16..130, 0u16..45, any::<bool>()).prop_map(|(column, row, scroll)| Action::Mouse(MouseEvent {
            kind: if scroll { MouseEventKind::ScrollDown } else { MouseEventKind::Down(MouseButton::Left) },
            column, row, modifiers: KeyModifiers::NONE,
        })),
        1 => (0i64..4_000_000_000).prop_map(|s| Action::Tick(Instant::from_unix_seconds(s))),
        1 => Just(Action::Recovered("{\"callflow\": []}".into())),
        1 => Just(Action::Saved(Err("disk full".into()))),
        1 => Just(Action::Copied(Ok("copied".into()))),
    ]
}

fn fresh_state() -> State {
    let context = Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    );
    State::new(parse(FLOW).unwrap().value, context, Some("f.json".into()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_input_never_panics_and_undo_redo_are_exact(
        actions in prop::collection::vec(action(), 0..120),
        width in 0u16..140,
        height in 0u16..50,
    ) {
        let mut state = fresh_state();
        let original = state.session.document.clone();
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for action in actions {
            update(&mut state, action);
            state.effects.clear();
            let mut drawn = None;
            terminal.draw(|frame| drawn = Some(view::draw_mapped(frame, &state))).unwrap();
            state.screen.hit_map = drawn;
        }
        // Give the terminal a usable size back (while it is too small only quitting acts),
        // leave whatever mode or window is open, then undo everything.
        update(&mut state, Action::Resize(120, 40));
        state.screen.overlay = None;
        if !matches!(state.screen.mode, Mode::Navigate) {
            update(&mut state, Action::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
            state.screen.overlay = None;
            if matches!(state.screen.mode, Mode::Raw(_) | Mode::Call(_)) {
                state.screen.mode = Mode::Navigate;
            }
        }
        let finished = state.session.document.clone();
        // As many undos as there are steps: a step that refuses to undo fails the property
        // below instead of looping for ever.
        let undone = state.session.history.undo_steps();
        for _ in 0..undone {
            update(&mut state, Action::Command(Command::Undo));
        }
        prop_assert!(!state.session.history.can_undo(), "an undo step was refused");
        prop_assert_eq!(&state.session.document, &original);
        // And redo walks the same steps forward to exactly where the edits ended.
        for _ in 0..undone {
            update(&mut state, Action::Command(Command::Redo));
        }
        prop_assert_eq!(state.session.document, finished);
    }
}
