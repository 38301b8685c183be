//! `callflow lsp`: start the language server on standard input and output.

use super::{Failure, Outcome};
use crate::callflow::datetime::parse_rfc3339;
use crate::lsp::{Options, serve};
use std::path::Path;
use std::process::ExitCode;

pub fn run(now: Option<&str>, account: Option<&Path>) -> Outcome {
    let now = match now {
        Some(text) => Some(
            parse_rfc3339(text)
                .ok_or_else(|| Failure(format!("--now: \"{text}\" is not an RFC 3339 instant")))?,
        ),
        None => None,
    };
    let options = Options {
        account: account.map(Path::to_path_buf),
        now,
    };
    serve(options).map(ExitCode::from).map_err(Failure)
}
