//! The call screen (SIM.md §5 `--interactive`): a request played on the simulator's clock,
//! with the person at the keyboard as callA's callee. It shows what is heard, the capture
//! window and its timers, a keypad, the callees' choices, the responder and its replies'
//! verdicts, and the event lines as they are emitted, any of which opens whole.
//!
//! The screen is one component, [`CallScreen`]: keys in, a [`CallKey`] out, drawn by
//! `draw`. The builder runs it as a mode (`builder.rs`); `callflow simulate
//! --interactive` runs the same component in a loop of its own. Time comes in with each
//! tick as an instant (`real_time.rs`), so nothing here reads the clock.

mod builder;
pub mod choices;
pub mod draw;
pub mod real_time;
pub mod summary;

pub use builder::tick_interval;
pub use builder::{on_call_key, open_current, open_lesson, paste, responder_read, tick};

use crate::callflow::sim::{Responder, Setup, Simulation};
use crate::callflow::{Instant, Json};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use real_time::RealTime;
use std::path::PathBuf;
use tui_textarea::TextArea;

/// What a key on the call screen asks of whoever runs it.
#[derive(Debug, PartialEq)]
pub enum CallKey {
    /// Handled on the screen.
    Stay,
    /// The person leaves the call (callA has hung up).
    Close,
    /// Read this responder file and hand it back with `responder_read`.
    ReadResponder(PathBuf),
    /// List the screen's keys.
    Palette,
}

/// A one-line message on the call screen until the next key.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub text: String,
    pub is_error: bool,
}

/// One call in progress, and how the screen shows it.
pub struct CallScreen {
    /// What is being played: "the current request", a lesson's run.
    pub title: String,
    /// For a lesson: what the run shows.
    pub intro: Option<String>,
    /// The request and the setup it started with, to start again after a choice.
    request: Request,
    setup: Setup,
    pub simulation: Simulation,
    clock: RealTime,
    pub paused: bool,
    /// The selected event line, or None to follow the newest.
    pub selected: Option<usize>,
    /// The selected event's whole JSON instead of the list (narrow screens).
    pub detail: bool,
    pub detail_scroll: u16,
    /// The responder file's path being typed.
    pub prompt: Option<TextArea<'static>>,
    /// The responder file in use, as typed.
    pub responder_name: Option<String>,
    pub message: Option<Message>,
}

/// The request being played, as it came: the builder's document, or a file's bytes
/// (checked exactly as `callflow simulate` checks them).
#[derive(Clone, Debug)]
pub enum Request {
    Document(Json),
    Body(Vec<u8>),
}

impl Request {
    fn place_call(&self, setup: Setup) -> Simulation {
        match self {
            Request::Document(document) => Simulation::from_document(document, setup),
            Request::Body(body) => Simulation::from_bytes(body, setup),
        }
    }
}

impl std::fmt::Debug for CallScreen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallScreen")
            .field("title", &self.title)
            .field("t", &self.simulation.now())
            .field("lines", &self.simulation.lines().len())
            .finish_non_exhaustive()
    }
}

impl CallScreen {
    /// Places the call: a refused request stops at its response.
    pub fn new(title: impl Into<String>, request: Request, setup: Setup) -> CallScreen {
        CallScreen {
            title: title.into(),
            intro: None,
            simulation: request.place_call(setup.clone()),
            request,
            setup,
            clock: RealTime::default(),
            paused: false,
            selected: None,
            detail: false,
            detail_scroll: 0,
            prompt: None,
            responder_name: None,
            message: None,
        }
    }

    /// Whether the simulated clock follows real time now.
    pub fn is_running(&self) -> bool {
        !self.paused && !self.simulation.is_over()
    }

    /// Real time passed: everything due up to the instant it reached is handled.
    pub fn tick(&mut self, now: Instant) {
        if !self.is_running() {
            return self.clock.rest(now);
        }
        self.clock.tick(now);
        let target = self.clock.reached_ms;
        while self
            .simulation
            .next_instant()
            .is_some_and(|next| next <= target)
        {
            self.simulation.advance();
        }
        self.simulation.wait_until(target);
    }

    /// Space: straight to the next scheduled instant.
    pub fn jump(&mut self) {
        if self.simulation.advance() {
            self.clock.catch_up_with(self.simulation.now());
        }
    }

    /// The call from `t` 0 again, with the choices made so far.
    pub fn restart(&mut self) {
        self.simulation = self.request.place_call(self.setup.clone());
        self.clock.restart();
        self.selected = None;
        self.detail_scroll = 0;
    }

