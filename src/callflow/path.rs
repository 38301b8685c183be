//! JSON paths as the API's messages write them: `$` for the body, `.key`, `[i]` (0-based).
//! A key that is not a plain name is written `['key']`, with `'` and `\` escaped by a `\`
//! (SPEC §3.3), so that a path always reads back into the same steps.

use std::fmt;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct JsonPath {
    text: String,
    /// Where each pushed segment starts, so that `pop` is a truncation.
    starts: Vec<usize>,
}

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl JsonPath {
    pub fn root() -> JsonPath {
        JsonPath {
            text: "$".to_owned(),
            starts: Vec::new(),
        }
    }

    /// `$.callflow[index]`, the path of one action.
    pub fn action(index: usize) -> JsonPath {
        JsonPath::root().key("callflow").index(index)
    }

    /// `$.callflow[index].params.name`, the path of one parameter.
    pub fn param(index: usize, name: &str) -> JsonPath {
        JsonPath::action(index).key("params").key(name)
    }

    pub fn key(mut self, key: &str) -> JsonPath {
        self.push_key(key);
        self
    }

    pub fn index(mut self, index: usize) -> JsonPath {
        self.push_index(index);
        self
    }

    pub fn push_key(&mut self, key: &str) {
        self.starts.push(self.text.len());
        if is_plain_name(key) {
            self.text.push('.');
            self.text.push_str(key);
            return;
        }
        self.text.push_str("['");
        for c in key.chars() {
            if matches!(c, '\'' | '\\') {
                self.text.push('\\');
            }
            self.text.push(c);
        }
        self.text.push_str("']");
    }

    pub fn push_index(&mut self, index: usize) {
        use fmt::Write;
        self.starts.push(self.text.len());
        // Writing into a String cannot fail.
        let _ = write!(self.text, "[{index}]");
    }

    pub fn pop(&mut self) {
        if let Some(start) = self.starts.pop() {
            self.text.truncate(start);
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The steps of the path, read back from its text.
    pub fn segments(&self) -> Vec<Segment> {
        let mut bounds = self.starts.clone();
        bounds.push(self.text.len());
        bounds
            .windows(2)
            .map(|pair| {
                let piece = &self.text[pair[0]..pair[1]];
                if let Some(key) = piece.strip_prefix('.') {
                    Segment::Key(key.to_owned())
                } else if let Some(quoted) = piece.strip_prefix("['") {
                    Segment::Key(unescape(quoted.strip_suffix("']").unwrap_or(quoted)))
                } else {
                    Segment::Index(piece[1..piece.len() - 1].parse().unwrap_or(0))
                }
            })
            .collect()
    }

    /// The index of the action the path lies in, if it lies in one.
    pub fn action_index(&self) -> Option<usize> {
        match self.segments().as_slice() {
            [Segment::Key(callflow), Segment::Index(index), ..] if callflow == "callflow" => {
                Some(*index)
            }
            _ => None,
        }
    }

    /// The parameter the path names, if it is `$.callflow[i].params.NAME…`.
    pub fn param_name(&self) -> Option<String> {
        match self.segments().as_slice() {
            [
                Segment::Key(c),
                Segment::Index(_),
                Segment::Key(p),
                Segment::Key(name),
                ..,
            ] if c == "callflow" && p == "params" => Some(name.clone()),
            _ => None,
        }
    }
}

/// ASCII letters, digits and `_`, not starting with a digit: written `.key`.
fn is_plain_name(key: &str) -> bool {
    let starts_well = key
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_');
    starts_well && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Reads back a bracketed key: each `\` stands before the character it escapes.
fn unescape(quoted: &str) -> String {
    let mut key = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => key.extend(chars.next()),
            other => key.push(other),
        }
    }
    key
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_api_messages() {
        assert_eq!(
            JsonPath::param(1, "digitTimeout").to_string(),
            "$.callflow[1].params.digitTimeout"
        );
    }

    #[test]
    fn keys_that_are_not_plain_names_are_bracketed_and_escaped() {
        let written = |key: &str| JsonPath::root().key(key).to_string();
        assert_eq!(written("a.b"), "$['a.b']");
        assert_eq!(written(""), "$['']");
        assert_eq!(written("it's"), r"$['it\'s']");
        assert_eq!(written(r"back\slash"), r"$['back\\slash']");
        assert_eq!(written("1st"), "$['1st']");
        assert_eq!(written("naïve"), "$['naïve']");
        assert_eq!(written("_plain_2"), "$._plain_2");
        assert_eq!(written("callflow"), "$.callflow");
    }

    #[test]
    fn bracketed_keys_read_back_into_the_same_steps() {
        for key in ["a.b", "", "it's", r"back\slash", "']", "x[0]"] {
            let path = JsonPath::root().key(key).index(2).key("plain");
            assert_eq!(
                path.segments(),
                [
                    Segment::Key(key.to_owned()),
                    Segment::Index(2),
                    Segment::Key("plain".to_owned())
                ],
                "{key}"
            );
        }
    }

    #[test]
    fn pop_undoes_push() {
        let mut path = JsonPath::root();
        path.push_key("callflow");
        path.push_index(12);
        path.pop();
        assert_eq!(path.as_str(), "$.callflow");
    }

    #[test]
    fn segments_locate_actions_and_params() {
        let path = JsonPath::param(3, "text");
        assert_eq!(path.action_index(), Some(3));
        assert_eq!(path.param_name().as_deref(), Some("text"));
        assert_eq!(JsonPath::root().key("validUntil").action_index(), None);
    }
}
