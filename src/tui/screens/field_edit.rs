//! Field editing: a field of the form has the keys (its table: `keys::editing::LINE` and
//! `MULTI_LINE`); every keystroke reaches the document, and leaving the field makes the
//! whole edit one undo step.

use super::prelude::*;

pub(crate) fn edit_field(state: &mut State, row: Row) {
    let Some(field) = state.field() else {
        if let Row::Action(_) = row {
            state.flash("This item is not an action the forms know: edit it in raw JSON (e)");
        }
        return;
    };
    match (&field, field.editor()) {
        (Field::ActionType, _) => {
            let replace = state.selected_action();
            state.screen.overlay = Some(Overlay::AddPicker { cursor: 0, replace });
        }
        (_, Editor::Toggle) => {
            let current = form::value(&state.session.document, row, &field).cloned();
            set_field(state, row, &field, cycle_boolean(current.as_ref()));
        }
        (Field::Param(_), Editor::VoiceProfile) => {
            let Row::Action(index) = row else { return };
            // An empty filter shows every voice, with the current one highlighted, so
            // typing starts a fresh search rather than appending to the old name.
            let current = form::text(&state.session.document, row, &field);
            let cursor = voice_picker::matching_voices(state, "")
                .iter()
                .position(|v| v.code == current);
            state.screen.overlay = Some(Overlay::VoicePicker(VoicePicker {
                index,
                filter: TextArea::default(),
                cursor: cursor.unwrap_or(0),
            }));
        }
        _ => {
            let text = if field == Field::ValidFor {
                String::new()
            } else {
                form::text(&state.session.document, row, &field)
            };
            let mut textarea = TextArea::new(text.split('\n').map(str::to_owned).collect());
            textarea.move_cursor(tui_textarea::CursorMove::Bottom);
            textarea.move_cursor(tui_textarea::CursorMove::End);
            if let Some(placeholder) = field.placeholder() {
                textarea.set_placeholder_text(placeholder);
            }
            if field.editor() == Editor::MultiLine {
                let title = format!(
                    " {} — {} ",
                    field.label(),
                    keys::summary(keys::KeyMode::EditMultiLine)
                );
                textarea.set_block(ratatui::widgets::Block::bordered().title(title));
                textarea.set_wrap_mode(tui_textarea::WrapMode::WordOrGlyph);
            }
            let before = state.session.document.clone();
            state.screen.mode = Mode::EditField(FieldEdit {
                row,
                field,
                textarea,
                before,
            });
        }
    }
}

/// Writes a field's value into the document (None removes the key).
pub(crate) fn apply_field(
    document: &mut Json,
    row: Row,
    field: &Field,
    value: Option<Json>,
    now: crate::callflow::Instant,
) {
    match (field, row) {
        (Field::ValidUntil, _) => document::set_top_level(document, "validUntil", value),
        (Field::ValidFor, _) => {
            let minutes = value
                .as_ref()
                .and_then(Json::as_f64)
                .filter(|m| m.is_finite() && m.abs() < 1e9);
            if let Some(minutes) = minutes {
                let until = now.plus_seconds((minutes * 60.0).round() as i64);
                document::set_top_level(
                    document,
                    "validUntil",
                    Some(Json::string(until.to_rfc3339())),
                );
            }
        }
        (Field::Param(spec), Row::Action(index)) => {
            document::set_param(document, index, spec.name, value)
        }
        (Field::Extra(name), Row::Action(index)) => {
            document::set_param(document, index, name, value)
        }
        _ => {}
    }
}

pub(crate) fn set_field(state: &mut State, row: Row, field: &Field, value: Option<Json>) {
    let now = state.context.now;
    state.change(|document| apply_field(document, row, field, value, now));
}

/// Typed text becomes JSON by the field's type; an extra key's text is read as JSON.
pub(crate) fn field_value(field: &Field, text: &str) -> Option<Json> {
    match field {
        Field::Extra(_) if !text.is_empty() => Some(
            parse(text)
                .map(|p| p.value)
                .unwrap_or_else(|_| Json::string(text)),
        ),
        _ => value_from_text(text, field.param_type()),
    }
}

pub(crate) fn on_edit_key(state: &mut State, key: KeyEvent) {
    let Mode::EditField(edit) = &mut state.screen.mode else {
        return;
    };
    let multi_line = edit.field.editor() == Editor::MultiLine;
    let finished = match key.code {
        KeyCode::Esc => true,
        KeyCode::Enter if !multi_line || key.modifiers.contains(KeyModifiers::ALT) => true,
        KeyCode::Tab if !multi_line => true,
        _ => {
            edit.textarea.input(key);
            false
        }
    };
    live_edit(state);
    if finished {
        finish_edit(state);
    }
}

/// Every keystroke reaches the document, so the status answers after each one.
pub(crate) fn live_edit(state: &mut State) {
    let Mode::EditField(edit) = &state.screen.mode else {
        return;
    };
    let text = edit.textarea.lines().join("\n");
    let (row, field) = (edit.row, edit.field.clone());
    if field == Field::ValidFor {
        return;
    }
    let value = field_value(&field, &text);
    let now = state.context.now;
    apply_field(&mut state.session.document, row, &field, value, now);
    match row {
        // Only this action changed: re-print just it.
        Row::Action(index) => state.edited_action(index),
        _ => {
            let field_index = state.screen.field_index;
            state.edited(Edited::Document);
            state.screen.field_index = field_index;
        }
    }
}

pub(crate) fn finish_edit(state: &mut State) {
    if !matches!(state.screen.mode, Mode::EditField(_)) {
        return;
    }
    let Mode::EditField(edit) = std::mem::replace(&mut state.screen.mode, Mode::Navigate) else {
        return;
    };
    if edit.field == Field::ValidFor {
        let text = edit.textarea.lines().join("\n");
        let value = value_from_text(&text, edit.field.param_type());
        let now = state.context.now;
        apply_field(
            &mut state.session.document,
            edit.row,
            &edit.field,
            value,
            now,
        );
    }
    state.commit(&edit.before);
}
