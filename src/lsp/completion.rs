//! Completion: action names, the parameters of the action at the cursor in declared
//! order (as snippets with plausible values), voice profiles with their locales, and
//! `true`/`false` where a boolean goes.

use super::cursor::{Cursor, Slot, cursor_at};
use super::plausible::value_snippet;
use super::text::LineIndex;
use crate::callflow::Context;
use crate::callflow::params::{ActionKind, ParamType};
use crate::callflow::path::Segment;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, InsertTextFormat, TextEdit,
};

/// The completions at a byte offset of a text (which need not parse).
pub fn completions(text: &str, offset: usize, context: &Context) -> Vec<CompletionItem> {
    let cursor = cursor_at(text, offset);
    let lines = LineIndex::new(text);
    let items = match (cursor.slot, cursor.path.as_slice()) {
        (Slot::Key, []) => top_level_keys(),
        (Slot::Key, [Segment::Key(c), Segment::Index(_)]) if c == "callflow" => action_keys(),
        (Slot::Key, [Segment::Key(c), Segment::Index(_), Segment::Key(p)])
            if c == "callflow" && p == "params" =>
        {
            cursor
                .action
                .map_or_else(Vec::new, |kind| parameters(kind, &cursor))
        }
        (Slot::Value, [Segment::Key(c), Segment::Index(_)]) if c == "callflow" => action_objects(),
        (Slot::Value, [Segment::Key(c), Segment::Index(_), Segment::Key(a)])
            if c == "callflow" && a == "action" =>
        {
            action_names()
        }
        (
            Slot::Value,
            [
                Segment::Key(c),
                Segment::Index(_),
                Segment::Key(p),
                Segment::Key(name),
            ],
        ) if c == "callflow" && p == "params" => parameter_values(cursor.action, name, context),
        _ => Vec::new(),
    };
    let Some(token) = cursor.token.clone() else {
        return items;
    };
    // What is typed so far is replaced, quotes included, so the client filters on it.
    let range = lines.range(token);
    items
        .into_iter()
        .map(|mut item| {
            let new_text = item
                .insert_text
                .take()
                .unwrap_or_else(|| item.label.clone());
            if new_text.starts_with('"') && item.filter_text.is_none() {
                item.filter_text = Some(format!("\"{}", item.label));
            }
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text)));
            item
        })
        .collect()
}

fn snippet(label: &str, detail: &str, body: String, order: usize) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(CompletionItemKind::PROPERTY),
        detail: Some(detail.to_owned()),
        insert_text: Some(body),
        insert_text_format: Some(InsertTextFormat::SNIPPET),
        sort_text: Some(format!("{order:02}")),
        ..CompletionItem::default()
    }
}

fn plain(
    label: &str,
    detail: String,
    insert: String,
    kind: CompletionItemKind,
    order: usize,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail),
        insert_text: Some(insert),
        insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
        sort_text: Some(format!("{order:04}")),
        ..CompletionItem::default()
    }
}

fn top_level_keys() -> Vec<CompletionItem> {
    vec![
        snippet(
            "callflow",
            "array of actions, required",
            "\"callflow\": [$0]".to_owned(),
            0,
        ),
        snippet(
            "validUntil",
            "RFC 3339 instant, optional",
            "\"validUntil\": \"${1:2026-12-01T09:30:00Z}\"".to_owned(),
            1,
        ),
    ]
}

fn action_keys() -> Vec<CompletionItem> {
    vec![
        snippet(
            "action",
            "the action's name",
            "\"action\": \"$1\"".to_owned(),
            0,
        ),
        snippet(
            "params",
            "the action's parameters",
            "\"params\": {$0}".to_owned(),
            1,
        ),
    ]
}

fn action_names() -> Vec<CompletionItem> {
    ActionKind::ALL
        .iter()
        .enumerate()
        .map(|(order, kind)| {
            plain(
                kind.name(),
                kind.summary().to_owned(),
                format!("\"{}\"", kind.name()),
                CompletionItemKind::ENUM_MEMBER,
                order,
            )
        })
        .collect()
}

