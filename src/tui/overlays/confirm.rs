//! A yes/no question; some offer a third answer (save first). Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;

pub fn on_key(state: &mut State, confirm: Confirm, key: KeyEvent) -> Option<Overlay> {
    match key.code {
        KeyCode::Char('y' | 'Y') => {
            confirmed(state, confirm.on_yes);
            state.screen.overlay.take()
        }
        KeyCode::Char('s' | 'S') if confirm.on_save.is_some() => {
            confirmed(state, confirm.on_save.unwrap_or(Pending::SaveThenQuit));
            state.screen.overlay.take()
        }
        KeyCode::Char('n' | 'N') | KeyCode::Esc => {
            if matches!(
                confirm.on_yes,
                Pending::Overwrite { .. }
                    | Pending::SaveDroppingRepeated(_)
                    | Pending::OverwriteReadOnly { .. }
            ) {
                // The save was declined, so a quit waiting on it is off: it must not fire
                // at some later save.
                state.quit_after_save = false;
            }
            None
        }
        _ => Some(Overlay::Confirm(confirm)),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, confirm: &Confirm) {
    let answers = summary(keys::confirm_mode(confirm));
    let inner = popup(frame, area, 70, 7, " Confirm ");
    let lines = vec![
        Line::raw(inert(&confirm.question)),
        Line::raw(""),
        Line::styled(answers, state.screen.theme.key()),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}
