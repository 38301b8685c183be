//! Ways to take the request out of the program: the bytes a save writes, and a ready curl
//! command.

use super::json::Json;
use super::print::to_pretty_within;

/// The Send Callflow endpoint, with the subaccount left as a shell variable.
pub const ENDPOINT: &str = "https://voice.8x8.com/api/v1/subaccounts/$SUBACCOUNT_ID/callflows";

/// The largest request file the program opens (and that `validate` reads): a Callflows
/// request is a few kilobytes, so anything near this is a mistake or an attack.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// What a save writes, and how it is laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedForm {
    pub text: String,
    pub layout: Layout,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Two-space indentation, as the preview shows it.
    Pretty,
    /// On one line: the indented form would pass the 16 MiB the program opens, and a file
    /// the program cannot open again is worse than a file that is hard to read.
    Compact,
    /// Even on one line the document passes 16 MiB: it is written (nothing typed is lost)
    /// but callflow will refuse to open the file.
    CompactTooLargeToReopen,
}

impl Layout {
    /// What to tell the person beyond "Saved", if anything.
    pub fn remark(self) -> Option<&'static str> {
        match self {
            Layout::Pretty => None,
            Layout::Compact => {
                Some("saved on one line: indented, it would pass the 16 MiB callflow opens")
            }
            Layout::CompactTooLargeToReopen => Some(
                "saved on one line, and still past 16 MiB: callflow will not open this file again",
            ),
        }
    }
}

/// The text a save writes: the pretty form when it fits the limit the program opens,
/// else the compact form. The caller tells the user when the layout is not `Pretty`.
pub fn saved_form(document: &Json) -> SavedForm {
    if let Some(pretty) = to_pretty_within(document, MAX_REQUEST_BYTES) {
        return SavedForm {
            text: pretty,
            layout: Layout::Pretty,
        };
    }
    let text = to_compact(document);
    let layout = if text.len() <= MAX_REQUEST_BYTES {
        Layout::Compact
    } else {
        Layout::CompactTooLargeToReopen
    };
    SavedForm { text, layout }
}

/// The document on one line, without any optional white space, and a final newline.
pub fn to_compact(document: &Json) -> String {
    let mut out = super::print::to_compact(document);
    out.push('\n');
    out
}

/// A ready `curl` command that sends `json`. The API key and subaccount stay shell
/// variables; the body goes through a quoted here-document, so no character of it is
/// touched by the shell.
pub fn curl_command(json: &str) -> String {
    let body = json.trim_end_matches('\n');
    let delimiter = unused_delimiter(body);
    format!(
        "curl -sS -X POST \"{ENDPOINT}\" \\\n  -H \"Authorization: Bearer $API_KEY\" \\\n  -H \"Content-Type: application/json\" \\\n  --data-binary @- <<'{delimiter}'\n{body}\n{delimiter}\n"
    )
}

/// `JSON`, or `JSON_1`, `JSON_2`… when a line of the body is exactly that word.
fn unused_delimiter(body: &str) -> String {
    let taken = |word: &str| body.lines().any(|line| line == word);
    let mut delimiter = "JSON".to_owned();
    let mut suffix = 0;
    while taken(&delimiter) {
        suffix += 1;
        delimiter = format!("JSON_{suffix}");
    }
    delimiter
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::parse::parse;
    use crate::callflow::print::to_pretty;

    #[test]
    fn curl_keeps_secrets_as_variables_and_the_body_verbatim() {
        let command = curl_command("{\n  \"a\": \"it's $HOME\"\n}\n");
        assert!(command.contains("Bearer $API_KEY"));
        assert!(command.contains("<<'JSON'\n{\n  \"a\": \"it's $HOME\"\n}\nJSON\n"));
    }

    #[test]
    fn curl_posts_to_the_current_8x8_host() {
        let command = curl_command("{}\n");
        assert!(
            command
                .contains("\"https://voice.8x8.com/api/v1/subaccounts/$SUBACCOUNT_ID/callflows\""),
            "{command}"
        );
        assert!(!command.contains("wavecell"));
    }

    #[test]
    fn the_delimiter_never_collides_with_the_body() {
        assert!(curl_command("JSON\nJSON_1").contains("<<'JSON_2'"));
    }

    #[test]
    fn a_small_document_is_saved_pretty() {
        let document = parse("{\"callflow\": [{\"action\": \"hangup\"}]}")
            .unwrap()
            .value;
        let form = saved_form(&document);
        assert_eq!(form.layout, Layout::Pretty);
        assert_eq!(form.text, to_pretty(&document));
    }

    #[test]
    fn the_compact_form_parses_back_to_the_same_document() {
        let text = "{\"a\": [1, 1.0, \"x\\u0007\", {\"b\": null, \"c\": true}], \"d\": {}}";
        let document = parse(text).unwrap().value;
        let compact = to_compact(&document);
        assert_eq!(
            compact,
            "{\"a\":[1,1.0,\"x\\u0007\",{\"b\":null,\"c\":true}],\"d\":{}}\n"
        );
        assert_eq!(parse(&compact).unwrap().value, document);
    }

    #[test]
    fn a_document_whose_pretty_form_passes_16_mib_is_saved_compact() {
        // Deep arrays cost two spaces of indentation per level on every line when pretty,
        // nothing when compact: half a megabyte of text that prints past 16 MiB.
        let item = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        let items = vec![item; 6_000].join(",");
        let text = format!("{{\"callflow\": [], \"x\": [{items}]}}");
        let document = parse(&text).unwrap().value;
        assert!(to_pretty(&document).len() > MAX_REQUEST_BYTES);
        let form = saved_form(&document);
        assert_eq!(form.layout, Layout::Compact);
        assert!(form.text.len() <= MAX_REQUEST_BYTES);
        assert_eq!(parse(&form.text).unwrap().value, document);
    }
}
