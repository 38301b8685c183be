//! Opening and saving the edited request, so that nothing typed is lost (DESIGN §7): files
//! that are not text are refused before they reach the editor, saving is atomic, and a file
//! changed by someone else since it was opened is noticed before it is overwritten.

use super::file::{MAX_FILE_BYTES, describe, read_limited};
use crate::callflow::Json;
use crate::callflow::export::{Layout, saved_form};
use std::collections::hash_map::DefaultHasher;
use std::fs::{self, File, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How far into a file we look for a NUL byte: text never has one, binary files almost
/// always do near their start.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// What is on disk when the file was opened or last saved, to notice changes by others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl DiskStamp {
    /// The stamp of a file known to hold `bytes` (a fake disk in tests has no clock).
    pub fn of_bytes(bytes: &[u8]) -> DiskStamp {
        DiskStamp::of(bytes, None)
    }

    fn of(bytes: &[u8], modified: Option<SystemTime>) -> DiskStamp {
        DiskStamp {
            len: bytes.len() as u64,
            modified,
            hash: content_hash(bytes),
        }
    }

    /// Whether two stamps describe the same bytes. The modified time is left out on purpose:
    /// a `touch`, or a program that rewrites identical content, has changed nothing worth
    /// asking about, while a same-length rewrite within the file system's clock tick has.
    fn same_content(&self, other: &DiskStamp) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// The file at a path, as the editor receives it.
#[derive(Debug)]
pub enum Opened {
    Existing {
        text: String,
        stamp: DiskStamp,
    },
    /// The path does not exist yet: a new document will be saved there.
    Missing,
}

/// Opens a request file as text. Refuses, with a one-line message naming the path:
/// directories and other non-files, unreadable files, files over 16 MiB, binary files (a
/// NUL byte in the first 8 KiB) and invalid UTF-8 (saying at which byte). Never creates or
/// changes anything.
pub fn open(path: &Path) -> Result<Opened, String> {
    let shown = path.display();
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Opened::Missing),
        Err(error) => return Err(format!("{shown}: {}", describe(&error))),
    };
    if metadata.is_dir() {
        return Err(format!("{shown}: is a directory, not a file"));
    }
    // A FIFO or a device would block the open or never end; only regular files are read.
    if !metadata.is_file() {
        return Err(format!("{shown}: is not a regular file"));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{shown}: larger than 16 MiB; a request is never that big"
        ));
    }
    let bytes = read_limited(path)?;
    if bytes.iter().take(BINARY_SNIFF_BYTES).any(|&byte| byte == 0) {
        return Err(format!(
            "{shown}: a binary file (it holds NUL bytes), not JSON text"
        ));
    }
    let stamp = DiskStamp::of(&bytes, metadata.modified().ok());
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        format!("{shown}: not UTF-8 text (invalid byte at offset {offset})")
    })?;
    Ok(Opened::Existing { text, stamp })
}

/// Whether the file differs from `stamp` now: its content changed, it was deleted, or it
/// was created when there was no stamp. When the file cannot be read the answer is yes,
/// so the caller asks before overwriting something it cannot see.
pub fn changed_on_disk(path: &Path, stamp: Option<&DiskStamp>) -> bool {
    match (stamp, current_stamp(path)) {
        (None, Ok(None)) => false,
        (Some(stamp), Ok(Some(now))) => !stamp.same_content(&now),
        _ => true,
    }
}

/// The stamp of what is at `path` now; `None` when nothing is there.
fn current_stamp(path: &Path) -> Result<Option<DiskStamp>, String> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(describe(&error)),
    };
    if !metadata.is_file() {
        return Err("not a regular file".to_owned());
    }
    let bytes = read_limited(path)?;
    Ok(Some(DiskStamp::of(&bytes, metadata.modified().ok())))
}

/// What the caller allows beyond an ordinary save.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SavePermission {
    /// The person said yes to overwriting a read-only file.
    pub overwrite_read_only: bool,
}

/// A save that did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// The file is read-only (no write permission for anyone): nothing was written. Ask
    /// the person, and save again with [`SavePermission::overwrite_read_only`].
    ReadOnly,
    /// It failed, for this reason (one line naming the path); the old file is untouched.
    Failed(String),
}

