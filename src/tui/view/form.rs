//! The selected row's form: one line per field, required ones marked, shown defaults as
//! placeholders, ✗ and the code beside a field with a finding, and the focused field's help.

use super::actions::truncate;
use super::pane_block;
use crate::callflow::params::Editor;
use crate::callflow::{Finding, Severity};
use crate::tui::form::{self, Field, Row};
use crate::tui::inert::inert;
use crate::tui::state::{Mode, Pane, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

const LABEL_WIDTH: usize = 16;

/// Where the fields were drawn, a line each, and the first of them shown there.
#[derive(Clone, Copy, Debug, Default)]
pub struct FieldList {
    pub area: Rect,
    pub first: usize,
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) -> FieldList {
    let row = state.row();
    let block = pane_block(title(state, row), state.screen.pane == Pane::Form, state);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let fields = state.fields();
    if fields.is_empty() {
        draw_empty(frame, inner, state, row);
        return FieldList::default();
    }
    let editing_multi_line = matches!(&state.screen.mode, Mode::EditField(edit) if edit.field.editor() == Editor::MultiLine);
    let editor_height = if editing_multi_line {
        6.min(inner.height.saturating_sub(3))
    } else {
        0
    };
    let whole = whole_value(state, row, usize::from(inner.width));
    // The fields keep at least three rows; the whole value takes what remains.
    let whole_height = u16::try_from(whole.len())
        .unwrap_or(u16::MAX)
        .min(inner.height.saturating_sub(editor_height + 2 + 3));
    let [list_area, editor_area, whole_area, help_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(editor_height),
        Constraint::Length(whole_height),
        Constraint::Length(2),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(whole), whole_area);
    let first = draw_fields(frame, list_area, state, row, &fields);
    if let Mode::EditField(edit) = &state.screen.mode {
        if editing_multi_line {
            super::inert_textarea::draw_field_editor(frame, &edit.textarea, editor_area);
        }
    }
    let help = state
        .field()
        .map(|field| field.help().into_owned())
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::styled(help, state.screen.theme.dim())).wrap(Wrap { trim: true }),
        help_area,
    );
    FieldList {
        area: list_area,
        first,
    }
}

/// The selected field's value whole, wrapped under its name, when its row has to cut it
/// (never while it is being edited: the editor shows it).
fn whole_value(state: &State, row: Row, width: usize) -> Vec<Line<'static>> {
    if !matches!(state.screen.mode, Mode::Navigate) {
        return Vec::new();
    }
    let Some(field) = state.field() else {
        return Vec::new();
    };
    let Some(value) = form::value(&state.session.document, row, &field) else {
        return Vec::new();
    };
    let text = inert(&crate::callflow::document::field_text(value));
    if super::wrap::width(&text) <= value_width(width) {
        return Vec::new();
    }
    let lead = vec![Span::styled(
        format!("▸ {} ", field.label()),
        state.screen.theme.dim(),
    )];
    super::wrap::led_by(lead, &text, ratatui::style::Style::new(), width)
}

/// The columns a field's value has on its row.
fn value_width(width: usize) -> usize {
    width.saturating_sub(LABEL_WIDTH + 2 + 9)
}

fn title(state: &State, row: Row) -> String {
    match row {
        Row::Request => " Request ".to_owned(),
        Row::Action(index) => {
            let name = crate::callflow::document::actions(&state.session.document)
                .get(index)
                .and_then(crate::callflow::document::action_name)
                .unwrap_or("item");
            format!(" {} #{} ", inert(name), index + 1)
        }
        Row::Add => " Add ".to_owned(),
    }
}

fn draw_empty(frame: &mut Frame, area: Rect, state: &State, row: Row) {
    let text = match row {
        Row::Add => format!(
            "Press {} or {} to add an action.",
            crate::tui::keys::key_of(crate::tui::action::Command::Activate),
            crate::tui::keys::key_of(crate::tui::action::Command::Add)
        ),
        _ => format!(
            "The forms do not know this item: press {} to edit it as raw JSON.",
            crate::tui::keys::key_of(crate::tui::action::Command::RawJson)
        ),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(text, state.screen.theme.dim())).wrap(Wrap { trim: true }),
        area,
    );
}

/// Draws the fields that fit, scrolled to keep the selected one in view; returns the first
/// one drawn.
fn draw_fields(frame: &mut Frame, area: Rect, state: &State, row: Row, fields: &[Field]) -> usize {
    let height = usize::from(area.height).max(1);
    let first = state.screen.field_index.saturating_sub(height - 1);
    let width = usize::from(area.width);
    let lines: Vec<Line> = fields
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(index, field)| {
            field_line(state, row, field, index == state.screen.field_index, width)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    if let Mode::EditField(edit) = &state.screen.mode {
        if edit.field.editor() != Editor::MultiLine && state.screen.field_index >= first {
            let y = area.y + (state.screen.field_index - first) as u16;
            let x = area.x + LABEL_WIDTH as u16 + 2;
            let editor = Rect::new(
                x,
                y,
                area.width.saturating_sub(LABEL_WIDTH as u16 + 2 + 9),
                1,
            );
            if y < area.bottom() && editor.width > 0 {
                super::inert_textarea::draw_field_editor(frame, &edit.textarea, editor);
            }
        }
    }
    first
}

fn field_line(
    state: &State,
    row: Row,
    field: &Field,
    focused: bool,
    width: usize,
) -> Line<'static> {
    let theme = &state.screen.theme;
    let required = if field.required() { "*" } else { " " };
    let label = format!(
        "{required}{:<w$}",
        truncate(field.label(), LABEL_WIDTH - 1),
        w = LABEL_WIDTH - 1
    );
    let marker = field_marker(state, row, field);
    let value_width = value_width(width);
    let value = match form::value(&state.session.document, row, field) {
        Some(value) => Span::raw(truncate(
            &inert(&crate::callflow::document::field_text(value)),
            value_width,
        )),
        None => match field.placeholder() {
            Some(default) => Span::styled(format!("({default})"), theme.dim()),
            None => Span::styled("—", theme.dim()),
        },
    };
    let pad = value_width.saturating_sub(value.width());
    let mut spans = vec![
        Span::raw(if focused { "▸" } else { " " }),
        Span::raw(label),
        Span::raw(" "),
        value,
        Span::raw(" ".repeat(pad + 1)),
    ];
    if let Some(marker) = marker {
        spans.push(marker);
    }
    let line = Line::from(spans);
    if focused && state.screen.pane == Pane::Form {
        line.style(theme.highlight())
    } else {
        line
    }
}

/// `✗ -1006` for an error at the field, `! warn` for a warning.
fn field_marker(state: &State, row: Row, field: &Field) -> Option<Span<'static>> {
    let path = field.path(row)?;
    let worst: Option<&Finding> = state
        .derived
        .verdict
        .findings
        .iter()
        .filter(|finding| {
            finding.path.as_ref() == Some(&path) && finding.severity != Severity::Note
        })
        .min_by_key(|finding| finding.severity);
    let finding = worst?;
    Some(match finding.code {
        Some(code) => Span::styled(format!("✗ {}", code.number()), state.screen.theme.error()),
        None => Span::styled("! warn".to_owned(), state.screen.theme.warning()),
    })
}
