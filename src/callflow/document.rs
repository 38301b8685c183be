//! Edits of the request document, as the builder makes them. The document is the JSON
//! that would be sent; every edit keeps it an object with a `callflow` array when it was
//! one, and never panics on a document of another shape.

use super::json::{Json, Object};
use super::params::{ActionKind, ParamType};

/// The built-in starter callflow: makeCall → say → hangup, which is `1 Created`.
pub fn starter() -> Json {
    Json::object([(
        "callflow",
        Json::Array(vec![
            new_action(ActionKind::MakeCall),
            new_action(ActionKind::Say),
            new_action(ActionKind::Hangup),
        ]),
    )])
}

/// A request with no actions yet: what a new file starts from.
pub fn empty() -> Json {
    Json::object([("callflow", Json::Array(Vec::new()))])
}

/// A fresh action with plausible values in its required parameters, so that adding one
/// keeps a valid flow valid where it can.
pub fn new_action(kind: ActionKind) -> Json {
    let params: Vec<(&str, Json)> = match kind {
        ActionKind::MakeCall => vec![
            ("source", Json::string("+6588000000")),
            ("destination", Json::string("+6590000000")),
        ],
        ActionKind::Say => vec![
            (
                "text",
                Json::string("Hello, this is a message from callflow."),
            ),
            ("voiceProfile", Json::string("en-US-BenjaminRUS")),
        ],
        ActionKind::SayAndCapture => vec![
            (
                "promptMessage",
                Json::string("Press 1 for sales, 2 for support."),
            ),
            ("voiceProfile", Json::string("en-US-BenjaminRUS")),
            ("minDigits", Json::integer(1)),
            ("maxDigits", Json::integer(1)),
        ],
        ActionKind::PlayFile => vec![(
            "fileUrl",
            Json::string("https://example.com/audio/message.mp3"),
        )],
        ActionKind::Hangup => return Json::object([("action", Json::string("hangup"))]),
        ActionKind::ExecuteScenario => vec![("scenarioName", Json::string(""))],
    };
    Json::object([
        ("action", Json::string(kind.name())),
        ("params", Json::object(params)),
    ])
}

/// The `callflow` items, when the document has them.
pub fn actions(document: &Json) -> &[Json] {
    document
        .as_object()
        .and_then(|root| root.get("callflow"))
        .and_then(Json::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The items, creating an empty `callflow` array when the document has none usable.
fn actions_mut(document: &mut Json) -> &mut Vec<Json> {
    if document.as_object().is_none() {
        *document = empty();
    }
    let root = document.as_object_mut().expect("made an object above");
    if !matches!(root.get("callflow"), Some(Json::Array(_))) {
        root.insert("callflow".to_owned(), Json::Array(Vec::new()));
    }
    root.get_mut("callflow")
        .and_then(Json::as_array_mut)
        .expect("made an array above")
}

/// The action's name, when the item is an object with a string `action`.
pub fn action_name(item: &Json) -> Option<&str> {
    item.as_object()?.get("action")?.as_str()
}

pub fn action_kind(item: &Json) -> Option<ActionKind> {
    action_name(item).and_then(ActionKind::from_name)
}

/// Inserts `item` at `index` (clamped to the end); returns where it went.
pub fn insert_action(document: &mut Json, index: usize, item: Json) -> usize {
    let items = actions_mut(document);
    let index = index.min(items.len());
    items.insert(index, item);
    index
}

pub fn remove_action(document: &mut Json, index: usize) -> Option<Json> {
    let items = actions_mut(document);
    (index < items.len()).then(|| items.remove(index))
}

/// Copies the action at `index` just below it; returns the copy's index.
pub fn duplicate_action(document: &mut Json, index: usize) -> Option<usize> {
    let copy = actions(document).get(index)?.clone();
    Some(insert_action(document, index + 1, copy))
}

/// Swaps the action at `index` with its neighbour; returns its new index.
pub fn move_action(document: &mut Json, index: usize, down: bool) -> Option<usize> {
    let items = actions_mut(document);
    let target = if down {
        index.checked_add(1)?
    } else {
        index.checked_sub(1)?
    };
    if index >= items.len() || target >= items.len() {
        return None;
    }
    items.swap(index, target);
    Some(target)
}

/// A parameter of the action at `index`, unless absent.
pub fn param<'a>(document: &'a Json, index: usize, name: &str) -> Option<&'a Json> {
    actions(document)
        .get(index)?
        .as_object()?
        .get("params")?
        .as_object()?
        .get(name)
}

/// Sets or (with `None`) removes a parameter, creating `params` when needed. A parameter
/// already present keeps its place; a new one goes where SPEC §1.1's declared order puts
/// it among those present (an undeclared one goes last).
pub fn set_param(document: &mut Json, index: usize, name: &str, value: Option<Json>) {
    set_param_at(document, index, name, value, None);
}

