//! Undo and redo of the raw text. A step keeps only what it changed (the bytes removed and
//! the bytes put in their place), never a copy of the text, so a long session on a large
//! request costs memory in proportion to what was typed.

use std::collections::VecDeque;

/// How many steps undo reaches back; the oldest are forgotten first.
const STEPS_KEPT: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Where the change begins, in bytes.
    pub at: usize,
    pub removed: String,
    pub inserted: String,
    pub cursor_before: usize,
    pub cursor_after: usize,
}

#[derive(Debug, Default)]
pub struct History {
    done: VecDeque<Step>,
    undone: Vec<Step>,
    /// Whether the next typed character may join the last step: a run of typing is undone
    /// as one step, until the cursor moves or something else changes the text.
    typing: bool,
}

impl History {
    /// Records a change; `typed` says it is one character typed at the cursor.
    pub fn record(&mut self, step: Step, typed: bool) {
        self.undone.clear();
        let joins = typed && self.typing && !step.inserted.contains('\n');
        match self.done.back_mut() {
            Some(last) if joins && last.at + last.inserted.len() == step.at => {
                last.inserted.push_str(&step.inserted);
                last.cursor_after = step.cursor_after;
            }
            _ => {
                if self.done.len() == STEPS_KEPT {
                    self.done.pop_front();
                }
                self.done.push_back(step);
            }
        }
        self.typing = typed;
    }

    /// The cursor moved: what is typed next is a new step.
    pub fn break_typing(&mut self) {
        self.typing = false;
    }

    pub fn undo(&mut self) -> Option<&Step> {
        self.typing = false;
        let step = self.done.pop_back()?;
        self.undone.push(step);
        self.undone.last()
    }

    pub fn redo(&mut self) -> Option<&Step> {
        self.typing = false;
        let step = self.undone.pop()?;
        self.done.push_back(step);
        self.done.back()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(at: usize, c: &str) -> Step {
        Step {
            at,
            removed: String::new(),
            inserted: c.to_owned(),
            cursor_before: at,
            cursor_after: at + c.len(),
        }
    }

    #[test]
    fn a_run_of_typing_is_one_step_until_the_cursor_moves() {
        let mut history = History::default();
        history.record(typed(0, "a"), true);
        history.record(typed(1, "b"), true);
        history.break_typing();
        history.record(typed(2, "c"), true);
        assert_eq!(history.undo().map(|s| s.inserted.clone()), Some("c".into()));
        assert_eq!(
            history.undo().map(|s| s.inserted.clone()),
            Some("ab".into())
        );
        assert!(history.undo().is_none());
        assert_eq!(
            history.redo().map(|s| s.inserted.clone()),
            Some("ab".into())
        );
    }

    #[test]
    fn a_new_change_forgets_what_was_undone() {
        let mut history = History::default();
        history.record(typed(0, "a"), true);
        history.undo();
        history.record(typed(0, "b"), false);
        assert!(history.redo().is_none());
    }
}
