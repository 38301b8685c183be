//! What a simulation needs besides the request: the account and the accepted instant, the
//! callees' scripts, the keys to press, the webhook's replies, and SIM.md §5's defaults.

use super::callee::Callee;
use super::press::PressScript;
use super::responder::Responder;
use crate::callflow::validate::Context;

/// Everything a simulation needs besides the request.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The account profile and the instant the request is accepted (`t` 0).
    pub context: Context,
    pub callee_a: Callee,
    pub callee_b: Callee,
    pub ring_ms: u64,
    pub file_ms: u64,
    /// `fileUrl`s whose download fails (-2006).
    pub broken_files: Vec<String>,
    pub seed: u64,
    pub subaccount: String,
    /// At this `t`, callA's callee hangs up if connected, so every run ends.
    pub max_ms: u64,
    /// Add `trace` lines.
    pub trace: bool,
    pub responder: Responder,
    pub presses: PressScript,
}

impl Setup {
    /// SIM.md §5's defaults.
    pub fn new(context: Context) -> Setup {
        Setup {
            context,
            callee_a: Callee::Answer,
            callee_b: Callee::HangupAfter(30_000),
            ring_ms: 5000,
            file_ms: 5000,
            broken_files: Vec::new(),
            seed: 0,
            subaccount: "sim_subaccount".to_owned(),
            max_ms: 3_600_000,
            trace: false,
            responder: Responder::default(),
            presses: PressScript::default(),
        }
    }
}
