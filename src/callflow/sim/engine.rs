//! The call, step by step (SIM.md §1–§4): a discrete-event loop over a simulated clock in
//! whole ms. Things due at the same instant are handled in SIM's order (ring outcomes and
//! hang-ups, then ends of playback and timers, then keys; each class in the order it was
//! scheduled), and handling one includes everything it causes at that instant.
//!
//! The engine is steppable, for a call screen: [`Simulation::advance`] moves to the next
//! instant, [`Simulation::press`] and [`Simulation::hang_up`] act now, and
//! [`Simulation::heard`] and [`Simulation::window`] say what the caller hears and what the
//! capture window holds. A scripted run is a loop over `advance`.

use super::callee::Callee;
use super::capture::{CaptureSpec, Closing, KeyEffect, Window};
use super::clock::Clock;
use super::duration::{speed_thousandths, spoken_ms};
use super::events::{self, CallAction, CallStatus, Channel, Line, SessionFacts, Summary, trace};
use super::ids::IdSource;
use super::legs::{Leg, LegEnd};
use super::press::{PressScript, TryPresses};
use super::reply::check_reply;
use super::responder::{Reply, Responder, VcaFacts};
use crate::callflow::json::{Json, Object};
use crate::callflow::params::ActionKind;
use crate::callflow::parse::parse_bytes;
use crate::callflow::validate::{Context, validate, validate_bytes, validate_parsed};
use crate::callflow::verdict::{Response, Verdict};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};
use std::sync::Arc;

/// The platform gives up on a leg nobody answers this long after dialling (undocumented;
/// a usual carrier value).
pub const NO_ANSWER_AFTER_MS: u64 = 60_000;

/// Everything a simulation needs besides the request.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The account profile and the instant the request is accepted (`t` 0).
    pub context: Context,
    pub callee_a: Callee,
    pub callee_b: Callee,
    pub ring_ms: u64,
    pub file_ms: u64,
    /// `fileUrl`s whose download fails (-2006).
    pub broken_files: Vec<String>,
    pub seed: u64,
    pub subaccount: String,
    /// At this `t`, callA's callee hangs up if connected, so every run ends.
    pub max_ms: u64,
    /// Add `trace` lines.
    pub trace: bool,
    pub responder: Responder,
    pub presses: PressScript,
}

impl Setup {
    /// SIM.md §5's defaults.
    pub fn new(context: Context) -> Setup {
        Setup {
            context,
            callee_a: Callee::Answer,
            callee_b: Callee::HangupAfter(30_000),
            ring_ms: 5000,
            file_ms: 5000,
            broken_files: Vec::new(),
            seed: 0,
            subaccount: "sim_subaccount".to_owned(),
            max_ms: 3_600_000,
            trace: false,
            responder: Responder::default(),
            presses: PressScript::default(),
        }
    }
}

/// What the caller hears now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heard {
    /// `say`, `prompt`, `success`, `failure` or `file`.
    pub kind: &'static str,
    /// The text, or the file's URL.
    pub content: String,
    pub started_at: u64,
    /// With all repetitions.
    pub ms: u64,
}

/// The capture window as a call screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowView {
    pub try_number: u64,
    pub tries: u64,
    pub digits: String,
    pub opened_at: u64,
    pub overall_deadline: u64,
    pub digit_deadline: Option<u64>,
    pub min_digits: u64,
    pub max_digits: u64,
    pub complete_on_hash: bool,
}

/// A VCA reply that was a callflow body, with its verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyCheck {
    /// The VCA it answered (1 for the first).
    pub vca: u64,
    pub response: Response,
}

/// Something due at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Happening {
    RingOutcome(usize),
    GiveUp(usize),
    CalleeHangsUp(usize),
    TimeLimit,
    PlaybackEnds(u64),
    WindowDeadline(u64),
    Key(char),
}

