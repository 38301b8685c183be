//! The one state of the builder. `update` changes it; the views only read it.

use super::action::Effect;
use super::form::{self, Field, Row};
use super::history::History;
use super::raw_editor::RawEditor;
use super::theme::Theme;
use crate::callflow::export::{Layout, MAX_REQUEST_BYTES, saved_form};
use crate::callflow::print::{action_lines, action_text_within};
use crate::callflow::{Context, Json, Revalidator, Verdict, validate, validate_text};
use crate::io::document_file::DiskStamp;
use std::ops::Range;
use std::path::PathBuf;
use tui_textarea::TextArea;

/// Which pane has the keyboard in navigate mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Actions,
    Form,
    Preview,
}

/// What the keyboard drives.
#[derive(Debug)]
pub enum Mode {
    /// Single letters act (the key table).
    Navigate,
    /// A field has the keys; Esc leaves.
    /// (Boxed: a text area is large beside the other modes.)
    EditField(Box<FieldEdit>),
    /// The whole request as text; Esc returns to the forms once it parses.
    Raw(RawEdit),
    /// A call played on the simulator (`screens::call`); Esc returns to the forms.
    Call(Box<super::screens::call::CallScreen>),
}

#[derive(Debug)]
pub struct FieldEdit {
    pub row: Row,
    pub field: Field,
    pub textarea: TextArea<'static>,
    /// The document before the edit began: one undo step per edit, and what Esc restores.
    pub before: Json,
    /// Whether the work was unsaved before the edit: an edit that changes nothing leaves
    /// that as it was.
    pub was_dirty: bool,
    /// Where the parameter stood in its object, so emptying and retyping it keeps its place.
    pub slot: Option<usize>,
}

#[derive(Debug)]
pub struct RawEdit {
    pub editor: RawEditor,
}

impl RawEdit {
    pub fn new(text: &str) -> RawEdit {
        RawEdit {
            editor: RawEditor::new(text),
        }
    }
}

/// A window over the main screen.
#[derive(Debug)]
pub enum Overlay {
    Help,
    AddPicker {
        cursor: usize,
        replace: Option<usize>,
    },
    VoicePicker(VoicePicker),
    Findings {
        cursor: usize,
    },
    Rules(super::overlays::rules::Browser),
    /// Practice mode's list of exercises.
    Exercises {
        cursor: usize,
    },
    Templates {
        cursor: usize,
    },
    Confirm(Confirm),
    Prompt(Prompt),
    Palette(super::overlays::palette::Palette),
    Send(super::overlays::send::SendPanel),
    /// Drafts that earlier runs left, offered at start.
    Drafts(super::overlays::drafts::Drafts),
}

#[derive(Debug)]
pub struct VoicePicker {
    pub index: usize,
    pub filter: TextArea<'static>,
    pub cursor: usize,
}

/// A yes/no question; some offer a third answer (save, then quit).
#[derive(Debug)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
    pub on_save: Option<Pending>,
}

/// What a confirmed question does.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Quit,
    SaveThenQuit,
    Copy,
    CopyCurl,
    DiscardRaw,
    Overwrite {
        path: PathBuf,
        text: String,
        adopt_path: bool,
    },
    Export(PathBuf),
    /// Save to the path although the file's repeated keys lose their earlier values.
    SaveDroppingRepeated(PathBuf),
    /// Overwrite a read-only file the person agreed to replace.
    OverwriteReadOnly {
        path: PathBuf,
        text: String,
        adopt_path: bool,
    },
}

#[derive(Debug)]
pub struct Prompt {
    pub title: &'static str,
    pub textarea: TextArea<'static>,
    pub purpose: PromptPurpose,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptPurpose {
    SaveAs,
    Export,
}

/// What an edit changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    Document,
    RawText,
}

/// A one-line message in the status bar until the next key.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub text: String,
    pub is_error: bool,
}

pub use super::practice::Practice;

