//! Prints one of the three hostile bodies of SPEC §8's cost bound, as close to 16 MiB as
//! the body's pattern allows (never over it), for whole-process measurements:
//!
//! `cargo run --release --example hostile_body zeros > zeros.json`
//! `/usr/bin/time -v target/release/callflow validate --all zeros.json > /dev/null`
//!
//! - `zeros`: `{"callflow": [0, 0, …]}`, about 8.4 million items that are not actions;
//! - `unknown-params`: one makeCall with about 1.4 million parameters the API ignores;
//! - `repeated-key`: one key given about 2.8 million times in the body's object;
//! - `nested-arrays`: `{"callflow": [[[]],[[]],…]}`, about 3.4 million tiny nested arrays;
//! - `nested-objects`: `{"callflow": [{"a":[{}]},…]}`, about 1.5 million small objects;
//! - `deep-ignored`: an ignored key holding about 1.2 million `[[[[[[]]]]]]`.
//!
//! An optional second argument sets the size in bytes instead of 16 MiB.

use std::io::Write;

const SIXTEEN_MIB: usize = 16 * 1024 * 1024;

fn main() {
    let mut args = std::env::args().skip(1);
    let kind = args.next().unwrap_or_default();
    let size = args
        .next()
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(SIXTEEN_MIB);
    let body = match kind.as_str() {
        "zeros" => repeated_within(size, "{\"callflow\": [0", ",0", "]}"),
        "unknown-params" => unknown_params(size),
        "repeated-key" => repeated_within(
            size,
            "{\"callflow\": [{\"action\": \"hangup\"}], \"a\":0",
            ",\"a\":0",
            "}",
        ),
        "nested-arrays" => repeated_within(size, "{\"callflow\": [[[]]", ",[[]]", "]}"),
        "nested-objects" => {
            repeated_within(size, "{\"callflow\": [{\"a\":[{}]}", ",{\"a\":[{}]}", "]}")
        }
        "deep-ignored" => repeated_within(
            size,
            "{\"callflow\": [{\"action\": \"hangup\"}], \"x\": [[[[[[[]]]]]]",
            ",[[[[[[]]]]]]",
            "]}",
        ),
        _ => {
            eprintln!(
                "usage: hostile_body zeros|unknown-params|repeated-key|nested-arrays|\
                 nested-objects|deep-ignored [BYTES]"
            );
            std::process::exit(2);
        }
    };
    // A closed pipe (`| head`) ends the program quietly.
    let _ = std::io::stdout().lock().write_all(body.as_bytes());
}

/// `head`, then `unit` as many times as fits in `size` bytes, then `tail`.
fn repeated_within(size: usize, head: &str, unit: &str, tail: &str) -> String {
    let room = size.saturating_sub(head.len() + tail.len());
    let mut body = String::with_capacity(size);
    body.push_str(head);
    for _ in 0..room / unit.len() {
        body.push_str(unit);
    }
    body.push_str(tail);
    body
}

/// A makeCall whose `params` holds distinct unknown keys `p0`, `p1`, … until `size`.
fn unknown_params(size: usize) -> String {
    let head = "{\"callflow\": [{\"action\": \"makeCall\", \"params\": {\
                \"source\": \"+6588000000\", \"destination\": \"+6591234567\"";
    let tail = "}}]}";
    let mut body = String::with_capacity(size);
    body.push_str(head);
    for index in 0.. {
        let member = format!(",\"p{index}\":0");
        if body.len() + member.len() + tail.len() > size {
            break;
        }
        body.push_str(&member);
    }
    body.push_str(tail);
    body
}