/// A save that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// What is now on disk, to notice later changes by others.
    pub stamp: DiskStamp,
    /// `Some(n)` when the file has `n` names (hard links): it was written in place, after
    /// a backup copy that is removed again, so every name still shows the new content.
    /// A replace by rename would have left the other names on the old content.
    pub kept_links: Option<u64>,
}

impl Saved {
    /// What to tell the person beyond "Saved", if anything.
    pub fn remark(&self) -> Option<String> {
        self.kept_links.map(|links| {
            format!(
                "written in place to keep its {links} hard links (a backup copy guarded the write)"
            )
        })
    }
}

/// Saves atomically with no special permission; a read-only file is refused with a
/// message. See [`save`].
pub fn save_atomic(path: &Path, bytes: &[u8]) -> Result<DiskStamp, String> {
    match save(path, bytes, SavePermission::default()) {
        Ok(saved) => Ok(saved.stamp),
        Err(SaveError::ReadOnly) => {
            Err(format!("{}: is read-only; not overwritten", path.display()))
        }
        Err(SaveError::Failed(reason)) => Err(reason),
    }
}

/// Saves `bytes` to `path` so that nothing is lost whatever happens meanwhile:
/// - ordinarily atomically: the bytes go to a temporary file in the same folder (with a
///   short name, so the longest file names still save), which is synced and renamed over
///   the target; the target is at every instant the old document or the new one. An
///   existing file keeps its permissions (and its owner, where we may set it); a symbolic
///   link is written through, not replaced;
/// - a file with several hard links is written in place after a backup copy (vim's
///   `backupcopy=auto` reasoning), so the links are kept, and the backup is removed on
///   success or used to put the old content back on failure;
/// - a read-only file is never overwritten unless `permission` says the person agreed.
///
/// On any failure every temporary file is removed and the reason returned.
pub fn save(path: &Path, bytes: &[u8], permission: SavePermission) -> Result<Saved, SaveError> {
    let target = follow_symlinks(path);
    let original = existing_file(path, &target)?;
    if let Some(metadata) = &original {
        if metadata.permissions().readonly() && !permission.overwrite_read_only {
            return Err(SaveError::ReadOnly);
        }
    }
    let failed = |reason: String| SaveError::Failed(format!("{}: {reason}", path.display()));
    let links = original.as_ref().map_or(1, hard_links);
    let kept_links = if links > 1 {
        write_in_place(&target, bytes).map_err(failed)?;
        Some(links)
    } else {
        replace(&target, bytes, original.as_ref(), None).map_err(failed)?;
        None
    };
    Ok(Saved {
        stamp: stamp_after_save(&target, bytes),
        kept_links,
    })
}

/// A document saved from the builder's tree, with how its text was laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedDocument {
    pub saved: Saved,
    /// `Pretty` normally; `Compact` when the indented text would pass the 16 MiB that
    /// callflow opens (say so: [`Layout::remark`]).
    pub layout: Layout,
}

/// Saves a document as export prints it, on one line when indented it would be too large
/// for callflow to open again. See [`save`] for how the bytes reach the disk.
pub fn save_document(
    path: &Path,
    document: &Json,
    permission: SavePermission,
) -> Result<SavedDocument, SaveError> {
    let form = saved_form(document);
    let saved = save(path, form.text.as_bytes(), permission)?;
    Ok(SavedDocument {
        saved,
        layout: form.layout,
    })
}

/// Saves a private file (a recovery draft): atomically, created 0600 whatever the umask
/// and whatever an older copy allowed.
pub fn save_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let target = follow_symlinks(path);
    let original = existing_file(path, &target).map_err(|error| match error {
        SaveError::Failed(reason) => reason,
        SaveError::ReadOnly => format!("{}: is read-only", path.display()),
    })?;
    replace(&target, bytes, original.as_ref(), Some(0o600))
        .map_err(|reason| format!("{}: {reason}", path.display()))
}