impl Happening {
    /// SIM §1's tie-break classes.
    fn class(self) -> u8 {
        match self {
            Happening::RingOutcome(_)
            | Happening::GiveUp(_)
            | Happening::CalleeHangsUp(_)
            | Happening::TimeLimit => 1,
            Happening::PlaybackEnds(_) | Happening::WindowDeadline(_) => 2,
            Happening::Key(_) => 3,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Due {
    at: u64,
    class: u8,
    order: u64,
    what: Happening,
}

impl Ord for Due {
    fn cmp(&self, other: &Due) -> Ordering {
        (self.at, self.class, self.order).cmp(&(other.at, other.class, other.order))
    }
}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Due) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What happens when a playback ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterPlay {
    ActionDone,
    OpenWindow,
    CaptureSucceeded,
    TryFailed,
}

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

/// How a session ends.
#[derive(Clone, Copy, Debug)]
enum Ending {
    /// Every leg `COMPLETED`; `first` is disconnected first.
    Completed { first: usize },
    /// A leg was busy, not answered or failed.
    LegFailed { leg: usize, end: LegEnd },
    /// callA hung up while callB rang.
    Canceled,
    /// An in-call error (SIM §3.8).
    Error { code: i32, message: &'static str },
}

pub struct Simulation {
    setup: Setup,
    verdict: Verdict,
    clock: Clock,
    t: u64,
    queue: BinaryHeap<Reverse<Due>>,
    scheduled: u64,
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
            queue: BinaryHeap::new(),
            scheduled: 0,
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
        self.queue.peek().map(|Reverse(due)| due.at)
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
        while let Some(Reverse(due)) = self.queue.peek().copied() {
            if due.at != at || self.is_over() {
                break;
            }
            self.queue.pop();
            self.handle(due.what);
        }
    }

    fn schedule(&mut self, at: u64, what: Happening) {
        self.scheduled += 1;
        self.queue.push(Reverse(Due {
            at,
            class: what.class(),
            order: self.scheduled,
            what,
        }));
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
            Callee::NoAnswer => self.schedule(self.t + NO_ANSWER_AFTER_MS, Happening::GiveUp(leg)),
            _ => self.schedule(self.t + self.setup.ring_ms, Happening::RingOutcome(leg)),
        }
    }

    fn say(&mut self, params: Option<&Object>) {
        let text = params
            .and_then(|p| p.given("text"))
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned();
        let speed = speed_thousandths(params.and_then(|p| p.given("speed")));
        let ms = spoken_ms(&text, speed) * repetition(params);
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
        let ms = self.setup.file_ms * repetition(params);
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
        self.schedule(self.t + ms, Happening::PlaybackEnds(token));
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

    // ----- sayAndCapture -----

    fn begin_capture(&mut self, params: Option<&Object>) {
        let spec = CaptureSpec::from_params(params);
        self.flow.capture_callback = spec.dtmf_callback_url.clone();
        self.capture = Some(Capture {
            spec,
            try_number: 0,
            window: None,
        });
        self.start_try();
    }

    fn start_try(&mut self) {
        let Some(capture) = self.capture.as_mut() else {
            return;
        };
        capture.try_number += 1;
        capture.window = None;
        let prompt = capture.spec.prompt.clone();
        let prompt_ms = capture.spec.prompt_total_ms();
        self.schedule_presses(self.t + prompt_ms);
        self.play("prompt", "text", prompt, prompt_ms, AfterPlay::OpenWindow);
    }

    /// The script's keys for this try: the first token counts from the window's opening
    /// (an instant before the prompt's start is moved to it), each `+` token from the one
    /// before.
    fn schedule_presses(&mut self, window_opens: u64) {
        let Some(presses) = self.presses.pop_front() else {
            return;
        };
        let prompt_starts = self.t;
        let mut at = prompt_starts;
        for (position, token) in presses.tokens.iter().enumerate() {
            let from = if position == 0 { window_opens } else { at };
            at = offset(from, token.wait_ms).max(prompt_starts);
            for &key in &token.keys {
                self.schedule(at, Happening::Key(key));
            }
        }
    }

    fn open_window(&mut self) {
        let t = self.t;
        let Some(capture) = self.capture.as_mut() else {
            return;
        };
        let window = Window::open(capture.try_number, t, &capture.spec);
        let deadline = window.deadline();
        let try_number = capture.try_number;
        capture.window = Some(window);
        let token = self.next_token();
        self.activity = Activity::Listening { token };
        self.emit_trace(|| trace::window_open(try_number));
        self.schedule(deadline, Happening::WindowDeadline(token));
    }

    fn key(&mut self, key: char) {
        if !self.legs.first().is_some_and(Leg::is_connected) {
            return; // dropped without an event
        }
        self.emit_call_status(0, "DTMF_RECEIVED", Some(key));
        if !matches!(self.activity, Activity::Listening { .. }) {
            return self.emit_trace(|| trace::ignored(key));
        }
        let t = self.t;
        let Some(capture) = self.capture.as_mut() else {
            return;
        };
        let Some(window) = capture.window.as_mut() else {
            return;
        };
        match window.press(key, t, &capture.spec) {
            KeyEffect::Closed(closing) => self.close_window(closing),
            KeyEffect::Collected { deadline } => {
                let token = self.next_token();
                self.activity = Activity::Listening { token };
                self.schedule(deadline, Happening::WindowDeadline(token));
            }
        }
    }

    fn close_window(&mut self, closing: Closing) {
        let Some(capture) = self.capture.as_mut() else {
            return;
        };
        let Some(window) = capture.window.take() else {
            return;
        };
        let ok = window.succeeded(closing, &capture.spec);
        let event = trace::window_closed(window.try_number, closing.name(), &window.digits, ok);
        let (message, kind, then) = if ok {
            self.flow.capture_result = Some(window.digits);
            let message = capture.spec.success_message.clone();
            (message, "success", AfterPlay::CaptureSucceeded)
        } else {
            let message = capture.spec.failure_message.clone();
            (message, "failure", AfterPlay::TryFailed)
        };
        let ms = message.as_deref().map_or(0, |m| capture.spec.message_ms(m));
        self.emit_trace(|| event);
        self.play(kind, "text", message.unwrap_or_default(), ms, then);
    }

    fn after_failed_try(&mut self) {
        let more = self
            .capture
            .as_ref()
            .is_some_and(|c| c.try_number < c.spec.tries);
        if more {
            self.start_try();
        } else {
            self.flow.capture_result = None;
            self.end_capture();
        }
    }

    fn end_capture(&mut self) {
        self.capture = None;
        self.run_next_action();
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
            self.schedule(self.t + ms, Happening::CalleeHangsUp(leg));
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

    // ----- the end of a callflow -----

    fn end_of_flow(&mut self) {
        self.heard = None;
        let has_webhook = self.setup.context.account.has_webhook() != Some(false);
        if !has_webhook && self.flow.capture_callback.is_none() {
            return self.no_instructions();
        }
        self.vca_count += 1;
        let facts = VcaFacts {
            position: self.vca_count,
            client_action_id: self.flow.client_action_id.clone(),
            dtmf: self.flow.capture_result.clone(),
        };
        let reply = self.setup.responder.reply(&facts);
        let event_id = self.ids.next_id();
        let event = events::vca(
            &self.session(),
            CallAction {
                event_id,
                dtmf: facts.dtmf.as_deref(),
                timestamp: self.clock.event_time(self.t),
                client_action_id: facts.client_action_id.as_deref(),
                leg: &self.legs[0],
            },
        );
        let mut line = Line::new(self.t, Channel::Vca, event);
        line.reply = Some(reply.to_json());
        self.lines.push(line);
        match reply {
            Reply::Callflow(body) => self.follow_reply(body),
            Reply::NoInstructions => self.no_instructions(),
            Reply::Failure => self.end_session(Ending::Error {
                code: -2002,
                message: "An internal connectivity error has occurred",
            }),
        }
    }

    fn follow_reply(&mut self, body: Json) {
        let verdict = check_reply(&body, &self.setup.context, self.legs.len());
        self.reply_checks.push(ReplyCheck {
            vca: self.vca_count,
            response: verdict.response.clone(),
        });
        if !verdict.is_created() {
            return self.end_session(Ending::Error {
                code: -2003,
                message: "The call flow provided is invalid",
            });
        }
        self.flow = Flow {
            actions: callflow_of(&body),
            number: self.flow.number + 1,
            client_action_id: body
                .as_object()
                .and_then(|r| r.get("clientActionId"))
                .and_then(Json::as_str)
                .map(str::to_owned),
            ..Flow::default()
        };
        self.run_next_action();
    }

    /// Bridged parties stay on the line; a lone call with nothing to play is ended.
    fn no_instructions(&mut self) {
        let bridged = self.legs.len() == 2 && self.legs.iter().all(Leg::is_connected);
        if bridged {
            self.activity = Activity::Waiting;
        } else {
            self.end_session(Ending::Completed { first: 0 });
        }
    }

    // ----- the end of the session -----

    fn end_session(&mut self, ending: Ending) {
        let t = self.t;
        let (first, status, error) = match ending {
            Ending::Completed { first } => {
                for leg in &mut self.legs {
                    leg.ended = Some((t, LegEnd::Completed));
                }
                (first, "COMPLETED", None)
            }
            Ending::LegFailed { leg, end } => {
                for (index, state) in self.legs.iter_mut().enumerate() {
                    let own = if index == leg { end } else { LegEnd::Completed };
                    state.ended = Some((t, own));
                }
                (leg, end.status(), None)
            }
            Ending::Canceled => {
                for leg in &mut self.legs {
                    leg.ended = Some((t, LegEnd::Canceled));
                }
                (0, "CANCELED", None)
            }
            Ending::Error { code, message } => {
                for (index, leg) in self.legs.iter_mut().enumerate() {
                    let own = if index == 0 {
                        LegEnd::Error
                    } else {
                        LegEnd::Completed
                    };
                    leg.ended = Some((t, own));
                }
                (0, "ERROR", Some((code, message)))
            }
        };
        let order = std::iter::once(first).chain((0..self.legs.len()).filter(|&l| l != first));
        for leg in order.collect::<Vec<_>>() {
            self.emit_call_status(leg, "CALL_DISCONNECTED", None);
        }
        self.emit_summary(status, error);
        self.activity = Activity::Over;
        self.heard = None;
        self.capture = None;
        self.queue.clear();
    }

    fn emit_summary(&mut self, status: &'static str, error: Option<(i32, &'static str)>) {
        let clock = self.clock;
        let legs = self
            .legs
            .iter()
            .map(|leg| {
                (
                    leg,
                    clock.summary_time(leg.initiated_at),
                    leg.connected_at.map(|at| clock.summary_time(at)),
                    clock.summary_time(leg.ended.map_or(self.t, |(at, _)| at)),
                )
            })
            .collect();
        let event = events::vss(
            &self.session(),
            Summary {
                status,
                start_time: clock.summary_time(0),
                end_time: clock.summary_time(self.t),
                last_action: self.last_action,
                client_request_id: self.client_request_id.as_deref(),
                error,
                legs,
            },
        );
        self.emit(Channel::Vss, event);
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
