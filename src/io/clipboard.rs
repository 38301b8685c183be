//! Copying the JSON: to the system clipboard when there is one, else through the terminal
//! with an OSC 52 escape sequence, which reaches the clipboard of the machine the person
//! sits at even over SSH (in terminals that allow it).
//!
//! On X11 and Wayland the clipboard is not a store: the program that copied owns the
//! contents and hands them to whoever pastes, so they vanish when it exits. Copy, quit,
//! paste is what people do, so there the text is handed to a small holder: this same
//! program re-executed as `callflow hold-clipboard`, in its own process group, which owns
//! the clipboard until another program takes it over, and then exits. A new copy takes
//! the clipboard over too, so the previous holder exits and one holder at most remains.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Which way the text went, so the TUI can say where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyRoute {
    System,
    Osc52,
}

impl CopyRoute {
    /// What the person is told: the system clipboard is sure; OSC 52 is a request the
    /// terminal may refuse, and the program cannot know which.
    pub fn message(self, what: &str) -> String {
        match self {
            CopyRoute::System => format!("Copied {what} to the clipboard"),
            CopyRoute::Osc52 => format!(
                "Sent {what} to the terminal; it reaches your clipboard if the terminal allows OSC 52"
            ),
        }
    }
}

/// The holder's first line when it owns the clipboard.
const HOLDER_READY: &str = "ok";

/// How long the holder may take to connect to the display and take the clipboard.
const HOLDER_START_LIMIT: Duration = Duration::from_secs(5);

/// The program's one clipboard, made once and kept for the program's life.
///
/// On X11 and Wayland there is no clipboard storage: the program that copied *owns* the
/// contents and hands them to whoever pastes. When the owner exits the contents vanish
/// (unless a clipboard manager took a copy), so arboard's `Clipboard` must stay alive
/// after a copy, which is why this is not made afresh on every copy (arboard's own docs
/// advise the same).
pub struct Clipboard {
    system: System,
    /// Holders this run started, reaped once they exit so none lingers as a zombie.
    holders: Vec<Child>,
}

/// The system clipboard, made on the first copy rather than at start: connecting to the
/// display server costs time that start-up should not pay (DESIGN §6).
enum System {
    /// No display server to talk to (an SSH session, a console, a test).
    Absent,
    NotYetTried,
    Ready(arboard::Clipboard),
    /// The display server refused once, for this reason; it is not asked again on every
    /// copy.
    Unavailable(String),
}

impl Clipboard {
    /// The clipboard for this run: the system's when a display server is announced (on
    /// Linux and the BSDs, `DISPLAY` or `WAYLAND_DISPLAY`; macOS and Windows always have
    /// one), else the terminal's.
    pub fn new() -> Clipboard {
        if has_display_server() {
            Clipboard {
                system: System::NotYetTried,
                holders: Vec::new(),
            }
        } else {
            Clipboard::without_system()
        }
    }

    /// A clipboard that never tries the system one: every copy goes through OSC 52.
    pub fn without_system() -> Clipboard {
        Clipboard {
            system: System::Absent,
            holders: Vec::new(),
        }
    }

    /// Copies `text` to the system clipboard, or failing that writes the OSC 52 sequence to
    /// `terminal` (normally standard output; the alternate screen does not show it).
    pub fn copy(&mut self, text: &str, terminal: &mut impl Write) -> Result<CopyRoute, String> {
        let system_failure = match self.copy_to_system(text) {
            Ok(()) => return Ok(CopyRoute::System),
            Err(reason) => reason,
        };
        terminal
            .write_all(osc52(text).as_bytes())
            .and_then(|()| terminal.flush())
            .map(|()| CopyRoute::Osc52)
            .map_err(|error| {
                let terminal_failure = super::file::describe(&error);
                match system_failure {
                    Some(system) => format!(
                        "could not copy: system clipboard: {system}; terminal: {terminal_failure}"
                    ),
                    None => format!("could not copy through the terminal: {terminal_failure}"),
                }
            })
    }

    /// `Err(None)` when there is no system clipboard to try, `Err(Some(reason))` when it
    /// refused.
    fn copy_to_system(&mut self, text: &str) -> Result<(), Option<String>> {
        if matches!(self.system, System::Absent) {
            return Err(None);
        }
        self.holders
            .retain_mut(|holder| matches!(holder.try_wait(), Ok(None)));
        if holders_outlive_the_program() {
            // Without a holder the copy below still works while the program runs.
            if let Ok(holder) = start_holder(text) {
                self.holders.push(holder);
                return Ok(());
            }
        }
        if let System::NotYetTried = self.system {
            self.system = match arboard::Clipboard::new() {
                Ok(clipboard) => System::Ready(clipboard),
                Err(error) => System::Unavailable(one_line(&error.to_string())),
            };
        }
        match &mut self.system {
            System::Ready(clipboard) => clipboard
                .set_text(text)
                .map_err(|error| Some(one_line(&error.to_string()))),
            System::Unavailable(reason) => Err(Some(reason.clone())),
            System::Absent | System::NotYetTried => Err(None),
        }
    }
}

impl Default for Clipboard {
    fn default() -> Clipboard {
        Clipboard::new()
    }
}

/// Where the clipboard dies with its owner: X11 and Wayland (macOS and Windows keep it).
fn holders_outlive_the_program() -> bool {
    cfg!(all(unix, not(target_os = "macos")))
}

