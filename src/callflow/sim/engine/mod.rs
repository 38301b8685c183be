//! The call, step by step (SIM.md §1–§4): a discrete-event loop over a simulated clock in
//! whole ms. Things due at the same instant are handled in SIM's order (ring outcomes and
//! hang-ups, then ends of playback and timers, then keys; each class in the order it was
//! scheduled), and handling one includes everything it causes at that instant.
//!
//! The engine is steppable, for a call screen: [`Simulation::advance`] moves to the next
//! instant, [`Simulation::press`] and [`Simulation::hang_up`] act now, and
//! [`Simulation::heard`] and [`Simulation::window`] say what the caller hears and what the
//! capture window holds. A scripted run is a loop over `advance`.
//!
//! The capture window's part of the story is in `capturing.rs`, the end of a callflow and
//! of the session in `ending.rs`.

mod capturing;
mod choosing;
mod ending;

use super::agenda::{Agenda, Happening};
use super::callee::Callee;
use super::capture::{CaptureSpec, Closing, Window};
use super::clock::Clock;
use super::duration::{speed_thousandths, spoken_ms};
use super::events::{self, CallStatus, Channel, Line, SessionFacts, trace};
use super::ids::IdSource;
use super::legs::{Leg, LegEnd};
use super::press::TryPresses;
use super::setup::Setup;
use super::view::{Heard, ReplyCheck, WindowView};
use crate::callflow::json::{Json, Object};
use crate::callflow::params::ActionKind;
use crate::callflow::parse::parse_bytes;
use crate::callflow::validate::{validate, validate_bytes, validate_parsed};
use crate::callflow::verdict::Verdict;
use ending::Ending;
use std::collections::VecDeque;
use std::sync::Arc;

/// The platform gives up on a leg nobody answers this long after dialling (undocumented;
/// a usual carrier value).
pub const NO_ANSWER_AFTER_MS: u64 = 60_000;

/// What happens when a playback ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterPlay {
    ActionDone,
    OpenWindow,
    CaptureSucceeded,
    TryFailed,
}

/// What the call is doing between two happenings.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Activity {
    Dialling(usize),
    Playing {
        token: u64,
        then: AfterPlay,
    },
    Listening {
        token: u64,
    },
    /// Bridged with nothing left to play: until a party hangs up.
    Waiting,
    Over,
}

/// The callflow being run: the request's, or a reply's.
#[derive(Clone, Debug, Default)]
struct Flow {
    actions: Arc<[Json]>,
    /// 0 for the request, n for the n-th reply.
    number: u64,
    next: usize,
    client_action_id: Option<String>,
    /// The result of the last sayAndCapture that ran in this flow.
    capture_result: Option<String>,
    /// The legacy `dtmfCallbackUrl` of that sayAndCapture.
    capture_callback: Option<String>,
}

/// The sayAndCapture in progress.
#[derive(Clone, Debug)]
struct Capture {
    spec: CaptureSpec,
    try_number: u64,
    window: Option<Window>,
}

/// One session, from the request's response to its summary: the state of the call, the
/// lines printed so far, and the agenda of what comes next.
pub struct Simulation {
    setup: Setup,
    verdict: Verdict,
    clock: Clock,
    t: u64,
    agenda: Agenda,
    tokens: u64,
    ids: IdSource,
    session_id: String,
    client_request_id: Option<String>,
    legs: Vec<Leg>,
    flow: Flow,
    activity: Activity,
    heard: Option<Heard>,
    capture: Option<Capture>,
    last_action: &'static str,
    vca_count: u64,
    presses: VecDeque<TryPresses>,
    reply_checks: Vec<ReplyCheck>,
    lines: Vec<Line>,
}

impl Simulation {
    /// Checks the body as `callflow validate` does and, when it is created, places the call.
    pub fn from_bytes(body: &[u8], setup: Setup) -> Simulation {
        match parse_bytes(body) {
            Ok(parsed) => {
                let verdict = validate_parsed(&parsed, &setup.context);
                Simulation::start(parsed.value, verdict, setup)
            }
            Err(_) => {
                let verdict = validate_bytes(body, &setup.context);
                Simulation::start(Json::Null, verdict, setup)
            }
        }
    }

    /// The same for a document already in memory (the builder's).
    pub fn from_document(document: &Json, setup: Setup) -> Simulation {
        let verdict = validate(document, &setup.context);
        Simulation::start(document.clone(), verdict, setup)
    }