/// Everything the builder is, in three parts: the document being edited (what is saved),
/// what is derived from it (recomputed on every edit through `edited`), and the screen.
pub struct State {
    pub session: Session,
    pub derived: Derived,
    pub screen: Screen,
    pub context: Context,
    /// Work for the loop to carry out in the world; their outcomes come back as actions.
    pub effects: Vec<Effect>,
    pub quit_after_save: bool,
    pub practice: Option<Practice>,
    /// How to reach the real API, read once at start; or what to set, in one line.
    pub api: Result<crate::io::credentials::ApiSettings, String>,
    /// Sends started and answered so far: each answer names its send, so a late one is
    /// told apart, and quitting knows when an answer is still due.
    pub sends: super::overlays::send::SendCount,
}

/// The document being edited and its life on disk.
pub struct Session {
    pub document: Json,
    pub history: History,
    pub file: Option<PathBuf>,
    pub disk_stamp: Option<DiskStamp>,
    pub dirty: bool,
    /// Counts document changes, so the event loop knows when the recovery draft is stale.
    pub generation: u64,
    /// Keys the file gives twice: warned of, and asked about before a save drops the
    /// earlier values; empty once a save has written the document.
    pub repeated_keys: Vec<crate::callflow::repeated::RepeatedKey>,
    /// Why the last recovery draft could not be written; shown until one is written again.
    pub draft_failure: Option<String>,
}

/// What follows from the document (or the raw text): never edited directly.
pub struct Derived {
    pub verdict: Verdict,
    /// The raw text changed since `verdict` was computed. A burst of keys (a fast typist,
    /// a paste without bracketed paste) is checked once, at its end, rather than once a
    /// key: on a request of megabytes each check costs a parse of it.
    pub verdict_pending: bool,
    /// Remembers what each action found, so that a keystroke re-checks one action.
    pub revalidator: Revalidator,
    /// The exact bytes export and save write, kept in step with the document: indented,
    /// or on one line when indented it would pass the 16 MiB callflow opens.
    pub printed: String,
    pub layout: Layout,
    /// The lines of each action in `printed` (none when it is on one line).
    pub action_lines: Vec<Range<usize>>,
}

/// What the user sees and where the keyboard is.
pub struct Screen {
    pub mode: Mode,
    pub overlay: Option<Overlay>,
    pub pane: Pane,
    pub row_index: usize,
    pub field_index: usize,
    pub preview_scroll: usize,
    pub flash: Option<Flash>,
    pub size: (u16, u16),
    pub mouse: bool,
    /// Where the last frame drew the panes; None before the first frame.
    pub hit_map: Option<super::hit_map::HitMap>,
    pub theme: Theme,
}

impl State {
    pub fn new(document: Json, context: Context, file: Option<PathBuf>) -> State {
        let mut state = State {
            derived: Derived {
                verdict: validate(&document, &context),
                verdict_pending: false,
                revalidator: Revalidator::default(),
                printed: String::new(),
                layout: Layout::Pretty,
                action_lines: Vec::new(),
            },
            session: Session {
                document,
                history: History::default(),
                file,
                disk_stamp: None,
                dirty: false,
                generation: 0,
                repeated_keys: Vec::new(),
                draft_failure: None,
            },
            context,
            screen: Screen {
                mode: Mode::Navigate,
                overlay: None,
                pane: Pane::Actions,
                row_index: 1,
                field_index: 0,
                preview_scroll: 0,
                flash: None,
                size: (80, 24),
                mouse: true,
                hit_map: None,
                theme: Theme::from_env(),
            },
            effects: Vec::new(),
            quit_after_save: false,
            practice: None,
            api: Err(crate::io::credentials::not_read_yet()),
            sends: Default::default(),
        };
        state.refresh();
        state
    }

    /// Opens the program in raw JSON mode on a text that is not (yet) a JSON object.
    pub fn new_raw(text: &str, context: Context, file: Option<PathBuf>) -> State {
        let mut state = State::new(crate::callflow::document::empty(), context, file);
        state.screen.mode = Mode::Raw(RawEdit::new(text));
        state.refresh_verdict();
        state
    }

