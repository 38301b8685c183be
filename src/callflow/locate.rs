//! Where a JSON path's value starts in the text, as a line and a column, for answers that
//! point into a file (`validate --format human` and `github`). The validator works on the
//! parsed tree, which keeps no positions; this finds them again in one pass over the text.
//! The wanted paths form a tree of segments and the pass follows only its branches,
//! skipping everything else unread, so the cost grows with the text only, however deep
//! or wide a hostile body is.

use super::path::{JsonPath, Segment};
use std::cell::Cell;
use std::collections::HashMap;

/// A 1-based line and column, the column counted in characters as an editor shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Deeper than the parser allows: text this deep was never answered with a path.
const MAX_DEPTH: usize = 600;

/// The position of each path's value, in the order asked. A path with no value in the
/// text (a required key that is missing) gets the position of its nearest ancestor that
/// has one, and the body itself stands for anything else. A key given twice points at its
/// last value, the one that counts.
pub fn locate(text: &str, paths: &[&JsonPath]) -> Vec<Position> {
    let mut root = Node::default();
    let segments: Vec<Vec<Segment>> = paths.iter().map(|path| path.segments()).collect();
    for path in &segments {
        root.insert(path);
    }
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    scanner.skip_white_space();
    scanner.value(Some(&root), 0);
    let offsets: Vec<usize> = segments.iter().map(|path| root.nearest(path)).collect();
    positions_of(text, &offsets)
}

/// One step of the wanted paths: where its value was seen, and the steps below it.
#[derive(Default)]
struct Node {
    offset: Cell<Option<usize>>,
    keys: HashMap<String, Node>,
    indexes: HashMap<usize, Node>,
}

impl Node {
    fn insert(&mut self, path: &[Segment]) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        let child = match first {
            Segment::Key(key) => self.keys.entry(key.clone()).or_default(),
            Segment::Index(index) => self.indexes.entry(*index).or_default(),
        };
        child.insert(rest);
    }

    /// The offset of the deepest node along `path` that was seen; 0 (the body) if none.
    fn nearest(&self, path: &[Segment]) -> usize {
        let mut node = self;
        let mut best = self.offset.get().unwrap_or(0);
        for segment in path {
            let next = match segment {
                Segment::Key(key) => node.keys.get(key),
                Segment::Index(index) => node.indexes.get(index),
            };
            let Some(next) = next else { break };
            node = next;
            if let Some(offset) = node.offset.get() {
                best = offset;
            }
        }
        best
    }
}

