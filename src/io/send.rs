//! Sending a callflow for real and keeping every answer the validator did not predict.
//! It blocks, and returns a plain value: the command line calls it directly, and the
//! builder can call it from a background thread and show the result when it arrives.

use super::api::Api;
use crate::callflow::difference::{self, ApiAnswer};
use crate::callflow::{Instant, Response};
use std::path::PathBuf;

/// What became of a request that reached the API.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub answer: ApiAnswer,
    /// `None` when the API answered the predicted `statusCode`.
    pub difference: Option<Recorded>,
}

/// Where a difference went.
#[derive(Clone, Debug, PartialEq)]
pub enum Recorded {
    /// Appended to the journal at this path.
    Journal(PathBuf),
    /// The journal could not be written, and why; the answer itself is still good.
    NotRecorded(String),
}

/// Posts `body` (the exact bytes, as the printer wrote them), compares the API's
/// `statusCode` with `offline`, the validator's answer for the same bytes, and journals a
/// difference. `now` stamps the journal line. `Err` is a failure to ask, in one line.
pub fn send_callflow(
    api: &Api,
    body: &str,
    offline: &Response,
    now: Instant,
) -> Result<Sent, String> {
    let answer = api.post_callflow(body)?;
    let difference = difference::differs(offline, &answer).then(|| {
        let line = difference::record(now, body, offline, &answer, env!("CARGO_PKG_VERSION"));
        match super::journal::append(&line) {
            Ok(path) => Recorded::Journal(path),
            Err(reason) => Recorded::NotRecorded(reason),
        }
    });
    Ok(Sent { answer, difference })
}
