//! The call screen (SIM.md §5 `--interactive`, in the builder): keys in, the screen and the
//! simulated call out. Time moves only by the ticks a test hands in, as the event loop's
//! would, so every instant below is exact.

mod common;

use callflow::callflow::datetime::parse_rfc3339;
use callflow::callflow::parse::parse;
use callflow::callflow::sim::{Channel, PressScript, Responder, Setup, run_script};
use callflow::callflow::{AccountProfile, Context, Instant, StatusCode};
use callflow::tui::action::{Action, Command, Effect};
use callflow::tui::state::{Mode, Overlay, State};
use callflow::tui::update::update;
use callflow::tui::view;
use common::{Pty, scratch_dir};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: &str = "2026-03-02T09:00:00Z";

fn now() -> Instant {
    parse_rfc3339(NOW).unwrap()
}

/// `ms` of real time after the first tick.
fn later(ms: i128) -> Instant {
    Instant(now().0 + ms * 1_000_000)
}

fn state_of(path: &str) -> State {
    let text = std::fs::read_to_string(path).unwrap();
    let context = Context::new(AccountProfile::default(), now());
    State::new(parse(&text).unwrap().value, context, Some(path.into()))
}

fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typing(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

fn call(state: &State) -> &callflow::tui::screens::call::CallScreen {
    match &state.screen.mode {
        Mode::Call(call) => call,
        other => panic!("not on the call screen: {other:?}"),
    }
}

fn screen(state: &State, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    terminal.backend().to_string()
}

/// SIM.md 6.2's request on the call screen, 1.5 s into the capture window: Space to the
/// answer (5000), Space to the window (8400), then 1500 ms of real time.
fn in_the_window() -> State {
    let mut state = state_of("tests/sim/ivr-hash.json");
    update(&mut state, Action::Command(Command::Simulate));
    update(&mut state, Action::Tick(later(0)));
    typing(&mut state, "  ");
    assert_eq!(call(&state).simulation.now(), 8400);
    update(&mut state, Action::Tick(later(1500)));
    state
}

#[test]
fn the_call_screen_at_both_sizes() {
    let mut state = in_the_window();
    typing(&mut state, "7");
    for size in [(80, 24), (120, 40)] {
        state.screen.size = size;
        insta::assert_snapshot!(
            format!("call_window_{}x{}", size.0, size.1),
            screen(&state, size)
        );
    }
}

#[test]
fn the_prompt_being_heard_at_both_sizes() {
    let mut state = state_of("tests/sim/ivr-hash.json");
    update(&mut state, Action::Command(Command::Simulate));
    update(&mut state, Action::Tick(later(0)));
    typing(&mut state, " "); // answered at 5000: the prompt starts
    update(&mut state, Action::Tick(later(1200)));
    typing(&mut state, "p"); // paused at 6.2 s
    for size in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("call_prompt_{}x{}", size.0, size.1),
            screen(&state, size)
        );
    }
}

#[test]
fn a_refused_request_shows_its_code_and_places_no_call() {
    let mut state = State::new(
        parse(
            r#"{"callflow": [{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
            {"action": "sayAndCapture", "params": {"promptMessage": "Press 1", "voiceProfile": "en-GB-Emma", "digitTimeout": 10000, "overallTimeout": 5000}}]}"#,
        )
        .unwrap()
        .value,
        Context::new(AccountProfile::default(), now()),
        None,
    );
    update(&mut state, Action::Command(Command::Simulate));
    let lines = call(&state).simulation.lines();
    assert_eq!(lines.len(), 1, "only the response");
    assert_eq!(lines[0].channel, Channel::Response);
    typing(&mut state, " 1");
    assert_eq!(call(&state).simulation.lines().len(), 1, "nothing to step");
    for size in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("call_refused_{}x{}", size.0, size.1),
            screen(&state, size)
        );
    }
    key(&mut state, KeyCode::Esc);
    assert!(matches!(state.screen.mode, Mode::Navigate));
}