/// The metadata of the file a save replaces, `None` when there is none yet.
fn existing_file(path: &Path, target: &Path) -> Result<Option<fs::Metadata>, SaveError> {
    let shown = path.display();
    match fs::metadata(target) {
        Ok(metadata) if metadata.is_dir() => Err(SaveError::Failed(format!(
            "{shown}: is a directory, not a file"
        ))),
        Ok(metadata) => Ok(Some(metadata)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(SaveError::Failed(format!(
            "{shown}: could not save: {}",
            save_failure(&error)
        ))),
    }
}

#[cfg(unix)]
fn hard_links(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn hard_links(_metadata: &fs::Metadata) -> u64 {
    1
}

fn stamp_after_save(target: &Path, bytes: &[u8]) -> DiskStamp {
    let modified = fs::metadata(target)
        .and_then(|metadata| metadata.modified())
        .ok();
    DiskStamp::of(bytes, modified)
}

/// The atomic replace: temporary file, sync, rename, sync the folder. `mode` forces the
/// new file's permissions; without it an existing file's are kept.
fn replace(
    target: &Path,
    bytes: &[u8],
    original: Option<&fs::Metadata>,
    mode: Option<u32>,
) -> Result<(), String> {
    if target.file_name().is_none() {
        return Err("not a file name".to_owned());
    }
    let folder = folder_of(target);
    let temporary = folder.join(scratch_name("tmp"));
    let written = write_temporary(&temporary, bytes, original, mode)
        .and_then(|()| fs::rename(&temporary, target));
    if let Err(error) = written {
        // Best effort: the temporary file may not even have been created.
        let _ = fs::remove_file(&temporary);
        return Err(format!("could not save: {}", save_failure(&error)));
    }
    sync_folder(&folder);
    Ok(())
}

/// Writes over the file itself, keeping its inode and so all its names. A backup copy
/// is made first; if the write fails, the old content is put back from it, and if even
/// that fails the backup stays and the message says where.
fn write_in_place(target: &Path, bytes: &[u8]) -> Result<(), String> {
    let backup = folder_of(target).join(scratch_name("bak"));
    copy_to_new_file(target, &backup).map_err(|error| {
        let _ = fs::remove_file(&backup);
        format!(
            "could not save: the backup copy failed: {}",
            save_failure(&error)
        )
    })?;
    match overwrite(target, |file| file.write_all(bytes)) {
        Ok(()) => {
            let _ = fs::remove_file(&backup);
            Ok(())
        }
        Err(error) => {
            let reason = save_failure(&error);
            let restored = File::open(&backup)
                .and_then(|mut old| overwrite(target, |file| io::copy(&mut old, file).map(|_| ())));
            match restored {
                Ok(()) => {
                    let _ = fs::remove_file(&backup);
                    Err(format!("could not save: {reason}; the file is as it was"))
                }
                Err(_) => Err(format!(
                    "could not save: {reason}; the previous content is kept in {}",
                    backup.display()
                )),
            }
        }
    }
}

/// Truncates the file, lets `fill` write it, and waits until it is on the disk.
fn overwrite(target: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).truncate(true).open(target)?;
    fill(&mut file)?;
    file.sync_all()
}

/// Copies a file into a new private file (never through a link planted at `to`).
fn copy_to_new_file(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = File::open(from)?;
    let mut copy = create_new(to, None, Some(0o600))?;
    io::copy(&mut source, &mut copy)?;
    copy.sync_all()
}

fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A short, unique, hidden name for a temporary or backup file: the document's own name
/// is left out, since with it a name near the 255-byte limit could not be saved at all.
fn scratch_name(kind: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(".callflow-{}-{unique}.{kind}", std::process::id())
}

/// Why a save failed, in the words of someone saving a file.
fn save_failure(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        io::ErrorKind::NotFound => "the folder does not exist".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        io::ErrorKind::FileTooLarge => {
            "the file is larger than this process may write (ulimit -f)".to_owned()
        }
        _ => describe(error),
    }
}

