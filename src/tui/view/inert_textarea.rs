//! Text being edited, drawn inertly. ratatui-textarea hands each line to ratatui, which
//! drops control characters (so `␛]52;…` would show as `]52;…`) and measures emoji
//! sequences as unicode-width does, not as terminals draw them. The text itself must stay
//! exact, so only what is drawn changes: every character [`inert`] would replace is drawn
//! as its symbol, one for one, which keeps the cursor on the same character.

use crate::tui::inert::{inert, needs_inert};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;

/// A field's editor: small, so when it holds such a character a copy with the symbols
/// in place of those characters is drawn instead (its cursor on the same character).
pub fn draw_field_editor(frame: &mut Frame, textarea: &TextArea<'static>, area: Rect) {
    if !textarea.lines().iter().any(|line| needs_inert(line)) {
        return frame.render_widget(textarea, area);
    }
    frame.render_widget(&shown_copy(textarea), area);
}

fn shown_copy(textarea: &TextArea<'static>) -> TextArea<'static> {
    let mut copy = textarea.clone();
    let tui_textarea::DataCursor(row, col) = textarea.cursor();
    copy.select_all();
    copy.cut();
    copy.insert_str(
        textarea
            .lines()
            .iter()
            .map(|l| inert(l))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    copy.move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
    copy
}

fn clamp(at: usize) -> u16 {
    u16::try_from(at).unwrap_or(u16::MAX)
}

/// The raw JSON editor: possibly megabytes, so it is drawn as usual, and then only the
/// visible lines that hold such characters are drawn again, inertly, over themselves.
pub fn draw_raw_editor(frame: &mut Frame, textarea: &TextArea<'static>, area: Rect) {
    frame.render_widget(textarea, area);
    let inner = textarea.block().map_or(area, |block| block.inner(area));
    let gutter = textarea.line_number_width().min(inner.width);
    let text_area = Rect {
        x: inner.x + gutter,
        width: inner.width - gutter,
        ..inner
    };
    let (top_row, left) = textarea.scroll_offset();
    let tui_textarea::DataCursor(cursor_row, cursor_col) = textarea.cursor();
    let visible = textarea
        .lines()
        .iter()
        .enumerate()
        .skip(usize::from(top_row))
        .take(usize::from(text_area.height));
    for (screen_row, (row, line)) in visible.enumerate() {
        if !needs_inert(line) {
            continue;
        }
        let y = text_area.y + clamp(screen_row);
        let cursor = (row == cursor_row).then_some(cursor_col);
        redraw_line(
            frame.buffer_mut(),
            textarea,
            text_area,
            y,
            line,
            left,
            cursor,
        );
    }
}

/// Draws one line's symbols from display column `left`, and the cursor on its character.
fn redraw_line(
    buffer: &mut Buffer,
    textarea: &TextArea<'static>,
    area: Rect,
    y: u16,
    line: &str,
    left: u16,
    cursor: Option<usize>,
) {
    let style = match cursor {
        Some(_) => textarea.style().patch(textarea.cursor_line_style()),
        None => textarea.style(),
    };
    let row = Rect {
        y,
        height: 1,
        ..area
    };
    buffer.set_style(row, style);
    for x in row.left()..row.right() {
        buffer[(x, y)].set_symbol(" ");
    }
    let shown = inert(line);
    let mut column = 0usize;
    for (index, c) in shown.chars().enumerate() {
        let width = c.to_string().width();
        let start = column;
        column += width;
        if start < usize::from(left) {
            continue;
        }
        let x = row.x as usize + start - usize::from(left);
        if x + width > usize::from(row.right()) {
            break;
        }
        let x = clamp(x);
        buffer.set_stringn(x, y, c.to_string(), width, style);
        if cursor == Some(index) {
            buffer.set_style(
                Rect::new(x, y, clamp(width.max(1)), 1),
                textarea.cursor_style(),
            );
        }
    }
    if cursor == Some(shown.chars().count()) && column >= usize::from(left) {
        let x = row.x as usize + column - usize::from(left);
        if x < usize::from(row.right()) {
            buffer.set_style(Rect::new(clamp(x), y, 1, 1), textarea.cursor_style());
        }
    }
}
