//! `callflow simulate --interactive` (SIM.md §5): the person at the keyboard is callA's
//! callee, on the builder's call screen (`tui::screens::call`), run here in a loop of its
//! own. The simulated clock follows real time; Space jumps to the next scheduled instant;
//! the keypad keys press now; `h` hangs up; `q` hangs up and quits. The lines are written
//! afterwards, to `--out` or standard output.

use super::super::{Failure, Outcome};
use crate::callflow::sim::Setup;
use crate::io;
use crate::tui::screens::call::{CallKey, CallScreen, Request, draw};
use crate::tui::theme::Theme;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// How often the screen follows the clock when nothing is pressed.
const TICK: Duration = Duration::from_millis(50);

/// Runs the call in the terminal; then writes the JSON lines to `out`, or to standard
/// output once the screen is gone.
pub fn run(body: &[u8], setup: Setup, out: Option<&Path>, title: &str) -> Outcome {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure("--interactive needs a terminal".to_owned()));
    }
    let mut call = CallScreen::new(title, Request::Body(body.to_vec()), setup);
    if !call.simulation.verdict().is_created() {
        // Nothing to take: the response says which code stops the request.
        return super::print_lines(&call.simulation, None);
    }
    let signals = io::terminal::install_signal_flags()
        .map_err(|error| Failure(format!("signals: {error}")))?;
    let mut terminal =
        io::terminal::enter(false).map_err(|error| Failure(format!("terminal: {error}")))?;
    let theme = Theme::from_env();
    let outcome = (|| -> std::io::Result<()> {
        while !signals.load(Ordering::SeqCst) {
            call.tick(io::clock::now());
            terminal.draw(|frame| draw::draw(frame, frame.area(), &call, &theme))?;
            if !event::poll(TICK)? {
                continue;
            }
            let Event::Key(key) = event::read()? else {
                continue;
            };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            match call.on_key(key) {
                CallKey::Close => break,
                CallKey::ReadResponder(path) => {
                    let text = read_text(&path);
                    call.responder_read(&path, text);
                }
                // No palette outside the builder: the footer lists the keys.
                CallKey::Palette | CallKey::Stay => {}
            }
        }
        Ok(())
    })();
    io::terminal::restore();
    outcome.map_err(|error| Failure(format!("terminal: {error}")))?;
    call.simulation.hang_up();
    super::print_lines(&call.simulation, out)
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = io::file::read_limited(path)?;
    String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))
}
