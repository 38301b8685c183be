//! Stage 3, -1009: the JSON schema, checked in SPEC §3.3's order and worded as the API's
//! schema validator words it. Unknown keys, ignored by the API, are warnings.

use super::ActionView;
use crate::callflow::datetime::parse_rfc3339;
use crate::callflow::json::{Json, Object};
use crate::callflow::params::{ActionKind, Constraint, HTTP_URL_PATTERN, ParamSpec, ParamType};
use crate::callflow::path::JsonPath;
use crate::callflow::status::{StatusCode, entry_message};
use crate::callflow::verdict::{Finding, Findings, Severity};

const TOP_LEVEL_KEYS: [&str; 2] = ["callflow", "validUntil"];
const ACTION_KEYS: [&str; 2] = ["action", "params"];

/// The body's own keys: `callflow` and `validUntil`, checked before any item.
pub(super) fn check_top_level(root: &Object, findings: &mut Findings) {
    check_callflow(root, findings);
    check_valid_until(root, findings);
}

/// The body's keys the API ignores, warned about after every item.
pub(super) fn warn_unknown_top_level_keys(root: &Object, findings: &mut Findings) {
    warn_unknown_keys(root, &TOP_LEVEL_KEYS, JsonPath::root, findings);
}

fn check_callflow(root: &Object, findings: &mut Findings) {
    let path = || JsonPath::root().key("callflow");
    match root.get("callflow") {
        None => missing(
            path,
            || "add \"callflow\": [...] with at least a makeCall action".to_owned(),
            findings,
        ),
        Some(Json::Array(items)) if items.is_empty() => violation(findings, || {
            (
                path(),
                "there must be a minimum of 1 items in the array".to_owned(),
                "add at least one action, starting with makeCall".to_owned(),
            )
        }),
        Some(Json::Array(_)) => {}
        Some(other) => wrong_type(path, other, "array", findings),
    }
}

fn check_valid_until(root: &Object, findings: &mut Findings) {
    let path = || JsonPath::root().key("validUntil");
    match root.given("validUntil") {
        None => {}
        Some(Json::String(text)) if parse_rfc3339(text).is_none() => violation(findings, || {
            (
                path(),
                format!("{text} is an invalid date-time"),
                "write an RFC 3339 instant such as 2026-12-01T09:30:00Z (or with an offset, +08:00)"
                    .to_owned(),
            )
        }),
        Some(Json::String(_)) => {}
        Some(other) => wrong_type(path, other, "string", findings),
    }
}

/// One item against its schema: what it finds depends on that item alone.
pub(super) fn check_action(action: &ActionView, findings: &mut Findings) {
    let Some(item) = action.item.as_object() else {
        wrong_type(|| action.path(), action.item, "object", findings);
        return;
    };
    let action_path = || action.path().key("action");
    match item.get("action") {
        None => missing(
            action_path,
            || format!("add \"action\": one of {}", ActionKind::accepted_names()),
            findings,
        ),
        Some(Json::String(_)) => {}
        Some(other) => wrong_type(action_path, other, "string", findings),
    }
    warn_unknown_keys(item, &ACTION_KEYS, || action.path(), findings);
    if let Some(kind) = action.kind {
        check_params(kind, item, action, findings);
    }
}

fn check_params(kind: ActionKind, item: &Object, action: &ActionView, findings: &mut Findings) {
    let params_path = || action.path().key("params");
    let params = match item.get("params") {
        Some(Json::Object(params)) => params,
        None if kind.requires_params() => {
            return missing(
                params_path,
                || "add \"params\": {...} with the action's parameters".to_owned(),
                findings,
            );
        }
        Some(Json::Null) | None if !kind.requires_params() => return,
        Some(other) => return wrong_type(params_path, other, "object", findings),
        None => return,
    };
    if kind == ActionKind::Hangup {
        if !params.is_empty() {
            findings.warning(
                Some(params_path()),
                "hangup takes no parameters; the API ignores them",
                "remove \"params\" from the hangup action",
            );
        }
        return;
    }
    for spec in kind.params() {
        check_param(
            spec,
            params.get(spec.name),
            || action.param_path(spec.name),
            findings,
        );
    }
    let is_known = |key: &str| kind.param(key).is_some();
    for key in params.keys().filter(|key| !is_known(key)) {
        warn_unknown_key(|| params_path().key(key), key, findings);
    }
}

/// Checks one parameter; the path is only built when there is something to report.
fn check_param(
    spec: &ParamSpec,
    value: Option<&Json>,
    path: impl FnOnce() -> JsonPath,
    findings: &mut Findings,
) {
    let value = match value {
        None | Some(Json::Null) if !spec.required => return,
        None => {
            let hint = || {
                format!(
                    "add \"{}\", {} (required)",
                    spec.name,
                    type_phrase(spec.kind)
                )
            };
            return missing(path, hint, findings);
        }
        Some(value) => value,
    };
    if !has_type(value, spec.kind) {
        return wrong_type(path, value, spec.kind.name(), findings);
    }
    if let Some((detail, hint)) = constraint_violation(spec, value) {
        violation(findings, || (path(), detail, hint));
    }
}

