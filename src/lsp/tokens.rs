//! A forgiving tokenizer for JSON text as it is being typed.
//!
//! The strict parser says whether a body is JSON; the editor features need to read text
//! that is not (yet): an unclosed string, a missing comma. This never fails: anything it
//! does not recognise becomes a `Word`.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Colon,
    Comma,
    /// A string, from its opening quote to its closing one (or the end of its line).
    String {
        closed: bool,
    },
    /// A number, a literal, or anything else that is not structure.
    Word,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Range<usize>,
}

impl Token {
    /// The decoded content of a string token (escapes resolved when the string is closed
    /// and well-formed; the raw content otherwise).
    pub fn string_value(&self, text: &str) -> Option<String> {
        let TokenKind::String { closed } = self.kind else {
            return None;
        };
        let raw = &text[self.span.clone()];
        if closed && !raw.contains('\\') {
            return Some(raw[1..raw.len() - 1].to_owned());
        }
        if closed {
            if let Ok(decoded) = serde_json::from_str::<String>(raw) {
                return Some(decoded);
            }
            return Some(raw[1..raw.len() - 1].to_owned());
        }
        Some(raw[1..].to_owned())
    }
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let kind = match bytes[at] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                at += 1;
                continue;
            }
            b'{' => TokenKind::OpenBrace,
            b'}' => TokenKind::CloseBrace,
            b'[' => TokenKind::OpenBracket,
            b']' => TokenKind::CloseBracket,
            b':' => TokenKind::Colon,
            b',' => TokenKind::Comma,
            b'"' => {
                let (end, closed) = string_end(bytes, at);
                tokens.push(Token {
                    kind: TokenKind::String { closed },
                    span: start..end,
                });
                at = end;
                continue;
            }
            _ => {
                at = word_end(text, at);
                tokens.push(Token {
                    kind: TokenKind::Word,
                    span: start..at,
                });
                continue;
            }
        };
        at += 1;
        tokens.push(Token {
            kind,
            span: start..at,
        });
    }
    tokens
}

/// The end of the string opening at `start`, and whether a closing quote ends it.
fn string_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => return (at + 1, true),
            b'\\' => at += 2,
            b'\n' | b'\r' => return (at, false),
            _ => at += 1,
        }
    }
    (bytes.len(), false)
}

fn word_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| {
            matches!(
                c,
                '{' | '}' | '[' | ']' | ':' | ',' | '"' | ' ' | '\t' | '\n' | '\r'
            )
        })
        .map_or(text.len(), |(at, _)| start + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn reads_json_and_what_is_not_yet_json() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"{"a": [1, tru"#),
            [
                OpenBrace,
                String { closed: true },
                Colon,
                OpenBracket,
                Word,
                Comma,
                Word
            ]
        );
        assert_eq!(kinds("\"te"), [String { closed: false }]);
        assert_eq!(kinds("é\u{a0}}"), [Word, CloseBrace]);
    }

    #[test]
    fn string_values_are_decoded() {
        let text = r#""a\"é\u0041""#;
        let token = &tokenize(text)[0];
        assert_eq!(token.string_value(text).as_deref(), Some("a\"éA"));
    }
}
