//! A terminal that stops reading must not keep the program from ending or from keeping the
//! work (issue 14, item 7): the real binary in a pseudo-terminal whose output nobody reads.

mod common;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FLOW: &str = "{\"callflow\": [{\"action\": \"makeCall\", \"params\": {\"source\": \"+6588000000\", \"destination\": \"+6590000000\"}}, {\"action\": \"hangup\"}]}\n";

/// The terminal's output so far, and a switch that stops reading it.
struct Reader {
    output: Arc<Mutex<Vec<u8>>>,
    reading: Arc<AtomicBool>,
}

impl Reader {
    fn start(mut from: Box<dyn Read + Send>) -> Reader {
        let output = Arc::new(Mutex::new(Vec::new()));
        let reading = Arc::new(AtomicBool::new(true));
        let (sink, switch) = (output.clone(), reading.clone());
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            loop {
                if !switch.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
                match from.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(count) => sink.lock().unwrap().extend_from_slice(&buffer[..count]),
                }
            }
        });
        Reader { output, reading }
    }

    fn screen(&self) -> String {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(30), size(100), 0);
        parser.process(&self.output.lock().unwrap());
        parser.screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} never appeared:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn sigterm_ends_the_program_within_a_second_and_keeps_the_work_while_output_is_blocked() {
    let dir = common::scratch_dir("pty-blocked");
    std::fs::write(dir.join("flow.json"), FLOW).unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_callflow"));
    command.arg("flow.json");
    command.cwd(&dir);
    command.env("TERM", "xterm-256color");
    command.env("XDG_CONFIG_HOME", dir.join("config"));
    command.env("XDG_STATE_HOME", dir.join("state"));
    command.env("HOME", &dir);
    command.env_remove("DISPLAY");
    command.env_remove("WAYLAND_DISPLAY");
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let reader = Reader::start(pair.master.try_clone_reader().unwrap());
    let mut keys = pair.master.take_writer().unwrap();
    let mut press = |bytes: &[u8]| {
        keys.write_all(bytes).unwrap();
        keys.flush().unwrap();
        std::thread::sleep(Duration::from_millis(15));
    };
    reader.wait_for("makeCall");
    press(b"d"); // delete the makeCall: unsaved work, no draft yet (drafts wait 2 s)
    reader.wait_for("● unsaved");

    // Nobody reads the terminal any more; every key below redraws most of the screen
    // (the help opens and closes) until the terminal's buffer is full and a write blocks.
    reader.reading.store(false, Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(100));
    for _ in 0..120 {
        press(b"?");
    }
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "still running, stuck on output"
    );

    let pid = child.process_id().unwrap().to_string();
    let sent_at = Instant::now();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        // Generous for a loaded machine; the program itself gives the loop 0.5 s.
        assert!(
            sent_at.elapsed() < Duration::from_secs(3),
            "SIGTERM did not end the program while its output was blocked"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    eprintln!("ended {:?} after SIGTERM", sent_at.elapsed());
    assert_eq!(status.exit_code(), 143, "128 + SIGTERM");

    let folder = dir.join("state/callflow/recovery");
    let drafts: Vec<String> = std::fs::read_dir(&folder)
        .expect("a recovery folder")
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap())
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert!(
        drafts[0].contains("hangup") && !drafts[0].contains("makeCall"),
        "the draft holds the edit: {}",
        drafts[0]
    );
}
