//! The builder's send: the panel's stages as a person sees them (keys in, the screen out),
//! and the real event loop with a fake world that holds each request until the test
//! answers it, so waiting is seen not to block anything.

mod common;

use callflow::callflow::document::starter;
use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant, Response, StatusCode};
use callflow::io::clipboard::CopyRoute;
use callflow::io::credentials::{ApiKey, ApiSettings};
use callflow::io::document_file::DiskStamp;
use callflow::io::send::{Recorded, Sent};
use callflow::tui::action::{Action, Command, Effect};
use callflow::tui::event_loop;
use callflow::tui::input::{Incoming, Input, Reporter};
use callflow::tui::keys::{self, KeyMode};
use callflow::tui::overlays::send::Stage;
use callflow::tui::sending::SendRequest;
use callflow::tui::state::{Overlay, State};
use callflow::tui::update::update;
use callflow::tui::view;
use callflow::tui::world::World;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

const KEY: &str = "test-key-0123456789-SECRET-abcd";
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn settings() -> ApiSettings {
    ApiSettings {
        base: "http://127.0.0.1:9".to_owned(),
        subaccount: "acme".to_owned(),
        key: ApiKey::new(KEY).unwrap(),
        timeout: Duration::from_secs(3),
    }
}

fn context() -> Context {
    Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    )
}

/// The starter callflow (1 Created), with the API reachable.
fn ready_state() -> State {
    let mut state = State::new(starter(), context(), Some(PathBuf::from("flow.json")));
    state.api = Ok(settings());
    state
}

fn key(code: KeyCode) -> Action {
    Action::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        update(state, key(KeyCode::Char(c)));
    }
}

fn screen(state: &State, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    terminal.backend().to_string()
}

fn stage(state: &State) -> &Stage {
    match &state.screen.overlay {
        Some(Overlay::Send(panel)) => &panel.stage,
        other => panic!("the send panel is not open: {other:?}"),
    }
}

fn sends(state: &State) -> Vec<SendRequest> {
    state
        .effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Send(request) => Some(request.clone()),
            _ => None,
        })
        .collect()
}

fn refused_answer() -> Sent {
    Sent {
        answer: callflow::callflow::difference::ApiAnswer {
            http_status: 400,
            body: serde_json::json!({"sessionStatus": "NOT_CREATED", "statusCode": -1014, "statusMessage": "Source or caller ID is not allowed"}),
        },
        difference: Some(Recorded::Journal(PathBuf::from(
            "/home/you/.local/state/callflow/differences.jsonl",
        ))),
    }
}

fn created_answer() -> Sent {
    Sent {
        answer: callflow::callflow::difference::ApiAnswer {
            http_status: 200,
            body: serde_json::json!({"sessionId": "a1b2", "sessionStatus": "CREATED", "callFlowRequestId": "c3d4", "validUntil": "2026-12-02T09:00:00Z", "statusCode": 1, "statusMessage": "Created"}),
        },
        difference: None,
    }
}

#[test]
fn the_send_command_is_in_the_key_table_help_and_palette() {
    let binding = keys::BINDINGS
        .iter()
        .find(|binding| binding.command == Some(Command::Send))
        .expect("S is bound");
    assert_eq!(binding.keys, "S");
    let mut state = ready_state();
    update(&mut state, Action::Command(Command::Help));
    assert!(screen(&state, (120, 40)).contains("send for real (asks first)"));
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Char(':')));
    type_text(&mut state, "for real");
    let palette = screen(&state, (120, 40));
    assert!(palette.contains("send for real (asks first)"), "{palette}");
    update(&mut state, key(KeyCode::Enter));
    assert!(matches!(stage(&state), Stage::Confirm { .. }));
}

#[test]
fn the_question_names_the_numbers_and_the_masked_key_and_sends_only_on_the_word() {
    let mut state = ready_state();
    update(&mut state, key(KeyCode::Char('S')));
    assert_eq!(keys::active(&state), KeyMode::SendConfirm);
    let shown = screen(&state, (80, 24));
    assert!(shown.contains("A real call to +6590000000"), "{shown}");
    assert!(shown.contains("key ****abcd"), "{shown}");
    assert!(!shown.contains("SECRET"), "{shown}");

    type_text(&mut state, "sned");
    update(&mut state, key(KeyCode::Enter));
    assert!(sends(&state).is_empty(), "a wrong word sends nothing");
    assert!(screen(&state, (80, 24)).contains("Type the word send exactly"));

    for _ in 0..4 {
        update(&mut state, key(KeyCode::Backspace));
    }
    type_text(&mut state, "send");
    update(&mut state, key(KeyCode::Enter));
    let sent = sends(&state);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].body, state.derived.printed,
        "the bytes export writes"
    );
    assert_eq!(sent[0].offline, state.derived.verdict.response);
    assert_eq!(sent[0].settings, settings());
    assert!(matches!(stage(&state), Stage::Waiting { .. }));
    assert_eq!(keys::active(&state), KeyMode::SendWaiting);
}

