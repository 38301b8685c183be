//! The command line: clap definitions and the headless commands (SPEC §8).

use crate::callflow::datetime::parse_rfc3339;
use crate::callflow::report::response_line;
use crate::callflow::{Context, StatusCode, validate_bytes};
use crate::io;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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

    /// The account profile (SPEC §6); default: account.json in the config directory
    #[arg(long, value_name = "FILE")]
    pub account: Option<PathBuf>,

    /// Do not capture the mouse (keeps the terminal's own text selection)
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Answer like the API: print the response for a request (FILE, or standard input)
    Validate {
        /// The request; `-` or nothing reads standard input
        file: Option<PathBuf>,
        /// The current instant for validUntil (RFC 3339), instead of the system clock
        #[arg(long, value_name = "INSTANT")]
        now: Option<String>,
        /// The account profile (SPEC §6)
        #[arg(long, value_name = "FILE")]
        account: Option<PathBuf>,
        /// Add every finding: errors, warnings and notes
        #[arg(long)]
        all: bool,
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
    /// Print shell completions
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
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
        eprintln!("{first_line} (see callflow --help)");
        ExitCode::from(2)
    })
}

pub fn run_headless(command: Command) -> Outcome {
    match command {
        Command::Validate {
            file,
            now,
            account,
            all,
        } => validate(file.as_deref(), now.as_deref(), account.as_deref(), all),
        Command::Codes => {
            print!("{}", codes_table());
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { code } => explain(&code),
        Command::New { template, file } => new_from_template(&template, file.as_deref()),
        Command::Learn { .. } => Err(Failure(
            "learn runs in the terminal, not headless".to_owned(),
        )),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "callflow",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn validate(file: Option<&Path>, now: Option<&str>, account: Option<&Path>, all: bool) -> Outcome {
    let now = match now {
        Some(text) => parse_rfc3339(text)
            .ok_or_else(|| Failure(format!("--now: \"{text}\" is not an RFC 3339 instant")))?,
        None => io::clock::now(),
    };
    let account = io::account::load(account).map_err(Failure)?;
    let body = match file {
        None => io::file::read_stdin_limited(),
        Some(path) if path.as_os_str() == "-" => io::file::read_stdin_limited(),
        Some(path) => io::file::read_limited(path),
    }
    .map_err(Failure)?;
    let verdict = validate_bytes(&body, &Context::new(account, now));
    println!("{}", response_line(&verdict, all));
    Ok(if verdict.is_created() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
    print!("{}", crate::callflow::teaching::explain(code));
    Ok(ExitCode::SUCCESS)
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
        None => print!("{}", template.json),
        Some(path) if path.exists() => {
            return Err(Failure(format!(
                "{}: exists already; choose another name",
                path.display()
            )));
        }
        Some(path) => {
            io::document_file::save_atomic(path, template.json.as_bytes()).map_err(Failure)?;
            eprintln!("wrote {} ({})", path.display(), template.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}
