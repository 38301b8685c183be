//! Everything that touches the world outside the domain: files, the clock, the clipboard
//! and the terminal.

pub mod account;
pub mod clock;
pub mod file;
