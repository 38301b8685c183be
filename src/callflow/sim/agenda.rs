//! The agenda: what is due when, handed out in SIM.md §1's order. Things due at the same
//! instant come by class (ring outcomes and hang-ups, then ends of playback and timers,
//! then keys), and within a class in the order they were scheduled.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// Something due at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Happening {
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

/// The happenings not yet handled.
#[derive(Clone, Debug, Default)]
pub(super) struct Agenda {
    queue: BinaryHeap<Reverse<Due>>,
    scheduled: u64,
}

impl Agenda {
    pub fn schedule(&mut self, at: u64, what: Happening) {
        self.scheduled += 1;
        self.queue.push(Reverse(Due {
            at,
            class: what.class(),
            order: self.scheduled,
            what,
        }));
    }

    /// The instant of the next happening.
    pub fn next_at(&self) -> Option<u64> {
        self.queue.peek().map(|Reverse(due)| due.at)
    }

    /// The next happening, if it is due at `at`.
    pub fn take_due(&mut self, at: u64) -> Option<Happening> {
        if self.next_at()? != at {
            return None;
        }
        self.queue.pop().map(|Reverse(due)| due.what)
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }
}