/// As `set_param`, but a new key goes at `slot` when given: a field emptied and typed
/// again during one edit returns to the place it had, whatever the declared order says.
pub fn set_param_at(
    document: &mut Json,
    index: usize,
    name: &str,
    value: Option<Json>,
    slot: Option<usize>,
) {
    let kind = actions(document).get(index).and_then(action_kind);
    let Some(item) = actions_mut(document)
        .get_mut(index)
        .and_then(Json::as_object_mut)
    else {
        return;
    };
    if !matches!(item.get("params"), Some(Json::Object(_))) {
        if value.is_none() {
            return;
        }
        item.insert("params".to_owned(), Json::Object(Object::default()));
    }
    let Some(params) = item.get_mut("params").and_then(Json::as_object_mut) else {
        return;
    };
    match value {
        Some(value) => {
            let at = slot.unwrap_or_else(|| declared_place(params, kind, name));
            params.insert_at(at, name.to_owned(), value)
        }
        None => {
            params.remove(name);
        }
    }
}

/// Where a new parameter goes: just after the last present one that the action's table
/// declares before it; with none, before the first declared after it; at the end when the
/// name is not declared (or nothing declared is present).
fn declared_place(params: &Object, kind: Option<ActionKind>, name: &str) -> usize {
    let declared: Vec<&str> = kind
        .map(|kind| kind.params().iter().map(|spec| spec.name).collect())
        .unwrap_or_default();
    let rank_of = |key: &str| declared.iter().position(|known| *known == key);
    let Some(rank) = rank_of(name) else {
        return params.len();
    };
    let keys: Vec<&str> = params.keys().collect();
    let after_earlier = keys
        .iter()
        .rposition(|key| rank_of(key).is_some_and(|other| other < rank))
        .map(|at| at + 1);
    let before_later = || {
        keys.iter()
            .position(|key| rank_of(key).is_some_and(|other| other > rank))
    };
    after_earlier.or_else(before_later).unwrap_or(params.len())
}

/// Where a parameter stands in its action's `params`, when present.
pub fn param_slot(document: &Json, index: usize, name: &str) -> Option<usize> {
    actions(document)
        .get(index)?
        .as_object()?
        .get("params")?
        .as_object()?
        .position(name)
}

/// A top-level key such as `validUntil`, unless absent.
pub fn top_level<'a>(document: &'a Json, key: &str) -> Option<&'a Json> {
    document.as_object()?.get(key)
}

/// Sets or removes a top-level key, keeping `callflow` first when adding.
pub fn set_top_level(document: &mut Json, key: &str, value: Option<Json>) {
    actions_mut(document);
    let Some(root) = document.as_object_mut() else {
        return;
    };
    match value {
        Some(value) => root.insert(key.to_owned(), value),
        None => {
            root.remove(key);
        }
    }
}

/// The text a form shows for a value: strings bare, everything else as JSON.
pub fn field_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Number(number) => number.text().to_owned(),
        Json::Bool(flag) => flag.to_string(),
        Json::Null => "null".to_owned(),
        // Indented when that stays within what callflow opens, else on one line: a value
        // of deep arrays would indent to gigabytes.
        other => super::print::to_pretty_within(other, super::export::MAX_REQUEST_BYTES)
            .unwrap_or_else(|| super::print::to_compact(other))
            .trim_end()
            .to_owned(),
    }
}

/// What a form field's text becomes in the document (DESIGN §2): `None` removes the key;
/// a number field holding a number becomes that number; anything else stays a string,
/// so that the status shows the API's own type error for it.
pub fn value_from_text(text: &str, kind: ParamType) -> Option<Json> {
    if text.is_empty() {
        return None;
    }
    let as_string = || Json::String(text.to_owned());
    Some(match kind {
        ParamType::String => as_string(),
        ParamType::Integer | ParamType::Number => {
            super::json::Number::parse(text.trim()).map_or_else(as_string, Json::Number)
        }
        ParamType::Boolean => match text.trim() {
            "true" => Json::Bool(true),
            "false" => Json::Bool(false),
            _ => as_string(),
        },
    })
}

