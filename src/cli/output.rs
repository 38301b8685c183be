//! Writing the headless answers. A reader that goes away (`callflow validate … | head -c
//! 100`) closes the pipe: that is the reader's choice, not an error, so it ends the
//! command quietly instead of panicking as `println!` would.

use std::io::{self, Write};

/// Writes `text` to standard output and flushes it, so a closed pipe is noticed here and
/// not in a destructor. Other write errors (a full disk behind a redirection) are
/// reported as the reason the command could not finish.
pub fn write_out(text: &str) -> Result<(), Written> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|error| {
            if error.kind() == io::ErrorKind::BrokenPipe {
                Written::Closed
            } else {
                Written::Failed(format!(
                    "standard output: {}",
                    crate::io::file::describe(&error)
                ))
            }
        })
}

/// Why a write did not happen.
#[derive(Debug)]
pub enum Written {
    /// Standard output was closed by its reader: stop writing, and exit without a word.
    Closed,
    /// Any other failure, as one line.
    Failed(String),
}

/// One line on standard error, escaped; nothing happens when standard error is gone
/// (`eprintln!` would panic).
pub fn say(line: &str) {
    let _ = writeln!(io::stderr(), "{}", super::escape::escaped(line));
}