#[test]
fn digits_and_hash_close_the_window_and_the_vca_reports_them() {
    let mut state = in_the_window();
    typing(&mut state, "1234");
    let window = call(&state).simulation.window().expect("still open");
    assert_eq!(window.digits, "1234");
    assert_eq!(window.digit_deadline, Some(9900 + 5000));
    typing(&mut state, "#");
    assert!(
        call(&state).simulation.window().is_none(),
        "# closed the window"
    );
    let heard = call(&state)
        .simulation
        .heard()
        .expect("the success message");
    assert_eq!(
        (heard.kind, heard.content.as_str()),
        ("success", "Thank you.")
    );
    typing(&mut state, " ");
    let simulation = &call(&state).simulation;
    let vca = simulation
        .lines()
        .iter()
        .find(|line| line.channel == Channel::Vca)
        .expect("a VCA line");
    assert_eq!(vca.t, 10600, "after the 700 ms success message");
    let compact = vca.to_compact();
    assert!(
        compact.contains(r#""eventData":{"dtmf":"1234"}"#),
        "{compact}"
    );
}

#[test]
fn real_time_ticks_run_the_timers() {
    let mut state = in_the_window();
    typing(&mut state, "12");
    // The digit timer (5000 ms after the last key, at 9900) ends the try at 14900.
    update(&mut state, Action::Tick(later(1500 + 4999)));
    assert!(call(&state).simulation.window().is_some());
    update(&mut state, Action::Tick(later(1500 + 5000)));
    let simulation = &call(&state).simulation;
    assert_eq!(simulation.now(), 14900);
    assert!(simulation.window().is_none(), "the digit timer closed it");
    // Paused, real time does not count.
    typing(&mut state, "p");
    update(&mut state, Action::Tick(later(60_000)));
    assert_eq!(call(&state).simulation.now(), 14900);
}

#[test]
fn a_busy_callee_ends_the_call() {
    let mut state = state_of("tests/sim/tts.json");
    update(&mut state, Action::Command(Command::Simulate));
    typing(&mut state, "a"); // answer → busy: the call starts again
    assert_eq!(
        call(&state).setup().callee_a,
        callflow::callflow::sim::Callee::Busy
    );
    typing(&mut state, " ");
    let simulation = &call(&state).simulation;
    assert!(simulation.is_over());
    assert_eq!(simulation.now(), 5000);
    let last = simulation.lines().last().unwrap().to_compact();
    assert!(last.contains(r#""sessionStatus":"BUSY""#), "{last}");
    assert!(screen(&state, (80, 24)).contains("call over"));
}

#[test]
fn callb_s_choice_made_before_it_is_dialled_applies_to_the_running_call() {
    let mut state = state_of("tests/sim/bridge.json");
    update(&mut state, Action::Command(Command::Simulate));
    typing(&mut state, " "); // callA answers at 5000
    typing(&mut state, "bbbbb"); // hang up after 30 s → answer → busy → no answer → failed → 10 s
    assert_eq!(
        call(&state).setup().callee_b,
        callflow::callflow::sim::Callee::HangupAfter(10_000)
    );
    assert_eq!(call(&state).simulation.now(), 5000, "the call went on");
    while !call(&state).simulation.is_over() {
        typing(&mut state, " ");
    }
    let simulation = &call(&state).simulation;
    // callB dialled at 8000, answers at 13000, hangs up 10 s later.
    assert_eq!(simulation.now(), 23000);
    assert_eq!(simulation.legs().len(), 2);
    // Once callB is dialled, a new choice starts the call again.
    typing(&mut state, "b");
    assert_eq!(call(&state).simulation.now(), 0);
    assert!(
        call(&state)
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("starts again")
    );
}

/// The same presses at the same instants as a scripted run print the same lines.
#[test]
fn the_lines_match_a_scripted_run_with_the_same_presses() {
    let responder_text = std::fs::read_to_string("tests/sim/ivr-hash-responder.json").unwrap();
    let mut state = in_the_window();
    typing(&mut state, "o");
    typing(&mut state, "tests/sim/ivr-hash-responder.json");
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        state.effects,
        vec![Effect::ReadResponder {
            path: "tests/sim/ivr-hash-responder.json".into()
        }]
    );
    state.effects.clear();
    update(
        &mut state,
        Action::ResponderRead {
            path: "tests/sim/ivr-hash-responder.json".into(),
            text: Ok(responder_text.clone()),
        },
    );
    typing(&mut state, "1234#");
    while !call(&state).simulation.is_over() {
        typing(&mut state, " ");
    }
    let mut setup = Setup::new(Context::new(AccountProfile::default(), now()));
    setup.presses = PressScript::parse("1500:1234#").unwrap();
    setup.responder = Responder::from_json(&responder_text).unwrap();
    let body = std::fs::read("tests/sim/ivr-hash.json").unwrap();
    let (_, scripted) = run_script(&body, setup);
    let mut interactive = String::new();
    for line in call(&state).simulation.lines() {
        line.write(&mut interactive);
        interactive.push('\n');
    }
    assert_eq!(interactive, scripted);
    let checks = call(&state).simulation.reply_checks();
    assert_eq!(checks.len(), 1);
    assert!(checks[0].response.code.is_created());
    assert!(screen(&state, (80, 24)).contains("reply to VCA 1: ✓ 1"));
}

#[test]
fn a_malformed_responder_file_is_one_clear_message() {
    let mut state = in_the_window();
    typing(&mut state, "o");
    typing(&mut state, "r.json");
    key(&mut state, KeyCode::Enter);
    update(
        &mut state,
        Action::ResponderRead {
            path: "r.json".into(),
            text: Ok(r#"{"rules": [{"dtmf": 7, "reply": null}]}"#.to_owned()),
        },
    );
    let message = call(&state).message.clone().unwrap();
    assert!(message.is_error);
    assert_eq!(
        message.text,
        "r.json: malformed responder file: rule 1: \"dtmf\" must be a string or null"
    );
    update(
        &mut state,
        Action::ResponderRead {
            path: "gone.json".into(),
            text: Err("gone.json: No such file or directory".to_owned()),
        },
    );
    assert!(
        call(&state)
            .message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Not loaded:")
    );
    assert!(call(&state).responder_name.is_none(), "nothing was loaded");
}

#[test]
fn enter_shows_the_selected_event_whole() {
    let mut state = in_the_window();
    typing(&mut state, "k"); // from the newest line to the one before
    key(&mut state, KeyCode::Enter);
    let shown = screen(&state, (80, 24));
    assert!(shown.contains("Event 2 of 3"), "{shown}");
    assert!(shown.contains("\"to\": \"vcs\""), "{shown}");
    key(&mut state, KeyCode::PageDown);
    let shown = screen(&state, (80, 24));
    assert!(shown.contains("\"callDirection\": \"OUTBOUND\""), "{shown}");
    key(&mut state, KeyCode::Esc);
    assert!(!call(&state).detail, "esc leaves the JSON first");
    assert!(matches!(state.screen.mode, Mode::Call(_)));
}

#[test]
fn see_1006_happen_from_the_rules_browser() {
    let mut state = state_of("tests/sim/tts.json");
    update(&mut state, Action::Command(Command::Rules));
    let cursor = callflow::callflow::teaching::lessons()
        .iter()
        .position(|l| l.code == StatusCode::OverallTimeoutTooSmall)
        .unwrap();
    state.screen.overlay = Some(Overlay::Rules(callflow::tui::overlays::rules::Browser {
        cursor,
        scroll: 0,
        from_findings: None,
    }));
    typing(&mut state, "s");
    assert!(state.screen.overlay.is_none());
    // Step to the window, then to the scripted key 2000 ms into it.
    let mut window = None;
    while window.is_none() {
        typing(&mut state, " ");
        window = call(&state).simulation.window();
    }
    typing(&mut state, " ");
    let after_key = call(&state)
        .simulation
        .window()
        .expect("the key is in the window");
    let digit = after_key.digit_deadline.expect("the digit timer runs");
    assert!(
        digit > after_key.overall_deadline,
        "with equal timeouts the digit timer ends after the overall one"
    );
    typing(&mut state, " ");
    assert_eq!(call(&state).simulation.now(), after_key.overall_deadline);
    assert!(screen(&state, (120, 40)).contains("see -1006 happen"));
}

#[test]
fn a_rule_without_a_call_says_so() {
    let mut state = state_of("tests/sim/tts.json");
    update(&mut state, Action::Command(Command::Rules));
    state.screen.overlay = Some(Overlay::Rules(callflow::tui::overlays::rules::Browser {
        cursor: 0,
        scroll: 0,
        from_findings: None,
    }));
    typing(&mut state, "s");
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert!(
        state
            .screen
            .flash
            .as_ref()
            .unwrap()
            .text
            .contains("sayAndCapture")
    );
}

#[test]
fn a_tiny_terminal_draws_the_call_without_panicking() {
    let mut state = in_the_window();
    typing(&mut state, "o");
    for size in [(1, 1), (10, 3), (30, 8), (40, 12), (60, 15)] {
        let _ = screen(&state, size);
        // `simulate --interactive` draws the screen itself, at any size.
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
        let theme = callflow::tui::theme::Theme::plain();
        terminal
            .draw(|frame| {
                callflow::tui::screens::call::draw::draw(frame, frame.area(), call(&state), &theme)
            })
            .unwrap();
    }
}

#[test]
fn open_the_call_screen_press_digits_and_see_the_window_close() {
    let dir = scratch_dir("pty-call");
    std::fs::copy("tests/sim/ivr-hash.json", dir.join("ivr.json")).unwrap();
    let mut pty = Pty::spawn(&["ivr.json"], &dir, &[], (100, 30));
    pty.wait_for("CREATED");
    pty.keys("p");
    pty.wait_for("Capture window");
    pty.keys(" "); // answered
    pty.keys(" "); // the prompt ends: the window opens
    pty.wait_for("try 1 of 2");
    pty.keys("1234");
    pty.wait_for("digits \"1234\"");
    pty.keys("#");
    pty.wait_for("SUCCESS");
    pty.wait_for("keys now are not collected");
    pty.keys(" "); // the success message ends: the VCA
    pty.wait_for("ACTION_COMPLETED");
    pty.keys("q");
    pty.wait_for("+ add action");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn a_running_call_asks_for_faster_ticks() {
    let mut state = in_the_window();
    let interval = callflow::tui::screens::call::tick_interval(&state);
    assert!(interval.is_some_and(|tick| tick.as_millis() <= 100));
    typing(&mut state, "p");
    assert_eq!(callflow::tui::screens::call::tick_interval(&state), None);
    key(&mut state, KeyCode::Esc);
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert_eq!(callflow::tui::screens::call::tick_interval(&state), None);
}

#[test]
fn from_a_finding_r_then_s_plays_its_rule() {
    let mut state = State::new(
        parse(
            r#"{"callflow": [{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
            {"action": "sayAndCapture", "params": {"promptMessage": "Press 1", "voiceProfile": "en-GB-Emma", "digitTimeout": 10000, "overallTimeout": 5000}}]}"#,
        )
        .unwrap()
        .value,
        Context::new(AccountProfile::default(), now()),
        None,
    );
    update(&mut state, Action::Command(Command::Findings));
    typing(&mut state, "r");
    assert!(matches!(state.screen.overlay, Some(Overlay::Rules { .. })));
    typing(&mut state, "s");
    let call = call(&state);
    assert_eq!(call.title, "see -1006 happen");
    assert!(
        call.simulation.verdict().is_created(),
        "the lesson's request is accepted"
    );
    assert_eq!(call.setup().presses.token_count(), 1, "its key is scripted");
}

/// A world whose only file is the responder the test hands it.
struct OneFileWorld {
    responder: String,
    read: Vec<std::path::PathBuf>,
}

impl callflow::tui::world::World for OneFileWorld {
    fn now(&mut self) -> Instant {
        now()
    }
    fn save(
        &mut self,
        _: &std::path::Path,
        text: &str,
    ) -> Result<callflow::io::document_file::DiskStamp, String> {
        Ok(callflow::io::document_file::DiskStamp::of_bytes(
            text.as_bytes(),
        ))
    }
    fn changed_on_disk(
        &mut self,
        _: &std::path::Path,
        _: Option<&callflow::io::document_file::DiskStamp>,
    ) -> bool {
        false
    }
    fn exists(&mut self, _: &std::path::Path) -> bool {
        false
    }
    fn copy(&mut self, _: &str) -> Result<callflow::io::clipboard::CopyRoute, String> {
        Err("no clipboard".to_owned())
    }
    fn write_draft(&mut self, _: Option<&std::path::Path>, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn clear_draft(&mut self, _: Option<&std::path::Path>) {}
    fn save_progress(&mut self, _: &callflow::io::progress::Progress) -> Result<(), String> {
        Ok(())
    }
    fn send_callflow(
        &mut self,
        _: callflow::tui::sending::SendRequest,
        _: callflow::tui::input::Reporter,
    ) {
    }
    fn read_text(&mut self, path: &std::path::Path) -> Result<String, String> {
        self.read.push(path.to_path_buf());
        Ok(self.responder.clone())
    }
}

#[test]
fn the_responder_is_read_through_the_world_and_its_reply_is_judged() {
    use callflow::tui::effects::{Performed, perform};
    let mut world = OneFileWorld {
        // The reply to the first VCA is refused (-1006): the call ends with -2003.
        responder: r#"{"rules": [{"reply": {"callflow": [{"action": "sayAndCapture", "params": {"promptMessage": "Again", "voiceProfile": "en-GB-Emma", "digitTimeout": 10000, "overallTimeout": 5000}}]}}]}"#.to_owned(),
        read: Vec::new(),
    };
    let mut state = in_the_window();
    typing(&mut state, "oreplies.json");
    key(&mut state, KeyCode::Enter);
    let input = callflow::tui::input::Input::channel();
    for effect in std::mem::take(&mut state.effects) {
        match perform(effect, &mut world, &input.reporter()) {
            Performed::Report(action) => update(&mut state, action),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(world.read, vec![std::path::PathBuf::from("replies.json")]);
    typing(&mut state, "1234#");
    while !call(&state).simulation.is_over() {
        typing(&mut state, " ");
    }
    let checks = call(&state).simulation.reply_checks();
    assert_eq!(checks.len(), 1);
    assert_eq!(checks[0].response.code.number(), -1006);
    let shown = screen(&state, (80, 24));
    assert!(shown.contains("reply to VCA 1: ✗ -1006"), "{shown}");
    assert!(shown.contains("replies.json"), "{shown}");
    let last = call(&state).simulation.lines().last().unwrap().to_compact();
    assert!(last.contains(r#""errorCode":-2003"#), "{last}");
}
