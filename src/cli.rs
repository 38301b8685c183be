//! The command line: clap definitions and the headless commands (SPEC §8).

mod completions;
pub mod escape;
mod hold_clipboard;
pub mod output;
pub mod validate;

use crate::callflow::StatusCode;
use crate::io;
use clap::{Parser, Subcommand};
use output::{Written, say, write_out};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod account;
mod api_args;
mod differences;
mod lsp;
mod schema;
mod send;
mod simulate;

#[derive(Parser, Debug)]
#[command(
    name = "callflow",
    version,
    about = "Build and check 8x8 Voice Callflows API requests, offline",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The request to open in the builder; a new file is created on save
    pub file: Option<PathBuf>,

    /// What your account allows (caller IDs, webhook, scenarios, voices), as JSON;
    /// default: account.json in the config directory
    #[arg(long, value_name = "FILE")]
    pub account: Option<PathBuf>,

    /// Do not capture the mouse (keeps the terminal's own text selection)
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Answer like the API: print the response for each request (FILEs, or standard input)
    Validate {
        /// The requests; `-` or nothing reads standard input. With several, each answer
        /// names its file and the exit status is the worst (2, then 1, then 0)
        files: Vec<PathBuf>,
        /// The current instant for validUntil (RFC 3339), instead of the system clock
        #[arg(long, value_name = "INSTANT")]
        now: Option<String>,
        /// What your account allows (caller IDs, webhook, scenarios, voices), as JSON;
        /// default: account.json in the config directory
        #[arg(long, value_name = "FILE")]
        account: Option<PathBuf>,
        /// Add every finding: errors, warnings and notes, each with a fix
        #[arg(long)]
        all: bool,
        /// json (one line per request, as the API answers), human, or github (annotations)
        #[arg(long, value_enum, default_value_t)]
        format: validate::Format,
    },
    /// List every status code and its message
    Codes,
    /// Explain a status code: what triggers it, an example, and the fix
    Explain {
        /// A status code: -1006, 1006 or 1
        #[arg(allow_hyphen_values = true)]
        code: String,
    },
    /// Start a request from a template: voice-message, audio-message, ivr-menu, call-bridge, scenario
    New {
        /// The template's name
        template: String,
        /// Where to write it (refused if it exists); standard output without it
        file: Option<PathBuf>,
    },
    /// Practice: fix one broken request per status code until the API would accept it
    Learn {
        /// Start again from the first exercise
        #[arg(long)]
        reset: bool,
    },
    /// The account profile from the real API: `account pull`
    Account(account::AccountArgs),
    /// Send a request to the real API (a real call follows); refused unless it validates
    Send(send::SendArgs),
    /// List the API answers that differed from callflow's prediction
    Differences(differences::DifferencesArgs),
    /// Play a created request on a simulated clock: the response and every webhook, as JSON lines
    Simulate(Box<simulate::SimulateArgs>),
    /// Run the language server on standard input and output (for editors)
    Lsp {
        /// The current instant for validUntil (RFC 3339), instead of the system clock
        #[arg(long, value_name = "INSTANT")]
        now: Option<String>,
        /// What your account allows (caller IDs, webhook, scenarios, voices), as JSON; re-read when it changes on disk
        #[arg(long, value_name = "FILE")]
        account: Option<PathBuf>,
    },
    /// Print a JSON Schema (draft-07) of the request, for editors' JSON services
    Schema,
    /// Print shell completions
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Serves a copied text on the clipboard after the builder exits (started by the
    /// builder itself; reads the text on standard input)
    #[command(hide = true, name = "hold-clipboard")]
    HoldClipboard,
}

pub use crate::exit::{Failure, Outcome};

/// Parses the arguments; usage errors become one line on standard error and exit 2.
pub fn parse_arguments() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|error| {
        use clap::error::ErrorKind;
        if matches!(
            error.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
        ) {
            // Help and version go to standard output, as the user asked for them.
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        let rendered = error.render().to_string();
        let first_line = rendered.lines().next().unwrap_or("error: bad arguments");
        say(&format!("{first_line} (see callflow --help)"));
        ExitCode::from(2)
    })
}

pub fn run_headless(command: Command) -> Outcome {
    match command {
        Command::Validate {
            files,
            now,
            account,
            all,
            format,
        } => validate::run(validate::Request {
            files,
            now,
            account,
            all,
            format,
        }),
        Command::Codes => print(&codes_table()),
        Command::Explain { code } => explain(&code),
        Command::New { template, file } => new_from_template(&template, file.as_deref()),
        Command::Learn { .. } => Err(Failure(
            "learn runs in the terminal, not headless".to_owned(),
        )),
        Command::Account(args) => account::run(args),
        Command::Send(args) => send::run(args),
        Command::Differences(args) => differences::run(args),
        Command::Simulate(args) => simulate::run(*args),
        Command::Lsp { now, account } => lsp::run(now.as_deref(), account.as_deref()),
        Command::Schema => schema::print_schema(),
        Command::Completions { shell } => {
            print(&String::from_utf8_lossy(&completions::script(shell)))
        }
        Command::HoldClipboard => hold_clipboard::run(),
    }
}

/// Writes a command's whole answer; a reader that closed the pipe ends it quietly.
fn print(text: &str) -> Outcome {
    match write_out(text) {
        Ok(()) | Err(Written::Closed) => Ok(ExitCode::SUCCESS),
        Err(Written::Failed(reason)) => Err(Failure(reason)),
    }
}

/// `callflow codes`: the code right-aligned, then its message.
pub fn codes_table() -> String {
    StatusCode::ALL
        .iter()
        .map(|code| {
            let message = match code {
                StatusCode::InvalidEntry => format!("{} DETAIL", code.message()),
                _ => code.message().to_owned(),
            };
            format!("{:>5}  {message}\n", code.number())
        })
        .collect()
}

/// Reads `-1006`, `1006` (the minus implied) or `1` as a status code.
pub fn parse_code(text: &str) -> Option<StatusCode> {
    let number: i64 = text.trim().parse().ok()?;
    StatusCode::from_number(number).or_else(|| StatusCode::from_number(-number))
}

fn explain(code: &str) -> Outcome {
    let Some(code) = parse_code(code) else {
        let known: Vec<String> = StatusCode::ALL
            .iter()
            .map(|c| c.number().to_string())
            .collect();
        return Err(Failure(format!(
            "unknown status code \"{code}\"; known codes: {}",
            known.join(", ")
        )));
    };
    print(&crate::callflow::teaching::explain(code))
}

fn new_from_template(name: &str, file: Option<&Path>) -> Outcome {
    use crate::callflow::templates::{template, templates};
    let Some(template) = template(name) else {
        let names: Vec<&str> = templates().iter().map(|t| t.name).collect();
        return Err(Failure(format!(
            "unknown template \"{name}\"; templates: {}",
            names.join(", ")
        )));
    };
    match file {
        None => return print(template.json),
        Some(path) if path.exists() => {
            return Err(Failure(format!(
                "{}: exists already; choose another name",
                path.display()
            )));
        }
        Some(path) => {
            io::document_file::save_atomic(path, template.json.as_bytes()).map_err(Failure)?;
            say(&format!("wrote {} ({})", path.display(), template.title));
        }
    }
    Ok(ExitCode::SUCCESS)
}
