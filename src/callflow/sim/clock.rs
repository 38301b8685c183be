//! The simulated clock's instants as the webhooks write them (SIM.md §4.0): `t` is ms since
//! the request was accepted, at a start instant given from outside (the domain reads no
//! clock).

use crate::callflow::datetime::Instant;

const NANOS_PER_MS: i128 = 1_000_000;
const NANOS_PER_SECOND: i128 = 1_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// The accepted instant, in whole ms (digits below the ms are dropped, SIM §8.10).
    start_ms: i128,
}

impl Clock {
    pub fn starting_at(instant: Instant) -> Clock {
        Clock {
            start_ms: instant.0.div_euclid(NANOS_PER_MS),
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the VCS and VCA form.
    pub fn event_time(&self, t: u64) -> String {
        let ms = self.start_ms + i128::from(t);
        let seconds = self.whole_seconds(t);
        let mut text = seconds.to_rfc3339();
        text.pop(); // the `Z`
        format!("{text}.{:03}Z", ms.rem_euclid(1000))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, truncated to the second: the VSS form.
    pub fn summary_time(&self, t: u64) -> String {
        self.whole_seconds(t).to_rfc3339()
    }

    fn whole_seconds(&self, t: u64) -> Instant {
        let ms = self.start_ms + i128::from(t);
        Instant(ms.div_euclid(1000) * NANOS_PER_SECOND)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::datetime::parse_rfc3339;

    #[test]
    fn events_have_milliseconds_and_summaries_whole_seconds() {
        let clock = Clock::starting_at(parse_rfc3339("2026-03-02T09:00:00Z").unwrap());
        assert_eq!(clock.event_time(9400), "2026-03-02T09:00:09.400Z");
        assert_eq!(clock.summary_time(9400), "2026-03-02T09:00:09Z");
        assert_eq!(clock.event_time(0), "2026-03-02T09:00:00.000Z");
    }

    #[test]
    fn digits_below_the_millisecond_are_dropped() {
        let clock = Clock::starting_at(parse_rfc3339("2026-03-02T09:00:59.9996Z").unwrap());
        assert_eq!(clock.event_time(0), "2026-03-02T09:00:59.999Z");
        assert_eq!(clock.event_time(1), "2026-03-02T09:01:00.000Z");
        assert_eq!(clock.summary_time(0), "2026-03-02T09:00:59Z");
    }
}