/// Starts `callflow hold-clipboard`, gives it the text, and waits until it says it owns
/// the clipboard. A holder that fails or takes too long is stopped and the reason returned.
fn start_holder(text: &str) -> Result<Child, String> {
    let program = std::env::current_exe().map_err(|error| super::file::describe(&error))?;
    let mut command = Command::new(program);
    command
        .arg("hold-clipboard")
        .current_dir("/")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    // Its own process group: a Ctrl-C or hang-up meant for the builder's terminal
    // does not reach it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut holder = command
        .spawn()
        .map_err(|error| super::file::describe(&error))?;
    let handed = holder
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(text.as_bytes()))
        .unwrap_or(Ok(()));
    let answer = match (handed, holder.stdout.take()) {
        (Ok(()), Some(stdout)) => first_line_within(stdout, HOLDER_START_LIMIT),
        (Err(error), _) => Err(super::file::describe(&error)),
        (_, None) => Err("the holder has no output".to_owned()),
    };
    match answer {
        Ok(line) if line == HOLDER_READY => Ok(holder),
        Ok(line) => {
            let _ = holder.wait();
            Err(line)
        }
        Err(reason) => {
            let _ = holder.kill();
            let _ = holder.wait();
            Err(reason)
        }
    }
}

/// The first line a pipe delivers, if it comes in time.
fn first_line_within(
    pipe: impl std::io::Read + Send + 'static,
    limit: Duration,
) -> Result<String, String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = BufReader::new(pipe).read_line(&mut line).map(|_| line);
        let _ = sender.send(read);
    });
    match receiver.recv_timeout(limit) {
        Ok(Ok(line)) if line.is_empty() => Err("the holder exited".to_owned()),
        Ok(Ok(line)) => Ok(line.trim_end().to_owned()),
        Ok(Err(error)) => Err(super::file::describe(&error)),
        Err(_) => Err("the holder did not answer in time".to_owned()),
    }
}

/// The holder's side (`callflow hold-clipboard`): takes the clipboard, says
/// [`HOLDER_READY`] on `ready` (or the reason it could not), then serves the text until
/// another program takes the clipboard over. Returns once it has.
pub fn hold_until_replaced(text: &str, ready: &mut impl Write) -> Result<(), String> {
    let taken = arboard::Clipboard::new().and_then(|mut clipboard| {
        clipboard.set_text(text)?;
        Ok(clipboard)
    });
    let mut clipboard = match taken {
        Ok(clipboard) => clipboard,
        Err(error) => {
            let reason = one_line(&error.to_string());
            let _ = writeln!(ready, "{reason}");
            return Err(reason);
        }
    };
    let _ = writeln!(ready, "{HOLDER_READY}").and_then(|()| ready.flush());
    serve(&mut clipboard, text)
}

#[cfg(all(unix, not(target_os = "macos")))]
fn serve(clipboard: &mut arboard::Clipboard, text: &str) -> Result<(), String> {
    use arboard::SetExtLinux;
    clipboard
        .set()
        .wait()
        .text(text)
        .map_err(|error| one_line(&error.to_string()))
}

/// Elsewhere the system keeps the clipboard: nothing to serve.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn serve(_clipboard: &mut arboard::Clipboard, _text: &str) -> Result<(), String> {
    Ok(())
}

fn has_display_server() -> bool {
    if cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    let set = |name| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    set("DISPLAY") || set("WAYLAND_DISPLAY")
}

/// Error texts from the display server may span lines; the status bar has one.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard:
/// ESC ] 52 ; c ; BASE64 BEL (`c` names the clipboard, BEL ends the sequence; BEL is
/// understood more widely than ESC \).
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648 §4). Small enough to write here rather than
/// depend on a crate for it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        // Three bytes make 24 bits, read as four 6-bit letters; a short chunk is padded.
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let bits = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let letters = chunk.len() + 1;
        for i in 0..4 {
            if i < letters {
                let index = (bits >> (18 - 6 * i)) & 0x3f;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_wraps_the_base64_text() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
        assert_eq!(osc52(""), "\u{1b}]52;c;\u{7}");
    }

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
    }

    #[test]
    fn base64_uses_the_whole_alphabet_and_utf8_bytes() {
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
        assert_eq!(base64(&[0, 0, 0]), "AAAA");
        assert_eq!(base64("é".as_bytes()), "w6k=");
    }

    #[test]
    fn the_osc52_message_says_the_terminal_decides() {
        assert_eq!(
            CopyRoute::Osc52.message("the JSON"),
            "Sent the JSON to the terminal; it reaches your clipboard if the terminal allows OSC 52"
        );
        assert_eq!(
            CopyRoute::System.message("the JSON"),
            "Copied the JSON to the clipboard"
        );
    }

    #[test]
    fn without_a_display_the_copy_goes_through_the_terminal() {
        let mut clipboard = Clipboard::without_system();
        let mut terminal = Vec::new();
        let route = clipboard.copy("hi", &mut terminal);
        assert_eq!(route, Ok(CopyRoute::Osc52));
        assert_eq!(terminal, b"\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn a_terminal_that_cannot_be_written_is_one_line_of_error() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let error = Clipboard::without_system()
            .copy("hi", &mut Broken)
            .expect_err("nowhere to copy");
        assert!(
            error.starts_with("could not copy through the terminal"),
            "{error}"
        );
        assert!(!error.contains('\n'));
    }
}
