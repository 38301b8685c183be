//! The account profile, re-read when its file changes on disk: the server checks the
//! file's modification time and size before handling each message.

use crate::callflow::AccountProfile;
use crate::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub struct WatchedAccount {
    path: Option<PathBuf>,
    stamp: Option<(SystemTime, u64)>,
    pub profile: AccountProfile,
}

impl WatchedAccount {
    /// The profile of `--account FILE`, else of the default file when it exists. A
    /// malformed file is an error, as for `validate`.
    pub fn load(explicit: Option<&Path>) -> Result<WatchedAccount, String> {
        let path = explicit
            .map(Path::to_path_buf)
            .or_else(io::account::default_path);
        let stamp = path.as_deref().and_then(stamp_of);
        let profile = io::account::load(explicit)?;
        Ok(WatchedAccount {
            path,
            stamp,
            profile,
        })
    }

    /// Re-reads the file if it changed: `Ok(true)` when the profile was replaced. A file
    /// that became malformed keeps the previous profile and says why.
    pub fn refresh(&mut self) -> Result<bool, String> {
        let Some(path) = self.path.clone() else {
            return Ok(false);
        };
        let stamp = stamp_of(&path);
        if stamp == self.stamp {
            return Ok(false);
        }
        self.stamp = stamp;
        self.profile = match stamp {
            None => AccountProfile::default(),
            Some(_) => io::account::load(Some(&path))?,
        };
        Ok(true)
    }
}

fn stamp_of(path: &Path) -> Option<(SystemTime, u64)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}
