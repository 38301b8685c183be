//! The actions list: the request's settings, each action with ✓ or ✗, then "add".

use super::pane_block;
use crate::callflow::document::{action_name, actions};
use crate::callflow::{JsonPath, Severity};
use crate::tui::form::Row;
use crate::tui::inert::inert;
use crate::tui::state::{Pane, State, row_at};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The first row shown, so that the selected row stays in view.
pub fn first_visible(state: &State, area: Rect) -> usize {
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    state.screen.row_index.saturating_sub(height - 1)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let focused = state.screen.pane == Pane::Actions;
    let block = pane_block(" Actions ", focused, state);
    let inner_width = usize::from(area.width.saturating_sub(2));
    let height = usize::from(area.height.saturating_sub(2));
    let first = first_visible(state, area);
    let lines: Vec<Line> = (first..state.row_count())
        .take(height)
        .map(|index| row_line(state, index, inner_width))
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn row_line(state: &State, index: usize, width: usize) -> Line<'static> {
    let row = row_at(index, state.action_count());
    let selected = index == state.screen.row_index;
    let pointer = if selected { "▸" } else { " " };
    let (label, mark) = match row {
        Row::Request => (
            "⚙ request".to_owned(),
            mark_for(state, &[JsonPath::root()], true),
        ),
        Row::Action(i) => {
            let name = actions(&state.session.document)
                .get(i)
                .and_then(action_name)
                .unwrap_or("(not an action)");
            (
                format!("{:>2} {}", i + 1, inert(name)),
                mark_for(state, &[JsonPath::action(i)], false),
            )
        }
        Row::Add => ("+ add action".to_owned(), None),
    };
    let label_width = width.saturating_sub(4);
    let label: String = truncate(&label, label_width);
    let padding = label_width.saturating_sub(ratatui::text::Line::from(label.as_str()).width());
    let mut spans = vec![
        Span::raw(pointer),
        Span::raw(label),
        Span::raw(" ".repeat(padding + 1)),
    ];
    if let Some(mark) = mark {
        spans.push(mark);
    }
    let line = Line::from(spans);
    if selected {
        line.style(state.screen.theme.selected())
    } else {
        line
    }
}

/// ✗ when an error lies in the row's part of the document, ! for a warning, else ✓.
fn mark_for(state: &State, paths: &[JsonPath], request_row: bool) -> Option<Span<'static>> {
    let mut worst: Option<Severity> = None;
    for finding in &state.derived.verdict.findings {
        let Some(path) = &finding.path else {
            if request_row && finding.severity == Severity::Error {
                worst = Some(Severity::Error);
            }
            continue;
        };
        let concerns = if request_row {
            path.action_index().is_none()
        } else {
            paths
                .iter()
                .any(|p| path == p || path.as_str().starts_with(&format!("{p}.")))
        };
        if concerns && finding.severity != Severity::Note {
            worst = Some(worst.map_or(finding.severity, |w| w.min(finding.severity)));
        }
    }
    Some(match worst {
        Some(Severity::Error) => Span::styled("✗", state.screen.theme.error()),
        Some(_) => Span::styled("!", state.screen.theme.warning()),
        None => Span::styled("✓", state.screen.theme.ok()),
    })
}

/// Cuts a text to a display width, with … when cut.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            if width > 0 {
                while used + 1 > width {
                    let Some(last) = out.pop() else { break };
                    used -= last.width().unwrap_or(0);
                }
                out.push('…');
            }
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}
