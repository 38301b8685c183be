//! Quick fixes for the findings whose fix is mechanical: add a missing required
//! parameter, raise `overallTimeout` above `digitTimeout` (or add it), drop forbidden
//! characters, move `hangup` last, add or raise `maxDigits` for `minDigits`.

use super::diagnostics::{Checked, Located};
use super::plausible::value_text;
use super::spans::Node;
use crate::callflow::StatusCode;
use crate::callflow::characters::is_forbidden;
use crate::callflow::params::ActionKind;
use crate::callflow::path::JsonPath;
use std::ops::Range;

/// A fix: a title and the byte-range edits that make it.
pub struct Fix {
    pub title: String,
    pub edits: Vec<(Range<usize>, String)>,
    /// The index, in the checked findings, of the finding it fixes.
    pub finding: usize,
}

/// The fixes for every finding whose span meets `span`.
pub fn fixes(checked: &Checked, span: Range<usize>) -> Vec<Fix> {
    let Some(root) = checked.spans() else {
        return Vec::new();
    };
    let meets = |other: &Range<usize>| other.start <= span.end && span.start <= other.end;
    checked
        .located()
        .iter()
        .enumerate()
        .filter(|(_, located)| meets(&located.span))
        .filter_map(|(index, located)| {
            let (title, edits) = fix_for(checked.text, root, located)?;
            Some(Fix {
                title,
                edits,
                finding: index,
            })
        })
        .collect()
}

type Edits = (String, Vec<(Range<usize>, String)>);

fn fix_for(text: &str, root: &Node, located: &Located) -> Option<Edits> {
    let finding = located.finding;
    let path = finding.path.as_ref()?;
    let index = path.action_index()?;
    let action = root.at(&JsonPath::action(index))?;
    let kind = ActionKind::from_name(&string_at(
        text,
        action.member("action")?.value.span.clone(),
    )?)?;
    let params = action.member("params").map(|m| &m.value);
    match finding.code? {
        StatusCode::InvalidEntry if finding.message.ends_with("is missing but it is required") => {
            let name = path.param_name()?;
            let spec = kind.param(&name)?;
            let value = value_text(spec);
            Some((
                format!("Add {name}: {value}"),
                vec![insert_member(text, params?, &name, &value)],
            ))
        }
        StatusCode::OverallTimeoutTooSmall | StatusCode::OverallTimeoutRequired => {
            let params = params?;
            let digit = number_at(text, &params.member("digitTimeout")?.value)?;
            let raised = format!("{}", digit.trunc() as i64 + 1000);
            let title = format!("Set overallTimeout to {raised} (above digitTimeout)");
            let edit = match params.member("overallTimeout") {
                Some(member) => (member.value.span.clone(), raised),
                None => insert_member(text, params, "overallTimeout", &raised),
            };
            Some((title, vec![edit]))
        }
        StatusCode::ForbiddenCharacters => {
            let value = root.at(path)?;
            let cleaned: String = string_at(text, value.span.clone())?
                .chars()
                .filter(|&c| !is_forbidden(c))
                .collect();
            let quoted = serde_json::to_string(&cleaned).ok()?;
            let name = path.param_name().unwrap_or_default();
            Some((
                format!("Remove the forbidden characters from {name}"),
                vec![(value.span.clone(), quoted)],
            ))
        }
        StatusCode::HangupMisplaced => move_last(text, root, index),
        StatusCode::MaxDigitsForMinDigits => {
            let params = params?;
            let min = text[params.member("minDigits")?.value.span.clone()].to_owned();
            let edit = match params.member("maxDigits") {
                Some(member) => (member.value.span.clone(), min.clone()),
                None => insert_member(text, params, "maxDigits", &min),
            };
            Some((format!("Set maxDigits to {min} (minDigits)"), vec![edit]))
        }
        _ => None,
    }
}

fn string_at(text: &str, span: Range<usize>) -> Option<String> {
    serde_json::from_str(&text[span]).ok()
}

fn number_at(text: &str, node: &Node) -> Option<f64> {
    text[node.span.clone()].parse().ok()
}

/// An edit adding `"key": value` as the object's last member, laid out like the member
/// before it (on its own line, indented alike, when the object is written that way).
fn insert_member(text: &str, object: &Node, key: &str, value: &str) -> (Range<usize>, String) {
    let member = format!(
        "{}: {value}",
        serde_json::to_string(key).unwrap_or_default()
    );
    let Some(last) = object.members().last() else {
        // `{}` or `{ }`: right after the brace.
        let at = object.span.start + 1;
        return (at..at, member);
    };
    let at = last.value.span.end;
    let separator = separator_before(text, last.key_span.start);
    (at..at, format!(",{separator}{member}"))
}

/// The white space before a member: a new line and its indentation, or one space.
fn separator_before(text: &str, start: usize) -> String {
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let indent = &text[line_start..start];
    if indent.chars().all(|c| c == ' ' || c == '\t') && line_start > 0 {
        format!("\n{indent}")
    } else {
        " ".to_owned()
    }
}