fn has_type(value: &Json, kind: ParamType) -> bool {
    match (kind, value) {
        (ParamType::String, Json::String(_)) | (ParamType::Boolean, Json::Bool(_)) => true,
        (ParamType::Number, Json::Number(_)) => true,
        (ParamType::Integer, Json::Number(number)) => number.is_integer(),
        _ => false,
    }
}

/// The constraint a value of the right type breaks: the schema's detail and a hint.
pub(super) fn constraint_violation(spec: &ParamSpec, value: &Json) -> Option<(String, String)> {
    match spec.constraint {
        Constraint::None => None,
        Constraint::Length { min, max } => {
            let length = value.as_str()?.chars().count();
            if let Some(min) = min.filter(|&min| length < min) {
                return Some((
                    format!("must be at least {min} characters long"),
                    format!("write at least {min} character{}", plural(min)),
                ));
            }
            let max = max.filter(|&max| length > max)?;
            Some((
                format!("may only be {max} characters long"),
                format!("shorten it to {max} characters or fewer (it has {length})"),
            ))
        }
        Constraint::Range { min, max } => {
            let number = value.as_f64()?;
            if let Some(min) = min.filter(|min| number < min.value) {
                return Some((
                    format!("must have a minimum value of {}", min.written),
                    format!("use {} or more", min.written),
                ));
            }
            let max = max.filter(|max| number > max.value)?;
            Some((
                format!("must have a maximum value of {}", max.written),
                format!("use {} or less", max.written),
            ))
        }
        Constraint::HttpUrl => (!is_http_url(value.as_str()?)).then(|| {
            (
                format!("does not match the regex pattern {HTTP_URL_PATTERN}"),
                "give an address starting http:// or https://, with no spaces".to_owned(),
            )
        }),
    }
}

/// `^https?://\S+$`, with `\S` as anything but Unicode white space.
pub(crate) fn is_http_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| !rest.is_empty()) && !text.chars().any(char::is_whitespace)
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn type_phrase(kind: ParamType) -> &'static str {
    match kind {
        ParamType::String => "a string in double quotes",
        ParamType::Integer => "a whole number",
        ParamType::Number => "a number",
        ParamType::Boolean => "true or false",
    }
}

fn wrong_type_hint(value: &Json, expected: &str) -> String {
    match (expected, value) {
        ("integer", Json::String(text)) => {
            format!("write a whole number without quotes (\"{text}\" is text)")
        }
        ("integer", Json::Number(number)) => {
            format!("write a whole number with no fraction or exponent ({number} is not one)")
        }
        ("number", Json::String(_)) => "write the number without quotes".to_owned(),
        ("boolean", _) => "write true or false, without quotes".to_owned(),
        ("string", _) => "put the value in double quotes".to_owned(),
        ("object", _) => "make it an object: {\"key\": value, ...}".to_owned(),
        ("array", _) => "make it an array of actions: [{\"action\": ...}, ...]".to_owned(),
        _ => format!("give {expected} here"),
    }
}

fn missing(
    path: impl FnOnce() -> JsonPath,
    hint: impl FnOnce() -> String,
    findings: &mut Findings,
) {
    violation(findings, || {
        (path(), "is missing but it is required".to_owned(), hint())
    });
}

fn wrong_type(
    path: impl FnOnce() -> JsonPath,
    value: &Json,
    expected: &str,
    findings: &mut Findings,
) {
    violation(findings, || {
        let detail = format!("{} found, {expected} expected", value.type_name());
        (path(), detail, wrong_type_hint(value, expected))
    });
}

/// A -1009 finding, worded as the schema validator words it. `describe` gives the path,
/// the detail and the hint, and runs only when the finding will be listed.
fn violation(findings: &mut Findings, describe: impl FnOnce() -> (JsonPath, String, String)) {
    findings.add(Severity::Error, || {
        let (path, detail, hint) = describe();
        let message = entry_message(&format!("{path}: {detail}"));
        Finding {
            severity: Severity::Error,
            code: Some(StatusCode::InvalidEntry),
            path: Some(path),
            message,
            hint,
        }
    });
}

fn warn_unknown_keys(
    object: &Object,
    known: &[&str],
    path: impl Fn() -> JsonPath,
    findings: &mut Findings,
) {
    for key in object.keys().filter(|key| !known.contains(key)) {
        warn_unknown_key(|| path().key(key), key, findings);
    }
}

fn warn_unknown_key(path: impl FnOnce() -> JsonPath, key: &str, findings: &mut Findings) {
    findings.add(Severity::Warning, || Finding {
        severity: Severity::Warning,
        code: None,
        path: Some(path()),
        message: format!("unknown key \"{key}\": the API ignores it"),
        hint: "remove it, or check its spelling (names are case-sensitive)".to_owned(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_url_pattern_follows_the_fine_print() {
        for good in [
            "http://a",
            "https://example.com/a.mp3",
            "https://ü.example/é",
        ] {
            assert!(is_http_url(good), "{good}");
        }
        for bad in [
            "https://",
            "http:/a",
            "ftp://a",
            "https://a b",
            "https://a\u{a0}",
            "HTTPS://a",
            " https://a",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
