//! The base protocol: messages framed by a `Content-Length` header, over any byte streams.
//!
//! Written here rather than taken from `lsp-server`, whose reader thread stops for good on
//! the first malformed message; this one reports the bad frame and reads on.

use std::io::{self, BufRead, Read, Write};

/// A body larger than this is refused (and skipped) rather than buffered.
const MAX_BODY: usize = 64 << 20;
/// A header line longer than this is not a header.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// What one read from the stream brought.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// The headers did not frame a body; the reason, for the error response.
    Malformed(String),
    /// The stream ended.
    End,
}

pub fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<usize> = None;
    let mut malformed: Option<String> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(Frame::End);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) if n <= MAX_BODY => length = Some(n),
                    _ => malformed = Some(format!("bad Content-Length: {}", value.trim())),
                }
            }
            Some(_) => {}
            None => malformed = Some(format!("not a header: {}", shorten(line))),
        }
    }
    if let Some(reason) = malformed {
        return Ok(Frame::Malformed(reason));
    }
    let Some(length) = length else {
        return Ok(Frame::Malformed("no Content-Length header".to_owned()));
    };
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Frame::Body(body)),
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Ok(Frame::End),
        Err(error) => Err(error),
    }
}

pub fn write_frame(output: &mut impl Write, body: &[u8]) -> io::Result<()> {
    write!(output, "Content-Length: {}\r\n\r\n", body.len())?;
    output.write_all(body)?;
    output.flush()
}

fn shorten(line: &str) -> String {
    line.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = input;
        let mut all = Vec::new();
        loop {
            let frame = read_frame(&mut reader).unwrap();
            let end = frame == Frame::End;
            all.push(frame);
            if end {
                return all;
            }
        }
    }

    #[test]
    fn reads_framed_bodies_and_reads_on_after_a_bad_frame() {
        let input = b"Content-Length: 2\r\n\r\n{}garbage\r\n\r\ncontent-length:3\r\n\r\n[1]";
        assert_eq!(
            frames(input),
            [
                Frame::Body(b"{}".to_vec()),
                Frame::Malformed("not a header: garbage".to_owned()),
                Frame::Body(b"[1]".to_vec()),
                Frame::End
            ]
        );
    }

    #[test]
    fn a_body_cut_short_is_the_end() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}"), [Frame::End]);
        assert_eq!(
            frames(b"Content-Length: x\r\n\r\n"),
            [
                Frame::Malformed("bad Content-Length: x".to_owned()),
                Frame::End
            ]
        );
    }
}
