//! The findings list: every error, warning and note with its whole message and fix,
//! wrapped; Enter jumps to the field, `r` opens the rule (Esc there comes back here).

use super::prelude::*;
use super::rules::Browser;
use crate::callflow::Finding;
use crate::tui::view::wrap::led_by;
use ratatui::widgets::{List, ListItem, ListState};

pub fn on_key(state: &mut State, cursor: usize, key: KeyEvent) -> Option<Overlay> {
    let count = state.derived.verdict.findings.len();
    match key.code {
        KeyCode::Esc | KeyCode::Char('q' | 'f') => None,
        KeyCode::Enter => {
            match state
                .derived
                .verdict
                .findings
                .get(cursor)
                .and_then(|f| f.path.clone())
            {
                Some(path) => jump_to(state, &path),
                None => state.flash("This finding concerns the whole request"),
            }
            None
        }
        KeyCode::Char('r') => {
            let code = state
                .derived
                .verdict
                .findings
                .get(cursor)
                .and_then(|f| f.code)
                .unwrap_or(state.derived.verdict.response.code);
            Some(Overlay::Rules(Browser::at(code, Some(cursor))))
        }
        _ => Some(Overlay::Findings {
            cursor: list_cursor(cursor, count, &key),
        }),
    }
}

/// Each finding: where and which code, then its whole message and fix, wrapped under it.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let width = area.width.saturating_sub(6);
    let text_width = usize::from(width.saturating_sub(2));
    let items: Vec<ListItem> = state
        .derived
        .verdict
        .findings
        .iter()
        .map(|finding| ListItem::new(finding_lines(state, finding, text_width)))
        .collect();
    let wanted: usize = items.iter().map(ListItem::height).sum::<usize>().max(1) + 2;
    let height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(4));
    let inner = popup(
        frame,
        area,
        width,
        height,
        &format!(" Findings — {} ", summary(KeyMode::Findings)),
    );
    if items.is_empty() {
        let line = Line::raw(" Nothing to report: the API would accept this request.");
        return frame.render_widget(Paragraph::new(line), inner);
    }
    // ratatui's List scrolls whole items, however tall, to keep the cursor in view.
    let list = List::new(items).highlight_style(state.screen.theme.selected());
    let mut list_state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, inner, &mut list_state);
}

/// ` ✗ -1006 $.callflow[1].params.overallTimeout`, then `message — hint`, wrapped.
fn finding_lines(state: &State, finding: &Finding, width: usize) -> Vec<Line<'static>> {
    let (symbol, style) = match finding.severity {
        Severity::Error => ("✗", state.screen.theme.error()),
        Severity::Warning => ("!", state.screen.theme.warning()),
        Severity::Note => ("i", state.screen.theme.dim()),
    };
    let code = finding
        .code
        .map_or(String::new(), |c| format!("{} ", c.number()));
    let place = finding
        .path
        .as_ref()
        .map_or("the whole request".to_owned(), |p| p.to_string());
    let mut lines = led_by(
        vec![Span::styled(format!(" {symbol} "), style)],
        &inert(&format!("{code}{place}")),
        ratatui::style::Style::new(),
        width,
    );
    let hint = crate::tui::practice::shown_hint(state, &finding.hint);
    lines.extend(led_by(
        vec![Span::raw("   ")],
        &inert(&format!("{} — {hint}", finding.message)),
        ratatui::style::Style::new(),
        width,
    ));
    lines
}