#[test]
fn esc_at_the_question_sends_nothing() {
    let mut state = ready_state();
    update(&mut state, key(KeyCode::Char('S')));
    type_text(&mut state, "send");
    update(&mut state, key(KeyCode::Esc));
    assert!(state.screen.overlay.is_none());
    assert!(sends(&state).is_empty());
    assert_eq!(state.screen.flash.as_ref().unwrap().text, "Not sent");
}

#[test]
fn without_settings_the_panel_says_which_variable_to_set() {
    let mut state = ready_state();
    state.api = Err("no API key: set CALLFLOW_API_KEY (or pass --api-key-file FILE)".to_owned());
    update(&mut state, key(KeyCode::Char('S')));
    let shown = screen(&state, (80, 24));
    assert!(shown.contains("set CALLFLOW_API_KEY"), "{shown}");
    type_text(&mut state, "send");
    update(&mut state, key(KeyCode::Enter));
    assert!(sends(&state).is_empty());
    assert!(state.screen.overlay.is_none(), "enter closes the notice");
}

#[test]
fn a_request_the_validator_refuses_is_not_sent_and_the_code_is_named() {
    let text = std::fs::read_to_string("tests/cases/1006-overall-below-digit.json").unwrap();
    let mut state = State::new(parse(&text).unwrap().value, context(), None);
    state.api = Ok(settings());
    update(&mut state, key(KeyCode::Char('S')));
    assert!(matches!(stage(&state), Stage::Blocked { .. }));
    let shown = screen(&state, (120, 40));
    assert!(
        shown.contains("Not sent: callflow predicts -1006"),
        "{shown}"
    );
    assert!(shown.contains("--force FILE"), "{shown}");
    type_text(&mut state, "send");
    update(&mut state, key(KeyCode::Enter));
    assert!(sends(&state).is_empty());
}

/// Sends the starter and returns the send's id.
fn confirm_send(state: &mut State) -> u64 {
    update(state, key(KeyCode::Char('S')));
    type_text(state, "send");
    update(state, key(KeyCode::Enter));
    let id = sends(state)[0].id;
    state.effects.clear();
    id
}

#[test]
fn the_spinner_turns_on_ticks_and_the_answer_replaces_it() {
    let mut state = ready_state();
    let id = confirm_send(&mut state);
    let first = screen(&state, (80, 24));
    assert!(first.contains("⠋ Sent. Waiting for the API"), "{first}");
    update(&mut state, Action::Tick(context().now));
    let second = screen(&state, (80, 24));
    assert!(second.contains("⠙ Sent. Waiting for the API"), "{second}");

    update(
        &mut state,
        Action::SendAnswered {
            id,
            outcome: Ok(refused_answer()),
        },
    );
    assert!(matches!(stage(&state), Stage::Answered { .. }));
    let shown = screen(&state, (120, 40));
    assert!(shown.contains("callflow predicted  ✓ 1 Created"), "{shown}");
    assert!(
        shown.contains("the API answered    ✗ -1014 Source or caller ID is not allowed (HTTP 400)"),
        "{shown}"
    );
    assert!(
        shown.contains("This differs from the prediction"),
        "{shown}"
    );
    assert!(shown.contains("differences.jsonl"), "{shown}");
    update(&mut state, key(KeyCode::Esc));
    assert!(state.screen.overlay.is_none());
}