/// Turns byte offsets into lines and columns with one walk over the text.
fn positions_of(text: &str, offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut positions = vec![Position { line: 1, column: 1 }; offsets.len()];
    let (mut line, mut column, mut walked) = (1, 1, 0);
    let bytes = text.as_bytes();
    for i in order {
        let target = offsets[i].min(bytes.len());
        for &byte in &bytes[walked..target] {
            if byte == b'\n' {
                line += 1;
                column = 1;
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes of a UTF-8 character do not start a new column.
                column += 1;
            }
        }
        walked = walked.max(target);
        positions[i] = Position { line, column };
    }
    positions
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Scanner<'_> {
    /// Reads one value, noting where it starts when it is wanted (`node`). Text that is
    /// not JSON simply ends the walk: whatever was found so far is kept.
    fn value(&mut self, node: Option<&Node>, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(node) = node {
            node.offset.set(Some(self.at));
        }
        match *self.bytes.get(self.at)? {
            b'{' => self.object(node, depth),
            b'[' => self.array(node, depth),
            b'"' => self.string().map(|_| ()),
            _ => {
                while self.bytes.get(self.at).is_some_and(|b| {
                    !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    fn object(&mut self, node: Option<&Node>, depth: usize) -> Option<()> {
        self.at += 1;
        self.skip_white_space();
        if self.eat(b'}') {
            return Some(());
        }
        // Keys are decoded only inside wanted objects, and only when they have escapes.
        let wants_keys = node.is_some_and(|node| !node.keys.is_empty());
        loop {
            self.skip_white_space();
            let raw = self.string()?;
            let child = match node {
                Some(node) if wants_keys => decoded(raw).and_then(|key| node.keys.get(&key)),
                _ => None,
            };
            self.skip_white_space();
            self.expect(b':')?;
            self.skip_white_space();
            self.value(child, depth + 1)?;
            self.skip_white_space();
            if self.eat(b'}') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    fn array(&mut self, node: Option<&Node>, depth: usize) -> Option<()> {
        self.at += 1;
        self.skip_white_space();
        if self.eat(b']') {
            return Some(());
        }
        let mut index = 0;
        loop {
            self.skip_white_space();
            let child = node.and_then(|node| node.indexes.get(&index));
            self.value(child, depth + 1)?;
            index += 1;
            self.skip_white_space();
            if self.eat(b']') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    /// Skips a string literal and returns its raw text between the quotes.
    fn string(&mut self) -> Option<&str> {
        self.expect(b'"')?;
        let start = self.at;
        loop {
            match *self.bytes.get(self.at)? {
                b'"' => break,
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
        let raw = self.text.get(start..self.at)?;
        self.at += 1;
        Some(raw)
    }

    fn skip_white_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.bytes.get(self.at) == Some(&byte);
        if matched {
            self.at += 1;
        }
        matched
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }
}

/// A key as the parser decodes it: escapes in keys are rare, so serde_json reads only those.
fn decoded(raw: &str) -> Option<String> {
    if raw.contains('\\') {
        serde_json::from_str(&format!("\"{raw}\"")).ok()
    } else {
        Some(raw.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"callflow\": [\n    {\"action\": \"say\",\n     \"params\": {\"text\": \"héllo\", \"speed\": 9}}\n  ]\n}\n";

    fn at(text: &str, path: &JsonPath) -> (usize, usize) {
        let position = locate(text, &[path])[0];
        (position.line, position.column)
    }

    #[test]
    fn finds_values_by_path_counting_characters() {
        assert_eq!(at(TEXT, &JsonPath::root()), (1, 1));
        assert_eq!(at(TEXT, &JsonPath::root().key("callflow")), (2, 15));
        assert_eq!(at(TEXT, &JsonPath::action(0)), (3, 5));
        // "héllo" is 5 characters and 6 bytes: the column after it counts characters.
        assert_eq!(at(TEXT, &JsonPath::param(0, "speed")), (4, 43));
    }

    #[test]
    fn a_missing_key_points_at_its_nearest_ancestor() {
        assert_eq!(at(TEXT, &JsonPath::param(0, "voiceProfile")), (4, 16));
        assert_eq!(at(TEXT, &JsonPath::param(7, "text")), (2, 15));
    }

    #[test]
    fn a_repeated_key_points_at_the_value_that_counts() {
        let text = "{\"a\": 1, \"a\": 2}";
        assert_eq!(at(text, &JsonPath::root().key("a")), (1, 15));
    }

    #[test]
    fn escaped_keys_and_many_paths_in_one_pass() {
        let text = "{\"k\\u0065y\": [10, 20, 30]}";
        let paths = [
            JsonPath::root().key("key").index(2),
            JsonPath::root().key("key").index(0),
        ];
        let positions = locate(text, &[&paths[0], &paths[1]]);
        assert_eq!(
            positions[0],
            Position {
                line: 1,
                column: 23
            }
        );
        assert_eq!(
            positions[1],
            Position {
                line: 1,
                column: 15
            }
        );
    }

    #[test]
    fn a_deep_path_beside_wide_unwanted_values_is_found() {
        let deep = 300;
        let wide: Vec<String> = (0..2000).map(|i| format!("\"k{i}\": [[1]]")).collect();
        let text = format!(
            "{{\"noise\": {{{}}}, \"deep\": {}{{\"a\": 1, \"a\": 2}}{}}}",
            wide.join(", "),
            "[".repeat(deep),
            "]".repeat(deep)
        );
        let mut path = JsonPath::root().key("deep");
        for _ in 0..deep {
            path.push_index(0);
        }
        let path = path.key("a");
        let column = text.find("\"a\": 2").unwrap() + 6;
        assert_eq!(at(&text, &path), (1, column));
    }

    #[test]
    fn text_that_is_not_json_never_panics() {
        for text in ["", "{", "{\"a\"", "[1,", "\"abc\\", "{\"a\":}", "\u{e9}"] {
            let _ = locate(text, &[&JsonPath::root().key("a")]);
        }
    }
}
