//! Crash recovery: while a document has unsaved edits, the builder writes its text here,
//! and a later run on the same document offers it back (DESIGN §7).
//!
//! Every running instance writes its own draft, `NAME-HASH~INSTANCE.json` (NAME and HASH
//! name the document, INSTANCE the process), and holds a lock on `NAME-HASH~INSTANCE.lock`
//! from its first draft until it exits. The kernel releases the lock when a process dies,
//! however it dies, so a draft whose lock is free belongs to an instance that is gone: only
//! those are offered ([`surviving_drafts`]), newest first. Two instances on one file never
//! overwrite or delete each other's work. Drafts are private (0600) and read without the
//! 16 MiB limit of request files, since a draft holds whatever was typed.

use super::document_file::save_private;
use super::file::describe;
// Drafts outlive the program and are read back by later builds, so their names use a
// hash that never changes between Rust versions, which std's hasher does not promise.
use crate::callflow::hash::fnv1a;
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::SystemTime;

/// The draft of a document that has no file yet.
const UNTITLED: &str = "untitled";

/// The readable part of a draft's name is cut to this many characters; the hash keeps
/// names unique.
const READABLE_NAME_CHARS: usize = 64;

/// Between the document's part of a draft's name and the instance's.
const INSTANCE_MARK: char = '~';

/// A draft left by an instance that is no longer running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub path: PathBuf,
    /// When it was last written: the prompt shows it, and the newest comes first.
    pub written_at: SystemTime,
}

impl Draft {
    /// The draft's text, however large: it is the user's work, never refused for size.
    pub fn text(&self) -> Result<String, String> {
        let bytes = fs::read(&self.path)
            .map_err(|error| format!("{}: {}", self.path.display(), describe(&error)))?;
        String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", self.path.display()))
    }
}

/// `$XDG_STATE_HOME/callflow/recovery`, else `~/.local/state/callflow/recovery`; `None`
/// when neither variable is set.
pub fn recovery_dir() -> Option<PathBuf> {
    super::dirs::state_dir().map(|dir| dir.join("recovery"))
}

/// This instance's draft for a document: `untitled~INSTANCE.json` for a document without
/// a file, else the file's name, a hash of its absolute path and the instance, e.g.
/// `flow.json-0123456789abcdef~4242-18c2f3a9b.json`.
pub fn recovery_path(document: Option<&Path>) -> Option<PathBuf> {
    recovery_dir().map(|dir| recovery_path_in(&dir, document))
}

/// [`recovery_path`] inside a given folder, which is what tests use: the environment is
/// shared by every thread of a process, so tests do not set it.
pub fn recovery_path_in(dir: &Path, document: Option<&Path>) -> PathBuf {
    dir.join(format!(
        "{}{INSTANCE_MARK}{}.json",
        document_stem(document),
        *INSTANCE
    ))
}

/// Every draft of the document left by instances that are gone, newest first. Drafts of
/// running instances (this one included) are not listed: they are still being written.
pub fn surviving_drafts(document: Option<&Path>) -> Vec<Draft> {
    recovery_dir().map_or_else(Vec::new, |dir| surviving_in(&dir, document))
}

/// Writes this instance's draft atomically (a crash during the write leaves the previous
/// one), first taking this instance's lock so that no other instance offers it.
pub fn write(document: Option<&Path>, text: &str) -> Result<(), String> {
    let dir =
        recovery_dir().ok_or("no state directory for recovery (set HOME or XDG_STATE_HOME)")?;
    write_in(&dir, document, text)
}

/// Removes a draft the person chose to throw away, with its lock file.
pub fn discard(draft: &Draft) {
    remove_with_lock(&draft.path);
}

/// Removes this instance's own draft and nothing else, once its work is saved or thrown
/// away: drafts other runs left go only when the person discards them ([`discard`]).
pub fn clear_own(document: Option<&Path>) {
    if let Some(draft) = recovery_path(document) {
        remove_with_lock(&draft);
    }
}

/// The newest surviving draft's text, if any; the draft is then this instance's to clear
/// (see [`clear`]) once its content is safe.
pub fn read(document: Option<&Path>) -> Option<String> {
    read_in(&recovery_dir()?, document)
}

/// Removes this instance's draft and the drafts it took over with [`read`], once the work
/// is safe. Best effort: a draft that cannot be removed is offered again, which loses
/// nothing.
pub fn clear(document: Option<&Path>) {
    if let Some(dir) = recovery_dir() {
        clear_in(&dir, document);
    }
}

/// Who this process is among instances: its id and when it started, since ids are reused.
static INSTANCE: LazyLock<String> = LazyLock::new(|| {
    let started = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    format!("{}-{started:x}", std::process::id())
});