#[test]
fn esc_while_waiting_returns_at_once_and_a_late_answer_is_told_in_the_status_line() {
    let mut state = ready_state();
    let id = confirm_send(&mut state);
    update(&mut state, key(KeyCode::Esc));
    assert!(
        state.screen.overlay.is_none(),
        "back to the builder at once"
    );
    assert!(
        state
            .screen
            .flash
            .as_ref()
            .unwrap()
            .text
            .contains("the call may still be placed")
    );
    update(
        &mut state,
        Action::SendAnswered {
            id,
            outcome: Ok(refused_answer()),
        },
    );
    assert!(
        state.screen.overlay.is_none(),
        "a late answer opens nothing"
    );
    let flash = &state.screen.flash.as_ref().unwrap().text;
    assert!(
        flash.contains("answered the send you stopped waiting for: -1014"),
        "{flash}"
    );
    assert!(flash.contains("recorded in"), "{flash}");
}

#[test]
fn a_late_answer_does_not_land_in_a_newer_send_panel() {
    let mut state = ready_state();
    let first = confirm_send(&mut state);
    update(&mut state, key(KeyCode::Esc));
    let second = confirm_send(&mut state);
    assert_ne!(first, second);
    update(
        &mut state,
        Action::SendAnswered {
            id: first,
            outcome: Err("no answer".to_owned()),
        },
    );
    assert!(matches!(stage(&state), Stage::Waiting { .. }));
}

/// Snapshots of each stage, read whole at both sizes.
#[test]
fn send_panel_screens() {
    for size in SIZES {
        let name = |stage: &str| format!("send_{stage}_{}x{}", size.0, size.1);
        let mut state = ready_state();
        state.screen.size = size;
        let reachable = std::mem::replace(
            &mut state.api,
            Err("no API key: set CALLFLOW_API_KEY (or pass --api-key-file FILE)".to_owned()),
        );
        update(&mut state, key(KeyCode::Char('S')));
        insta::assert_snapshot!(name("no_settings"), screen(&state, size));
        update(&mut state, key(KeyCode::Esc));
        state.api = reachable;
        update(&mut state, key(KeyCode::Char('S')));
        type_text(&mut state, "se");
        insta::assert_snapshot!(name("question"), screen(&state, size));
        type_text(&mut state, "nd");
        update(&mut state, key(KeyCode::Enter));
        let id = sends(&state)[0].id;
        state.effects.clear();
        insta::assert_snapshot!(name("waiting"), screen(&state, size));
        update(
            &mut state,
            Action::SendAnswered {
                id,
                outcome: Ok(created_answer()),
            },
        );
        insta::assert_snapshot!(name("created"), screen(&state, size));
        update(&mut state, key(KeyCode::Esc));
        let id = confirm_send(&mut state);
        update(
            &mut state,
            Action::SendAnswered {
                id,
                outcome: Ok(refused_answer()),
            },
        );
        insta::assert_snapshot!(name("difference"), screen(&state, size));
        update(&mut state, key(KeyCode::Esc));
        let id = confirm_send(&mut state);
        update(
            &mut state,
            Action::SendAnswered {
                id,
                outcome: Err(
                    "the API refused the key (HTTP 401); check CALLFLOW_API_KEY".to_owned()
                ),
            },
        );
        insta::assert_snapshot!(name("failure"), screen(&state, size));
    }
}

// ---- The real loop, with a world that holds each request until the test answers it.

/// What the loop asked to send, with the way to answer it.
type Held = Arc<Mutex<Vec<(SendRequest, Reporter)>>>;

struct HoldingWorld {
    held: Held,
}

impl World for HoldingWorld {
    fn now(&mut self) -> Instant {
        Instant::from_unix_seconds(1_800_000_000)
    }
    fn save(&mut self, _: &Path, text: &str) -> Result<DiskStamp, String> {
        Ok(DiskStamp::of_bytes(text.as_bytes()))
    }
    fn changed_on_disk(&mut self, _: &Path, _: Option<&DiskStamp>) -> bool {
        false
    }
    fn exists(&mut self, _: &Path) -> bool {
        false
    }
    fn copy(&mut self, _: &str) -> Result<CopyRoute, String> {
        Ok(CopyRoute::System)
    }
    fn write_draft(&mut self, _: Option<&Path>, text: &str) -> Result<(), String> {
        assert!(!text.contains(KEY), "a draft holds the key");
        Ok(())
    }
    fn clear_draft(&mut self, _: Option<&Path>) {}
    fn save_progress(&mut self, _: &callflow::io::progress::Progress) -> Result<(), String> {
        Ok(())
    }
    fn send_callflow(&mut self, request: SendRequest, reporter: Reporter) {
        self.held.lock().unwrap().push((request, reporter));
    }
}

