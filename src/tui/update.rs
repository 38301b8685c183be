//! `update`: the only place the state changes. Pure apart from the effects it queues for
//! the event loop (saving, copying, quitting), so every path is a unit test away. It
//! dispatches: keys go to the open window (`overlays/`) or the editing screen
//! (`screens/`); what remains here is navigate mode's commands and the outcomes of effects.

use super::action::{Action, Command, Effect, SaveGuard};
use super::form::{Field, Row};
use super::hit_map::Hit;
use super::keys;
use super::overlays::{
    add_picker, confirm, exercises, findings, help, palette, prompt, rules, send, templates,
    voice_picker,
};
use super::screens::{call, field_edit, raw};
use super::state::{
    Confirm, Edited, Mode, Overlay, Pane, Pending, Prompt, PromptPurpose, RawEdit, State,
};
use crate::callflow::document;
use crate::callflow::params::{ActionKind, Editor};
use crate::callflow::parse::parse;
use crate::callflow::{Json, JsonPath, export};
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEventKind};
use tui_textarea::TextArea;

/// Handles one action completely: [`apply`], then [`finish`].
pub fn update(state: &mut State, action: Action) {
    apply(state, action);
    finish(state);
}

/// Handles an action of a burst. What depends on the whole burst (the raw text's verdict,
/// an exercise just solved) waits for [`finish`], so that a burst of keys on a request of
/// megabytes is checked once, not once a key.
pub fn apply(state: &mut State, action: Action) {
    dispatch(state, action);
}

/// Ends a burst of actions: the verdict is brought up to date before anything reads it.
pub fn finish(state: &mut State) {
    state.settle_verdict();
    super::practice::settle(state);
}

fn dispatch(state: &mut State, action: Action) {
    match action {
        Action::Key(key) => on_key(state, key),
        Action::Command(command) => {
            state.screen.flash = None;
            run_command(state, command);
        }
        Action::Paste(text) => on_paste(state, &text),
        Action::Mouse(mouse) => on_mouse(state, mouse),
        Action::Resize(width, height) => state.screen.size = (width, height),
        Action::Tick(now) => {
            state.context.now = now;
            // Checked again only when time itself changes the verdict (validUntil): a raw
            // 16 MiB request is not re-read every second for nothing.
            let clock_matters = state.derived.verdict.changes_at.is_some_and(|at| at <= now);
            if !call::tick(state, now) && clock_matters {
                state.refresh_verdict();
            }
            send::on_tick(state);
        }
        Action::Saved(result) => on_saved(state, result),
        Action::SaveConflict {
            path,
            reason,
            adopt_path,
        } => {
            let text = text_to_write(state, adopt_path);
            ask(
                state,
                format!("{} {reason}. Overwrite it?", path.display()),
                Pending::Overwrite {
                    path,
                    text,
                    adopt_path,
                },
            );
        }
        Action::Copied(Ok(how)) => state.flash(how),
        Action::Copied(Err(reason)) => state.flash_error(format!("Not copied: {reason}")),
        Action::Recovered(text) => {
            // A field edit in progress becomes its own undo step before the draft replaces it.
            field_edit::finish_edit(state);
            recover(state, &text);
        }
        Action::SendAnswered { id, outcome } => send::on_answer(state, id, outcome),
        Action::ResponderRead { path, text } => call::responder_read(state, path, text),
        Action::DraftWritten(result) => state.session.draft_failure = result.err(),
        Action::SaveReadOnly { path, adopt_path } => {
            let text = text_to_write(state, adopt_path);
            ask(
                state,
                format!("{} is read-only. Overwrite it anyway?", path.display()),
                Pending::OverwriteReadOnly {
                    path,
                    text,
                    adopt_path,
                },
            );
        }
    }
}

