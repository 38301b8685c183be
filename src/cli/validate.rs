//! `callflow validate`: answer like the API for one request or several, as JSON lines
//! (the default, SPEC §8, byte for byte), for a person, or as GitHub workflow commands.

use super::escape::escaped;
use super::output::{Written, say, write_out};
use super::{Failure, Outcome};
use crate::callflow::datetime::parse_rfc3339;
use crate::callflow::locate::{Position, locate};
use crate::callflow::parse::parse_bytes_for_check;
use crate::callflow::report::response_line;
use crate::callflow::{Context, Finding, Listing, Severity, Verdict, validate_bytes_listing};
use crate::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How the answers are written.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per request, as the API answers
    #[default]
    Json,
    /// For a person: the file, ✓ or ✗, the code and the message
    Human,
    /// GitHub Actions annotations: ::error and ::warning lines
    Github,
}

/// Plain JSON and human answers without `--all` print only the response, so only the
/// deciding error need be kept (a hostile body then costs no more than its parse);
/// GitHub annotations list every error and warning.
fn listing(request: &Request) -> Listing {
    match (request.all, request.format) {
        (false, Format::Json | Format::Human) => Listing::ResponseOnly,
        _ => Listing::Capped,
    }
}

/// What `validate` was asked to do.
pub struct Request {
    pub files: Vec<PathBuf>,
    pub now: Option<String>,
    pub account: Option<PathBuf>,
    pub all: bool,
    pub format: Format,
}

/// How bad an answer is; the exit status is the worst of all the files'.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Created = 0,
    Refused = 1,
    Unchecked = 2,
}

/// Checks every file in turn. With one file, a file that cannot be read is the whole
/// answer (SPEC §8: exit 2, a line on standard error, nothing on standard output). With
/// several, its reason goes to standard error and the others are still checked; the exit
/// status is then the worst: 2, else 1, else 0.
pub fn run(request: Request) -> Outcome {
    let context = context(&request)?;
    let several = request.files.len() > 1;
    let sources = if request.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        request.files.clone()
    };
    let listing = listing(&request);
    let mut worst = Status::Created;
    for source in &sources {
        let body = match read(source) {
            Ok(body) => body,
            Err(reason) if several => {
                say(&format!("callflow: {reason}"));
                worst = worst.max(Status::Unchecked);
                continue;
            }
            Err(reason) => return Err(Failure(reason)),
        };
        let verdict = validate_bytes_listing(&body, &context, listing);
        worst = worst.max(if verdict.is_created() {
            Status::Created
        } else {
            Status::Refused
        });
        let answer = Answer {
            file: source,
            several,
            body: &body,
            verdict: &verdict,
            all: request.all,
        };
        match write_out(&answer.render(request.format)) {
            Ok(()) => {}
            Err(Written::Closed) => break,
            Err(Written::Failed(reason)) => return Err(Failure(reason)),
        }
    }
    Ok(ExitCode::from(worst as u8))
}

fn context(request: &Request) -> Result<Context, Failure> {
    let now = match &request.now {
        Some(text) => parse_rfc3339(text)
            .ok_or_else(|| Failure(format!("--now: \"{text}\" is not an RFC 3339 instant")))?,
        None => io::clock::now(),
    };
    let account = io::account::load(request.account.as_deref()).map_err(Failure)?;
    Ok(Context::new(account, now))
}

fn read(source: &Path) -> Result<Vec<u8>, String> {
    if source.as_os_str() == "-" {
        io::file::read_stdin_limited()
    } else {
        io::file::read_limited(source)
    }
}

/// One file's answer, ready to be written in any format.
struct Answer<'a> {
    file: &'a Path,
    several: bool,
    body: &'a [u8],
    verdict: &'a Verdict,
    all: bool,
}

