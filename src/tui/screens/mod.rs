//! What has the keyboard when no window is open: navigate mode (in `update`), editing one
//! field, or the raw JSON. Each editing screen keeps its keys and its changes together.

pub mod call;
pub mod field_edit;
pub mod raw;

mod prelude {
    pub(crate) use crate::callflow::Json;
    pub(crate) use crate::callflow::document::{self, cycle_boolean, value_from_text};
    pub(crate) use crate::callflow::params::Editor;
    pub(crate) use crate::callflow::parse::parse;
    pub(crate) use crate::tui::form::{self, Field, Row};
    pub(crate) use crate::tui::keys;
    pub(crate) use crate::tui::overlays::voice_picker;
    pub(crate) use crate::tui::state::{
        Edited, FieldEdit, Mode, Overlay, Pending, RawEdit, State, VoicePicker,
    };
    pub(crate) use crate::tui::update::ask;
    pub(crate) use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    pub(crate) use tui_textarea::TextArea;
}
