//! How real time drives the simulated clock: each tick carries the world's instant, and
//! the simulated clock moves on by the time that passed since the last one. Nothing here
//! reads a clock, so a test moves time by handing instants in.

use crate::callflow::Instant;

const NANOS_PER_MS: i128 = 1_000_000;

/// The simulated instant that real time has reached.
#[derive(Clone, Debug, Default)]
pub struct RealTime {
    last: Option<Instant>,
    /// Real time not yet a whole ms, kept for the next tick.
    carried_nanos: i128,
    pub reached_ms: u64,
}

impl RealTime {
    /// Moves on by the time since the last tick (none at the first: it sets the start).
    /// A clock that steps back moves nothing.
    pub fn tick(&mut self, now: Instant) {
        if let Some(last) = self.last {
            let passed = (now.0 - last.0).max(0) + self.carried_nanos;
            let ms = passed / NANOS_PER_MS;
            self.carried_nanos = passed % NANOS_PER_MS;
            self.reached_ms = self
                .reached_ms
                .saturating_add(u64::try_from(ms).unwrap_or(u64::MAX));
        }
        self.last = Some(now);
    }

    /// The time since the last tick does not count (the clock was paused).
    pub fn rest(&mut self, now: Instant) {
        self.last = Some(now);
        self.carried_nanos = 0;
    }

    /// A jump ahead: real time goes on from the simulated instant `at`.
    pub fn catch_up_with(&mut self, at: u64) {
        self.reached_ms = self.reached_ms.max(at);
    }

    /// Back to `t` 0, as when the call starts again.
    pub fn restart(&mut self) {
        self.reached_ms = 0;
        self.carried_nanos = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_ms(ms: i128) -> Instant {
        Instant::from_unix_nanos(1_800_000_000 * 1_000_000_000 + ms * NANOS_PER_MS)
    }

    #[test]
    fn real_time_moves_the_clock_and_keeps_the_fractions() {
        let mut clock = RealTime::default();
        clock.tick(at_ms(0));
        assert_eq!(clock.reached_ms, 0, "the first tick only starts the clock");
        clock.tick(Instant(at_ms(40).0 + 600_000));
        clock.tick(Instant(at_ms(80).0 + 600_000 + 500_000));
        assert_eq!(clock.reached_ms, 81, "40.6 ms then 40.5 ms make 81.1 ms");
        clock.tick(at_ms(10));
        assert_eq!(
            clock.reached_ms, 81,
            "a clock that steps back moves nothing"
        );
        clock.rest(at_ms(5000));
        clock.tick(at_ms(5050));
        assert_eq!(clock.reached_ms, 131, "the rest did not count");
    }
}
