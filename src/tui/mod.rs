//! The builder: The Elm Architecture over the domain. `State` holds everything, `Action`
//! says what happened, `update` changes the state, `view` draws it, and this loop carries
//! out the effects that touch the world, feeding their outcomes back until none remain.
//!
//! Adding to the engine, one file each:
//! - A window: `overlays/NAME.rs` with `on_key` and `draw`, a table in `keys/`, one variant
//!   in `state::Overlay`, one arm in `update::on_overlay_key` and `view::draw_overlay`.
//!   The footer, help and palette pick its keys up from the table.
//! - A screen that takes the keyboard (the call screen): `screens/NAME.rs`, a `Mode`
//!   variant, a table. One that runs a clock asks for faster ticks in `tick_interval`;
//!   `Action::Tick` carries the world's instant, so tests drive it with a fake clock.
//! - Work in the world: an `Effect` variant carrying all it needs, a `World` method, one
//!   arm in `effects::perform`. Work that takes long (an HTTP request) runs on a thread
//!   with the `input::Reporter` that `perform` is handed (the loop's own, from
//!   `Input::reporter`) and reports its outcome as an `Action` through the inbox, so the
//!   loop never blocks on it: `sending.rs` and the send panel do so.

pub mod action;
pub mod effects;
pub mod form;
pub mod history;
pub mod hit_map;
pub mod inert;
pub mod input;
pub mod keys;
pub mod one_line;
pub mod overlays;
pub mod practice;
pub mod raw_editor;
pub mod screens;
pub mod sending;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
pub mod watchdog;
pub mod world;

use crate::callflow::document::starter;
use crate::callflow::parse::parse;
use crate::callflow::{AccountProfile, Context};
use crate::io::{clock, document_file, terminal};
use action::Action;
use effects::Performed;
use input::{Incoming, Input, Waited};
use overlays::drafts::{Drafts, Offer};
use ratatui::crossterm::event::{Event, KeyEventKind};
use state::{Overlay, State};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use world::{RealWorld, World};

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
/// object, the starter callflow without a file. The drafts earlier runs left are offered
/// by [`offer_drafts`], which reads them through the world.
pub fn initial_state(options: &Options) -> Result<State, String> {
    let context = Context::new(options.account.clone(), clock::now());
    let mut state = match &options.file {
        None => State::new(starter(), context, None),
        Some(path) => open(path, context)?,
    };
    state.screen.mouse = options.mouse;
    Ok(state)
}

fn open(path: &Path, context: Context) -> Result<State, String> {
    match document_file::open(path)? {
        document_file::Opened::Missing => {
            // A working request from the first screen, as without a file; written only
            // when the user saves.
            let mut state = State::new(starter(), context, Some(path.to_path_buf()));
            state.flash(format!(
                "New file: {} is created when you save",
                path.display()
            ));
            Ok(state)
        }
        document_file::Opened::Existing { text, stamp } => {
            let mut state = match parse(&text) {
                Ok(parsed) if parsed.value.as_object().is_some() => {
                    // Kept, so the builder can warn of them and ask before a save drops them.
                    let repeated = crate::callflow::repeated::repeated_keys(&parsed);
                    let mut state = State::new(parsed.value, context, Some(path.to_path_buf()));
                    state.session.repeated_keys = repeated;
                    state.refresh_verdict();
                    state
                }
                // Not a JSON object: raw mode, where the status names the line and column.
                _ => State::new_raw(&text, context, Some(path.to_path_buf())),
            };
            state.session.disk_stamp = Some(stamp);
            Ok(state)
        }
    }
}

/// Offers every draft of the document that earlier runs left, newest first. A draft that
/// holds exactly what was opened has nothing to recover and goes; one that cannot be read
/// is left where it is, for a later run or the person.
pub fn offer_drafts(state: &mut State, world: &mut impl World) {
    let opened = state.output_text();
    let mut offers = Vec::new();
    for draft in world.surviving_drafts(state.session.file.as_deref()) {
        match world.read_draft(&draft) {
            Ok(text) if text == opened => world.discard_draft(&draft),
            Ok(text) => offers.push(Offer::new(draft, text)),
            Err(_) => {}
        }
    }
    if !offers.is_empty() {
        state.screen.overlay = Some(Overlay::Drafts(Drafts { offers, cursor: 0 }));
    }
}

