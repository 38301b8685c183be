//! The journal of differences: one JSON line per answer of the API that the validator did
//! not predict, in `$XDG_STATE_HOME/callflow/differences.jsonl` (else
//! `~/.local/state/callflow/`). It holds requests, which may name phone numbers, so only the
//! user may read it; it never holds the key.

use super::file::describe;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

const FILE_NAME: &str = "differences.jsonl";

/// Where the journal is; `None` when neither `XDG_STATE_HOME` nor `HOME` is set.
pub fn journal_path() -> Option<PathBuf> {
    super::dirs::state_dir().map(|dir| dir.join(FILE_NAME))
}

/// Appends one record (a line without its newline) and returns the journal's path.
pub fn append(record: &str) -> Result<PathBuf, String> {
    let path =
        journal_path().ok_or("no state directory for the journal (set HOME or XDG_STATE_HOME)")?;
    append_to(&path, record)?;
    Ok(path)
}

/// Every record, oldest first; an absent journal has none.
pub fn read_all() -> Result<(PathBuf, Vec<String>), String> {
    let path =
        journal_path().ok_or("no state directory for the journal (set HOME or XDG_STATE_HOME)")?;
    let lines = read_from(&path)?;
    Ok((path, lines))
}

fn append_to(path: &Path, record: &str) -> Result<(), String> {
    let shown = path.display();
    if let Some(folder) = path.parent() {
        super::dirs::create_private(folder)
            .map_err(|error| format!("{shown}: {}", describe(&error)))?;
    }
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|error| format!("{shown}: {}", describe(&error)))?;
    restrict_to_owner(&file);
    // One write of the whole line, so two programs appending at once never interleave.
    file.write_all(format!("{record}\n").as_bytes())
        .and_then(|()| file.sync_data())
        .map_err(|error| format!("{shown}: could not write: {}", describe(&error)))
}

/// A journal made by hand, or by an older build, may be readable by others: narrow it.
#[cfg(unix)]
fn restrict_to_owner(file: &fs::File) {
    use std::os::unix::fs::PermissionsExt;
    let _ = file.set_permissions(fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_to_owner(_file: &fs::File) {}

fn read_from(path: &Path) -> Result<Vec<String>, String> {
    let bytes = match super::file::read_limited(path) {
        Ok(bytes) => bytes,
        Err(_) if !path.exists() => return Ok(Vec::new()),
        Err(reason) => return Err(reason),
    };
    let text = String::from_utf8_lossy(&bytes);
    Ok(text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_lines_to_a_private_file_and_reads_them_back() {
        let dir = std::env::temp_dir().join(format!("callflow-journal-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let path = dir.join("callflow").join(FILE_NAME);
        assert_eq!(read_from(&path).unwrap(), Vec::<String>::new());
        append_to(&path, "{\"a\": 1}").unwrap();
        append_to(&path, "{\"b\": 2}").unwrap();
        assert_eq!(read_from(&path).unwrap(), ["{\"a\": 1}", "{\"b\": 2}"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
