//! The raw text as one string beside the byte offset where each line starts. The checker
//! and the draft read the string as it is, without joining lines, and an edit costs one
//! move of the bytes after it: what a keystroke costs stays near what reading the text once
//! costs, even at 16 MiB.

use std::ops::Range;

#[derive(Debug)]
pub struct LinedText {
    text: String,
    /// `starts[row]` is the byte offset of line `row`; line 0 starts at 0.
    starts: Vec<usize>,
}

impl LinedText {
    pub fn new(text: String) -> LinedText {
        let starts = std::iter::once(0).chain(newline_ends(&text, 0)).collect();
        LinedText { text, starts }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line `row` without its line break.
    pub fn line(&self, row: usize) -> &str {
        &self.text[self.line_start(row)..self.line_end(row)]
    }

    pub fn line_start(&self, row: usize) -> usize {
        self.starts[row]
    }

    /// Where line `row`'s text ends: at its line break, or at the end of the text.
    pub fn line_end(&self, row: usize) -> usize {
        self.starts
            .get(row + 1)
            .map_or(self.text.len(), |next| next - 1)
    }

    /// The line that byte `at` is on (a line break belongs to the line it ends).
    pub fn row_of(&self, at: usize) -> usize {
        self.starts.partition_point(|start| *start <= at) - 1
    }

    /// Replaces the bytes of `range` (on char boundaries) with `with`.
    pub fn replace(&mut self, range: Range<usize>, with: &str) {
        let first = self.row_of(range.start);
        // The lines that start inside the range lose the line break before them.
        let last = self.row_of(range.end);
        self.text.replace_range(range.clone(), with);
        let grown = with.len().wrapping_sub(range.len());
        for start in &mut self.starts[last + 1..] {
            *start = start.wrapping_add(grown);
        }
        self.starts
            .splice(first + 1..last + 1, newline_ends(with, range.start));
    }
}

/// The offsets just after each line break of `text`, which itself starts at `offset`.
fn newline_ends(text: &str, offset: usize) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('\n').map(move |(at, _)| offset + at + 1)
}

#[cfg(test)]
mod tests {
    use super::LinedText;
    use proptest::prelude::*;

    fn lines_of(text: &LinedText) -> Vec<&str> {
        (0..text.line_count()).map(|row| text.line(row)).collect()
    }

    #[test]
    fn lines_are_split_at_line_breaks_only() {
        let text = LinedText::new("{\n  \"a\": 1\n}".to_owned());
        assert_eq!(lines_of(&text), ["{", "  \"a\": 1", "}"]);
        assert_eq!(text.row_of(0), 0);
        assert_eq!(
            text.row_of(1),
            0,
            "the line break belongs to the line it ends"
        );
        assert_eq!(text.row_of(2), 1);
        assert_eq!(lines_of(&LinedText::new(String::new())), [""]);
        assert_eq!(lines_of(&LinedText::new("a\n".to_owned())), ["a", ""]);
    }

    #[test]
    fn a_replacement_across_lines_keeps_every_line_start_true() {
        let mut text = LinedText::new("ab\ncd\nef".to_owned());
        text.replace(1..7, "X\nY");
        assert_eq!(text.as_str(), "aX\nYf");
        assert_eq!(lines_of(&text), ["aX", "Yf"]);
    }

    proptest! {
        #[test]
        fn any_replacement_agrees_with_splitting_the_edited_string(
            start_text in "[a\nb\u{e9}]{0,20}",
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), "[c\n\u{1f600}]{0,5}"), 0..8),
        ) {
            let mut text = LinedText::new(start_text.clone());
            let mut model = start_text;
            for (from, to, with) in edits {
                let boundaries: Vec<usize> = model
                    .char_indices()
                    .map(|(at, _)| at)
                    .chain([model.len()])
                    .collect();
                let (a, b) = (from.get(&boundaries), to.get(&boundaries));
                let range = *a.min(b)..*a.max(b);
                model.replace_range(range.clone(), &with);
                text.replace(range, &with);
                prop_assert_eq!(text.as_str(), model.as_str());
                let expected: Vec<&str> = model.split('\n').collect();
                prop_assert_eq!(lines_of(&text), expected);
            }
        }
    }
}