/// The locks this instance holds, by draft path, kept open until the draft is cleared.
static HELD_LOCKS: LazyLock<Mutex<HashMap<PathBuf, File>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Drafts of instances that are gone, taken over by this one through [`read`].
static TAKEN_OVER: LazyLock<Mutex<Vec<PathBuf>>> = LazyLock::new(|| Mutex::new(Vec::new()));

fn write_in(dir: &Path, document: Option<&Path>, text: &str) -> Result<(), String> {
    super::dirs::create_private(dir)
        .map_err(|error| format!("{}: {}", dir.display(), describe(&error)))?;
    let draft = recovery_path_in(dir, document);
    hold_lock(&draft)?;
    save_private(&draft, text.as_bytes())
}

fn read_in(dir: &Path, document: Option<&Path>) -> Option<String> {
    let newest = surviving_in(dir, document).into_iter().next()?;
    let text = newest.text().ok()?;
    if let Ok(mut taken) = TAKEN_OVER.lock() {
        taken.push(newest.path);
    }
    Some(text)
}

fn clear_in(dir: &Path, document: Option<&Path>) {
    remove_with_lock(&recovery_path_in(dir, document));
    let taken = TAKEN_OVER
        .lock()
        .map(|mut taken| std::mem::take(&mut *taken))
        .unwrap_or_default();
    for draft in taken {
        remove_with_lock(&draft);
    }
}

fn surviving_in(dir: &Path, document: Option<&Path>) -> Vec<Draft> {
    let stem = document_stem(document);
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut drafts: Vec<Draft> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| is_draft_of(path, &stem) && !is_live(path))
        .filter_map(|path| {
            let written_at = fs::metadata(&path).and_then(|m| m.modified()).ok()?;
            Some(Draft { path, written_at })
        })
        .collect();
    drafts.sort_by_key(|draft| std::cmp::Reverse(draft.written_at));
    drafts
}

/// `STEM~INSTANCE.json`, or `STEM.json` as drafts were named before instances had their own.
fn is_draft_of(path: &Path, stem: &str) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    let Some(rest) = name.strip_prefix(stem) else {
        return false;
    };
    rest == ".json"
        || rest
            .strip_prefix(INSTANCE_MARK)
            .and_then(|rest| rest.strip_suffix(".json"))
            .is_some_and(|instance| !instance.is_empty() && !instance.contains(INSTANCE_MARK))
}

/// Whether the instance that writes this draft still runs: its lock is held.
fn is_live(draft: &Path) -> bool {
    let Ok(lock) = File::open(lock_path(draft)) else {
        return false;
    };
    match lock.try_lock() {
        Ok(()) => {
            let _ = lock.unlock();
            false
        }
        Err(_) => true,
    }
}

/// Takes this instance's lock for a draft, once; it is held until the draft is cleared or
/// the process ends.
fn hold_lock(draft: &Path) -> Result<(), String> {
    let mut held = HELD_LOCKS
        .lock()
        .map_err(|_| "recovery lock table poisoned".to_owned())?;
    if held.contains_key(draft) {
        return Ok(());
    }
    let path = lock_path(draft);
    let shown = |error: &std::io::Error| format!("{}: {}", path.display(), describe(error));
    let lock = private_options().open(&path).map_err(|e| shown(&e))?;
    lock.try_lock()
        .map_err(|_| format!("{}: held by another process", path.display()))?;
    held.insert(draft.to_path_buf(), lock);
    Ok(())
}

fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Removes a draft and then its lock file; a lock this instance holds is let go last.
fn remove_with_lock(draft: &Path) {
    let _ = fs::remove_file(draft);
    let _ = fs::remove_file(lock_path(draft));
    if let Ok(mut held) = HELD_LOCKS.lock() {
        held.remove(draft);
    }
}

fn lock_path(draft: &Path) -> PathBuf {
    draft.with_extension("lock")
}

