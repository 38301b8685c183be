//! Undo and redo of the whole document, kept as changes rather than copies.
//!
//! Each step keeps only what an edit changed, with its inverse (as helix-core's history
//! keeps transactions): the run of actions that differ, before and after, and the rest of
//! the request only when that changed too. Duplicating, deleting, moving or editing one
//! action of a thousand keeps one or two actions per step, not a thousand.

use crate::callflow::Json;
use std::collections::VecDeque;

/// How many steps are kept; the oldest go first.
pub const DEPTH: usize = 200;

const ACTIONS: &str = "callflow";

#[derive(Default, Debug)]
pub struct History {
    undo: VecDeque<Change>,
    redo: Vec<Change>,
    /// Each step's number, beside `undo` and `redo`: the document is the saved one
    /// exactly when the step on top is the one that was on top at the save.
    undo_ids: VecDeque<u64>,
    redo_ids: Vec<u64>,
    /// The last number given; 0 stands for the document as opened.
    last_id: u64,
    /// The number on top when the oldest steps were dropped: where undo bottoms out.
    floor_id: u64,
    /// The number on top at the last save (0: as opened).
    saved_id: u64,
}

/// One edit, reversible both ways.
#[derive(Debug)]
enum Change {
    /// `before` replaced by `after` at `at` in the callflow array; `rest` holds the request
    /// without its actions, before and after, when that changed too.
    Splice {
        at: usize,
        before: Vec<Json>,
        after: Vec<Json>,
        rest: Option<Box<(Json, Json)>>,
    },
    /// Documents of another shape (no callflow array): kept whole.
    Whole { before: Json, after: Json },
}

impl History {
    /// Records the edit that turned `before` into `after`; nothing when they are equal.
    pub fn record(&mut self, before: &Json, after: &Json) {
        let Some(change) = Change::between(before, after) else {
            return;
        };
        if self.undo.len() == DEPTH {
            self.undo.pop_front();
            self.floor_id = self.undo_ids.pop_front().unwrap_or(self.floor_id);
        }
        self.undo.push_back(change);
        self.redo.clear();
        self.last_id += 1;
        self.undo_ids.push_back(self.last_id);
        self.redo_ids.clear();
    }

    /// The document as it is now is the one on disk.
    pub fn mark_saved(&mut self) {
        self.saved_id = self.current_id();
    }

    /// Whether undo or redo brought the document back to what was last saved (or opened).
    pub fn at_saved_point(&self) -> bool {
        self.current_id() == self.saved_id
    }

    fn current_id(&self) -> u64 {
        self.undo_ids.back().copied().unwrap_or(self.floor_id)
    }

    /// Takes back the last edit; false when there is none.
    pub fn undo(&mut self, document: &mut Json) -> bool {
        let Some(change) = self.undo.pop_back() else {
            return false;
        };
        change.revert(document);
        self.redo.push(change);
        if let Some(id) = self.undo_ids.pop_back() {
            self.redo_ids.push(id);
        }
        true
    }

    pub fn redo(&mut self, document: &mut Json) -> bool {
        let Some(change) = self.redo.pop() else {
            return false;
        };
        change.apply(document);
        self.undo.push_back(change);
        if let Some(id) = self.redo_ids.pop() {
            self.undo_ids.push_back(id);
        }
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn undo_steps(&self) -> usize {
        self.undo.len()
    }
}

impl Change {
    fn between(before: &Json, after: &Json) -> Option<Change> {
        if before == after {
            return None;
        }
        let (Some(old), Some(new)) = (actions(before), actions(after)) else {
            return Some(Change::whole(before, after));
        };
        let Some(rest_changed) = rest_differs(before, after) else {
            return Some(Change::whole(before, after));
        };
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        Some(Change::Splice {
            at: prefix,
            before: old[prefix..old.len() - suffix].to_vec(),
            after: new[prefix..new.len() - suffix].to_vec(),
            rest: rest_changed.then(|| Box::new((without_actions(before), without_actions(after)))),
        })
    }

    fn whole(before: &Json, after: &Json) -> Change {
        Change::Whole {
            before: before.clone(),
            after: after.clone(),
        }
    }

    /// From the document after the edit to the one before.
    fn revert(&self, document: &mut Json) {
        match self {
            Change::Splice {
                at,
                before,
                after,
                rest,
            } => {
                splice(document, *at, after.len(), before);
                if let Some(rest) = rest {
                    replace_rest(document, &rest.0);
                }
            }
            Change::Whole { before, .. } => *document = before.clone(),
        }
    }

