//! The response as `callflow validate` prints it: one JSON object on one line, keys in
//! the order `sessionStatus`, `statusCode`, `statusMessage` (then `findings` with --all),
//! spaced as SPEC §2 writes it.

use super::verdict::{Finding, Severity, Verdict};

/// SPEC §8: at most this many findings are listed; a last note counts the rest. A hostile
/// body can hold millions, and no reader wants them all.
pub const MAX_LISTED_FINDINGS: usize = 1000;

/// The findings a listing shows: the first [`MAX_LISTED_FINDINGS`], and when there are
/// more, a note saying how many were left out.
pub fn listed<'a>(findings: &[&'a Finding]) -> (Vec<&'a Finding>, Option<Finding>) {
    if findings.len() <= MAX_LISTED_FINDINGS {
        return (findings.to_vec(), None);
    }
    let left_out = findings.len() - MAX_LISTED_FINDINGS;
    let note = Finding {
        severity: Severity::Note,
        code: None,
        path: None,
        message: format!(
            "{left_out} more findings were left out; at most {MAX_LISTED_FINDINGS} are listed"
        ),
        hint: "fix the ones listed and check again to see the rest".to_owned(),
    };
    (findings[..MAX_LISTED_FINDINGS].to_vec(), Some(note))
}

pub fn response_line(verdict: &Verdict, with_findings: bool) -> String {
    let response = &verdict.response;
    let mut members = vec![
        member("sessionStatus", quoted(response.session_status())),
        member("statusCode", response.code.number().to_string()),
        member("statusMessage", quoted(&response.message)),
    ];
    if with_findings {
        let all: Vec<&Finding> = verdict.findings.iter().collect();
        let (shown, left_out) = listed(&all);
        let findings: Vec<String> = shown
            .into_iter()
            .chain(left_out.as_ref())
            .map(finding_object)
            .collect();
        members.push(member("findings", format!("[{}]", findings.join(", "))));
    }
    format!("{{{}}}", members.join(", "))
}

fn finding_object(finding: &Finding) -> String {
    let mut members = vec![member("severity", quoted(finding.severity.name()))];
    if let Some(code) = finding.code {
        members.push(member("code", code.number().to_string()));
    }
    if let Some(path) = &finding.path {
        members.push(member("path", quoted(path.as_str())));
    }
    members.push(member("message", quoted(&finding.message)));
    members.push(member("hint", quoted(&finding.hint)));
    format!("{{{}}}", members.join(", "))
}

fn member(key: &str, value: String) -> String {
    format!("{}: {value}", quoted(key))
}

fn quoted(text: &str) -> String {
    // Serializing a string cannot fail.
    serde_json::to_string(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::{AccountProfile, Context, Instant, validate_text};

    #[test]
    fn prints_the_response_exactly_as_the_spec_writes_it() {
        let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
        let verdict = validate_text("[]", &context);
        assert_eq!(
            response_line(&verdict, false),
            r#"{"sessionStatus": "NOT_CREATED", "statusCode": -1001, "statusMessage": "Invalid JSON request body"}"#
        );
    }

    #[test]
    fn at_most_1000_findings_are_listed_then_a_note_counts_the_rest() {
        let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
        let keys: Vec<String> = (0..1500).map(|i| format!("\"k{i}\": {i}")).collect();
        let body = format!("{{\"callflow\": [], {}}}", keys.join(", "));
        let verdict = validate_text(&body, &context);
        let total = verdict.findings.len();
        assert!(total > 1500, "{total}");
        let parsed: serde_json::Value =
            serde_json::from_str(&response_line(&verdict, true)).unwrap();
        let findings = parsed["findings"].as_array().unwrap();
        assert_eq!(findings.len(), MAX_LISTED_FINDINGS + 1);
        assert_eq!(findings[0]["code"], -1009, "the first ones, in order");
        let last = findings.last().unwrap();
        assert_eq!(last["severity"], "note");
        assert_eq!(
            last["message"],
            format!(
                "{} more findings were left out; at most 1000 are listed",
                total - 1000
            )
        );
    }

    #[test]
    fn findings_list_every_field_in_order() {
        let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
        let verdict = validate_text(r#"{"callflow": [], "x": 1}"#, &context);
        let line = response_line(&verdict, true);
        let parsed: serde_json::Value = serde_json::from_str(&line).unwrap();
        let first = &parsed["findings"][0];
        assert_eq!(first["severity"], "error");
        assert_eq!(first["code"], -1009);
        assert_eq!(first["path"], "$.callflow");
        assert_eq!(parsed["findings"][1]["severity"], "warning");
        assert!(parsed["findings"][1].get("code").is_none());
    }
}
