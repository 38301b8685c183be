//! What a view of a running call reads: what is heard, the capture window, and the verdict
//! of each reply.

use crate::callflow::verdict::Response;

/// What the caller hears now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heard {
    /// `say`, `prompt`, `success`, `failure` or `file`.
    pub kind: &'static str,
    /// The text, or the file's URL.
    pub content: String,
    pub started_at: u64,
    /// With all repetitions.
    pub ms: u64,
}

/// The capture window as a call screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WindowView {
    pub try_number: u64,
    pub tries: u64,
    pub digits: String,
    pub opened_at: u64,
    pub overall_deadline: u64,
    pub digit_deadline: Option<u64>,
    pub min_digits: u64,
    pub max_digits: u64,
    pub complete_on_hash: bool,
}

/// A VCA reply that was a callflow body, with its verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyCheck {
    /// The VCA it answered (1 for the first).
    pub vca: u64,
    pub response: Response,
}
