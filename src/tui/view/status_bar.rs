//! The title line and the key footer (the verdict area between them is `verdict.rs`).

use super::actions::truncate;
use crate::tui::inert::inert;
use crate::tui::keys;
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw_title(frame: &mut Frame, area: Rect, state: &State) {
    let mut spans = vec![
        Span::styled(" callflow ", state.screen.theme.title()),
        Span::raw("─ "),
        Span::raw(inert(&state.file_name())),
    ];
    if state.session.dirty {
        spans.push(Span::styled(" ● unsaved", state.screen.theme.warning()));
    }
    if let Some(reason) = &state.session.draft_failure {
        // Crash protection is off: say so until a draft is written again.
        spans.push(Span::styled(
            format!(" ⚠ no recovery draft: {}", inert(reason)),
            state.screen.theme.error(),
        ));
    }
    if let Some(practice) = &state.practice {
        spans.push(Span::styled(
            format!(
                "   practice {} of {} · {} solved",
                practice.exercise + 1,
                practice.total(),
                practice.solved_count()
            ),
            state.screen.theme.title(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key hints, or, until the next key, the message of what just happened: the status
/// lines above always keep the verdict.
pub fn draw_footer(frame: &mut Frame, area: Rect, state: &State) {
    if let Some(flash) = &state.screen.flash {
        let style = if flash.is_error {
            state.screen.theme.error()
        } else {
            state.screen.theme.title()
        };
        let text = truncate(&inert(&format!(" {}", flash.text)), usize::from(area.width));
        return frame.render_widget(Paragraph::new(Line::styled(text, style)), area);
    }
    // Always the keys of whatever has the keyboard, from its own table.
    let hints = keys::footer_hints(keys::table(keys::active(state)));
    frame.render_widget(
        Paragraph::new(fitted_hints(&hints, usize::from(area.width), state)),
        area,
    );
}

/// As many hints as fit, always keeping the last ones (commands, help, quit) so no key is
/// hidden without a way to find it.
fn fitted_hints(hints: &[(String, &str)], width: usize, state: &State) -> Line<'static> {
    let width_of = |(keys, word): &(String, &str)| keys.chars().count() + word.chars().count() + 3;
    let kept_at_end = hints.len().min(3);
    let (body, tail) = hints.split_at(hints.len() - kept_at_end);
    let mut room = width.saturating_sub(tail.iter().map(width_of).sum());
    let mut shown: Vec<&(String, &str)> = Vec::new();
    for hint in body {
        if width_of(hint) > room {
            break;
        }
        room -= width_of(hint);
        shown.push(hint);
    }
    shown.extend(tail);
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|(keys, word)| {
            [
                Span::styled(format!(" {keys}"), state.screen.theme.key()),
                Span::raw(format!(" {word} ")),
            ]
        })
        .collect();
    Line::from(spans)
}
