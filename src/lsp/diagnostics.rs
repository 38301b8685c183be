//! Findings as diagnostics: each at the exact span of its value, errors with the API's
//! code and message, and the first error (the API's answer) marked as such.
//!
//! How the answer is marked: its message starts with "API answer: ", and its `data`
//! holds `"deciding": true` (with the JSON path and the fix, for every diagnostic).

use super::spans::Node;
use super::text::LineIndex;
use crate::callflow::parse::parse;
use crate::callflow::{Context, Finding, Severity, StatusCode, Verdict, validate_text};
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Range};
use serde_json::json;
use std::cell::OnceCell;
use std::ops::Range as Span;

pub const SOURCE: &str = "callflow";
pub const ANSWER_PREFIX: &str = "API answer: ";

/// One finding with the span it points at.
pub struct Located<'a> {
    pub finding: &'a Finding,
    pub span: Span<usize>,
    pub deciding: bool,
}

/// Everything the editor features need from one check of a text.
pub struct Checked<'t> {
    pub text: &'t str,
    pub verdict: Verdict,
    /// Built on first use: a request with no finding at a path needs none.
    spans: OnceCell<Option<Node>>,
    syntax_failed: bool,
    pub lines: LineIndex<'t>,
}

impl<'t> Checked<'t> {
    pub fn new(text: &'t str, context: &Context) -> Checked<'t> {
        let verdict = validate_text(text, context);
        let syntax_failed = verdict.response.code == StatusCode::InvalidJson
            && verdict.deciding().is_some_and(|f| f.path.is_none());
        Checked {
            text,
            verdict,
            spans: OnceCell::new(),
            syntax_failed,
            lines: LineIndex::new(text),
        }
    }

    /// Where each value lies. Spans of a text that did not parse would be guesses; a body
    /// that parsed but is not an object still has one span, its own.
    pub fn spans(&self) -> Option<&Node> {
        self.spans
            .get_or_init(|| {
                if self.syntax_failed && parse(self.text).is_err() {
                    None
                } else {
                    Node::of_text(self.text)
                }
            })
            .as_ref()
    }

    /// Every finding with its span, in the verdict's order.
    pub fn located(&self) -> Vec<Located<'_>> {
        let deciding = self.verdict.deciding().map(|f| f as *const Finding);
        self.verdict
            .findings
            .iter()
            .map(|finding| Located {
                finding,
                span: self.span_of(finding),
                deciding: deciding == Some(finding as *const Finding),
            })
            .collect()
    }

    fn span_of(&self, finding: &Finding) -> Span<usize> {
        if finding.path.is_none() && finding.severity != Severity::Error {
            // Notes without a path concern the account: shown at the body's first character.
            let start =
                self.text.len() - self.text.trim_start_matches([' ', '\t', '\n', '\r']).len();
            let width = self.text[start..].chars().next().map_or(0, char::len_utf8);
            return start..start + width;
        }
        let Some(root) = self.spans() else {
            return self.syntax_error_span();
        };
        match &finding.path {
            Some(path) => root.reach(path).node.span.clone(),
            // An error without a path concerns the whole body (one that is not an object).
            None => root.span.clone(),
        }
    }

    /// One character at the syntax error (nothing, at the very end of the text).
    fn syntax_error_span(&self) -> Span<usize> {
        let Err(error) = parse(self.text) else {
            return 0..0;
        };
        let start = self.lines.offset_of_line_column(error.line, error.column);
        let width = self.text[start..].chars().next().map_or(0, char::len_utf8);
        start..start + width
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.located()
            .iter()
            .map(|located| diagnostic(located, self.lines.range(located.span.clone())))
            .collect()
    }
}

fn diagnostic(located: &Located, range: Range) -> Diagnostic {
    let finding = located.finding;
    let severity = match finding.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    };
    let prefix = if located.deciding { ANSWER_PREFIX } else { "" };
    Diagnostic {
        range,
        severity: Some(severity),
        code: finding
            .code
            .map(|code| NumberOrString::Number(code.number())),
        source: Some(SOURCE.to_owned()),
        message: format!("{prefix}{}\nfix: {}", finding.message, finding.hint),
        data: Some(json!({
            "deciding": located.deciding,
            "path": finding.path.as_ref().map(|p| p.as_str()),
            "hint": finding.hint,
        })),
        ..Diagnostic::default()
    }
}

/// The diagnostics of a text: what the server publishes after every change.
pub fn diagnostics_of(text: &str, context: &Context) -> Vec<Diagnostic> {
    Checked::new(text, context).diagnostics()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::{AccountProfile, Instant};
    use lsp_types::Position;

    fn context() -> Context {
        Context::new(AccountProfile::default(), Instant::from_unix_seconds(0))
    }

    fn text_of(text: &str, range: Range) -> &str {
        let lines = LineIndex::new(text);
        &text[lines.offset(range.start)..lines.offset(range.end)]
    }

    #[test]
    fn a_missing_key_points_at_its_object_and_only_the_first_error_is_the_answer() {
        let text = r#"{"callflow": [{"action": "say", "params": {"voiceProfile": "en-GB-Emma"}}, {"action": "Hangup"}]}"#;
        let diagnostics = diagnostics_of(text, &context());
        let errors: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.severity == Some(DiagnosticSeverity::ERROR))
            .collect();
        assert_eq!(errors[0].code, Some(NumberOrString::Number(-1007)));
        assert_eq!(text_of(text, errors[0].range), "\"Hangup\"");
        assert!(errors[0].message.starts_with(ANSWER_PREFIX));
        let missing = errors
            .iter()
            .find(|d| d.message.contains("params.text: is missing"))
            .unwrap();
        assert_eq!(
            text_of(text, missing.range),
            r#"{"voiceProfile": "en-GB-Emma"}"#
        );
        assert!(!missing.message.starts_with(ANSWER_PREFIX));
        assert_eq!(missing.data.as_ref().unwrap()["deciding"], false);
    }

    #[test]
    fn warnings_and_notes_keep_their_own_severities() {
        let text = "{\"callflow\": [{\"action\": \"makeCall\", \"params\": {\"source\": \"+6588000000\", \"destination\": \"+6590000000\", \"x\": 1}}]}";
        let diagnostics = diagnostics_of(text, &context());
        let warning = diagnostics
            .iter()
            .find(|d| d.severity == Some(DiagnosticSeverity::WARNING))
            .unwrap();
        assert_eq!(text_of(text, warning.range), "1");
        assert_eq!(warning.code, None);
        let note = diagnostics
            .iter()
            .find(|d| d.severity == Some(DiagnosticSeverity::INFORMATION))
            .unwrap();
        assert_eq!(note.range.start, Position::new(0, 0));
    }

    #[test]
    fn a_body_that_is_not_an_object_is_1001_over_the_whole_body() {
        let diagnostics = diagnostics_of(" [1, 2]", &context());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Some(NumberOrString::Number(-1001)));
        assert_eq!(text_of(" [1, 2]", diagnostics[0].range), "[1, 2]");
        let empty = diagnostics_of("", &context());
        assert_eq!(empty[0].range, Range::default());
    }
}
