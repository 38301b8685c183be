//! Columns on the screen. The raw editor draws every character as [`inert`] shows it, so
//! widths are measured on that symbol: what is measured is what is drawn.
//!
//! [`inert`]: crate::tui::inert::inert

use crate::tui::inert::{is_printable_ascii, visible};
use unicode_width::UnicodeWidthChar;

/// The cells `c` takes on the screen (0 for a mark that joins the character before it).
pub fn char_width(c: char) -> usize {
    if (' '..='~').contains(&c) {
        return 1;
    }
    visible(c).width().unwrap_or(0)
}

/// The cells `text` takes, on one line.
pub fn width(text: &str) -> usize {
    if is_printable_ascii(text.as_bytes()) {
        return text.len();
    }
    text.chars().map(char_width).sum()
}

/// The byte offset in `line` of the character that covers `column`, or the end of the line
/// when the line is shorter: where the cursor lands when it moves up or down.
pub fn byte_at_column(line: &str, column: usize) -> usize {
    let mut reached = 0;
    for (at, c) in line.char_indices() {
        let next = reached + char_width(c);
        if next > column {
            return at;
        }
        reached = next;
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_control_characters_are_measured_as_drawn() {
        assert_eq!(width("ab"), 2);
        assert_eq!(width("漢字"), 4);
        assert_eq!(width("\u{1b}x"), 2, "ESC is drawn as ␛");
        assert_eq!(byte_at_column("漢字x", 1), 0);
        assert_eq!(byte_at_column("漢字x", 2), 3);
        assert_eq!(byte_at_column("ab", 9), 2);
    }
}
