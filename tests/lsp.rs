//! `callflow lsp` spoken to as an editor speaks to it: the real binary, JSON-RPC with
//! Content-Length framing over its standard input and output.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);
const NOW: &str = "2026-11-28T00:00:00Z";

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages read while waiting for another one.
    pending: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    fn start(account: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_callflow"))
            .args(["lsp", "--now", NOW, "--account"])
            .arg(account)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut client = Client {
            child,
            stdin,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
        };
        let result = client.request("initialize", json!({"capabilities": {}}));
        assert_eq!(result["result"]["capabilities"]["hoverProvider"], true);
        client.notify("initialized", json!({}));
        client
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its whole response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.pending.iter().position(&wanted) {
            return self.pending.remove(at).unwrap();
        }
        loop {
            let message = self
                .incoming
                .recv_timeout(WAIT)
                .expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
            self.pending.push_back(message);
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(uri)
    }

    fn at(&mut self, method: &str, uri: &str, position: Value) -> Value {
        let params = json!({"textDocument": {"uri": uri}, "position": position});
        self.request(method, params)["result"].clone()
    }

    /// `shutdown`, `exit`, and the exit code.
    fn finish(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        self.child.wait().unwrap().code().unwrap()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message from the server, read independently of the server's own code.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The protocol position (UTF-16 columns) of a byte offset, computed here on its own.
fn position_of(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let character = before[line_start..].encode_utf16().count();
    json!({"line": line, "character": character})
}

fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (at, c) in text[line_start..].char_indices() {
        if units == character {
            return line_start + at;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies a list of LSP text edits (non-overlapping) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            (
                offset_of(text, &edit["range"]["start"]),
                offset_of(text, &edit["range"]["end"]),
                edit["newText"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    spans.sort_by_key(|span| std::cmp::Reverse(span.0));
    let mut result = text.to_owned();
    for (start, end, new_text) in spans {
        result.replace_range(start..end, &new_text);
    }
    result
}

fn errors(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics.iter().filter(|d| d["severity"] == 1).collect()
}

struct Account {
    path: PathBuf,
}

impl Account {
    fn new(test: &str, profile: &str) -> Account {
        let dir = std::env::temp_dir().join(format!("callflow-lsp-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("account.json");
        std::fs::write(&path, profile).unwrap();
        Account { path }
    }
}

impl Drop for Account {
    fn drop(&mut self) {
        if let Some(dir) = self.path.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

const WEBHOOK: &str = r#"{"vcaWebhookUrl": "https://example.com/vca"}"#;

/// A -1006 request with non-ASCII text (two-unit emoji included) before the error.
const TIMEOUTS: &str = r#"{"callflow": [{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
  {"action": "sayAndCapture", "params": {"promptMessage": "Drücke 1 😀 — bitte", "voiceProfile": "en-US-BenjaminRUS", "digitTimeout": 10000, "overallTimeout": 5000}}]}"#;

#[test]
fn diagnostics_carry_the_code_the_exact_range_and_follow_changes() {
    let account = Account::new("timeouts", WEBHOOK);
    let mut client = Client::start(&account.path);
    let uri = "file:///tmp/timeouts.json";
    let diagnostics = client.open(uri, TIMEOUTS);
    let found = errors(&diagnostics);
    assert_eq!(found.len(), 1, "{diagnostics:?}");
    let error = found[0];
    assert_eq!(error["code"], -1006);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("API answer: OverallTimeout should be greater than digitTimeout"),
        "{error}"
    );
    let value_at = TIMEOUTS.find("5000}").unwrap();
    assert_eq!(error["range"]["start"], position_of(TIMEOUTS, value_at));
    assert_eq!(error["range"]["end"], position_of(TIMEOUTS, value_at + 4));

    let fixed = TIMEOUTS.replace("\"overallTimeout\": 5000", "\"overallTimeout\": 20000");
    assert!(errors_of(client.change(uri, 2, &fixed)).is_empty());
    let broken_again = fixed.replace("\"+6590000000\"", "\"+65 9000\"");
    let diagnostics = client.change(uri, 3, &broken_again);
    assert_eq!(errors(&diagnostics)[0]["code"], -1017);
    assert_eq!(client.finish(), 0);
}

fn errors_of(diagnostics: Vec<Value>) -> Vec<Value> {
    diagnostics
        .into_iter()
        .filter(|d| d["severity"] == 1)
        .collect()
}

#[test]
fn a_syntax_error_is_1001_at_its_place_counted_in_utf16() {
    let account = Account::new("syntax", WEBHOOK);
    let mut client = Client::start(&account.path);
    let text = "{\"callflow\": [\n  {\"action\": \"sày 😀\",, \"params\": {}}]}";
    let diagnostics = client.open("file:///tmp/syntax.json", text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], -1001);
    let second_comma = text.find(",,").unwrap() + 1;
    assert_eq!(
        diagnostics[0]["range"]["start"],
        position_of(text, second_comma)
    );
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 1);
    assert_eq!(client.finish(), 0);
}

#[test]
fn hover_shows_the_parameter_row_and_the_rule_behind_a_diagnostic() {
    let account = Account::new("hover", WEBHOOK);
    let mut client = Client::start(&account.path);
    let uri = "file:///tmp/hover.json";
    client.open(uri, TIMEOUTS);
    let key_at = TIMEOUTS.find("\"overallTimeout\"").unwrap() + 3;
    let hover = client.at("textDocument/hover", uri, position_of(TIMEOUTS, key_at));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**overallTimeout** (sayAndCapture)"),
        "{text}"
    );
    assert!(
        text.contains("integer, optional, ≥ 1, default 30000"),
        "{text}"
    );
    assert!(
        text.contains("Milliseconds to wait for all digits"),
        "{text}"
    );

    let value_at = TIMEOUTS.find("5000}").unwrap() + 1;
    let hover = client.at("textDocument/hover", uri, position_of(TIMEOUTS, value_at));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("-1006"), "{text}");
    assert!(text.contains("Why:") && text.contains("Fix:"), "{text}");
    assert_eq!(client.finish(), 0);
}

#[test]
fn completion_offers_a_says_parameters_in_order_and_voices_with_locales() {
    let account = Account::new(
        "completion",
        r#"{"speechProfiles": [{"speechProfileCode": "en-AU-Custom", "localeCode": "en-AU"}]}"#,
    );
    let mut client = Client::start(&account.path);
    let uri = "file:///tmp/completion.json";
    let text = r#"{"callflow": [{"action": "makeCall", "params": {}}, {"action": "say", "params": {"text": "Hi", "" }}]}"#;
    client.open(uri, text);
    let inside_quotes = text.find("\"\" ").unwrap() + 1;
    let result = client.at(
        "textDocument/completion",
        uri,
        position_of(text, inside_quotes),
    );
    let mut items = result.as_array().unwrap().clone();
    items.sort_by_key(|item| item["sortText"].as_str().unwrap().to_owned());
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["voiceProfile", "repetition", "speed", "language"]);
    let voice = &items[0];
    assert_eq!(voice["insertTextFormat"], 2);
    assert_eq!(
        voice["textEdit"]["newText"],
        "\"voiceProfile\": \"${1:en-US-BenjaminRUS}\""
    );

    let with_voice = text.replace("\"\" ", "\"voiceProfile\": \"\" ");
    client.change(uri, 2, &with_voice);
    let value_at = with_voice.find("\"\" ").unwrap() + 1;
    let result = client.at(
        "textDocument/completion",
        uri,
        position_of(&with_voice, value_at),
    );
    let voices = result.as_array().unwrap();
    assert_eq!(
        voices.len(),
        1,
        "the account's list replaces the built-in one"
    );
    assert_eq!(voices[0]["label"], "en-AU-Custom");
    assert!(voices[0]["detail"].as_str().unwrap().contains("en-AU"));
    assert_eq!(client.finish(), 0);
}

#[test]
fn the_timeout_code_action_leaves_no_errors() {
    let account = Account::new("fix", WEBHOOK);
    let mut client = Client::start(&account.path);
    let uri = "file:///tmp/fix.json";
    let diagnostics = client.open(uri, TIMEOUTS);
    let error = errors(&diagnostics)[0].clone();
    let params = json!({
        "textDocument": {"uri": uri},
        "range": error["range"],
        "context": {"diagnostics": [error]},
    });
    let actions = client.request("textDocument/codeAction", params)["result"].clone();
    let action = &actions.as_array().unwrap()[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["diagnostics"][0]["code"], -1006);
    let edits = action["edit"]["changes"][uri].as_array().unwrap();
    let fixed = apply(TIMEOUTS, edits);
    assert!(fixed.contains("\"overallTimeout\": 11000"), "{fixed}");
    assert!(errors_of(client.change(uri, 2, &fixed)).is_empty());
    assert_eq!(client.finish(), 0);
}

#[test]
fn malformed_json_rpc_is_answered_and_the_server_keeps_running() {
    let account = Account::new("malformed", WEBHOOK);
    let mut client = Client::start(&account.path);
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let answer = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(answer["error"]["code"], -32700);
    assert_eq!(answer["id"], Value::Null);

    client.send_raw(b"this is no header\r\n\r\n");
    let answer = client.wait_for(|m| m.get("error").is_some());
    assert_eq!(answer["error"]["code"], -32700);

    client.send(json!({"jsonrpc": "2.0", "id": 77, "params": {}}));
    let answer = client.wait_for(|m| m["id"] == 77);
    assert_eq!(answer["error"]["code"], -32600);

    let answer = client.request("no/such/method", json!({}));
    assert_eq!(answer["error"]["code"], -32601);
    let answer = client.request("textDocument/hover", json!({"textDocument": 3}));
    assert_eq!(answer["error"]["code"], -32602);

    let diagnostics = client.open("file:///tmp/alive.json", TIMEOUTS);
    assert_eq!(errors(&diagnostics)[0]["code"], -1006);
    assert_eq!(client.finish(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let account = Account::new("exit", WEBHOOK);
    let mut client = Client::start(&account.path);
    client.notify("exit", Value::Null);
    drop(client.stdin.take());
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

#[test]
fn the_account_profile_is_read_again_when_its_file_changes() {
    let account = Account::new("reload", r#"{"vcaWebhookUrl": null}"#);
    let mut client = Client::start(&account.path);
    let uri = "file:///tmp/reload.json";
    let fixed = TIMEOUTS.replace("\"overallTimeout\": 5000", "\"overallTimeout\": 20000");
    let diagnostics = client.open(uri, &fixed);
    assert_eq!(errors(&diagnostics)[0]["code"], -1004);

    std::fs::write(&account.path, WEBHOOK).unwrap();
    // Any message makes the server look at the file again.
    client.at(
        "textDocument/hover",
        uri,
        json!({"line": 0, "character": 0}),
    );
    assert!(errors_of(client.diagnostics(uri)).is_empty());

    std::fs::write(&account.path, "{\"allowedSources\": 5}").unwrap();
    client.at(
        "textDocument/hover",
        uri,
        json!({"line": 0, "character": 0}),
    );
    let shown = client.wait_for(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("malformed account profile"),
        "{shown}"
    );
    assert_eq!(client.finish(), 0);
}
