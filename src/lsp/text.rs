//! Positions: the parser counts bytes, the protocol counts UTF-16 code units per line.
//!
//! LSP's default position encoding is UTF-16, so `é` is one unit and `😀` two; a line ends
//! at `\n`, `\r\n` or a lone `\r`. Every conversion between the two goes through here.

use lsp_types::{Position, Range};

/// Where each line of a text starts, for conversions in both directions.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (at, &byte) in bytes.iter().enumerate() {
            let breaks = byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
            if breaks {
                line_starts.push(at + 1);
            }
        }
        LineIndex { text, line_starts }
    }

    /// The protocol position of a byte offset (clamped to the text, and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, span: std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a protocol position; past the end of a line means its end.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .line_starts
            .get(position.line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            if units >= position.character as usize || c == '\n' || c == '\r' {
                return start + at;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The byte offset of the parser's 1-based line and column, which count lines by `\n`
    /// alone and columns in characters.
    pub fn offset_of_line_column(&self, line: usize, column: usize) -> usize {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(newline) => start += newline + 1,
                None => return self.text.len(),
            }
        }
        self.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(self.text.len(), |(at, _)| start + at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let text = "{\"é😀\": 1}\n  x";
        let index = LineIndex::new(text);
        let one = text.find('1').unwrap();
        // `{"` 2 units, é 1, 😀 2, `": ` 3.
        assert_eq!(index.position(one), Position::new(0, 8));
        assert_eq!(index.offset(Position::new(0, 8)), one);
        assert_eq!(index.position(text.len()), Position::new(1, 3));
    }

    #[test]
    fn lines_end_at_crlf_and_lone_cr() {
        let text = "a\r\nb\rc";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3), Position::new(1, 0));
        assert_eq!(index.position(5), Position::new(2, 0));
        assert_eq!(index.offset(Position::new(0, 9)), 1);
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn parser_line_and_column_become_offsets() {
        let text = "{\n  \"é\": [1,\n  2,]\n}";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_of_line_column(3, 4), text.find(",]").unwrap());
    }
}
