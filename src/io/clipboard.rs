//! Copying the JSON: to the system clipboard when there is one, else through the terminal
//! with an OSC 52 escape sequence, which reaches the clipboard of the machine the person
//! sits at even over SSH (in terminals that allow it).

use std::io::Write;

/// Which way the text went, so the TUI can say where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyRoute {
    System,
    Osc52,
}

/// The program's one clipboard, made once and kept for the program's life.
///
/// On X11 and Wayland there is no clipboard storage: the program that copied *owns* the
/// contents and hands them to whoever pastes. When the owner exits the contents vanish
/// (unless a clipboard manager took a copy), so arboard's `Clipboard` must stay alive
/// after a copy, which is why this is not made afresh on every copy (arboard's own docs
/// advise the same).
pub struct Clipboard {
    system: System,
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
            }
        } else {
            Clipboard::without_system()
        }
    }

    /// A clipboard that never tries the system one: every copy goes through OSC 52.
    pub fn without_system() -> Clipboard {
        Clipboard {
            system: System::Absent,
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