/// Creates the temporary file, gives it the original's permissions and owner (or `mode`),
/// writes the bytes and waits until they are on the disk.
fn write_temporary(
    temporary: &Path,
    bytes: &[u8],
    original: Option<&fs::Metadata>,
    mode: Option<u32>,
) -> io::Result<()> {
    let mut file = create_new(temporary, original, mode)?;
    if let Some(original) = original {
        keep_owner(&file, original);
        if mode.is_none() {
            file.set_permissions(original.permissions())?;
        }
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates the file only if it does not exist, so a link planted at the temporary name is
/// never followed. A leftover from an earlier run that died mid-save (same name, as process
/// ids are reused) is removed once and the creation tried again.
fn create_new(
    temporary: &Path,
    original: Option<&fs::Metadata>,
    mode: Option<u32>,
) -> io::Result<File> {
    let open = || {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        restrict_mode(&mut options, original, mode);
        options.open(temporary)
    };
    match open() {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(temporary)?;
            open()
        }
        other => other,
    }
}

/// The new file starts no more open than the original (or than `mode`), so the content is
/// never readable by more people than before, even for the moment before its permissions
/// are set. A forced `mode` is also set explicitly, since the umask could only narrow it.
#[cfg(unix)]
fn restrict_mode(options: &mut OpenOptions, original: Option<&fs::Metadata>, mode: Option<u32>) {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    match (mode, original) {
        (Some(mode), _) => {
            options.mode(mode);
        }
        (None, Some(original)) => {
            options.mode(original.permissions().mode() & 0o777);
        }
        (None, None) => {}
    }
}

#[cfg(not(unix))]
fn restrict_mode(_options: &mut OpenOptions, _original: Option<&fs::Metadata>, _mode: Option<u32>) {
}

/// Keeps the original owner when we may (as root, or when only the group changes); failing
/// that the file simply belongs to whoever saved it, as with any editor.
#[cfg(unix)]
fn keep_owner(file: &File, original: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _original: &fs::Metadata) {}

/// Makes the rename itself durable. Best effort: some systems cannot open or sync folders.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
}

/// The file a path finally names, so that saving through a symbolic link updates the file
/// it points to instead of replacing the link. A dangling link names its missing target.
fn follow_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // The same bound the kernel uses against link loops.
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&current)
            .map(|metadata| metadata.file_type().is_symlink())
            .unwrap_or(false);
        if !is_link {
            return current;
        }
        let Ok(link) = fs::read_link(&current) else {
            return current;
        };
        current = match current.parent() {
            Some(parent) => parent.join(link),
            None => link,
        };
    }
    path.to_path_buf()
}

