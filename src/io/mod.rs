//! Everything that touches the world outside the domain: files, the clock, the clipboard,
//! the terminal and the network.

pub mod account;
pub mod api;
pub mod clipboard;
pub mod clock;
pub mod credentials;
pub mod dirs;
pub mod document_file;
pub mod file;
pub mod journal;
pub mod progress;
pub mod recovery;
pub mod send;
pub mod terminal;
