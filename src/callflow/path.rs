//! JSON paths as the API's messages write them: `$` for the body, `.key`, `[i]` (0-based).

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
        self.text.push('.');
        self.text.push_str(key);
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
                match piece.strip_prefix('.') {
                    Some(key) => Segment::Key(key.to_owned()),
                    None => Segment::Index(piece[1..piece.len() - 1].parse().unwrap_or(0)),
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
