//! `callflow account pull`: the subaccount's voices, webhook and (with `--with-numbers`)
//! numbers, fetched and folded into the account profile, with a short diff.

use super::api_args::ApiArgs;
use super::{Failure, Outcome};
use crate::callflow::AccountProfile;
use crate::callflow::account_pull::{
    Pulled, active_numbers_from_answer, apply_pull, numbers_left_out, profile_text, read_profile,
    speech_profiles_from_answer, vca_webhook_from_answer,
};
use crate::io;
use crate::io::api::Api;
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct AccountArgs {
    #[command(subcommand)]
    command: AccountCommand,
}

#[derive(Subcommand, Debug)]
enum AccountCommand {
    /// Fetch the subaccount's voices and VCA webhook into the account profile
    Pull {
        /// Write the profile here instead of account.json in the config directory
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Also add the subaccount's Active numbers to allowedSources (a union)
        #[arg(long)]
        with_numbers: bool,
        #[command(flatten)]
        api: ApiArgs,
    },
}

pub fn run(args: AccountArgs) -> Outcome {
    match args.command {
        AccountCommand::Pull {
            out,
            with_numbers,
            api,
        } => pull(out, with_numbers, &api),
    }
}

/// Reads the old profile, fetches, and only then writes, atomically: a pull that fails
/// anywhere leaves the old profile as it was.
fn pull(out: Option<PathBuf>, with_numbers: bool, api: &ApiArgs) -> Outcome {
    let target = match out {
        Some(path) => path,
        None => io::account::default_path().ok_or_else(|| {
            Failure(
                "no config directory: set HOME or XDG_CONFIG_HOME, or pass --out FILE".to_owned(),
            )
        })?,
    };
    let existing = read_existing(&target)?;
    let profile = read_profile(existing.as_deref())
        .map_err(|reason| Failure(format!("{}: {reason}", target.display())))?;
    let settings = io::credentials::resolve(&api.options()).map_err(Failure)?;
    let api = Api::new(settings);
    let pulled = fetch(&api, with_numbers).map_err(Failure)?;
    let (profile, changes) = apply_pull(profile, &pulled)
        .map_err(|reason| Failure(format!("{}: {reason}", target.display())))?;
    let text = profile_text(&profile);
    AccountProfile::from_json(&text).map_err(|reason| {
        Failure(format!(
            "the pulled profile would not load ({reason}); nothing written"
        ))
    })?;
    write_profile(&target, &text)?;
    let mut out = std::io::stdout().lock();
    if changes.is_empty() {
        let _ = writeln!(out, "no changes");
    }
    for change in &changes {
        let _ = writeln!(out, "{change}");
    }
    let _ = writeln!(std::io::stderr(), "wrote {}", target.display());
    Ok(ExitCode::SUCCESS)
}

/// The profile's text, or `None` when there is no file yet.
fn read_existing(target: &Path) -> Result<Option<String>, Failure> {
    if !target.exists() {
        return Ok(None);
    }
    let bytes = io::file::read_limited(target).map_err(Failure)?;
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Failure(format!(
            "{}: account profile is not UTF-8 text",
            target.display()
        ))
    })
}

fn fetch(api: &Api, with_numbers: bool) -> Result<Pulled, String> {
    let within = |resource: &str, reason: String| format!("{resource}: {reason}");
    let voices = api.get("speech-profiles")?;
    let webhooks = api.get("webhooks")?;
    let numbers = with_numbers.then(|| api.get("numbers")).transpose()?;
    if let Some((listed, total)) = numbers.as_ref().and_then(numbers_left_out) {
        let _ = writeln!(
            std::io::stderr(),
            "callflow: the API listed {listed} of {total} numbers; only those were added"
        );
    }
    Ok(Pulled {
        speech_profiles: speech_profiles_from_answer(&voices)
            .map_err(|reason| within("speech-profiles", reason))?,
        vca_webhook_url: vca_webhook_from_answer(&webhooks)
            .map_err(|reason| within("webhooks", reason))?,
        active_numbers: numbers
            .map(|answer| active_numbers_from_answer(&answer))
            .transpose()
            .map_err(|reason| within("numbers", reason))?,
    })
}

fn write_profile(target: &Path, text: &str) -> Result<(), Failure> {
    if let Some(folder) = target
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        std::fs::create_dir_all(folder).map_err(|error| {
            Failure(format!(
                "{}: {}",
                folder.display(),
                io::file::describe(&error)
            ))
        })?;
    }
    io::document_file::save_atomic(target, text.as_bytes())
        .map(|_| ())
        .map_err(Failure)
}