/// `callflow [FILE]`: the builder, on FILE or on the starter callflow.
pub fn run_builder(
    file: Option<PathBuf>,
    account: Option<&Path>,
    mouse: bool,
) -> crate::exit::Outcome {
    let account = crate::io::account::load(account).map_err(crate::exit::Failure)?;
    let mut state = initial_state(&Options {
        file,
        account,
        mouse,
    })
    .map_err(crate::exit::Failure)?;
    // Read once at start, from the environment and config.json; the key stays in memory.
    state.api = crate::io::credentials::resolve_from_environment();
    let mut world = RealWorld::new();
    offer_drafts(&mut state, &mut world);
    run_in(state, mouse, world).map_err(crate::exit::Failure)?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// Runs a state until the user quits. The terminal is restored on every path, and a
/// panic's message is printed only after the restore (the hook does that).
pub fn run(state: State, mouse: bool) -> Result<(), String> {
    run_in(state, mouse, RealWorld::new())
}

/// [`run`] with a world already made (the drafts were offered through it).
fn run_in(mut state: State, mouse: bool, mut world: RealWorld) -> Result<(), String> {
    let signals = terminal::install_signal_flags().map_err(|e| format!("signal handlers: {e}"))?;
    let input = Input::start();
    let watchdog = watchdog::Watchdog::start(
        Arc::clone(&signals),
        world.latest_unsaved(),
        input.reporter(),
    );
    let mut terminal = terminal::enter(mouse).map_err(|e| format!("terminal: {e}"))?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut state, &mut world, &input, &signals)
    }));
    terminal::restore();
    // ratatui shows the cursor again when the terminal is dropped, and reports a failure
    // with a print that panics when the terminal is gone (a hang-up). Show it here, and
    // when that fails there is no terminal left to restore: skip the drop.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    watchdog.stand_down();
    match outcome {
        Ok(outcome) => outcome,
        Err(panic) => {
            // The hook has restored the terminal and printed the panic; the work is kept.
            if state.session.dirty && practice::keeps_drafts(&state) {
                let _ = world.write_draft(state.session.file.as_deref(), &state.output_text());
                eprintln!(
                    "callflow: your unsaved edits were kept; start callflow on the same file to recover them"
                );
            }
            std::panic::resume_unwind(panic)
        }
    }
}

/// The loop: draw, wait for input (or the clock), update, carry out every effect until
/// none remain, repeat. It knows the world only through `World` and the screen only
/// through a ratatui backend, so a test runs it whole with fakes of both.
pub fn event_loop<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
    state: &mut State,
    world: &mut impl World,
    input: &Input,
    signals: &AtomicBool,
) -> Result<(), String> {
    let mut recovery = RecoveryWriter::default();
    let reporter = input.reporter();
    let size = terminal.size().map_err(|e| e.to_string())?;
    state.screen.size = (size.width, size.height);
    loop {
        recovery.hand_over(state, world);
        let mut drawn = None;
        let frame = terminal.draw(|frame| drawn = Some(view::draw_mapped(frame, state)));
        if let Err(error) = frame {
            // The terminal is gone (a hang-up): the work goes to the draft before the end.
            recovery.write_now(state, world);
            return Err(error.to_string());
        }
        // Clicks are resolved against what the user saw: the frame just drawn.
        state.screen.hit_map = drawn;
        panic_on_purpose_for_tests(state);
        let (actions, closed) = next_actions(input, world, tick_interval(state));
        for action in actions {
            update::apply(state, action);
            match settle(state, world, &reporter) {
                Flow::Quit => {
                    recovery.finish(state, world);
                    return Ok(());
                }
                Flow::Redraw => redraw_whole(terminal)?,
                Flow::Continue => {}
            }
        }
        update::finish(state);
        if closed {
            recovery.write_now(state, world);
            return Err("the terminal closed".to_owned());
        }
        if signals.load(Ordering::Relaxed) {
            recovery.write_now(state, world);
            return Ok(());
        }
        recovery.maybe_write(state, world);
    }
}

