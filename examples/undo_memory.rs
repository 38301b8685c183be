//! Resident memory of the builder on a 1,000-action flow, at load and after 1,000 mixed
//! edits made through `update` as a user would (duplicate, delete, move, field edits).
//! Target (DESIGN §6): under 30 MB after the edits, with at least 100 undo steps kept.
//!
//! `cargo run --release --example undo_memory` (Linux: reads VmRSS from /proc).

use callflow::callflow::sample::large_request;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::form::Row;
use callflow::tui::state::{Pane, State};
use callflow::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn command(state: &mut State, command: Command) {
    update(state, Action::Command(command));
}

fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Edits the second field of the selected action: one letter typed, then Esc (which ends
/// single- and multi-line edits alike).
fn field_edit(state: &mut State) {
    state.screen.pane = Pane::Form;
    state.screen.field_index = 1;
    command(state, Command::Activate);
    key(state, KeyCode::Char('x'));
    key(state, KeyCode::Esc);
    state.screen.pane = Pane::Actions;
}

fn main() {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let mut state = State::new(large_request(1000), context, None);
    state.screen.size = (120, 40);
    println!("actions at load:       {}", state.action_count());
    println!("resident at load:      {:>7} KiB", resident_kib());
    for edit in 0..1000usize {
        // Spread the edits over the flow, deterministically.
        let row = (edit * 7919) % state.action_count().max(1);
        state.select_row(Row::Action(row));
        state.screen.pane = Pane::Actions;
        match edit % 5 {
            0 => command(&mut state, Command::Duplicate),
            1 => command(&mut state, Command::Delete),
            2 => command(&mut state, Command::MoveDown),
            3 => command(&mut state, Command::MoveUp),
            _ => field_edit(&mut state),
        }
    }
    println!("actions after edits:   {}", state.action_count());
    println!(
        "undo steps kept:       {}",
        state.session.history.undo_steps()
    );
    println!("resident after edits:  {:>7} KiB", resident_kib());
    // The old design, for comparison in the same run: one whole copy per undo step.
    let copies: Vec<_> = (0..state.session.history.undo_steps())
        .map(|_| state.session.document.clone())
        .collect();
    println!(
        "with a copy per step:  {:>7} KiB ({} copies)",
        resident_kib(),
        copies.len()
    );
}