/// The document's part of a draft's name.
fn document_stem(document: Option<&Path>) -> String {
    document.map_or_else(|| UNTITLED.to_owned(), draft_name)
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
    format!("{readable}-{:016x}", fnv1a(&path_bytes(&location)))
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

    /// A draft of another instance, as that instance would have left it.
    fn foreign_draft(
        dir: &Path,
        document: Option<&Path>,
        instance: &str,
        text: &str,
        age_s: u64,
    ) -> PathBuf {
        fs::create_dir_all(dir).expect("folder");
        let path = dir.join(format!("{}~{instance}.json", document_stem(document)));
        fs::write(&path, text).expect("write draft");
        let when = SystemTime::now() - std::time::Duration::from_secs(age_s);
        File::options()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_modified(when))
            .expect("set time");
        path
    }

    #[test]
    fn this_instances_draft_is_written_cleared_and_never_offered_to_itself() {
        let base = scratch("own");
        let dir = base.join("callflow").join("recovery");
        let document = base.join("flow.json");
        write_in(&dir, Some(&document), "{\"callflow\": [\n").expect("write creates the folder");
        let own = recovery_path_in(&dir, Some(&document));
        assert_eq!(
            fs::read_to_string(&own).expect("draft"),
            "{\"callflow\": [\n"
        );
        write_in(&dir, Some(&document), "{}").expect("write again");
        assert_eq!(fs::read_to_string(&own).expect("draft"), "{}");
        assert!(lock_path(&own).exists());
        assert_eq!(
            surviving_in(&dir, Some(&document)),
            vec![],
            "a live draft is not offered"
        );
        assert_eq!(read_in(&dir, Some(&document)), None);

        clear_in(&dir, Some(&document));
        assert!(!own.exists());
        assert!(!lock_path(&own).exists(), "the lock goes with the draft");
        let _ = fs::remove_dir_all(&base);
    }

    #[test]
    fn drafts_of_instances_that_are_gone_are_offered_newest_first_with_their_time() {
        let dir = scratch("two-instances");
        let document = dir.join("flow.json");
        let older = foreign_draft(&dir, Some(&document), "111-a", "older", 600);
        let newer = foreign_draft(&dir, Some(&document), "222-b", "newer", 60);
        foreign_draft(
            &dir,
            Some(&dir.join("other.json")),
            "333-c",
            "other file",
            1,
        );
        let drafts = surviving_in(&dir, Some(&document));
        let paths: Vec<&Path> = drafts.iter().map(|d| d.path.as_path()).collect();
        assert_eq!(paths, vec![newer.as_path(), older.as_path()]);
        assert!(drafts[0].written_at > drafts[1].written_at);
        assert_eq!(drafts[1].text().as_deref(), Ok("older"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_running_instances_draft_is_not_offered_to_another() {
        let dir = scratch("live-other");
        let draft = foreign_draft(&dir, None, "444-d", "in progress", 5);
        // Another process's lock: flock conflicts between two opens even in one process.
        let lock = File::create(lock_path(&draft)).expect("lock file");
        lock.try_lock().expect("take the other instance's lock");
        assert_eq!(surviving_in(&dir, None), vec![]);
        drop(lock); // the other instance dies: the kernel lets its lock go
        assert_eq!(surviving_in(&dir, None).len(), 1);
        assert_eq!(read_in(&dir, None).as_deref(), Some("in progress"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_draft_taken_over_is_cleared_with_this_instances_own() {
        let dir = scratch("take-over");
        let document = dir.join("flow.json");
        let dead = foreign_draft(&dir, Some(&document), "555-e", "recovered", 5);
        fs::write(lock_path(&dead), "").expect("a stale lock file");
        assert_eq!(read_in(&dir, Some(&document)).as_deref(), Some("recovered"));
        write_in(&dir, Some(&document), "recovered and edited").expect("write");
        clear_in(&dir, Some(&document));
        let left: Vec<_> = fs::read_dir(&dir).expect("list").flatten().collect();
        assert!(left.is_empty(), "{left:?}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_draft_past_16_mib_is_still_read() {
        let dir = scratch("huge");
        let text = "x".repeat(17 * 1024 * 1024);
        foreign_draft(&dir, None, "666-f", &text, 1);
        assert_eq!(read_in(&dir, None).map(|t| t.len()), Some(text.len()));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_draft_named_as_before_instances_is_offered() {
        let dir = scratch("legacy");
        fs::create_dir_all(&dir).expect("folder");
        fs::write(dir.join("untitled.json"), "old style").expect("write");
        assert_eq!(read_in(&dir, None).as_deref(), Some("old style"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn drafts_and_their_folder_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("private");
        write_in(&dir, None, "secret").expect("write");
        let mode = |path: &Path| fs::metadata(path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&recovery_path_in(&dir, None)), 0o600);
        // An older draft left 0644 becomes 0600 when rewritten.
        let draft = recovery_path_in(&dir, None);
        fs::set_permissions(&draft, fs::Permissions::from_mode(0o644)).expect("chmod");
        write_in(&dir, None, "secret 2").expect("write again");
        assert_eq!(mode(&draft), 0o600);
        clear_in(&dir, None);
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
        assert!(
            name.contains('~'),
            "the instance is part of the name: {name}"
        );
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
