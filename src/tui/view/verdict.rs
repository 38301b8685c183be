//! The verdict area under the panes: the answer the API would give, then where the deciding
//! finding is and how to fix it. Nothing here is ever cut: the text wraps, and the area
//! asks the layout for as many rows as it takes (the panes give way, see `view::layout_for`).

use super::wrap::{INDENT, led_by, width};
use crate::callflow::Severity;
use crate::tui::inert::inert;
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let lines = lines(state, usize::from(area.width));
    frame.render_widget(Paragraph::new(lines), area);
}

/// Every row of the verdict area at `width` columns.
pub fn lines(state: &State, width: usize) -> Vec<Line<'static>> {
    let mut lines = crate::tui::practice::verdict_lines(state, width);
    lines.extend(answer_lines(state, width));
    lines.extend(detail_lines(state, width));
    lines
}

/// ` ✗ NOT_CREATED  -1006  message…`, the message wrapped under itself.
fn answer_lines(state: &State, width: usize) -> Vec<Line<'static>> {
    let theme = &state.screen.theme;
    let response = &state.derived.verdict.response;
    let marks = if response.code.is_created() {
        vec![
            Span::styled(" ✓ CREATED ", theme.ok()),
            Span::raw(format!(" {}  ", response.code.number())),
        ]
    } else {
        vec![
            Span::styled(" ✗ NOT_CREATED ", theme.error()),
            Span::styled(format!(" {}", response.code.number()), theme.error()),
            Span::raw("  "),
        ]
    };
    led_by(marks, &inert(&response.message), Style::new(), width)
}

/// Where the deciding finding is and its fix; how many other findings there are follows,
/// dimmed, on the last row (or its own).
fn detail_lines(state: &State, width: usize) -> Vec<Line<'static>> {
    let theme = &state.screen.theme;
    let findings = &state.derived.verdict.findings;
    let Some(deciding) = state.derived.verdict.deciding() else {
        let warnings = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        let text = match warnings {
            0 => "the API would accept this request".to_owned(),
            n => format!(
                "the API would accept this request · {n} warning{} (f)",
                plural(n)
            ),
        };
        return led_by(vec![Span::raw(INDENT)], &text, theme.dim(), width);
    };
    let others = findings
        .iter()
        .filter(|f| f.severity != Severity::Note)
        .count()
        .saturating_sub(1);
    let place = deciding
        .path
        .as_ref()
        .map_or(String::new(), |path| format!("{path} — "));
    let hint = crate::tui::practice::shown_hint(state, &deciding.hint);
    let mut lines = led_by(
        vec![Span::raw(INDENT)],
        &inert(&format!("{place}{hint}")),
        Style::new(),
        width,
    );
    if others > 0 {
        let more = format!(" · {others} more finding{} (f)", plural(others));
        append_or_add(&mut lines, Span::styled(more, theme.dim()), width);
    }
    lines
}

/// Puts `tail` at the end of the last row when it fits there, else on a row of its own.
fn append_or_add(lines: &mut Vec<Line<'static>>, tail: Span<'static>, width: usize) {
    let last_width = lines.last().map_or(0, |line| line.width());
    match lines.last_mut() {
        Some(line) if last_width + width_of(&tail) <= width => line.spans.push(tail),
        _ => {
            let tail = Span::styled(tail.content.trim_start().to_owned(), tail.style);
            lines.push(Line::from(vec![Span::raw(INDENT), tail]));
        }
    }
}

fn width_of(span: &Span) -> usize {
    width(&span.content)
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}
