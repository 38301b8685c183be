//! The sayAndCapture part of the call (SIM.md §3.4): tries, the prompt, the window, the
//! keys and the messages.

use super::{Activity, AfterPlay, Capture, Simulation, offset};
use crate::callflow::json::Object;
use crate::callflow::sim::agenda::Happening;
use crate::callflow::sim::capture::{CaptureSpec, Closing, KeyEffect, Window};
use crate::callflow::sim::events::trace;
use crate::callflow::sim::legs::Leg;

impl Simulation {
    pub(super) fn begin_capture(&mut self, params: Option<&Object>) {
        let spec = CaptureSpec::from_params(params);
        self.flow.capture_callback = spec.dtmf_callback_url.clone();
        self.capture = Some(Capture {
            spec,
            try_number: 0,
            window: None,
        });
        self.start_try();
    }

    pub(super) fn start_try(&mut self) {
        let Some(capture) = self.capture.as_mut() else {
            return;
        };
        capture.try_number += 1;
        capture.window = None;
        let prompt = capture.spec.prompt.clone();
        let prompt_ms = capture.spec.prompt_total_ms();
        self.schedule_presses(self.t.saturating_add(prompt_ms));
        self.play("prompt", "text", prompt, prompt_ms, AfterPlay::OpenWindow);
    }

    /// The script's keys for this try: the first token counts from the window's opening
    /// (an instant before the prompt's start is moved to it), each `+` token from the one
    /// before.
    pub(super) fn schedule_presses(&mut self, window_opens: u64) {
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

    pub(super) fn open_window(&mut self) {
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

    pub(super) fn key(&mut self, key: char) {
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

    pub(super) fn close_window(&mut self, closing: Closing) {
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

    pub(super) fn after_failed_try(&mut self) {
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

    pub(super) fn end_capture(&mut self) {
        self.capture = None;
        self.run_next_action();
    }
}