/// A key for whatever has the keyboard (the palette replays keys through here too).
pub(crate) fn on_key(state: &mut State, key: KeyEvent) {
    state.screen.flash = None;
    if super::view::is_too_small(state.screen.size) && !answers_quit(state, &key) {
        // The screen is hidden: a key acting on it would change what the user cannot see.
        return;
    }
    if keys::is_quit(&key) {
        return quit_from_anywhere(state);
    }
    if keys::is_suspend(&key) {
        return suspend(state);
    }
    if keys::is_save(&key) {
        return save(state);
    }
    if keys::is_palette(&key) && !matches!(state.screen.overlay, Some(Overlay::Palette(_))) {
        return palette::open(state);
    }
    if state.screen.overlay.is_some() {
        return on_overlay_key(state, key);
    }
    match state.screen.mode {
        Mode::Navigate => {
            if super::practice::on_key(state, &key) {
                return;
            }
            if let Some(command) = keys::command_for(&key) {
                run_command(state, command);
            }
        }
        Mode::EditField(_) => field_edit::on_edit_key(state, key),
        Mode::Raw(_) => raw::on_raw_key(state, key),
        Mode::Call(_) => call::on_call_key(state, key),
    }
}

/// While the terminal is too small, only quitting works: Ctrl+C, `q` where it is a command,
/// and the answers to the quit question it may raise.
fn answers_quit(state: &State, key: &KeyEvent) -> bool {
    let asking_to_quit = matches!(
        &state.screen.overlay,
        Some(Overlay::Confirm(confirm)) if confirm.on_yes == Pending::Quit
    );
    let navigating = matches!(state.screen.mode, Mode::Navigate) && state.screen.overlay.is_none();
    keys::is_quit(key)
        || asking_to_quit
        || (navigating && keys::command_for(key) == Some(Command::Quit))
}

/// Ctrl+C: whatever is open, the same question as `q`. A field being edited keeps what
/// was typed (the question then protects it); raw JSON stays as typed.
fn quit_from_anywhere(state: &mut State) {
    if matches!(&state.screen.overlay, Some(Overlay::Confirm(c)) if c.on_yes == Pending::Quit) {
        return;
    }
    state.screen.overlay = None;
    field_edit::finish_edit(state);
    quit(state);
}

/// Ctrl+Z: a field edit in progress becomes its own step first, so nothing hangs open.
fn suspend(state: &mut State) {
    let mouse = state.screen.mouse;
    state.effects.push(Effect::Suspend { mouse });
}

/// A navigate-mode command (from the key table, the mouse, the palette or a test).
pub(crate) fn run_command(state: &mut State, command: Command) {
    if !matches!(state.screen.mode, Mode::Navigate) || state.screen.overlay.is_some() {
        return;
    }
    match command {
        Command::Up => step(state, -1),
        Command::Down => step(state, 1),
        Command::NextPane => state.screen.pane = next_pane(state.screen.pane, true),
        Command::PreviousPane => state.screen.pane = next_pane(state.screen.pane, false),
        Command::Activate => activate(state),
        Command::Add => {
            state.screen.overlay = Some(Overlay::AddPicker {
                cursor: 0,
                replace: None,
            });
        }
        Command::Delete => delete_action(state),
        Command::Duplicate => duplicate_action(state),
        Command::MoveDown => move_action(state, true),
        Command::MoveUp => move_action(state, false),
        Command::Undo => undo(state),
        Command::Redo => redo(state),
        Command::RawJson => raw::enter_raw(state),
        Command::Copy => copy(state, false),
        Command::CopyCurl => copy(state, true),
        Command::Findings => state.screen.overlay = Some(Overlay::Findings { cursor: 0 }),
        Command::NextFinding => next_finding(state),
        Command::Rules => {
            let code = state.derived.verdict.response.code;
            state.screen.overlay = Some(Overlay::Rules(rules::Browser::at(code, None)));
        }
        Command::Templates => state.screen.overlay = Some(Overlay::Templates { cursor: 0 }),
        Command::Help => state.screen.overlay = Some(Overlay::Help),
        Command::Save => save(state),
        Command::SaveAs => open_prompt(state, PromptPurpose::SaveAs),
        Command::Export => open_prompt(state, PromptPurpose::Export),
        Command::Quit => quit(state),
        Command::PageUp => scroll_preview(state, -(preview_page(state) as isize)),
        Command::PageDown => scroll_preview(state, preview_page(state) as isize),
        Command::Palette => palette::open(state),
        Command::Send => send::open(state),
        Command::First => jump_to_end(state, false),
        Command::Last => jump_to_end(state, true),
        Command::Suspend => suspend(state),
        Command::Simulate => call::open_current(state),
    }
}

