//! The findings list: every error, warning and note; Enter jumps to the field. Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;
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
            let cursor = teaching::lessons()
                .iter()
                .position(|l| l.code == code)
                .unwrap_or(0);
            Some(Overlay::Rules { cursor })
        }
        _ => Some(Overlay::Findings {
            cursor: list_cursor(cursor, count, &key),
        }),
    }
}

/// Each finding takes two lines: where and which code, then the message and its fix.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let width = area.width.saturating_sub(6);
    let wanted = state.derived.verdict.findings.len().max(1) as u16 * 2 + 2;
    let height = wanted.min(area.height.saturating_sub(4));
    let inner = popup(
        frame,
        area,
        width,
        height,
        &format!(" Findings — {} ", summary(KeyMode::Findings)),
    );
    if state.derived.verdict.findings.is_empty() {
        let line = Line::raw(" Nothing to report: the API would accept this request.");
        return frame.render_widget(Paragraph::new(line), inner);
    }
    let text_width = usize::from(inner.width).saturating_sub(4);
    let mut items = Vec::new();
    for finding in &state.derived.verdict.findings {
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
        items.push(ListItem::new(vec![head, body]));
    }
    // Two lines an item: ratatui's List scrolls whole items to keep the cursor in view.
    let list = List::new(items).highlight_style(state.screen.theme.selected());
    let mut list_state = ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, inner, &mut list_state);
}
