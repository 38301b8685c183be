//! The action-type picker: add an action, or change the type of one. Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;

pub fn on_key(
    state: &mut State,
    cursor: usize,
    replace: Option<usize>,
    key: KeyEvent,
) -> Option<Overlay> {
    let kinds = ActionKind::ALL;
    match key.code {
        KeyCode::Esc => None,
        KeyCode::Enter => {
            let kind = kinds[cursor.min(kinds.len() - 1)];
            match replace {
                Some(index) => change_action_type(state, index, kind),
                None => add_action(state, kind),
            }
            None
        }
        KeyCode::Char(c) if ('1'..='6').contains(&c) => {
            let picked = c as usize - '1' as usize;
            on_key(state, picked, replace, KeyEvent::from(KeyCode::Enter))
        }
        _ => Some(Overlay::AddPicker {
            cursor: list_cursor(cursor, kinds.len(), &key),
            replace,
        }),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize, replacing: bool) {
    let what = if replacing {
        "Change the action to"
    } else {
        "Add an action"
    };
    let title = format!(" {what} — {} ", summary(KeyMode::AddPicker));
    let inner = popup(frame, area, 72, ActionKind::ALL.len() as u16 + 2, &title);
    let items = ActionKind::ALL
        .iter()
        .enumerate()
        .map(|(index, kind)| {
            Line::from(vec![
                Span::styled(
                    format!(" {} {:<16}", index + 1, kind.name()),
                    state.screen.theme.title(),
                ),
                Span::raw(kind.summary()),
            ])
        })
        .collect();
    draw_list(frame, inner, state, items, cursor);
}
