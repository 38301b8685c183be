//! Properties of the validator over arbitrary input: it never panics, it always answers
//! with one of the 22 codes, and the answer is always the first error finding.

use callflow::callflow::params::ActionKind;
use callflow::callflow::{AccountProfile, Context, Instant, StatusCode, Verdict, validate_bytes};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn context() -> Context {
    let account = AccountProfile::from_json(
        r#"{"allowedSources": ["+6588000000"], "vcaWebhookUrl": "", "scenarios": ["a"]}"#,
    )
    .unwrap();
    Context::new(account, Instant::from_unix_seconds(1_800_000_000))
}

fn assert_consistent(verdict: &Verdict) {
    assert!(StatusCode::ALL.contains(&verdict.response.code));
    match verdict.deciding() {
        Some(error) => {
            assert_eq!(error.code, Some(verdict.response.code));
            assert_eq!(error.message, verdict.response.message);
        }
        None => assert_eq!(verdict.response.code, StatusCode::Created),
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((".{0,6}", inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Values that look like parameters: right and wrong types, edge numbers, odd text.
fn param_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-5i64..40).prop_map(Value::from),
        prop_oneof![
            Just(json!(2147483648u64)),
            Just(json!(1.5)),
            Just(json!(25)),
            Just(json!(0.5))
        ],
        prop_oneof![
            Just(json!("+6588000000")),
            Just(json!("6590000000,6590000001")),
            Just(json!("en-GB-Emma")),
            Just(json!("https://e.com/a.mp3")),
            Just(json!("<b>")),
            Just(json!("")),
            Just(json!("2020-01-01T00:00:00Z")),
        ],
        "[\\PC<>\u{0}-\u{1f}]{0,8}".prop_map(Value::from),
    ]
}

fn action() -> impl Strategy<Value = Value> {
    let names: Vec<&str> = ActionKind::ALL
        .iter()
        .map(|k| k.name())
        .chain(["say&capture", "MakeCall"])
        .collect();
    let params: Vec<&str> = ActionKind::ALL
        .iter()
        .flat_map(|k| k.params().iter().map(|p| p.name))
        .chain(["extra"])
        .collect();
    (
        prop::sample::select(names),
        prop::collection::vec((prop::sample::select(params), param_value()), 0..8),
        any::<bool>(),
    )
        .prop_map(|(name, members, with_params)| {
            let params: Map<String, Value> = members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            if with_params {
                json!({"action": name, "params": params})
            } else {
                json!({"action": name})
            }
        })
}

fn request() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(action(), 0..7),
        prop::option::of(prop_oneof![
            Just(json!("2020-01-01T00:00:00Z")),
            Just(json!("2099-01-01T00:00:00Z")),
            Just(json!("soon")),
            Just(json!(null))
        ]),
    )
        .prop_map(|(actions, valid_until)| {
            let mut body = json!({"callflow": actions});
            if let Some(valid_until) = valid_until {
                body["validUntil"] = valid_until;
            }
            body
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        assert_consistent(&validate_bytes(&bytes, &context()));
    }

    #[test]
    fn arbitrary_json_never_panics(value in any_json()) {
        assert_consistent(&validate_bytes(value.to_string().as_bytes(), &context()));
    }

    #[test]
    fn request_shaped_json_never_panics(value in request()) {
        assert_consistent(&validate_bytes(value.to_string().as_bytes(), &context()));
    }

    #[test]
    fn mangled_requests_never_panic(value in request(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut text = value.to_string().into_bytes();
        let at = cut.index(text.len() + 1);
        text.insert(at, byte);
        assert_consistent(&validate_bytes(&text, &context()));
    }
}
