//! Properties of the simulator over generated valid requests, callee scripts, key presses
//! and responders: it never panics, `t` never decreases, the last line is the session
//! summary, every leg dialled is disconnected exactly once, and the same input and seed
//! print the same bytes.

use callflow::callflow::datetime::parse_rfc3339;
use callflow::callflow::sim::{Callee, PressScript, Responder, Setup, run_script};
use callflow::callflow::{AccountProfile, Context};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;

const VOICE: &str = "en-US-BenjaminRUS";
const BROKEN: &str = "https://example.com/broken.mp3";

fn make_call(destination: &str) -> Value {
    json!({"action": "makeCall", "params": {"source": "+6588000000", "destination": destination}})
}

fn speed() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(json!(1))),
        Just(Some(json!(0.5))),
        Just(Some(json!(2))),
        Just(Some(json!(1.2345))),
    ]
}

fn say() -> impl Strategy<Value = Value> {
    ("[a-z ]{1,40}", speed(), 1..=3u32).prop_map(|(text, speed, repetition)| {
        let mut params = json!({"text": text, "voiceProfile": VOICE, "repetition": repetition});
        if let Some(speed) = speed {
            params["speed"] = speed;
        }
        json!({"action": "say", "params": params})
    })
}

fn capture() -> impl Strategy<Value = Value> {
    (
        "[a-z ]{1,30}",
        1..=3u32,
        0..=5u32,
        proptest::option::of(100..=3000u32),
        500..=4000u32,
        any::<bool>(),
        1..=3u32,
        proptest::option::of("[a-z]{0,12}"),
        proptest::option::of("[a-z]{0,12}"),
    )
        .prop_map(
            |(prompt, min, extra, digit, overall, hash, tries, success, failure)| {
                let mut params = json!({
                    "promptMessage": prompt, "voiceProfile": VOICE,
                    "minDigits": min, "maxDigits": min + extra,
                    "overallTimeout": overall + digit.unwrap_or(0),
                    "completeOnHash": hash, "noOfTries": tries,
                    "successMessage": success, "failureMessage": failure,
                });
                if let Some(digit) = digit {
                    params["digitTimeout"] = json!(digit);
                }
                json!({"action": "sayAndCapture", "params": params})
            },
        )
}

fn play_file() -> impl Strategy<Value = Value> {
    prop_oneof![Just("https://example.com/a.mp3"), Just(BROKEN)]
        .prop_map(|url| json!({"action": "playFile", "params": {"fileUrl": url}}))
}

fn middle_action() -> impl Strategy<Value = Value> {
    prop_oneof![4 => say(), 4 => capture(), 1 => play_file()]
}

/// A valid request: a makeCall, some actions, perhaps a second makeCall, perhaps a hangup.
fn request() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(middle_action(), 0..5),
        proptest::option::of(0..5usize),
        any::<bool>(),
    )
        .prop_map(|(mut actions, bridge_at, hang_up)| {
            if let Some(at) = bridge_at {
                actions.insert(at.min(actions.len()), make_call("+6531589338"));
            }
            let after_capture = actions
                .last()
                .is_some_and(|a| a["action"] == "sayAndCapture");
            if hang_up && !after_capture {
                actions.push(json!({"action": "hangup"}));
            }
            actions.insert(0, make_call("+6590000000"));
            json!({ "callflow": actions })
        })
}

fn callee() -> impl Strategy<Value = Callee> {
    prop_oneof![
        4 => Just(Callee::Answer),
        1 => Just(Callee::Busy),
        1 => Just(Callee::NoAnswer),
        1 => Just(Callee::Failed),
        3 => (0..40_000u64).prop_map(Callee::HangupAfter),
    ]
}

fn presses() -> impl Strategy<Value = String> {
    let token = (any::<bool>(), -3000..5000i64, "[0-9*#]{0,4}").prop_map(|(plus, wait, keys)| {
        if plus {
            format!("+{}:{keys}", wait.abs())
        } else {
            format!("{wait}:{keys}")
        }
    });
    prop::collection::vec(token, 0..8).prop_map(|tokens| {
        let mut script = tokens.join(" ");
        if script.starts_with('+') {
            script.remove(0);
        }
        script
    })
}

