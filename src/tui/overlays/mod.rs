//! Windows over the main screen. Each owns its key handling (`on_key`, which returns the
//! window that stays open, if any), its drawing (`draw`) and its key table (in `keys/`), as
//! helix's compositor layers and gitui's popups do; `update` only dispatches to them.

pub mod add_picker;
pub mod confirm;
pub mod drafts;
pub mod exercises;
pub mod findings;
pub mod help;
pub mod palette;
pub mod prompt;
pub mod rules;
pub mod send;
pub mod templates;
pub mod voice_picker;

/// What the windows share: the state, the update helpers they call, the drawing helpers.
mod prelude {
    pub(crate) use crate::callflow::params::ActionKind;
    pub(crate) use crate::callflow::parse::parse;
    pub(crate) use crate::callflow::teaching::{self, Lesson, lessons};
    pub(crate) use crate::callflow::templates::{self, templates};
    pub(crate) use crate::callflow::{AccountProfile, Json, Severity, document};
    pub(crate) use crate::tui::action::Effect;
    pub(crate) use crate::tui::form::Row;
    pub(crate) use crate::tui::inert::{inert, inert_multiline};
    pub(crate) use crate::tui::keys::{self, KeyMode, summary};
    pub(crate) use crate::tui::state::{
        Confirm, Overlay, Pending, Prompt, PromptPurpose, State, VoicePicker,
    };
    pub(crate) use crate::tui::update::{
        add_action, ask, change_action_type, confirmed, jump_to, list_cursor, refusal, save_to,
    };
    pub(crate) use crate::tui::view::actions::truncate;
    pub(crate) use crate::tui::view::centered;
    pub(crate) use crate::tui::view::dialogs::{draw_list, popup};
    pub(crate) use ratatui::Frame;
    pub(crate) use ratatui::crossterm::event::{KeyCode, KeyEvent};
    pub(crate) use ratatui::layout::{Constraint, Layout, Rect};
    pub(crate) use ratatui::text::{Line, Span};
    pub(crate) use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
}
