//! Recovery drafts through the builder's world (issue 14, items 1–3): the offer at start is
//! read through `World`, Esc puts it off without deleting anything, a discard removes only
//! the chosen draft, and a failing draft write is shown until drafts work again.

use callflow::callflow::document::starter;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::io::clipboard::CopyRoute;
use callflow::io::document_file::DiskStamp;
use callflow::io::recovery::Draft;
use callflow::tui::input::{Incoming, Input};
use callflow::tui::state::{Overlay, State};
use callflow::tui::world::World;
use callflow::tui::{event_loop, offer_drafts};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, SystemTime};

/// A world whose drafts live in memory, and whose draft writes fail while `failing` is set.
#[derive(Clone, Default)]
struct DraftWorld {
    surviving: Arc<Mutex<Vec<(Draft, String)>>>,
    discarded: Arc<Mutex<Vec<PathBuf>>>,
    own_cleared: Arc<AtomicUsize>,
    written: Arc<Mutex<Vec<String>>>,
    attempts: Arc<AtomicUsize>,
    failing: Arc<AtomicBool>,
}

impl DraftWorld {
    fn with_drafts(drafts: &[(&str, u64, &str)]) -> DraftWorld {
        let world = DraftWorld::default();
        let now = SystemTime::now();
        *world.surviving.lock().unwrap() = drafts
            .iter()
            .map(|(name, age_s, text)| {
                let draft = Draft {
                    path: PathBuf::from(name),
                    written_at: now - Duration::from_secs(*age_s),
                };
                (draft, (*text).to_owned())
            })
            .collect();
        world
    }
}

impl World for DraftWorld {
    fn now(&mut self) -> Instant {
        Instant::from_unix_seconds(1_800_000_000)
    }
    fn save(&mut self, _: &Path, text: &str) -> Result<DiskStamp, String> {
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
    fn write_draft(&mut self, _: Option<&Path>, text: &str) -> Result<(), String> {
        self.attempts.fetch_add(1, Ordering::SeqCst);
        if self.failing.load(Ordering::SeqCst) {
            return Err("/state/callflow: No space left on device".to_owned());
        }
        self.written.lock().unwrap().push(text.to_owned());
        Ok(())
    }
    fn clear_draft(&mut self, _: Option<&Path>) {
        self.own_cleared.fetch_add(1, Ordering::SeqCst);
    }
    fn save_progress(&mut self, _: &callflow::io::progress::Progress) -> Result<(), String> {
        Ok(())
    }
    fn send_callflow(
        &mut self,
        _: callflow::tui::sending::SendRequest,
        _: callflow::tui::input::Reporter,
    ) {
    }
    fn surviving_drafts(&mut self, _: Option<&Path>) -> Vec<Draft> {
        let mut drafts: Vec<Draft> = self
            .surviving
            .lock()
            .unwrap()
            .iter()
            .map(|(draft, _)| draft.clone())
            .collect();
        drafts.sort_by_key(|draft| std::cmp::Reverse(draft.written_at));
        drafts
    }
    fn read_draft(&mut self, draft: &Draft) -> Result<String, String> {
        let surviving = self.surviving.lock().unwrap();
        let found = surviving.iter().find(|(known, _)| known.path == draft.path);
        found
            .map(|(_, text)| text.clone())
            .ok_or_else(|| "gone".to_owned())
    }
    fn discard_draft(&mut self, draft: &Draft) {
        self.surviving
            .lock()
            .unwrap()
            .retain(|(known, _)| known.path != draft.path);
        self.discarded.lock().unwrap().push(draft.path.clone());
    }
}

fn flow_state() -> State {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    State::new(starter(), context, Some(PathBuf::from("flow.json")))
}

fn press(feeder: &mpsc::Sender<Incoming>, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    feeder.send(Incoming::Terminal(Event::Key(key))).unwrap();
}

/// Runs the real loop on a thread; the result carries the screen of the last frame.
fn start_loop(
    mut state: State,
    mut world: DraftWorld,
    input: Input,
) -> mpsc::Receiver<(Result<(), String>, State, String)> {
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        let signals = AtomicBool::new(false);
        let outcome = event_loop(&mut terminal, &mut state, &mut world, &input, &signals);
        let screen = format!("{}", terminal.backend());
        let _ = done.send((outcome, state, screen));
    });
    finished
}

