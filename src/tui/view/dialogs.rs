//! Drawing helpers the windows share: a cleared popup, a list with its cursor.

use super::centered;
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, List, ListState};

/// A bordered popup, cleared, returning its inside.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(title.to_owned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// A list with the cursor's item highlighted, scrolled by ratatui's own `ListState` to keep
/// it in view.
pub fn draw_list(frame: &mut Frame, area: Rect, state: &State, items: Vec<Line>, cursor: usize) {
    let list = List::new(items).highlight_style(state.screen.theme.selected());
    let mut list_state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, area, &mut list_state);
}