    pub fn on_key(&mut self, key: KeyEvent) -> CallKey {
        self.message = None;
        if self.prompt.is_some() {
            return self.on_prompt_key(key);
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return match key.code {
                KeyCode::Char('c') => self.close(),
                _ => CallKey::Stay,
            };
        }
        match key.code {
            KeyCode::Esc if self.detail => self.detail = false,
            KeyCode::Esc | KeyCode::Char('q') => return self.close(),
            KeyCode::Char(digit @ ('0'..='9' | '*' | '#')) => self.simulation.press(digit),
            KeyCode::Char(' ') => self.jump(),
            KeyCode::Char('p') => self.paused = !self.paused,
            KeyCode::Char('h') => self.simulation.hang_up(),
            KeyCode::Char('a') => self.choose_a(),
            KeyCode::Char('b') => self.choose_b(),
            KeyCode::Char('R') => {
                self.restart();
                self.say("The call starts again from t 0");
            }
            KeyCode::Char('o') => self.open_prompt(),
            KeyCode::Enter => {
                self.detail = !self.detail;
                self.detail_scroll = 0;
            }
            KeyCode::Up | KeyCode::Char('k') => self.select_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.select_by(1),
            KeyCode::Home => self.select(Some(0)),
            KeyCode::End => self.select(None),
            KeyCode::PageDown => self.detail_scroll = self.detail_scroll.saturating_add(10),
            KeyCode::PageUp => self.detail_scroll = self.detail_scroll.saturating_sub(10),
            KeyCode::Char('?' | ':') => return CallKey::Palette,
            _ => {}
        }
        CallKey::Stay
    }

    /// Leaving hangs callA up, so the lines end as a session does.
    fn close(&mut self) -> CallKey {
        self.simulation.hang_up();
        CallKey::Close
    }

    /// The event line shown whole: the selected one, else the newest.
    pub fn shown_line(&self) -> Option<usize> {
        let count = self.simulation.lines().len();
        match self.selected {
            Some(index) => Some(index.min(count.saturating_sub(1))),
            None => count.checked_sub(1),
        }
    }

    fn select_by(&mut self, delta: isize) {
        let current = self.shown_line().unwrap_or(0);
        let last = self.simulation.lines().len().saturating_sub(1);
        let next = current.saturating_add_signed(delta).min(last);
        // Moving down onto the newest line follows the new ones again.
        self.select(if delta > 0 && next == last {
            None
        } else {
            Some(next)
        });
    }

    fn select(&mut self, index: Option<usize>) {
        self.selected = index;
        self.detail_scroll = 0;
    }

    fn choose_a(&mut self) {
        self.setup.callee_a = choices::next(self.setup.callee_a);
        self.restart();
        self.say(format!(
            "callA will {}: the call starts again from t 0",
            choices::describe(self.setup.callee_a)
        ));
    }

    fn choose_b(&mut self) {
        self.setup.callee_b = choices::next(self.setup.callee_b);
        let what = choices::describe(self.setup.callee_b);
        if self.simulation.choose_callee_b(self.setup.callee_b) {
            self.say(format!("callB will {what} when it is dialled"));
        } else {
            self.restart();
            self.say(format!(
                "callB was dialled already: the call starts again from t 0, and callB will {what}"
            ));
        }
    }

    fn open_prompt(&mut self) {
        let mut textarea = TextArea::new(vec![self.responder_name.clone().unwrap_or_default()]);
        textarea.move_cursor(tui_textarea::CursorMove::End);
        textarea.set_placeholder_text("responder.json");
        self.prompt = Some(textarea);
    }

    fn on_prompt_key(&mut self, key: KeyEvent) -> CallKey {
        let Some(prompt) = &mut self.prompt else {
            return CallKey::Stay;
        };
        match key.code {
            KeyCode::Esc => self.prompt = None,
            KeyCode::Enter => {
                let typed = prompt.lines().join("");
                let path = typed.trim();
                if path.is_empty() {
                    self.error("Give the responder file's path");
                    return CallKey::Stay;
                }
                let path = PathBuf::from(path);
                self.prompt = None;
                return CallKey::ReadResponder(path);
            }
            _ => {
                crate::tui::one_line::input(prompt, key);
            }
        }
        CallKey::Stay
    }

    /// Text pasted into the path prompt, if it is open.
    pub fn paste(&mut self, text: &str) {
        if let Some(prompt) = &mut self.prompt {
            prompt.insert_str(text);
        }
    }

    /// The responder file's text, or why it could not be read: its rules answer the VCAs
    /// still to come.
    pub fn responder_read(&mut self, path: &std::path::Path, text: Result<String, String>) {
        let shown = path.display().to_string();
        let responder = text
            .map_err(|reason| format!("Not loaded: {reason}"))
            .and_then(|text| {
                Responder::from_json(&text)
                    .map_err(|reason| format!("{shown}: malformed responder file: {reason}"))
            });
        match responder {
            Ok(responder) => {
                self.setup.responder = responder.clone();
                self.simulation.choose_responder(responder);
                self.say(format!(
                    "{shown} answers the VCAs from now on (R starts the call again)"
                ));
                self.responder_name = Some(shown);
            }
            Err(reason) => self.error(reason),
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            is_error: true,
        });
    }

    /// The setup in force: the callees' choices and the responder.
    pub fn setup(&self) -> &Setup {
        &self.setup
    }
}
