//! Text being edited, drawn inertly. ratatui-textarea hands each line to ratatui, which
//! drops control characters (so `␛]52;…` would show as `]52;…`) and measures emoji
//! sequences as unicode-width does, not as terminals draw them. The text itself must stay
//! exact, so only what is drawn changes: every character [`inert`] would replace is drawn
//! as its symbol, one for one, which keeps the cursor on the same character. (The raw JSON
//! editor is callflow's own and draws its symbols itself: `view::raw_editor`.)

use crate::tui::inert::{inert, needs_inert};
use ratatui::Frame;
use ratatui::layout::Rect;
use tui_textarea::{CursorMove, TextArea};

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
