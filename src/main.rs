use callflow::cli::{Failure, parse_arguments, run_headless};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match parse_arguments() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let Some(command) = cli.command else {
        eprintln!("the builder is not there yet: use `callflow validate FILE`");
        return ExitCode::from(2);
    };
    match run_headless(command) {
        Ok(code) => code,
        Err(Failure(reason)) => {
            eprintln!("callflow: {reason}");
            ExitCode::from(2)
        }
    }
}
