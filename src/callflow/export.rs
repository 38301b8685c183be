//! Ways to take the request out of the program.

/// The Send Callflow endpoint, with the subaccount left as a shell variable.
pub const ENDPOINT: &str = "https://voice.wavecell.com/api/v1/subaccounts/$SUBACCOUNT_ID/callflows";

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

    #[test]
    fn curl_keeps_secrets_as_variables_and_the_body_verbatim() {
        let command = curl_command("{\n  \"a\": \"it's $HOME\"\n}\n");
        assert!(command.contains("Bearer $API_KEY"));
        assert!(command.contains("subaccounts/$SUBACCOUNT_ID/callflows"));
        assert!(command.contains("<<'JSON'\n{\n  \"a\": \"it's $HOME\"\n}\nJSON\n"));
    }

    #[test]
    fn the_delimiter_never_collides_with_the_body() {
        assert!(curl_command("JSON\nJSON_1").contains("<<'JSON_2'"));
    }
}
