//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod fake_api;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh, empty directory under the system's temporary directory.
pub fn scratch_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let unique = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!(
        "callflow-test-{}-{label}-{unique}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The built binary, with a config directory of its own so no real account.json leaks in.
pub fn callflow() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_callflow"));
    let home = scratch_dir("home");
    command.env("XDG_CONFIG_HOME", &home).env("HOME", &home);
    command.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    command
}

/// Runs the binary with `args`, feeding `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = callflow()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that does not read its input may close the pipe first: that is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The real binary in a pseudo-terminal, with a vt100 screen that follows its output.
pub struct Pty {
    /// The terminal's own end; dropping it hangs the terminal up.
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    pub writer: Box<dyn std::io::Write + Send>,
    pub output: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    size: (u16, u16),
}

impl Pty {
    /// Starts `callflow ARGS` in a `cols`×`rows` terminal, in `dir`, with `env` added.
    pub fn spawn(
        args: &[&str],
        dir: &std::path::Path,
        env: &[(&str, &std::ffi::OsStr)],
        size: (u16, u16),
    ) -> Pty {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: size.1,
                cols: size.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_callflow"));
        command.args(args);
        command.cwd(dir);
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", dir.join("config"));
        command.env("XDG_STATE_HOME", dir.join("state"));
        command.env("HOME", dir);
        command.env_remove("DISPLAY");
        command.env_remove("WAYLAND_DISPLAY");
        command.env_remove("NO_COLOR");
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(count) = std::io::Read::read(&mut reader, &mut buffer) {
                if count == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..count]);
            }
        });
        Pty {
            master: Some(pair.master),
            writer,
            output,
            child,
            size,
        }
    }

    /// The screen as the bytes so far draw it.
    pub fn screen(&self) -> vt100::Parser {
        let rows = std::num::NonZeroU16::new(self.size.1.max(1)).unwrap();
        let cols = std::num::NonZeroU16::new(self.size.0.max(1)).unwrap();
        let mut parser = vt100::Parser::new(rows, cols, 0);
        parser.process(&self.output.lock().unwrap());
        parser
    }

    pub fn contents(&self) -> String {
        self.screen().screen().contents()
    }

    /// Waits (at most 20 s: a slow CI machine, not a timing assertion) for text on screen.
    pub fn wait_for(&self, text: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("{text:?} never appeared; the screen:\n{}", self.contents());
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        // One key at a time, as a person types: the program sees each as its own event.
        std::thread::sleep(std::time::Duration::from_millis(15));
    }

    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.to_string().as_bytes());
        }
    }

    /// Closes the terminal as a window manager does: the program gets SIGHUP and the
    /// terminal goes. (The reader thread still holds a copy of the terminal's end, so the
    /// signal is sent here as the kernel would send it.)
    pub fn hang_up(&mut self) {
        self.writer = Box::new(std::io::sink());
        self.master = None;
        let pid = self.child.process_id().expect("running").to_string();
        let sent = std::process::Command::new("kill")
            .args(["-HUP", &pid])
            .status()
            .unwrap();
        assert!(sent.success());
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader catch the last bytes.
                std::thread::sleep(std::time::Duration::from_millis(100));
                return status.exit_code();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the program did not exit; the screen:\n{}", self.contents());
    }
}

/// A failed test must not leave the program running.
impl Drop for Pty {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub const ENTER: &[u8] = b"\r";
pub const ESC: &[u8] = b"\x1b";
pub const BACKSPACE: &[u8] = b"\x7f";
pub const CTRL_S: &[u8] = b"\x13";
pub const DOWN: &[u8] = b"\x1b[B";

/// Standard base64, for checking OSC 52 payloads independently of the program's encoder.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
