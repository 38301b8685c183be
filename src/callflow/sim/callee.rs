//! What a callee does when their phone rings (SIM.md §2, §5).

use std::fmt;

/// A callee's script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callee {
    /// Answers after the ring time and stays on the line.
    Answer,
    /// Answers after the ring time, hangs up this many ms after answering.
    HangupAfter(u64),
    /// Refuses as busy after the ring time.
    Busy,
    /// Never answers: the platform gives up 60 s after dialling.
    NoAnswer,
    /// The call fails after the ring time.
    Failed,
}

impl Callee {
    /// Reads `answer`, `busy`, `no-answer`, `failed` or `hangup-after=MS`.
    pub fn parse(text: &str) -> Result<Callee, String> {
        match text {
            "answer" => Ok(Callee::Answer),
            "busy" => Ok(Callee::Busy),
            "no-answer" => Ok(Callee::NoAnswer),
            "failed" => Ok(Callee::Failed),
            _ => match text.strip_prefix("hangup-after=") {
                Some(ms) if !ms.is_empty() && ms.bytes().all(|b| b.is_ascii_digit()) => ms
                    .parse()
                    .map(Callee::HangupAfter)
                    .map_err(|_| format!("\"{text}\": the hang-up delay is too large")),
                _ => Err(format!(
                    "\"{text}\" is not a callee script: answer, busy, no-answer, failed or hangup-after=MS"
                )),
            },
        }
    }

    pub fn answers(self) -> bool {
        matches!(self, Callee::Answer | Callee::HangupAfter(_))
    }
}

impl fmt::Display for Callee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Callee::Answer => f.write_str("answer"),
            Callee::HangupAfter(ms) => write!(f, "hangup-after={ms}"),
            Callee::Busy => f.write_str("busy"),
            Callee::NoAnswer => f.write_str("no-answer"),
            Callee::Failed => f.write_str("failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_reads_and_prints_back() {
        for text in [
            "answer",
            "busy",
            "no-answer",
            "failed",
            "hangup-after=0",
            "hangup-after=30000",
        ] {
            assert_eq!(Callee::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn malformed_scripts_say_why() {
        for text in [
            "",
            "Answer",
            "hangup-after=",
            "hangup-after=-1",
            "hangup-after=1.5",
            "hangup-after=99999999999999999999",
        ] {
            assert!(Callee::parse(text).is_err(), "{text}");
        }
    }
}
