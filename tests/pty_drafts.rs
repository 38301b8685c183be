//! Never lose work (issue 14), end to end: the real binary in a pseudo-terminal with its
//! state directory in the test's scratch folder.

mod common;

use common::{CTRL_S, ESC, Pty, scratch_dir};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const FLOW: &str = "{\"callflow\": [{\"action\": \"hangup\"}]}\n";

/// Leaves a draft of `dir/flow.json` as a run that is gone would have: named for the
/// document and an instance that no longer runs, written `age_s` seconds ago.
fn leave_draft(dir: &Path, instance: &str, text: &str, age_s: u64) -> PathBuf {
    let folder = dir.join("state/callflow/recovery");
    std::fs::create_dir_all(&folder).unwrap();
    let ours = callflow::io::recovery::recovery_path_in(&folder, Some(&dir.join("flow.json")));
    let name = ours.file_name().unwrap().to_string_lossy().into_owned();
    let stem = name.split('~').next().unwrap();
    let path = folder.join(format!("{stem}~{instance}.json"));
    std::fs::write(&path, text).unwrap();
    let when = SystemTime::now() - Duration::from_secs(age_s);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|file| file.set_modified(when))
        .unwrap();
    path
}

/// Item 1: Esc at the offer ("ask next time"), then `q`: the draft is still there, and the
/// next start offers it again.
#[test]
fn esc_at_the_recovery_offer_then_quit_keeps_the_draft() {
    let dir = scratch_dir("pty-esc-keeps");
    std::fs::write(dir.join("flow.json"), FLOW).unwrap();
    let draft = leave_draft(&dir, "111-a", "{\"callflow\": []}\n", 30);
    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("Recover it?");
    pty.send(ESC);
    pty.wait_for("offered again at the next start");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(draft.exists(), "the draft the person put off is kept");

    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("Recover it?");
    pty.keys("n"); // the explicit discard
    pty.wait_for("discarded");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(!draft.exists(), "discarded on the person's word");
}

/// Item 2: two runs' drafts are both offered, newest first with their times; discarding
/// the newest keeps the older, which is recovered, saved, and then gone.
#[test]
fn every_surviving_draft_is_offered_newest_first_and_handled_one_by_one() {
    let dir = scratch_dir("pty-two-drafts");
    std::fs::write(dir.join("flow.json"), FLOW).unwrap();
    let older = leave_draft(&dir, "111-a", "{\"callflow\": [], \"older\": 1}\n", 7200);
    let newer = leave_draft(&dir, "222-b", "{\"callflow\": [], \"newer\": 1}\n", 60);
    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("2 unsaved drafts of this document survived earlier runs");
    let screen = pty.contents();
    let first = screen.find(" UTC ").expect("a time is shown");
    let second = screen[first + 1..].find(" UTC ").expect("two times");
    assert!(second > 0);
    pty.keys("d"); // the newest
    pty.wait_for("discarded");
    assert!(!newer.exists() && older.exists());
    pty.keys("y");
    pty.wait_for("Recovered the unsaved draft");
    pty.send(CTRL_S);
    pty.wait_for("Saved");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(
        !older.exists(),
        "a save of the recovered work removes its draft"
    );
    let saved = std::fs::read_to_string(dir.join("flow.json")).unwrap();
    assert!(saved.contains("\"older\""), "{saved}");
}

/// Item 3: a state directory that cannot be created (its place is a file; as root a
/// read-only folder would still be writable) is shown on the status line and stays.
#[test]
fn an_unwritable_state_directory_is_shown_and_stays_shown() {
    let dir = scratch_dir("pty-no-drafts");
    std::fs::write(dir.join("flow.json"), FLOW).unwrap();
    std::fs::write(dir.join("not-a-folder"), "").unwrap();
    let state = dir.join("not-a-folder");
    let mut pty = Pty::spawn(
        &["flow.json"],
        &dir,
        &[("XDG_STATE_HOME", state.as_os_str())],
        (120, 30),
    );
    pty.wait_for("hangup");
    pty.keys("d");
    pty.wait_for("⚠ no recovery draft");
    pty.keys("jk"); // keys clear flash messages, not this mark
    std::thread::sleep(Duration::from_millis(300));
    assert!(pty.contents().contains("⚠ no recovery draft"));
    pty.keys("q");
    pty.wait_for("Quit without saving?");
    pty.keys("y");
    assert_eq!(pty.wait_exit(), 0);
}
