//! The command palette (`:` or Ctrl+P): every key of the mode it was opened from, with one
//! line of description, filtered as you type; Enter runs the highlighted one. Nothing needs
//! memorising: whatever a key does, the palette finds it by its words.

use crate::tui::keys::{self, Binding, KeyMode};
use crate::tui::state::{Overlay, State};
use crate::tui::update;
use crate::tui::view::centered;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListState};
use tui_textarea::TextArea;

#[derive(Debug)]
pub struct Palette {
    /// The table it lists: what had the keyboard when it opened.
    pub under: KeyMode,
    /// The window it opened over, given back when it closes.
    pub beneath: Option<Box<Overlay>>,
    pub filter: TextArea<'static>,
    pub cursor: usize,
}

/// Opens the palette over whatever has the keyboard now.
pub fn open(state: &mut State) {
    let under = keys::active(state);
    let beneath = state.screen.overlay.take().map(Box::new);
    let mut filter = TextArea::default();
    filter.set_placeholder_text("type to filter");
    state.screen.overlay = Some(Overlay::Palette(Palette {
        under,
        beneath,
        filter,
        cursor: 0,
    }));
}

impl Palette {
    pub fn filter_text(&self) -> String {
        self.filter.lines().join("")
    }

    /// The entries that match the filter, best first.
    pub fn entries(&self) -> Vec<&'static Binding> {
        matching(keys::table(self.under), &self.filter_text())
    }
}

/// The bindings whose description or keys match `filter`: those containing it as written
/// first (earliest match first), then those holding its letters in order (tightest first).
pub fn matching(table: &'static [Binding], filter: &str) -> Vec<&'static Binding> {
    let needle = filter.trim().to_lowercase();
    let mut scored: Vec<((u8, usize), &Binding)> = table
        .iter()
        .filter_map(|binding| {
            let haystack = format!("{} {}", binding.help, binding.keys).to_lowercase();
            score(&needle, &haystack).map(|score| (score, binding))
        })
        .collect();
    scored.sort_by_key(|(score, _)| *score);
    scored.into_iter().map(|(_, binding)| binding).collect()
}

/// Lower is better; None when `needle` is not in `haystack` even scattered.
fn score(needle: &str, haystack: &str) -> Option<(u8, usize)> {
    if let Some(at) = haystack.find(needle) {
        return Some((0, at));
    }
    let mut letters = haystack.char_indices();
    let mut first = None;
    let mut last = 0;
    for wanted in needle.chars() {
        let (at, _) = letters.find(|(_, c)| *c == wanted)?;
        first.get_or_insert(at);
        last = at;
    }
    Some((1, last - first.unwrap_or(0)))
}

pub fn on_key(state: &mut State, mut palette: Palette, key: KeyEvent) -> Option<Overlay> {
    let count = palette.entries().len();
    match key.code {
        KeyCode::Esc => palette.beneath.map(|overlay| *overlay),
        KeyCode::Enter => {
            let chosen = palette.entries().get(palette.cursor).copied();
            state.screen.overlay = palette.beneath.map(|overlay| *overlay);
            if let Some(binding) = chosen {
                run(state, binding);
            }
            state.screen.overlay.take()
        }
        KeyCode::Up => {
            palette.cursor = palette.cursor.saturating_sub(1);
            Some(Overlay::Palette(palette))
        }
        KeyCode::Down => {
            palette.cursor = (palette.cursor + 1).min(count.saturating_sub(1));
            Some(Overlay::Palette(palette))
        }
        _ => {
            if crate::tui::one_line::input(&mut palette.filter, key) {
                palette.cursor = 0;
            }
            Some(Overlay::Palette(palette))
        }
    }
}

/// Runs a binding as if its key were pressed in the mode the palette was opened from.
fn run(state: &mut State, binding: &Binding) {
    match (binding.command, binding.chords.first()) {
        (Some(command), _) => update::run_command(state, command),
        (None, Some(chord)) => update::on_key(state, chord.event()),
        (None, None) => {}
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, palette: &Palette) {
    let entries = palette.entries();
    let height = (entries.len() as u16 + 4)
        .min(area.height.saturating_sub(2))
        .max(5);
    let popup = centered(area, 64, height);
    frame.render_widget(Clear, popup);
    let title = format!(
        " Commands of {} — {} ",
        palette.under.name(),
        keys::summary(KeyMode::Palette)
    );
    let block = Block::bordered().title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let filter_area = Rect { height: 1, ..inner };
    let list_area = Rect {
        y: inner.y + 2,
        height: inner.height.saturating_sub(2),
        ..inner
    };
    frame.render_widget(&palette.filter, filter_area);
    let items = entries.iter().map(|binding| {
        Line::from(vec![
            Span::styled(format!("{:<7} ", binding.keys), state.screen.theme.key()),
            Span::raw(binding.help),
        ])
    });
    // The marker, not only the colour, shows the choice (NO_COLOR).
    let list = List::new(items)
        .highlight_style(state.screen.theme.selected())
        .highlight_symbol("▸");
    let mut list_state = ListState::default().with_selected(Some(palette.cursor));
    frame.render_stateful_widget(list, list_area, &mut list_state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_as_written_beat_scattered_letters() {
        let found = matching(keys::BINDINGS, "save");
        assert_eq!(found[0].help, "save (in every mode)");
        assert!(found.iter().any(|b| b.help == "save as"));
        let scattered = matching(keys::BINDINGS, "dpl");
        assert_eq!(scattered[0].help, "duplicate the action");
        assert!(matching(keys::BINDINGS, "zzzq").is_empty());
    }
}
