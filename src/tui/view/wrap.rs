//! Word wrapping by display width, for text that must be read whole (a status message, a
//! fix hint, a value): the views know in advance how many rows it takes, so the area that
//! holds it can grow to fit instead of cutting it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Continuation rows of [`led_by`] start here, under the text rather than its lead.
pub const INDENT: &str = "   ";

/// `text` in rows of at most `first` columns for the first row and `rest` for the others,
/// broken at spaces; a word longer than a row is split. Always at least one row.
pub fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut rows = vec![String::new()];
    // Columns used in the last row, and whether a word was put there yet.
    let mut used = 0;
    let mut fresh = true;
    for word in text.split(' ') {
        let limit = |rows: &Vec<String>| if rows.len() == 1 { first } else { rest }.max(1);
        let word_width = width(word);
        let gap = usize::from(!fresh);
        if used + gap + word_width <= limit(&rows) {
            push(&mut rows, &mut used, gap, word);
            fresh = false;
            continue;
        }
        if !fresh {
            rows.push(String::new());
            used = 0;
        }
        for c in word.chars() {
            let c_width = c.width().unwrap_or(0);
            if used + c_width > limit(&rows) && used > 0 {
                rows.push(String::new());
                used = 0;
            }
            rows.last_mut().expect("one row at least").push(c);
            used += c_width;
        }
        fresh = false;
    }
    rows
}

/// `text` in `columns` wide rows: after `lead` on the first row, under it on the others.
pub fn led_by(
    lead: Vec<Span<'static>>,
    text: &str,
    style: Style,
    columns: usize,
) -> Vec<Line<'static>> {
    let lead_width: usize = lead.iter().map(|span| width(&span.content)).sum();
    let rows = wrap(
        text,
        columns.saturating_sub(lead_width),
        columns.saturating_sub(INDENT.len()),
    );
    let mut lines = Vec::with_capacity(rows.len());
    for (index, row) in rows.into_iter().enumerate() {
        let mut spans = if index == 0 {
            lead.clone()
        } else {
            vec![Span::raw(INDENT)]
        };
        spans.push(Span::styled(row, style));
        lines.push(Line::from(spans));
    }
    lines
}

fn push(rows: &mut [String], used: &mut usize, gap: usize, word: &str) {
    let row = rows.last_mut().expect("one row at least");
    if gap == 1 {
        row.push(' ');
    }
    row.push_str(word);
    *used += gap + width(word);
}

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces_and_keeps_every_word() {
        let rows = wrap(
            "Valid overallTimeout is required when digitTimeout provided",
            20,
            30,
        );
        assert_eq!(
            rows,
            [
                "Valid overallTimeout",
                "is required when digitTimeout",
                "provided"
            ]
        );
    }

    #[test]
    fn splits_a_word_longer_than_a_row() {
        assert_eq!(wrap("abcdefgh ij", 3, 3), ["abc", "def", "gh", "ij"]);
    }

    #[test]
    fn counts_wide_characters_by_their_columns() {
        assert_eq!(wrap("漢字漢字", 4, 4), ["漢字", "漢字"]);
    }

    #[test]
    fn leading_spaces_stay() {
        assert_eq!(wrap("    \"a\": 1", 20, 20), ["    \"a\": 1"]);
    }

    #[test]
    fn nothing_is_one_empty_row() {
        assert_eq!(wrap("", 10, 10), [""]);
        assert_eq!(wrap("word", 0, 0), ["w", "o", "r", "d"]);
    }
}
