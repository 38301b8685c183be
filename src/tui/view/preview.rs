//! The JSON preview (exactly the bytes export writes, the selected action highlighted) and
//! the raw JSON editor.

use super::pane_block;
use crate::callflow::export::Layout;
use crate::tui::inert::inert_multiline;
use crate::tui::keys;
use crate::tui::state::{Pane, RawEdit, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let title = match state.derived.layout {
        Layout::Pretty => " JSON ",
        _ => " JSON on one line: indented, it would pass 16 MiB ",
    };
    let block = pane_block(title, state.screen.pane == Pane::Preview, state);
    let height = usize::from(area.height.saturating_sub(2));
    let width = usize::from(area.width.saturating_sub(2));
    let highlighted = state
        .selected_action()
        .and_then(|index| state.derived.action_lines.get(index))
        .cloned()
        .unwrap_or(0..0);
    let lines: Vec<Line> = state
        .derived
        .printed
        .lines()
        .enumerate()
        .skip(state.screen.preview_scroll)
        .take(height)
        .map(|(number, text)| {
            let line = Line::raw(marked_if_cut(&inert_multiline(text), width));
            if highlighted.contains(&number) {
                line.style(state.screen.theme.highlight())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A line wider than the pane ends in `→` at its edge, so a cut line never passes for a
/// whole one.
fn marked_if_cut(text: &str, width: usize) -> String {
    if super::wrap::width(text) <= width || width == 0 {
        return text.to_owned();
    }
    let mut kept = super::actions::truncate(text, width);
    kept.pop(); // truncate's `…`
    kept.push('→');
    kept
}

/// Returns where the text went, for the mouse.
pub fn draw_raw(frame: &mut Frame, area: Rect, _state: &State, raw: &RawEdit) -> Rect {
    let title = format!(" Raw JSON — {} ", keys::summary(keys::KeyMode::Raw));
    super::raw_editor::draw(frame, area, &raw.editor, &title)
}