/// Whole actions, for an empty slot of the `callflow` array: the name and its required
/// parameters, each a tab stop.
fn action_objects() -> Vec<CompletionItem> {
    ActionKind::ALL
        .iter()
        .enumerate()
        .map(|(order, &kind)| {
            let params: Vec<String> = kind
                .params()
                .iter()
                .filter(|spec| spec.required)
                .enumerate()
                .map(|(i, spec)| format!("\"{}\": {}", spec.name, value_snippet(spec, i + 1)))
                .collect();
            let body = if kind == ActionKind::Hangup {
                "{\"action\": \"hangup\"}".to_owned()
            } else {
                format!(
                    "{{\"action\": \"{}\", \"params\": {{{}}}}}",
                    kind.name(),
                    params.join(", ")
                )
            };
            let mut item = snippet(kind.name(), kind.summary(), body, order);
            item.kind = Some(CompletionItemKind::SNIPPET);
            item
        })
        .collect()
}

/// The action's parameters not yet given, in declared order.
fn parameters(kind: ActionKind, cursor: &Cursor) -> Vec<CompletionItem> {
    kind.params()
        .iter()
        .enumerate()
        .filter(|(_, spec)| {
            cursor.key.as_deref() == Some(spec.name)
                || !cursor.sibling_keys.iter().any(|k| k == spec.name)
        })
        .map(|(order, spec)| {
            let requirement = if spec.required {
                "required"
            } else {
                "optional"
            };
            let mut item = snippet(
                spec.name,
                &format!("{} {}, {requirement}", kind.name(), spec.kind.name()),
                format!("\"{}\": {}", spec.name, value_snippet(spec, 1)),
                order,
            );
            item.documentation = Some(lsp_types::Documentation::String(spec.help.to_owned()));
            item
        })
        .collect()
}

fn parameter_values(
    kind: Option<ActionKind>,
    name: &str,
    context: &Context,
) -> Vec<CompletionItem> {
    let Some(spec) = kind.and_then(|kind| kind.param(name)) else {
        return Vec::new();
    };
    if spec.name == "voiceProfile" {
        return voices(context);
    }
    if spec.kind == ParamType::Boolean {
        return ["true", "false"]
            .iter()
            .enumerate()
            .map(|(order, word)| {
                plain(
                    word,
                    "boolean".to_owned(),
                    (*word).to_owned(),
                    CompletionItemKind::VALUE,
                    order,
                )
            })
            .collect();
    }
    Vec::new()
}

/// The account's voices when its profile lists them, else the built-in list.
fn voices(context: &Context) -> Vec<CompletionItem> {
    let origin = if context.uses_built_in_voices() {
        "built-in list"
    } else {
        "account"
    };
    context
        .voices()
        .iter()
        .enumerate()
        .map(|(order, voice)| {
            let language = voice
                .language
                .as_deref()
                .map_or(String::new(), |l| format!(", {l}"));
            plain(
                &voice.code,
                format!("{}{language} ({origin})", voice.locale),
                format!("\"{}\"", voice.code),
                CompletionItemKind::VALUE,
                order,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::{AccountProfile, Instant};

    fn labels_at_marker(text: &str) -> Vec<String> {
        let offset = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
        let mut items = completions(&text, offset, &context);
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
        items.into_iter().map(|item| item.label).collect()
    }

    #[test]
    fn action_names_where_an_action_is_named() {
        let labels = labels_at_marker(r#"{"callflow": [{"action": "|"}]}"#);
        assert_eq!(
            labels,
            [
                "makeCall",
                "say",
                "sayAndCapture",
                "playFile",
                "hangup",
                "executeScenario"
            ]
        );
    }

    #[test]
    fn true_and_false_for_a_boolean_parameter() {
        let labels = labels_at_marker(
            r#"{"callflow": [{"action": "sayAndCapture", "params": {"completeOnHash": |}}]}"#,
        );
        assert_eq!(labels, ["true", "false"]);
    }

    #[test]
    fn built_in_voices_with_their_locales_without_an_account_list() {
        let text = r#"{"callflow": [{"action": "say", "params": {"voiceProfile": "en-G|"}}]}"#;
        let offset = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
        let items = completions(&text, offset, &context);
        let emma = items.iter().find(|i| i.label == "en-GB-Emma").unwrap();
        assert!(emma.detail.as_deref().unwrap().starts_with("en-GB"));
        let Some(CompletionTextEdit::Edit(edit)) = &emma.text_edit else {
            panic!("replaces the typed string")
        };
        assert_eq!(edit.new_text, "\"en-GB-Emma\"");
        assert_eq!(edit.range.start.character, 59);
    }

    #[test]
    fn whole_actions_in_an_empty_slot_of_the_flow() {
        let labels = labels_at_marker(r#"{"callflow": [{"action": "hangup"}, |]}"#);
        assert_eq!(labels.len(), 6);
        assert_eq!(labels[0], "makeCall");
    }
}
