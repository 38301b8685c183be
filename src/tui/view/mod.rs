//! Pure drawing: `draw` reads the state and paints a frame; nothing here changes anything.

pub mod actions;
pub mod dialogs;
pub mod form;
pub mod inert_textarea;
pub mod preview;
pub mod raw_editor;
pub mod status_bar;
pub mod verdict;
pub mod wrap;

use super::state::{Mode, Overlay, Pending, State};
use crate::tui::hit_map::HitMap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Below this the screen shows only a notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each part of the main screen goes, for drawing and for mouse clicks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub title: Rect,
    pub actions: Rect,
    pub form: Rect,
    pub preview: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The panes keep at least this many rows when the verdict area grows.
const PANES_AT_LEAST: u16 = 8;

/// Wide screens get three columns; narrower ones put the JSON under the form; narrow
/// ones stack all three.
pub fn layout(size: (u16, u16)) -> Areas {
    layout_for(size, 2)
}

/// The layout with a verdict area of `status_rows` rows, as many as the screen allows
/// while the panes keep `PANES_AT_LEAST` rows: the panes give way to the verdict.
pub fn layout_for(size: (u16, u16), status_rows: usize) -> Areas {
    let screen = Rect::new(0, 0, size.0, size.1);
    let room = size.1.saturating_sub(2 + PANES_AT_LEAST).max(2);
    let status_rows = u16::try_from(status_rows)
        .unwrap_or(u16::MAX)
        .clamp(2, room);
    let [title, main, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(status_rows),
        Constraint::Length(1),
    ])
    .areas(screen);
    let (actions, form, preview) = if size.0 >= 110 {
        let [a, f, p] = Layout::horizontal([
            Constraint::Length(26),
            Constraint::Min(40),
            Constraint::Percentage(38),
        ])
        .areas(main);
        (a, f, p)
    } else if size.0 >= 70 {
        let [top, p] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(main);
        let [a, f] = Layout::horizontal([Constraint::Length(24), Constraint::Min(30)]).areas(top);
        (a, f, p)
    } else {
        let [a, f, p] = Layout::vertical([
            Constraint::Percentage(30),
            Constraint::Percentage(40),
            Constraint::Percentage(30),
        ])
        .areas(main);
        (a, f, p)
    };
    Areas {
        title,
        actions,
        form,
        preview,
        status,
        footer,
    }
}

pub fn draw(frame: &mut Frame, state: &State) {
    draw_mapped(frame, state);
}

/// Draws the state and tells where the panes went, for the mouse.
pub fn draw_mapped(frame: &mut Frame, state: &State) -> HitMap {
    let area = frame.area();
    if is_too_small((area.width, area.height)) {
        too_small(frame, area, state);
        return HitMap::default();
    }
    if let Mode::Call(call) = &state.screen.mode {
        crate::tui::screens::call::draw::draw(frame, area, call, &state.screen.theme);
        if let Some(overlay) = &state.screen.overlay {
            draw_overlay(frame, area, state, overlay);
        }
        return HitMap::default();
    }
    let verdict_rows = verdict::lines(state, usize::from(area.width)).len();
    let areas = layout_for((area.width, area.height), verdict_rows);
    status_bar::draw_title(frame, areas.title, state);
    let mut fields = form::FieldList::default();
    let mut raw_text = Rect::default();
    match &state.screen.mode {
        Mode::Raw(raw) => {
            let main = areas.actions.union(areas.form).union(areas.preview);
            raw_text = preview::draw_raw(frame, main, state, raw);
        }
        _ => {
            actions::draw(frame, areas.actions, state);
            fields = form::draw(frame, areas.form, state);
            preview::draw(frame, areas.preview, state);
        }
    }
    verdict::draw(frame, areas.status, state);
    status_bar::draw_footer(frame, areas.footer, state);
    if let Some(overlay) = &state.screen.overlay {
        draw_overlay(frame, area, state, overlay);
    }
    HitMap {
        actions: areas.actions,
        fields: fields.area,
        preview: areas.preview,
        first_action_row: actions::first_visible(state, areas.actions),
        first_field: fields.first,
        raw_text,
    }
}

fn draw_overlay(frame: &mut Frame, area: Rect, state: &State, overlay: &Overlay) {
    use crate::tui::overlays::*;
    match overlay {
        Overlay::Help => help::draw(frame, area, state),
        Overlay::Rules(browser) => rules::draw(frame, area, state, browser),
        Overlay::Exercises { cursor } => exercises::draw(frame, area, state, *cursor),
        Overlay::Findings { cursor } => findings::draw(frame, area, state, *cursor),
        Overlay::AddPicker { cursor, replace } => {
            add_picker::draw(frame, area, state, *cursor, replace.is_some())
        }
        Overlay::VoicePicker(picker) => voice_picker::draw(frame, area, state, picker),
        Overlay::Templates { cursor } => templates::draw(frame, area, state, *cursor),
        Overlay::Confirm(confirm) => confirm::draw(frame, area, state, confirm),
        Overlay::Prompt(prompt) => prompt::draw(frame, area, state, prompt),
        Overlay::Palette(palette) => palette::draw(frame, area, state, palette),
        Overlay::Send(panel) => send::draw(frame, area, state, panel),
        Overlay::Drafts(drafts) => crate::tui::overlays::drafts::draw(frame, area, state, drafts),
    }
}

/// Whether a screen of `size` shows only the "terminal too small" notice.
pub fn is_too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// The notice, and the one thing that still works: quitting (with its question, when the
/// work is unsaved).
fn too_small(frame: &mut Frame, area: Rect, state: &State) {
    let mut lines = vec![
        Line::from("Terminal too small"),
        Line::from(format!("need {MIN_WIDTH}×{MIN_HEIGHT}")),
        Line::from(format!("have {}×{}", area.width, area.height)),
    ];
    match &state.screen.overlay {
        Some(Overlay::Confirm(confirm)) if confirm.on_yes == Pending::Quit => {
            lines.push(Line::from(crate::tui::inert::inert(&confirm.question)));
            lines.push(Line::from(crate::tui::keys::summary(
                crate::tui::keys::confirm_mode(confirm),
            )));
        }
        _ => lines.push(Line::from("^c quits")),
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}

/// A box of at most `width`×`height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// A pane's border block, brighter when it has the keyboard.
pub fn pane_block<'a>(
    title: impl Into<Line<'a>>,
    focused: bool,
    state: &State,
) -> ratatui::widgets::Block<'a> {
    let block = ratatui::widgets::Block::bordered().title(title);
    if focused {
        block.border_style(state.screen.theme.focused_border())
    } else {
        block
    }
}
