//! Raw JSON mode: the whole request as text (its table: `keys::editing::RAW`); the raw text
//! alone decides the verdict until it parses and the forms take over again.

use super::prelude::*;
use crate::callflow::export::Layout;
use crate::tui::action::Effect;
use crate::tui::hit_map::Hit;
use ratatui::crossterm::event::{MouseButton, MouseEventKind};

pub(crate) fn on_raw_key(state: &mut State, key: KeyEvent) {
    if key.code == KeyCode::Esc {
        return leave_raw(state);
    }
    let Mode::Raw(raw) = &mut state.screen.mode else {
        return;
    };
    // A copy or cut goes to the clipboard too: with the mouse held by the program, the
    // terminal's own selection is not there to do it.
    if let Some(text) = raw.editor.copied_by(&key) {
        state.effects.push(Effect::Copy {
            text: text.to_owned(),
            what: "the selection",
        });
    }
    if raw.editor.input(key) {
        state.edited(Edited::RawText);
    }
}

/// A click puts the cursor on the character under it; the wheel moves it three lines.
pub(crate) fn on_raw_mouse(raw: &mut RawEdit, kind: MouseEventKind, hit: Hit) {
    match (kind, hit) {
        (MouseEventKind::Down(MouseButton::Left), Hit::RawText { row, column }) => {
            raw.editor.click(row, column);
        }
        (MouseEventKind::ScrollDown, _) => raw.editor.scroll(3),
        (MouseEventKind::ScrollUp, _) => raw.editor.scroll(-3),
        _ => {}
    }
}

/// The request as a save would write it: indented, or on one line when indented it would
/// pass the 16 MiB callflow opens (200-deep arrays indent to many times their size), and
/// the user is told so.
pub(crate) fn enter_raw(state: &mut State) {
    state.screen.mode = Mode::Raw(RawEdit::new(&state.derived.printed));
    state.refresh_verdict();
    if state.derived.layout != Layout::Pretty {
        state.flash("Raw JSON on one line: indented, it would pass the 16 MiB callflow opens");
    }
}

/// Back to the forms only when the text is a JSON object; otherwise ask to discard.
pub(crate) fn leave_raw(state: &mut State) {
    let Mode::Raw(raw) = &state.screen.mode else {
        return;
    };
    match parse(raw.editor.text()) {
        Ok(parsed) if parsed.value.as_object().is_some() => {
            state.screen.mode = Mode::Navigate;
            let value = parsed.value;
            state.change(|document| *document = value);
            state.refresh();
        }
        Ok(_) => ask(
            state,
            "The text is not a JSON object. Discard the raw edits?".to_owned(),
            Pending::DiscardRaw,
        ),
        Err(error) => ask(
            state,
            format!("The text is not JSON ({error}). Discard the raw edits?"),
            Pending::DiscardRaw,
        ),
    }
}