/// g/G, Home/End: the first or last item of the pane's list or form; the preview's top or
/// bottom.
fn jump_to_end(state: &mut State, last: bool) {
    let far = if last {
        isize::MAX / 2
    } else {
        -(isize::MAX / 2)
    };
    step(state, far);
}

fn next_pane(pane: Pane, forward: bool) -> Pane {
    match (pane, forward) {
        (Pane::Actions, true) | (Pane::Preview, false) => Pane::Form,
        (Pane::Form, true) | (Pane::Actions, false) => Pane::Preview,
        (Pane::Preview, true) | (Pane::Form, false) => Pane::Actions,
    }
}

fn step(state: &mut State, delta: isize) {
    match state.screen.pane {
        Pane::Actions => {
            let last = state.row_count() - 1;
            state.screen.row_index = state
                .screen
                .row_index
                .saturating_add_signed(delta)
                .min(last);
            state.screen.field_index = 0;
            follow_selection(state);
        }
        Pane::Form => {
            let last = state.fields().len().saturating_sub(1);
            state.screen.field_index = state
                .screen
                .field_index
                .saturating_add_signed(delta)
                .min(last);
        }
        Pane::Preview => scroll_preview(state, delta),
    }
}

/// Scrolls the preview so the selected action's first line is in view.
fn follow_selection(state: &mut State) {
    if let Some(lines) = state
        .selected_action()
        .and_then(|i| state.derived.action_lines.get(i))
    {
        state.screen.preview_scroll = lines.start.saturating_sub(1);
    } else if state.row() == Row::Request {
        state.screen.preview_scroll = 0;
    }
}

fn preview_page(state: &State) -> usize {
    usize::from(state.screen.size.1.saturating_sub(8)).max(1)
}

fn scroll_preview(state: &mut State, delta: isize) {
    let last = state.derived.printed.lines().count().saturating_sub(1);
    state.screen.preview_scroll = state
        .screen
        .preview_scroll
        .saturating_add_signed(delta)
        .min(last);
}

fn activate(state: &mut State) {
    match (state.screen.pane, state.row()) {
        (_, Row::Add) => {
            state.screen.overlay = Some(Overlay::AddPicker {
                cursor: 0,
                replace: None,
            })
        }
        (Pane::Actions, _) => {
            state.screen.pane = Pane::Form;
            state.screen.field_index = 0;
            if state.row() != Row::Request && state.fields().len() > 1 {
                state.screen.field_index = 1;
            }
        }
        (Pane::Form, row) => field_edit::edit_field(state, row),
        (Pane::Preview, _) => state.screen.pane = Pane::Form,
    }
}

