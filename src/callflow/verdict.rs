//! What a check answers: the API's response, and every finding behind it.

use super::path::JsonPath;
use super::status::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One thing the check noticed. Errors carry the status code they would answer with.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub code: Option<StatusCode>,
    pub path: Option<JsonPath>,
    pub message: String,
    pub hint: String,
}

/// The API's answer: `sessionStatus`, `statusCode`, `statusMessage`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub code: StatusCode,
    pub message: String,
}

impl Response {
    pub fn session_status(&self) -> &'static str {
        self.code.session_status()
    }
}

/// The response and every finding: errors in the order the API decides them, so the
/// first error is the response, then warnings, then notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub response: Response,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub(crate) fn from_findings(findings: Vec<Finding>) -> Verdict {
        let response = findings
            .iter()
            .find(|finding| finding.severity == Severity::Error)
            .map_or(
                Response {
                    code: StatusCode::Created,
                    message: StatusCode::Created.message().to_owned(),
                },
                |error| Response {
                    code: error.code.unwrap_or(StatusCode::Unknown),
                    message: error.message.clone(),
                },
            );
        Verdict { response, findings }
    }

    pub fn is_created(&self) -> bool {
        self.response.code.is_created()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// The finding that decides the response, when the request is refused.
    pub fn deciding(&self) -> Option<&Finding> {
        self.errors().next()
    }

    /// Findings whose path is `path` or lies inside it.
    pub fn findings_at<'a>(&'a self, path: &'a JsonPath) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |finding| {
            finding
                .path
                .as_ref()
                .is_some_and(|at| is_within(at.as_str(), path.as_str()))
        })
    }
}

fn is_within(path: &str, ancestor: &str) -> bool {
    path.strip_prefix(ancestor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Collects findings as the stages find them.
#[derive(Default)]
pub(crate) struct Findings {
    errors: Vec<Finding>,
    warnings: Vec<Finding>,
    notes: Vec<Finding>,
}

impl Findings {
    pub fn error(&mut self, code: StatusCode, path: Option<JsonPath>, hint: impl Into<String>) {
        self.error_with_message(code, path, code.message().to_owned(), hint);
    }

    pub fn error_with_message(
        &mut self,
        code: StatusCode,
        path: Option<JsonPath>,
        message: String,
        hint: impl Into<String>,
    ) {
        self.errors.push(Finding {
            severity: Severity::Error,
            code: Some(code),
            path,
            message,
            hint: hint.into(),
        });
    }

    pub fn warning(
        &mut self,
        path: Option<JsonPath>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.warnings
            .push(plain(Severity::Warning, path, message.into(), hint.into()));
    }

    pub fn note(&mut self, message: impl Into<String>, hint: impl Into<String>) {
        let message = message.into();
        if !self.notes.iter().any(|note| note.message == message) {
            self.notes
                .push(plain(Severity::Note, None, message, hint.into()));
        }
    }

    pub fn into_verdict(self) -> Verdict {
        let mut findings = self.errors;
        findings.extend(self.warnings);
        findings.extend(self.notes);
        Verdict::from_findings(findings)
    }
}

fn plain(severity: Severity, path: Option<JsonPath>, message: String, hint: String) -> Finding {
    Finding {
        severity,
        code: None,
        path,
        message,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_means_the_path_or_below_it() {
        assert!(is_within("$.callflow[1].params.x", "$.callflow[1]"));
        assert!(is_within("$.callflow[1]", "$.callflow[1]"));
        assert!(!is_within("$.callflow[10]", "$.callflow[1]"));
    }

    #[test]
    fn no_errors_means_created() {
        let mut findings = Findings::default();
        findings.note("n", "h");
        let verdict = findings.into_verdict();
        assert!(verdict.is_created());
        assert_eq!(verdict.response.message, "Created");
    }
}
