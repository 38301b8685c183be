//! Drawing helpers the windows share: a cleared popup, a list with its cursor.

use super::centered;
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear};

/// A bordered popup, cleared, returning its inside.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(title.to_owned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Lines of a list with the cursor's line highlighted, scrolled to keep it in view.
pub fn list_lines<'a>(
    state: &State,
    items: Vec<Line<'a>>,
    cursor: usize,
    height: u16,
) -> Vec<Line<'a>> {
    let height = usize::from(height).max(1);
    let first = cursor.saturating_sub(height - 1);
    items
        .into_iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(index, line)| {
            if index == cursor {
                line.style(state.theme.selected())
            } else {
                line
            }
        })
        .collect()
}
