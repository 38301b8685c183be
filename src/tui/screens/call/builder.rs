//! The call screen as one of the builder's modes: opened over the current request (the
//! navigate table's simulate command) or over a lesson's "see it happen" request (the
//! rules browser), fed by the loop's ticks, and reading a responder file through an
//! effect, so `update` stays pure.

use super::{CallKey, CallScreen, Request};
use crate::callflow::sim::Setup;
use crate::callflow::sim::lesson::lesson_call;
use crate::callflow::status::StatusCode;
use crate::callflow::{Context, Instant};
use crate::tui::action::Effect;
use crate::tui::overlays::palette;
use crate::tui::state::{Mode, State};
use ratatui::crossterm::event::KeyEvent;
use std::path::PathBuf;
use std::time::Duration;

/// How often the clock moves while a call runs: a tenth of a second shows on its timers.
const CALL_TICK: Duration = Duration::from_millis(50);

/// The call screen over the document being edited, accepted at the builder's instant
/// with SIM.md's defaults.
pub fn open_current(state: &mut State) {
    let setup = Setup::new(Context::new(
        state.context.account.clone(),
        state.context.now,
    ));
    let call = CallScreen::new(
        state.file_name(),
        Request::Document(state.session.document.clone()),
        setup,
    );
    state.screen.overlay = None;
    state.screen.mode = Mode::Call(Box::new(call));
}

/// The call screen over the request that shows rule `code` happen, with its keys
/// scripted; false when the rule has no such call (only sayAndCapture rules do).
pub fn open_lesson(state: &mut State, code: StatusCode) -> bool {
    let Some(lesson) = lesson_call(code) else {
        return false;
    };
    let mut setup = Setup::new(Context::new(lesson.account, state.context.now));
    setup.presses = lesson.presses;
    let mut call = CallScreen::new(
        format!("see {} happen", code.number()),
        Request::Document(lesson.request),
        setup,
    );
    call.intro = Some(format!("{} Space steps through it.", lesson.intro));
    state.screen.overlay = None;
    state.screen.mode = Mode::Call(Box::new(call));
    true
}

/// A key while the call screen has the keyboard.
pub fn on_call_key(state: &mut State, key: KeyEvent) {
    let Mode::Call(call) = &mut state.screen.mode else {
        return;
    };
    match call.on_key(key) {
        CallKey::Stay => {}
        CallKey::Close => {
            state.screen.mode = Mode::Navigate;
            // Ticks did not revalidate while the call ran (validUntil may have passed).
            state.refresh_verdict();
        }
        CallKey::ReadResponder(path) => state.effects.push(Effect::ReadResponder { path }),
        CallKey::Palette => palette::open(state),
    }
}

/// Time passed; true when the call screen took the tick.
pub fn tick(state: &mut State, now: Instant) -> bool {
    let Mode::Call(call) = &mut state.screen.mode else {
        return false;
    };
    call.tick(now);
    true
}

/// The responder file's text came back from the world.
pub fn responder_read(state: &mut State, path: PathBuf, text: Result<String, String>) {
    if let Mode::Call(call) = &mut state.screen.mode {
        call.responder_read(&path, text);
    }
}

/// A paste on the call screen goes to its path prompt.
pub fn paste(state: &mut State, text: &str) {
    if let Mode::Call(call) = &mut state.screen.mode {
        call.paste(text);
    }
}

/// Faster ticks while a call's clock runs; None leaves the builder's own.
pub fn tick_interval(state: &State) -> Option<Duration> {
    match &state.screen.mode {
        Mode::Call(call) if call.is_running() => Some(CALL_TICK),
        _ => None,
    }
}
