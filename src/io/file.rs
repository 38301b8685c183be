//! Reading request files with limits: nothing unbounded is ever read into memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Larger files are refused: a Callflows request is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = crate::callflow::export::MAX_REQUEST_BYTES as u64;

/// Reads a whole file, refusing directories, unreadable paths and files over the limit.
/// The error is one line naming the path and the reason.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let file = File::open(path).map_err(|error| format!("{shown}: {}", describe(&error)))?;
    let metadata = file
        .metadata()
        .map_err(|error| format!("{shown}: {}", describe(&error)))?;
    if metadata.is_dir() {
        return Err(format!("{shown}: is a directory, not a file"));
    }
    read_capped(file).map_err(|reason| format!("{shown}: {reason}"))
}

/// Reads standard input under the same limit.
pub fn read_stdin_limited() -> Result<Vec<u8>, String> {
    read_capped(io::stdin().lock()).map_err(|reason| format!("standard input: {reason}"))
}

fn read_capped(source: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    source
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| describe(&error))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err("larger than 16 MiB; a request is never that big".to_owned());
    }
    Ok(bytes)
}

/// An I/O error in plain words, without the "(os error 2)" noise.
pub fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".to_owned(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_owned(),
                None => text,
            }
        }
    }
}
