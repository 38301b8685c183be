//! The drafts that earlier runs left, offered at start: newest first, each with the time it
//! was last written. The person recovers one, discards one for good, or puts the decision
//! off to the next start; a draft is never removed by anything else (issue 14).

use super::prelude::*;
use crate::io::recovery::Draft;
use crate::tui::update::recover;

/// The offer: every surviving draft whose text differs from what was opened.
#[derive(Debug)]
pub struct Drafts {
    pub offers: Vec<Offer>,
    pub cursor: usize,
}

/// One draft, read when it was offered.
#[derive(Debug)]
pub struct Offer {
    pub draft: Draft,
    pub text: String,
    /// When it was last written, as the list shows it (UTC).
    pub written: String,
}

impl Offer {
    pub fn new(draft: Draft, text: String) -> Offer {
        let written = written_at(&draft);
        Offer {
            draft,
            text,
            written,
        }
    }
}

fn written_at(draft: &Draft) -> String {
    let seconds = draft
        .written_at
        .duration_since(std::time::SystemTime::UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
        });
    crate::callflow::Instant::from_unix_seconds(seconds)
        .to_rfc3339()
        .replace('T', " ")
        .replace('Z', " UTC")
}

pub fn on_key(state: &mut State, mut drafts: Drafts, key: KeyEvent) -> Option<Overlay> {
    let chosen = drafts.cursor.min(drafts.offers.len().saturating_sub(1));
    match key.code {
        KeyCode::Enter | KeyCode::Char('y' | 'Y') if chosen < drafts.offers.len() => {
            let offer = drafts.offers.swap_remove(chosen);
            recover(state, &offer.text);
            state.effects.push(Effect::AdoptDraft {
                draft: offer.draft,
                file: state.session.file.clone(),
                text: offer.text,
            });
            None
        }
        KeyCode::Char('d' | 'n' | 'N') if chosen < drafts.offers.len() => {
            let offer = drafts.offers.remove(chosen);
            state
                .effects
                .push(Effect::DiscardDraft { draft: offer.draft });
            state.flash(format!("Draft of {} discarded", offer.written));
            drafts.cursor = chosen.min(drafts.offers.len().saturating_sub(1));
            (!drafts.offers.is_empty()).then_some(Overlay::Drafts(drafts))
        }
        KeyCode::Esc => {
            state.flash("The drafts are kept: they are offered again at the next start");
            None
        }
        _ => {
            drafts.cursor = list_cursor(chosen, drafts.offers.len(), &key);
            Some(Overlay::Drafts(drafts))
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, drafts: &Drafts) {
    let listed = u16::try_from(drafts.offers.len()).unwrap_or(u16::MAX);
    let inner = popup(
        frame,
        area,
        76,
        listed.saturating_add(5),
        " Unsaved work survived ",
    );
    let [question, list, answers] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let count = drafts.offers.len();
    let text = if count == 1 {
        "An unsaved draft of this document survived an earlier run. Recover it?".to_owned()
    } else {
        format!("{count} unsaved drafts of this document survived earlier runs. Recover one?")
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), question);
    let items = drafts
        .offers
        .iter()
        .map(|offer| {
            Line::raw(format!(
                " {}  {} lines",
                offer.written,
                offer.text.lines().count()
            ))
        })
        .collect();
    draw_list(frame, list, state, items, drafts.cursor);
    frame.render_widget(
        Line::styled(summary(KeyMode::Recover), state.screen.theme.key()),
        answers,
    );
}
