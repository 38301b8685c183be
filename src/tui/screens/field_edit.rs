//! Field editing: a field of the form has the keys (its table: `keys::editing::LINE` and
//! `MULTI_LINE`); every keystroke reaches the document, so the status answers as you
//! type. Enter keeps the value, as one undo step; Esc puts back the document as it was
//! before the field was opened, so a cancelled edit leaves nothing to undo or save.

use super::prelude::*;
use crate::callflow::params::ActionKind;

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
            // The picker opens on the kind the action has, so Enter keeps it.
            let cursor = replace
                .and_then(|index| document::actions(&state.session.document).get(index))
                .and_then(document::action_kind)
                .and_then(|kind| ActionKind::ALL.iter().position(|k| *k == kind))
                .unwrap_or(0);
            state.screen.overlay = Some(Overlay::AddPicker { cursor, replace });
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
            let slot = match (&field, row) {
                (Field::Param(spec), Row::Action(index)) => {
                    document::param_slot(&before, index, spec.name)
                }
                (Field::Extra(name), Row::Action(index)) => {
                    document::param_slot(&before, index, name)
                }
                _ => None,
            };
            state.screen.mode = Mode::EditField(Box::new(FieldEdit {
                row,
                field,
                textarea,
                before,
                was_dirty: state.session.dirty,
                slot,
            }));
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
    apply_field_at(document, row, field, value, now, None);
}

/// As `apply_field`, with the place a parameter key returns to when it comes back.
fn apply_field_at(
    document: &mut Json,
    row: Row,
    field: &Field,
    value: Option<Json>,
    now: crate::callflow::Instant,
    slot: Option<usize>,
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
            document::set_param_at(document, index, spec.name, value, slot)
        }
        (Field::Extra(name), Row::Action(index)) => {
            document::set_param_at(document, index, name, value, slot)
        }
        _ => {}
    }
}

pub(crate) fn set_field(state: &mut State, row: Row, field: &Field, value: Option<Json>) {
    let now = state.context.now;
    state.change(|document| apply_field(document, row, field, value, now));
}

/// Typed text becomes JSON by the field's type; an extra key's text is read as JSON. An
/// emptied optional field removes its key; an emptied required one stays, as `""`, so the
/// status shows the API refusing it rather than a key silently gone.
pub(crate) fn field_value(field: &Field, text: &str) -> Option<Json> {
    match field {
        Field::Param(spec) if spec.required && text.is_empty() => Some(Json::string("")),
        Field::Extra(_) if !text.is_empty() => Some(
            parse(text)
                .map(|p| p.value)
                .unwrap_or_else(|_| Json::string(text)),
        ),
        _ => value_from_text(text, field.param_type()),
    }
}

/// What a key does in a field editor, beyond typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditKey {
    /// Enter (Tab in a one-line field): keep the value.
    Commit,
    /// Esc: put the value back as it was.
    Cancel,
    /// Alt+Enter or Ctrl+J in a multi-line field.
    LineBreak,
    /// Ctrl+U: delete to the start of the line, as readline does (ratatui-textarea's own
    /// Ctrl+U is undo).
    KillToStart,
    /// Handed to the text area: characters, movement, Ctrl+K, Ctrl+W, Home, End...
    Text,
}

fn classify(key: &KeyEvent, multi_line: bool) -> EditKey {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Esc => EditKey::Cancel,
        KeyCode::Enter if multi_line && alt => EditKey::LineBreak,
        KeyCode::Char('j') if ctrl && multi_line => EditKey::LineBreak,
        KeyCode::Enter => EditKey::Commit,
        // Ctrl+J and Ctrl+M are Enter in readline; ratatui-textarea would break the line.
        KeyCode::Char('j' | 'm') if ctrl => EditKey::Commit,
        KeyCode::Tab if !multi_line => EditKey::Commit,
        KeyCode::Char('u') if ctrl => EditKey::KillToStart,
        _ => EditKey::Text,
    }
}

pub(crate) fn on_edit_key(state: &mut State, key: KeyEvent) {
    let Mode::EditField(edit) = &mut state.screen.mode else {
        return;
    };
    let multi_line = edit.field.editor() == Editor::MultiLine;
    match classify(&key, multi_line) {
        EditKey::Commit => return finish_edit(state),
        EditKey::Cancel => return cancel_edit(state),
        EditKey::LineBreak => edit.textarea.insert_newline(),
        EditKey::KillToStart => {
            edit.textarea.delete_line_by_head();
        }
        EditKey::Text => {
            edit.textarea.input(key);
        }
    }
    live_edit(state);
}

/// Esc: the document goes back to what it was before the field was opened, and so does
/// "unsaved": nothing was changed, so there is nothing to undo.
pub(crate) fn cancel_edit(state: &mut State) {
    if !matches!(state.screen.mode, Mode::EditField(_)) {
        return;
    }
    let Mode::EditField(edit) = std::mem::replace(&mut state.screen.mode, Mode::Navigate) else {
        return;
    };
    let field_index = state.screen.field_index;
    state.session.document = edit.before;
    state.session.generation += 1;
    state.refresh();
    state.screen.field_index = field_index;
    state.session.dirty = edit.was_dirty;
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
    let slot = edit.slot;
    apply_field_at(&mut state.session.document, row, &field, value, now, slot);
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
    let field_index = state.screen.field_index;
    state.commit(&edit.before);
    state.screen.field_index = field_index;
    if state.session.document == edit.before {
        // Opened and left as it was: the work is exactly as saved (or unsaved) as before.
        state.session.dirty = edit.was_dirty;
    }
}

/// `d` in the form: an optional parameter goes away, as if never written; a required one
/// is left empty (`""`), which the API refuses, so the status says what is missing.
pub(crate) fn remove_field(state: &mut State) {
    let row = state.row();
    let Some(field) = state.field() else {
        return;
    };
    if form::value(&state.session.document, row, &field).is_none() {
        return state.flash(format!("{} is not set", field.label()));
    }
    let (value, said) = match &field {
        Field::ActionType => {
            return state.flash("To delete the action, press d in the actions pane");
        }
        Field::ValidFor => return,
        field if field.required() => (
            Some(Json::string("")),
            format!(
                "{} emptied: it is required ({} undoes)",
                field.label(),
                crate::tui::keys::key_of(crate::tui::action::Command::Undo)
            ),
        ),
        field => (
            None,
            format!(
                "{} removed ({} undoes)",
                field.label(),
                crate::tui::keys::key_of(crate::tui::action::Command::Undo)
            ),
        ),
    };
    let field_index = state.screen.field_index;
    set_field(state, row, &field, value);
    state.screen.field_index = field_index.min(state.fields().len().saturating_sub(1));
    state.flash(said);
}
