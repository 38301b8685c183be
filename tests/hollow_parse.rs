//! A headless check keeps hollow the containers the validator never looks into: the
//! verdict must be the one a check of the whole tree gives, repeated keys and syntax
//! errors included.

use callflow::callflow::parse::{parse, parse_bytes_for_check};
use callflow::callflow::validate::validate_parsed;
use callflow::callflow::{AccountProfile, Context, Instant, validate_bytes};
use proptest::prelude::*;

fn context() -> Context {
    let account = AccountProfile::from_json(r#"{"allowedSources": ["+6588000000"]}"#).unwrap();
    Context::new(account, Instant::from_unix_seconds(1_800_000_000))
}

/// JSON text of any shape, written by hand so that keys may repeat.
fn value(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("0".to_owned()),
        Just("1.5".to_owned()),
        Just("2147483648".to_owned()),
        Just("\"+6588000000\"".to_owned()),
        Just("\"en-GB-Emma\"".to_owned()),
        Just("\"<b>\"".to_owned()),
        Just("\"https://e.com/a.mp3\"".to_owned()),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    let keys = prop::sample::select(vec![
        "callflow",
        "action",
        "params",
        "say",
        "makeCall",
        "hangup",
        "text",
        "voiceProfile",
        "source",
        "destination",
        "validUntil",
        "a",
        "a.b",
    ]);
    prop_oneof![
        3 => leaf,
        1 => prop::collection::vec(value(depth - 1), 0..4)
            .prop_map(|items| format!("[{}]", items.join(","))),
        2 => prop::collection::vec((keys, value(depth - 1)), 0..5).prop_map(|members| {
            let members: Vec<String> =
                members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", members.join(","))
        }),
    ]
    .boxed()
}

fn body() -> impl Strategy<Value = String> {
    (prop::collection::vec(value(4), 0..5), value(3)).prop_map(|(actions, extra)| {
        format!(
            "{{\"callflow\":[{}],\"x\":{extra},\"callflow\":[{}]}}",
            actions.join(","),
            actions.join(",")
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_hollow_parse_gives_the_whole_tree_s_verdict(text in body(), cut in any::<prop::sample::Index>()) {
        let whole = match parse(&text) {
            Ok(parsed) => validate_parsed(&parsed, &context()),
            Err(_) => unreachable!("the generator writes JSON"),
        };
        prop_assert_eq!(validate_bytes(text.as_bytes(), &context()), whole);
        // Cut anywhere: the same syntax error, at the same place.
        let cut = &text[..cut.index(text.len())];
        prop_assert_eq!(parse_bytes_for_check(cut.as_bytes()).err(), parse(cut).err());
    }
}

#[test]
fn tiny_nested_containers_are_kept_hollow_where_the_validator_never_looks() {
    let text = r#"{"callflow": [[[0]], {"action": "hangup", "x": [[1]], "params": {"y": {"z": 1}}}], "w": {"v": [2]}}"#;
    let hollow = parse_bytes_for_check(text.as_bytes()).unwrap().value;
    let printed = callflow::callflow::print::to_compact(&hollow);
    assert_eq!(
        printed,
        r#"{"callflow":[[],{"action":"hangup","x":[],"params":{"y":{}}}],"w":{}}"#
    );
}
