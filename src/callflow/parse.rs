//! A strict RFC 8259 parser that says where a body goes wrong and which keys it repeats.
//!
//! Strict means: no comments, no trailing commas, nothing after the value, no lone
//! surrogates, no raw control characters in strings, no number whose double is infinite,
//! and no byte-order mark. Positions are 1-based lines and columns counted in characters,
//! as an editor shows them.

use super::json::{Json, Number, Object};
use super::path::JsonPath;
use super::verdict::MAX_LISTED_FINDINGS;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, RandomState};

/// More arrays and objects nested than this are refused (SPEC §3.1) rather than risking
/// the stack; a real request nests four levels. The body's own object is level 1, and a
/// scalar adds no level.
pub const MAX_DEPTH: usize = 512;

/// A body that parsed, with the paths of the keys it gives twice (the last value counts).
#[derive(Debug)]
pub struct Parsed {
    pub value: Json,
    /// The first repeated keys, as many as could ever be listed.
    pub repeated_keys: Vec<JsonPath>,
    /// Repeated keys beyond those: counted, never written out.
    pub unlisted_repeated_keys: usize,
    /// Beside each listed repeated key, the value given before the one that counts: what
    /// a document rewritten from `value` no longer holds (the builder asks before a save
    /// drops it).
    pub overridden_values: Vec<Json>,
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
    parse_keeping(text, Keep::Everything)
}

/// Parses raw bytes for a check alone: the same errors and repeated keys as
/// [`parse_bytes`], but the containers the validator never looks into are kept hollow
/// (empty, of the same type), so that a hostile body of millions of tiny nested arrays
/// costs little more memory than its text. The value is for the validator only.
pub fn parse_bytes_for_check(bytes: &[u8]) -> Result<Parsed, SyntaxError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_keeping(text, Keep::WhatTheCheckReads),
        Err(_) => parse_bytes(bytes),
    }
}

fn parse_keeping(text: &str, keep: Keep) -> Result<Parsed, SyntaxError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        route: Vec::new(),
        repeated_keys: Vec::new(),
        unlisted_repeated_keys: 0,
        overridden_values: Vec::new(),
        keep,
        items: Vec::new(),
        members: Vec::new(),
    };
    parser.parse_document()
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// Where the parser is, as steps from the body; written out as a path only when a
    /// repeated key needs one, so that millions of values cost no formatting.
    route: Vec<Step>,
    repeated_keys: Vec<JsonPath>,
    unlisted_repeated_keys: usize,
    overridden_values: Vec<Json>,
    keep: Keep,
    /// The items of the arrays being read, innermost last (see [`Gathered`]).
    items: Vec<Json>,
    /// The members of the objects being read, innermost last.
    members: Vec<(String, Json)>,
}

/// How much of the body a parse keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    Everything,
    /// What the validator reads; see [`Parser::keeps_contents`].
    WhatTheCheckReads,
}

