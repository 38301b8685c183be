//! Everything that touches the world outside the domain: files, the clock, the clipboard
//! and the terminal.

pub mod account;
pub mod clipboard;
pub mod clock;
pub mod dirs;
pub mod document_file;
pub mod file;
pub mod progress;
pub mod recovery;
pub mod terminal;
