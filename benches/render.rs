//! One keystroke in a form field of a 200-action flow: update, re-validate and draw a
//! 120×40 frame into TestBackend. Target: under 1 ms median. The baseline beside it, a
//! frame drawn with no edit, shows what the keystroke itself costs: at most 1.3 × at 200
//! actions and 2 × at 2,000.

mod common;

use callflow::callflow::sample::large_request;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::form::Row;
use callflow::tui::state::{Pane, State};
use callflow::tui::update::update;
use callflow::tui::view;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn editing_state(actions: usize) -> State {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let mut state = State::new(large_request(actions), context, None);
    state.screen.size = (120, 40);
    state.select_row(Row::Action(actions / 2));
    state.screen.pane = Pane::Form;
    state.screen.field_index = 1; // the text (or prompt) of a middle action
    update(&mut state, Action::Command(Command::Activate));
    state
}

/// The pair at one flow size: a frame drawn alone, and a keystroke that edits, re-validates
/// and draws the same frame. Their ratio is what the keystroke itself costs.
fn keystroke_at(group: &mut BenchmarkGroup<'_, WallTime>, actions: usize) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut state = editing_state(actions);
    group.bench_function(format!("render_only_{actions}"), |b| {
        b.iter(|| {
            terminal.draw(|frame| view::draw(frame, &state)).unwrap();
        })
    });
    let mut typed = 0usize;
    group.bench_function(format!("edit_revalidate_render_{actions}"), |b| {
        b.iter(|| common::type_then_delete(&mut state, &mut terminal, &mut typed))
    });
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    keystroke_at(&mut group, 200);
    keystroke_at(&mut group, 2000);
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
