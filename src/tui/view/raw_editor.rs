//! The raw JSON editor on the screen: its border with the keys, line numbers, and only the
//! lines in view. Each character is drawn as its [`inert`] symbol, one for one, so the text
//! stays exact while nothing in it reaches the terminal or moves a border.
//!
//! [`inert`]: crate::tui::inert::inert

use crate::tui::inert::{is_printable_ascii, visible};
use crate::tui::raw_editor::{RawEditor, View, char_width, width};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Block;
use std::ops::Range;

/// Draws the editor; returns where its text went (right of the line numbers), for the mouse.
pub fn draw(frame: &mut Frame, area: Rect, editor: &RawEditor, title: &str) -> Rect {
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let gutter = gutter_width(editor.line_count()).min(usize::from(inner.width));
    let text_area = Rect {
        x: inner.x + gutter as u16,
        width: inner.width - gutter as u16,
        ..inner
    };
    let cursor = Cursor::of(editor);
    let view = follow_cursor(editor, &cursor, text_area);
    let selection = editor.selection();
    let buffer = frame.buffer_mut();
    let rows = (view.top..editor.line_count()).take(usize::from(text_area.height));
    for (y, row) in (text_area.y..).zip(rows) {
        let number = format!("{:>width$} ", row + 1, width = gutter.saturating_sub(1));
        let number_style = Style::new().add_modifier(Modifier::DIM);
        buffer.set_stringn(inner.x, y, number, gutter, number_style);
        let line = Line {
            text: editor.line(row),
            start: editor.line_start(row),
            is_cursor_line: row == cursor.row,
        };
        let row_area = Rect {
            y,
            height: 1,
            ..text_area
        };
        draw_line(buffer, row_area, &line, view.left);
        if let Some(selected) = &selection {
            mark_selection(buffer, row_area, &line, view.left, selected);
        }
        if line.is_cursor_line {
            mark_cursor(buffer, row_area, &cursor, view.left);
        }
    }
    text_area
}

/// Room for the largest line number, a space before it and one after.
fn gutter_width(line_count: usize) -> usize {
    line_count.to_string().len() + 2
}

/// Scrolls the view just enough to show the cursor (and the whole of a wide character
/// under it), and remembers it for the next frame and for page moves.
fn follow_cursor(editor: &RawEditor, cursor: &Cursor, area: Rect) -> View {
    let before = editor.view().get();
    let right = cursor.column + cursor.cells - 1;
    let (height, width) = (usize::from(area.height), usize::from(area.width));
    let view = View {
        top: keep_in_sight(before.top, cursor.row, height),
        left: keep_in_sight(
            keep_in_sight(before.left, right, width),
            cursor.column,
            width,
        ),
        rows: height,
    };
    editor.view().set(view);
    view
}

/// The first of `len` positions shown, moved as little as it takes to show `at`.
fn keep_in_sight(first: usize, at: usize, len: usize) -> usize {
    if at < first {
        at
    } else if first + len <= at {
        (at + 1).saturating_sub(len)
    } else {
        first
    }
}

struct Line<'a> {
    text: &'a str,
    /// Where the line starts in the whole text, in bytes.
    start: usize,
    is_cursor_line: bool,
}

/// The line's characters from display column `left` on, as symbols.
fn draw_line(buffer: &mut Buffer, area: Rect, line: &Line, left: usize) {
    let shown = visible_part(line.text, left, usize::from(area.width));
    let style = if line.is_cursor_line {
        Style::new().add_modifier(Modifier::UNDERLINED)
    } else {
        Style::new()
    };
    buffer.set_stringn(
        area.x + shown.indent as u16,
        area.y,
        &shown.symbols,
        usize::from(area.width) - shown.indent,
        style,
    );
}

struct Shown {
    /// Blank columns first, where a wide character is cut by the left edge.
    indent: usize,
    symbols: String,
}

