use callflow::cli::{Command, Failure, parse_arguments, run_headless};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match parse_arguments() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let outcome = match cli.command {
        None => callflow::tui::run_builder(cli.file, cli.account.as_deref(), !cli.no_mouse),
        Some(Command::Learn { reset }) => {
            callflow::tui::practice::run(cli.account.as_deref(), !cli.no_mouse, reset)
        }
        Some(command) => run_headless(command),
    };
    match outcome {
        Ok(code) => code,
        Err(Failure(reason)) => {
            // Not eprintln: it panics when standard error is gone (a closed terminal).
            let _ = writeln!(std::io::stderr(), "callflow: {reason}");
            ExitCode::from(2)
        }
    }
}
