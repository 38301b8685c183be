//! The system clipboard for real, under an X server: the running program copies, and
//! `xclip` reads the JSON back. Needs DISPLAY, Xvfb and xclip, which `.ci/run` installs and
//! starts; run it with `cargo test --features x11-tests --test clipboard`.

mod common;

use common::{Pty, scratch_dir};
use std::process::Command;

#[test]
fn copy_puts_the_exact_json_on_the_x_clipboard() {
    let display = std::env::var_os("DISPLAY").expect("this test needs DISPLAY (see .ci/run)");
    let dir = scratch_dir("clipboard");
    let mut pty = Pty::spawn(&[], &dir, &[("DISPLAY", &display)], (100, 30));
    pty.wait_for("CREATED");
    pty.keys("y");
    pty.wait_for("Copied the JSON to the clipboard");
    let pasted = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", &display)
        .output()
        .expect("xclip is installed");
    let expected = callflow::callflow::print::to_pretty(&callflow::callflow::document::starter());
    assert_eq!(String::from_utf8_lossy(&pasted.stdout), expected);
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
}
