//! The call screen redraws at every 50 ms tick while a call runs. One tick and frame of a
//! 200-action call with 100 event lines, at 120×40, beside a frame of the builder's main
//! screen on the same request, measured in the same run: the ratio says what running the
//! call's clock costs over the screen the builder draws anyway.

use callflow::callflow::sample::large_request;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::state::{Mode, State};
use callflow::tui::update::update;
use callflow::tui::view;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const ACTIONS: usize = 200;

fn builder() -> State {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let mut state = State::new(large_request(ACTIONS), context, None);
    state.screen.size = (120, 40);
    state
}

/// The call screen on the same request, stepped until it has printed 100 lines.
fn in_a_call() -> State {
    let mut state = builder();
    update(&mut state, Action::Command(Command::Simulate));
    let space = Action::Key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE));
    for _ in 0..10_000 {
        let Mode::Call(call) = &state.screen.mode else {
            unreachable!("the call screen is open")
        };
        if call.simulation.lines().len() >= 100 || call.simulation.is_over() {
            break;
        }
        update(&mut state, space.clone());
    }
    state
}

fn call_screen(c: &mut Criterion) {
    let mut group = c.benchmark_group("call_screen");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let main = builder();
    group.bench_function("builder_frame", |b| {
        b.iter(|| {
            terminal.draw(|frame| view::draw(frame, &main)).unwrap();
        })
    });
    // The clock runs: each tick moves the call on by 1 ms of real time (a few seconds of
    // the call in all), so the call stays in progress however long criterion runs.
    let mut call = in_a_call();
    let mut nanos = 0i128;
    group.bench_function("call_tick_and_frame", |b| {
        b.iter(|| {
            nanos += 1_000_000;
            update(&mut call, Action::Tick(Instant(nanos)));
            terminal.draw(|frame| view::draw(frame, &call)).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, call_screen);
criterion_main!(benches);
