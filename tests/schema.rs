//! The generated JSON Schema judges the request as the API's stages 2 and 3 do: every case
//! the validator answers -1007 or -1009 fails it, and every case that gets past those
//! stages (Created above all) passes it.

use callflow::callflow::datetime::parse_rfc3339;
use callflow::callflow::schema::request_schema;
use callflow::callflow::{AccountProfile, Context, Json, StatusCode, Verdict, validate_bytes};
use serde_json::Value;
use std::path::Path;

fn cases() -> Vec<Value> {
    let index = std::fs::read_to_string("tests/cases/expected.json").unwrap();
    let index: Value = serde_json::from_str(&index).unwrap();
    index["cases"].as_array().unwrap().clone()
}

fn context_of(case: &Value) -> Context {
    let now = case["now"].as_str().unwrap_or("2026-11-28T00:00:00Z");
    let account = match case.get("account") {
        Some(profile) => AccountProfile::from_json(&profile.to_string()).unwrap(),
        None => AccountProfile::default(),
    };
    Context::new(account, parse_rfc3339(now).unwrap())
}

/// Where a schema cannot judge, by rule: the body is not JSON that a schema validator can
/// read at all (-1001 syntax), or nests deeper than serde_json reads (128 levels; SPEC
/// allows 512), or the deciding error is an integer written with a fraction
/// or exponent (`1.0`, `1e0`), which the JSON data model cannot tell from `1`.
const TOO_DEEP: &str = "nested deeper than serde_json reads";

fn beyond_a_schema(body: &[u8], verdict: &Verdict) -> Option<&'static str> {
    if let Err(error) = serde_json::from_slice::<Value>(body) {
        if error.to_string().contains("recursion limit exceeded") {
            return Some(TOO_DEEP);
        }
        return Some("not JSON to a schema validator");
    }
    let deciding = verdict.deciding()?;
    let integral_non_integer = deciding.code == Some(StatusCode::InvalidEntry)
        && deciding.message.ends_with("number found, integer expected")
        && deciding
            .path
            .as_ref()
            .and_then(|path| value_at(body, path.as_str()))
            .is_some_and(|value| value.fract() == 0.0);
    integral_non_integer.then_some("an integral number written with a fraction or exponent")
}

/// The number at a `$.callflow[i].params.name` path of a body.
fn value_at(body: &[u8], path: &str) -> Option<f64> {
    let parsed = callflow::callflow::parse::parse_bytes(body).ok()?;
    let mut value: &Json = &parsed.value;
    for step in path
        .trim_start_matches('$')
        .split('.')
        .filter(|s| !s.is_empty())
    {
        let (key, index) = match step.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (step, None),
        };
        value = value.as_object()?.get(key)?;
        if let Some(index) = index {
            value = value.as_array()?.get(index)?;
        }
    }
    value.as_f64()
}

#[test]
fn the_schema_refuses_what_stages_2_and_3_refuse_and_accepts_the_rest() {
    let schema = request_schema();
    let validator = jsonschema::draft7::new(&schema).expect("the schema compiles");
    let mut wrong = Vec::new();
    let (mut refused, mut accepted, mut skipped) = (0, 0, Vec::new());
    for case in cases() {
        let file = case["file"].as_str().unwrap();
        let body = std::fs::read(Path::new("tests/cases").join(file)).unwrap();
        let verdict = validate_bytes(&body, &context_of(&case));
        if let Some(reason) = beyond_a_schema(&body, &verdict) {
            skipped.push(format!("{file}: {reason}"));
            continue;
        }
        let instance: Value = serde_json::from_slice(&body).unwrap();
        let passes = validator.is_valid(&instance);
        let code = verdict.response.code;
        let schema_stage = matches!(
            code,
            StatusCode::InvalidActionType | StatusCode::InvalidEntry | StatusCode::InvalidJson
        );
        if schema_stage {
            refused += 1;
        } else {
            accepted += 1;
        }
        if passes == schema_stage {
            let said = if passes { "passes" } else { "fails" };
            wrong.push(format!("{file} ({}) {said} the schema", code.number()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        refused > 40 && accepted > 80,
        "{refused} refused, {accepted} accepted"
    );
    // The rule must stay an exception: the syntax cases and the two lexical integers, and
    // the depth cases (which the parser's own tests judge).
    let (too_deep, others): (Vec<_>, Vec<_>) =
        skipped.iter().partition(|line| line.ends_with(TOO_DEEP));
    assert!(
        too_deep.iter().all(|line| line.contains("depth")),
        "{too_deep:?}"
    );
    assert!(others.len() <= 12, "{others:?}");
}

#[test]
fn a_created_request_passes_and_each_broken_key_names_its_code() {
    let schema = request_schema();
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let created = serde_json::json!({"callflow": [
        {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
        {"action": "hangup"}
    ]});
    assert!(validator.is_valid(&created));
    let unknown_action = serde_json::json!({"callflow": [{"action": "MakeCall", "params": {}}]});
    let error = validator.iter_errors(&unknown_action).next().unwrap();
    let pointer = error.schema_path().to_string();
    assert!(pointer.ends_with("/then/enum"), "{pointer}");
    let parent = schema
        .pointer(pointer.trim_end_matches("/enum"))
        .expect("the failing keyword lives in the schema");
    assert_eq!(parent["x-statusCode"], -1007);
}

#[test]
fn the_command_prints_the_schema() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_callflow"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(output.status.success());
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed, request_schema());
    assert_eq!(
        printed["$schema"],
        "http://json-schema.org/draft-07/schema#"
    );
}