fn on_paste(state: &mut State, text: &str) {
    if super::view::is_too_small(state.screen.size) {
        // Nothing lands where it cannot be seen.
        return;
    }
    if let Some(Overlay::VoicePicker(picker)) = &mut state.screen.overlay {
        picker.filter.insert_str(one_line(text));
        picker.cursor = 0;
        return;
    }
    if let Some(Overlay::Prompt(prompt)) = &mut state.screen.overlay {
        prompt.textarea.insert_str(one_line(text));
        return;
    }
    if let Some(Overlay::Palette(palette)) = &mut state.screen.overlay {
        palette.filter.insert_str(one_line(text));
        palette.cursor = 0;
        return;
    }
    match &mut state.screen.mode {
        Mode::EditField(edit) => {
            if edit.field.editor() == Editor::MultiLine {
                edit.textarea.insert_str(text.replace("\r\n", "\n"));
            } else {
                edit.textarea.insert_str(one_line(text));
            }
            field_edit::live_edit(state);
        }
        Mode::Raw(raw) => {
            raw.editor.insert_str(&text.replace("\r\n", "\n"));
            state.edited(Edited::RawText);
        }
        Mode::Navigate => state.flash("To paste, edit a field (enter) or the raw JSON (e) first"),
        Mode::Call(_) => call::paste(state, &one_line(text)),
    }
}

/// A paste into a one-line field: line breaks become spaces, trailing ones go.
fn one_line(text: &str) -> String {
    text.trim_end_matches(['\r', '\n'])
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
}

fn on_mouse(state: &mut State, mouse: ratatui::crossterm::event::MouseEvent) {
    if !state.screen.mouse || state.screen.overlay.is_some() {
        return;
    }
    // Nothing was drawn yet: nothing to click on.
    let Some(map) = state.screen.hit_map else {
        return;
    };
    let hit = map.hit(mouse.column, mouse.row);
    match &mut state.screen.mode {
        Mode::Raw(raw) => return raw::on_raw_mouse(raw, mouse.kind, hit),
        Mode::Navigate => {}
        _ => return,
    }
    match (mouse.kind, hit) {
        (MouseEventKind::Down(MouseButton::Left), Hit::ActionRow(row))
            if row < state.row_count() =>
        {
            state.screen.pane = Pane::Actions;
            state.screen.row_index = row;
            state.screen.field_index = 0;
            follow_selection(state);
        }
        (MouseEventKind::Down(MouseButton::Left), Hit::FormLine(line))
            if line < state.fields().len() =>
        {
            state.screen.pane = Pane::Form;
            state.screen.field_index = line;
        }
        (MouseEventKind::ScrollDown, Hit::Preview) => scroll_preview(state, 3),
        (MouseEventKind::ScrollUp, Hit::Preview) => scroll_preview(state, -3),
        (MouseEventKind::ScrollDown, _) => step(state, 1),
        (MouseEventKind::ScrollUp, _) => step(state, -1),
        _ => {}
    }
}

/// `d`: in the actions pane it deletes the action; in the form it removes the parameter.
fn delete_action(state: &mut State) {
    match state.screen.pane {
        Pane::Actions => {}
        Pane::Form => return field_edit::remove_field(state),
        Pane::Preview => return,
    }
    let Some(index) = state.selected_action() else {
        return;
    };
    state.change(|document| {
        document::remove_action(document, index);
    });
    state.flash(format!(
        "Action deleted ({} undoes)",
        crate::tui::keys::key_of(Command::Undo)
    ));
}

fn duplicate_action(state: &mut State) {
    let Some(index) = state.selected_action() else {
        return;
    };
    state.change(|document| {
        document::duplicate_action(document, index);
    });
    state.select_row(Row::Action(index + 1));
}

fn move_action(state: &mut State, down: bool) {
    let Some(index) = state.selected_action() else {
        return;
    };
    let mut moved_to = None;
    state.change(|document| moved_to = document::move_action(document, index, down));
    if let Some(target) = moved_to {
        state.select_row(Row::Action(target));
        follow_selection(state);
    }
}

fn undo(state: &mut State) {
    if state.session.history.undo(&mut state.session.document) {
        state.edited(Edited::Document);
        state.session.dirty = !state.session.history.at_saved_point();
    } else {
        state.flash("Nothing to undo");
    }
}

fn redo(state: &mut State) {
    if state.session.history.redo(&mut state.session.document) {
        state.edited(Edited::Document);
        state.session.dirty = !state.session.history.at_saved_point();
    } else {
        state.flash("Nothing to redo");
    }
}

