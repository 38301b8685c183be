//! The server's state and its answer to each message: JSON-RPC in, JSON-RPC out.
//!
//! Pure apart from the account file: no streams here, so tests and benches drive it
//! directly with message bodies and read the JSON text it would send.

use super::account::WatchedAccount;
use super::code_actions::fixes;
use super::completion::completions;
use super::diagnostics::Checked;
use super::hover::hover_text;
use crate::callflow::{Context, Instant};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionParams, CompletionParams, Diagnostic,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Hover,
    HoverContents, HoverParams, MarkupContent, MarkupKind, PublishDiagnosticsParams, TextEdit, Uri,
    WorkspaceEdit,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::PathBuf;

/// What `callflow lsp` is started with.
pub struct Options {
    pub account: Option<PathBuf>,
    /// The current instant for `validUntil`; the system clock when absent.
    pub now: Option<Instant>,
}

// JSON-RPC and LSP error codes.
const PARSE_ERROR: i32 = -32700;
const INVALID_REQUEST: i32 = -32600;
const METHOD_NOT_FOUND: i32 = -32601;
const INVALID_PARAMS: i32 = -32602;
const SERVER_NOT_INITIALIZED: i32 = -32002;

pub struct Server {
    documents: HashMap<Uri, Document>,
    account: WatchedAccount,
    now: Option<Instant>,
    initialized: bool,
    shutting_down: bool,
    exit_code: Option<u8>,
}

struct Document {
    text: String,
    version: Option<i32>,
}

impl Server {
    pub fn new(options: Options) -> Result<Server, String> {
        Ok(Server {
            documents: HashMap::new(),
            account: WatchedAccount::load(options.account.as_deref())?,
            now: options.now,
            initialized: false,
            shutting_down: false,
            exit_code: None,
        })
    }

    /// Set once `exit` arrives: 0 after a `shutdown`, 1 without one (as LSP says).
    pub fn exit_code(&self) -> Option<u8> {
        self.exit_code
    }

    /// The exit code when the input ends without an `exit`.
    pub fn exit_code_at_end_of_input(&self) -> u8 {
        if self.shutting_down { 0 } else { 1 }
    }

    fn context(&self) -> Context {
        let now = self.now.unwrap_or_else(crate::io::clock::now);
        Context::new(self.account.profile.clone(), now)
    }

    /// A frame whose headers were malformed: answered like a body that does not parse.
    pub fn malformed_frame(&self, reason: &str) -> Vec<String> {
        vec![error_response(Value::Null, PARSE_ERROR, reason)]
    }

    /// Answers one message body; returns the messages to send, in order, as JSON text.
    pub fn handle_bytes(&mut self, body: &[u8]) -> Vec<String> {
        let message: Value = match serde_json::from_slice(body) {
            Ok(message) => message,
            Err(error) => {
                return vec![error_response(
                    Value::Null,
                    PARSE_ERROR,
                    &format!("not JSON: {error}"),
                )];
            }
        };
        let mut out = self.account_changes();
        out.extend(self.handle(message));
        out
    }

