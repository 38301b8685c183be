//! The template picker: start from one of the built-in requests. Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;

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
                    "Started from the {} template (u undoes)",
                    template.title
                ));
            }
            None
        }
        _ => Some(Overlay::Templates {
            cursor: list_cursor(cursor, all.len(), &key),
        }),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let inner = popup(
        frame,
        area,
        76,
        templates().len() as u16 + 2,
        &format!(" Start from a template — {} ", summary(KeyMode::Templates)),
    );
    let items = templates()
        .iter()
        .map(|template| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<16}", template.title),
                    state.screen.theme.title(),
                ),
                Span::raw(template.summary),
            ])
        })
        .collect();
    draw_list(frame, inner, state, items, cursor);
}