fn copy(state: &mut State, as_curl: bool) {
    let pending = if as_curl {
        Pending::CopyCurl
    } else {
        Pending::Copy
    };
    if state.derived.verdict.is_created() {
        return confirmed(state, pending);
    }
    let question = format!(
        "The API would refuse this request ({}). Copy it anyway?",
        refusal(state)
    );
    ask(state, question, pending);
}

pub(crate) fn refusal(state: &State) -> String {
    let response = &state.derived.verdict.response;
    format!("{} {}", response.code.number(), response.message)
}

fn next_finding(state: &mut State) {
    let paths: Vec<JsonPath> = state
        .derived
        .verdict
        .findings
        .iter()
        .filter_map(|f| f.path.clone())
        .collect();
    if paths.is_empty() {
        return state.flash("No findings with a place in the document");
    }
    let current = current_path(state);
    let position = current.and_then(|current| paths.iter().position(|p| *p == current));
    let next = position.map_or(0, |position| (position + 1) % paths.len());
    jump_to(state, &paths[next]);
}

fn current_path(state: &State) -> Option<JsonPath> {
    state.field().and_then(|field| field.path(state.row()))
}

/// Selects the action and field a JSON path names.
pub fn jump_to(state: &mut State, path: &JsonPath) {
    state.screen.overlay = None;
    match path.action_index() {
        Some(index) if index < state.action_count() => {
            state.select_row(Row::Action(index));
            let wanted = path.param_name();
            let fields = state.fields();
            let position = fields.iter().position(|field| match (field, &wanted) {
                (Field::Param(spec), Some(name)) => spec.name == name,
                (Field::Extra(extra), Some(name)) => extra == name,
                (Field::ActionType, None) => path.as_str().ends_with(".action"),
                _ => false,
            });
            state.screen.field_index = position.unwrap_or(0);
            follow_selection(state);
        }
        _ => state.select_row(Row::Request),
    }
    state.screen.pane = Pane::Form;
}

fn save(state: &mut State) {
    match state.session.file.clone() {
        Some(path) => save_to(state, path),
        None => open_prompt(state, PromptPurpose::SaveAs),
    }
}

/// Saves the document (the raw text as typed, in raw mode) to `path`, which becomes its
/// file; the event loop checks the disk first.
pub(crate) fn save_to(state: &mut State, path: std::path::PathBuf) {
    // The document holds each repeated key once: writing it drops the earlier values.
    // (Raw mode writes the text as typed, repeats and all.)
    let loss = crate::callflow::repeated::loss(&state.session.repeated_keys);
    if let (Some(loss), false) = (loss, matches!(state.screen.mode, Mode::Raw(_))) {
        return ask(
            state,
            format!("{loss}. Save anyway?"),
            Pending::SaveDroppingRepeated(path),
        );
    }
    let (text, note) = saved_text(state);
    let guard = if state.session.file.as_deref() == Some(path.as_path()) {
        SaveGuard::Unchanged(state.session.disk_stamp.clone())
    } else {
        SaveGuard::Absent
    };
    state.effects.push(Effect::Save {
        path,
        text,
        guard,
        adopt_path: true,
        note,
    });
}

/// The note of a confirmed overwrite of the document's file (an export has none).
fn overwrite_note(state: &State, adopt_path: bool) -> Option<String> {
    adopt_path.then(|| saved_text(state).1).flatten()
}

/// What a save writes (the document's own saved form), or an export (the pretty text).
fn text_to_write(state: &State, adopt_path: bool) -> String {
    if adopt_path {
        saved_text(state).0
    } else {
        state.derived.printed.clone()
    }
}

