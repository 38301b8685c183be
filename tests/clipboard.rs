//! The system clipboard for real, under an X server: the running program copies, and
//! `xclip` reads the JSON back, also after the program has exited (a holder process keeps
//! it). Needs DISPLAY, Xvfb and xclip, which `.ci/run` installs and starts; run it with
//! `cargo test --features x11-tests --test clipboard`.

mod common;

use common::{Pty, scratch_dir};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The X clipboard is one for the whole display: the tests take turns.
static X_CLIPBOARD: Mutex<()> = Mutex::new(());

fn display() -> std::ffi::OsString {
    std::env::var_os("DISPLAY").expect("this test needs DISPLAY (see .ci/run)")
}

fn paste() -> String {
    let pasted = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", display())
        .output()
        .expect("xclip is installed");
    String::from_utf8_lossy(&pasted.stdout).into_owned()
}

/// The clipboard holders of this build that are running now (zombies have no command
/// line, so an exited holder not yet reaped is not counted).
fn holders() -> Vec<u32> {
    let program = env!("CARGO_BIN_EXE_callflow");
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(command_line) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let words: Vec<&[u8]> = command_line.split(|&b| b == 0).collect();
        if words.first() == Some(&program.as_bytes())
            && words.get(1) == Some(&&b"hold-clipboard"[..])
        {
            found.push(pid);
        }
    }
    found
}

/// Waits (at most 10 s: a slow machine, not a timing assertion) until `done` holds.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} never happened; holders: {:?}", holders());
}

/// Ends the holders these tests caused, by their process id.
fn stop_holders() {
    for pid in holders() {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    eventually("the holders stopping", || holders().is_empty());
}

fn starter_json() -> String {
    callflow::callflow::print::to_pretty(&callflow::callflow::document::starter())
}

#[test]
fn copy_puts_the_exact_json_on_the_x_clipboard() {
    let _turn = X_CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let dir = scratch_dir("clipboard");
    let mut pty = Pty::spawn(&[], &dir, &[("DISPLAY", &display())], (100, 30));
    pty.wait_for("CREATED");
    pty.keys("y");
    pty.wait_for("Copied the JSON to the clipboard");
    assert_eq!(paste(), starter_json());
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    stop_holders();
}

/// Copy, quit, paste: what people do. The bytes pasted after the program is gone are the
/// bytes export writes.
#[test]
fn the_copy_is_still_on_the_clipboard_after_the_program_exits() {
    let _turn = X_CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let dir = scratch_dir("clipboard-after-exit");
    let mut pty = Pty::spawn(&[], &dir, &[("DISPLAY", &display())], (100, 30));
    pty.wait_for("CREATED");
    pty.keys("y");
    pty.wait_for("Copied the JSON to the clipboard");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(paste(), starter_json());
    assert_eq!(holders().len(), 1, "one holder serves the copy");
    stop_holders();
}

/// A second copy takes the clipboard over, so the first holder exits: one remains.
#[test]
fn copying_twice_leaves_one_holder() {
    let _turn = X_CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    let dir = scratch_dir("clipboard-twice");
    let mut pty = Pty::spawn(&[], &dir, &[("DISPLAY", &display())], (100, 30));
    pty.wait_for("CREATED");
    pty.keys("y");
    pty.wait_for("Copied the JSON to the clipboard");
    let first = holders();
    assert_eq!(first.len(), 1, "{first:?}");
    pty.keys("Y");
    pty.wait_for("Copied a curl command to the clipboard");
    eventually("the first holder exiting", || {
        !holders().contains(&first[0])
    });
    assert_eq!(holders().len(), 1);
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    let curl = callflow::callflow::export::curl_command(&starter_json());
    assert_eq!(paste(), curl);
    assert_eq!(holders().len(), 1);
    stop_holders();
}
