//! Hover: on a key, its row of the parameter table; on a finding, the rule behind it and
//! the fix, from the teaching text.

use super::cursor::{Slot, cursor_at};
use super::diagnostics::Checked;
use crate::callflow::params::{ActionKind, Constraint, ParamSpec};
use crate::callflow::path::Segment;
use crate::callflow::teaching::lesson;

/// The hover text (Markdown) at a byte offset, if there is anything to say.
pub fn hover_text(checked: &Checked, offset: usize) -> Option<String> {
    let mut sections = Vec::new();
    if let Some(about_key) = about_the_key(checked.text, offset) {
        sections.push(about_key);
    }
    for located in checked.located() {
        let span = &located.span;
        let touches = span.start <= offset && offset <= span.end.max(span.start + 1);
        if touches {
            sections.push(about_the_finding(located.finding));
        }
    }
    (!sections.is_empty()).then(|| sections.join("\n\n---\n\n"))
}

fn about_the_key(text: &str, offset: usize) -> Option<String> {
    let cursor = cursor_at(text, offset);
    if cursor.slot != Slot::Key {
        return None;
    }
    let key = cursor.key?;
    match cursor.path.as_slice() {
        [] => top_level_key(&key),
        [Segment::Key(callflow), Segment::Index(_)] if callflow == "callflow" => match key.as_str()
        {
            "action" => Some(action_key(cursor.action)),
            "params" => Some(params_key(cursor.action)),
            _ => None,
        },
        [
            Segment::Key(callflow),
            Segment::Index(_),
            Segment::Key(params),
        ] if callflow == "callflow" && params == "params" => {
            let kind = cursor.action?;
            Some(match kind.param(&key) {
                Some(spec) => param_row(kind, spec),
                None => format!(
                    "**{key}** is not a parameter of `{}`: the API ignores it.",
                    kind.name()
                ),
            })
        }
        _ => None,
    }
}

fn top_level_key(key: &str) -> Option<String> {
    match key {
        "callflow" => Some(
            "**callflow** — array of actions, required, at least 1\n\nThe actions, run in order; the first must be `makeCall` (or the flow is one `executeScenario`).".to_owned(),
        ),
        "validUntil" => Some(
            "**validUntil** — string (RFC 3339 date-time), optional\n\nThe API refuses the request after this instant, e.g. `2026-12-01T09:30:00Z`.".to_owned(),
        ),
        _ => Some(format!("**{key}** is not a key of the request: the API ignores it.")),
    }
}

fn action_key(kind: Option<ActionKind>) -> String {
    let names: Vec<String> = ActionKind::ALL
        .iter()
        .map(|k| format!("- `{}` — {}", k.name(), k.summary()))
        .collect();
    let current = kind.map_or(String::new(), |k| format!("\n\nThis one: `{}`.", k.name()));
    format!(
        "**action** — string, required, case-sensitive\n\n{}{current}",
        names.join("\n")
    )
}

fn params_key(kind: Option<ActionKind>) -> String {
    let Some(kind) = kind else {
        return "**params** — object: the action's parameters".to_owned();
    };
    let rows: Vec<String> = kind
        .params()
        .iter()
        .map(|spec| format!("- `{}` {}", spec.name, type_and_bounds(spec)))
        .collect();
    let required = if kind.requires_params() {
        "required"
    } else {
        "optional, ignored"
    };
    format!(
        "**params** of `{}` — object, {required}\n\n{}",
        kind.name(),
        rows.join("\n")
    )
}

/// One row of the parameter table: type, bounds, required, default, what it does.
fn param_row(kind: ActionKind, spec: &ParamSpec) -> String {
    let default = spec
        .shown_default
        .map_or(String::new(), |d| format!(", default {d}"));
    format!(
        "**{}** ({}) — {}{default}\n\n{}",
        spec.name,
        kind.name(),
        type_and_bounds(spec),
        spec.help
    )
}

fn type_and_bounds(spec: &ParamSpec) -> String {
    let requirement = if spec.required {
        "required"
    } else {
        "optional"
    };
    let bounds = match spec.constraint {
        Constraint::None => String::new(),
        Constraint::Length { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!(", {min}–{max} characters"),
            (None, Some(max)) => format!(", at most {max} characters"),
            (Some(min), None) => format!(", at least {min} characters"),
            (None, None) => String::new(),
        },
        Constraint::Range { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!(", {}–{}", min.written, max.written),
            (Some(min), None) => format!(", ≥ {}", min.written),
            (None, Some(max)) => format!(", ≤ {}", max.written),
            (None, None) => String::new(),
        },
        Constraint::HttpUrl => format!(", matches `{}`", crate::callflow::params::HTTP_URL_PATTERN),
    };
    format!("{}, {requirement}{bounds}", spec.kind.name())
}

fn about_the_finding(finding: &crate::callflow::Finding) -> String {
    let Some(code) = finding.code else {
        return format!(
            "**{}**: {}\n\nFix: {}",
            finding.severity.name(),
            finding.message,
            finding.hint
        );
    };
    let lesson = lesson(code);
    format!(
        "**{} {}**\n\nWhy: {}\n\nFix: {}\n\nHere: {}",
        code.number(),
        finding.message,
        lesson.trigger,
        lesson.fix,
        finding.hint
    )
}
