//! `callflow simulate` (SIM.md §5): plays a created request on a simulated clock and prints
//! the response and every webhook the platform would send, one JSON object per line.

use super::{Failure, Outcome};
use crate::callflow::Context;
use crate::callflow::datetime::parse_rfc3339;
use crate::callflow::sim::{Callee, PressScript, Responder, Setup, Simulation};
use crate::io;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod interactive;

/// The platform gives up on an unanswered leg at 60 s, so a ring must be shorter.
const RING_LIMIT_MS: u64 = 60_000;
/// A run must last at least as long as an unanswered ring.
const SHORTEST_MAX_MS: u64 = 60_000;

#[derive(clap::Args, Debug)]
pub struct SimulateArgs {
    /// The request; `-` or nothing reads standard input
    file: Option<PathBuf>,
    /// The instant the request is accepted (RFC 3339), instead of the system clock
    #[arg(long, value_name = "INSTANT")]
    now: Option<String>,
    /// What your account allows (caller IDs, webhook, scenarios, voices), as JSON
    #[arg(long, value_name = "FILE")]
    account: Option<PathBuf>,
    /// callA's callee: answer, busy, no-answer, failed or hangup-after=MS
    #[arg(long, value_name = "SCRIPT", default_value = "answer")]
    callee: String,
    /// callB's callee (the bridged party)
    #[arg(long, value_name = "SCRIPT", default_value = "hangup-after=30000")]
    callee_b: String,
    /// How long a phone rings before its callee answers or refuses, in ms (0 to 59999)
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    ring: u64,
    /// Keys callA's callee presses: WAIT:KEYS per capture try, +WAIT:KEYS within it
    #[arg(long, value_name = "TOKENS", allow_hyphen_values = true)]
    press: Option<String>,
    /// Rules that answer each Voice Call Action webhook
    #[arg(long, value_name = "FILE")]
    responder: Option<PathBuf>,
    /// How long one play of an audio file lasts, in ms
    #[arg(long, value_name = "MS", default_value_t = 5000)]
    file_ms: u64,
    /// A fileUrl whose download fails (-2006); may be repeated
    #[arg(long, value_name = "URL")]
    broken_file: Vec<String>,
    /// Seed of the ids
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// The subAccountId the events show
    #[arg(long, value_name = "ID", default_value = "sim_subaccount")]
    subaccount: String,
    /// At this t callA's callee hangs up, so every run ends (at least 60000)
    #[arg(long, value_name = "MS", default_value_t = 3_600_000)]
    max_ms: u64,
    /// Add trace lines: actions, plays, capture windows, ignored keys
    #[arg(long)]
    trace: bool,
    /// Take the call yourself in the terminal: keys press, space skips ahead, q quits
    #[arg(long)]
    interactive: bool,
    /// With --interactive: write the JSON lines to this file (else standard output, after)
    #[arg(long, value_name = "FILE", requires = "interactive")]
    out: Option<PathBuf>,
}

pub fn run(args: SimulateArgs) -> Outcome {
    let setup = setup(&args)?;
    let body = read_request(args.file.as_deref())?;
    if args.interactive {
        let title = args
            .file
            .as_ref()
            .map_or("standard input".to_owned(), |path| {
                path.display().to_string()
            });
        return interactive::run(&body, setup, args.out.as_deref(), &title);
    }
    let mut simulation = Simulation::from_bytes(&body, setup);
    simulation.run_to_end();
    let unused = simulation.unused_press_tokens();
    if unused > 0 {
        let _ = writeln!(
            std::io::stderr(),
            "callflow: note: {unused} --press token{} not used: the call had fewer capture tries",
            if unused == 1 { " was" } else { "s were" }
        );
    }
    print_lines(&simulation, None)
}

/// Writes every line, to `out` or standard output; exit 0 when the call ran, 1 when the
/// request was refused.
fn print_lines(simulation: &Simulation, out: Option<&Path>) -> Outcome {
    let mut text = String::new();
    for line in simulation.lines() {
        line.write(&mut text);
        text.push('\n');
    }
    match out {
        Some(path) => {
            io::document_file::save_atomic(path, text.as_bytes()).map_err(Failure)?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|error| Failure(format!("standard output: {error}")))?;
        }
    }
    Ok(if simulation.verdict().is_created() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn setup(args: &SimulateArgs) -> Result<Setup, Failure> {
    let now = match args.now.as_deref() {
        Some(text) => parse_rfc3339(text)
            .ok_or_else(|| Failure(format!("--now: \"{text}\" is not an RFC 3339 instant")))?,
        None => io::clock::now(),
    };
    let account = io::account::load(args.account.as_deref()).map_err(Failure)?;
    let callee = |flag: &str, text: &str| {
        Callee::parse(text).map_err(|reason| Failure(format!("{flag}: {reason}")))
    };
    if args.ring >= RING_LIMIT_MS {
        return Err(Failure(format!(
            "--ring: {} ms is too long; the platform gives up at {RING_LIMIT_MS} ms",
            args.ring
        )));
    }
    if args.file_ms == 0 {
        return Err(Failure("--file-ms: a file plays at least 1 ms".to_owned()));
    }
    if args.max_ms < SHORTEST_MAX_MS {
        return Err(Failure(format!(
            "--max-ms: at least {SHORTEST_MAX_MS}, so that a ring can end"
        )));
    }
    let presses = PressScript::parse(args.press.as_deref().unwrap_or_default())
        .map_err(|reason| Failure(format!("--press: {reason}")))?;
    let responder = match &args.responder {
        Some(path) => read_responder(path)?,
        None => Responder::default(),
    };
    let mut setup = Setup::new(Context::new(account, now));
    setup.callee_a = callee("--callee", &args.callee)?;
    setup.callee_b = callee("--callee-b", &args.callee_b)?;
    setup.ring_ms = args.ring;
    setup.file_ms = args.file_ms;
    setup.broken_files = args.broken_file.clone();
    setup.seed = args.seed;
    setup.subaccount = args.subaccount.clone();
    setup.max_ms = args.max_ms;
    setup.trace = args.trace;
    setup.responder = responder;
    setup.presses = presses;
    Ok(setup)
}

fn read_request(file: Option<&Path>) -> Result<Vec<u8>, Failure> {
    match file {
        None => io::file::read_stdin_limited(),
        Some(path) if path.as_os_str() == "-" => io::file::read_stdin_limited(),
        Some(path) => io::file::read_limited(path),
    }
    .map_err(Failure)
}

fn read_responder(path: &Path) -> Result<Responder, Failure> {
    let shown = path.display();
    let bytes = io::file::read_limited(path).map_err(Failure)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure(format!("{shown}: responder file is not UTF-8 text")))?;
    Responder::from_json(&text)
        .map_err(|reason| Failure(format!("{shown}: malformed responder file: {reason}")))
}
