//! Opening and saving the edited request, so that nothing typed is lost (DESIGN §7): files
//! that are not text are refused before they reach the editor, saving is atomic, and a file
//! changed by someone else since it was opened is noticed before it is overwritten.

use super::file::{MAX_FILE_BYTES, describe, read_limited};
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

/// Saves atomically: the bytes go to a temporary file in the same folder, which is synced
/// and then renamed over the target, so the target is at every instant either the old
/// document or the new one, never half of each. An existing file keeps its permissions (and
/// its owner, where we may set it); a symbolic link is written through, not replaced. On
/// any failure the temporary file is removed and the reason returned; the old file is
/// untouched. Returns the stamp of what is now on disk.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> Result<DiskStamp, String> {
    let shown = path.display();
    let target = follow_symlinks(path);
    let original = match fs::metadata(&target) {
        Ok(metadata) if metadata.is_dir() => {
            return Err(format!("{shown}: is a directory, not a file"));
        }
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(format!("{shown}: could not save: {}", save_failure(&error))),
    };
    let Some(name) = target.file_name() else {
        return Err(format!("{shown}: not a file name"));
    };
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temporary = folder.join(format!(
        ".{}.callflow-tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));

    let written = write_temporary(&temporary, bytes, original.as_ref())
        .and_then(|()| fs::rename(&temporary, &target));
    if let Err(error) = written {
        // Best effort: the temporary file may not even have been created.
        let _ = fs::remove_file(&temporary);
        return Err(format!("{shown}: could not save: {}", save_failure(&error)));
    }
    sync_folder(&folder);
    let modified = fs::metadata(&target)
        .and_then(|metadata| metadata.modified())
        .ok();
    Ok(DiskStamp::of(bytes, modified))
}

/// Why a save failed, in the words of someone saving a file.
fn save_failure(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        io::ErrorKind::NotFound => "the folder does not exist".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        io::ErrorKind::StorageFull => "the disk is full".to_owned(),
        _ => describe(error),
    }
}

/// Creates the temporary file, gives it the original's permissions and owner, writes the
/// bytes and waits until they are on the disk.
fn write_temporary(
    temporary: &Path,
    bytes: &[u8],
    original: Option<&fs::Metadata>,
) -> io::Result<()> {
    let mut file = create_new(temporary, original)?;
    if let Some(original) = original {
        keep_owner(&file, original);
        file.set_permissions(original.permissions())?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates the file only if it does not exist, so a link planted at the temporary name is
/// never followed. A leftover from an earlier run that died mid-save (same name, as process
/// ids are reused) is removed once and the creation tried again.
fn create_new(temporary: &Path, original: Option<&fs::Metadata>) -> io::Result<File> {
    let open = || {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        restrict_mode(&mut options, original);
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

/// The new file starts no more open than the original, so the content is never readable
/// by more people than before, even for the moment before its permissions are set.
#[cfg(unix)]
fn restrict_mode(options: &mut OpenOptions, original: Option<&fs::Metadata>) {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    if let Some(original) = original {
        options.mode(original.permissions().mode() & 0o777);
    }
}

#[cfg(not(unix))]
fn restrict_mode(_options: &mut OpenOptions, _original: Option<&fs::Metadata>) {}

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
