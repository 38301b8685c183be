//! `callflow completions SHELL`: the shell's completion script, for the commands a person
//! types. clap_complete lists hidden subcommands too (the clipboard holder that the builder
//! starts), so the script is made from a copy of the command line without them.

use super::Cli;
use clap::CommandFactory;

/// The completion script for `shell`, in memory: clap_complete panics when its writer
/// fails, and the caller's write handles a closed pipe quietly instead.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut visible_command(), "callflow", &mut script);
    script
}

/// The command line as `--help` shows it: the same options, the visible subcommands.
fn visible_command() -> clap::Command {
    let full = Cli::command();
    let visible: Vec<clap::Command> = full
        .get_subcommands()
        .filter(|command| !command.is_hide_set())
        .cloned()
        .collect();
    clap::Command::new("callflow")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(visible)
}
