//! The JSON value the whole program edits, checks and prints.
//!
//! serde_json's `Value` cannot serve here: it forgets how a number was written (`1` versus
//! `1.0`, which the API's schema tells apart), turns integers past `u64` into doubles, and
//! silently drops the first of two equal keys. This value keeps a number's text, keeps keys
//! in their order, and the parser (see `parse.rs`) reports every repeated key.

use std::fmt;

/// One JSON value, exactly as a request body holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Object),
}

/// A JSON number: its literal text (always valid JSON number syntax) and its double value.
#[derive(Clone, Debug)]
pub struct Number {
    repr: NumberRepr,
}

/// Literals up to this many bytes are kept inside the number itself.
const INLINE_LITERAL: usize = 14;

/// How a number keeps its literal. A body may hold millions of numbers, so the usual short
/// ones (`0`, `30000`, `0.5`) live in place: no allocation per number, and a `Json` node
/// stays 32 bytes.
#[derive(Clone, Debug)]
enum NumberRepr {
    Short {
        value: f64,
        len: u8,
        bytes: [u8; INLINE_LITERAL],
    },
    Long(Box<LongNumber>),
}

#[derive(Clone, Debug)]
struct LongNumber {
    value: f64,
    text: Box<str>,
}

/// An object's members in their written order. Keys are unique: when a body repeats a key,
/// the last value counts (as for the API) and it stays where the key first appeared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    members: Vec<(String, Json)>,
}

impl Json {
    /// The type name the API's schema messages use: `integer` for a number written without
    /// fraction or exponent, `number` for any other.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "boolean",
            Json::Number(n) if n.is_integer() => "integer",
            Json::Number(_) => "number",
            Json::String(_) => "string",
            Json::Array(_) => "array",
            Json::Object(_) => "object",
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Json>> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Json>> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Json::Number(number) => Some(number),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(Number::value)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// Builds an object from `(key, value)` pairs, keeping their order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        let mut object = Object::default();
        for (key, value) in members {
            object.insert(key.into(), value);
        }
        Json::Object(object)
    }

    pub fn string(text: impl Into<String>) -> Json {
        Json::String(text.into())
    }

    pub fn integer(value: i64) -> Json {
        Json::Number(Number::from_i64(value))
    }
}

impl Number {
    /// A number from a literal the caller has checked to be JSON number syntax with a finite
    /// value. Use [`Number::parse`] for text of unknown shape.
    pub(crate) fn from_checked_literal(text: &str, value: f64) -> Number {
        let repr = match u8::try_from(text.len()) {
            Ok(len) if text.len() <= INLINE_LITERAL => {
                let mut bytes = [0; INLINE_LITERAL];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                NumberRepr::Short { value, len, bytes }
            }
            _ => NumberRepr::Long(Box::new(LongNumber {
                value,
                text: text.into(),
            })),
        };
        Number { repr }
    }

    /// The number a literal denotes, if the literal is JSON number syntax with a finite
    /// value (`10000`, `0.5`, `1e3`); `None` for anything else (`10s`, `+1`, `1e999`).
    pub fn parse(text: &str) -> Option<Number> {
        if !is_number_syntax(text.as_bytes()) {
            return None;
        }
        let value: f64 = text.parse().ok()?;
        value
            .is_finite()
            .then(|| Number::from_checked_literal(text, value))
    }

    pub fn from_i64(value: i64) -> Number {
        Number::from_checked_literal(&value.to_string(), value as f64)
    }

    /// The literal as written in the body.
    pub fn text(&self) -> &str {
        match &self.repr {
            // The bytes were copied from a `&str`, cut at its end: always UTF-8.
            NumberRepr::Short { len, bytes, .. } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            NumberRepr::Long(long) => &long.text,
        }
    }

    pub fn value(&self) -> f64 {
        match &self.repr {
            NumberRepr::Short { value, .. } => *value,
            NumberRepr::Long(long) => long.value,
        }
    }

