//! What a check answers: the API's response, and every finding behind it.

use super::datetime::Instant;
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

impl Finding {
    /// An error with the code's own message.
    pub fn error(code: StatusCode, path: Option<JsonPath>, hint: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Error,
            code: Some(code),
            path,
            message: code.message().to_owned(),
            hint: hint.into(),
        }
    }
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
    /// The findings as listed: at most [`MAX_LISTED_FINDINGS`], then (with
    /// [`Listing::Capped`]) the note that counts the ones left out.
    pub findings: Vec<Finding>,
    /// How many findings were found but not listed.
    pub left_out: usize,
    /// From when the clock alone changes this verdict: the request's `validUntil` while it
    /// is ahead (-1015 once it passes), or the time of the check once it has passed (the
    /// hint names the time). None when time cannot change it, so nothing is checked again.
    pub changes_at: Option<Instant>,
}

impl Verdict {
    /// The findings found, apart from the note that counts those left out, and that note.
    pub fn listed(&self) -> (&[Finding], Option<&Finding>) {
        match self.findings.split_last() {
            Some((note, found)) if self.left_out > 0 && note.severity == Severity::Note => {
                (found, Some(note))
            }
            _ => (&self.findings, None),
        }
    }

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
        Verdict {
            response,
            findings,
            left_out: 0,
            changes_at: None,
        }
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

/// SPEC §8: `--all` (and the builder) list at most this many findings, then one note
/// saying how many were left out.
pub const MAX_LISTED_FINDINGS: usize = 1000;

/// How much of a check's findings its caller wants listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Only the response (plain `validate`): the deciding error is all that is kept.
    ResponseOnly,
    /// Up to [`MAX_LISTED_FINDINGS`], then a note counting the rest.
    Capped,
}

/// Collects findings as the stages find them.
///
/// A hostile body can hold millions of mistakes, so each severity keeps only as many
/// findings as could ever be listed; the rest are counted, and the callers that meet
/// findings in bulk build their words lazily ([`Findings::add`]) so that a finding that
/// will not be listed costs nothing but the count.
pub(crate) struct Findings {
    listing: Listing,
    errors: Vec<Finding>,
    warnings: Vec<Finding>,
    notes: Vec<Finding>,
    /// Findings found but never built, because their severity's list was full.
    unlisted: usize,
    changes_at: Option<Instant>,
}

impl Default for Findings {
    fn default() -> Findings {
        Findings::new(Listing::Capped)
    }
}

impl Findings {
    pub fn new(listing: Listing) -> Findings {
        Findings {
            listing,
            errors: Vec::new(),
            warnings: Vec::new(),
            notes: Vec::new(),
            unlisted: 0,
            changes_at: None,
        }
    }

    /// The verdict will change when the clock reaches `at` (see [`Verdict::changes_at`]).
    pub fn changes_at(&mut self, at: Instant) {
        self.changes_at = Some(at);
    }

    /// How many findings of one severity are worth keeping.
    fn room(&self) -> usize {
        match self.listing {
            Listing::ResponseOnly => 1,
            Listing::Capped => MAX_LISTED_FINDINGS,
        }
    }

    fn list_of(&mut self, severity: Severity) -> &mut Vec<Finding> {
        match severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
            Severity::Note => &mut self.notes,
        }
    }

    /// Whether a finding of this severity would still be listed.
    pub fn has_room(&self, severity: Severity) -> bool {
        let listed = match severity {
            Severity::Error => &self.errors,
            Severity::Warning => &self.warnings,
            Severity::Note => &self.notes,
        };
        listed.len() < self.room()
    }

    /// Adds a finding, building it only when it can still be listed.
    pub fn add(&mut self, severity: Severity, build: impl FnOnce() -> Finding) {
        if self.has_room(severity) {
            self.list_of(severity).push(build());
        } else {
            self.unlisted += 1;
        }
    }

    /// Counts findings that are known to exist but will not be built.
    pub fn count_unlisted(&mut self, count: usize) {
        self.unlisted += count;
    }

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
        self.add(Severity::Error, || Finding {
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
        self.add(Severity::Warning, || {
            plain(Severity::Warning, path, message.into(), hint.into())
        });
    }

    /// A note is said once, however many actions it concerns.
    pub fn note(&mut self, message: impl AsRef<str> + Into<String>, hint: impl Into<String>) {
        if self
            .notes
            .iter()
            .any(|note| note.message == message.as_ref())
        {
            return;
        }
        self.add(Severity::Note, || {
            plain(Severity::Note, None, message.into(), hint.into())
        });
    }

    /// Adds a finding found earlier in the same place of the stages, exactly as if it were
    /// found now: a note is still said once.
    pub fn replay(&mut self, finding: &Finding) {
        if finding.severity == Severity::Note {
            self.note(finding.message.as_str(), finding.hint.as_str());
        } else {
            self.add(finding.severity, || finding.clone());
        }
    }

    /// Everything found, listed and not: the listed findings (errors, then warnings, then
    /// notes) and how many were only counted. For a part of the stages to be replayed.
    pub fn into_found(self) -> (Vec<Finding>, usize) {
        let mut found = self.errors;
        found.extend(self.warnings);
        found.extend(self.notes);
        (found, self.unlisted)
    }

    pub fn into_verdict(self) -> Verdict {
        let listing = self.listing;
        let mut findings = self.errors;
        findings.extend(self.warnings);
        findings.extend(self.notes);
        let mut left_out = self.unlisted;
        if findings.len() > MAX_LISTED_FINDINGS {
            left_out += findings.len() - MAX_LISTED_FINDINGS;
            findings.truncate(MAX_LISTED_FINDINGS);
        }
        if listing == Listing::Capped && left_out > 0 {
            findings.push(left_out_note(left_out));
        }
        Verdict {
            left_out,
            changes_at: self.changes_at,
            ..Verdict::from_findings(findings)
        }
    }
}

/// The last note of a capped list.
fn left_out_note(left_out: usize) -> Finding {
    let (count, noun) = if left_out == 1 {
        ("1".to_owned(), "finding")
    } else {
        (left_out.to_string(), "findings")
    };
    plain(
        Severity::Note,
        None,
        format!("{count} more {noun} left out: at most {MAX_LISTED_FINDINGS} are listed"),
        "fix the findings listed, then check again to see the rest".to_owned(),
    )
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
