//! The rules browser: every status code with a short title, and beside it what triggers
//! it, how to fix it, an example and the example fixed. The detail scrolls (its keys are
//! in `keys::lists::RULES`), so all of it is reachable in a small terminal. Opened from the
//! findings list, Esc goes back there.

use super::prelude::*;
use crate::callflow::StatusCode;
use crate::tui::view::wrap::wrap;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

/// The list column: a mark, the code and its title.
const LIST_WIDTH: u16 = 30;

/// Where the browser is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browser {
    pub cursor: usize,
    /// The first row of the detail shown.
    pub scroll: usize,
    /// The findings list's cursor when the browser was opened from there.
    pub from_findings: Option<usize>,
}

impl Browser {
    /// The browser on `code`'s rule.
    pub fn at(code: StatusCode, from_findings: Option<usize>) -> Browser {
        Browser {
            cursor: lessons().iter().position(|l| l.code == code).unwrap_or(0),
            scroll: 0,
            from_findings,
        }
    }
}

pub fn on_key(state: &mut State, mut browser: Browser, key: KeyEvent) -> Option<Overlay> {
    let lessons = teaching::lessons();
    let lesson = &lessons[browser.cursor.min(lessons.len() - 1)];
    let (width, height) = detail_size(state.screen.size);
    let last = lesson_rows(lesson, state, width)
        .len()
        .saturating_sub(height);
    let page = height.saturating_sub(1).max(1);
    match key.code {
        KeyCode::Esc | KeyCode::Char('q' | 'r') => {
            return browser
                .from_findings
                .map(|cursor| Overlay::Findings { cursor });
        }
        KeyCode::Enter => return jump(state, browser, lesson.code),
        KeyCode::Char('s') => {
            if crate::tui::screens::call::open_lesson(state, lesson.code) {
                return None;
            }
            state.flash("Only the sayAndCapture rules have a call to watch");
        }
        KeyCode::PageDown | KeyCode::Char(' ') => {
            browser.scroll = (browser.scroll + page).min(last)
        }
        KeyCode::PageUp => browser.scroll = browser.scroll.saturating_sub(page),
        KeyCode::End => browser.scroll = last,
        KeyCode::Home => browser.scroll = 0,
        _ => {
            let cursor = list_cursor(browser.cursor, lessons.len(), &key);
            if cursor != browser.cursor {
                browser.scroll = 0;
            }
            browser.cursor = cursor;
        }
    }
    Some(Overlay::Rules(browser))
}

/// Enter: the field where the request triggers the rule, if it does.
fn jump(state: &mut State, browser: Browser, code: StatusCode) -> Option<Overlay> {
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
            Some(Overlay::Rules(browser))
        }
    }
}

/// The popup's box in a screen of `size`.
fn popup_area(size: (u16, u16)) -> Rect {
    let area = Rect::new(0, 0, size.0, size.1);
    centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    )
}

/// The detail's columns and rows (inside the border, beside the list, padded by one).
fn detail_size(size: (u16, u16)) -> (usize, usize) {
    let popup = popup_area(size);
    let width = popup.width.saturating_sub(2 + LIST_WIDTH + 2);
    (
        usize::from(width).max(1),
        usize::from(popup.height.saturating_sub(2)).max(1),
    )
}

/// The keys in the title when they fit whole; the footer shows them anyway, so a narrow
/// popup keeps only the name and the mark's meaning rather than a cut list.
fn title(popup_width: u16) -> String {
    let with_keys = format!(" Rules — ● triggered now · {} ", summary(KeyMode::Rules));
    if with_keys.width() + 2 <= usize::from(popup_width) {
        with_keys
    } else {
        " Rules — ● triggered now ".to_owned()
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, browser: &Browser) {
    let popup = popup_area((area.width, area.height));
    frame.render_widget(Clear, popup);
    let block = Block::bordered().title(title(popup.width));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [list_area, text_area] =
        Layout::horizontal([Constraint::Length(LIST_WIDTH), Constraint::Min(1)]).areas(inner);
    let triggered = |code| {
        state.derived.verdict.errors().any(|f| f.code == Some(code))
            || (code == state.derived.verdict.response.code)
    };
    let list: Vec<Line> = lessons()
        .iter()
        .map(|lesson| {
            let mark = if triggered(lesson.code) { "●" } else { " " };
            Line::raw(format!(
                "{mark}{:>6} {}",
                lesson.code.number(),
                teaching::title(lesson.code)
            ))
        })
        .collect();
    draw_list(frame, list_area, state, list, browser.cursor);
    let lesson = &lessons()[browser.cursor.min(lessons().len() - 1)];
    let text_area = text_area.inner(ratatui::layout::Margin::new(1, 0));
    draw_detail(frame, text_area, state, lesson, browser.scroll);
}

/// The lesson from `scroll` on; the last row says so when more follows below.
fn draw_detail(frame: &mut Frame, area: Rect, state: &State, lesson: &Lesson, scroll: usize) {
    let rows = lesson_rows(lesson, state, usize::from(area.width).max(1));
    let height = usize::from(area.height);
    let scroll = scroll.min(rows.len().saturating_sub(height));
    let mut shown: Vec<Line> = rows.into_iter().skip(scroll).collect();
    if shown.len() > height && height > 0 {
        shown.truncate(height - 1);
        shown.push(Line::styled(
            "▼ more below: pgdn/space, end",
            state.screen.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(shown), area);
}

/// The lesson as the browser shows it, wrapped to `width`: the fix comes before the
/// example, so what a person needs most is on screen first; the example fixed ends it.
fn lesson_rows(lesson: &Lesson, state: &State, width: usize) -> Vec<Line<'static>> {
    let theme = &state.screen.theme;
    let mut rows = Vec::new();
    let prose = |rows: &mut Vec<Line<'static>>, text: &str, style: Style| {
        rows.extend(
            wrap(text, width, width)
                .into_iter()
                .map(|row| Line::styled(row, style)),
        );
    };
    let heading = |rows: &mut Vec<Line<'static>>, text: &'static str| {
        rows.push(Line::raw(""));
        rows.push(Line::styled(text, theme.title()));
    };
    prose(
        &mut rows,
        &format!("{} {}", lesson.code.number(), lesson.code.message()),
        theme.title(),
    );
    if let Some(key) = lesson.needs_account {
        let loaded = state.context.account != AccountProfile::default();
        let status = if loaded {
            "an account profile is loaded"
        } else {
            "no account profile is loaded (--account)"
        };
        prose(
            &mut rows,
            &format!("Needs the account profile's \"{key}\": {status}."),
            theme.warning(),
        );
    }
    heading(&mut rows, "What triggers it");
    prose(&mut rows, lesson.trigger, Style::new());
    if let Some(decision) = lesson.decision {
        heading(&mut rows, "Decision");
        prose(&mut rows, decision, Style::new());
    }
    heading(&mut rows, "Fix");
    prose(&mut rows, lesson.fix, Style::new());
    heading(&mut rows, "Example");
    json_rows(&mut rows, lesson.example, width);
    if let Some(account) = lesson.account {
        heading(&mut rows, "With the account profile");
        json_rows(&mut rows, account, width);
    }
    if lesson.fixed != lesson.example {
        heading(&mut rows, "The example, fixed");
        json_rows(&mut rows, lesson.fixed, width);
    }
    rows
}

/// JSON text a row per line, a line too long for the column wrapped under itself.
fn json_rows(rows: &mut Vec<Line<'static>>, text: &str, width: usize) {
    for line in text.lines() {
        let line = inert_multiline(line);
        rows.extend(wrap(&line, width, width).into_iter().map(Line::raw));
    }
}
