//! Taking over the terminal and giving it back. The promise (DESIGN §7) is that the
//! terminal is restored on every exit path: a normal quit calls [`restore`], a panic goes
//! through the hook installed by [`enter`], and SIGTERM or SIGHUP raise a flag that the
//! event loop turns into a normal quit.
//!
//! Everything goes through `ratatui::crossterm`, so there is exactly one crossterm in the
//! build. `ratatui::init` is not used because it offers no control over mouse capture or
//! bracketed paste.

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{DefaultTerminal, Terminal};
use std::io::{self, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};

/// Whether the terminal is ours, so that restoring twice (the loop's exit, then a panic
/// while unwinding, say) does the work once: leaving the alternate screen a second time
/// would move the cursor to a stale saved position.
static TAKEN: AtomicBool = AtomicBool::new(false);

static PANIC_HOOK: Once = Once::new();

/// Enters raw mode, the alternate screen and bracketed paste (so a paste arrives as one
/// event, not as keystrokes that could trigger commands), plus mouse capture when `mouse`.
/// If any step fails, what was done is undone before the error is returned.
pub fn enter(mouse: bool) -> io::Result<DefaultTerminal> {
    install_panic_hook();
    // Marked first, so that a failure halfway is undone by the same restore.
    TAKEN.store(true, Ordering::SeqCst);
    let entered = take_over(mouse).and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
    if entered.is_err() {
        restore();
    }
    entered
}

fn take_over(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Gives the terminal back as it was: leaves the alternate screen, stops mouse capture and
/// bracketed paste, shows the cursor, leaves raw mode. Each step is tried even when an
/// earlier one fails, since a half-restored terminal is the worst outcome. Safe to call
/// twice, and when the terminal was never entered.
pub fn restore() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = stdout();
    let _ = execute!(out, LeaveAlternateScreen);
    // Disabling mouse capture that was never enabled is harmless, so it is not tracked.
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, Show);
    let _ = disable_raw_mode();
}

/// Restores the terminal before the previous hook prints the panic, so the message lands
/// on the normal screen where it can be read, not in the alternate one about to vanish.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// A flag that SIGTERM and SIGHUP (the terminal closing) set. The event loop polls it,
/// writes the recovery draft, restores the terminal and exits: dying on the spot would
/// leave the terminal raw and lose the unsaved edits. std has no safe signal handling,
/// hence signal-hook, whose handler only stores to the atomic.
pub fn install_signal_flags() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
    }
    Ok(flag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_without_enter_does_nothing_and_can_repeat() {
        // Nothing was taken, so nothing is written to the test's standard output.
        restore();
        restore();
        assert!(!TAKEN.load(Ordering::SeqCst));
    }

    #[cfg(unix)]
    #[test]
    fn sighup_raises_the_flag_instead_of_killing() {
        let flag = install_signal_flags().expect("register handlers");
        assert!(!flag.load(Ordering::SeqCst));
        signal_hook::low_level::raise(signal_hook::consts::SIGHUP).expect("raise");
        assert!(flag.load(Ordering::SeqCst));
    }
}
