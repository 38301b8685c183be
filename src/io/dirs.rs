//! Where the program keeps its files, following the XDG base directories.

use std::path::{Path, PathBuf};

/// `$XDG_STATE_HOME/callflow`, else `~/.local/state/callflow`: recovery drafts, practice
/// progress. `None` when neither variable is set.
pub fn state_dir() -> Option<PathBuf> {
    base("XDG_STATE_HOME", ".local/state").map(|dir| dir.join("callflow"))
}

/// `$XDG_CONFIG_HOME/callflow`, else `~/.config/callflow`: the account profile.
pub fn config_dir() -> Option<PathBuf> {
    base("XDG_CONFIG_HOME", ".config").map(|dir| dir.join("callflow"))
}

/// The variable's folder when set and not empty, else that folder under `$HOME`.
fn base(variable: &str, under_home: &str) -> Option<PathBuf> {
    let from_env = |name| std::env::var_os(name).filter(|value| !value.is_empty());
    from_env(variable)
        .map(PathBuf::from)
        .or_else(|| from_env("HOME").map(|home| PathBuf::from(home).join(under_home)))
}

/// Creates a folder (and its parents) that only the user may enter: drafts and the journal
/// of differences hold whatever the user typed.
pub fn create_private(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