    fn start(mut document: Json, verdict: Verdict, setup: Setup) -> Simulation {
        let mut ids = IdSource::new(setup.seed);
        let request_id = ids.next_id();
        let root = document.as_object();
        let mut simulation = Simulation {
            clock: Clock::starting_at(setup.context.now),
            presses: setup.presses.tries.iter().cloned().collect(),
            verdict,
            t: 0,
            agenda: Agenda::default(),
            tokens: 0,
            session_id: String::new(),
            client_request_id: root
                .and_then(|r| r.get("clientRequestId"))
                .and_then(Json::as_str)
                .map(str::to_owned),
            legs: Vec::new(),
            flow: Flow::default(),
            activity: Activity::Over,
            heard: None,
            capture: None,
            last_action: "MAKE_CALL",
            vca_count: 0,
            reply_checks: Vec::new(),
            lines: Vec::new(),
            ids,
            setup,
        };
        if !simulation.verdict.is_created() {
            let event = events::refused_response(&request_id, &simulation.verdict.response);
            simulation.emit(Channel::Response, event);
            return simulation;
        }
        simulation.session_id = simulation.ids.next_id();
        let valid_until = root
            .and_then(|r| r.given("validUntil"))
            .and_then(Json::as_str);
        let event = events::created_response(&simulation.session_id, &request_id, valid_until);
        simulation.emit(Channel::Response, event);
        let actions = take_callflow(&mut document);
        if actions
            .iter()
            .any(|a| action_kind(a) == Some(ActionKind::ExecuteScenario))
        {
            // The scenario's behaviour is configured on the platform: not simulated.
            return simulation;
        }
        let max_ms = simulation.setup.max_ms;
        simulation.schedule(max_ms, Happening::TimeLimit);
        simulation.flow = Flow {
            actions,
            ..Flow::default()
        };
        simulation.activity = Activity::Waiting;
        simulation.run_next_action();
        simulation
    }

    // ----- what a view reads -----

    /// The request's verdict: a refused request is not simulated.
    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    /// Every line so far, in order.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The current `t`, in ms.
    pub fn now(&self) -> u64 {
        self.t
    }

    pub fn is_over(&self) -> bool {
        self.activity == Activity::Over
    }

    /// The instant of the next scheduled happening, if the call goes on.
    pub fn next_instant(&self) -> Option<u64> {
        if self.is_over() {
            return None;
        }
        self.agenda.next_at()
    }

    /// What is being played now.
    pub fn heard(&self) -> Option<&Heard> {
        self.heard.as_ref()
    }

    /// The open capture window, if any.
    pub fn window(&self) -> Option<WindowView> {
        let capture = self.capture.as_ref()?;
        let window = capture.window.as_ref()?;
        Some(WindowView {
            try_number: window.try_number,
            tries: capture.spec.tries,
            digits: window.digits.clone(),
            opened_at: window.opened_at,
            overall_deadline: window.overall_deadline,
            digit_deadline: window.digit_deadline,
            min_digits: capture.spec.min_digits,
            max_digits: capture.spec.max_digits,
            complete_on_hash: capture.spec.complete_on_hash,
        })
    }

    /// The legs dialled so far (callA first).
    pub fn legs(&self) -> &[Leg] {
        &self.legs
    }

    /// The verdict of each VCA reply that was a callflow body.
    pub fn reply_checks(&self) -> &[ReplyCheck] {
        &self.reply_checks
    }

    /// `--press` tokens meant for capture tries that never happened.
    pub fn unused_press_tokens(&self) -> usize {
        self.presses.iter().map(|p| p.tokens.len()).sum()
    }

    // ----- stepping -----

    /// Moves the clock to the next scheduled instant and handles everything due then.
    /// `false` when the call is over.
    pub fn advance(&mut self) -> bool {
        match self.next_instant() {
            Some(at) => {
                self.handle_due_at(at);
                true
            }
            None => false,
        }
    }

    /// Runs the call to its end.
    pub fn run_to_end(&mut self) {
        while self.advance() {}
    }

    /// Moves the clock forward to `at` (not past the next scheduled instant), handling
    /// nothing: for a view that runs in real time between happenings.
    pub fn wait_until(&mut self, at: u64) {
        let limit = self.next_instant().unwrap_or(at);
        self.t = self.t.max(at.min(limit));
    }

    /// callA's callee presses a key now.
    pub fn press(&mut self, key: char) {
        if self.is_over() || !super::press::is_key(key) {
            return;
        }
        self.schedule(self.t, Happening::Key(key));
        self.handle_due_at(self.t);
    }

    /// callA's callee hangs up now (once answered).
    pub fn hang_up(&mut self) {
        if self.is_over() {
            return;
        }
        self.schedule(self.t, Happening::CalleeHangsUp(0));
        self.handle_due_at(self.t);
    }

    fn handle_due_at(&mut self, at: u64) {
        self.t = at;
        while !self.is_over() {
            let Some(what) = self.agenda.take_due(at) else {
                break;
            };
            self.handle(what);
        }
    }

    fn schedule(&mut self, at: u64, what: Happening) {
        self.agenda.schedule(at, what);
    }

    fn next_token(&mut self) -> u64 {
        self.tokens += 1;
        self.tokens
    }

