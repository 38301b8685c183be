//! The builder's re-check after an edit gives exactly the verdict of a full check: random
//! edits on random flows, the same response and the same findings in the same order.

use callflow::callflow::params::ActionKind;
use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant, Json, Revalidator, validate};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn accounts() -> [AccountProfile; 3] {
    [
        AccountProfile::default(),
        AccountProfile::from_json(
            r#"{"allowedSources": ["+6588000000"], "vcaWebhookUrl": "", "scenarios": ["a"]}"#,
        )
        .unwrap(),
        AccountProfile::from_json(
            r#"{"vcaWebhookUrl": "https://e.com/vca",
                "speechProfiles": [{"speechProfileCode": "en-GB-Emma", "localeCode": "en-GB"}]}"#,
        )
        .unwrap(),
    ]
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
            Just(json!(15000)),
            Just(json!([]))
        ],
        prop_oneof![
            Just(json!("+6588000000")),
            Just(json!("6590000000,6590000001")),
            Just(json!("en-GB-Emma")),
            Just(json!("fr-FR-DeniseNeural")),
            Just(json!("Nobody")),
            Just(json!("https://e.com/a.mp3")),
            Just(json!("https://e.com/a.ogg")),
            Just(json!("<b>")),
            Just(json!("")),
            Just(json!("en")),
        ],
    ]
}

fn action() -> impl Strategy<Value = Value> {
    let names: Vec<&str> = ActionKind::ALL
        .iter()
        .map(|k| k.name())
        .chain(["MakeCall"])
        .collect();
    let params: Vec<&str> = ActionKind::ALL
        .iter()
        .flat_map(|k| k.params().iter().map(|p| p.name))
        .chain(["extra"])
        .collect();
    prop_oneof![
        8 => (
            prop::sample::select(names),
            prop::collection::vec((prop::sample::select(params), param_value()), 0..8),
            any::<bool>(),
        )
            .prop_map(|(name, members, with_params)| {
                let params: Map<String, Value> =
                    members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                if with_params {
                    json!({"action": name, "params": params})
                } else {
                    json!({"action": name})
                }
            }),
        1 => Just(json!(0)),
        1 => Just(json!({"params": {}, "other": 1})),
    ]
}

fn to_json(value: &Value) -> Json {
    parse(&value.to_string()).unwrap().value
}

/// One change to the document, as the builder makes them.
#[derive(Clone, Debug)]
enum Edit {
    /// A keystroke in one action's form: the builder says which action it was.
    SetParam(prop::sample::Index, &'static str, Value),
    RemoveParam(prop::sample::Index, &'static str),
    Replace(prop::sample::Index, Value),
    Insert(prop::sample::Index, Value),
    Delete(prop::sample::Index),
    Swap(prop::sample::Index, prop::sample::Index),
    SetValidUntil(Value),
    Account(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let params: Vec<&'static str> = ActionKind::ALL
        .iter()
        .flat_map(|k| k.params().iter().map(|p| p.name))
        .chain(["extra"])
        .collect();
    let index = any::<prop::sample::Index>;
    prop_oneof![
        6 => (index(), prop::sample::select(params.clone()), param_value())
            .prop_map(|(i, name, value)| Edit::SetParam(i, name, value)),
        2 => (index(), prop::sample::select(params))
            .prop_map(|(i, name)| Edit::RemoveParam(i, name)),
        2 => (index(), action()).prop_map(|(i, a)| Edit::Replace(i, a)),
        2 => (index(), action()).prop_map(|(i, a)| Edit::Insert(i, a)),
        1 => index().prop_map(Edit::Delete),
        1 => (index(), index()).prop_map(|(a, b)| Edit::Swap(a, b)),
        1 => prop_oneof![
            Just(json!("2020-01-01T00:00:00Z")),
            Just(json!("2099-01-01T00:00:00Z")),
            Just(json!(3)),
        ]
        .prop_map(Edit::SetValidUntil),
        1 => (0usize..3).prop_map(Edit::Account),
    ]
}

fn actions_of(document: &mut Json) -> &mut Vec<Json> {
    document
        .as_object_mut()
        .unwrap()
        .get_mut("callflow")
        .unwrap()
        .as_array_mut()
        .unwrap()
}

/// Applies an edit; answers the action it alone changed in place, when that is so.
fn apply(edit: &Edit, document: &mut Json, account: &mut usize) -> Option<usize> {
    let actions = actions_of(document);
    let count = actions.len();
    match edit {
        Edit::SetParam(at, name, _) | Edit::RemoveParam(at, name)
            if count > 0 && actions[at.index(count)].as_object().is_some() =>
        {
            let index = at.index(count);
            let item = actions[index].as_object_mut().unwrap();
            if item.get("params").and_then(Json::as_object).is_none() {
                item.insert("params".to_owned(), Json::object::<String>([]));
            }
            let params = item.get_mut("params").unwrap().as_object_mut().unwrap();
            match edit {
                Edit::SetParam(_, _, value) => params.insert((*name).to_owned(), to_json(value)),
                _ => {
                    params.remove(name);
                }
            }
            Some(index)
        }
        Edit::Replace(at, action) if count > 0 => {
            let index = at.index(count);
            actions[index] = to_json(action);
            Some(index)
        }
        Edit::Insert(at, action) => {
            actions.insert(at.index(count + 1), to_json(action));
            None
        }
        Edit::Delete(at) if count > 0 => {
            actions.remove(at.index(count));
            None
        }
        Edit::Swap(a, b) if count > 0 => {
            actions.swap(a.index(count), b.index(count));
            None
        }
        Edit::SetValidUntil(value) => {
            let root = document.as_object_mut().unwrap();
            root.insert("validUntil".to_owned(), to_json(value));
            None
        }
        Edit::Account(chosen) => {
            *account = *chosen;
            None
        }
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_recheck_after_edits_equals_a_full_check(
        actions in prop::collection::vec(action(), 0..12),
        edits in prop::collection::vec(edit(), 1..24),
    ) {
        let accounts = accounts();
        let mut account = 0;
        let now = Instant::from_unix_seconds(1_800_000_000);
        let mut document = to_json(&json!({"callflow": actions}));
        let mut revalidator = Revalidator::default();
        let context = Context::new(accounts[account].clone(), now);
        prop_assert_eq!(revalidator.validate(&document, &context), validate(&document, &context));
        for edit in &edits {
            let edited = apply(edit, &mut document, &mut account);
            let context = Context::new(accounts[account].clone(), now);
            let recheck = match edited {
                Some(index) => revalidator.validate_after_edit(&document, &context, index),
                None => revalidator.validate(&document, &context),
            };
            prop_assert_eq!(recheck, validate(&document, &context), "after {:?}", edit);
        }
    }
}

#[test]
fn a_flow_with_findings_everywhere_is_rechecked_exactly() {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let bad = json!({"action": "say", "params": {"text": "<b>", "voiceProfile": "Nobody", "x": 1}});
    let mut document = to_json(&json!({"callflow": vec![bad; 2500]}));
    let mut revalidator = Revalidator::default();
    let first = revalidator.validate(&document, &context);
    assert_eq!(first, validate(&document, &context));
    assert!(first.left_out > 0, "more findings than can be listed");
    actions_of(&mut document)[1200] = to_json(&json!({"action": "hangup"}));
    let recheck = revalidator.validate_after_edit(&document, &context, 1200);
    assert_eq!(recheck, validate(&document, &context));
    assert_ne!(recheck, first);
}
