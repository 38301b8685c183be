//! Where each value of a parsed body lies in its text, so a finding's JSON path becomes a
//! range in the editor.
//!
//! Built from the tokens of a body the strict parser accepted, so the structure is sound;
//! it still never panics on text that is not.

use super::tokens::{Token, TokenKind, tokenize};
use crate::callflow::path::{JsonPath, Segment};
use std::ops::Range;

/// One value and its span, with its members or items.
#[derive(Debug)]
pub struct Node {
    pub span: Range<usize>,
    pub body: Body,
}

#[derive(Debug)]
pub enum Body {
    Object(Vec<Member>),
    Array(Vec<Node>),
    Scalar,
}

#[derive(Debug)]
pub struct Member {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

/// What a path reaches: the node, and whether the whole path was found. A path that ends
/// in a missing key reaches the object that should hold it.
pub struct Reached<'a> {
    pub node: &'a Node,
    pub complete: bool,
}

impl Node {
    /// The spans of a body's text; `None` when it holds no value at all.
    pub fn of_text(text: &str) -> Option<Node> {
        let tokens = tokenize(text);
        let mut builder = Builder {
            text,
            tokens: &tokens,
            at: 0,
        };
        builder.value(0)
    }

    /// The member `key`: the last one when a key is repeated, as the API reads it.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.body {
            Body::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.body {
            Body::Object(members) => members,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.body {
            Body::Array(items) => items,
            _ => &[],
        }
    }

    /// Follows a path from this node (the body) as far as it goes.
    pub fn reach(&self, path: &JsonPath) -> Reached<'_> {
        let mut node = self;
        for segment in path.segments() {
            let next = match &segment {
                Segment::Key(key) => node.member(key).map(|member| &member.value),
                Segment::Index(index) => node.items().get(*index),
            };
            match next {
                Some(next) => node = next,
                None => {
                    return Reached {
                        node,
                        complete: false,
                    };
                }
            }
        }
        Reached {
            node,
            complete: true,
        }
    }

    /// The node at a path, only when the whole path exists.
    pub fn at(&self, path: &JsonPath) -> Option<&Node> {
        let reached = self.reach(path);
        reached.complete.then_some(reached.node)
    }
}

/// Nesting past the parser's own limit is not descended (the parser refused it anyway).
const MAX_DEPTH: usize = crate::callflow::parse::MAX_DEPTH + 1;

struct Builder<'a> {
    text: &'a str,
    tokens: &'a [Token],
    at: usize,
}

impl Builder<'_> {
    fn next(&mut self) -> Option<&Token> {
        let token = self.tokens.get(self.at)?;
        self.at += 1;
        Some(token)
    }

    fn peek_kind(&self) -> Option<TokenKind> {
        self.tokens.get(self.at).map(|token| token.kind)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        let token = self.next()?.clone();
        match token.kind {
            TokenKind::OpenBrace if depth < MAX_DEPTH => Some(self.object(token.span.start, depth)),
            TokenKind::OpenBracket if depth < MAX_DEPTH => {
                Some(self.array(token.span.start, depth))
            }
            _ => Some(Node {
                span: token.span,
                body: Body::Scalar,
            }),
        }
    }

    fn object(&mut self, start: usize, depth: usize) -> Node {
        let mut members = Vec::new();
        let mut end = self.text.len();
        while let Some(token) = self.next().cloned() {
            match token.kind {
                TokenKind::CloseBrace => {
                    end = token.span.end;
                    break;
                }
                TokenKind::Comma => continue,
                TokenKind::String { .. } => {
                    if self.peek_kind() == Some(TokenKind::Colon) {
                        self.at += 1;
                    }
                    let Some(value) = self.value(depth + 1) else {
                        break;
                    };
                    members.push(Member {
                        key: token.string_value(self.text).unwrap_or_default(),
                        key_span: token.span,
                        value,
                    });
                }
                _ => break,
            }
        }
        Node {
            span: start..end,
            body: Body::Object(members),
        }
    }

    fn array(&mut self, start: usize, depth: usize) -> Node {
        let mut items = Vec::new();
        let mut end = self.text.len();
        loop {
            match self.peek_kind() {
                None => break,
                Some(TokenKind::CloseBracket) => {
                    end = self.tokens[self.at].span.end;
                    self.at += 1;
                    break;
                }
                Some(TokenKind::Comma) => self.at += 1,
                Some(_) => match self.value(depth + 1) {
                    Some(item) => items.push(item),
                    None => break,
                },
            }
        }
        Node {
            span: start..end,
            body: Body::Array(items),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_reach_the_exact_span_of_their_value() {
        let text = r#"{"callflow": [{"action": "say", "params": {"text": "hé", "speed": 3}}]}"#;
        let root = Node::of_text(text).unwrap();
        let speed = root.at(&JsonPath::param(0, "speed")).unwrap();
        assert_eq!(&text[speed.span.clone()], "3");
        let params = root.at(&JsonPath::action(0).key("params")).unwrap();
        assert!(text[params.span.clone()].starts_with("{\"text\""));
        assert!(text[params.span.clone()].ends_with("3}"));
    }

    #[test]
    fn a_missing_key_reaches_its_object() {
        let text = r#"{"callflow": [{"action": "say", "params": {}}]}"#;
        let root = Node::of_text(text).unwrap();
        let reached = root.reach(&JsonPath::param(0, "text"));
        assert!(!reached.complete);
        assert_eq!(&text[reached.node.span.clone()], "{}");
    }

    #[test]
    fn a_repeated_key_reaches_the_last_value() {
        let text = r#"{"a": 1, "a": 22}"#;
        let root = Node::of_text(text).unwrap();
        let value = root.at(&JsonPath::root().key("a")).unwrap();
        assert_eq!(&text[value.span.clone()], "22");
    }
}