    /// Recomputes everything derived from the document.
    pub fn refresh(&mut self) {
        let form = saved_form(&self.session.document);
        self.derived.action_lines = match form.layout {
            Layout::Pretty => action_lines(&self.session.document),
            _ => Vec::new(),
        };
        self.derived.printed = form.text;
        self.derived.layout = form.layout;
        self.refresh_verdict();
        self.screen.row_index = self.screen.row_index.min(self.row_count() - 1);
        let field_count = self.fields().len();
        self.screen.field_index = self.screen.field_index.min(field_count.saturating_sub(1));
    }

    /// Checks the raw text if it changed since the verdict was computed.
    pub fn settle_verdict(&mut self) {
        if self.derived.verdict_pending {
            self.refresh_verdict();
        }
    }

    /// The verdict of what the user sees: the raw text in raw mode, else the document.
    pub fn refresh_verdict(&mut self) {
        self.refresh_verdict_after(None);
    }

    /// The same, told which action alone was edited (when that is known), so that the
    /// others are not even compared with what was checked last time.
    fn refresh_verdict_after(&mut self, edited_action: Option<usize>) {
        self.derived.verdict_pending = false;
        let (document, context) = (&self.session.document, &self.context);
        let revalidator = &mut self.derived.revalidator;
        self.derived.verdict = match (&self.screen.mode, edited_action) {
            (Mode::Raw(raw), _) => validate_text(raw.editor.text(), context),
            // Keys given twice in the file are warned about as `validate --all` does; the
            // replay cache knows nothing of them, so such a document is checked whole.
            _ if !self.session.repeated_keys.is_empty() => {
                crate::callflow::validate::validate_with_repeated(
                    document,
                    &self.session.repeated_keys,
                    context,
                )
            }
            (_, Some(index)) => revalidator.validate_after_edit(document, context, index),
            (_, None) => revalidator.validate(document, context),
        };
        super::practice::judge(self);
    }

    /// Applies a change to the document as one undo step.
    pub fn change(&mut self, edit: impl FnOnce(&mut Json)) {
        let before = self.session.document.clone();
        edit(&mut self.session.document);
        self.commit(&before);
    }

    /// One action changed in place (a keystroke in its form): the same path as `edited`,
    /// but only that action is printed again and spliced into the preview text, so a
    /// keystroke costs one action's printing, not the whole request's.
    pub fn edited_action(&mut self, index: usize) {
        if !self.splice_action(index) {
            return self.edited(Edited::Document);
        }
        self.session.dirty = true;
        self.session.generation += 1;
        self.refresh_verdict_after(Some(index));
        debug_assert_eq!(
            self.derived.printed,
            saved_form(&self.session.document).text,
            "the splice is exact"
        );
    }

    /// Re-prints action `index` into `printed`; false when the document has no such action,
    /// `printed` is on one line, or the action grew so large that it no longer fits indented.
    fn splice_action(&mut self, index: usize) -> bool {
        let (Some(action), Some(lines)) = (
            crate::callflow::document::actions(&self.session.document).get(index),
            self.derived.action_lines.get(index).cloned(),
        ) else {
            return false;
        };
        let start = line_start(&self.derived.printed, lines.start);
        let end = line_start(&self.derived.printed, lines.end);
        let old = &self.derived.printed[start..end];
        let comma = if old.trim_end().ends_with(',') {
            ","
        } else {
            ""
        };
        // The rest of the text, and the indentation, comma and line break around the action.
        let taken = self.derived.printed.len() - old.len() + "    ,\n".len();
        let Some(text) = action_text_within(action, MAX_REQUEST_BYTES.saturating_sub(taken)) else {
            return false;
        };
        let new = format!("    {text}{comma}\n");
        let delta = new.matches('\n').count() as isize - lines.len() as isize;
        self.derived.printed.replace_range(start..end, &new);
        for (later, range) in self.derived.action_lines.iter_mut().enumerate().skip(index) {
            let shift = |line: usize| line.saturating_add_signed(delta);
            *range = if later == index {
                range.start..shift(range.end)
            } else {
                shift(range.start)..shift(range.end)
            };
        }
        true
    }

    /// Records the document's change since `before` as one undo step, and marks it edited.
    pub fn commit(&mut self, before: &Json) {
        if self.session.document == *before {
            return self.refresh();
        }
        self.session.history.record(before, &self.session.document);
        self.edited(Edited::Document);
    }

