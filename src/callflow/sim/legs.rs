//! The legs of a session (SIM.md §2): callA, placed by the first makeCall, and callB, the
//! bridged party, each with its callee's script and the instants that shape its events.

use super::callee::Callee;
use super::numbers::{country_of, e164};

/// How a leg ended: its `callStatus` in the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegEnd {
    Completed,
    Busy,
    NoAnswer,
    Failed,
    Canceled,
    Error,
}

impl LegEnd {
    pub fn status(self) -> &'static str {
        match self {
            LegEnd::Completed => "COMPLETED",
            LegEnd::Busy => "BUSY",
            LegEnd::NoAnswer => "NO_ANSWER",
            LegEnd::Failed => "FAILED",
            LegEnd::Canceled => "CANCELED",
            LegEnd::Error => "ERROR",
        }
    }

    /// The SIP code of a leg that never connected (RFC 3398's mapping).
    fn unconnected_sip_code(self) -> u16 {
        match self {
            LegEnd::Busy => 486,
            LegEnd::NoAnswer => 480,
            LegEnd::Failed => 404,
            LegEnd::Canceled => 487,
            LegEnd::Completed | LegEnd::Error => 200,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leg {
    pub call_id: String,
    pub source: String,
    pub destination: String,
    pub source_country: Option<&'static str>,
    pub destination_country: Option<&'static str>,
    pub callee: Callee,
    pub initiated_at: u64,
    pub connected_at: Option<u64>,
    /// When and how it ended.
    pub ended: Option<(u64, LegEnd)>,
}

impl Leg {
    pub fn dial(call_id: String, source: &str, destination: &str, callee: Callee, at: u64) -> Leg {
        let source = e164(source);
        let destination = e164(destination);
        Leg {
            call_id,
            source_country: country_of(&source),
            destination_country: country_of(&destination),
            source,
            destination,
            callee,
            initiated_at: at,
            connected_at: None,
            ended: None,
        }
    }

    /// Answered and not ended.
    pub fn is_connected(&self) -> bool {
        self.connected_at.is_some() && self.ended.is_none()
    }

    /// Dialled, not answered, not ended.
    pub fn is_ringing(&self) -> bool {
        self.connected_at.is_none() && self.ended.is_none()
    }

    /// Whole seconds connected; 0 for a leg that never connected or has not ended.
    pub fn duration_seconds(&self) -> u64 {
        match (self.connected_at, self.ended) {
            (Some(connected), Some((ended, _))) => (ended - connected) / 1000,
            _ => 0,
        }
    }

    /// The SIP code of its `CALL_DISCONNECTED`.
    pub fn disconnect_sip_code(&self) -> u16 {
        match (self.connected_at, self.ended) {
            (Some(_), _) => 200,
            (None, Some((_, end))) => end.unconnected_sip_code(),
            (None, None) => 200,
        }
    }
}