    fn handle(&mut self, mut message: Value) -> Vec<String> {
        let id = message.get("id").cloned();
        let method = message
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_owned);
        // Taken, not cloned: a didChange carries the whole document.
        let params = message
            .get_mut("params")
            .map(Value::take)
            .unwrap_or(Value::Null);
        let is_rpc = message.get("jsonrpc").and_then(Value::as_str) == Some("2.0");
        match (id, method) {
            (Some(id), Some(method)) if is_rpc => vec![self.request(id, &method, params)],
            (None, Some(method)) if is_rpc => self.notification(&method, params),
            // A response to a request the server never sent: nothing to answer.
            (_, None) if message.get("result").is_some() || message.get("error").is_some() => {
                Vec::new()
            }
            (id, _) => vec![error_response(
                id.unwrap_or(Value::Null),
                INVALID_REQUEST,
                "not a JSON-RPC 2.0 request or notification",
            )],
        }
    }

    fn request(&mut self, id: Value, method: &str, params: Value) -> String {
        if method == "initialize" {
            self.initialized = true;
            return success(id, initialize_result());
        }
        if !self.initialized {
            return error_response(id, SERVER_NOT_INITIALIZED, "initialize first");
        }
        if self.shutting_down {
            return error_response(id, INVALID_REQUEST, "the server is shutting down");
        }
        let answer = match method {
            "shutdown" => {
                self.shutting_down = true;
                Ok(Value::Null)
            }
            "textDocument/hover" => parse(params).map(|p| self.hover(p)),
            "textDocument/completion" => parse(params).map(|p| self.completion(p)),
            "textDocument/codeAction" => parse(params).map(|p| self.code_actions(p)),
            _ => return error_response(id, METHOD_NOT_FOUND, &format!("unknown method {method}")),
        };
        match answer {
            Ok(result) => success(id, result),
            Err(reason) => error_response(id, INVALID_PARAMS, &reason),
        }
    }

    fn notification(&mut self, method: &str, params: Value) -> Vec<String> {
        match method {
            "exit" => {
                self.exit_code = Some(self.exit_code_at_end_of_input());
                Vec::new()
            }
            "textDocument/didOpen" => match parse::<DidOpenTextDocumentParams>(params) {
                Ok(p) => {
                    let document = Document {
                        text: p.text_document.text,
                        version: Some(p.text_document.version),
                    };
                    self.documents.insert(p.text_document.uri.clone(), document);
                    vec![self.publish(&p.text_document.uri)]
                }
                Err(reason) => vec![log_message(&reason)],
            },
            "textDocument/didChange" => match parse::<DidChangeTextDocumentParams>(params) {
                Ok(p) => self.did_change(p),
                Err(reason) => vec![log_message(&reason)],
            },
            "textDocument/didClose" => match parse::<DidCloseTextDocumentParams>(params) {
                Ok(p) => {
                    self.documents.remove(&p.text_document.uri);
                    vec![publish_notification(&p.text_document.uri, Vec::new(), None)]
                }
                Err(reason) => vec![log_message(&reason)],
            },
            // `initialized`, `$/cancelRequest`, `$/setTrace`, and the rest: nothing to do.
            _ => Vec::new(),
        }
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) -> Vec<String> {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get_mut(&uri) else {
            return vec![log_message("didChange for a document that is not open")];
        };
        for change in params.content_changes {
            match change.range {
                None => document.text = change.text,
                // The server asks for full text; a client that sends ranges anyway is
                // still followed.
                Some(range) => {
                    let lines = super::text::LineIndex::new(&document.text);
                    let start = lines.offset(range.start);
                    let end = lines.offset(range.end).max(start);
                    document.text.replace_range(start..end, &change.text);
                }
            }
        }
        document.version = Some(params.text_document.version);
        vec![self.publish(&uri)]
    }

    fn publish(&self, uri: &Uri) -> String {
        let Some(document) = self.documents.get(uri) else {
            return publish_notification(uri, Vec::new(), None);
        };
        let checked = Checked::new(&document.text, &self.context());
        publish_notification(uri, checked.diagnostics(), document.version)
    }

    /// When the account file changed: new diagnostics for every open document.
    fn account_changes(&mut self) -> Vec<String> {
        match self.account.refresh() {
            Ok(false) => Vec::new(),
            Ok(true) => self.documents.keys().map(|uri| self.publish(uri)).collect(),
            Err(reason) => vec![show_message(&format!(
                "{reason}; the previous account profile stays in use"
            ))],
        }
    }

    fn hover(&self, params: HoverParams) -> Value {
        let at = params.text_document_position_params;
        let Some(document) = self.documents.get(&at.text_document.uri) else {
            return Value::Null;
        };
        let checked = Checked::new(&document.text, &self.context());
        let offset = checked.lines.offset(at.position);
        match hover_text(&checked, offset) {
            Some(text) => to_value(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: text,
                }),
                range: None,
            }),
            None => Value::Null,
        }
    }

    fn completion(&self, params: CompletionParams) -> Value {
        let at = params.text_document_position;
        let Some(document) = self.documents.get(&at.text_document.uri) else {
            return Value::Null;
        };
        let offset = super::text::LineIndex::new(&document.text).offset(at.position);
        to_value(completions(&document.text, offset, &self.context()))
    }

    fn code_actions(&self, params: CodeActionParams) -> Value {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get(&uri) else {
            return json!([]);
        };
        let checked = Checked::new(&document.text, &self.context());
        let span = checked.lines.offset(params.range.start)..checked.lines.offset(params.range.end);
        let diagnostics = checked.diagnostics();
        let actions: Vec<CodeAction> = fixes(&checked, span)
            .into_iter()
            .map(|fix| {
                let edits: Vec<TextEdit> = fix
                    .edits
                    .into_iter()
                    .map(|(span, text)| TextEdit::new(checked.lines.range(span), text))
                    .collect();
                let diagnostic: Option<Diagnostic> = diagnostics.get(fix.finding).cloned();
                CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: diagnostic.map(|d| vec![d]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..WorkspaceEdit::default()
                    }),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                }
            })
            .collect();
        to_value(actions)
    }
}

fn initialize_result() -> Value {
    json!({
        "capabilities": {
            "positionEncoding": "utf-16",
            "textDocumentSync": {"openClose": true, "change": 1},
            "hoverProvider": true,
            "completionProvider": {"triggerCharacters": ["\"", ":"]},
            "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        },
        "serverInfo": {"name": "callflow", "version": env!("CARGO_PKG_VERSION")},
    })
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|error| format!("bad params: {error}"))
}

fn to_value(value: impl serde::Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn success(id: Value, result: Value) -> String {
    json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string()
}

fn error_response(id: Value, code: i32, message: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}}).to_string()
}

/// Serialized straight from the protocol types: a large document's diagnostics are
/// published without building a `Value` tree first.
fn publish_notification(uri: &Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> String {
    #[derive(serde::Serialize)]
    struct Notification {
        jsonrpc: &'static str,
        method: &'static str,
        params: PublishDiagnosticsParams,
    }
    let notification = Notification {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: PublishDiagnosticsParams::new(uri.clone(), diagnostics, version),
    };
    serde_json::to_string(&notification).unwrap_or_default()
}

fn show_message(text: &str) -> String {
    json!({"jsonrpc": "2.0", "method": "window/showMessage", "params": {"type": 1, "message": text}}).to_string()
}

fn log_message(text: &str) -> String {
    json!({"jsonrpc": "2.0", "method": "window/logMessage", "params": {"type": 2, "message": text}})
        .to_string()
}
