//! Where practice mode (`callflow learn`) keeps its own state, apart from the builder's
//! recovery drafts: the exercise it was on and the exercises solved, by status code, in
//! `$XDG_STATE_HOME/callflow/learn.json` (else `~/.local/state/callflow/learn.json`).
//! Codes rather than positions, so a reordered list keeps what was solved.

use std::path::PathBuf;

/// What practice mode remembers between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The status code of the exercise open when the run ended; None: the first.
    pub current: Option<i32>,
    /// The status codes of the exercises solved.
    pub solved: Vec<i32>,
    /// An older callflow kept only `{"next": N}`: the exercises before N were solved.
    pub legacy_next: Option<usize>,
}

pub fn path() -> Option<PathBuf> {
    super::dirs::state_dir().map(|dir| dir.join("learn.json"))
}

/// What was saved; nothing solved when nothing (readable) was.
pub fn load() -> Progress {
    let Some(text) = path().and_then(|path| std::fs::read_to_string(path).ok()) else {
        return Progress::default();
    };
    from_json(&text)
}

/// Reads `{"current": -1006, "solved": [-1002, -1003]}`; anything unreadable counts as
/// nothing saved.
pub fn from_json(text: &str) -> Progress {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let code = |value: &serde_json::Value| value.as_i64().and_then(|n| i32::try_from(n).ok());
    Progress {
        current: code(&value["current"]),
        solved: value["solved"]
            .as_array()
            .map(|codes| codes.iter().filter_map(code).collect())
            .unwrap_or_default(),
        legacy_next: value["next"]
            .as_u64()
            .and_then(|next| usize::try_from(next).ok()),
    }
}

pub fn to_json(progress: &Progress) -> String {
    let solved: Vec<String> = progress.solved.iter().map(i32::to_string).collect();
    let current = progress
        .current
        .map_or("null".to_owned(), |code| code.to_string());
    format!(
        "{{\"current\": {current}, \"solved\": [{}]}}\n",
        solved.join(", ")
    )
}

pub fn save(progress: &Progress) -> Result<(), String> {
    let path = path().ok_or("no state directory (set HOME or XDG_STATE_HOME)")?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| super::file::describe(&e))?;
    }
    super::document_file::save_atomic(&path, to_json(progress).as_bytes()).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips() {
        let progress = Progress {
            current: Some(-1006),
            solved: vec![-1002, -1003],
            legacy_next: None,
        };
        assert_eq!(from_json(&to_json(&progress)), progress);
        assert_eq!(
            from_json(&to_json(&Progress::default())),
            Progress::default()
        );
    }

    #[test]
    fn an_older_next_is_read() {
        assert_eq!(from_json("{\"next\": 3}\n").legacy_next, Some(3));
    }

    #[test]
    fn unreadable_progress_is_none() {
        assert_eq!(from_json("{\"next\": 3"), Progress::default());
        assert_eq!(from_json("[1, 2]"), Progress::default());
    }
}
