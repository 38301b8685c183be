//! Ending signals, even when the terminal stops reading. The event loop notices a signal
//! between two frames; but a terminal that reads nothing (a stuck ssh session, a paused
//! tmux client) blocks the frame's write, and with it the loop, for as long as it likes.
//! This thread does not draw: it holds the latest unsaved text, which the loop hands over
//! before each frame, and when a signal has gone unanswered for a moment it writes that
//! text as the recovery draft and ends the process with 128 + the signal's number.

use super::action::Action;
use super::input::Reporter;
use crate::io::{clock, recovery, terminal};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the loop may take to answer a signal itself (draft, restore, exit) before this
/// thread does it: short enough that the program ends within a second.
const GRACE: Duration = Duration::from_millis(500);
/// How often the thread looks at the signal flag.
const POLL: Duration = Duration::from_millis(25);

/// The document's unsaved text and where it lives, as of the last frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unsaved {
    pub file: Option<PathBuf>,
    pub text: Option<String>,
}

/// Shared between the loop (which writes it) and the watchdog (which reads it).
pub type Latest = Arc<Mutex<Unsaved>>;

/// The running watchdog; [`Watchdog::stand_down`] once the program has ended on its own.
pub struct Watchdog {
    done: Arc<AtomicBool>,
}

impl Watchdog {
    /// Watches `signals`; `wake` tells the loop at once (it would otherwise see the flag
    /// only after its next second of waiting for input).
    pub fn start(signals: Arc<AtomicBool>, latest: Latest, wake: Reporter) -> Watchdog {
        let done = Arc::new(AtomicBool::new(false));
        let finished = Arc::clone(&done);
        // Without the thread the loop still answers signals; it only cannot when blocked.
        let _ = std::thread::Builder::new()
            .name("signal watchdog".to_owned())
            .spawn(move || watch(&signals, &finished, &latest, &wake));
        Watchdog { done }
    }

    /// The loop ended and the terminal is restored: nothing is left to do here.
    pub fn stand_down(&self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

/// Also on every early return and unwind of the run.
impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stand_down();
    }
}

fn watch(signals: &AtomicBool, done: &AtomicBool, latest: &Mutex<Unsaved>, wake: &Reporter) {
    while !signals.load(Ordering::SeqCst) {
        if done.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(POLL);
    }
    wake.report(Action::Tick(clock::now()));
    let deadline = Instant::now() + GRACE;
    while Instant::now() < deadline {
        if done.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(POLL);
    }
    // The loop is stuck (most likely writing to a terminal that reads nothing).
    let unsaved = latest.lock().map(|l| l.clone()).unwrap_or_default();
    if let Some(text) = &unsaved.text {
        // Nowhere to say that it failed: the terminal is not reading.
        let _ = recovery::write(unsaved.file.as_deref(), text);
    }
    let status = terminal::exit_status_after_signal().unwrap_or(1);
    // _exit: a normal exit would flush standard output, which blocks like the loop did.
    signal_hook::low_level::exit(i32::from(status));
}