    /// From the document before the edit to the one after.
    fn apply(&self, document: &mut Json) {
        match self {
            Change::Splice {
                at,
                before,
                after,
                rest,
            } => {
                splice(document, *at, before.len(), after);
                if let Some(rest) = rest {
                    replace_rest(document, &rest.1);
                }
            }
            Change::Whole { after, .. } => *document = after.clone(),
        }
    }
}

fn actions(document: &Json) -> Option<&Vec<Json>> {
    document.as_object()?.get(ACTIONS)?.as_array()
}

/// Whether the request outside its actions differs; None when the two do not have the
/// callflow key at the same place (then no splice can describe the change).
fn rest_differs(before: &Json, after: &Json) -> Option<bool> {
    let (old, new) = (before.as_object()?, after.as_object()?);
    let position =
        |object: &crate::callflow::json::Object| object.keys().position(|k| k == ACTIONS);
    if position(old) != position(new) {
        return None;
    }
    let differs = old.len() != new.len()
        || old
            .iter()
            .zip(new.iter())
            .any(|((k1, v1), (k2, v2))| k1 != k2 || (k1 != ACTIONS && v1 != v2));
    Some(differs)
}

/// The request with its actions left out (an empty array holds their place).
fn without_actions(document: &Json) -> Json {
    let mut rest = Json::Object(Default::default());
    if let (Some(object), Some(target)) = (document.as_object(), rest.as_object_mut()) {
        for (key, value) in object.iter() {
            let kept = if key == ACTIONS {
                Json::Array(Vec::new())
            } else {
                value.clone()
            };
            target.insert(key.to_owned(), kept);
        }
    }
    rest
}

fn splice(document: &mut Json, at: usize, remove: usize, insert: &[Json]) {
    let items = document
        .as_object_mut()
        .and_then(|object| object.get_mut(ACTIONS))
        .and_then(Json::as_array_mut);
    if let Some(items) = items {
        items.splice(at..at + remove, insert.iter().cloned());
    }
}

/// Puts `rest` in place of the request around the actions, keeping the actions.
fn replace_rest(document: &mut Json, rest: &Json) {
    let actions = document
        .as_object_mut()
        .and_then(|object| object.get_mut(ACTIONS))
        .map(|actions| std::mem::replace(actions, Json::Null))
        .unwrap_or(Json::Null);
    *document = rest.clone();
    if let Some(object) = document.as_object_mut() {
        object.insert(ACTIONS.to_owned(), actions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::parse::parse;

    fn json(text: &str) -> Json {
        parse(text).unwrap().value
    }

    #[test]
    fn undo_and_redo_walk_the_changes() {
        let mut history = History::default();
        let a = json(r#"{"callflow": [1, 2, 3], "validUntil": "x"}"#);
        let b = json(r#"{"callflow": [1, 9, 2, 3], "validUntil": "x"}"#);
        let c = json(r#"{"callflow": [1, 9, 2], "validUntil": "y"}"#);
        history.record(&a, &b);
        history.record(&b, &c);
        let mut document = c.clone();
        assert!(history.undo(&mut document));
        assert_eq!(document, b);
        assert!(history.undo(&mut document));
        assert_eq!(document, a);
        assert!(!history.undo(&mut document));
        assert!(history.redo(&mut document));
        assert_eq!(document, b);
        assert!(history.redo(&mut document));
        assert_eq!(document, c);
        assert!(!history.redo(&mut document));
    }

    #[test]
    fn a_step_keeps_only_the_actions_that_changed() {
        let mut history = History::default();
        let a = json(r#"{"callflow": [1, 2, 3, 4, 5]}"#);
        let b = json(r#"{"callflow": [1, 2, 4, 3, 5]}"#);
        history.record(&a, &b);
        let Some(Change::Splice {
            at,
            before,
            after,
            rest,
        }) = history.undo.back()
        else {
            panic!("a splice")
        };
        assert_eq!((*at, before.len(), after.len()), (2, 2, 2));
        assert!(rest.is_none());
    }

    #[test]
    fn other_shapes_are_kept_whole_and_still_exact() {
        let mut history = History::default();
        let a = json(r#"{"callflow": [1]}"#);
        let b = json(r#"{"other": [1]}"#);
        history.record(&a, &b);
        let mut document = b.clone();
        history.undo(&mut document);
        assert_eq!(document, a);
        history.redo(&mut document);
        assert_eq!(document, b);
    }

    #[test]
    fn keeps_the_last_two_hundred_steps() {
        let mut history = History::default();
        let mut document = json(r#"{"callflow": []}"#);
        for step in 0..250 {
            let before = document.clone();
            if let Some(items) = document
                .as_object_mut()
                .and_then(|o| o.get_mut(ACTIONS))
                .and_then(Json::as_array_mut)
            {
                items.push(Json::integer(step));
            }
            history.record(&before, &document);
        }
        let mut count = 0;
        while history.undo(&mut document) {
            count += 1;
        }
        assert_eq!(count, DEPTH);
        assert_eq!(actions(&document).map(Vec::len), Some(50));
    }
}