fn wait_until(what: &str, condition: impl Fn() -> bool) {
    // Generous: a loaded machine, not a timing assertion.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !condition() {
        assert!(std::time::Instant::now() < deadline, "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const NEWER: &str = "{\"callflow\": [{\"action\": \"hangup\"}]}\n";
const OLDER: &str = "{\"callflow\": []}\n";

#[test]
fn every_surviving_draft_is_offered_newest_first_with_its_time_through_the_world() {
    let mut world = DraftWorld::with_drafts(&[("older", 3600, OLDER), ("newer", 60, NEWER)]);
    let mut state = flow_state();
    offer_drafts(&mut state, &mut world);
    let Some(Overlay::Drafts(drafts)) = &state.screen.overlay else {
        panic!("the drafts are offered");
    };
    let order: Vec<&Path> = drafts
        .offers
        .iter()
        .map(|o| o.draft.path.as_path())
        .collect();
    assert_eq!(order, [Path::new("newer"), Path::new("older")]);
    assert_eq!(drafts.offers[0].text, NEWER);
    assert!(
        drafts.offers[0].written.ends_with(" UTC"),
        "{}",
        drafts.offers[0].written
    );
    assert!(drafts.offers[0].written > drafts.offers[1].written);

    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|frame| callflow::tui::view::draw(frame, &state))
        .unwrap();
    let screen = format!("{}", terminal.backend());
    assert!(
        screen.contains("2 unsaved drafts of this document survived"),
        "{screen}"
    );
    assert!(screen.contains(&drafts.offers[1].written), "{screen}");
    assert!(screen.contains("esc ask next time"), "{screen}");
}

#[test]
fn a_draft_that_holds_what_was_opened_is_not_offered() {
    let opened = flow_state().output_text();
    let mut world = DraftWorld::with_drafts(&[("same", 5, &opened)]);
    let mut state = flow_state();
    offer_drafts(&mut state, &mut world);
    assert!(state.screen.overlay.is_none());
    assert_eq!(*world.discarded.lock().unwrap(), [PathBuf::from("same")]);
}

/// Item 1: Esc at the offer, then `q`, must not delete any draft.
#[test]
fn esc_at_the_offer_then_quit_deletes_no_draft() {
    let mut world = DraftWorld::with_drafts(&[("older", 3600, OLDER), ("newer", 60, NEWER)]);
    let mut state = flow_state();
    offer_drafts(&mut state, &mut world);
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, KeyCode::Esc);
    press(&feeder, KeyCode::Char('q'));
    let (outcome, _, _) = start_loop(state, world.clone(), input)
        .recv_timeout(Duration::from_secs(30))
        .expect("the loop ends");
    assert_eq!(outcome, Ok(()));
    assert!(world.discarded.lock().unwrap().is_empty());
    assert_eq!(world.surviving.lock().unwrap().len(), 2);
}

/// Item 2: discarding one draft removes that one; recovering another writes it as this
/// run's own draft before the old one goes.
#[test]
fn discard_one_recover_another() {
    let mut world = DraftWorld::with_drafts(&[("older", 3600, OLDER), ("newer", 60, NEWER)]);
    let mut state = flow_state();
    offer_drafts(&mut state, &mut world);
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, KeyCode::Char('d')); // the newest goes
    press(&feeder, KeyCode::Enter); // the older one is recovered
    feeder.send(Incoming::Closed).unwrap();
    let (_, state, _) = start_loop(state, world.clone(), input)
        .recv_timeout(Duration::from_secs(30))
        .expect("the loop ends");
    assert_eq!(
        *world.discarded.lock().unwrap(),
        [PathBuf::from("newer"), PathBuf::from("older")]
    );
    assert_eq!(world.written.lock().unwrap()[0], OLDER, "adopted first");
    assert!(state.session.dirty);
    assert_eq!(state.action_count(), 0, "the older draft's document");
}

