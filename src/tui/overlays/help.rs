//! The help screen, drawn from the key tables: one column when it fits, two when not.

use super::prelude::*;
use crate::tui::keys::Binding;

pub fn on_key(key: KeyEvent) -> Option<Overlay> {
    match key.code {
        KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::Enter => None,
        _ => Some(Overlay::Help),
    }
}

/// The editors' keys, in a line each, from their own tables.
fn notes() -> [String; 3] {
    [
        format!("A field: {}", summary(KeyMode::EditLine)),
        format!("A multi-line field: {}", summary(KeyMode::EditMultiLine)),
        format!("Raw JSON: {}", summary(KeyMode::Raw)),
    ]
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let notes = notes();
    // While practising, the practice keys come first.
    let bindings = keys::table(if state.practice.is_some() {
        KeyMode::Practice
    } else {
        KeyMode::Navigate
    });
    let rows_needed = bindings.len() as u16 + notes.len() as u16 + 3;
    let columns: usize = if rows_needed <= area.height { 1 } else { 2 };
    let per_column = bindings.len().div_ceil(columns);
    let popup = centered(area, 76, per_column as u16 + notes.len() as u16 + 3);
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(format!(" Keys — {} ", summary(KeyMode::Help)));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [keys_area, notes_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(notes.len() as u16 + 1),
    ])
    .areas(inner);
    let column_areas =
        Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(keys_area);
    for (chunk, column_area) in bindings.chunks(per_column).zip(column_areas.iter()) {
        let width = usize::from(column_area.width);
        let lines: Vec<Line> = chunk
            .iter()
            .map(|binding| binding_line(binding, width, state))
            .collect();
        frame.render_widget(Paragraph::new(lines), *column_area);
    }
    let mut note_lines = vec![Line::raw("")];
    note_lines.extend(
        notes
            .iter()
            .map(|note| Line::styled(format!(" {note}"), state.screen.theme.dim())),
    );
    frame.render_widget(Paragraph::new(note_lines), notes_area);
}

fn binding_line(binding: &Binding, width: usize, state: &State) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {:<6} ", binding.keys), state.screen.theme.key()),
        Span::raw(truncate(binding.help, width.saturating_sub(9))),
    ])
}