    /// Written without fraction or exponent, however large.
    pub fn is_integer(&self) -> bool {
        !self.text().bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    /// The value as a signed 32-bit integer, when it is an integer that fits one.
    pub fn as_i32(&self) -> Option<i32> {
        if !self.is_integer() {
            return None;
        }
        self.text().parse().ok()
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.text() == other.text()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, the grammar of RFC 8259.
pub(crate) fn is_number_syntax(text: &[u8]) -> bool {
    let digits_from = |mut at: usize| {
        let start = at;
        while at < text.len() && text[at].is_ascii_digit() {
            at += 1;
        }
        (at > start).then_some(at)
    };
    let mut at = usize::from(text.first() == Some(&b'-'));
    at = match text.get(at) {
        Some(b'0') => at + 1,
        Some(b'1'..=b'9') => digits_from(at).unwrap_or(at),
        _ => return false,
    };
    if text.get(at) == Some(&b'.') {
        match digits_from(at + 1) {
            Some(end) => at = end,
            None => return false,
        }
    }
    if matches!(text.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(text.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        match digits_from(at) {
            Some(end) => at = end,
            None => return false,
        }
    }
    at == text.len()
}

impl Object {
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.members
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        self.members
            .iter_mut()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    /// The value of `key` unless it is absent or `null`: the API reads both as "not given".
    pub fn given(&self, key: &str) -> Option<&Json> {
        self.get(key).filter(|value| !value.is_null())
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing the value in place when the key exists, else appending it.
    pub fn insert(&mut self, key: String, value: Json) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.members.push((key, value)),
        }
    }

    /// Sets `key` at `index` (clamped to the end) when it is new; an existing key keeps its
    /// place and takes the value.
    pub fn insert_at(&mut self, index: usize, key: String, value: Json) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self
                .members
                .insert(index.min(self.members.len()), (key, value)),
        }
    }

    /// Where `key` stands among the members.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.members.iter().position(|(name, _)| name == key)
    }

    /// Appends a member the caller knows to be new (the parser checks this itself).
    pub(crate) fn push_unchecked(&mut self, key: String, value: Json) {
        self.members.push((key, value));
    }

    /// An object of members the caller knows to have unique keys (the parser's).
    pub(crate) fn from_unique_members(members: Vec<(String, Json)>) -> Object {
        Object { members }
    }

    pub fn remove(&mut self, key: &str) -> Option<Json> {
        let index = self.members.iter().position(|(name, _)| name == key)?;
        Some(self.members.remove(index).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.members
            .iter()
            .map(|(key, value)| (key.as_str(), value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(key, _)| key.as_str())
    }

    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_numbers_written_without_fraction_or_exponent() {
        for (text, integer) in [
            ("1", true),
            ("-0", true),
            ("18446744073709551623", true),
            ("1.0", false),
            ("1e0", false),
            ("1E3", false),
        ] {
            assert_eq!(Number::parse(text).unwrap().is_integer(), integer, "{text}");
        }
    }

    #[test]
    fn number_parse_refuses_what_json_refuses() {
        for text in [
            "", "-", "01", "1.", ".5", "+1", "1e", "1e+", "10s", "1e999", "0x10",
        ] {
            assert!(Number::parse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn short_and_long_literals_keep_their_text_and_value() {
        for text in ["0", "12345678901234", "123456789012345", "-1.5e-300", "1.0"] {
            let number = Number::parse(text).unwrap();
            assert_eq!(number.text(), text);
            assert_eq!(number.value(), text.parse::<f64>().unwrap());
        }
    }

    #[test]
    fn nodes_stay_small_so_that_huge_arrays_fit_in_memory() {
        assert_eq!(std::mem::size_of::<Number>(), 24);
        assert_eq!(std::mem::size_of::<Json>(), 32);
    }

    #[test]
    fn as_i32_takes_only_integers_in_range() {
        assert_eq!(
            Number::parse("2147483647").unwrap().as_i32(),
            Some(i32::MAX)
        );
        assert_eq!(
            Number::parse("-2147483648").unwrap().as_i32(),
            Some(i32::MIN)
        );
        assert_eq!(Number::parse("2147483648").unwrap().as_i32(), None);
        assert_eq!(Number::parse("5.0").unwrap().as_i32(), None);
    }

    #[test]
    fn insert_replaces_in_place_and_appends_new_keys() {
        let mut object = Object::default();
        object.insert("a".into(), Json::integer(1));
        object.insert("b".into(), Json::integer(2));
        object.insert("a".into(), Json::integer(3));
        let keys: Vec<_> = object.keys().collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(object.get("a"), Some(&Json::integer(3)));
    }
}
