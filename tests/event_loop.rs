//! The real event loop, driven with a fake world and a fake screen: every effect it carries
//! out is recorded, and nothing touches the disk, the clipboard or the clock.

use callflow::callflow::document::starter;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::io::clipboard::CopyRoute;
use callflow::io::document_file::DiskStamp;
use callflow::io::progress::Progress;
use callflow::tui::action::{Action, Command};
use callflow::tui::event_loop;
use callflow::tui::input::{Incoming, Input, Reporter};
use callflow::tui::sending::SendRequest;
use callflow::tui::state::State;
use callflow::tui::world::World;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::Duration;

/// Remembers what the loop asked of the world.
#[derive(Default)]
struct FakeWorld {
    clock_reads: usize,
    saved: Vec<(PathBuf, String)>,
    drafts_cleared: Vec<Option<PathBuf>>,
    drafts_written: usize,
    progress: Vec<Progress>,
}

impl World for FakeWorld {
    fn now(&mut self) -> Instant {
        self.clock_reads += 1;
        Instant::from_unix_seconds(1_800_000_000)
    }
    fn save(&mut self, path: &Path, text: &str) -> Result<DiskStamp, String> {
        self.saved.push((path.to_path_buf(), text.to_owned()));
        Ok(DiskStamp::of_bytes(text.as_bytes()))
    }
    fn changed_on_disk(&mut self, _: &Path, _: Option<&DiskStamp>) -> bool {
        false
    }
    fn exists(&mut self, _: &Path) -> bool {
        false
    }
    fn copy(&mut self, _: &str) -> Result<CopyRoute, String> {
        Ok(CopyRoute::System)
    }
    fn write_draft(&mut self, _: Option<&Path>, _: &str) -> Result<(), String> {
        self.drafts_written += 1;
        Ok(())
    }
    fn clear_draft(&mut self, file: Option<&Path>) {
        self.drafts_cleared.push(file.map(Path::to_path_buf));
    }
    fn save_progress(&mut self, progress: &Progress) -> Result<(), String> {
        self.progress.push(progress.clone());
        Ok(())
    }
    fn send_callflow(&mut self, _: SendRequest, _: Reporter) {
        panic!("no test here sends");
    }
}

fn press(feeder: &mpsc::Sender<Incoming>, c: char) {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    feeder.send(Incoming::Terminal(Event::Key(key))).unwrap();
}

/// Runs the loop on its own thread and waits for it to end (a hung loop fails the test
/// after a generous bound instead of hanging the suite).
fn run_loop(mut state: State, input: Input) -> (Result<(), String>, FakeWorld, State) {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let mut world = FakeWorld::default();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let signals = AtomicBool::new(false);
        let outcome = event_loop(&mut terminal, &mut state, &mut world, &input, &signals);
        drop(input);
        let _ = done.send((outcome, world, state));
    });
    finished
        .recv_timeout(Duration::from_secs(30))
        .expect("the loop should end")
}

fn flow_state() -> State {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    State::new(starter(), context, Some(PathBuf::from("flow.json")))
}

#[test]
fn quit_then_save_first_ends_as_soon_as_the_write_is_done() {
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, 'c'); // duplicate an action: unsaved changes
    press(&feeder, 'q'); // asks: quit without saving?
    press(&feeder, 's'); // save first
    let (outcome, world, state) = run_loop(flow_state(), input);
    assert_eq!(outcome, Ok(()));
    assert_eq!(world.saved.len(), 1, "one write");
    assert_eq!(world.saved[0].0, PathBuf::from("flow.json"));
    assert_eq!(
        world.saved[0].1, state.derived.printed,
        "the document as printed"
    );
    assert!(!state.session.dirty);
    assert!(
        !world.drafts_cleared.is_empty(),
        "the saved work needs no draft"
    );
    assert!(
        world
            .drafts_cleared
            .iter()
            .all(|file| file.as_deref() == Some(Path::new("flow.json")))
    );
    // The loop never waited for a clock tick: the save's follow-ups ran in the same pass.
    assert_eq!(world.clock_reads, 0);
    drop(feeder);
}

#[test]
fn a_report_from_background_work_reaches_update() {
    let input = Input::channel();
    let reporter = input.reporter();
    assert!(reporter.report(Action::Command(Command::Quit)));
    let (outcome, world, _) = run_loop(flow_state(), input);
    assert_eq!(outcome, Ok(()));
    assert!(world.saved.is_empty());
    assert!(
        !reporter.report(Action::Command(Command::Quit)),
        "nobody listens after the end"
    );
}

#[test]
fn a_closed_terminal_keeps_the_work_as_a_draft() {
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, 'd'); // delete an action
    feeder.send(Incoming::Closed).unwrap();
    let (outcome, world, _) = run_loop(flow_state(), input);
    assert_eq!(outcome, Err("the terminal closed".to_owned()));
    assert_eq!(world.drafts_written, 1);
    assert!(world.saved.is_empty());
}

#[test]
fn a_field_opened_and_left_unchanged_writes_no_draft() {
    let input = Input::channel();
    let feeder = input.feeder();
    let key = |code| {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        feeder.send(Incoming::Terminal(event)).unwrap();
    };
    key(KeyCode::Enter); // the form of makeCall
    key(KeyCode::Enter); // edit `source`
    key(KeyCode::Esc); // leave it as it was
    key(KeyCode::Enter); // again
    key(KeyCode::Enter); // and keep it unchanged
    feeder.send(Incoming::Closed).unwrap();
    let (outcome, world, state) = run_loop(flow_state(), input);
    assert_eq!(outcome, Err("the terminal closed".to_owned()));
    assert!(!state.session.dirty);
    assert_eq!(world.drafts_written, 0, "nothing to keep");
}

/// Practice on its first exercise, as `callflow learn` opens it.
fn practice_state() -> State {
    callflow::tui::practice::exercise_state(
        0,
        &AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    )
    .unwrap()
}

#[test]
fn practice_writes_no_draft_when_the_terminal_closes() {
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, 'j');
    press(&feeder, 'd'); // delete an action: unsaved changes
    feeder.send(Incoming::Closed).unwrap();
    let (outcome, world, state) = run_loop(practice_state(), input);
    assert_eq!(outcome, Err("the terminal closed".to_owned()));
    assert!(
        state.session.dirty,
        "there was something a builder would keep"
    );
    assert_eq!(world.drafts_written, 0, "practice keeps no recovery draft");
}

#[test]
fn quitting_practice_leaves_the_drafts_alone_and_keeps_its_own_progress() {
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, 'l'); // the exercises
    press(&feeder, 's'); // skip the first
    press(&feeder, 'j');
    press(&feeder, 'd'); // an unsaved change
    press(&feeder, 'q');
    press(&feeder, 'y'); // quit without saving
    let (outcome, world, state) = run_loop(practice_state(), input);
    assert_eq!(outcome, Ok(()));
    assert_eq!(world.drafts_written, 0);
    assert!(
        world.drafts_cleared.is_empty(),
        "practice has no draft of its own, and a builder's draft is not its to remove"
    );
    let first_skipped = callflow::tui::practice::exercises()[1].code.number();
    assert_eq!(
        world.progress.last().map(|p| p.current),
        Some(Some(first_skipped)),
        "the next run resumes on the exercise skipped to"
    );
    assert_eq!(state.practice.unwrap().exercise, 1);
}