/// What a save writes: the raw text as typed, or the document as export prints it, on one
/// line when indented it would pass what callflow opens again (and a note saying so).
fn saved_text(state: &State) -> (String, Option<String>) {
    if matches!(state.screen.mode, Mode::Raw(_)) {
        return (state.output_text(), None);
    }
    let remark = state.derived.layout.remark().map(str::to_owned);
    (state.derived.printed.clone(), remark)
}

fn open_prompt(state: &mut State, purpose: PromptPurpose) {
    let suggestion = match (&state.session.file, purpose) {
        (Some(path), PromptPurpose::SaveAs) => path.display().to_string(),
        (Some(path), PromptPurpose::Export) => {
            path.with_extension("export.json").display().to_string()
        }
        (None, _) => "callflow.json".to_owned(),
    };
    let mut textarea = TextArea::new(vec![suggestion]);
    textarea.move_cursor(tui_textarea::CursorMove::End);
    let title = match purpose {
        PromptPurpose::SaveAs => "Save as",
        PromptPurpose::Export => "Export the pretty JSON to",
    };
    state.screen.overlay = Some(Overlay::Prompt(Prompt {
        title,
        textarea,
        purpose,
    }));
}

fn on_saved(state: &mut State, result: Result<super::action::SaveOutcome, String>) {
    match result {
        Ok(outcome) if outcome.adopt_path => {
            let mut said = format!("Saved {}", outcome.path.display());
            for remark in &outcome.remarks {
                said.push_str(": ");
                said.push_str(remark);
            }
            state.flash(said);
            state.session.file = Some(outcome.path);
            state.session.disk_stamp = outcome.stamp;
            state.session.dirty = false;
            state.session.history.mark_saved();
            state.effects.push(Effect::ClearDraft {
                file: state.session.file.clone(),
            });
            if std::mem::take(&mut state.quit_after_save) {
                state.effects.push(Effect::Quit);
            }
        }
        Ok(outcome) => state.flash(format!("Exported {}", outcome.path.display())),
        Err(reason) => {
            state.quit_after_save = false;
            state.flash_error(format!("Not saved: {reason}"));
        }
    }
}

fn quit(state: &mut State) {
    if let Some(question) = send::quit_question(state) {
        let on_save = state.session.dirty.then_some(Pending::SaveThenQuit);
        state.screen.overlay = Some(Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::Quit,
            on_save,
        }));
        return;
    }
    if !state.session.dirty {
        return state.effects.push(Effect::Quit);
    }
    state.screen.overlay = Some(Overlay::Confirm(Confirm {
        question: format!(
            "{} has unsaved changes. Quit without saving?",
            state.file_name()
        ),
        on_yes: Pending::Quit,
        on_save: Some(Pending::SaveThenQuit),
    }));
}

pub(crate) fn ask(state: &mut State, question: String, on_yes: Pending) {
    state.screen.overlay = Some(Overlay::Confirm(Confirm {
        question,
        on_yes,
        on_save: None,
    }));
}

pub(crate) fn confirmed(state: &mut State, pending: Pending) {
    state.screen.overlay = None;
    match pending {
        Pending::Quit => state.effects.push(Effect::Quit),
        Pending::SaveThenQuit => {
            state.quit_after_save = true;
            save(state);
        }
        Pending::Copy => {
            let text = state.output_text();
            state.effects.push(Effect::Copy {
                text,
                what: "the JSON",
            });
        }
        Pending::CopyCurl => {
            let text = export::curl_command(&state.output_text());
            state.effects.push(Effect::Copy {
                text,
                what: "a curl command",
            });
        }
        Pending::DiscardRaw => {
            state.screen.mode = Mode::Navigate;
            state.refresh();
            state.flash("Raw edits discarded");
        }
        Pending::Overwrite {
            path,
            text,
            adopt_path,
        } => {
            state.effects.push(Effect::Save {
                path,
                text,
                guard: SaveGuard::Overwrite,
                note: overwrite_note(state, adopt_path),
                adopt_path,
            });
        }
        Pending::OverwriteReadOnly {
            path,
            text,
            adopt_path,
        } => {
            state.effects.push(Effect::Save {
                path,
                text,
                guard: SaveGuard::ReadOnlyAgreed,
                note: overwrite_note(state, adopt_path),
                adopt_path,
            });
        }
        Pending::Export(path) => {
            let text = state.derived.printed.clone();
            state.effects.push(Effect::Save {
                path,
                text,
                guard: SaveGuard::Absent,
                adopt_path: false,
                note: state.derived.layout.remark().map(str::to_owned),
            });
        }
        Pending::SaveDroppingRepeated(path) => {
            state.session.repeated_keys.clear();
            state.refresh_verdict();
            save_to(state, path);
        }
    }
}

