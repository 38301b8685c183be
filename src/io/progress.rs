//! Where practice mode keeps its progress: the index of the next exercise, in
//! `$XDG_STATE_HOME/callflow/learn.json` (else `~/.local/state/callflow/learn.json`).

use std::path::PathBuf;

pub fn path() -> Option<PathBuf> {
    super::dirs::state_dir().map(|dir| dir.join("learn.json"))
}

/// The next exercise; 0 when nothing (readable) was saved.
pub fn load() -> usize {
    let Some(text) = path().and_then(|path| std::fs::read_to_string(path).ok()) else {
        return 0;
    };
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    value["next"].as_u64().map_or(0, |next| next as usize)
}

pub fn save(next: usize) -> Result<(), String> {
    let path = path().ok_or("no state directory (set HOME or XDG_STATE_HOME)")?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| super::file::describe(&e))?;
    }
    let text = format!("{{\"next\": {next}}}\n");
    super::document_file::save_atomic(&path, text.as_bytes()).map(|_| ())
}