    /// The one path every edit takes: the work is unsaved, the recovery draft is stale, and
    /// what derives from the edited thing is recomputed.
    pub fn edited(&mut self, what: Edited) {
        self.session.dirty = true;
        self.session.generation += 1;
        match what {
            Edited::Document => self.refresh(),
            // The raw text alone decides the verdict until raw mode ends; it is checked
            // when the burst of input ends (`settle_verdict`).
            Edited::RawText => self.derived.verdict_pending = true,
        }
    }

    pub fn action_count(&self) -> usize {
        crate::callflow::document::actions(&self.session.document).len()
    }

    /// Request, each action, then "add action".
    pub fn row_count(&self) -> usize {
        self.action_count() + 2
    }

    pub fn row(&self) -> Row {
        row_at(self.screen.row_index, self.action_count())
    }

    pub fn select_row(&mut self, row: Row) {
        self.screen.row_index = match row {
            Row::Request => 0,
            Row::Action(index) => (index + 1).min(self.action_count()),
            Row::Add => self.action_count() + 1,
        };
        self.screen.field_index = 0;
    }

    pub fn selected_action(&self) -> Option<usize> {
        match self.row() {
            Row::Action(index) => Some(index),
            _ => None,
        }
    }

    pub fn fields(&self) -> Vec<Field> {
        form::fields(&self.session.document, self.row())
    }

    pub fn field(&self) -> Option<Field> {
        self.fields().into_iter().nth(self.screen.field_index)
    }

    /// The text that save and copy take: the raw text as typed in raw mode.
    pub fn output_text(&self) -> String {
        match &self.screen.mode {
            Mode::Raw(raw) => {
                let mut text = raw.editor.text().to_owned();
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                text
            }
            _ => self.derived.printed.clone(),
        }
    }

    pub fn flash(&mut self, text: impl Into<String>) {
        self.screen.flash = Some(Flash {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn flash_error(&mut self, text: impl Into<String>) {
        self.screen.flash = Some(Flash {
            text: text.into(),
            is_error: true,
        });
    }

    pub fn file_name(&self) -> String {
        match &self.session.file {
            Some(path) => path.display().to_string(),
            None => "untitled".to_owned(),
        }
    }
}

/// The byte where line `line` (0-based) of `text` starts; the end when there is none.
fn line_start(text: &str, line: usize) -> usize {
    if line == 0 {
        return 0;
    }
    // Newlines are counted a block at a time (a loop the compiler vectorizes), and only
    // the block holding the line is searched byte by byte: a search for '\n' as a
    // pattern restarted at every line, and was most of a keystroke's time at 2,000
    // actions.
    // 255 bytes hold at most 255 newlines: the count fits the byte-wide lanes.
    const BLOCK: usize = 255;
    let mut before = 0;
    for (number, block) in text.as_bytes().chunks(BLOCK).enumerate() {
        let newlines = usize::from(
            block
                .iter()
                .map(|&byte| u8::from(byte == b'\n'))
                .sum::<u8>(),
        );
        if before + newlines >= line {
            let newline_at = block
                .iter()
                .enumerate()
                .filter(|&(_, &byte)| byte == b'\n')
                .nth(line - before - 1)
                .map_or(block.len(), |(at, _)| at);
            return number * BLOCK + newline_at + 1;
        }
        before += newlines;
    }
    text.len()
}

pub fn row_at(index: usize, action_count: usize) -> Row {
    match index {
        0 => Row::Request,
        index if index <= action_count => Row::Action(index - 1),
        _ => Row::Add,
    }
}

#[cfg(test)]
mod tests {
    use super::line_start;

    #[test]
    fn line_start_finds_every_line_across_blocks() {
        let text: String = (0..400)
            .map(|n| format!("{}\n", "x".repeat(n % 7)))
            .collect();
        let mut expected = vec![0];
        expected.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        for (line, start) in expected.iter().enumerate() {
            assert_eq!(line_start(&text, line), *start, "line {line}");
        }
        assert_eq!(line_start(&text, expected.len() + 3), text.len());
    }
}
