//! Every request in tests/cases gives exactly its expected response.

use callflow::callflow::datetime::parse_rfc3339;
use callflow::callflow::{AccountProfile, Context, StatusCode, validate_bytes};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn cases() -> Vec<Value> {
    let index = std::fs::read_to_string(Path::new("tests/cases/expected.json")).unwrap();
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

#[test]
fn every_case_gives_exactly_its_expected_response() {
    let mut wrong = Vec::new();
    for case in cases() {
        let file = case["file"].as_str().unwrap();
        let body = std::fs::read(Path::new("tests/cases").join(file)).unwrap();
        let verdict = validate_bytes(&body, &context_of(&case));
        let got = (
            i64::from(verdict.response.code.number()),
            verdict.response.message.as_str(),
        );
        let expected = (
            case["statusCode"].as_i64().unwrap(),
            case["statusMessage"].as_str().unwrap(),
        );
        if got != expected {
            wrong.push(format!("{file}: got {got:?}, expected {expected:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cases differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_status_code_has_cases() {
    let covered: BTreeSet<i64> = cases()
        .iter()
        .map(|c| c["statusCode"].as_i64().unwrap())
        .collect();
    for code in StatusCode::ALL {
        assert!(
            covered.contains(&i64::from(code.number())),
            "no case for {code}"
        );
    }
}

#[test]
fn the_first_error_finding_is_the_response() {
    for case in cases() {
        let body =
            std::fs::read(Path::new("tests/cases").join(case["file"].as_str().unwrap())).unwrap();
        let verdict = validate_bytes(&body, &context_of(&case));
        match verdict.deciding() {
            Some(error) => {
                assert_eq!(error.code, Some(verdict.response.code));
                assert_eq!(error.message, verdict.response.message);
            }
            None => assert!(verdict.is_created()),
        }
    }
}
