//! Plausible values for parameters: what a completion snippet or a quick fix writes in.
//! Each passes its own parameter's rules, so a fix never trades one error for another.

use crate::callflow::params::{ParamSpec, ParamType};

/// A value for a parameter, as JSON text.
pub fn value_text(spec: &ParamSpec) -> String {
    let specific = match spec.name {
        "source" => Some("\"+6588000000\""),
        "destination" => Some("\"+6590000000\""),
        "text" => Some("\"Hello, this is a message from callflow.\""),
        "promptMessage" => Some("\"Press 1 for sales, 2 for support.\""),
        "successMessage" => Some("\"Thank you.\""),
        "failureMessage" => Some("\"Sorry, that was not a valid choice.\""),
        "voiceProfile" => Some("\"en-US-BenjaminRUS\""),
        "language" => Some("\"en-US\""),
        "fileUrl" => Some("\"https://example.com/audio/message.mp3\""),
        "dtmfCallbackUrl" => Some("\"https://example.com/dtmf\""),
        "scenarioName" => Some("\"appointment-reminder\""),
        "minDigits" | "maxDigits" => Some("1"),
        "digitTimeout" => Some("5000"),
        _ => None,
    };
    if let Some(text) = specific {
        return text.to_owned();
    }
    match (spec.kind, spec.shown_default) {
        (ParamType::String, Some(default)) => format!("\"{default}\""),
        (_, Some(default)) => default.to_owned(),
        (ParamType::String, None) => "\"\"".to_owned(),
        (ParamType::Boolean, None) => "false".to_owned(),
        (ParamType::Integer | ParamType::Number, None) => "1".to_owned(),
    }
}

/// The same value as a snippet, with one tab stop over the value.
pub fn value_snippet(spec: &ParamSpec, stop: usize) -> String {
    let text = value_text(spec);
    if spec.kind == ParamType::Boolean {
        let first = text.as_str();
        let other = if first == "true" { "false" } else { "true" };
        return format!("${{{stop}|{first},{other}|}}");
    }
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) => format!("\"${{{stop}:{}}}\"", escape_snippet(inner)),
        None => format!("${{{stop}:{text}}}"),
    }
}

/// Snippet syntax gives `$`, `}` and `\` a meaning; plain text escapes them.
fn escape_snippet(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '$' | '}' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::params::ActionKind;

    #[test]
    fn every_plausible_value_is_valid_json_of_its_type() {
        for kind in ActionKind::ALL {
            for spec in kind.params() {
                let value: serde_json::Value = serde_json::from_str(&value_text(spec)).unwrap();
                let fits = match spec.kind {
                    ParamType::String => value.is_string(),
                    ParamType::Integer => value.is_i64(),
                    ParamType::Number => value.is_number(),
                    ParamType::Boolean => value.is_boolean(),
                };
                assert!(fits, "{}", spec.name);
            }
        }
    }

    #[test]
    fn snippets_put_a_tab_stop_on_the_value() {
        let text = ActionKind::Say.param("text").unwrap();
        assert_eq!(
            value_snippet(text, 1),
            "\"${1:Hello, this is a message from callflow.}\""
        );
        let hash = ActionKind::SayAndCapture.param("completeOnHash").unwrap();
        assert_eq!(value_snippet(hash, 2), "${2|true,false|}");
    }
}
