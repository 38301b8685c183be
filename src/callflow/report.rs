//! The response as `callflow validate` prints it: one JSON object on one line, keys in
//! the order `sessionStatus`, `statusCode`, `statusMessage` (then `findings` with --all),
//! spaced as SPEC §2 writes it.

use super::verdict::{Finding, Verdict};

pub fn response_line(verdict: &Verdict, with_findings: bool) -> String {
    let response = &verdict.response;
    let mut members = vec![
        member("sessionStatus", quoted(response.session_status())),
        member("statusCode", response.code.number().to_string()),
        member("statusMessage", quoted(&response.message)),
    ];
    if with_findings {
        let findings: Vec<String> = verdict.findings.iter().map(finding_object).collect();
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