/// Back from the shell: what the terminal shows is no longer our last frame, so the next
/// one is drawn whole. (ratatui's `clear` asks the terminal where its cursor is, an answer
/// the input thread would swallow; the screen is blanked and both buffers reset instead.)
fn redraw_whole<B: ratatui::backend::Backend>(
    terminal: &mut ratatui::Terminal<B>,
) -> Result<(), String> {
    terminal
        .backend_mut()
        .clear_region(ratatui::backend::ClearType::All)
        .map_err(|e| e.to_string())?;
    // Each swap blanks the buffer it leaves behind: two swaps blank both.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}

#[derive(Debug, PartialEq)]
enum Flow {
    Continue,
    Quit,
    Redraw,
}

/// Carries out the queued effects and feeds each outcome back to `update`, until no effect
/// remains: a save's follow-ups (clear the draft, quit) run in the same pass, not at the
/// next tick.
fn settle(state: &mut State, world: &mut impl World, reporter: &input::Reporter) -> Flow {
    let mut flow = Flow::Continue;
    while !state.effects.is_empty() {
        for effect in std::mem::take(&mut state.effects) {
            match effects::perform(effect, world, reporter) {
                Performed::Report(outcome) => update::update(state, outcome),
                Performed::Done => {}
                Performed::Redraw => flow = Flow::Redraw,
                Performed::Quit => return Flow::Quit,
            }
        }
    }
    flow
}

/// How long the loop waits for input before the clock ticks. The builder needs a tick a
/// second (validUntil can expire while it is open); a screen that runs a clock asks for
/// more here.
fn tick_interval(state: &State) -> Duration {
    [
        screens::call::tick_interval(state),
        overlays::send::tick_interval(state),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(TICK)
}

/// Debug builds only: with CALLFLOW_DEBUG_PANIC set, the first edit panics, so the tests
/// can check that a panic restores the terminal and keeps the work.
fn panic_on_purpose_for_tests(state: &State) {
    if cfg!(debug_assertions)
        && state.session.generation > 0
        && std::env::var_os("CALLFLOW_DEBUG_PANIC").is_some()
    {
        panic!("CALLFLOW_DEBUG_PANIC: a panic on purpose");
    }
}

/// The next batch of actions: the pending input, or a clock tick when there is none. Only
/// key presses count (terminals that report releases would type every key twice), and of
/// a burst of resizes only the last is kept. True beside them when the terminal closed:
/// what arrived before the hang-up is still handled, so it reaches the draft.
fn next_actions(input: &Input, world: &mut impl World, tick: Duration) -> (Vec<Action>, bool) {
    let events = match input.wait(tick, MAX_EVENTS_PER_FRAME) {
        Waited::Events(events) => events,
        Waited::Nothing => return (vec![Action::Tick(world.now())], false),
    };
    let mut actions = Vec::new();
    for incoming in events {
        let event = match incoming {
            Incoming::Terminal(event) => event,
            Incoming::Report(action) => {
                actions.push(action);
                continue;
            }
            Incoming::Closed => return (actions, true),
        };
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
    (actions, false)
}

/// Writes the recovery draft a little after the edits stop, and removes it when the work
/// is safe.
#[derive(Default)]
struct RecoveryWriter {
    written_generation: u64,
    pending_since: Option<std::time::Instant>,
    /// The generation last handed to the world for an emergency draft.
    handed_over: Option<(u64, bool)>,
}

impl RecoveryWriter {
    /// Before each frame: the world keeps the latest unsaved text, so that a draft can be
    /// written even while a frame is stuck (see `watchdog`). Only a change costs a copy.
    fn hand_over(&mut self, state: &State, world: &mut impl World) {
        let now = (state.session.generation, state.session.dirty);
        if self.handed_over == Some(now) {
            return;
        }
        self.handed_over = Some(now);
        let text = state.session.dirty.then(|| state.output_text());
        world.hold_unsaved(state.session.file.as_deref(), text);
    }

    fn maybe_write(&mut self, state: &mut State, world: &mut impl World) {
        if !state.session.dirty || state.session.generation == self.written_generation {
            self.pending_since = None;
            return;
        }
        let since = *self
            .pending_since
            .get_or_insert_with(std::time::Instant::now);
        if since.elapsed() >= RECOVERY_DELAY {
            self.write_now(state, world);
        }
    }

    fn write_now(&mut self, state: &mut State, world: &mut impl World) {
        self.pending_since = None;
        // Practice keeps its own state and never a draft (learn leaves nothing to offer).
        if !state.session.dirty || !practice::keeps_drafts(state) {
            self.written_generation = state.session.generation;
            return;
        }
        let written = world.write_draft(state.session.file.as_deref(), &state.output_text());
        // A failed write must not stop the editing: it is shown on the status line, and
        // retried after the same delay until it works (the generation stays unwritten).
        if written.is_ok() {
            self.written_generation = state.session.generation;
        }
        update::update(state, Action::DraftWritten(written));
    }

    /// On a deliberate quit: a discarded document leaves no draft behind.
    fn finish(&mut self, state: &State, world: &mut impl World) {
        if practice::keeps_drafts(state) {
            world.clear_draft(state.session.file.as_deref());
        }
    }
}
