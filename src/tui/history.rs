//! Undo and redo of the whole document, as snapshots.

use crate::callflow::Json;

/// How many steps are kept; the oldest go first.
pub const DEPTH: usize = 200;

#[derive(Default, Debug)]
pub struct History {
    undo: Vec<Json>,
    redo: Vec<Json>,
}

impl History {
    /// Records the document as it was before a change.
    pub fn record(&mut self, before: Json) {
        if self.undo.len() == DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(before);
        self.redo.clear();
    }

    /// The document before the last change, keeping `current` for redo.
    pub fn undo(&mut self, current: &Json) -> Option<Json> {
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        Some(previous)
    }

    pub fn redo(&mut self, current: &Json) -> Option<Json> {
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_snapshots() {
        let mut history = History::default();
        let (a, b, c) = (Json::integer(1), Json::integer(2), Json::integer(3));
        history.record(a.clone());
        history.record(b.clone());
        assert_eq!(history.undo(&c), Some(b.clone()));
        assert_eq!(history.undo(&b), Some(a.clone()));
        assert_eq!(history.undo(&a), None);
        assert_eq!(history.redo(&a), Some(b.clone()));
        assert_eq!(history.redo(&b), Some(c));
    }

    #[test]
    fn keeps_the_last_two_hundred_steps() {
        let mut history = History::default();
        for step in 0..250 {
            history.record(Json::integer(step));
        }
        let mut current = Json::Null;
        let mut count = 0;
        while let Some(previous) = history.undo(&current) {
            current = previous;
            count += 1;
        }
        assert_eq!(count, DEPTH);
        assert_eq!(current, Json::integer(50));
    }
}