/// Replaces the document with a recovered draft, as an undoable change.
pub(crate) fn recover(state: &mut State, text: &str) {
    match parse(text) {
        Ok(parsed) if parsed.value.as_object().is_some() => {
            let value = parsed.value;
            state.change(|document| *document = value);
        }
        _ => {
            state.screen.mode = Mode::Raw(RawEdit::new(text));
            state.edited(Edited::RawText);
        }
    }
    state.flash("Recovered the unsaved draft");
}

fn on_overlay_key(state: &mut State, key: KeyEvent) {
    let Some(overlay) = state.screen.overlay.take() else {
        return;
    };
    state.screen.overlay = match overlay {
        Overlay::Help => help::on_key(key),
        Overlay::Confirm(confirm) => confirm::on_key(state, confirm, key),
        Overlay::AddPicker { cursor, replace } => add_picker::on_key(state, cursor, replace, key),
        Overlay::VoicePicker(picker) => voice_picker::on_key(state, picker, key),
        Overlay::Findings { cursor } => findings::on_key(state, cursor, key),
        Overlay::Rules(browser) => rules::on_key(state, browser, key),
        Overlay::Exercises { cursor } => exercises::on_key(state, cursor, key),
        Overlay::Templates { cursor } => templates::on_key(state, cursor, key),
        Overlay::Prompt(prompt) => prompt::on_key(state, prompt, key),
        Overlay::Palette(palette) => palette::on_key(state, palette, key),
        Overlay::Send(panel) => send::on_key(state, panel, key),
        Overlay::Drafts(drafts) => super::overlays::drafts::on_key(state, drafts, key),
    };
}

/// Moves a list cursor with ↑↓ j k, Home End and g G, within `count` items.
pub(crate) fn list_cursor(cursor: usize, count: usize, key: &KeyEvent) -> usize {
    let last = count.saturating_sub(1);
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => cursor.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => (cursor + 1).min(last),
        KeyCode::PageUp => cursor.saturating_sub(10),
        KeyCode::PageDown => (cursor + 10).min(last),
        KeyCode::Home | KeyCode::Char('g') => 0,
        KeyCode::End | KeyCode::Char('G') => last,
        _ => cursor.min(last),
    }
}

pub(crate) fn add_action(state: &mut State, kind: ActionKind) {
    let at = match state.row() {
        Row::Action(index) => index + 1,
        Row::Request => 0,
        Row::Add => state.action_count(),
    };
    let mut placed = at;
    state.change(|document| {
        placed = document::insert_action(document, at, document::new_action(kind))
    });
    state.select_row(Row::Action(placed));
    state.screen.pane = Pane::Form;
    state.screen.field_index = usize::from(state.fields().len() > 1);
    follow_selection(state);
}

pub(crate) fn change_action_type(state: &mut State, index: usize, kind: ActionKind) {
    state.change(|document| {
        let item = document
            .as_object_mut()
            .and_then(|root| root.get_mut("callflow"))
            .and_then(Json::as_array_mut)
            .and_then(|items| items.get_mut(index))
            .and_then(Json::as_object_mut);
        if let Some(item) = item {
            item.insert("action".to_owned(), Json::string(kind.name()));
        }
    });
}