fn press(feeder: &mpsc::Sender<Incoming>, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    feeder.send(Incoming::Terminal(Event::Key(key))).unwrap();
}

fn press_text(feeder: &mpsc::Sender<Incoming>, text: &str) {
    for c in text.chars() {
        press(feeder, KeyCode::Char(c));
    }
}

/// Starts the loop on its own thread; the handle gives back its outcome and state.
fn start_loop(
    state: State,
    input: Input,
    held: Held,
) -> mpsc::Receiver<(Result<(), String>, State)> {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let mut state = state;
        let mut world = HoldingWorld { held };
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let signals = AtomicBool::new(false);
        let outcome = event_loop(&mut terminal, &mut state, &mut world, &input, &signals);
        drop(input);
        let _ = done.send((outcome, state));
    });
    finished
}

/// Waits (generously: a slow machine, not a timing assertion) until the world holds a send.
fn wait_for_send(held: &Held) -> (SendRequest, Reporter) {
    for _ in 0..2000 {
        if let Some(first) = held.lock().unwrap().first().cloned() {
            return first;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the loop never sent");
}

#[test]
fn the_loop_sends_through_the_world_and_keeps_going_while_the_api_thinks() {
    let input = Input::channel();
    let feeder = input.feeder();
    let held: Held = Arc::default();
    let finished = start_loop(ready_state(), input, held.clone());
    press(&feeder, KeyCode::Char('S'));
    press_text(&feeder, "send");
    press(&feeder, KeyCode::Enter);
    let (request, reporter) = wait_for_send(&held);
    assert_eq!(request.offline.code, StatusCode::Created);
    // The API has not answered: the loop still turns the spinner on its own ticks and
    // still takes keys (a key the panel ignores).
    std::thread::sleep(Duration::from_millis(600));
    press(&feeder, KeyCode::Char('x'));
    assert!(reporter.report(Action::SendAnswered {
        id: request.id,
        outcome: Ok(created_answer()),
    }));
    feeder.send(Incoming::Closed).unwrap();
    let (outcome, state) = finished
        .recv_timeout(Duration::from_secs(30))
        .expect("the loop ends");
    assert_eq!(outcome, Err("the terminal closed".to_owned()));
    match stage(&state) {
        Stage::Answered {
            predicted,
            outcome: Ok(sent),
        } => {
            assert_eq!(
                *predicted,
                Response {
                    code: StatusCode::Created,
                    message: "Created".to_owned()
                }
            );
            assert!(sent.answer.is_created());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(held.lock().unwrap().len(), 1, "one request, sent once");
}

#[test]
fn esc_while_the_api_thinks_returns_to_the_builder_and_the_loop_takes_the_late_answer() {
    let input = Input::channel();
    let feeder = input.feeder();
    let held: Held = Arc::default();
    let finished = start_loop(ready_state(), input, held.clone());
    press(&feeder, KeyCode::Char('S'));
    press_text(&feeder, "send");
    press(&feeder, KeyCode::Enter);
    let (request, reporter) = wait_for_send(&held);
    std::thread::sleep(Duration::from_millis(300));
    press(&feeder, KeyCode::Esc);
    // Back in the builder: its keys work again (j moves down the actions).
    press(&feeder, KeyCode::Char('j'));
    std::thread::sleep(Duration::from_millis(300));
    assert!(reporter.report(Action::SendAnswered {
        id: request.id,
        outcome: Ok(refused_answer()),
    }));
    feeder.send(Incoming::Closed).unwrap();
    let (_, state) = finished
        .recv_timeout(Duration::from_secs(30))
        .expect("the loop ends");
    assert!(state.screen.overlay.is_none());
    assert_eq!(state.screen.row_index, 2, "j moved in the builder");
    let flash = &state.screen.flash.as_ref().unwrap().text;
    assert!(flash.contains("stopped waiting for: -1014"), "{flash}");
}

// ---- The real background sender, against a fake API on 127.0.0.1.

#[test]
fn the_background_sender_posts_the_bytes_and_reports_the_answer_to_the_loop() {
    use callflow::tui::input::Waited;
    use callflow::tui::sending::send_in_background;
    use common::fake_api::{FakeApi, Reply};
    let created = r#"{"sessionId":"a1b2","sessionStatus":"CREATED","statusCode":1,"statusMessage":"Created"}"#;
    let api = FakeApi::start(&[(
        "callflows",
        Reply::Late(Duration::from_millis(300), 200, created),
    )]);
    let state = ready_state();
    let request = SendRequest {
        id: 7,
        settings: ApiSettings {
            base: api.base.clone(),
            ..settings()
        },
        body: state.derived.printed.clone(),
        offline: state.derived.verdict.response.clone(),
    };
    let input = Input::channel();
    send_in_background(request, input.reporter());
    // It returned at once; the answer arrives later, through the loop's inbox.
    let Waited::Events(events) = input.wait(Duration::from_secs(20), 1) else {
        panic!("no report");
    };
    match &events[..] {
        [
            Incoming::Report(Action::SendAnswered {
                id: 7,
                outcome: Ok(sent),
            }),
        ] => {
            assert!(sent.answer.is_created());
            assert_eq!(sent.difference, None, "the prediction held");
        }
        other => panic!("{other:?}"),
    }
    let received = api.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].body, state.derived.printed.as_bytes());
    assert_eq!(
        received[0].headers["authorization"],
        format!("Bearer {KEY}")
    );
}

#[test]
fn quitting_while_an_answer_is_due_asks_first() {
    let mut state = ready_state();
    let id = confirm_send(&mut state);
    update(&mut state, key(KeyCode::Esc));
    update(&mut state, key(KeyCode::Char('q')));
    assert!(state.effects.is_empty(), "not quit yet");
    let shown = screen(&state, (120, 40));
    assert!(
        shown.contains("The API has not answered a send yet"),
        "{shown}"
    );
    update(&mut state, key(KeyCode::Char('n')));
    assert!(state.screen.overlay.is_none());

    // Once the answer came, q quits at once (nothing unsaved).
    update(
        &mut state,
        Action::SendAnswered {
            id,
            outcome: Err("no answer".to_owned()),
        },
    );
    update(&mut state, key(KeyCode::Char('q')));
    assert_eq!(state.effects, [Effect::Quit]);
}

#[test]
fn an_answer_that_comes_while_the_palette_is_open_lands_in_the_panel_beneath() {
    let mut state = ready_state();
    let id = confirm_send(&mut state);
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
    );
    assert!(matches!(state.screen.overlay, Some(Overlay::Palette(_))));
    update(
        &mut state,
        Action::SendAnswered {
            id,
            outcome: Ok(created_answer()),
        },
    );
    update(&mut state, key(KeyCode::Esc));
    assert!(matches!(stage(&state), Stage::Answered { .. }));
}

#[test]
fn a_huge_or_hostile_answer_is_shown_short_and_inert() {
    let mut state = ready_state();
    let id = confirm_send(&mut state);
    let message = format!("\u{1b}[31mred{}", "x".repeat(1_000_000));
    let sent = Sent {
        answer: callflow::callflow::difference::ApiAnswer {
            http_status: 422,
            body: serde_json::json!({"sessionStatus": "NOT_CREATED", "statusCode": -1014, "statusMessage": message}),
        },
        difference: None,
    };
    update(
        &mut state,
        Action::SendAnswered {
            id,
            outcome: Ok(sent),
        },
    );
    for size in SIZES {
        let shown = screen(&state, size);
        assert!(shown.contains("␛[31mred"), "{shown}");
        assert!(!shown.contains('\u{1b}'));
        assert!(shown.contains("callflow predicted  ✓ 1 Created"), "{shown}");
        assert!(shown.contains('…'), "cut short: {shown}");
    }
}

#[test]
fn a_request_that_expires_while_the_question_is_open_is_not_sent() {
    let text = r#"{"validUntil": "2027-06-01T00:00:00Z", "callflow": [
        {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
        {"action": "say", "params": {"text": "Hi", "voiceProfile": "en-US-BenjaminRUS"}}]}"#;
    let mut state = State::new(parse(text).unwrap().value, context(), None);
    state.api = Ok(settings());
    assert!(state.derived.verdict.is_created(), "valid at the start");
    update(&mut state, key(KeyCode::Char('S')));
    type_text(&mut state, "send");
    // The clock passes validUntil while the word is typed.
    update(
        &mut state,
        Action::Tick(Instant::from_unix_seconds(1_900_000_000)),
    );
    update(&mut state, key(KeyCode::Enter));
    assert!(sends(&state).is_empty());
    assert!(matches!(stage(&state), Stage::Blocked { .. }));
    assert!(screen(&state, (120, 40)).contains("callflow predicts -1015"));
}