fn responder() -> impl Strategy<Value = Value> {
    let reply = prop_oneof![
        Just(Value::Null),
        Just(json!("error")),
        say().prop_map(|say| json!({"clientActionId": "next", "callflow": [say]})),
        capture().prop_map(|capture| json!({"callflow": [capture]})),
        Just(json!({"callflow": [make_call("+6531589339")]})),
        Just(json!({"callflow": [{"action": "say", "params": {}}]})),
        Just(json!({"callflow": [{"action": "hangup"}]})),
    ];
    prop::collection::vec((proptest::option::of(1..4u32), reply), 0..4).prop_map(|rules| {
        let rules: Vec<Value> = rules
            .into_iter()
            .map(|(vca, reply)| match vca {
                Some(n) => json!({"vca": n, "reply": reply}),
                None => json!({"reply": reply}),
            })
            .collect();
        json!({ "rules": rules })
    })
}

struct Case {
    body: Vec<u8>,
    setup: Setup,
}

fn case() -> impl Strategy<Value = Case> {
    (
        request(),
        callee(),
        callee(),
        0..6000u64,
        presses(),
        responder(),
        any::<u64>(),
        60_000..200_000u64,
    )
        .prop_map(|(request, a, b, ring, presses, responder, seed, max_ms)| {
            let now = parse_rfc3339("2026-03-02T09:00:00Z").unwrap();
            let mut setup = Setup::new(Context::new(AccountProfile::default(), now));
            setup.callee_a = a;
            setup.callee_b = b;
            setup.ring_ms = ring;
            setup.presses = PressScript::parse(&presses).unwrap();
            setup.responder = Responder::from_json(&responder.to_string()).unwrap();
            setup.seed = seed;
            setup.max_ms = max_ms;
            setup.trace = true;
            setup.broken_files = vec![BROKEN.to_owned()];
            Case {
                body: serde_json::to_vec(&request).unwrap(),
                setup,
            }
        })
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} with {:?}",
            String::from_utf8_lossy(&self.body),
            self.setup
        )
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_simulation_ends_well_formed_and_repeats_itself(case in case()) {
        let (simulation, output) = run_script(&case.body, case.setup.clone());
        prop_assert!(simulation.verdict().is_created(), "{:?}", simulation.verdict().response);
        let lines: Vec<Value> = output.lines().map(|l| serde_json::from_str(l).unwrap()).collect();

        let times: Vec<u64> = lines.iter().map(|l| l["t"].as_u64().unwrap()).collect();
        prop_assert!(times.windows(2).all(|w| w[0] <= w[1]), "t decreased: {times:?}");

        prop_assert_eq!(&lines.last().unwrap()["to"], "vss");
        prop_assert_eq!(lines.iter().filter(|l| l["to"] == "vss").count(), 1);

        let mut disconnects: HashMap<String, usize> = HashMap::new();
        let mut dialled = Vec::new();
        for line in lines.iter().filter(|l| l["to"] == "vcs") {
            let payload = &line["event"]["payload"];
            let call = payload["callId"].as_str().unwrap().to_owned();
            match payload["callStatus"].as_str().unwrap() {
                "CALL_INITIATED" => dialled.push(call),
                "CALL_DISCONNECTED" => *disconnects.entry(call).or_default() += 1,
                _ => {}
            }
        }
        prop_assert!(!dialled.is_empty() && dialled.len() <= 2);
        for call in &dialled {
            prop_assert_eq!(disconnects.get(call), Some(&1), "leg {}", call);
        }
        prop_assert_eq!(disconnects.len(), dialled.len());
        let summary = &lines.last().unwrap()["event"]["payload"];
        prop_assert_eq!(summary["callCount"].as_u64(), Some(dialled.len() as u64));

        let (_, again) = run_script(&case.body, case.setup);
        prop_assert_eq!(output, again);
    }
}