/// Whether the validator reads what a container at `route` holds: the body's object, the
/// `callflow` array, each of its items that is an object, and their `params` object.
/// Nothing else is looked into: any other container is only a type (a wrong one, or a
/// value the API ignores).
fn validator_looks_into(route: &[Step], container: Container) -> bool {
    let in_callflow = || route_keys_are(&route[..1], &["callflow"]);
    match (route, container) {
        ([], Container::Object) => true,
        ([Step::Key(_)], Container::Array) => in_callflow(),
        ([Step::Key(_), Step::Index(_)], Container::Object) => in_callflow(),
        ([Step::Key(_), Step::Index(_), Step::Key(_)], Container::Object) => {
            in_callflow() && route_keys_are(&route[2..], &["params"])
        }
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Array,
    Object,
}

fn route_keys_are(steps: &[Step], names: &[&str]) -> bool {
    steps.len() == names.len()
        && steps
            .iter()
            .zip(names)
            .all(|(step, name)| matches!(step, Step::Key(key) if key == name))
}

/// The children of one container being read. They are gathered on the parser's shared
/// stack and copied into a vector of their exact size when the container closes, so that
/// millions of tiny containers cost no unused room and leave no freed scraps behind; a
/// container with many children moves them into its own vector early, so that a huge
/// array is never held twice.
struct Gathered<T> {
    start: usize,
    own: Option<Vec<T>>,
}

/// Children kept on the shared stack before a container takes them into its own vector.
const GATHERED_ON_THE_STACK: usize = 1024;

impl<T> Gathered<T> {
    fn new(stack: &[T]) -> Gathered<T> {
        Gathered {
            start: stack.len(),
            own: None,
        }
    }

    fn push(&mut self, stack: &mut Vec<T>, child: T) {
        match &mut self.own {
            Some(own) => own.push(child),
            None if stack.len() - self.start >= GATHERED_ON_THE_STACK => {
                let mut own = stack.split_off(self.start);
                own.push(child);
                self.own = Some(own);
            }
            None => stack.push(child),
        }
    }

    fn slice_mut<'s>(&'s mut self, stack: &'s mut [T]) -> &'s mut [T] {
        match &mut self.own {
            Some(own) => own,
            None => &mut stack[self.start..],
        }
    }

    fn finish(self, stack: &mut Vec<T>) -> Vec<T> {
        match self.own {
            Some(mut own) => {
                own.shrink_to_fit();
                own
            }
            None => stack.drain(self.start..).collect(),
        }
    }

    fn discard(self, stack: &mut Vec<T>) {
        stack.truncate(self.start);
    }
}

/// One step of the parser's route: the key being read, or the item's index.
enum Step {
    Key(String),
    Index(usize),
}

type Outcome<T> = Result<T, SyntaxError>;

impl Parser<'_> {
    fn parse_document(&mut self) -> Outcome<Parsed> {
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
            unlisted_repeated_keys: self.unlisted_repeated_keys,
            overridden_values: std::mem::take(&mut self.overridden_values),
        })
    }

    /// Parses the value at the cursor; `depth` counts the arrays and objects around it.
    fn parse_value(&mut self, depth: usize) -> Outcome<Json> {
        match self.peek() {
            Some(b'{' | b'[') if depth >= MAX_DEPTH => {
                Err(self.error("nesting deeper than 512 arrays and objects"))
            }
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

    fn parse_object(&mut self, depth: usize) -> Outcome<Json> {
        self.at += 1;
        let keep = self.keeps_contents(Container::Object);
        let mut members = Gathered::new(&self.members);
        let mut index = KeyIndex::default();
        let mut comma_at;
        self.skip_white_space();
        if self.eat(b'}') {
            return Ok(Json::Object(Object::default()));
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
            self.route.push(Step::Key(key));
            let value = self.parse_value(depth + 1)?;
            // A hollow object keeps its keys only, to find the repeated ones.
            let value = if keep { value } else { Json::Null };
            self.store_member(&mut members, &mut index, value);
            self.skip_white_space();
            match self.peek() {
                Some(b',') => comma_at = self.at + 1,
                Some(b'}') => {
                    self.at += 1;
                    if !keep {
                        members.discard(&mut self.members);
                        return Ok(Json::Object(Object::default()));
                    }
                    let members = members.finish(&mut self.members);
                    return Ok(Json::Object(Object::from_unique_members(members)));
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

    /// Stores the member whose key is the last step of the route, and leaves the key.
    fn store_member(
        &mut self,
        members: &mut Gathered<(String, Json)>,
        index: &mut KeyIndex,
        value: Json,
    ) {
        let Some(Step::Key(key)) = self.route.last() else {
            return;
        };
        let so_far = members.slice_mut(&mut self.members);
        match index.find_or_add(so_far, key) {
            Some(position) => {
                let earlier = std::mem::replace(&mut so_far[position].1, value);
                self.note_repeated_key(earlier);
                self.route.pop();
            }
            None => {
                if let Some(Step::Key(key)) = self.route.pop() {
                    members.push(&mut self.members, (key, value));
                }
            }
        }
    }

    /// Keeps the path of a repeated key while it could still be listed; counts the rest.
    fn note_repeated_key(&mut self, earlier: Json) {
        if self.repeated_keys.len() < MAX_LISTED_FINDINGS {
            let path = self.route_path();
            self.repeated_keys.push(path);
            self.overridden_values.push(earlier);
        } else {
            self.unlisted_repeated_keys += 1;
        }
    }

    fn route_path(&self) -> JsonPath {
        let mut path = JsonPath::root();
        for step in &self.route {
            match step {
                Step::Key(key) => path.push_key(key),
                Step::Index(index) => path.push_index(*index),
            }
        }
        path
    }

    fn parse_array(&mut self, depth: usize) -> Outcome<Json> {
        self.at += 1;
        let keep = self.keeps_contents(Container::Array);
        let mut items = Gathered::new(&self.items);
        let mut count = 0;
        let mut comma_at;
        self.skip_white_space();
        if self.eat(b']') {
            return Ok(Json::Array(Vec::new()));
        }
        self.route.push(Step::Index(0));
        loop {
            self.skip_white_space();
            if let Some(Step::Index(at)) = self.route.last_mut() {
                *at = count;
            }
            let item = self.parse_value(depth + 1)?;
            count += 1;
            if keep {
                items.push(&mut self.items, item);
            }
            self.skip_white_space();
            match self.peek() {
                Some(b',') => comma_at = self.at + 1,
                Some(b']') => {
                    self.at += 1;
                    self.route.pop();
                    return Ok(Json::Array(items.finish(&mut self.items)));
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

    /// Whether the container about to be read keeps what it holds. Everything is kept,
    /// unless the parse is for a check alone: then only the containers the validator
    /// looks into are (the body, `callflow`, its object items, their `params`); any other
    /// container is read, checked and its repeated keys found, but kept hollow, as an
    /// empty array or object, whose type is all the validator asks of it.
    fn keeps_contents(&self, container: Container) -> bool {
        self.keep == Keep::Everything || validator_looks_into(&self.route, container)
    }

    fn parse_string(&mut self) -> Outcome<String> {
        self.at += 1;
        // Most strings hold no escape: they are copied in one exact allocation.
        let start = self.at;
        let plain_end = self.bytes[start..]
            .iter()
            .position(|&b| matches!(b, b'"' | b'\\' | 0x00..=0x1f))
            .map(|offset| start + offset);
        if let Some(end) = plain_end.filter(|&end| self.bytes[end] == b'"') {
            self.at = end + 1;
            return Ok(self.text[start..end].to_owned());
        }
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

    fn parse_escape(&mut self) -> Outcome<char> {
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

    fn parse_unicode_escape(&mut self, escape_start: usize) -> Outcome<char> {
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

    fn hex4(&mut self, escape_start: usize) -> Outcome<u32> {
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

    fn parse_number(&mut self) -> Outcome<Json> {
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

    fn parse_literal(&mut self, word: &str, value: Json) -> Outcome<Json> {
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

/// Finds a key among an object's members. Small objects are searched in place; a large
/// one gets an index from each key's hash to its position, so that a hostile body with a
/// million keys stays linear without a second copy of every key.
#[derive(Default)]
struct KeyIndex {
    positions: Option<HashMap<u64, usize>>,
    /// Seeded afresh for each index, so that no body can be built to collide.
    hashing: RandomState,
}

/// Objects with more members than this get an index.
const SEARCHED_IN_PLACE: usize = 32;

impl KeyIndex {
    /// Where `key` already is among `members`, or `None` after recording it as the member
    /// about to be appended.
    fn find_or_add(&mut self, members: &[(String, Json)], key: &str) -> Option<usize> {
        let Some(positions) = &mut self.positions else {
            let found = members.iter().position(|(existing, _)| existing == key);
            if found.is_none() && members.len() >= SEARCHED_IN_PLACE {
                self.index_all(members, key);
            }
            return found;
        };
        match positions.entry(self.hashing.hash_one(key)) {
            Entry::Vacant(slot) => {
                slot.insert(members.len());
                None
            }
            Entry::Occupied(slot) if members[*slot.get()].0 == key => Some(*slot.get()),
            // Two keys with one hash: rare enough to settle by searching.
            Entry::Occupied(_) => members.iter().position(|(existing, _)| existing == key),
        }
    }

    /// Builds the index from the members' keys and the key about to be appended.
    fn index_all(&mut self, members: &[(String, Json)], key: &str) {
        let mut positions = HashMap::with_capacity(members.len() * 2);
        let keys = members.iter().map(|(existing, _)| existing.as_str());
        for (position, existing) in keys.chain([key]).enumerate() {
            positions
                .entry(self.hashing.hash_one(existing))
                .or_insert(position);
        }
        self.positions = Some(positions);
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
    fn depth_counts_arrays_and_objects_only() {
        let nested = |levels: usize, bottom: &str| {
            format!("{}{bottom}{}", "[".repeat(levels), "]".repeat(levels))
        };
        assert!(parse(&nested(512, "")).is_ok());
        assert!(parse(&nested(512, "0")).is_ok(), "a scalar adds no level");
        assert!(parse(&nested(512, "{}")).is_err());
        assert!(parse(&nested(513, "")).is_err());
    }

    #[test]
    fn a_repeated_key_inside_an_indexed_object_is_found_with_its_path() {
        let members: Vec<String> = (0..100).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("[{{}}, {{{}, \"k70\": \"last\"}}]", members.join(", "));
        let parsed = parse(&text).unwrap();
        let paths: Vec<String> = parsed.repeated_keys.iter().map(|p| p.to_string()).collect();
        assert_eq!(paths, ["$[1].k70"]);
        let object = parsed.value.as_array().unwrap()[1].as_object().unwrap();
        assert_eq!(object.len(), 100);
        assert_eq!(object.get("k70").unwrap().as_str(), Some("last"));
        assert_eq!(
            object.keys().nth(70),
            Some("k70"),
            "the first place is kept"
        );
    }

    #[test]
    fn repeated_keys_past_the_listing_cap_are_counted_not_kept() {
        let text = format!("{{\"a\": 0{}}}", ", \"a\": 0".repeat(1500));
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.repeated_keys.len(), MAX_LISTED_FINDINGS);
        assert_eq!(parsed.unlisted_repeated_keys, 500);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(error_of(&text).reason.contains("nesting"));
    }
}
