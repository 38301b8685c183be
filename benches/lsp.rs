//! The language server's answer to a change: a 1,000-action document in, its published
//! diagnostics out (the JSON-RPC notification as sent), against `validate` alone on the same
//! text.
//! Target: within 5 ms of a change.

use callflow::callflow::print::to_pretty;
use callflow::callflow::sample::large_request;
use callflow::callflow::{AccountProfile, Context, Instant, validate_text};
use callflow::lsp::{Options, Server};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use std::hint::black_box;

const URI: &str = "file:///bench/flow.json";

fn message(method: &str, params: serde_json::Value) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "method": method, "params": params})
        .to_string()
        .into_bytes()
}

fn server_with(text: &str) -> Server {
    let dir = std::env::temp_dir().join(format!("callflow-bench-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let account = dir.join("account.json");
    std::fs::write(&account, "{}").unwrap();
    let mut server = Server::new(Options {
        account: Some(account),
        now: Some(Instant::from_unix_seconds(0)),
    })
    .unwrap();
    let initialize =
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}});
    server.handle_bytes(initialize.to_string().as_bytes());
    let open =
        json!({"textDocument": {"uri": URI, "languageId": "json", "version": 1, "text": text}});
    server.handle_bytes(&message("textDocument/didOpen", open));
    server
}

fn change(text: &str) -> Vec<u8> {
    message(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": text}]}),
    )
}

fn diagnostics_vs_validate(c: &mut Criterion) {
    let valid = to_pretty(&large_request(1000));
    // Every sayAndCapture refused (-1006): about 330 error diagnostics to place and send.
    let refused = valid.replace("\"overallTimeout\": 15000", "\"overallTimeout\": 1000");
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let mut group = c.benchmark_group("lsp_diagnostics");
    for (name, text) in [("created", &valid), ("refused", &refused)] {
        group.bench_function(format!("validate_{name}"), |b| {
            b.iter(|| validate_text(black_box(text), &context))
        });
        let mut server = server_with(text);
        let change = change(text);
        group.bench_function(format!("did_change_{name}"), |b| {
            b.iter(|| server.handle_bytes(black_box(&change)))
        });
    }
    group.finish();
}

criterion_group!(benches, diagnostics_vs_validate);
criterion_main!(benches);
