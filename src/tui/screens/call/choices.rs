//! The callees' choices the call screen offers, in the order a key cycles through them:
//! SIM.md §2's scripts, with two hang-up delays to pick from.

use crate::callflow::sim::Callee;

pub const CHOICES: [Callee; 6] = [
    Callee::Answer,
    Callee::Busy,
    Callee::NoAnswer,
    Callee::Failed,
    Callee::HangupAfter(10_000),
    Callee::HangupAfter(30_000),
];

/// The choice after `current` (a script not in the list goes back to the first).
pub fn next(current: Callee) -> Callee {
    let at = CHOICES.iter().position(|c| *c == current);
    at.map_or(CHOICES[0], |at| CHOICES[(at + 1) % CHOICES.len()])
}

/// "answer", "be busy", "hang up 10 s after answering", as a sentence goes on from
/// "the callee will".
pub fn describe(callee: Callee) -> String {
    match callee {
        Callee::Answer => "answer".to_owned(),
        Callee::Busy => "be busy".to_owned(),
        Callee::NoAnswer => "not answer".to_owned(),
        Callee::Failed => "fail".to_owned(),
        Callee::HangupAfter(ms) => format!("hang up {} after answering", seconds(ms)),
    }
}

/// Whole seconds when exact, else tenths: "30 s", "2.5 s".
pub fn seconds(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{}.{} s", ms / 1000, ms % 1000 / 100)
    }
}

/// Always with tenths, as a clock shows it: "9.9 s", "30.0 s".
pub fn seconds_tenths(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choices_cycle_and_come_back() {
        let mut callee = Callee::Answer;
        for _ in 0..CHOICES.len() {
            callee = next(callee);
        }
        assert_eq!(callee, Callee::Answer);
        assert_eq!(next(Callee::HangupAfter(1234)), Callee::Answer);
        assert_eq!(
            describe(Callee::HangupAfter(30_000)),
            "hang up 30 s after answering"
        );
    }
}
