//! Prints a valid request with N actions (default 10,000), for whole-process timing:
//! `cargo run --release --example large_request 10000 > big.json`
//! `hyperfine 'target/release/callflow validate big.json' 'jq empty big.json'`

use callflow::callflow::print::to_pretty;
use callflow::callflow::sample::large_request;

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(10_000);
    print!("{}", to_pretty(&large_request(count)));
}
