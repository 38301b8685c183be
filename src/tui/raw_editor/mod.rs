//! The raw JSON editor. It holds the request as one string (see [`text`]), so checking,
//! saving and drafting read it without a copy, and it draws only the lines on the screen:
//! a keystroke on a 16 MiB request costs about what one parse of it costs. (ratatui-textarea,
//! which the field editors use, measures the whole text again on every edit.)

mod columns;
mod history;
mod input;
mod moves;
mod text;

pub use columns::{char_width, width};
pub use moves::Move;

use history::{History, Step};
use input::{Command, command_of};
use ratatui::crossterm::event::KeyEvent;
use std::cell::Cell;
use std::ops::Range;
use text::LinedText;

/// (Not `Clone`: it may hold megabytes, and nothing needs a second copy.)
#[derive(Debug)]
pub struct RawEditor {
    text: LinedText,
    /// The cursor, a byte offset on a char boundary.
    cursor: usize,
    /// The other end of the selection, while there is one.
    anchor: Option<usize>,
    /// The display column that up and down keep to, from the first of a run of them.
    goal_column: Option<usize>,
    history: History,
    /// What the last kill, cut or copy took: Ctrl+Y puts it back.
    yank: String,
    /// Where drawing last left the view: it follows the cursor at the next frame.
    view: Cell<View>,
}

/// The part of the text on the screen: the first row and column shown, and how many rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    pub top: usize,
    pub left: usize,
    pub rows: usize,
}

/// Indentation is two spaces, as callflow prints JSON.
const INDENT: usize = 2;

impl RawEditor {
    /// The editor on `text`, with its line endings made `\n` and no trailing line breaks
    /// (a save puts one back).
    pub fn new(text: &str) -> RawEditor {
        let text = text.trim_end_matches('\n');
        let text = if text.contains('\r') {
            let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
            lines.join("\n")
        } else {
            text.to_owned()
        };
        RawEditor {
            text: LinedText::new(text),
            cursor: 0,
            anchor: None,
            goal_column: None,
            history: History::default(),
            yank: String::new(),
            view: Cell::new(View::default()),
        }
    }

    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    pub fn line_count(&self) -> usize {
        self.text.line_count()
    }

    pub fn line(&self, row: usize) -> &str {
        self.text.line(row)
    }

    pub fn line_start(&self, row: usize) -> usize {
        self.text.line_start(row)
    }

    /// The cursor as a row and a count of characters into it.
    pub fn cursor(&self) -> (usize, usize) {
        let row = self.cursor_row();
        let start = self.text.line_start(row);
        (row, self.text()[start..self.cursor].chars().count())
    }

    pub fn cursor_row(&self) -> usize {
        self.text.row_of(self.cursor)
    }

    /// The cursor as a byte offset into [`Self::text`].
    pub fn cursor_byte(&self) -> usize {
        self.cursor
    }

    /// The display column of the cursor on its line.
    pub fn cursor_column(&self) -> usize {
        moves::column_of(&self.text, self.cursor)
    }

    /// The selected bytes, when some are selected.
    pub fn selection(&self) -> Option<Range<usize>> {
        let anchor = self.anchor.filter(|anchor| *anchor != self.cursor)?;
        Some(anchor.min(self.cursor)..anchor.max(self.cursor))
    }

    pub fn view(&self) -> &Cell<View> {
        &self.view
    }

    /// What `key` would copy or cut to the clipboard: the selection, when it is a copy or
    /// cut key and something is selected.
    pub fn copied_by(&self, key: &KeyEvent) -> Option<&str> {
        match command_of(key) {
            Some(Command::Copy | Command::Cut) => self.selection().map(|range| &self.text()[range]),
            _ => None,
        }
    }

