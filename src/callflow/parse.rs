//! A strict RFC 8259 parser that says where a body goes wrong and which keys it repeats.
//!
//! Strict means: no comments, no trailing commas, nothing after the value, no lone
//! surrogates, no raw control characters in strings, no number whose double is infinite,
//! and no byte-order mark. Positions are 1-based lines and columns counted in characters,
//! as an editor shows them.

use super::json::{Json, Number, Object};
use super::path::JsonPath;
use std::collections::HashSet;

/// Deeper nesting than this is refused rather than risking the stack; a real request
/// nests four levels.
pub const MAX_DEPTH: usize = 512;

/// A body that parsed, with the paths of the keys it gives twice (the last value counts).
#[derive(Debug)]
pub struct Parsed {
    pub value: Json,
    pub repeated_keys: Vec<JsonPath>,
}

/// Why and where a body is not JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.reason
        )
    }
}

/// Parses raw bytes: bytes that are not UTF-8 are a syntax error like any other.
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, SyntaxError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // The valid prefix is UTF-8 by definition.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            Err(error_at(prefix, prefix.len(), "bytes that are not UTF-8"))
        }
    }
}

/// Parses a text as one JSON value.
pub fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        path: JsonPath::root(),
        repeated_keys: Vec::new(),
    };
    parser.parse_document()
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    path: JsonPath,
    repeated_keys: Vec<JsonPath>,
}

type Step<T> = Result<T, SyntaxError>;