/// Moves the item at `index` to the end of the `callflow` array.
fn move_last(text: &str, root: &Node, index: usize) -> Option<Edits> {
    let items = root.at(&JsonPath::root().key("callflow"))?.items();
    if index + 1 >= items.len() {
        return None;
    }
    let item = &items[index];
    let last = items.last()?;
    let removal = item.span.start..items[index + 1].span.start;
    let separator = separator_before(text, last.span.start);
    let moved = format!(",{separator}{}", &text[item.span.clone()]);
    let insertion = (last.span.end..last.span.end, moved);
    Some((
        "Move hangup to the end of the flow".to_owned(),
        vec![(removal, String::new()), insertion],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::{AccountProfile, Context, Instant, validate_text};

    fn context() -> Context {
        Context::new(AccountProfile::default(), Instant::from_unix_seconds(0))
    }

    /// Applies the first fix found anywhere in the text and returns the new text.
    fn fixed(text: &str) -> (String, String) {
        let checked = Checked::new(text, &context());
        let fix = fixes(&checked, 0..text.len())
            .into_iter()
            .next()
            .expect("a fix is offered");
        let mut edits = fix.edits;
        edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        let mut result = text.to_owned();
        for (span, new_text) in edits {
            result.replace_range(span, &new_text);
        }
        (fix.title, result)
    }

    fn codes(text: &str) -> Vec<i32> {
        validate_text(text, &context())
            .errors()
            .filter_map(|f| f.code.map(|c| c.number()))
            .collect()
    }

    const CALL: &str = r#"{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}}"#;

    #[test]
    fn a_missing_required_parameter_is_added_with_a_plausible_value() {
        let text = format!(
            "{{\"callflow\": [{CALL},\n  {{\"action\": \"say\", \"params\": {{\n    \"text\": \"Hi\"\n  }}}}]}}"
        );
        assert_eq!(codes(&text), [-1009]);
        let (title, result) = fixed(&text);
        assert_eq!(title, "Add voiceProfile: \"en-US-BenjaminRUS\"");
        assert!(
            result.contains("\"text\": \"Hi\",\n    \"voiceProfile\": \"en-US-BenjaminRUS\""),
            "{result}"
        );
        assert!(codes(&result).is_empty(), "{result}");
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let text = format!(
            r#"{{"callflow": [{CALL}, {{"action": "say", "params": {{"text": "a<b>\u0007c é", "voiceProfile": "en-GB-Emma"}}}}]}}"#
        );
        assert_eq!(codes(&text), [-1016]);
        let (_, result) = fixed(&text);
        assert!(result.contains("\"text\": \"abc é\""), "{result}");
        assert!(codes(&result).is_empty(), "{result}");
    }

    #[test]
    fn hangup_moves_to_the_end() {
        let text = format!(
            "{{\"callflow\": [\n  {CALL},\n  {{\"action\": \"hangup\"}},\n  {{\"action\": \"say\", \"params\": {{\"text\": \"x\", \"voiceProfile\": \"en-GB-Emma\"}}}}\n]}}"
        );
        assert_eq!(codes(&text), [-1012]);
        let (title, result) = fixed(&text);
        assert_eq!(title, "Move hangup to the end of the flow");
        assert!(
            result.ends_with("\"en-GB-Emma\"}},\n  {\"action\": \"hangup\"}\n]}"),
            "{result}"
        );
        assert!(codes(&result).is_empty(), "{result}");
    }

    #[test]
    fn max_digits_is_added_for_min_digits_and_the_timeout_is_added_for_digit_timeout() {
        let text = format!(
            r#"{{"callflow": [{CALL}, {{"action": "sayAndCapture", "params": {{"promptMessage": "x", "voiceProfile": "en-GB-Emma", "minDigits": 4}}}}]}}"#
        );
        assert_eq!(codes(&text), [-1003]);
        let (_, result) = fixed(&text);
        assert!(
            result.contains("\"minDigits\": 4, \"maxDigits\": 4"),
            "{result}"
        );
        assert!(codes(&result).is_empty(), "{result}");

        let text = result.replace(
            "\"maxDigits\": 4",
            "\"maxDigits\": 4, \"digitTimeout\": 3000",
        );
        assert_eq!(codes(&text), [-1005]);
        let (_, result) = fixed(&text);
        assert!(result.contains("\"overallTimeout\": 4000"), "{result}");
        assert!(codes(&result).is_empty(), "{result}");
    }

    #[test]
    fn an_empty_params_object_gets_its_first_member() {
        let text = format!(r#"{{"callflow": [{CALL}, {{"action": "playFile", "params": {{}}}}]}}"#);
        let (_, result) = fixed(&text);
        assert!(
            result.contains(r#"{"fileUrl": "https://example.com/audio/message.mp3"}"#),
            "{result}"
        );
        assert!(codes(&result).is_empty(), "{result}");
    }
}
