//! The builder: The Elm Architecture over the domain. `State` holds everything, `Action`
//! says what happened, `update` changes the state, `view` draws it, and this loop carries
//! out the effects that touch the world.

pub mod action;
pub mod form;
pub mod history;
pub mod inert;
pub mod input;
pub mod keymap;
pub mod practice;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;

use crate::callflow::document::starter;
use crate::callflow::parse::parse;
use crate::callflow::{AccountProfile, Context};
use crate::io::clipboard::Clipboard;
use crate::io::{clock, document_file, recovery, terminal};
use action::{Action, Effect, SaveOutcome};
use input::{Input, Waited};
use ratatui::crossterm::event::{Event, KeyEventKind};
use state::{Confirm, Overlay, Pending, State};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How the builder starts.
pub struct Options {
    pub file: Option<PathBuf>,
    pub account: AccountProfile,
    pub mouse: bool,
}

/// How long edits wait before the recovery draft is written.
const RECOVERY_DELAY: Duration = Duration::from_secs(2);
/// The clock tick: validUntil can expire while the program is open.
const TICK: Duration = Duration::from_secs(1);
/// At most this many input events are handled between two frames.
const MAX_EVENTS_PER_FRAME: usize = 256;

/// Builds the first state: the file's document, raw mode for a file that is not a JSON
/// object, the starter callflow without a file, and the recovery offer when a draft exists.
pub fn initial_state(options: &Options) -> Result<State, String> {
    let context = Context::new(options.account.clone(), clock::now());
    let mut state = match &options.file {
        None => State::new(starter(), context, None),
        Some(path) => open(path, context)?,
    };
    state.mouse = options.mouse;
    offer_recovery(&mut state);
    Ok(state)
}

fn open(path: &Path, context: Context) -> Result<State, String> {
    match document_file::open(path)? {
        document_file::Opened::Missing => {
            let empty = crate::callflow::document::empty();
            let mut state = State::new(empty, context, Some(path.to_path_buf()));
            state.flash(format!(
                "New file: {} is created when you save",
                path.display()
            ));
            Ok(state)
        }
        document_file::Opened::Existing { text, stamp } => {
            let mut state = match parse(&text) {
                Ok(parsed) if parsed.value.as_object().is_some() => {
                    State::new(parsed.value, context, Some(path.to_path_buf()))
                }
                // Not a JSON object: raw mode, where the status names the line and column.
                _ => State::new_raw(&text, context, Some(path.to_path_buf())),
            };
            state.disk_stamp = Some(stamp);
            Ok(state)
        }
    }
}

fn offer_recovery(state: &mut State) {
    let Some(draft) = recovery::read(state.file.as_deref()) else {
        return;
    };
    if draft == state.output_text() {
        return recovery::clear(state.file.as_deref());
    }
    state.overlay = Some(Overlay::Confirm(Confirm {
        question: "An unsaved draft of this document survived the last run. Recover it?".to_owned(),
        on_yes: Pending::Recover(draft),
        on_save: None,
    }));
}

/// `callflow [FILE]`: the builder, on FILE or on the starter callflow.
pub fn run_builder(
    file: Option<PathBuf>,
    account: Option<&Path>,
    mouse: bool,
) -> crate::cli::Outcome {
    let account = crate::io::account::load(account).map_err(crate::cli::Failure)?;
    let state = initial_state(&Options {
        file,
        account,
        mouse,
    })
    .map_err(crate::cli::Failure)?;
    run(state, mouse).map_err(crate::cli::Failure)?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// Runs a state until the user quits. The terminal is restored on every path, and a
/// panic's message is printed only after the restore (the hook does that).
pub fn run(mut state: State, mouse: bool) -> Result<(), String> {
    let signals = terminal::install_signal_flags().map_err(|e| format!("signal handlers: {e}"))?;
    let mut terminal = terminal::enter(mouse).map_err(|e| format!("terminal: {e}"))?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut state, &signals)
    }));
    terminal::restore();
    // ratatui shows the cursor again when the terminal is dropped, and reports a failure
    // with a print that panics when the terminal is gone (a hang-up). Show it here, and
    // when that fails there is no terminal left to restore: skip the drop.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    match outcome {
        Ok(outcome) => outcome,
        Err(panic) => {
            // The hook has restored the terminal and printed the panic; the work is kept.
            if state.dirty {
                let _ = recovery::write(state.file.as_deref(), &state.output_text());
                eprintln!(
                    "callflow: your unsaved edits were kept; start callflow on the same file to recover them"
                );
            }
            std::panic::resume_unwind(panic)
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    state: &mut State,
    signals: &std::sync::atomic::AtomicBool,
) -> Result<(), String> {
    let mut clipboard = Clipboard::new();
    let mut recovery = RecoveryWriter::default();
    let input = Input::start();
    let size = terminal.size().map_err(|e| e.to_string())?;
    state.size = (size.width, size.height);
    loop {
        terminal
            .draw(|frame| view::draw(frame, state))
            .map_err(|e| e.to_string())?;
        panic_on_purpose_for_tests(state);
        let actions = match next_actions(&input) {
            Ok(actions) => actions,
            Err(reason) => {
                recovery.write_now(state);
                return Err(reason);
            }
        };
        for action in actions {
            update::update(state, action);
            let effects = std::mem::take(&mut state.effects);
            for effect in effects {
                if let Effect::Quit = effect {
                    recovery.finish(state);
                    return Ok(());
                }
                perform(effect, state, &mut clipboard);
            }
        }
        // The next exercise opens once the user is back from the edit that solved this one,
        // so no keystroke meant for this exercise lands in the next.
        let at_rest = matches!(state.mode, state::Mode::Navigate) && state.overlay.is_none();
        if at_rest
            && state
                .practice
                .as_ref()
                .is_some_and(|practice| practice.solved)
        {
            practice::advance(state);
        }
        if signals.load(Ordering::Relaxed) {
            recovery.write_now(state);
            return Ok(());
        }
        recovery.maybe_write(state);
    }
}