    fn handle(&mut self, what: Happening) {
        match what {
            Happening::RingOutcome(leg) => self.ring_outcome(leg),
            Happening::GiveUp(leg) => self.leg_failed(leg, LegEnd::NoAnswer),
            Happening::CalleeHangsUp(leg) => self.callee_hangs_up(leg),
            Happening::TimeLimit => self.callee_hangs_up(0),
            Happening::PlaybackEnds(token) => self.playback_ends(token),
            Happening::WindowDeadline(token) => {
                if self.activity == (Activity::Listening { token }) {
                    self.close_window(Closing::Timeout);
                }
            }
            Happening::Key(key) => self.key(key),
        }
    }

    // ----- lines -----

    fn emit(&mut self, channel: Channel, event: Json) {
        self.lines.push(Line::new(self.t, channel, event));
    }

    /// A trace line, built only when traces are asked for.
    fn emit_trace(&mut self, event: impl FnOnce() -> Json) {
        if self.setup.trace {
            self.emit(Channel::Trace, event());
        }
    }

    fn session(&self) -> SessionFacts<'_> {
        SessionFacts {
            session_id: &self.session_id,
            subaccount: &self.setup.subaccount,
        }
    }

    fn emit_call_status(&mut self, leg: usize, status: &'static str, dtmf: Option<char>) {
        let event_id = self.ids.next_id();
        let state = &self.legs[leg];
        let (duration, sip_code) = if status == "CALL_DISCONNECTED" {
            (state.duration_seconds(), state.disconnect_sip_code())
        } else if status == "CALL_INITIATED" {
            (0, 100)
        } else {
            (0, 200)
        };
        let event = events::vcs(
            &self.session(),
            CallStatus {
                event_id,
                status,
                duration,
                dtmf,
                sip_code,
                timestamp: self.clock.event_time(self.t),
                leg: &self.legs[leg],
            },
        );
        self.emit(Channel::Vcs, event);
    }

    // ----- the callflow -----

    fn run_next_action(&mut self) {
        let actions = Arc::clone(&self.flow.actions);
        let Some(action) = actions.get(self.flow.next) else {
            return self.end_of_flow();
        };
        let index = self.flow.next;
        self.flow.next += 1;
        let object = action.as_object();
        let name = object
            .and_then(|o| o.get("action"))
            .and_then(Json::as_str)
            .unwrap_or_default();
        let flow = self.flow.number;
        self.emit_trace(|| trace::action(flow, index, name));
        let params = object
            .and_then(|o| o.get("params"))
            .and_then(Json::as_object);
        let kind = ActionKind::from_name(name);
        if let Some(kind) = kind {
            self.last_action = summary_name(kind);
        }
        match kind {
            Some(ActionKind::MakeCall) => self.make_call(params),
            Some(ActionKind::Say) => self.say(params),
            Some(ActionKind::SayAndCapture) => self.begin_capture(params),
            Some(ActionKind::PlayFile) => self.play_file(params),
            Some(ActionKind::Hangup) => self.end_session(Ending::Completed { first: 0 }),
            // Never in a flow that runs: a scenario request is not simulated, a reply
            // with one is refused.
            Some(ActionKind::ExecuteScenario) | None => self.run_next_action(),
        }
    }

    fn make_call(&mut self, params: Option<&Object>) {
        let number = |key| {
            params
                .and_then(|p| p.get(key))
                .and_then(Json::as_str)
                .unwrap_or_default()
        };
        let leg = self.legs.len();
        let callee = if leg == 0 {
            self.setup.callee_a
        } else {
            self.setup.callee_b
        };
        let call_id = self.ids.next_id();
        self.legs.push(Leg::dial(
            call_id,
            number("source"),
            number("destination"),
            callee,
            self.t,
        ));
        self.activity = Activity::Dialling(leg);
        self.heard = None;
        self.emit_call_status(leg, "CALL_INITIATED", None);
        match callee {
            Callee::NoAnswer => self.schedule(
                self.t.saturating_add(NO_ANSWER_AFTER_MS),
                Happening::GiveUp(leg),
            ),
            _ => self.schedule(
                self.t.saturating_add(self.setup.ring_ms),
                Happening::RingOutcome(leg),
            ),
        }
    }

    fn say(&mut self, params: Option<&Object>) {
        let text = params
            .and_then(|p| p.given("text"))
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned();
        let speed = speed_thousandths(params.and_then(|p| p.given("speed")));
        let ms = spoken_ms(&text, speed).saturating_mul(repetition(params));
        self.play("say", "text", text, ms, AfterPlay::ActionDone);
    }

    fn play_file(&mut self, params: Option<&Object>) {
        let url = params
            .and_then(|p| p.given("fileUrl"))
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned();
        if self.setup.broken_files.contains(&url) {
            return self.end_session(Ending::Error {
                code: -2006,
                message: "Unable to download file for playback",
            });
        }
        let ms = self.setup.file_ms.saturating_mul(repetition(params));
        self.play("file", "fileUrl", url, ms, AfterPlay::ActionDone);
    }

    /// Starts a playback; one of no length (an absent message) is skipped at once.
    fn play(&mut self, kind: &'static str, key: &str, content: String, ms: u64, then: AfterPlay) {
        if ms == 0 {
            self.heard = None;
            return self.after_play(then);
        }
        self.emit_trace(|| trace::play(kind, key, &content, ms));
        let token = self.next_token();
        self.heard = Some(Heard {
            kind,
            content,
            started_at: self.t,
            ms,
        });
        self.activity = Activity::Playing { token, then };
        self.schedule(self.t.saturating_add(ms), Happening::PlaybackEnds(token));
    }

    fn playback_ends(&mut self, token: u64) {
        if let Activity::Playing {
            token: playing,
            then,
        } = self.activity
        {
            if playing == token {
                self.heard = None;
                self.after_play(then);
            }
        }
    }

    fn after_play(&mut self, then: AfterPlay) {
        match then {
            AfterPlay::ActionDone => self.run_next_action(),
            AfterPlay::OpenWindow => self.open_window(),
            AfterPlay::CaptureSucceeded => self.end_capture(),
            AfterPlay::TryFailed => self.after_failed_try(),
        }
    }

    // ----- the legs -----

    fn ring_outcome(&mut self, leg: usize) {
        match self.legs[leg].callee {
            Callee::Busy => self.leg_failed(leg, LegEnd::Busy),
            Callee::Failed => self.leg_failed(leg, LegEnd::Failed),
            Callee::NoAnswer => self.leg_failed(leg, LegEnd::NoAnswer),
            Callee::Answer | Callee::HangupAfter(_) => self.connect(leg),
        }
    }

    fn connect(&mut self, leg: usize) {
        self.legs[leg].connected_at = Some(self.t);
        self.emit_call_status(leg, "CALL_CONNECTED", None);
        if let Callee::HangupAfter(ms) = self.legs[leg].callee {
            self.schedule(self.t.saturating_add(ms), Happening::CalleeHangsUp(leg));
        }
        if self.activity == Activity::Dialling(leg) {
            self.run_next_action();
        }
    }

    fn leg_failed(&mut self, leg: usize, end: LegEnd) {
        if self.legs[leg].is_ringing() {
            self.end_session(Ending::LegFailed { leg, end });
        }
    }

    fn callee_hangs_up(&mut self, leg: usize) {
        let Some(state) = self.legs.get(leg) else {
            return;
        };
        if !state.is_connected() {
            return;
        }
        let other_rings = self.legs.get(1 - leg).is_some_and(Leg::is_ringing);
        if leg == 0 && other_rings {
            self.end_session(Ending::Canceled);
        } else {
            self.end_session(Ending::Completed { first: leg });
        }
    }
}

