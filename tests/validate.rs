//! Every request in tests/cases gives exactly its expected response, and the findings an
//! entry names (`findings`: each must be there; `absent`: none may match).

use callflow::callflow::datetime::parse_rfc3339;
use callflow::callflow::{
    AccountProfile, Context, Finding, Listing, MAX_LISTED_FINDINGS, Severity, StatusCode,
    validate_bytes, validate_bytes_listing,
};
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

/// Whether a finding matches an entry's description: every field the entry gives must
/// agree (`message` and `hint` are parts of the finding's words).
fn matches(finding: &Finding, wanted: &Value) -> bool {
    let field = |key: &str| wanted.get(key);
    field("severity").is_none_or(|s| s.as_str() == Some(finding.severity.name()))
        && field("code").is_none_or(|c| c.as_i64() == finding.code.map(|c| c.number().into()))
        && field("path").is_none_or(|p| p.as_str() == finding.path.as_ref().map(|p| p.as_str()))
        && field("message").is_none_or(|m| {
            m.as_str()
                .is_some_and(|part| finding.message.contains(part))
        })
        && field("hint").is_none_or(|h| h.as_str().is_some_and(|part| finding.hint.contains(part)))
}

#[test]
fn every_case_has_the_findings_it_names_and_none_it_excludes() {
    let mut wrong = Vec::new();
    for case in cases() {
        let file = case["file"].as_str().unwrap();
        let body = std::fs::read(Path::new("tests/cases").join(file)).unwrap();
        let verdict = validate_bytes(&body, &context_of(&case));
        let has = |wanted: &Value| verdict.findings.iter().any(|f| matches(f, wanted));
        let empty = Vec::new();
        let named = case.get("findings").and_then(Value::as_array);
        for wanted in named.unwrap_or(&empty).iter().filter(|w| !has(w)) {
            wrong.push(format!("{file}: no finding like {wanted}"));
        }
        let excluded = case.get("absent").and_then(Value::as_array);
        for unwanted in excluded.unwrap_or(&empty).iter().filter(|w| has(w)) {
            wrong.push(format!("{file}: a finding like {unwanted}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_findings_checks_can_fail() {
    let finding = Finding {
        severity: callflow::callflow::Severity::Warning,
        code: None,
        path: None,
        message: "unknown key".to_owned(),
        hint: String::new(),
    };
    assert!(matches(
        &finding,
        &serde_json::json!({"severity": "warning"})
    ));
    assert!(!matches(
        &finding,
        &serde_json::json!({"severity": "error"})
    ));
    assert!(!matches(&finding, &serde_json::json!({"path": "$.x"})));
    assert!(!matches(&finding, &serde_json::json!({"message": "twice"})));
    assert!(!matches(&finding, &serde_json::json!({"hint": "x"})));
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

/// A makeCall carrying `count` parameters the API ignores: one warning each.
fn unknown_params_body(count: usize) -> String {
    let unknown: String = (0..count).map(|i| format!(", \"p{i}\": {i}")).collect();
    format!(
        "{{\"callflow\": [{{\"action\": \"makeCall\", \"params\": \
         {{\"source\": \"+6588000000\", \"destination\": \"+6590000000\"{unknown}}}}}]}}"
    )
}

fn default_context() -> Context {
    Context::new(
        AccountProfile::default(),
        parse_rfc3339("2026-11-28T00:00:00Z").unwrap(),
    )
}

#[test]
fn at_most_1000_findings_are_listed_then_a_note_counts_the_rest() {
    // 1,500 warnings and the note that caller IDs were not checked: 1,501 findings.
    let verdict = validate_bytes(unknown_params_body(1500).as_bytes(), &default_context());
    assert!(verdict.is_created());
    assert_eq!(verdict.findings.len(), MAX_LISTED_FINDINGS + 1);
    let last = verdict.findings.last().unwrap();
    assert_eq!(last.severity, Severity::Note);
    assert_eq!(
        last.message,
        "501 more findings left out: at most 1000 are listed"
    );
    let listed = &verdict.findings[..MAX_LISTED_FINDINGS];
    assert!(listed.iter().all(|f| f.severity == Severity::Warning));
    assert_eq!(
        listed[999].path.as_ref().unwrap().as_str(),
        "$.callflow[0].params.p999"
    );
}

#[test]
fn exactly_1000_findings_need_no_note() {
    // 999 warnings and one note: nothing is left out.
    let verdict = validate_bytes(unknown_params_body(999).as_bytes(), &default_context());
    assert_eq!(verdict.findings.len(), MAX_LISTED_FINDINGS);
    assert!(
        !verdict
            .findings
            .iter()
            .any(|f| f.message.contains("left out"))
    );
}

#[test]
fn the_cap_keeps_errors_first_and_the_deciding_one() {
    // 1,200 items that are not actions (-1009 each) and -1013 for the first.
    let body = format!("{{\"callflow\": [0{}]}}", ", 0".repeat(1199));
    let verdict = validate_bytes(body.as_bytes(), &default_context());
    assert_eq!(
        verdict.response.message,
        "Invalid call flow entry provided. $.callflow[0]: integer found, object expected"
    );
    assert_eq!(verdict.findings.len(), MAX_LISTED_FINDINGS + 1);
    assert_eq!(verdict.errors().count(), MAX_LISTED_FINDINGS);
    assert_eq!(
        verdict.findings.last().unwrap().message,
        "201 more findings left out: at most 1000 are listed"
    );
}

#[test]
fn response_only_listing_gives_the_same_response_and_keeps_little() {
    let bodies = [
        format!("{{\"callflow\": [0{}]}}", ", 0".repeat(5000)),
        unknown_params_body(5000),
        format!(
            "{{\"callflow\": [{{\"action\": \"hangup\"}}]{}}}",
            ", \"a\": 0".repeat(5000)
        ),
    ];
    for body in bodies {
        let full = validate_bytes(body.as_bytes(), &default_context());
        let brief =
            validate_bytes_listing(body.as_bytes(), &default_context(), Listing::ResponseOnly);
        assert_eq!(brief.response, full.response);
        assert!(brief.findings.len() <= 3, "{}", brief.findings.len());
        assert!(
            !brief
                .findings
                .iter()
                .any(|f| f.message.contains("left out"))
        );
    }
}

#[test]
fn repeated_keys_past_the_cap_are_counted_in_the_note() {
    let body = format!(
        "{{\"callflow\": [{{\"action\": \"hangup\"}}]{}}}",
        ", \"a\": 0".repeat(1500)
    );
    let verdict = validate_bytes(body.as_bytes(), &default_context());
    // "a" is an unknown key (one warning) given 1,500 times (1,499 repeats), and the
    // flow does not start with makeCall (-1013): 1,501 findings.
    let repeats = verdict
        .findings
        .iter()
        .filter(|f| f.message.contains("twice"))
        .count();
    assert_eq!(repeats, MAX_LISTED_FINDINGS - 2);
    assert_eq!(
        verdict.findings.last().unwrap().message,
        "501 more findings left out: at most 1000 are listed"
    );
}