impl Parser<'_> {
    fn parse_document(&mut self) -> Step<Parsed> {
        if self.text.starts_with('\u{feff}') {
            return Err(self.error("a byte-order mark before the JSON"));
        }
        self.skip_white_space();
        if self.at == self.bytes.len() {
            return Err(self.error("the body is empty"));
        }
        let value = self.parse_value(0)?;
        self.skip_white_space();
        if self.at != self.bytes.len() {
            return Err(self.error("more data after the JSON value"));
        }
        Ok(Parsed {
            value,
            repeated_keys: std::mem::take(&mut self.repeated_keys),
        })
    }

    fn parse_value(&mut self, depth: usize) -> Step<Json> {
        if depth >= MAX_DEPTH {
            return Err(self.error("nesting deeper than 512 levels"));
        }
        match self.peek() {
            Some(b'{') => self.parse_object(depth),
            Some(b'[') => self.parse_array(depth),
            Some(b'"') => self.parse_string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.parse_number(),
            Some(b't') => self.parse_literal("true", Json::Bool(true)),
            Some(b'f') => self.parse_literal("false", Json::Bool(false)),
            Some(b'n') => self.parse_literal("null", Json::Null),
            Some(_) => Err(self.unexpected("a value")),
            None => Err(self.error("the body ends where a value should be")),
        }
    }

    fn parse_object(&mut self, depth: usize) -> Step<Json> {
        self.at += 1;
        let mut object = Object::default();
        // Small objects are searched in place; a large one gets an index so that a hostile
        // body with thousands of keys stays linear.
        let mut index: Option<HashSet<String>> = None;
        let mut comma_at;
        self.skip_white_space();
        if self.eat(b'}') {
            return Ok(Json::Object(object));
        }
        loop {
            self.skip_white_space();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a key in double quotes"));
            }
            let key = self.parse_string()?;
            self.skip_white_space();
            if !self.eat(b':') {
                return Err(self.unexpected("':' after the key"));
            }
            self.skip_white_space();
            self.path.push_key(&key);
            let value = self.parse_value(depth + 1)?;
            self.store_member(&mut object, &mut index, key, value);
            self.path.pop();
            self.skip_white_space();
            match self.peek() {
                Some(b',') => comma_at = self.at + 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(object));
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
            self.at = comma_at;
            self.skip_white_space();
            if self.peek() == Some(b'}') {
                return Err(error_at(
                    self.text,
                    comma_at - 1,
                    "a trailing comma before '}'",
                ));
            }
        }
    }

    fn store_member(
        &mut self,
        object: &mut Object,
        index: &mut Option<HashSet<String>>,
        key: String,
        value: Json,
    ) {
        let repeated = match index {
            Some(keys) => !keys.insert(key.clone()),
            None => object.contains_key(&key),
        };
        if repeated {
            self.repeated_keys.push(self.path.clone());
            let position = object.keys().position(|existing| existing == key);
            if let Some(position) = position {
                object.set_value_at(position, value);
            }
            return;
        }
        if index.is_none() && object.len() >= 32 {
            *index = Some(
                object
                    .keys()
                    .map(str::to_owned)
                    .chain([key.clone()])
                    .collect(),
            );
        }
        object.push_unchecked(key, value);
    }

    fn parse_array(&mut self, depth: usize) -> Step<Json> {
        self.at += 1;
        let mut items = Vec::new();
        let mut comma_at;
        self.skip_white_space();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_white_space();
            self.path.push_index(items.len());
            let item = self.parse_value(depth + 1)?;
            self.path.pop();
            items.push(item);
            self.skip_white_space();
            match self.peek() {
                Some(b',') => comma_at = self.at + 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
            self.at = comma_at;
            self.skip_white_space();
            if self.peek() == Some(b']') {
                return Err(error_at(
                    self.text,
                    comma_at - 1,
                    "a trailing comma before ']'",
                ));
            }
        }
    }

    fn parse_string(&mut self) -> Step<String> {
        self.at += 1;
        let mut decoded = String::new();
        let mut run_start = self.at;
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.error("a string that is never closed"));
            };
            match byte {
                b'"' => {
                    decoded.push_str(&self.text[run_start..self.at]);
                    self.at += 1;
                    return Ok(decoded);
                }
                b'\\' => {
                    decoded.push_str(&self.text[run_start..self.at]);
                    decoded.push(self.parse_escape()?);
                    run_start = self.at;
                }
                0x00..=0x1f => {
                    return Err(self.error("a control character inside a string (escape it)"));
                }
                _ => self.at += 1,
            }
        }
    }

    fn parse_escape(&mut self) -> Step<char> {
        let escape_start = self.at;
        self.at += 1;
        let Some(kind) = self.peek() else {
            return Err(self.error("a string that is never closed"));
        };
        self.at += 1;
        let simple = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.parse_unicode_escape(escape_start),
            _ => {
                self.at = escape_start;
                return Err(self.error("an unknown escape sequence"));
            }
        };
        Ok(simple)
    }

    fn parse_unicode_escape(&mut self, escape_start: usize) -> Step<char> {
        let first = self.hex4(escape_start)?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes[self.at..].starts_with(b"\\u") {
                    self.at = escape_start;
                    return Err(self.error("a lone surrogate in a \\u escape"));
                }
                self.at += 2;
                let second = self.hex4(escape_start)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    self.at = escape_start;
                    return Err(self.error("a lone surrogate in a \\u escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                self.at = escape_start;
                return Err(self.error("a lone surrogate in a \\u escape"));
            }
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.error("an invalid \\u escape"))
    }

    fn hex4(&mut self, escape_start: usize) -> Step<u32> {
        let digits = self.bytes.get(self.at..self.at + 4);
        let value = digits
            .filter(|digits| digits.iter().all(u8::is_ascii_hexdigit))
            .and_then(|digits| std::str::from_utf8(digits).ok())
            .and_then(|digits| u32::from_str_radix(digits, 16).ok());
        match value {
            Some(value) => {
                self.at += 4;
                Ok(value)
            }
            None => {
                self.at = escape_start;
                Err(self.error("a \\u escape without four hex digits"))
            }
        }
    }

    fn parse_number(&mut self) -> Step<Json> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
        ) {
            self.at += 1;
        }
        let literal = &self.text[start..self.at];
        if !super::json::is_number_syntax(literal.as_bytes()) {
            self.at = start;
            return Err(self.error("a malformed number"));
        }
        let value: f64 = literal.parse().unwrap_or(f64::INFINITY);
        if !value.is_finite() {
            self.at = start;
            return Err(self.error("a number too large to represent"));
        }
        Ok(Json::Number(Number::from_checked_literal(literal, value)))
    }

    fn parse_literal(&mut self, word: &str, value: Json) -> Step<Json> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("a value"))
        }
    }

    fn skip_white_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn unexpected(&self, expected: &str) -> SyntaxError {
        let found = match self.text[self.at..].chars().next() {
            None => "the end of the body".to_owned(),
            Some(c) if c.is_control() || c.is_whitespace() => format!("U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        };
        self.error(&format!("expected {expected}, found {found}"))
    }

    fn error(&self, reason: &str) -> SyntaxError {
        error_at(self.text, self.at, reason)
    }
}

fn error_at(text: &str, byte_offset: usize, reason: &str) -> SyntaxError {
    let before = &text[..byte_offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    SyntaxError {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> SyntaxError {
        parse(text).unwrap_err()
    }

    #[test]
    fn refuses_what_strict_json_refuses() {
        for text in [
            "",
            "  \n ",
            "{",
            "{\"a\":1,}",
            "[1,]",
            "{} {}",
            "// c\n{}",
            "{'a':1}",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"a\u{1}\"",
            "1e400",
            "-1e400",
            "01",
            "NaN",
            "\u{feff}{}",
            "tru",
        ] {
            assert!(parse(text).is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn accepts_what_strict_json_accepts() {
        for text in [
            "{}",
            " [1, -0, 1.5e-3] ",
            "\"\\ud83d\\ude00\"",
            "1e-400",
            "null",
        ] {
            assert!(parse(text).is_ok(), "{text:?} should parse");
        }
    }

    #[test]
    fn errors_point_at_line_and_character_column() {
        let error = error_of("{\n  \"é\": [1,\n  2,]\n}");
        assert_eq!((error.line, error.column), (3, 4));
        assert_eq!(error.reason, "a trailing comma before ']'");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_syntax_error() {
        let error = parse_bytes(b"{\"a\": \"\xff\"}").unwrap_err();
        assert_eq!((error.line, error.column), (1, 8));
    }

    #[test]
    fn repeated_keys_are_reported_and_the_last_value_counts() {
        let parsed = parse(r#"{"callflow": [{"action": "say", "action": "hangup"}]}"#).unwrap();
        let paths: Vec<String> = parsed.repeated_keys.iter().map(|p| p.to_string()).collect();
        assert_eq!(paths, ["$.callflow[0].action"]);
        let item = &parsed
            .value
            .as_object()
            .unwrap()
            .get("callflow")
            .unwrap()
            .as_array()
            .unwrap()[0];
        assert_eq!(
            item.as_object().unwrap().get("action").unwrap().as_str(),
            Some("hangup")
        );
    }

    #[test]
    fn large_objects_still_find_repeated_keys() {
        let members: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k7\": 0}}", members.join(", "));
        assert_eq!(parse(&text).unwrap().repeated_keys.len(), 1);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(error_of(&text).reason.contains("nesting"));
    }
}
