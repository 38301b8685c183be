//! Pickers, the findings list, and the questions the program asks.

use super::actions::truncate;
use super::centered;
use crate::callflow::Severity;
use crate::callflow::params::ActionKind;
use crate::callflow::templates::templates;
use crate::tui::inert::inert;
use crate::tui::keys::{self, KeyMode, summary};
use crate::tui::state::{Confirm, Prompt, State, VoicePicker};
use crate::tui::update::matching_voices;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// A bordered popup, cleared, returning its inside.
fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(title.to_owned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Lines of a list with the cursor's line highlighted, scrolled to keep it in view.
fn list_lines<'a>(
    state: &State,
    items: Vec<Line<'a>>,
    cursor: usize,
    height: u16,
) -> Vec<Line<'a>> {
    let height = usize::from(height).max(1);
    let first = cursor.saturating_sub(height - 1);
    items
        .into_iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(index, line)| {
            if index == cursor {
                line.style(state.theme.selected())
            } else {
                line
            }
        })
        .collect()
}

pub fn draw_add_picker(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    cursor: usize,
    replacing: bool,
) {
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
                    state.theme.title(),
                ),
                Span::raw(kind.summary()),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(list_lines(state, items, cursor, inner.height)),
        inner,
    );
}

pub fn draw_voice_picker(frame: &mut Frame, area: Rect, state: &State, picker: &VoicePicker) {
    let inner = popup(
        frame,
        area,
        64,
        18,
        " Voice — type to filter, enter picks (or keeps the typed name) ",
    );
    let [filter_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(&picker.filter, filter_area);
    let filter = picker.filter.lines().join("");
    let voices = matching_voices(state, &filter);
    let items: Vec<Line> = if voices.is_empty() {
        vec![Line::styled(
            " no known voice matches: enter keeps the typed name",
            state.theme.dim(),
        )]
    } else {
        voices
            .iter()
            .map(|voice| {
                let language = voice.language.as_deref().unwrap_or(&voice.locale);
                Line::raw(format!(" {:<28} {}", inert(&voice.code), inert(language)))
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(list_lines(state, items, picker.cursor, list_area.height)),
        list_area,
    );
}

/// Each finding takes two lines: where and which code, then the message and its fix.
pub fn draw_findings(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let width = area.width.saturating_sub(6);
    let wanted = state.verdict.findings.len().max(1) as u16 * 2 + 2;
    let height = wanted.min(area.height.saturating_sub(4));
    let inner = popup(
        frame,
        area,
        width,
        height,
        &format!(" Findings — {} ", summary(KeyMode::Findings)),
    );
    if state.verdict.findings.is_empty() {
        let line = Line::raw(" Nothing to report: the API would accept this request.");
        return frame.render_widget(Paragraph::new(line), inner);
    }
    let text_width = usize::from(inner.width).saturating_sub(4);
    let visible_items = usize::from(inner.height / 2).max(1);
    let first = cursor.saturating_sub(visible_items - 1);
    let mut lines = Vec::new();
    for (index, finding) in state
        .verdict
        .findings
        .iter()
        .enumerate()
        .skip(first)
        .take(visible_items)
    {
        let (symbol, style) = match finding.severity {
            Severity::Error => ("✗", state.theme.error()),
            Severity::Warning => ("!", state.theme.warning()),
            Severity::Note => ("i", state.theme.dim()),
        };
        let code = finding
            .code
            .map_or(String::new(), |c| format!("{} ", c.number()));
        let place = finding
            .path
            .as_ref()
            .map_or("the whole request".to_owned(), |p| p.to_string());
        let head = Line::from(vec![
            Span::styled(format!(" {symbol} "), style),
            Span::raw(truncate(&inert(&format!("{code}{place}")), text_width)),
        ]);
        let body = Line::raw(format!(
            "   {}",
            truncate(
                &inert(&format!("{} — {}", finding.message, finding.hint)),
                text_width
            )
        ));
        let selected = index == cursor;
        for line in [head, body] {
            lines.push(if selected {
                line.style(state.theme.selected())
            } else {
                line
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_templates(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
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
                Span::styled(format!(" {:<16}", template.title), state.theme.title()),
                Span::raw(template.summary),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(list_lines(state, items, cursor, inner.height)),
        inner,
    );
}

pub fn draw_confirm(frame: &mut Frame, area: Rect, state: &State, confirm: &Confirm) {
    let answers = summary(keys::confirm_mode(confirm));
    let inner = popup(frame, area, 70, 7, " Confirm ");
    let lines = vec![
        Line::raw(inert(&confirm.question)),
        Line::raw(""),
        Line::styled(answers, state.theme.key()),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

pub fn draw_prompt(frame: &mut Frame, area: Rect, state: &State, prompt: &Prompt) {
    let inner = popup(
        frame,
        area,
        70,
        5,
        &format!(" {} — {} ", prompt.title, summary(KeyMode::Prompt)),
    );
    let [field, hint] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&prompt.textarea, field);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "a path, relative to where callflow started",
            state.theme.dim(),
        )),
        hint,
    );
}
