//! Every user intent is a value: `update` turns these into state changes and effects.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use std::path::PathBuf;

/// What a key of the key table can be bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Up,
    Down,
    NextPane,
    PreviousPane,
    Activate,
    Add,
    Delete,
    Duplicate,
    MoveDown,
    MoveUp,
    Undo,
    Redo,
    RawJson,
    Copy,
    CopyCurl,
    Findings,
    NextFinding,
    Rules,
    Templates,
    Help,
    Save,
    SaveAs,
    Export,
    Quit,
    PageUp,
    PageDown,
    Palette,
    /// Send the request to the real API (asks first).
    Send,
    /// The first item of the list or form (g, Home).
    First,
    /// The last item (G, End).
    Last,
    /// Back to the shell until `fg` (Ctrl+Z).
    Suspend,
    /// Play the request as a call on the call screen.
    Simulate,
}

/// Everything that can happen to the program.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A bound command (from the key table, the mouse, or a test).
    Command(Command),
    /// A key for whatever has the keyboard: an editor, a picker, a dialog.
    Key(KeyEvent),
    /// Bracketed paste: inserted as text, never read as commands.
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Time passes: the clock for validUntil, and the debounced recovery write.
    Tick(crate::callflow::Instant),
    /// The outcome of a save the event loop carried out.
    Saved(Result<SaveOutcome, String>),
    /// The target changed on disk since it was opened, or another file is there: the save
    /// waits for a confirmation.
    SaveConflict {
        path: PathBuf,
        reason: String,
        adopt_path: bool,
    },
    /// The outcome of a copy the event loop carried out: how it went, or why not.
    Copied(Result<String, String>),
    /// The recovered draft the user accepted at start.
    Recovered(String),
    /// The API's answer to send `id`, or why it could not be asked; it comes from a
    /// background thread, maybe after the user stopped waiting.
    SendAnswered {
        id: u64,
        outcome: Result<crate::io::send::Sent, String>,
    },
    /// The call screen's responder file, read: its text, or why it could not be read.
    ResponderRead {
        path: PathBuf,
        text: Result<String, String>,
    },
    /// A recovery draft was written, or could not be: the status line says so until
    /// drafts work again.
    DraftWritten(Result<(), String>),
    /// The target is read-only: the save waits for the person's word.
    SaveReadOnly {
        path: PathBuf,
        adopt_path: bool,
    },
}

/// A finished save: where, and what is on disk now.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveOutcome {
    pub path: PathBuf,
    /// Whether the document now lives there (a save), or only a copy went (an export).
    pub adopt_path: bool,
    pub stamp: Option<crate::io::document_file::DiskStamp>,
    /// What to say beyond "Saved" (written on one line, hard links kept).
    pub remarks: Vec<String>,
}

/// Work `update` asks the event loop to do in the world outside. Each effect carries
/// everything it needs, so carrying it out never reads the state: its outcome comes back
/// to `update` as an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Save {
        path: PathBuf,
        text: String,
        /// What must be true on disk before writing; else the user is asked.
        guard: SaveGuard,
        /// Keep the document's own path (false for an export).
        adopt_path: bool,
        /// What to add to "Saved" once it is written (the text was put on one line).
        note: Option<String>,
    },
    Copy {
        text: String,
        what: &'static str,
    },
    /// The document that lives at `file` was saved or discarded: its recovery draft goes.
    ClearDraft {
        file: Option<PathBuf>,
    },
    /// Practice moved on (an exercise solved, chosen, skipped or reset): remember it.
    SaveProgress(crate::io::progress::Progress),
    /// Sends the request for real, on a background thread that reports `SendAnswered`.
    Send(super::sending::SendRequest),
    /// The person threw away a draft an earlier run left.
    DiscardDraft {
        draft: crate::io::recovery::Draft,
    },
    /// The person recovered a draft an earlier run left: its text becomes this instance's
    /// own draft first, and only then is the old one removed, so it is never in no place.
    AdoptDraft {
        draft: crate::io::recovery::Draft,
        file: Option<PathBuf>,
        text: String,
    },
    /// Read the call screen's responder file.
    ReadResponder {
        path: PathBuf,
    },
    Quit,
    /// Gives the terminal back and stops the process (SIGTSTP); on SIGCONT the terminal
    /// is taken again, with mouse capture when `mouse`, and the screen drawn anew.
    Suspend {
        mouse: bool,
    },
}

/// What a save checks on disk before it writes.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveGuard {
    /// The document's own file: it must still hold what was opened or last saved (`None`:
    /// nothing was there).
    Unchanged(Option<crate::io::document_file::DiskStamp>),
    /// Another path: nothing may be there yet.
    Absent,
    /// The user confirmed overwriting whatever is there.
    Overwrite,
    /// The user agreed to overwrite a read-only file.
    ReadOnlyAgreed,
}