fn visible_part(text: &str, left: usize, width: usize) -> Shown {
    // Printable ASCII, the usual JSON, is one column per byte: no need to walk it, nor to
    // look past what is shown.
    if is_printable_ascii(&text.as_bytes()[..text.len().min(left + width)]) {
        let from = left.min(text.len());
        let to = (left + width).min(text.len());
        return Shown {
            indent: 0,
            symbols: text[from..to].to_owned(),
        };
    }
    let mut shown = Shown {
        indent: 0,
        symbols: String::new(),
    };
    let mut column = 0;
    for c in text.chars() {
        let start = column;
        column += char_width(c);
        if start < left {
            shown.indent = column.saturating_sub(left);
            continue;
        }
        if column > left + width {
            break;
        }
        shown.symbols.push(visible(c));
    }
    shown.indent = shown.indent.min(width);
    shown
}

fn mark_selection(
    buffer: &mut Buffer,
    area: Rect,
    line: &Line,
    left: usize,
    selected: &Range<usize>,
) {
    let end = line.start + line.text.len();
    if selected.end < line.start || selected.start > end {
        return;
    }
    let from = selected.start.max(line.start) - line.start;
    let to = selected.end.min(end) - line.start;
    let first = width(&line.text[..from]);
    // A selection that goes on past the line takes its line break: one more column.
    let last = width(&line.text[..to]) + usize::from(selected.end > end);
    let style = Style::new().bg(Color::LightBlue);
    mark_columns(buffer, area, first..last, left, style);
}

/// Where the cursor is drawn, measured once a frame (on a line of megabytes, measuring
/// is the cost).
struct Cursor {
    row: usize,
    column: usize,
    /// The cells of the character under it (one at the end of a line).
    cells: usize,
}

impl Cursor {
    fn of(editor: &RawEditor) -> Cursor {
        let under = editor.text()[editor.cursor_byte()..]
            .chars()
            .next()
            .filter(|c| *c != '\n');
        Cursor {
            row: editor.cursor_row(),
            column: editor.cursor_column(),
            cells: under.map_or(1, char_width).max(1),
        }
    }
}

fn mark_cursor(buffer: &mut Buffer, area: Rect, cursor: &Cursor, left: usize) {
    // The cursor cell is reversed only: the cursor line's underline would blur it.
    let style = Style::new()
        .add_modifier(Modifier::REVERSED)
        .remove_modifier(Modifier::UNDERLINED);
    let columns = cursor.column..cursor.column + cursor.cells;
    mark_columns(buffer, area, columns, left, style);
}

/// Patches `style` onto the display columns `columns` of the line drawn from `left`.
fn mark_columns(buffer: &mut Buffer, area: Rect, columns: Range<usize>, left: usize, style: Style) {
    let from = columns.start.max(left) - left;
    let to = columns
        .end
        .saturating_sub(left)
        .min(usize::from(area.width));
    if from < to {
        let cells = Rect {
            x: area.x + from as u16,
            width: (to - from) as u16,
            ..area
        };
        buffer.set_style(cells, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_moves_only_as_far_as_the_cursor_needs() {
        assert_eq!(keep_in_sight(0, 5, 10), 0);
        assert_eq!(keep_in_sight(0, 10, 10), 1);
        assert_eq!(keep_in_sight(8, 3, 10), 3);
    }

    #[test]
    fn a_line_is_shown_from_the_left_column_as_symbols() {
        assert_eq!(visible_part("abcdef", 2, 3).symbols, "cde");
        let wide = visible_part("漢字x", 1, 4);
        assert_eq!((wide.indent, wide.symbols.as_str()), (1, "字x"));
        assert_eq!(visible_part("a\u{1b}b", 0, 9).symbols, "a␛b");
        assert_eq!(
            visible_part("abc\u{1b}", 1, 2).symbols,
            "bc",
            "past the view"
        );
        assert_eq!(visible_part("abc\u{1b}", 1, 3).symbols, "bc␛");
    }
}