/// The next value of a boolean field: true → false → absent → true.
pub fn cycle_boolean(current: Option<&Json>) -> Option<Json> {
    match current {
        Some(Json::Bool(true)) => Some(Json::Bool(false)),
        Some(Json::Bool(false)) => None,
        _ => Some(Json::Bool(true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::{AccountProfile, Context, Instant, validate};

    fn context() -> Context {
        Context::new(AccountProfile::default(), Instant::from_unix_seconds(0))
    }

    #[test]
    fn the_starter_is_created() {
        assert!(validate(&starter(), &context()).is_created());
    }

    #[test]
    fn a_field_value_that_would_indent_past_16_mib_is_shown_on_one_line() {
        let small = Json::Array(vec![Json::Array(vec![Json::integer(1)])]);
        assert_eq!(field_text(&small), "[\n  [\n    1\n  ]\n]");
        // 80 arrays nested 500 deep indent to about 40 MB.
        let item = format!("{}{}", "[".repeat(500), "]".repeat(500));
        let text = format!("[{}]", vec![item; 80].join(","));
        let deep = crate::callflow::parse::parse(&text).unwrap().value;
        assert_eq!(field_text(&deep), text);
    }

    #[test]
    fn typed_text_becomes_json_by_the_field_type() {
        assert_eq!(
            value_from_text("10000", ParamType::Integer),
            Some(Json::integer(10000))
        );
        assert_eq!(
            value_from_text("10s", ParamType::Integer),
            Some(Json::string("10s"))
        );
        assert_eq!(value_from_text("", ParamType::Integer), None);
        assert_eq!(
            value_from_text("0.5", ParamType::Number).unwrap().as_f64(),
            Some(0.5)
        );
        assert_eq!(
            value_from_text("10000", ParamType::String),
            Some(Json::string("10000"))
        );
        assert_eq!(
            value_from_text("true", ParamType::Boolean),
            Some(Json::Bool(true))
        );
    }

    #[test]
    fn a_typed_10s_gives_the_apis_type_error() {
        let mut document = starter();
        let capture = new_action(ActionKind::SayAndCapture);
        insert_action(&mut document, 1, capture);
        set_param(
            &mut document,
            1,
            "digitTimeout",
            value_from_text("10s", ParamType::Integer),
        );
        let verdict = validate(&document, &context());
        assert_eq!(
            verdict.response.message,
            "Invalid call flow entry provided. $.callflow[1].params.digitTimeout: string found, integer expected"
        );
    }

    #[test]
    fn edits_move_duplicate_and_remove_actions() {
        let mut document = starter();
        assert_eq!(duplicate_action(&mut document, 1), Some(2));
        assert_eq!(actions(&document).len(), 4);
        assert_eq!(move_action(&mut document, 0, false), None);
        assert_eq!(move_action(&mut document, 3, true), None);
        assert_eq!(move_action(&mut document, 2, true), Some(3));
        assert_eq!(action_name(&actions(&document)[3]), Some("say"));
        assert!(remove_action(&mut document, 9).is_none());
        assert_eq!(
            action_name(&remove_action(&mut document, 0).unwrap()),
            Some("makeCall")
        );
    }

    #[test]
    fn edits_on_odd_documents_never_panic() {
        for mut document in [
            Json::Null,
            Json::Array(vec![]),
            Json::object([("callflow", Json::integer(3))]),
        ] {
            set_param(&mut document, 0, "x", Some(Json::integer(1)));
            insert_action(&mut document, 5, new_action(ActionKind::Hangup));
            assert_eq!(actions(&document).len(), 1);
        }
    }

    #[test]
    fn a_new_parameter_takes_its_declared_place_and_an_old_one_keeps_its_own() {
        let mut document = starter();
        let capture = parse_json(
            r#"{"action": "sayAndCapture", "params": {"maxDigits": 2, "promptMessage": "P", "voiceProfile": "en-GB-Emma", "x": 1}}"#,
        );
        insert_action(&mut document, 0, capture);
        let keys = |document: &Json| -> Vec<String> {
            actions(document)[0]
                .as_object()
                .unwrap()
                .get("params")
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
                .map(str::to_owned)
                .collect()
        };
        set_param(&mut document, 0, "repetition", Some(Json::integer(2)));
        set_param(&mut document, 0, "maxDigits", Some(Json::integer(3)));
        set_param(&mut document, 0, "noOfTries", Some(Json::integer(3)));
        set_param(&mut document, 0, "unknown", Some(Json::integer(3)));
        assert_eq!(
            keys(&document),
            [
                "maxDigits",
                "promptMessage",
                "voiceProfile",
                "repetition",
                "noOfTries",
                "x",
                "unknown"
            ]
        );
        set_param(&mut document, 0, "maxDigits", None);
        set_param_at(
            &mut document,
            0,
            "maxDigits",
            Some(Json::integer(4)),
            Some(0),
        );
        assert_eq!(keys(&document)[0], "maxDigits");
        assert_eq!(param_slot(&document, 0, "noOfTries"), Some(4));
    }

    fn parse_json(text: &str) -> Json {
        crate::callflow::parse::parse(text).unwrap().value
    }

    #[test]
    fn booleans_cycle_through_absent() {
        let t = cycle_boolean(None);
        let f = cycle_boolean(t.as_ref());
        assert_eq!(f, Some(Json::Bool(false)));
        assert_eq!(cycle_boolean(f.as_ref()), None);
    }
}
