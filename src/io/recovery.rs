//! Crash recovery: while a document has unsaved edits, the TUI writes its text here every
//! couple of seconds, and the next run on the same document offers it back (DESIGN §7).
//! Each document has its own draft file, so drafts of different files never mix.

use super::document_file::save_atomic;
use super::file::{describe, read_limited};
// Drafts outlive the program and are read back by later builds, so their names use a
// hash that never changes between Rust versions, which std's hasher does not promise.
use crate::callflow::hash::fnv1a;
use std::fs;
use std::path::{Path, PathBuf};

/// The draft of a document that has no file yet.
const UNTITLED: &str = "untitled.json";

/// The readable part of a draft's name is cut to this many characters; the hash keeps
/// names unique.
const READABLE_NAME_CHARS: usize = 64;

/// `$XDG_STATE_HOME/callflow/recovery`, else `~/.local/state/callflow/recovery`; `None`
/// when neither variable is set.
pub fn recovery_dir() -> Option<PathBuf> {
    super::dirs::state_dir().map(|dir| dir.join("recovery"))
}

/// The draft file for a document: `untitled.json` for a document without a file, else the
/// file's name followed by a hash of its absolute path, e.g. `flow.json-0123456789abcdef.json`.
pub fn recovery_path(document: Option<&Path>) -> Option<PathBuf> {
    recovery_dir().map(|dir| recovery_path_in(&dir, document))
}

/// [`recovery_path`] inside a given folder, which is what tests use: the environment is
/// shared by every thread of a process, so tests do not set it.
pub fn recovery_path_in(dir: &Path, document: Option<&Path>) -> PathBuf {
    match document {
        None => dir.join(UNTITLED),
        Some(document) => dir.join(draft_name(document)),
    }
}

/// Writes the draft atomically, so a crash during the write leaves the previous draft.
pub fn write(document: Option<&Path>, text: &str) -> Result<(), String> {
    let dir =
        recovery_dir().ok_or("no state directory for recovery (set HOME or XDG_STATE_HOME)")?;
    write_in(&dir, document, text)
}

/// Reads the draft, if one exists and is readable text.
pub fn read(document: Option<&Path>) -> Option<String> {
    read_in(&recovery_dir()?, document)
}

/// Removes the draft once the work is safe. Best effort: a draft that cannot be removed
/// is offered again, which loses nothing.
pub fn clear(document: Option<&Path>) {
    if let Some(dir) = recovery_dir() {
        clear_in(&dir, document);
    }
}

fn write_in(dir: &Path, document: Option<&Path>, text: &str) -> Result<(), String> {
    super::dirs::create_private(dir)
        .map_err(|error| format!("{}: {}", dir.display(), describe(&error)))?;
    save_atomic(&recovery_path_in(dir, document), text.as_bytes()).map(|_| ())
}

fn read_in(dir: &Path, document: Option<&Path>) -> Option<String> {
    let bytes = read_limited(&recovery_path_in(dir, document)).ok()?;
    String::from_utf8(bytes).ok()
}

fn clear_in(dir: &Path, document: Option<&Path>) {
    let _ = fs::remove_file(recovery_path_in(dir, document));
}

/// The file's own name, made safe and short, then a hash of where it lives: the name is
/// for a person looking in the folder, the hash for telling `a/flow.json` from
/// `b/flow.json`.
fn draft_name(document: &Path) -> String {
    let location = absolute(document);
    let readable: String = location
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(READABLE_NAME_CHARS)
        .collect();
    format!("{readable}-{:016x}.json", fnv1a(&path_bytes(&location)))
}

/// The document's absolute path, the same before and after the file first exists: the
/// folder is resolved (it usually exists), the file name kept as given.
fn absolute(document: &Path) -> PathBuf {
    let absolute = std::path::absolute(document).unwrap_or_else(|_| document.to_path_buf());
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return absolute;
    };
    match fs::canonicalize(parent) {
        Ok(parent) => parent.join(name),
        Err(_) => absolute,
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("callflow-recovery-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_draft_round_trips_and_is_cleared() {
        let base = scratch("round-trip");
        let dir = base.join("callflow").join("recovery");
        let document = base.join("flow.json");

        assert_eq!(read_in(&dir, Some(&document)), None);
        write_in(&dir, Some(&document), "{\"callflow\": [\n").expect("write creates the folder");
        assert_eq!(
            read_in(&dir, Some(&document)).as_deref(),
            Some("{\"callflow\": [\n")
        );
        write_in(&dir, Some(&document), "{}").expect("write again");
        assert_eq!(read_in(&dir, Some(&document)).as_deref(), Some("{}"));
        assert_eq!(read_in(&dir, None), None, "untitled has its own draft");

        clear_in(&dir, Some(&document));
        assert_eq!(read_in(&dir, Some(&document)), None);
        clear_in(&dir, Some(&document));
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn an_untitled_draft_round_trips() {
        let dir = scratch("untitled");
        write_in(&dir, None, "draft").expect("write");
        assert_eq!(recovery_path_in(&dir, None), dir.join("untitled.json"));
        assert_eq!(read_in(&dir, None).as_deref(), Some("draft"));
        clear_in(&dir, None);
        assert_eq!(read_in(&dir, None), None);
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn the_draft_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("private");
        write_in(&dir, None, "secret").expect("write");
        let mode = fs::metadata(&dir).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn names_are_readable_stable_and_distinct() {
        let dir = Path::new("/state");
        let here = recovery_path_in(dir, Some(Path::new("/tmp/a/flow.json")));
        let again = recovery_path_in(dir, Some(Path::new("/tmp/a/flow.json")));
        let there = recovery_path_in(dir, Some(Path::new("/tmp/b/flow.json")));
        assert_eq!(here, again);
        assert_ne!(here, there);
        let name = here
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("flow.json-"), "{name}");
        assert!(name.ends_with(".json"), "{name}");
        assert_eq!(here.parent(), Some(dir));
    }

    #[test]
    fn a_relative_path_names_the_same_draft_as_its_absolute_form() {
        let dir = Path::new("/state");
        let relative = Path::new("callflow-recovery-relative.json");
        let absolute = std::env::current_dir().expect("cwd").join(relative);
        assert_eq!(
            recovery_path_in(dir, Some(relative)),
            recovery_path_in(dir, Some(&absolute))
        );
    }

    #[test]
    fn odd_file_names_become_safe_draft_names() {
        let dir = Path::new("/state");
        let path = recovery_path_in(dir, Some(Path::new("/tmp/my flow\u{1b}[31m.json")));
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("my_flow__31m.json-"), "{name}");
    }
}