    /// Handles a key; true when the text changed.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        match command_of(&key) {
            Some(command) => self.run(command),
            None => false,
        }
    }

    /// Puts `text` at the cursor (over the selection), as a paste does.
    pub fn insert_str(&mut self, text: &str) -> bool {
        self.replace_selection(text, false)
    }

    pub fn move_cursor(&mut self, to: Move) {
        self.move_to(to, false);
    }

    /// A click on the text: the cursor goes to the character drawn at `column` of screen
    /// row `row` (both counted in the text's area), or the end of a shorter line.
    pub fn click(&mut self, row: usize, column: usize) {
        let view = self.view.get();
        let row = (view.top + row).min(self.line_count() - 1);
        let at = columns::byte_at_column(self.line(row), view.left + column);
        self.land(self.line_start(row) + at);
        self.history.break_typing();
    }

    /// The mouse wheel: the cursor moves `rows` down (up when negative), and the view with it.
    pub fn scroll(&mut self, rows: isize) {
        let to = if rows < 0 { Move::Up } else { Move::Down };
        for _ in 0..rows.unsigned_abs() {
            self.move_to(to, false);
        }
    }

    pub fn undo(&mut self) -> bool {
        let Some(step) = self.history.undo() else {
            return false;
        };
        let (range, cursor) = (step.at..step.at + step.inserted.len(), step.cursor_before);
        self.text.replace(range, &step.removed);
        self.land(cursor);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(step) = self.history.redo() else {
            return false;
        };
        let (range, cursor) = (step.at..step.at + step.removed.len(), step.cursor_after);
        self.text.replace(range, &step.inserted);
        self.land(cursor);
        true
    }

    fn run(&mut self, command: Command) -> bool {
        match command {
            Command::Move { to, select } => {
                self.move_to(to, select);
                false
            }
            Command::Type(c) => self.replace_selection(c.encode_utf8(&mut [0; 4]), true),
            Command::LineBreak => self.replace_selection("\n", false),
            Command::Indent => {
                let spaces = INDENT - self.cursor_column() % INDENT;
                self.replace_selection(&" ".repeat(spaces), false)
            }
            Command::DeleteBack => self.delete_to(Move::Back, false),
            Command::DeleteForward => self.delete_to(Move::Forward, false),
            Command::KillToLineEnd => self.kill_to_line_end(),
            Command::KillToLineStart => self.delete_to(Move::LineStart, true),
            Command::DeleteWordBack => self.delete_to(Move::WordBack, true),
            Command::DeleteWordForward => {
                let end = moves::next_word_end(self.text(), self.cursor);
                self.delete_selection_or(self.cursor..end, true)
            }
            Command::Yank => {
                let yank = self.yank.clone();
                self.replace_selection(&yank, false)
            }
            Command::Cut => match self.selection() {
                Some(selected) => self.delete_selection_or(selected, true),
                None => false,
            },
            Command::Copy => {
                if let Some(selected) = self.selection() {
                    self.yank = self.text()[selected].to_owned();
                    self.anchor = None;
                }
                false
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
        }
    }

    fn move_to(&mut self, to: Move, select: bool) {
        if select {
            self.anchor.get_or_insert(self.cursor);
        } else {
            self.anchor = None;
        }
        let column = match (to.is_vertical(), self.goal_column) {
            (true, Some(column)) => column,
            _ => self.cursor_column(),
        };
        let page = self.view.get().rows;
        self.cursor = moves::destination(&self.text, self.cursor, to, column, page);
        self.goal_column = to.is_vertical().then_some(column);
        self.history.break_typing();
    }

    /// Ctrl+K: the rest of the line, or the line break when nothing is left of it.
    fn kill_to_line_end(&mut self) -> bool {
        let end = self.text.line_end(self.text.row_of(self.cursor));
        let end = if end == self.cursor {
            moves::destination(&self.text, self.cursor, Move::Forward, 0, 0)
        } else {
            end
        };
        self.delete_selection_or(self.cursor..end, true)
    }

    /// Deletes from the cursor to where `to` would move it (or the selection).
    fn delete_to(&mut self, to: Move, kill: bool) -> bool {
        let there = moves::destination(&self.text, self.cursor, to, 0, 0);
        let range = there.min(self.cursor)..there.max(self.cursor);
        self.delete_selection_or(range, kill)
    }

    /// Deletes the selection if there is one, else `range`; a kill keeps what it took.
    fn delete_selection_or(&mut self, range: Range<usize>, kill: bool) -> bool {
        let range = self.selection().unwrap_or(range);
        if kill && !range.is_empty() {
            self.yank = self.text()[range.clone()].to_owned();
        }
        self.replace(range, "", false)
    }

    fn replace_selection(&mut self, with: &str, typed: bool) -> bool {
        let range = self.selection().unwrap_or(self.cursor..self.cursor);
        self.replace(range, with, typed)
    }

    fn replace(&mut self, range: Range<usize>, with: &str, typed: bool) -> bool {
        if range.is_empty() && with.is_empty() {
            self.anchor = None;
            return false;
        }
        let step = Step {
            at: range.start,
            removed: self.text()[range.clone()].to_owned(),
            inserted: with.to_owned(),
            cursor_before: self.cursor,
            cursor_after: range.start + with.len(),
        };
        self.text.replace(range, with);
        self.land(step.cursor_after);
        self.history.record(step, typed);
        true
    }

    fn land(&mut self, at: usize) {
        self.cursor = at.min(self.text.len());
        self.anchor = None;
        self.goal_column = None;
    }
}

#[cfg(test)]
mod tests;
