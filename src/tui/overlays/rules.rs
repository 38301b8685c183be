//! The rules browser: every status code, what triggers it, how to fix it. Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;

pub fn on_key(state: &mut State, cursor: usize, key: KeyEvent) -> Option<Overlay> {
    let lessons = teaching::lessons();
    match key.code {
        KeyCode::Esc | KeyCode::Char('q' | 'r') => None,
        KeyCode::Char('s') => {
            let code = lessons[cursor.min(lessons.len() - 1)].code;
            if crate::tui::screens::call::open_lesson(state, code) {
                return None;
            }
            state.flash("Only the sayAndCapture rules have a call to watch");
            Some(Overlay::Rules { cursor })
        }
        KeyCode::Enter => {
            let code = lessons[cursor.min(lessons.len() - 1)].code;
            let path = state
                .derived
                .verdict
                .errors()
                .find(|f| f.code == Some(code))
                .and_then(|f| f.path.clone());
            match path {
                Some(path) => {
                    jump_to(state, &path);
                    None
                }
                None => {
                    state.flash("The current request does not trigger this code");
                    Some(Overlay::Rules { cursor })
                }
            }
        }
        _ => Some(Overlay::Rules {
            cursor: list_cursor(cursor, lessons.len(), &key),
        }),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let popup = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(format!(
        " Rules — ● triggered now · {} ",
        crate::tui::keys::summary(crate::tui::keys::KeyMode::Rules)
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [list_area, text_area] =
        Layout::horizontal([Constraint::Length(14), Constraint::Min(10)]).areas(inner);
    let triggered = |code| {
        state.derived.verdict.errors().any(|f| f.code == Some(code))
            || (code == state.derived.verdict.response.code)
    };
    let list: Vec<Line> = lessons()
        .iter()
        .map(|lesson| {
            let mark = if triggered(lesson.code) { "●" } else { " " };
            Line::raw(format!("{mark}{:>6}", lesson.code.number()))
        })
        .collect();
    draw_list(frame, list_area, state, list, cursor);
    let lesson = &lessons()[cursor.min(lessons().len() - 1)];
    let lines = lesson_lines(lesson, state);
    let block = Block::new().padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        text_area,
    );
}

/// The lesson as the browser shows it: the fix comes before the example, so that what a
/// person needs most is on screen even in a small terminal.
fn lesson_lines(lesson: &Lesson, state: &State) -> Vec<Line<'static>> {
    let theme = &state.screen.theme;
    let heading = |text: &'static str| Line::styled(text, theme.title());
    let mut lines = vec![Line::styled(
        format!("{} {}", lesson.code.number(), lesson.code.message()),
        theme.title(),
    )];
    if let Some(key) = lesson.needs_account {
        let loaded = state.context.account != AccountProfile::default();
        let status = if loaded {
            "an account profile is loaded"
        } else {
            "no account profile is loaded (--account)"
        };
        lines.push(Line::styled(
            format!("Needs the account profile's \"{key}\": {status}."),
            theme.warning(),
        ));
    }
    lines.extend([
        Line::raw(""),
        heading("What triggers it"),
        Line::raw(lesson.trigger),
    ]);
    if let Some(decision) = lesson.decision {
        lines.extend([Line::raw(""), heading("Decision"), Line::raw(decision)]);
    }
    lines.extend([
        Line::raw(""),
        heading("Fix"),
        Line::raw(lesson.fix),
        Line::raw(""),
        heading("Example"),
    ]);
    lines.extend(
        lesson
            .example
            .lines()
            .map(|line| Line::raw(inert_multiline(line))),
    );
    if let Some(account) = lesson.account {
        lines.push(heading("With the account profile"));
        lines.extend(account.lines().map(|line| Line::raw(inert_multiline(line))));
    }
    lines
}
