//! callflow: build and check 8x8 Voice Callflows API requests, offline.

pub mod callflow;
pub mod cli;
pub mod exit;
pub mod io;
pub mod lsp;
pub mod tui;
