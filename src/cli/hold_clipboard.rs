//! `callflow hold-clipboard` (hidden): the builder starts this to keep a copy on the X11 or
//! Wayland clipboard after it exits (see `io::clipboard`). It reads the text on standard
//! input, says `ok` on standard output once it owns the clipboard, and exits when another
//! program takes the clipboard over.

use super::{Failure, Outcome};
use std::io::Read;
use std::process::ExitCode;

pub fn run() -> Outcome {
    ignore_the_terminal_going_away();
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|error| {
            Failure(format!(
                "hold-clipboard: {}",
                crate::io::file::describe(&error)
            ))
        })?;
    crate::io::clipboard::hold_until_replaced(&text, &mut std::io::stdout())
        .map_err(|reason| Failure(format!("hold-clipboard: {reason}")))?;
    Ok(ExitCode::SUCCESS)
}

/// The holder outlives the builder's terminal: a hang-up or an interrupt meant for the
/// builder must not take the copy away. Only losing the clipboard ends it.
fn ignore_the_terminal_going_away() {
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        let ignored = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal, ignored);
    }
}