/// The request's actions, moved out of it: the request is not needed once it runs.
fn take_callflow(document: &mut Json) -> Arc<[Json]> {
    match document
        .as_object_mut()
        .and_then(|root| root.remove("callflow"))
    {
        Some(Json::Array(actions)) => Arc::from(actions),
        _ => Arc::from([]),
    }
}

fn callflow_of(document: &Json) -> Arc<[Json]> {
    document
        .as_object()
        .and_then(|root| root.get("callflow"))
        .and_then(Json::as_array)
        .map_or_else(|| Arc::from([]), |actions| Arc::from(actions.as_slice()))
}

fn action_kind(action: &Json) -> Option<ActionKind> {
    action
        .as_object()
        .and_then(|o| o.get("action"))
        .and_then(Json::as_str)
        .and_then(ActionKind::from_name)
}

fn repetition(params: Option<&Object>) -> u64 {
    params
        .and_then(|p| p.given("repetition"))
        .and_then(Json::as_number)
        .and_then(|n| n.as_i32())
        .and_then(|n| u64::try_from(n).ok())
        .unwrap_or(1)
        .max(1)
}

/// `from + wait`, never before 0.
fn offset(from: u64, wait: i64) -> u64 {
    if wait >= 0 {
        from.saturating_add(wait as u64)
    } else {
        from.saturating_sub(wait.unsigned_abs())
    }
}

/// `lastAction`'s spelling of an action.
fn summary_name(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::MakeCall => "MAKE_CALL",
        ActionKind::Say => "SAY",
        ActionKind::SayAndCapture => "SAY_AND_CAPTURE",
        ActionKind::PlayFile => "PLAY_FILE",
        ActionKind::Hangup => "HANGUP",
        ActionKind::ExecuteScenario => "EXECUTE_SCENARIO",
    }
}
