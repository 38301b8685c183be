use callflow::cli::escape::escaped;
use callflow::cli::{Command, Failure, parse_arguments, run_headless};
use callflow::io::terminal;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    terminal::survive_file_size_limit();
    let cli = match parse_arguments() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let outcome = match cli.command {
        None => needs_a_terminal().and_then(|()| {
            callflow::tui::run_builder(cli.file, cli.account.as_deref(), !cli.no_mouse)
        }),
        Some(Command::Learn { reset }) => needs_a_terminal().and_then(|()| {
            callflow::tui::practice::run(cli.account.as_deref(), !cli.no_mouse, reset)
        }),
        Some(command) => run_headless(command),
    };
    match outcome {
        Ok(code) => terminal::exit_status_after_signal().map_or(code, ExitCode::from),
        Err(Failure(reason)) => {
            // Not eprintln: it panics when standard error is gone (a closed terminal).
            let _ = writeln!(std::io::stderr(), "callflow: {}", escaped(&reason));
            ExitCode::from(2)
        }
    }
}

/// The builder draws on standard output and reads keys from standard input: without a
/// terminal on both it would write escape sequences into a file or pipe, or run unseen.
/// It says so before anything reaches the terminal.
fn needs_a_terminal() -> Result<(), Failure> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(Failure(
        "the builder needs a terminal on standard input and output; in scripts use `callflow validate`"
            .to_owned(),
    ))
}
