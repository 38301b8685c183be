//! `callflow lsp`: a language server over standard input and output, a face beside the
//! TUI on the same domain. Findings become diagnostics, the parameter table hover and
//! completion, mechanical fixes code actions.

mod account;
pub mod code_actions;
pub mod completion;
mod cursor;
pub mod diagnostics;
pub mod hover;
mod plausible;
pub mod server;
pub mod spans;
pub mod text;
mod tokens;
pub mod transport;

pub use server::{Options, Server};

use std::io::{BufReader, Write};
use transport::{Frame, read_frame, write_frame};

/// Serves until `exit` or the end of the input; returns the process's exit code.
pub fn serve(options: Options) -> Result<u8, String> {
    let mut server = Server::new(options)?;
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = std::io::stdout().lock();
    loop {
        let replies = match read_frame(&mut input) {
            Ok(Frame::Body(body)) => server.handle_bytes(&body),
            Ok(Frame::Malformed(reason)) => server.malformed_frame(&reason),
            Ok(Frame::End) | Err(_) => return Ok(server.exit_code_at_end_of_input()),
        };
        if send(&mut output, &replies).is_err() {
            // The client closed our output: nobody is listening any more.
            return Ok(1);
        }
        if let Some(code) = server.exit_code() {
            return Ok(code);
        }
    }
}

fn send(output: &mut impl Write, replies: &[String]) -> std::io::Result<()> {
    for reply in replies {
        write_frame(output, reply.as_bytes())?;
    }
    Ok(())
}
