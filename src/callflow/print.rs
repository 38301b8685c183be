//! The one printer shared by export, save and the preview: two-space indentation, keys in
//! the document's order, non-ASCII kept as UTF-8, numbers exactly as written, a final
//! newline.

use super::json::Json;
use std::fmt::Write;

pub fn to_pretty(value: &Json) -> String {
    to_pretty_within(value, usize::MAX).unwrap_or_default()
}

/// The pretty form, or None as soon as it would pass `limit` bytes. Indentation can make a
/// document thousands of times larger (16 MiB of 500-deep arrays indents to gigabytes), so
/// a caller with a limit never prints it whole only to throw it away.
pub fn to_pretty_within(value: &Json, limit: usize) -> Option<String> {
    let mut out = String::new();
    write_value(&mut out, value, 0, limit).ok()?;
    out.push('\n');
    (out.len() <= limit).then_some(out)
}

/// One action as [`to_pretty`] prints it inside the callflow array, from its first
/// character (without the indentation before it) to its closing brace: so a caller can
/// re-print one changed action and splice it in. None past `limit` bytes.
pub fn action_text_within(action: &Json, limit: usize) -> Option<String> {
    let mut out = String::new();
    write_value(&mut out, action, 2, limit).ok()?;
    Some(out)
}

/// The line each action starts on in [`to_pretty`]'s output (0-based), so that a view can
/// scroll to and highlight one action without printing twice.
pub fn action_lines(document: &Json) -> Vec<std::ops::Range<usize>> {
    let Some(items) = document
        .as_object()
        .and_then(|root| root.get("callflow"))
        .and_then(Json::as_array)
    else {
        return Vec::new();
    };
    let mut line = 1;
    let root = document
        .as_object()
        .map(|root| root.iter())
        .into_iter()
        .flatten();
    for (key, value) in root {
        if key == "callflow" {
            break;
        }
        line += line_count(value);
    }
    line += 1; // `"callflow": [`
    items
        .iter()
        .map(|item| {
            let lines = line_count(item);
            let range = line..line + lines;
            line += lines;
            range
        })
        .collect()
}

/// The compact form, for one-line-per-event output: no white space at all, keys in the
/// document's order, numbers exactly as written.
pub fn to_compact(value: &Json) -> String {
    let mut out = String::new();
    write_compact(&mut out, value);
    out
}

/// Appends the compact form of `value` to `out`.
pub fn write_compact(out: &mut String, value: &Json) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Json::Number(number) => out.push_str(number.text()),
        Json::String(text) => write_string(out, text),
        Json::Array(items) => {
            out.push('[');
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                write_compact(out, item);
            }
            out.push(']');
        }
        Json::Object(object) => {
            out.push('{');
            for (position, (key, item)) in object.iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_compact(out, item);
            }
            out.push('}');
        }
    }
}

/// How many lines a value takes in the pretty form.
fn line_count(value: &Json) -> usize {
    match value {
        Json::Array(items) if !items.is_empty() => 2 + items.iter().map(line_count).sum::<usize>(),
        Json::Object(object) if !object.is_empty() => {
            2 + object.iter().map(|(_, v)| line_count(v)).sum::<usize>()
        }
        _ => 1,
    }
}

/// The pretty printer passed its limit.
struct TooLong;

/// Writes `value` at `depth`, giving up once `out` passes `limit` (checked after each
/// value, so it stops within one scalar of the limit however deep the nesting).
fn write_value(out: &mut String, value: &Json, depth: usize, limit: usize) -> Result<(), TooLong> {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Json::Number(number) => out.push_str(number.text()),
        Json::String(text) => write_string(out, text),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Array(items) => {
            out.push('[');
            for (position, item) in items.iter().enumerate() {
                separator(out, position, depth + 1);
                write_value(out, item, depth + 1, limit)?;
            }
            newline(out, depth);
            out.push(']');
        }
        Json::Object(object) if object.is_empty() => out.push_str("{}"),
        Json::Object(object) => {
            out.push('{');
            for (position, (key, item)) in object.iter().enumerate() {
                separator(out, position, depth + 1);
                write_string(out, key);
                out.push_str(": ");
                write_value(out, item, depth + 1, limit)?;
            }
            newline(out, depth);
            out.push('}');
        }
    }
    if out.len() > limit {
        return Err(TooLong);
    }
    Ok(())
}

fn separator(out: &mut String, position: usize, depth: usize) {
    if position > 0 {
        out.push(',');
    }
    newline(out, depth);
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped, all else
/// kept as it is. Runs of plain text are copied whole: every byte that needs escaping is
/// ASCII, so the runs end on character boundaries.
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut plain_from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[plain_from..at]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        plain_from = at + 1;
    }
    out.push_str(&text[plain_from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::parse::parse;

    #[test]
    fn prints_like_serde_json_pretty_but_keeps_numbers_as_written() {
        let text =
            r#"{"b": [1.0, {}, [], "é\u0001\"\\"], "a": {"x": null, "y": 18446744073709551623}}"#;
        let printed = to_pretty(&parse(text).unwrap().value);
        assert_eq!(
            printed,
            "{\n  \"b\": [\n    1.0,\n    {},\n    [],\n    \"é\\u0001\\\"\\\\\"\n  ],\n  \"a\": {\n    \"x\": null,\n    \"y\": 18446744073709551623\n  }\n}\n"
        );
    }

    #[test]
    fn a_limited_print_gives_up_past_its_limit_and_not_before() {
        let value = parse(r#"{"a": [[["x"]]]}"#).unwrap().value;
        let whole = to_pretty(&value);
        assert_eq!(to_pretty_within(&value, whole.len()), Some(whole.clone()));
        assert_eq!(to_pretty_within(&value, whole.len() - 1), None);
        // 300-deep arrays indent to about 90,000 bytes: the limit stops it near 1,000.
        let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
        let deep = parse(&deep).unwrap().value;
        assert!(to_pretty(&deep).len() > 90_000);
        assert_eq!(to_pretty_within(&deep, 1_000), None);
    }

    #[test]
    fn compact_has_no_white_space_and_keeps_numbers_as_written() {
        let text = r#"{"b": [1.0, {}, [], "a b\u0001"], "a": {"x": null, "y": 1e3}}"#;
        let printed = to_compact(&parse(text).unwrap().value);
        assert_eq!(
            printed,
            r#"{"b":[1.0,{},[],"a b\u0001"],"a":{"x":null,"y":1e3}}"#
        );
    }

    #[test]
    fn printing_round_trips_through_the_parser() {
        let text = r#"{"validUntil": "2030-01-01T00:00:00Z", "callflow": [{"action": "say", "params": {"text": "a\nb\t<"}}]}"#;
        let value = parse(text).unwrap().value;
        assert_eq!(parse(&to_pretty(&value)).unwrap().value, value);
    }

    #[test]
    fn action_lines_point_at_each_action_in_the_printed_text() {
        let text = r#"{"validUntil": {"a": 1}, "callflow": [{"action": "hangup"}, {"action": "say", "params": {"text": "x"}}]}"#;
        let value = parse(text).unwrap().value;
        let printed: Vec<String> = to_pretty(&value).lines().map(str::to_owned).collect();
        let lines = action_lines(&value);
        assert_eq!(lines.len(), 2);
        assert_eq!(printed[lines[0].start].trim(), "{");
        assert_eq!(printed[lines[0].end - 1].trim(), "},");
        assert_eq!(printed[lines[1].start + 1].trim(), "\"action\": \"say\",");
        assert_eq!(printed[lines[1].end - 1].trim(), "}");
    }
}
