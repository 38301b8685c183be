//! The voice picker: type to filter the voices (the account's, else the known ones); Enter
//! picks the highlighted one or keeps the typed name, which is judged live. Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;

/// The voices whose code, locale or language contains the filter, ignoring case.
pub fn matching_voices<'a>(
    state: &'a State,
    filter: &str,
) -> Vec<&'a crate::callflow::profiles::VoiceProfile> {
    let filter = filter.to_lowercase();
    state
        .context
        .voices()
        .iter()
        .filter(|voice| {
            voice.code.to_lowercase().contains(&filter)
                || voice.locale.to_lowercase().contains(&filter)
                || voice
                    .language
                    .as_deref()
                    .is_some_and(|l| l.to_lowercase().contains(&filter))
        })
        .collect()
}

pub fn on_key(state: &mut State, mut picker: VoicePicker, key: KeyEvent) -> Option<Overlay> {
    let filter = picker.filter.lines().join("");
    let matches: Vec<String> = matching_voices(state, &filter)
        .iter()
        .map(|v| v.code.clone())
        .collect();
    match key.code {
        KeyCode::Esc => None,
        KeyCode::Enter => {
            // The highlighted voice, or the typed text: the built-in list is incomplete.
            let chosen = matches.get(picker.cursor).cloned().unwrap_or(filter);
            let value = (!chosen.is_empty()).then_some(Json::String(chosen));
            state.change(|document| {
                document::set_param(document, picker.index, "voiceProfile", value)
            });
            None
        }
        KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => {
            picker.cursor = list_cursor(picker.cursor, matches.len(), &key);
            Some(Overlay::VoicePicker(picker))
        }
        _ => {
            if crate::tui::one_line::input(&mut picker.filter, key) {
                picker.cursor = 0;
            }
            Some(Overlay::VoicePicker(picker))
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, picker: &VoicePicker) {
    let list = state.context.voice_list();
    let title = format!(
        " Voice — {} · {} ",
        list.title(),
        summary(KeyMode::VoicePicker)
    );
    let inner = popup(frame, area, 72, 18, &title);
    let [filter_area, typed_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    frame.render_widget(&picker.filter, filter_area);
    let filter = picker.filter.lines().join("");
    frame.render_widget(typed_voice_line(state, &filter), typed_area);
    let voices = matching_voices(state, &filter);
    let items: Vec<Line> = if voices.is_empty() {
        vec![Line::styled(
            format!(" none of {} matches: the typed name is kept", list.title()),
            state.screen.theme.dim(),
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
    draw_list(frame, list_area, state, items, picker.cursor);
}

/// What the API would make of the typed name, live: the domain decides, this draws it
/// with a symbol as well as a colour.
fn typed_voice_line(state: &State, typed: &str) -> Line<'static> {
    use crate::callflow::profiles::{TypedVoiceVerdict, typed_voice};
    let Some(typed) = typed_voice(typed, state.context.voice_list()) else {
        return Line::raw("");
    };
    let (symbol, style) = match typed.verdict {
        TypedVoiceVerdict::Listed => ("✓", state.screen.theme.ok()),
        TypedVoiceVerdict::Unconfirmed => ("!", state.screen.theme.warning()),
        TypedVoiceVerdict::Refused => ("✗", state.screen.theme.error()),
    };
    Line::styled(format!(" {symbol} {}", inert(&typed.line)), style)
}
