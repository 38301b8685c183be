//! Terminal input on a thread of its own.
//!
//! crossterm's reader can spin forever inside `poll` once the terminal hangs up (it retries
//! a read that keeps failing). Reading on a separate thread keeps the event loop free to
//! notice SIGHUP, keep the work and exit, whatever the reader is doing.

use ratatui::crossterm::event::{self, Event};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

pub struct Input {
    events: Receiver<Event>,
}

/// What waiting for input brought.
pub enum Waited {
    Events(Vec<Event>),
    /// Nothing within the timeout.
    Nothing,
    /// The terminal is gone.
    Closed,
}

impl Input {
    pub fn start() -> Input {
        let (sender, events) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(event) = event::read() {
                if sender.send(event).is_err() {
                    break;
                }
            }
        });
        Input { events }
    }

    /// Waits up to `timeout` for an event, then takes up to `limit` that are pending, so a
    /// burst (a paste, a storm of resizes) is handled between two frames.
    pub fn wait(&self, timeout: Duration, limit: usize) -> Waited {
        let first = match self.events.recv_timeout(timeout) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => return Waited::Nothing,
            Err(RecvTimeoutError::Disconnected) => return Waited::Closed,
        };
        let mut events = vec![first];
        events.extend(self.events.try_iter().take(limit.saturating_sub(1)));
        Waited::Events(events)
    }
}