/// Item 3: a failing draft write is shown, stays shown, and goes once drafts work again.
#[test]
fn a_failing_draft_write_is_shown_until_drafts_work_again() {
    let world = DraftWorld::default();
    world.failing.store(true, Ordering::SeqCst);
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, KeyCode::Char('d')); // an edit: a draft is due
    let finished = start_loop(flow_state(), world.clone(), input);
    wait_until("two failed writes", || {
        world.attempts.load(Ordering::SeqCst) >= 2
    });
    press(&feeder, KeyCode::Char('j')); // a key that clears any flash message
    feeder.send(Incoming::Closed).unwrap();
    let (_, state, screen) = finished.recv_timeout(Duration::from_secs(30)).unwrap();
    assert!(
        screen.contains("⚠ no recovery draft: /state/callflow: No space left on device"),
        "{screen}"
    );
    assert!(state.session.draft_failure.is_some());

    let world = DraftWorld::default();
    world.failing.store(true, Ordering::SeqCst);
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, KeyCode::Char('d'));
    let finished = start_loop(flow_state(), world.clone(), input);
    wait_until("a failed write", || {
        world.attempts.load(Ordering::SeqCst) >= 1
    });
    world.failing.store(false, Ordering::SeqCst);
    wait_until("a draft written again", || {
        !world.written.lock().unwrap().is_empty()
    });
    press(&feeder, KeyCode::Char('j')); // one more frame after the write
    std::thread::sleep(Duration::from_millis(200));
    feeder.send(Incoming::Closed).unwrap();
    let (_, state, screen) = finished.recv_timeout(Duration::from_secs(30)).unwrap();
    assert!(!screen.contains("no recovery draft"), "{screen}");
    assert_eq!(state.session.draft_failure, None);
}

/// A screen that goes away after its first frame, as a terminal does on a hang-up: the
/// next frame's write fails.
struct HangingUpBackend {
    screen: TestBackend,
    frames: usize,
}

impl ratatui::backend::Backend for HangingUpBackend {
    type Error = std::io::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        self.frames += 1;
        if self.frames > 1 {
            return Err(std::io::Error::from_raw_os_error(5)); // EIO, as a closed pty answers
        }
        self.screen.draw(content).map_err(std::io::Error::other)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        Ok(ratatui::layout::Position::ORIGIN)
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        _: P,
    ) -> Result<(), Self::Error> {
        Ok(())
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn clear_region(&mut self, _: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        Ok(())
    }
    fn size(&self) -> Result<ratatui::layout::Size, Self::Error> {
        self.screen.size().map_err(std::io::Error::other)
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        self.screen.window_size().map_err(std::io::Error::other)
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Item 7, hang-up: a frame that cannot be drawn ends the loop, but not before the edit
/// that came with it is kept as a draft.
#[test]
fn a_failed_frame_writes_the_draft_before_the_loop_ends() {
    let world = DraftWorld::default();
    let input = Input::channel();
    let feeder = input.feeder();
    press(&feeder, KeyCode::Char('d')); // an edit; the draft would wait 2 s
    let mut terminal = Terminal::new(HangingUpBackend {
        screen: TestBackend::new(100, 30),
        frames: 0,
    })
    .unwrap();
    let mut state = flow_state();
    let signals = AtomicBool::new(false);
    let outcome = event_loop(
        &mut terminal,
        &mut state,
        &mut world.clone(),
        &input,
        &signals,
    );
    assert!(outcome.is_err(), "the terminal is gone");
    let written = world.written.lock().unwrap();
    assert_eq!(written.len(), 1, "the draft was written before the end");
    assert_eq!(written[0], state.output_text());
    assert!(!written[0].contains("makeCall"));
}
