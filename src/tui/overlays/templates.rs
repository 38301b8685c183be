//! The template picker: start from one of the built-in requests. Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;
use ratatui::widgets::{List, ListItem, ListState};

pub fn on_key(state: &mut State, cursor: usize, key: KeyEvent) -> Option<Overlay> {
    let all = templates::templates();
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') => None,
        KeyCode::Enter => {
            let template = &all[cursor.min(all.len() - 1)];
            if let Ok(parsed) = parse(template.json) {
                let value = parsed.value;
                state.change(|document| *document = value);
                state.select_row(Row::Action(0));
                state.flash(format!(
                    "Started from the {} template ({} undoes)",
                    template.title,
                    crate::tui::keys::key_of(crate::tui::action::Command::Undo)
                ));
            }
            None
        }
        _ => Some(Overlay::Templates {
            cursor: list_cursor(cursor, all.len(), &key),
        }),
    }
}

/// The title column, then the summary: whole on one row when the screen allows it (at
/// 120 columns it does), else wrapped under itself.
const TITLE_WIDTH: usize = 17;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let longest = templates()
        .iter()
        .map(|t| crate::tui::view::wrap::width(t.summary))
        .max()
        .unwrap_or(0);
    let width = u16::try_from(TITLE_WIDTH + longest + 4)
        .unwrap_or(u16::MAX)
        .clamp(76, area.width.saturating_sub(4).max(76));
    let summary_width = usize::from(width.saturating_sub(2)).saturating_sub(TITLE_WIDTH + 1);
    let items: Vec<ListItem> = templates()
        .iter()
        .map(|template| {
            let rows = crate::tui::view::wrap::wrap(template.summary, summary_width, summary_width);
            let lines: Vec<Line> = rows
                .into_iter()
                .enumerate()
                .map(|(index, row)| {
                    let title = if index == 0 { template.title } else { "" };
                    Line::from(vec![
                        Span::styled(
                            format!(" {title:<w$}", w = TITLE_WIDTH - 1),
                            state.screen.theme.title(),
                        ),
                        Span::raw(row),
                    ])
                })
                .collect();
            ListItem::new(lines)
        })
        .collect();
    let height: usize = items.iter().map(ListItem::height).sum();
    let inner = popup(
        frame,
        area,
        width,
        u16::try_from(height + 2).unwrap_or(u16::MAX),
        &format!(" Start from a template — {} ", summary(KeyMode::Templates)),
    );
    let list = List::new(items).highlight_style(state.screen.theme.selected());
    let mut list_state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, inner, &mut list_state);
}