impl Answer<'_> {
    fn render(&self, format: Format) -> String {
        match format {
            Format::Json => self.json(),
            Format::Human => self.human(),
            Format::Github => self.github(),
        }
    }

    /// SPEC §8's line; with several files, `"file": "PATH"` comes first.
    fn json(&self) -> String {
        let line = response_line(self.verdict, self.all);
        if !self.several {
            return format!("{line}\n");
        }
        let file = serde_json::to_string(&self.file.to_string_lossy()).unwrap_or_default();
        format!(
            "{{\"file\": {file}, {}\n",
            line.strip_prefix('{').unwrap_or(&line)
        )
    }

    fn human(&self) -> String {
        let response = &self.verdict.response;
        let mark = if self.verdict.is_created() {
            '✓'
        } else {
            '✗'
        };
        let name = escaped(&self.name());
        let mut out = format!(
            "{name}: {mark} {} {} {}\n",
            response.session_status(),
            response.code.number(),
            escaped(&response.message)
        );
        if self.all {
            let (located, left_out) = self.located(|_| true);
            for (finding, position) in located {
                out.push_str(&format!(
                    "  {name}:{}:{}: {}\n",
                    position.line,
                    position.column,
                    escaped(&described(finding))
                ));
            }
            if let Some(note) = left_out {
                out.push_str(&format!("  {name}: {}\n", escaped(&described(&note))));
            }
        }
        out
    }

    /// `::error` for each error, `::warning` for each warning, and with `--all`
    /// `::notice` for each note.
    fn github(&self) -> String {
        let mut out = String::new();
        let all = self.all;
        let (located, left_out) = self.located(|f| all || f.severity != Severity::Note);
        for (finding, position) in located {
            let (command, title) = match (finding.severity, finding.code) {
                (Severity::Error, Some(code)) => ("error", code.number().to_string()),
                (Severity::Error, None) => ("error", "error".to_owned()),
                (Severity::Warning, _) => ("warning", "warning".to_owned()),
                (Severity::Note, _) => ("notice", "note".to_owned()),
            };
            let message = match &finding.path {
                Some(path) => format!("{} (at {path}; hint: {})", finding.message, finding.hint),
                None => format!("{} (hint: {})", finding.message, finding.hint),
            };
            out.push_str(&format!(
                "::{command} file={},line={},col={},title={}::{}\n",
                github_property(&self.name()),
                position.line,
                position.column,
                github_property(&title),
                github_data(&message)
            ));
        }
        if let Some(note) = left_out {
            out.push_str(&format!(
                "::notice file={},title=note::{}\n",
                github_property(&self.name()),
                github_data(&note.message)
            ));
        }
        out
    }

    /// The file as the user named it, `-` for standard input.
    fn name(&self) -> String {
        self.file.to_string_lossy().into_owned()
    }

    /// The findings kept by `keep` (at most 1,000, as SPEC §8 lists them), each with
    /// where it points in the text, and the note that counts those left out.
    fn located(
        &self,
        keep: impl Fn(&Finding) -> bool,
    ) -> (Vec<(&Finding, Position)>, Option<Finding>) {
        let (found, left_out) = self.verdict.listed();
        let kept: Vec<&Finding> = found.iter().filter(|f| keep(f)).collect();
        (self.positions(kept), left_out.cloned())
    }

    fn positions<'a>(&self, kept: Vec<&'a Finding>) -> Vec<(&'a Finding, Position)> {
        // Found once however many findings have no path: each search reads the whole body.
        let syntax = std::cell::OnceCell::new();
        let syntax_position = || *syntax.get_or_init(|| self.syntax_position());
        let Ok(text) = std::str::from_utf8(self.body) else {
            return kept.into_iter().map(|f| (f, syntax_position())).collect();
        };
        let root = crate::callflow::JsonPath::root();
        let paths: Vec<_> = kept
            .iter()
            .map(|f| f.path.as_ref().unwrap_or(&root))
            .collect();
        let positions = locate(text, &paths);
        kept.into_iter()
            .zip(positions)
            .map(|(finding, position)| {
                let position = match finding.path {
                    Some(_) => position,
                    None => syntax_position(),
                };
                (finding, position)
            })
            .collect()
    }

    /// Where the body stops being JSON, for -1001; the first character otherwise. Parsed
    /// as for a check, so that a hostile body costs no more here than in the check.
    fn syntax_position(&self) -> Position {
        match parse_bytes_for_check(self.body) {
            Err(error) => Position {
                line: error.line,
                column: error.column,
            },
            Ok(_) => Position { line: 1, column: 1 },
        }
    }
}

/// `error -1006 at $.callflow[1].params.overallTimeout: MESSAGE (hint: HINT)`.
fn described(finding: &Finding) -> String {
    let mut head = finding.severity.name().to_owned();
    if let Some(code) = finding.code {
        head.push_str(&format!(" {}", code.number()));
    }
    if let Some(path) = &finding.path {
        head.push_str(&format!(" at {path}"));
    }
    format!("{head}: {} (hint: {})", finding.message, finding.hint)
}

/// A workflow command's message: `%`, CR and LF are encoded as GitHub reads them, and
/// other control characters escaped so they never reach a terminal.
fn github_data(text: &str) -> String {
    escaped(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
}

/// A workflow command's property value, where `:` and `,` are separators too.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_values_encode_their_separators() {
        assert_eq!(github_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(github_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(github_property("x\u{1b}]2;T\u{7}"), "x\\x1b]2;T\\x07");
    }
}
