//! `callflow differences`: the journal of answers the validator did not predict, readably.

use super::{Failure, Outcome};
use crate::callflow::difference::readable;
use crate::io;
use clap::Args;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct DifferencesArgs {}

pub fn run(_args: DifferencesArgs) -> Outcome {
    let (path, lines) = io::journal::read_all().map_err(Failure)?;
    let mut out = std::io::stdout().lock();
    if lines.is_empty() {
        let _ = writeln!(out, "no differences recorded ({})", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    for (number, line) in lines.iter().enumerate() {
        let _ = writeln!(out, "{:>3}. {}", number + 1, readable(line));
    }
    let _ = writeln!(
        out,
        "\n{} recorded in {}. Each may be a rule callflow has wrong: please report it with its line (it holds the request, never the key).",
        plural(lines.len()),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn plural(count: usize) -> String {
    if count == 1 {
        "1 difference".to_owned()
    } else {
        format!("{count} differences")
    }
}
