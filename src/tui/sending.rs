//! The builder's send, as work in the world: what goes out, and the background thread that
//! sends it. The request blocks for up to the API timeout, so it never runs on the loop's
//! thread: its outcome comes back through a `Reporter` as `Action::SendAnswered`, whether
//! or not anyone is still waiting for it.

use super::action::Action;
use super::input::Reporter;
use crate::callflow::Response;
use crate::io::api::Api;
use crate::io::credentials::ApiSettings;
use crate::io::{clock, send};

/// One send, carrying all it needs: the loop never reads the state to carry it out.
#[derive(Clone, Debug, PartialEq)]
pub struct SendRequest {
    /// Tells this send's answer from an earlier one the user stopped waiting for.
    pub id: u64,
    /// Where to, as whom (the key stays in memory; it is never written anywhere).
    pub settings: ApiSettings,
    /// The exact bytes `export` writes.
    pub body: String,
    /// The validator's answer for the same bytes, to compare with the API's.
    pub offline: Response,
}

/// Sends on a thread of its own and reports the outcome. A difference from the prediction
/// is journalled on that thread, so it is kept even when the user has stopped waiting.
pub fn send_in_background(request: SendRequest, reporter: Reporter) {
    std::thread::spawn(move || {
        let outcome = send_now(&request);
        // Nobody listening means the builder has ended; the journal line is written already.
        let _ = reporter.report(Action::SendAnswered {
            id: request.id,
            outcome,
        });
    });
}

/// The exchange itself, blocking: the API's answer (journalled when it differs), or why
/// the API could not be asked.
pub fn send_now(request: &SendRequest) -> Result<send::Sent, String> {
    let api = Api::new(request.settings.clone());
    send::send_callflow(&api, &request.body, &request.offline, clock::now())
}