/// A 64-bit digest of the content. It only needs to be stable within one run of the
/// program, which std's hasher is.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder for one test, removed when the test ends (even when it fails).
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir().join(format!(
                "callflow-document-file-{name}-{}",
                std::process::id()
            ));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("create scratch folder");
            Scratch(dir)
        }

        fn join(&self, name: &str) -> PathBuf {
            self.0.join(name)
        }

        fn entries(&self) -> Vec<String> {
            let mut names: Vec<String> = fs::read_dir(&self.0)
                .expect("list scratch folder")
                .map(|entry| {
                    entry
                        .expect("entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            names.sort();
            names
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn save_writes_the_bytes_and_leaves_no_temporary_file() {
        let scratch = Scratch::new("save");
        let path = scratch.join("flow.json");
        let stamp = save_atomic(&path, b"{\"callflow\": []}\n").expect("save");
        assert_eq!(fs::read(&path).expect("read"), b"{\"callflow\": []}\n");
        assert_eq!(scratch.entries(), vec!["flow.json".to_owned()]);
        assert!(!changed_on_disk(&path, Some(&stamp)));

        let again = save_atomic(&path, b"{}\n").expect("save over");
        assert_eq!(fs::read(&path).expect("read"), b"{}\n");
        assert_eq!(scratch.entries(), vec!["flow.json".to_owned()]);
        assert_ne!(stamp, again);
    }

    #[test]
    fn save_and_open_agree_on_the_stamp() {
        let scratch = Scratch::new("stamp");
        let path = scratch.join("flow.json");
        let saved = save_atomic(&path, "{\"say\": \"héllo\"}".as_bytes()).expect("save");
        match open(&path).expect("open") {
            Opened::Existing { text, stamp } => {
                assert_eq!(text, "{\"say\": \"héllo\"}");
                assert!(stamp.same_content(&saved));
            }
            Opened::Missing => panic!("the file was just saved"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn save_keeps_the_original_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = Scratch::new("permissions");
        let path = scratch.join("flow.json");
        fs::write(&path, "{}").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        save_atomic(&path, b"{\"callflow\": []}").expect("save");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o7777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn save_through_a_symlink_updates_the_target() {
        let scratch = Scratch::new("symlink");
        let real = scratch.join("real.json");
        let link = scratch.join("link.json");
        fs::write(&real, "{}").expect("write");
        std::os::unix::fs::symlink("real.json", &link).expect("symlink");
        save_atomic(&link, b"[1]").expect("save");
        assert!(
            fs::symlink_metadata(&link)
                .expect("link")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).expect("read"), b"[1]");
    }

    #[test]
    fn save_fails_cleanly_when_the_folder_is_a_file() {
        // chmod cannot stop root, but no one can create a file inside a regular file.
        let scratch = Scratch::new("not-a-folder");
        let blocker = scratch.join("plain");
        fs::write(&blocker, "not a folder").expect("write");
        let error = save_atomic(&blocker.join("flow.json"), b"{}").expect_err("must fail");
        assert!(error.starts_with(&blocker.join("flow.json").display().to_string()));
        assert!(error.contains("could not save"), "{error}");
        assert!(!error.contains("os error"), "{error}");
        assert!(!error.contains('\n'), "{error}");
        assert_eq!(scratch.entries(), vec!["plain".to_owned()]);
        assert_eq!(fs::read(&blocker).expect("read"), b"not a folder");
    }

    #[test]
    fn save_into_a_missing_folder_says_so() {
        let scratch = Scratch::new("no-folder");
        let error = save_atomic(&scratch.join("gone").join("flow.json"), b"{}").expect_err("fails");
        assert!(
            error.ends_with("could not save: the folder does not exist"),
            "{error}"
        );
        assert!(scratch.entries().is_empty());
    }

    #[test]
    fn save_refuses_to_replace_a_directory() {
        let scratch = Scratch::new("onto-dir");
        fs::create_dir(scratch.join("flow.json")).expect("mkdir");
        let error = save_atomic(&scratch.join("flow.json"), b"{}").expect_err("fails");
        assert!(error.ends_with("is a directory, not a file"), "{error}");
        assert_eq!(scratch.entries(), vec!["flow.json".to_owned()]);
    }

    #[cfg(unix)]
    #[test]
    fn save_fails_cleanly_in_a_read_only_folder() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = Scratch::new("read-only");
        let folder = scratch.join("locked");
        fs::create_dir(&folder).expect("mkdir");
        fs::write(folder.join("flow.json"), "old").expect("write");
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).expect("chmod");
        // Root ignores the mode; the test with a file as the folder covers failure for root.
        let privileged = fs::write(folder.join("probe"), "").is_ok();
        let result = (!privileged).then(|| save_atomic(&folder.join("flow.json"), b"new"));
        let entries = fs::read_dir(&folder).expect("list").count();
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).expect("chmod back");
        let Some(result) = result else { return };
        let error = result.expect_err("a read-only folder refuses the save");
        assert!(error.contains("permission denied"), "{error}");
        assert_eq!(entries, 1);
        assert_eq!(fs::read(folder.join("flow.json")).expect("read"), b"old");
    }

    #[test]
    fn a_file_name_of_255_bytes_can_be_saved() {
        let scratch = Scratch::new("long-name");
        let name = format!("{}.json", "n".repeat(250));
        assert_eq!(name.len(), 255);
        let path = scratch.join(&name);
        save_atomic(&path, b"{}\n").expect("the temporary name stays short");
        save_atomic(&path, b"{\"a\": 1}\n").expect("and saves over it");
        assert_eq!(fs::read(&path).expect("read"), b"{\"a\": 1}\n");
        assert_eq!(scratch.entries(), vec![name]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_overwritten_only_with_permission() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = Scratch::new("read-only-file");
        let path = scratch.join("flow.json");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");

        let refused = save(&path, b"new", SavePermission::default());
        assert_eq!(refused, Err(SaveError::ReadOnly));
        let message = save_atomic(&path, b"new").expect_err("refused");
        assert!(
            message.ends_with("is read-only; not overwritten"),
            "{message}"
        );
        assert_eq!(fs::read(&path).expect("read"), b"old");
        assert_eq!(scratch.entries(), vec!["flow.json".to_owned()]);

        let allowed = SavePermission {
            overwrite_read_only: true,
        };
        let saved = save(&path, b"new", allowed).expect("the person said yes");
        assert_eq!(saved.kept_links, None);
        assert_eq!(fs::read(&path).expect("read"), b"new");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o444, "still read-only afterwards");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_with_hard_links_is_written_in_place_and_keeps_them() {
        use std::os::unix::fs::MetadataExt;
        let scratch = Scratch::new("hard-links");
        let path = scratch.join("flow.json");
        let other = scratch.join("other-name.json");
        fs::write(&path, "old").expect("write");
        fs::hard_link(&path, &other).expect("link");
        let inode = fs::metadata(&path).expect("metadata").ino();

        let saved = save(&path, b"new content", SavePermission::default()).expect("save");
        assert_eq!(saved.kept_links, Some(2));
        assert!(saved.remark().expect("says so").contains("2 hard links"));
        assert_eq!(fs::read(&other).expect("read"), b"new content");
        assert_eq!(fs::metadata(&path).expect("metadata").ino(), inode);
        assert_eq!(fs::metadata(&path).expect("metadata").nlink(), 2);
        assert_eq!(
            scratch.entries(),
            vec!["flow.json".to_owned(), "other-name.json".to_owned()],
            "the backup copy is removed on success"
        );
        assert!(!changed_on_disk(&path, Some(&saved.stamp)));
    }

    #[cfg(unix)]
    #[test]
    fn a_private_save_is_0600_whatever_was_there() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = Scratch::new("private");
        let path = scratch.join("draft.json");
        save_private(&path, b"draft").expect("save");
        let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        save_private(&path, b"draft 2").expect("save again");
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn a_document_too_large_to_reopen_indented_is_saved_compact_and_opens_again() {
        let scratch = Scratch::new("compact");
        let path = scratch.join("big.json");
        let item = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        let text = format!(
            "{{\"callflow\": [], \"x\": [{}]}}",
            vec![item; 6_000].join(",")
        );
        let document = crate::callflow::parse::parse(&text).expect("parses").value;

        let saved = save_document(&path, &document, SavePermission::default()).expect("save");
        assert_eq!(saved.layout, Layout::Compact);
        assert!(saved.layout.remark().expect("says so").contains("one line"));
        match open(&path).expect("callflow opens its own file again") {
            Opened::Existing { text, .. } => {
                let reopened = crate::callflow::parse::parse(&text).expect("parses").value;
                assert_eq!(reopened, document);
            }
            Opened::Missing => panic!("just saved"),
        }

        let small = crate::callflow::document::starter();
        let saved = save_document(&path, &small, SavePermission::default()).expect("save");
        assert_eq!(saved.layout, Layout::Pretty);
        assert_eq!(saved.layout.remark(), None);
    }

    #[test]
    fn changed_on_disk_notices_a_rewrite_a_deletion_and_a_creation() {
        let scratch = Scratch::new("changed");
        let path = scratch.join("flow.json");
        assert!(
            !changed_on_disk(&path, None),
            "nothing there, nothing expected"
        );

        let stamp = save_atomic(&path, b"{\"a\": 1}").expect("save");
        assert!(changed_on_disk(&path, None), "created by someone else");
        assert!(!changed_on_disk(&path, Some(&stamp)));

        fs::write(&path, "{\"a\": 2}").expect("rewrite, same length");
        assert!(changed_on_disk(&path, Some(&stamp)), "rewritten");

        fs::remove_file(&path).expect("delete");
        assert!(changed_on_disk(&path, Some(&stamp)), "deleted");
    }

    #[test]
    fn open_returns_missing_for_a_path_that_does_not_exist() {
        let scratch = Scratch::new("missing");
        let path = scratch.join("new.json");
        assert!(matches!(open(&path), Ok(Opened::Missing)));
        assert!(!path.exists(), "open never creates anything");
    }

    #[test]
    fn open_refuses_a_directory() {
        let scratch = Scratch::new("directory");
        let error = open(&scratch.0).expect_err("a directory");
        assert!(error.ends_with("is a directory, not a file"), "{error}");
    }

    #[test]
    fn open_refuses_a_file_over_16_mib() {
        let scratch = Scratch::new("huge");
        let path = scratch.join("huge.json");
        let file = File::create(&path).expect("create");
        file.set_len(MAX_FILE_BYTES + 1).expect("set_len");
        let error = open(&path).expect_err("too large");
        assert!(error.contains("larger than 16 MiB"), "{error}");
    }

    #[test]
    fn open_refuses_a_binary_file() {
        let scratch = Scratch::new("binary");
        let path = scratch.join("image.png");
        fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
        let error = open(&path).expect_err("binary");
        assert!(error.contains("binary file"), "{error}");
    }

    #[test]
    fn open_refuses_invalid_utf8_and_says_where() {
        let scratch = Scratch::new("latin1");
        let path = scratch.join("latin1.json");
        fs::write(&path, b"{\"say\": \"caf\xe9\"}").expect("write");
        let error = open(&path).expect_err("not UTF-8");
        assert!(error.contains("not UTF-8"), "{error}");
        assert!(error.contains("offset 12"), "{error}");
    }
}
