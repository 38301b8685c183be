//! Saving from the builder (issue 14, items 5 and 11): through `document_file::save`, a
//! read-only file only after the person's word, hard links kept and said, and a document
//! too large to reopen indented saved on one line, saying so.

mod common;

use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::io::document_file::{DiskStamp, SaveError, SavePermission, Saved};
use callflow::tui::action::{Action, Command, Effect, SaveGuard};
use callflow::tui::effects::{Performed, perform};
use callflow::tui::state::{Overlay, State};
use callflow::tui::update::update;
use callflow::tui::world::World;
use common::{CTRL_S, Pty, scratch_dir};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};

fn context() -> Context {
    Context::new(AccountProfile::default(), Instant::from_unix_seconds(0))
}

fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// A world whose one file is read-only until the person allows it, and has `links` names.
struct ReadOnlyWorld {
    links: Option<u64>,
    permissions: Vec<SavePermission>,
}

impl World for ReadOnlyWorld {
    fn now(&mut self) -> Instant {
        Instant::from_unix_seconds(0)
    }
    fn save(&mut self, _: &Path, _: &str) -> Result<DiskStamp, String> {
        unreachable!("the builder saves through save_with")
    }
    fn save_with(
        &mut self,
        _: &Path,
        text: &str,
        permission: SavePermission,
    ) -> Result<Saved, SaveError> {
        self.permissions.push(permission);
        if !permission.overwrite_read_only {
            return Err(SaveError::ReadOnly);
        }
        Ok(Saved {
            stamp: DiskStamp::of_bytes(text.as_bytes()),
            kept_links: self.links,
        })
    }
    fn changed_on_disk(&mut self, _: &Path, _: Option<&DiskStamp>) -> bool {
        false
    }
    fn exists(&mut self, _: &Path) -> bool {
        true
    }
    fn copy(&mut self, _: &str) -> Result<callflow::io::clipboard::CopyRoute, String> {
        Err("no".into())
    }
    fn write_draft(&mut self, _: Option<&Path>, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn clear_draft(&mut self, _: Option<&Path>) {}
    fn save_progress(&mut self, _: &callflow::io::progress::Progress) -> Result<(), String> {
        Ok(())
    }
    fn send_callflow(
        &mut self,
        _: callflow::tui::sending::SendRequest,
        _: callflow::tui::input::Reporter,
    ) {
    }
}

/// Carries out the state's effects in `world` until none remain, as the loop does.
fn settle(state: &mut State, world: &mut ReadOnlyWorld) {
    while !state.effects.is_empty() {
        for effect in std::mem::take(&mut state.effects) {
            if let Performed::Report(outcome) = perform(
                effect,
                world,
                &callflow::tui::input::Input::channel().reporter(),
            ) {
                update(state, outcome);
            }
        }
    }
}

#[test]
fn a_read_only_file_is_overwritten_only_after_a_yes_and_its_links_are_mentioned() {
    let mut state = State::new(
        callflow::callflow::document::starter(),
        context(),
        Some(PathBuf::from("locked.json")),
    );
    let mut world = ReadOnlyWorld {
        links: Some(3),
        permissions: Vec::new(),
    };
    update(&mut state, Action::Command(Command::Delete));
    update(&mut state, Action::Command(Command::Save));
    settle(&mut state, &mut world);
    let Some(Overlay::Confirm(confirm)) = &state.screen.overlay else {
        panic!("asks first");
    };
    assert_eq!(
        confirm.question,
        "locked.json is read-only. Overwrite it anyway?"
    );
    assert!(state.session.dirty, "nothing was written yet");

    key(&mut state, KeyCode::Char('n'));
    settle(&mut state, &mut world);
    assert!(state.session.dirty);
    assert_eq!(world.permissions.len(), 1);

    update(&mut state, Action::Command(Command::Save));
    settle(&mut state, &mut world);
    key(&mut state, KeyCode::Char('y'));
    assert!(matches!(
        state.effects.first(),
        Some(Effect::Save {
            guard: SaveGuard::ReadOnlyAgreed,
            ..
        })
    ));
    settle(&mut state, &mut world);
    assert_eq!(
        world.permissions.last(),
        Some(&SavePermission {
            overwrite_read_only: true
        })
    );
    assert!(!state.session.dirty);
    let flash = state.screen.flash.as_ref().expect("says how it went");
    assert_eq!(flash.text, "Saved locked.json: kept its 3 links");
}

#[test]
fn a_document_past_16_mib_indented_is_saved_on_one_line_saying_so() {
    // Deep, narrow arrays: indentation makes the printed form about 40 times the compact.
    let item = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    let text = format!(
        "{{\"callflow\": [], \"x\": [{}]}}",
        vec![item; 6_000].join(",")
    );
    let document = parse(&text).expect("parses").value;
    let indented = callflow::callflow::print::to_pretty(&document).len();
    assert!(indented > 16 * 1024 * 1024, "{indented} bytes indented");
    let mut state = State::new(document, context(), Some(PathBuf::from("big.json")));
    update(&mut state, Action::Command(Command::Save));
    let Some(Effect::Save { text, note, .. }) = state.effects.first() else {
        panic!("a save");
    };
    assert!(text.len() < 16 * 1024 * 1024, "{} bytes", text.len());
    assert_eq!(parse(text).expect("parses").value, state.session.document);
    assert!(
        note.as_deref().is_some_and(|n| n.contains("one line")),
        "{note:?}"
    );

    let mut world = ReadOnlyWorld {
        links: None,
        permissions: Vec::new(),
    };
    key(&mut state, KeyCode::Esc);
    update(&mut state, Action::Command(Command::Save));
    settle(&mut state, &mut world); // read-only: asks
    key(&mut state, KeyCode::Char('y'));
    settle(&mut state, &mut world);
    let flash = state.screen.flash.as_ref().expect("says so");
    assert!(flash.text.starts_with("Saved big.json: "), "{}", flash.text);
    assert!(flash.text.contains("one line"), "{}", flash.text);
}

const FLOW: &str = "{\"callflow\": [{\"action\": \"hangup\"}, {\"action\": \"hangup\"}]}\n";

#[cfg(unix)]
#[test]
fn in_a_terminal_a_0444_file_asks_and_a_hard_linked_file_keeps_its_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch_dir("pty-read-only");
    let file = dir.join("flow.json");
    std::fs::write(&file, FLOW).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::hard_link(&file, dir.join("other-name.json")).unwrap();
    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (120, 30));
    pty.wait_for("hangup");
    pty.keys("d");
    pty.send(CTRL_S);
    pty.wait_for("flow.json is read-only. Overwrite it anyway?");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FLOW, "not yet");
    pty.keys("y");
    pty.wait_for("Saved flow.json: kept its 2 links");
    let other = std::fs::read_to_string(dir.join("other-name.json")).unwrap();
    assert_ne!(other, FLOW, "both names show the save");
    assert_eq!(other, std::fs::read_to_string(&file).unwrap());
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
}
