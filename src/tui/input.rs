//! The loop's inbox: terminal input, read on a thread of its own, and the outcomes of
//! effects that finish later (a background request reports through a `Reporter`).
//!
//! crossterm's reader can spin forever inside `poll` once the terminal hangs up (it retries
//! a read that keeps failing). Reading on a separate thread keeps the event loop free to
//! notice SIGHUP, keep the work and exit, whatever the reader is doing.

use super::action::Action;
use ratatui::crossterm::event::{self, Event};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// One thing arriving at the loop.
#[derive(Debug)]
pub enum Incoming {
    Terminal(Event),
    /// The outcome of a long-running effect, for `update`.
    Report(Action),
    /// The terminal is gone.
    Closed,
}

pub struct Input {
    incoming: Receiver<Incoming>,
    sender: Sender<Incoming>,
}

/// Lets work running elsewhere report back to the loop as an action.
#[derive(Clone)]
pub struct Reporter(Sender<Incoming>);

impl Reporter {
    /// False once the loop has ended: nobody is listening any more.
    pub fn report(&self, action: Action) -> bool {
        self.0.send(Incoming::Report(action)).is_ok()
    }
}

/// What waiting for input brought.
pub enum Waited {
    Events(Vec<Incoming>),
    /// Nothing within the timeout.
    Nothing,
}

impl Input {
    /// Reads the real terminal.
    pub fn start() -> Input {
        let input = Input::channel();
        let sender = input.sender.clone();
        std::thread::spawn(move || {
            loop {
                let incoming = match event::read() {
                    Ok(event) => Incoming::Terminal(event),
                    Err(_) => Incoming::Closed,
                };
                let closed = matches!(incoming, Incoming::Closed);
                if sender.send(incoming).is_err() || closed {
                    break;
                }
            }
        });
        input
    }

    /// An inbox nothing writes to yet: tests feed it through `feeder`.
    pub fn channel() -> Input {
        let (sender, incoming) = mpsc::channel();
        Input { incoming, sender }
    }

    /// A sender into this inbox, for tests and for effects that report later.
    pub fn feeder(&self) -> Sender<Incoming> {
        self.sender.clone()
    }

    pub fn reporter(&self) -> Reporter {
        Reporter(self.sender.clone())
    }

    /// Waits up to `timeout` for something, then takes up to `limit` that are pending, so a
    /// burst (a paste, a storm of resizes) is handled between two frames.
    pub fn wait(&self, timeout: Duration, limit: usize) -> Waited {
        let first = match self.incoming.recv_timeout(timeout) {
            Ok(incoming) => incoming,
            // The inbox holds a sender itself, so it is never disconnected.
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                return Waited::Nothing;
            }
        };
        let mut events = vec![first];
        events.extend(self.incoming.try_iter().take(limit.saturating_sub(1)));
        Waited::Events(events)
    }
}
