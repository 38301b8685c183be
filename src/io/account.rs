//! Finding and reading the account profile (SPEC §6).

use super::file::read_limited;
use crate::callflow::AccountProfile;
use std::path::{Path, PathBuf};

/// The profile from `--account FILE`, else `account.json` in the config directory when it
/// exists, else an empty profile (every account rule unknown). A malformed file is an
/// error, never a silent default.
pub fn load(explicit: Option<&Path>) -> Result<AccountProfile, String> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match default_path().filter(|path| path.exists()) {
            Some(path) => path,
            None => return Ok(AccountProfile::default()),
        },
    };
    let bytes = read_limited(&path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: account profile is not UTF-8 text", path.display()))?;
    AccountProfile::from_json(&text)
        .map_err(|reason| format!("{}: malformed account profile: {reason}", path.display()))
}

/// `$XDG_CONFIG_HOME/callflow/account.json`, else `~/.config/callflow/account.json`.
pub fn default_path() -> Option<PathBuf> {
    super::dirs::config_dir().map(|dir| dir.join("account.json"))
}
