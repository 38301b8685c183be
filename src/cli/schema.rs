//! `callflow schema`: the JSON Schema of the request, for editors' JSON services.

use super::Outcome;
use crate::callflow::schema::request_schema;
use std::io::Write;
use std::process::ExitCode;

pub fn print_schema() -> Outcome {
    // Pretty-printing a Value cannot fail.
    let text = serde_json::to_string_pretty(&request_schema()).unwrap_or_default();
    let mut out = std::io::stdout().lock();
    // A closed pipe (`callflow schema | head`) is not an error worth a message.
    let _ = writeln!(out, "{text}");
    Ok(ExitCode::SUCCESS)
}
