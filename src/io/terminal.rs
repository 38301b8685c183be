//! Taking over the terminal and giving it back. The promise (DESIGN §7) is that the
//! terminal is restored on every exit path: a normal quit calls [`restore`], a panic goes
//! through the hook installed by [`enter`], and SIGTERM, SIGHUP, SIGINT or SIGQUIT raise a
//! flag that the event loop turns into a normal quit; [`signal_received`] then says which,
//! so the program can exit with 128 + its number as shells expect.
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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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

/// Ctrl+Z: gives the terminal back as it was, stops the process as the shell's job control
/// expects (SIGTSTP, whose default action stops it), and when `fg` continues it, takes the
/// terminal again. Raw mode keeps the terminal from sending SIGTSTP itself, so the builder
/// reads Ctrl+Z as a key and does this.
pub fn suspend(mouse: bool) {
    restore();
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    // Here after SIGCONT.
    TAKEN.store(true, Ordering::SeqCst);
    if take_over(mouse).is_err() {
        restore();
    }
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

/// The number of the last ending signal that arrived, 0 while none has.
static LAST_SIGNAL: std::sync::LazyLock<Arc<AtomicUsize>> =
    std::sync::LazyLock::new(|| Arc::new(AtomicUsize::new(0)));

/// The signals that end the builder the orderly way: SIGTERM (kill), SIGHUP (the terminal
/// closed), SIGINT and SIGQUIT (sent from outside: in raw mode Ctrl-C and Ctrl-\ are keys).
#[cfg(unix)]
pub const ENDING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// A flag that the ending signals set. The event loop polls it, writes the recovery
/// draft, restores the terminal and exits: dying on the spot would leave the terminal raw
/// and lose the unsaved edits. std has no safe signal handling, hence signal-hook, whose
/// handlers only store to atomics. Which signal it was is kept for [`signal_received`].
pub fn install_signal_flags() -> io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in ENDING_SIGNALS {
        signal_hook::flag::register(signal, Arc::clone(&flag))?;
        // A signal number is small and positive.
        let number = usize::try_from(signal).unwrap_or_default();
        signal_hook::flag::register_usize(signal, Arc::clone(&LAST_SIGNAL), number)?;
    }
    Ok(flag)
}

/// The ending signal that arrived, if one did: the program then exits with 128 + it.
pub fn signal_received() -> Option<i32> {
    match LAST_SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        number => i32::try_from(number).ok(),
    }
}

/// The exit status after an ending signal: 128 + its number, as a shell reports a
/// program the signal killed (130 for SIGINT, 143 for SIGTERM).
pub fn exit_status_after_signal() -> Option<u8> {
    signal_received().and_then(|number| u8::try_from(128 + number).ok())
}

/// Makes a write past `ulimit -f` fail with an error (EFBIG) that the save reports,
/// instead of SIGXFSZ killing the program with the terminal raw and a half-written
/// temporary file left behind. A handler that does nothing counts as catching it.
pub fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let ignored = Arc::new(AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, ignored);
    }
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

    /// One test for all four, since the signals and the remembered number are shared by
    /// the whole test process.
    #[cfg(unix)]
    #[test]
    fn ending_signals_raise_the_flag_and_are_remembered_instead_of_killing() {
        let flag = install_signal_flags().expect("register handlers");
        for signal in ENDING_SIGNALS {
            flag.store(false, Ordering::SeqCst);
            // Without a handler any of them would end this test process.
            signal_hook::low_level::raise(signal).expect("raise");
            assert!(flag.load(Ordering::SeqCst));
            assert_eq!(signal_received(), Some(signal));
        }
        assert_eq!(
            exit_status_after_signal(),
            Some(128 + 3),
            "SIGQUIT came last"
        );
    }
}