/// Debug builds only: with CALLFLOW_DEBUG_PANIC set, the first edit panics, so the tests
/// can check that a panic restores the terminal and keeps the work.
fn panic_on_purpose_for_tests(state: &State) {
    if cfg!(debug_assertions)
        && state.generation > 0
        && std::env::var_os("CALLFLOW_DEBUG_PANIC").is_some()
    {
        panic!("CALLFLOW_DEBUG_PANIC: a panic on purpose");
    }
}

/// The next batch of actions: the pending input, or a clock tick when there is none. Only
/// key presses count (terminals that report releases would type every key twice), and of
/// a burst of resizes only the last is kept.
fn next_actions(input: &Input) -> Result<Vec<Action>, String> {
    let events = match input.wait(TICK, MAX_EVENTS_PER_FRAME) {
        Waited::Events(events) => events,
        Waited::Nothing => return Ok(vec![Action::Tick(clock::now())]),
        Waited::Closed => return Err("the terminal closed".to_owned()),
    };
    let mut actions = Vec::new();
    for event in events {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => actions.push(Action::Key(key)),
            Event::Paste(text) => actions.push(Action::Paste(text)),
            Event::Mouse(mouse) => actions.push(Action::Mouse(mouse)),
            Event::Resize(width, height) => {
                actions.retain(|action| !matches!(action, Action::Resize(..)));
                actions.push(Action::Resize(width, height));
            }
            _ => {}
        }
    }
    Ok(actions)
}

fn perform(effect: Effect, state: &mut State, clipboard: &mut Clipboard) {
    let result = match effect {
        Effect::Save {
            path,
            text,
            force,
            adopt_path,
        } => {
            if !force {
                if let Some(reason) = save_conflict(state, &path, adopt_path) {
                    return update::update(
                        state,
                        Action::SaveConflict {
                            path,
                            reason,
                            adopt_path,
                        },
                    );
                }
            }
            let saved = document_file::save_atomic(&path, text.as_bytes());
            Action::Saved(saved.map(|stamp| SaveOutcome {
                path,
                adopt_path,
                stamp: Some(stamp),
            }))
        }
        Effect::Copy { text, what } => {
            let mut out = std::io::stdout();
            Action::Copied(
                clipboard
                    .copy(&text, &mut out)
                    .map(|route| route.message(what)),
            )
        }
        Effect::ClearRecovery => {
            recovery::clear(state.file.as_deref());
            return;
        }
        Effect::Quit => return,
    };
    update::update(state, result);
}

/// Why saving to `path` needs a confirmation, if it does.
fn save_conflict(state: &State, path: &Path, adopt_path: bool) -> Option<String> {
    let same_file = adopt_path && state.file.as_deref() == Some(path);
    if same_file {
        document_file::changed_on_disk(path, state.disk_stamp.as_ref())
            .then(|| "changed on disk since it was opened".to_owned())
    } else {
        path.exists().then(|| "exists already".to_owned())
    }
}

/// Writes the recovery draft a little after the edits stop, and removes it when the work
/// is safe.
#[derive(Default)]
struct RecoveryWriter {
    written_generation: u64,
    pending_since: Option<Instant>,
}

impl RecoveryWriter {
    fn maybe_write(&mut self, state: &State) {
        if !state.dirty || state.generation == self.written_generation {
            self.pending_since = None;
            return;
        }
        let since = *self.pending_since.get_or_insert_with(Instant::now);
        if since.elapsed() >= RECOVERY_DELAY {
            self.write_now(state);
        }
    }

    fn write_now(&mut self, state: &State) {
        if state.dirty {
            // A failed recovery write must not stop the editing; the next change retries.
            let _ = recovery::write(state.file.as_deref(), &state.output_text());
        }
        self.written_generation = state.generation;
        self.pending_since = None;
    }

    /// On a deliberate quit: a discarded document leaves no draft behind.
    fn finish(&mut self, state: &State) {
        if state.practice.is_none() {
            recovery::clear(state.file.as_deref());
        }
    }
}
