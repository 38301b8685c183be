//! `callflow send FILE`: validate, ask, send for real, print the API's answer, and keep
//! every difference between that answer and the offline verdict.

use super::api_args::ApiArgs;
use super::{Failure, Outcome};
use crate::callflow::destinations::destinations;
use crate::callflow::export::saved_form;
use crate::callflow::parse::parse;
use crate::callflow::{Context, Verdict, validate_text};
use crate::io;
use crate::io::api::Api;
use crate::io::send::{Recorded, Sent, send_callflow};
use clap::Args;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct SendArgs {
    /// The request to send
    file: PathBuf,
    /// Send without asking (for scripts): a real call follows
    #[arg(long)]
    yes: bool,
    /// Send even when the validator predicts a refusal
    #[arg(long)]
    force: bool,
    /// What your account allows (caller IDs, webhook, scenarios, voices), as JSON, for the offline check
    #[arg(long, value_name = "FILE")]
    account: Option<PathBuf>,
    #[command(flatten)]
    api: ApiArgs,
}

pub fn run(args: SendArgs) -> Outcome {
    let body = request_body(&args.file)?;
    let account = io::account::load(args.account.as_deref()).map_err(Failure)?;
    let verdict = validate_text(&body, &Context::new(account, io::clock::now()));
    check_verdict(&verdict, args.force)?;
    let api = Api::new(io::credentials::resolve(&args.api.options()).map_err(Failure)?);
    if !args.yes {
        confirm(&body, &api)?;
    }
    let sent = send_callflow(&api, &body, &verdict.response, io::clock::now()).map_err(Failure)?;
    report(&sent, &verdict);
    Ok(if sent.answer.is_created() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The bytes that go out: exactly what export writes (the project's printer) when the file
/// is JSON; the text as it is when it is not (only `--force` sends that).
fn request_body(file: &Path) -> Result<String, Failure> {
    let bytes = io::file::read_limited(file).map_err(Failure)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure(format!(
            "{}: not UTF-8 text; the API would answer -1001",
            file.display()
        ))
    })?;
    Ok(match parse(&text) {
        Ok(parsed) => saved_form(&parsed.value).text,
        Err(_) => text,
    })
}

/// Refuses what the validator refuses, unless forced; a forced send says so.
fn check_verdict(verdict: &Verdict, force: bool) -> Result<(), Failure> {
    if verdict.is_created() {
        return Ok(());
    }
    let predicted = format!(
        "{} {}",
        verdict.response.code.number(),
        verdict.response.message
    );
    if !force {
        return Err(Failure(format!(
            "not sent: callflow predicts {predicted}; fix it (callflow validate --all FILE) or pass --force"
        )));
    }
    let _ = writeln!(
        std::io::stderr(),
        "callflow: sending although callflow predicts {predicted} (--force)"
    );
    Ok(())
}

/// A real call follows a created session, so a person at a terminal types `yes` first;
/// without a terminal only `--yes` sends.
fn confirm(body: &str, api: &Api) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(Failure(
            "not sent: no terminal to confirm on; pass --yes to send from a script".to_owned(),
        ));
    }
    let settings = api.settings();
    let numbers = parse(body)
        .map(|parsed| destinations(&parsed.value))
        .unwrap_or_default();
    let whom = if numbers.is_empty() {
        "the API (no makeCall destination is named)".to_owned()
    } else {
        numbers.join(", ")
    };
    let mut stderr = std::io::stderr();
    let _ = write!(
        stderr,
        "A real call to {whom}\nfrom subaccount {} at {} (key {}).\nType yes to send: ",
        settings.subaccount,
        settings.base,
        settings.key.masked()
    );
    let _ = stderr.flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(Failure("not sent: not confirmed".to_owned()))
    }
}

/// The API's answer on standard output as one JSON line; a difference, plainly, on
/// standard error.
fn report(sent: &Sent, verdict: &Verdict) {
    let _ = writeln!(std::io::stdout(), "{}", sent.answer.body);
    let Some(recorded) = &sent.difference else {
        return;
    };
    let api_code = sent
        .answer
        .status_code()
        .map_or("no statusCode".to_owned(), |code| code.to_string());
    let mut stderr = std::io::stderr();
    let _ = writeln!(
        stderr,
        "callflow: difference: the API answered {api_code} where callflow predicted {} ({})",
        verdict.response.code.number(),
        verdict.response.message
    );
    let _ = match recorded {
        Recorded::Journal(path) => writeln!(
            stderr,
            "callflow: recorded in {}; please report it (see `callflow differences`)",
            path.display()
        ),
        Recorded::NotRecorded(reason) => {
            writeln!(
                stderr,
                "callflow: the difference could not be recorded: {reason}"
            )
        }
    };
}
