//! The help screen, drawn from the key table: one column when it fits, two when not.

use super::actions::truncate;
use super::centered;
use crate::tui::keymap::{BINDINGS, Binding};
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

const NOTES: [&str; 2] = [
    "Editing a field: type, then enter or esc (multi-line fields: esc).",
    "Raw JSON: esc returns once the text parses. ^s saves in every mode.",
];

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let rows_needed = BINDINGS.len() as u16 + NOTES.len() as u16 + 3;
    let columns: usize = if rows_needed <= area.height { 1 } else { 2 };
    let per_column = BINDINGS.len().div_ceil(columns);
    let popup = centered(area, 76, per_column as u16 + NOTES.len() as u16 + 3);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(" Keys — esc closes ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [keys_area, notes_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(NOTES.len() as u16 + 1),
    ])
    .areas(inner);
    let column_areas =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(keys_area);
    for (chunk, column_area) in BINDINGS.chunks(per_column).zip(column_areas.iter()) {
        let width = usize::from(column_area.width);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|binding| binding_line(binding, width, state))
            .collect();
        frame.render_widget(Paragraph::new(lines), *column_area);
    }
    let mut notes = vec![Line::raw("")];
    notes.extend(
        NOTES
            .iter()
            .map(|note| Line::styled(format!(" {note}"), state.theme.dim())),
    );
    frame.render_widget(Paragraph::new(notes), notes_area);
}

fn binding_line(binding: &Binding, width: usize, state: &State) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {:<6} ", binding.keys), state.theme.key()),
        Span::raw(truncate(binding.help, width.saturating_sub(9))),
    ])
}
