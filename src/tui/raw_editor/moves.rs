//! Where each cursor move lands, in bytes of the whole text. The text is one string, so a
//! step back from the start of a line lands on the line break before it, the end of the
//! line above, with no special case.

use super::columns::{byte_at_column, width};
use super::text::LinedText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Back,
    Forward,
    Up,
    Down,
    LineStart,
    LineEnd,
    WordBack,
    WordForward,
    PageUp,
    PageDown,
    Top,
    Bottom,
}

impl Move {
    pub fn is_vertical(self) -> bool {
        matches!(self, Move::Up | Move::Down | Move::PageUp | Move::PageDown)
    }
}

/// Where the cursor at `at` goes. A vertical move keeps to `column` (the display column
/// the cursor had when vertical moves began) and moves `page` rows for a page.
pub fn destination(text: &LinedText, at: usize, to: Move, column: usize, page: usize) -> usize {
    let s = text.as_str();
    let row = text.row_of(at);
    match to {
        Move::Back => s[..at]
            .chars()
            .next_back()
            .map_or(at, |c| at - c.len_utf8()),
        Move::Forward => s[at..].chars().next().map_or(at, |c| at + c.len_utf8()),
        Move::Up => to_row(text, row.saturating_sub(1), column),
        Move::Down => to_row(text, row + 1, column),
        Move::PageUp => to_row(text, row.saturating_sub(page.max(1)), column),
        Move::PageDown => to_row(text, row + page.max(1), column),
        Move::LineStart => text.line_start(row),
        Move::LineEnd => text.line_end(row),
        Move::WordBack => word_start_before(s, at),
        Move::WordForward => next_word_start(s, at),
        Move::Top => 0,
        Move::Bottom => s.len(),
    }
}

/// The display column of byte `at` on its line.
pub fn column_of(text: &LinedText, at: usize) -> usize {
    let start = text.line_start(text.row_of(at));
    width(&text.as_str()[start..at])
}

fn to_row(text: &LinedText, row: usize, column: usize) -> usize {
    let row = row.min(text.line_count() - 1);
    text.line_start(row) + byte_at_column(text.line(row), column)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Past the rest of this word and the gap after it: the start of the next word.
pub fn next_word_start(s: &str, at: usize) -> usize {
    let after_word = skip_forward(s, at, is_word);
    skip_forward(s, after_word, |c| !is_word(c))
}

/// Past the gap after the cursor and the word after it: the end of the next word.
pub fn next_word_end(s: &str, at: usize) -> usize {
    let word = skip_forward(s, at, |c| !is_word(c));
    skip_forward(s, word, is_word)
}

/// Back over the gap before the cursor and the word before it: that word's start.
pub fn word_start_before(s: &str, at: usize) -> usize {
    let gap = skip_back(s, at, |c| !is_word(c));
    skip_back(s, gap, is_word)
}

fn skip_forward(s: &str, at: usize, skip: impl Fn(char) -> bool) -> usize {
    s[at..]
        .char_indices()
        .find(|(_, c)| !skip(*c))
        .map_or(s.len(), |(offset, _)| at + offset)
}

fn skip_back(s: &str, at: usize, skip: impl Fn(char) -> bool) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| !skip(*c))
        .map_or(0, |(offset, c)| offset + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(text: &str, at: usize, to: Move) -> usize {
        destination(&LinedText::new(text.to_owned()), at, to, 0, 1)
    }

    #[test]
    fn steps_cross_line_breaks_and_never_split_a_character() {
        assert_eq!(from("ab\ncd", 3, Move::Back), 2);
        assert_eq!(from("é", 0, Move::Forward), 2);
        assert_eq!(from("é", 2, Move::Back), 0);
        assert_eq!(from("ab", 2, Move::Forward), 2);
        assert_eq!(from("ab", 0, Move::Back), 0);
    }

    #[test]
    fn words_are_letters_digits_and_underscores() {
        let s = "  \"voiceProfile\": \"en-US\"";
        assert_eq!(next_word_start(s, 0), 3);
        assert_eq!(next_word_start(s, 3), 19);
        assert_eq!(next_word_end(s, 0), 15);
        assert_eq!(word_start_before(s, 15), 3);
        assert_eq!(word_start_before(s, 3), 0);
    }

    #[test]
    fn up_and_down_keep_the_column_and_stop_at_short_lines() {
        let text = LinedText::new("abcdef\nab\nabcdef".to_owned());
        assert_eq!(
            destination(&text, 5, Move::Down, 5, 1),
            9,
            "end of the short line"
        );
        assert_eq!(
            destination(&text, 9, Move::Down, 5, 1),
            15,
            "back to column 5"
        );
        assert_eq!(destination(&text, 15, Move::PageUp, 5, 9), 5);
        assert_eq!(
            destination(&text, 2, Move::Up, 2, 1),
            2,
            "the first line stays"
        );
    }
}
