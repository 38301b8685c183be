//! The outside world as the builder's loop sees it: files, the clock, the clipboard,
//! recovery drafts and practice progress, behind one trait. The loop only ever talks to a
//! `World`, so a test can drive the real loop with a fake one and see every effect it
//! carried out, without touching the disk or waiting on the clock.

use super::input::Reporter;
use super::sending::SendRequest;
use super::watchdog::{Latest, Unsaved};
use crate::callflow::Instant;
use crate::io::clipboard::{Clipboard, CopyRoute};
use crate::io::document_file::{self, DiskStamp, SaveError, SavePermission, Saved};
use crate::io::progress::Progress;
use crate::io::recovery::{self, Draft};
use crate::io::{clock, progress};
use std::path::Path;

pub trait World {
    /// The current instant (validUntil is judged against it).
    fn now(&mut self) -> Instant;
    /// Writes `text` to `path` atomically; the stamp of what is on disk afterwards.
    fn save(&mut self, path: &Path, text: &str) -> Result<DiskStamp, String>;
    /// Whether the file at `path` is no longer what `stamp` describes.
    fn changed_on_disk(&mut self, path: &Path, stamp: Option<&DiskStamp>) -> bool;
    /// Whether anything is at `path`.
    fn exists(&mut self, path: &Path) -> bool;
    fn copy(&mut self, text: &str) -> Result<CopyRoute, String>;
    /// Keeps an unsaved draft of the document that lives at `file` (None: untitled).
    fn write_draft(&mut self, file: Option<&Path>, text: &str) -> Result<(), String>;
    /// Removes this instance's own draft of the document (its work is saved or thrown
    /// away); drafts that other runs left stay until they are discarded one by one.
    fn clear_draft(&mut self, file: Option<&Path>);
    /// Remembers practice mode's progress between runs (its own file, never a draft).
    fn save_progress(&mut self, progress: &Progress) -> Result<(), String>;
    /// Starts sending a request to the real API and returns at once; the outcome comes
    /// back through `reporter` as `Action::SendAnswered`.
    fn send_callflow(&mut self, request: SendRequest, reporter: Reporter);

    /// Gives the terminal to the shell until the process is continued (Ctrl+Z, then `fg`).
    /// A world without a terminal has nothing to give back.
    fn suspend(&mut self, _mouse: bool) {}
    /// A small text file's contents (the call screen's responder file), or why not.
    /// The real file system unless a fake says otherwise.
    fn read_text(&mut self, path: &Path) -> Result<String, String> {
        let bytes = crate::io::file::read_limited(path)?;
        String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))
    }

    // The methods below have defaults so that a fake world only writes what it checks.

    /// Saves `text` to `path`, with what the person allowed (overwriting a read-only file):
    /// what is on disk afterwards and how it was written (hard links kept).
    fn save_with(
        &mut self,
        path: &Path,
        text: &str,
        _permission: SavePermission,
    ) -> Result<Saved, SaveError> {
        self.save(path, text)
            .map(|stamp| Saved {
                stamp,
                kept_links: None,
            })
            .map_err(SaveError::Failed)
    }
    /// The drafts of the document that earlier runs left behind, newest first.
    fn surviving_drafts(&mut self, _file: Option<&Path>) -> Vec<Draft> {
        Vec::new()
    }
    /// A surviving draft's text, however large.
    fn read_draft(&mut self, draft: &Draft) -> Result<String, String> {
        Err(format!("{}: not readable here", draft.path.display()))
    }
    /// Removes a surviving draft the person chose to throw away, or took over.
    fn discard_draft(&mut self, _draft: &Draft) {}
    /// Keeps the latest unsaved text (None: nothing unsaved) where a draft can be written
    /// from without the loop, which a terminal that stops reading can block.
    fn hold_unsaved(&mut self, _file: Option<&Path>, _text: Option<String>) {}
}

/// The real world: the file system, the system clock and clipboard, the terminal.
pub struct RealWorld {
    clipboard: Clipboard,
    unsaved: Latest,
}

impl RealWorld {
    pub fn new() -> RealWorld {
        RealWorld {
            clipboard: Clipboard::new(),
            unsaved: Latest::default(),
        }
    }

    /// The unsaved text as the loop last handed it over, for the signal watchdog.
    pub fn latest_unsaved(&self) -> Latest {
        std::sync::Arc::clone(&self.unsaved)
    }
}

impl Default for RealWorld {
    fn default() -> RealWorld {
        RealWorld::new()
    }
}

impl World for RealWorld {
    fn now(&mut self) -> Instant {
        clock::now()
    }

    fn save(&mut self, path: &Path, text: &str) -> Result<DiskStamp, String> {
        document_file::save_atomic(path, text.as_bytes())
    }

    fn changed_on_disk(&mut self, path: &Path, stamp: Option<&DiskStamp>) -> bool {
        document_file::changed_on_disk(path, stamp)
    }

    fn exists(&mut self, path: &Path) -> bool {
        path.exists()
    }

    fn copy(&mut self, text: &str) -> Result<CopyRoute, String> {
        // The OSC 52 fallback travels through the terminal, which is standard output.
        self.clipboard.copy(text, &mut std::io::stdout())
    }

    fn write_draft(&mut self, file: Option<&Path>, text: &str) -> Result<(), String> {
        recovery::write(file, text)
    }

    fn clear_draft(&mut self, file: Option<&Path>) {
        recovery::clear_own(file)
    }

    fn save_progress(&mut self, progress: &Progress) -> Result<(), String> {
        progress::save(progress)
    }

    fn send_callflow(&mut self, request: SendRequest, reporter: Reporter) {
        super::sending::send_in_background(request, reporter);
    }

    fn suspend(&mut self, mouse: bool) {
        crate::io::terminal::suspend(mouse);
    }

    fn save_with(
        &mut self,
        path: &Path,
        text: &str,
        permission: SavePermission,
    ) -> Result<Saved, SaveError> {
        document_file::save(path, text.as_bytes(), permission)
    }

    fn surviving_drafts(&mut self, file: Option<&Path>) -> Vec<Draft> {
        recovery::surviving_drafts(file)
    }

    fn read_draft(&mut self, draft: &Draft) -> Result<String, String> {
        draft.text()
    }

    fn discard_draft(&mut self, draft: &Draft) {
        recovery::discard(draft)
    }

    fn hold_unsaved(&mut self, file: Option<&Path>, text: Option<String>) {
        if let Ok(mut latest) = self.unsaved.lock() {
            *latest = Unsaved {
                file: file.map(Path::to_path_buf),
                text,
            };
        }
    }
}
