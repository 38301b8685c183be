//! What the cursor is on, read from text that may not parse yet: the path of the
//! container around it, whether a key or a value is expected there, and the token being
//! typed. Hover and completion both start here.

use super::tokens::{Token, TokenKind, tokenize};
use crate::callflow::params::ActionKind;
use crate::callflow::path::Segment;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A key of the object at `container` is expected (or is under the cursor).
    Key,
    /// The value of `container`'s last segment (a key's value, or an array item).
    Value,
}

#[derive(Debug)]
pub struct Cursor {
    /// The path to the slot: for `Key`, the object's path; for `Value`, the value's path.
    pub path: Vec<Segment>,
    pub slot: Slot,
    /// The key under the cursor, when the cursor is on one.
    pub key: Option<String>,
    /// The string or word under the cursor, which a completion replaces.
    pub token: Option<Range<usize>>,
    /// The enclosing `callflow` item's action, read from the whole item (before or after
    /// the cursor), when the cursor is inside one.
    pub action: Option<ActionKind>,
    /// The keys the object around the cursor already has (for `Key` slots).
    pub sibling_keys: Vec<String>,
}

enum Frame {
    Object {
        open: usize,
        key: Option<String>,
        after_colon: bool,
    },
    Array {
        index: usize,
    },
}

/// Reads the text up to `offset` and says what is there.
pub fn cursor_at(text: &str, offset: usize) -> Cursor {
    let tokens = tokenize(text);
    // The token the cursor touches: inside it, or right at its end.
    let touched = tokens
        .iter()
        .position(|t| t.span.start < offset && offset <= t.span.end)
        .filter(|&i| matches!(tokens[i].kind, TokenKind::String { .. } | TokenKind::Word));
    let before = touched.unwrap_or_else(|| tokens.partition_point(|t| t.span.end <= offset));
    let mut frames: Vec<Frame> = Vec::new();
    for (index, token) in tokens[..before].iter().enumerate() {
        step(&mut frames, token, index, text);
    }
    let in_key = matches!(
        frames.last(),
        Some(Frame::Object {
            after_colon: false,
            ..
        })
    );
    let key = touched
        .filter(|_| in_key)
        .and_then(|i| tokens[i].string_value(text));
    let slot = if in_key { Slot::Key } else { Slot::Value };
    let path = path_of(&frames);
    let action = item_open(&frames).and_then(|open| action_of_object(&tokens, open, text));
    let sibling_keys = match frames.last() {
        Some(Frame::Object { open, .. }) if in_key => keys_of_object(&tokens, *open, text),
        _ => Vec::new(),
    };
    Cursor {
        path,
        slot,
        key,
        token: touched.map(|i| tokens[i].span.clone()),
        action,
        sibling_keys,
    }
}

fn step(frames: &mut Vec<Frame>, token: &Token, index: usize, text: &str) {
    match token.kind {
        TokenKind::OpenBrace => frames.push(Frame::Object {
            open: index,
            key: None,
            after_colon: false,
        }),
        TokenKind::OpenBracket => frames.push(Frame::Array { index: 0 }),
        TokenKind::CloseBrace | TokenKind::CloseBracket => {
            frames.pop();
        }
        TokenKind::Colon => {
            if let Some(Frame::Object { after_colon, .. }) = frames.last_mut() {
                *after_colon = true;
            }
        }
        TokenKind::Comma => match frames.last_mut() {
            Some(Frame::Object {
                key, after_colon, ..
            }) => {
                *key = None;
                *after_colon = false;
            }
            Some(Frame::Array { index }) => *index += 1,
            None => {}
        },
        TokenKind::String { .. } => {
            if let Some(Frame::Object {
                key,
                after_colon: false,
                ..
            }) = frames.last_mut()
            {
                *key = token.string_value(text);
            }
        }
        TokenKind::Word => {}
    }
}

/// The path of the innermost slot: every container's current key or index. An object
/// still waiting for its key contributes nothing (the slot is its own path).
fn path_of(frames: &[Frame]) -> Vec<Segment> {
    let mut path = Vec::new();
    for frame in frames {
        match frame {
            Frame::Object {
                key: Some(key),
                after_colon: true,
                ..
            } => path.push(Segment::Key(key.clone())),
            Frame::Object { .. } => {}
            Frame::Array { index } => path.push(Segment::Index(*index)),
        }
    }
    path
}

/// The opening token of the `callflow` item around the cursor: the object that is the
/// second frame, under the body's `callflow` array.
fn item_open(frames: &[Frame]) -> Option<usize> {
    match frames {
        [
            Frame::Object {
                key: Some(key),
                after_colon: true,
                ..
            },
            Frame::Array { .. },
            Frame::Object { open, .. },
            ..,
        ] if key == "callflow" => Some(*open),
        _ => None,
    }
}

/// Calls `visit` with each key of the object opening at token `open` and the index of
/// the token after the key, until the object closes.
fn each_key(
    tokens: &[Token],
    open: usize,
    text: &str,
    mut visit: impl FnMut(String, usize) -> bool,
) {
    let mut depth = 0usize;
    for (index, token) in tokens.iter().enumerate().skip(open) {
        match token.kind {
            TokenKind::OpenBrace | TokenKind::OpenBracket => depth += 1,
            TokenKind::CloseBrace | TokenKind::CloseBracket => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
            TokenKind::String { .. }
                if depth == 1
                    && tokens.get(index + 1).map(|t| t.kind) == Some(TokenKind::Colon) =>
            {
                if let Some(key) = token.string_value(text) {
                    if !visit(key, index + 2) {
                        return;
                    }
                }
            }
            _ => {}
        }
    }
}

fn action_of_object(tokens: &[Token], open: usize, text: &str) -> Option<ActionKind> {
    let mut found = None;
    each_key(tokens, open, text, |key, value_at| {
        if key == "action" {
            found = tokens
                .get(value_at)
                .and_then(|t| t.string_value(text))
                .and_then(|name| ActionKind::from_name(&name));
        }
        true
    });
    found
}

fn keys_of_object(tokens: &[Token], open: usize, text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    each_key(tokens, open, text, |key, _| {
        keys.push(key);
        true
    });
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_marker(text: &str) -> Cursor {
        let offset = text.find('|').unwrap();
        let text = text.replacen('|', "", 1);
        cursor_at(&text, offset)
    }

    #[test]
    fn a_key_slot_inside_params_knows_its_action_even_when_written_after() {
        let cursor = at_marker(r#"{"callflow": [{"params": {"te|"}, "action": "say"}]}"#);
        assert_eq!(cursor.slot, Slot::Key);
        assert_eq!(
            cursor.path,
            [
                Segment::Key("callflow".into()),
                Segment::Index(0),
                Segment::Key("params".into())
            ]
        );
        assert_eq!(cursor.action, Some(ActionKind::Say));
        assert_eq!(cursor.key.as_deref(), Some("te"));
    }

    #[test]
    fn a_value_slot_in_unfinished_text() {
        let cursor = at_marker("{\"callflow\": [{\"action\": \"x\"}, {\"action\": |");
        assert_eq!(cursor.slot, Slot::Value);
        assert_eq!(
            cursor.path,
            [
                Segment::Key("callflow".into()),
                Segment::Index(1),
                Segment::Key("action".into())
            ]
        );
    }
}
