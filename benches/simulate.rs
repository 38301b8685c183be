//! The simulator against the validator: a 200-action request with 50 sayAndCapture tries,
//! simulated with every event printed to a buffer, should cost under 5 × validating it.
//! Both are measured in the same run, so the ratio holds on any machine.

use callflow::callflow::datetime::Instant;
use callflow::callflow::sim::{PressScript, Setup, run_script};
use callflow::callflow::{AccountProfile, Context, validate_text};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;

const ACTIONS: usize = 200;
const CAPTURES: usize = 50;

/// makeCall, then a sayAndCapture (one try) every fourth action among says: 200 in all.
fn request() -> String {
    let mut actions = vec![json!({"action": "makeCall",
        "params": {"source": "+6588000000", "destination": "+6590000000"}})];
    for index in 1..ACTIONS {
        // Actions 1, 5, 9, … 197: fifty captures among 149 says.
        let action = if index % 4 == 1 {
            json!({"action": "sayAndCapture", "params": {
                "promptMessage": format!("Menu {index}: press one for sales, two for support."),
                "voiceProfile": "en-US-BenjaminRUS", "minDigits": 1, "maxDigits": 4,
                "digitTimeout": 3000, "overallTimeout": 10000, "noOfTries": 1,
                "successMessage": "Thank you.", "failureMessage": "Sorry."}})
        } else {
            json!({"action": "say", "params": {
                "text": format!("Message number {index} of this long call."),
                "voiceProfile": "en-US-BenjaminRUS"}})
        };
        actions.push(action);
    }
    let request = json!({ "callflow": actions });
    let captures = request["callflow"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["action"] == "sayAndCapture")
        .count();
    assert_eq!((actions_in(&request), captures), (ACTIONS, CAPTURES));
    serde_json::to_string_pretty(&request).unwrap()
}

fn actions_in(request: &Value) -> usize {
    request["callflow"].as_array().unwrap().len()
}

fn simulate_vs_validate(c: &mut Criterion) {
    let text = request();
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let mut setup = Setup::new(context.clone());
    // Every try takes two digits and a hash: a DTMF event per key.
    setup.presses = PressScript::parse(&vec!["500:12#"; CAPTURES].join(" ")).unwrap();
    setup.max_ms = 100_000_000;
    let (_, printed) = run_script(text.as_bytes(), setup.clone());
    let keys = printed.matches("DTMF_RECEIVED").count();
    assert_eq!(keys, 3 * CAPTURES, "every try is simulated");
    assert!(printed.lines().last().unwrap().contains("\"COMPLETED\""));

    let mut group = c.benchmark_group("simulate_vs_validate");
    group.bench_function("validate", |b| {
        b.iter(|| validate_text(black_box(&text), &context))
    });
    group.bench_function("simulate_printed", |b| {
        b.iter(|| run_script(black_box(text.as_bytes()), setup.clone()).1)
    });
    group.finish();
}

criterion_group!(benches, simulate_vs_validate);
criterion_main!(benches);
