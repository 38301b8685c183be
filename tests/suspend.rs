//! Ctrl+Z in a real terminal: the builder runs as a job of an interactive bash in a
//! pseudo-terminal, is suspended back to the shell with the terminal restored, and `fg`
//! brings it back with its screen drawn anew and the work intact; Ctrl+C then asks before
//! quitting, as `q` does.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SIZE: (u16, u16) = (100, 30);

struct Shell {
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Shell {
    fn start(dir: &std::path::Path) -> Shell {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: SIZE.1,
                cols: SIZE.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut command = CommandBuilder::new("bash");
        command.args(["--norc", "--noprofile", "-i"]);
        command.cwd(dir);
        command.env("PS1", "shell$ ");
        command.env("TERM", "xterm-256color");
        command.env("HOME", dir);
        command.env("XDG_CONFIG_HOME", dir.join("config"));
        command.env("XDG_STATE_HOME", dir.join("state"));
        command.env_remove("DISPLAY");
        command.env_remove("WAYLAND_DISPLAY");
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        // The terminal's end must outlive the test's use of it.
        std::mem::forget(pair.master);
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(count) = reader.read(&mut buffer) {
                if count == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..count]);
            }
        });
        Shell {
            writer,
            output,
            child,
        }
    }

    fn screen(&self) -> vt100::Parser {
        let mut parser = vt100::Parser::new(
            std::num::NonZeroU16::new(SIZE.1).unwrap(),
            std::num::NonZeroU16::new(SIZE.0).unwrap(),
            0,
        );
        parser.process(&self.output.lock().unwrap());
        parser
    }

    /// Waits (generously: a slow machine, not a timing assertion) until `ready` holds.
    fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if ready(self.screen().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{what} never happened; the screen:\n{}",
            self.screen().screen().contents()
        );
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(15));
    }

    /// The state letter of the shell's one child process (`T` when stopped), and its id.
    fn job(&self) -> Option<(u32, char)> {
        let shell = self.child.process_id()?;
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).ok()?;
        let pid: u32 = children.split_whitespace().next()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The state follows the command name, which is in parentheses.
        let state = stat.rsplit_once(')')?.1.trim_start().chars().next()?;
        Some((pid, state))
    }
}

impl Drop for Shell {
    fn drop(&mut self) {
        if let Some((pid, _)) = self.job() {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back_intact() {
    let dir = std::env::temp_dir().join(format!("callflow-suspend-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut shell = Shell::start(&dir);
    shell.wait_until("the prompt", |s| s.contents().contains("shell$"));
    let start = format!("{} flow.json\r", env!("CARGO_BIN_EXE_callflow"));
    shell.send(start.as_bytes());
    shell.wait_until("the builder", |s| {
        s.alternate_screen() && s.contents().contains("CREATED")
    });
    shell.send(b"c"); // duplicate an action: work that must survive the trip
    shell.wait_until("the edit", |s| s.contents().contains("● "));

    shell.send(b"\x1a"); // Ctrl+Z
    shell.wait_until("the shell's job report", |s| {
        !s.alternate_screen() && s.contents().contains("Stopped")
    });
    let (pid, state) = shell.job().expect("the builder is a job of the shell");
    assert_eq!(state, 'T', "the process is stopped");
    let screen = shell.screen();
    assert!(!screen.screen().hide_cursor(), "the cursor is back");

    // The terminal was given back in cooked mode: the shell reads a whole line.
    shell.send(b"echo back-in-shell\r");
    shell.wait_until("the shell's answer", |s| {
        s.contents().contains("\nback-in-shell")
    });

    shell.send(b"fg\r");
    shell.wait_until("the builder redrawn", |s| {
        s.alternate_screen() && s.contents().contains("CREATED") && s.contents().contains("● ")
    });
    assert_ne!(shell.job().map(|(_, state)| state), Some('T'));

    // Still the same process, still listening. Ctrl+C reaches it as a key (raw mode) and
    // asks, since the duplicate is unsaved.
    shell.send(b"\x03");
    shell.wait_until("the quit question", |s| {
        s.contents().contains("Quit without saving?")
    });
    shell.send(b"y");
    shell.wait_until("the prompt again", |s| {
        !s.alternate_screen() && s.contents().contains("shell$")
    });
    assert!(
        std::fs::metadata(format!("/proc/{pid}")).is_err() || shell.job().is_none(),
        "the builder ended"
    );
    assert!(!dir.join("flow.json").exists(), "nothing saved unasked");
    shell.send(b"exit\r");
}
