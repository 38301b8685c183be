//! End to end: the real binary in a pseudo-terminal, driven key by key.

mod common;

use common::{BACKSPACE, CTRL_S, ENTER, ESC, Pty, base64, scratch_dir};

const TIMEOUT_FLOW: &str = r#"{
  "callflow": [
    {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
    {"action": "sayAndCapture", "params": {"promptMessage": "Press 1", "voiceProfile": "en-GB-Emma",
      "minDigits": 1, "maxDigits": 1, "digitTimeout": 10000, "overallTimeout": 5000}},
    {"action": "say", "params": {"text": "Bye", "voiceProfile": "en-GB-Emma"}}
  ]
}
"#;

#[test]
fn fix_a_1006_through_the_form_save_and_quit() {
    let dir = scratch_dir("pty-fix");
    let file = dir.join("reminder.json");
    std::fs::write(&file, TIMEOUT_FLOW).unwrap();
    let mut pty = Pty::spawn(&["reminder.json"], &dir, &[], (120, 40));
    pty.wait_for("-1006");
    pty.wait_for("OverallTimeout should be greater than digitTimeout");
    pty.keys("j"); // the sayAndCapture action
    pty.send(ENTER); // into its form, on promptMessage
    pty.keys("jjjjjjjj"); // down to overallTimeout
    pty.send(ENTER);
    for _ in 0..4 {
        pty.send(BACKSPACE);
    }
    pty.keys("60000");
    pty.wait_for("✓ CREATED");
    pty.send(ENTER);
    pty.send(CTRL_S);
    pty.wait_for("Saved");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);

    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(saved["callflow"][1]["params"]["overallTimeout"], 60000);
    assert!(
        !pty.screen().screen().alternate_screen(),
        "the terminal left the alternate screen"
    );
    let output = pty.output.lock().unwrap().clone();
    assert!(
        output.windows(8).any(|w| w == b"\x1b[?1049l"),
        "leave-alternate-screen was sent"
    );
}

#[test]
fn copy_without_a_display_sends_osc_52_byte_for_byte() {
    let dir = scratch_dir("pty-osc52");
    let mut pty = Pty::spawn(&[], &dir, &[], (100, 30));
    pty.wait_for("CREATED");
    pty.keys("y");
    // Honest: the program cannot know whether the terminal passed it on.
    pty.wait_for("Sent the JSON to the terminal; it reaches your clipboard if");
    let expected_json =
        callflow::callflow::print::to_pretty(&callflow::callflow::document::starter());
    let expected = format!("\x1b]52;c;{}\x07", base64(expected_json.as_bytes()));
    let output = pty.output.lock().unwrap().clone();
    assert!(
        output
            .windows(expected.len())
            .any(|w| w == expected.as_bytes()),
        "the OSC 52 sequence of the exact JSON was written"
    );
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// 2,000 arrays nested 500 deep: 2 MB on one line, about a gigabyte indented.
fn deeply_nested_request() -> String {
    let item = format!("{}{}", "[".repeat(500), "]".repeat(500));
    format!("{{\"callflow\": [{}]}}\n", vec![item; 2_000].join(","))
}

#[test]
fn a_request_that_would_indent_to_a_gigabyte_opens_on_one_line_and_saves_so() {
    let dir = scratch_dir("pty-deep");
    let text = deeply_nested_request();
    std::fs::write(dir.join("deep.json"), &text).unwrap();
    let mut pty = Pty::spawn(&["deep.json"], &dir, &[], (100, 30));
    pty.wait_for("JSON on one line: indented, it would pass 16 MiB");
    pty.wait_for("-1009");
    pty.keys("w");
    pty.wait_for("Save as");
    pty.send(b"\x15"); // ^u: the suggested name away
    pty.keys("copy.json");
    pty.send(ENTER);
    pty.wait_for("saved on one line");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    let saved = std::fs::read_to_string(dir.join("copy.json")).unwrap();
    assert_eq!(
        saved.len(),
        text.len() - 1,
        "compact: only the space after the colon goes"
    );
    assert_eq!(saved.lines().count(), 1);
}

#[test]
fn a_file_that_is_not_json_opens_in_raw_mode_with_its_position() {
    let dir = scratch_dir("pty-raw");
    std::fs::write(
        dir.join("broken.json"),
        "{\"callflow\": [\n  {\"action\": \"hangup\"},\n]}\n",
    )
    .unwrap();
    let mut pty = Pty::spawn(&["broken.json"], &dir, &[], (100, 30));
    pty.wait_for("-1001");
    pty.wait_for("line 2, column 23: a trailing comma");
    pty.wait_for("Raw JSON");
    pty.send(ESC);
    pty.wait_for("Discard the raw edits?");
    pty.keys("n");
    pty.keys("x"); // still raw: the key is text
    pty.wait_for("x{\"callflow\"");
    pty.send(ESC);
    pty.wait_for("Discard the raw edits?");
    pty.keys("y");
    pty.wait_for("+ add action");
    pty.keys("q");
    pty.wait_for("Quit without saving?"); // the raw edit made it dirty
    pty.keys("y");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.json")).unwrap(),
        "{\"callflow\": [\n  {\"action\": \"hangup\"},\n]}\n",
        "nothing was overwritten"
    );
}

#[test]
fn solve_the_first_practice_exercise_through_the_forms() {
    let dir = scratch_dir("pty-learn");
    let mut pty = Pty::spawn(&["learn"], &dir, &[], (120, 40));
    pty.wait_for("practice 1 of 21");
    pty.wait_for("-1002");
    pty.keys("j"); // the say action
    pty.send(ENTER); // its form
    pty.keys("jjjj"); // text, voiceProfile, repetition, speed → language
    pty.send(ENTER);
    for _ in 0..5 {
        pty.send(BACKSPACE); // "fr-FR" goes: without language the voice decides
    }
    pty.wait_for("✓ CREATED");
    pty.wait_for("practice 1 of 21"); // still here while the field is being edited
    pty.send(ENTER);
    pty.wait_for("practice 2 of 21");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    let progress = std::fs::read_to_string(dir.join("state/callflow/learn.json")).unwrap();
    assert_eq!(
        progress, "{\"current\": -1003, \"solved\": [-1002]}\n",
        "the second exercise is open and the first solved"
    );
}

#[test]
fn quitting_practice_leaves_nothing_for_the_next_builder_to_offer() {
    let dir = scratch_dir("pty-learn-drafts");
    let mut pty = Pty::spawn(&["learn"], &dir, &[], (100, 30));
    pty.wait_for("practice 1 of 21");
    pty.keys("j");
    pty.keys("d"); // an unsaved change a builder would keep as a draft
    pty.wait_for("not solved");
    // Longer than the builder waits before writing its draft.
    std::thread::sleep(std::time::Duration::from_millis(2600));
    pty.keys("q");
    pty.wait_for("Quit without saving?");
    pty.keys("y");
    assert_eq!(pty.wait_exit(), 0);
    assert_eq!(recovery_draft(&dir), None, "learn wrote no draft");
    let builder = Pty::spawn(&[], &dir, &[], (100, 30));
    builder.wait_for("+ add action");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        !builder.contents().contains("survived"),
        "nothing is offered: {}",
        builder.contents()
    );
}

#[test]
fn practice_keys_work_in_a_real_terminal_at_80x24() {
    let dir = scratch_dir("pty-learn-keys");
    let mut pty = Pty::spawn(&["learn"], &dir, &[], (80, 24));
    pty.wait_for("the hint is hidden: h shows it");
    pty.wait_for("h hint  l exercises");
    pty.keys("h");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while pty.contents().contains("the hint is hidden") && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        !pty.contents().contains("the hint is hidden"),
        "{}",
        pty.contents()
    );
    pty.keys("l");
    pty.wait_for("Exercises — 0 of 21 solved");
    pty.keys("s");
    pty.wait_for("practice 2 of 21");
    pty.wait_for("the hint is hidden"); // hidden again on the new exercise
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    let progress = std::fs::read_to_string(dir.join("state/callflow/learn.json")).unwrap();
    assert_eq!(progress, "{\"current\": -1003, \"solved\": []}\n");
}

/// The one recovery draft in the test's state directory, if any (its lock file aside).
fn recovery_draft(dir: &std::path::Path) -> Option<String> {
    let folder = dir.join("state/callflow/recovery");
    let entry = std::fs::read_dir(folder)
        .ok()?
        .flatten()
        .find(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))?;
    std::fs::read_to_string(entry.path()).ok()
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_work() {
    let dir = scratch_dir("pty-panic");
    std::fs::write(dir.join("flow.json"), TIMEOUT_FLOW).unwrap();
    let panic_env = std::ffi::OsString::from("1");
    let mut pty = Pty::spawn(
        &["flow.json"],
        &dir,
        &[("CALLFLOW_DEBUG_PANIC", &panic_env)],
        (100, 30),
    );
    pty.wait_for("-1006");
    pty.keys("d"); // an edit: the next frame panics on purpose
    assert_eq!(pty.wait_exit(), 101, "a panic exits with Rust's panic code");
    let output = String::from_utf8_lossy(&pty.output.lock().unwrap()).into_owned();
    let left_screen = output
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    let message = output
        .rfind("a panic on purpose")
        .expect("the panic message is shown");
    assert!(
        left_screen < message,
        "restored first, so the message stays readable"
    );
    assert!(!pty.screen().screen().alternate_screen());
    let draft = recovery_draft(&dir).expect("the edit was kept as a recovery draft");
    assert!(
        !draft.contains("makeCall"),
        "the draft holds the edit (the first action deleted)"
    );
}

#[test]
fn sigterm_keeps_the_work_and_the_next_start_offers_it_back() {
    let dir = scratch_dir("pty-sigterm");
    std::fs::write(dir.join("flow.json"), TIMEOUT_FLOW).unwrap();
    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("-1006");
    pty.keys("d");
    pty.wait_for("● unsaved");
    let pid = pty.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(pty.wait_exit(), 143, "128 + SIGTERM, as a shell reports it");
    assert!(
        !pty.screen().screen().alternate_screen(),
        "the terminal was restored"
    );
    assert!(recovery_draft(&dir).is_some_and(|draft| !draft.contains("makeCall")));
    assert_eq!(
        std::fs::read_to_string(dir.join("flow.json")).unwrap(),
        TIMEOUT_FLOW,
        "the file is untouched"
    );

    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("Recover it?");
    pty.keys("y");
    pty.wait_for("Recovered the unsaved draft");
    pty.wait_for("-1013"); // without its makeCall the flow starts wrong
    pty.send(CTRL_S);
    pty.wait_for("Saved");
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
    assert!(recovery_draft(&dir).is_none(), "a save removes the draft");
    assert!(
        !std::fs::read_to_string(dir.join("flow.json"))
            .unwrap()
            .contains("makeCall")
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = scratch_dir("pty-changed");
    let file = dir.join("flow.json");
    std::fs::write(&file, TIMEOUT_FLOW).unwrap();
    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("-1006");
    std::fs::write(&file, "{\"callflow\": [], \"by\": \"someone else\"}\n").unwrap();
    pty.keys("d");
    pty.send(CTRL_S);
    pty.wait_for("changed on disk since it was opened. Overwrite it?");
    pty.keys("n");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("someone else")
    );
    pty.send(CTRL_S);
    pty.wait_for("Overwrite it?");
    pty.keys("y");
    pty.wait_for("Saved");
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("someone else")
    );
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn closing_the_terminal_keeps_the_work_and_exits() {
    let dir = scratch_dir("pty-hangup");
    std::fs::write(dir.join("flow.json"), TIMEOUT_FLOW).unwrap();
    let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("-1006");
    pty.keys("d");
    pty.wait_for("● unsaved");
    pty.hang_up();
    assert_eq!(pty.wait_exit(), 129, "128 + SIGHUP");
    assert!(
        recovery_draft(&dir).is_some_and(|draft| !draft.contains("makeCall")),
        "the edit was kept"
    );
}

/// An outside SIGINT or SIGQUIT (in raw mode Ctrl-C and Ctrl-\\ are keys, so these come
/// from `kill`) ends the program as SIGTERM does: draft written, terminal restored, and the
/// exit status a shell expects after that signal.
#[test]
fn sigint_and_sigquit_keep_the_work_restore_the_terminal_and_exit_128_plus_the_signal() {
    for (signal, status) in [("INT", 130), ("QUIT", 131), ("TERM", 143)] {
        let dir = scratch_dir("pty-sigint");
        std::fs::write(dir.join("flow.json"), TIMEOUT_FLOW).unwrap();
        let mut pty = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
        pty.wait_for("-1006");
        pty.keys("d");
        pty.wait_for("● unsaved");
        let pid = pty.child.process_id().unwrap().to_string();
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        assert_eq!(pty.wait_exit(), status, "SIG{signal}");
        let screen = pty.screen();
        assert!(!screen.screen().alternate_screen(), "SIG{signal}: restored");
        let output = String::from_utf8_lossy(&pty.output.lock().unwrap()).into_owned();
        assert!(
            output.contains("\x1b[?2004l"),
            "SIG{signal}: bracketed paste off"
        );
        assert!(
            output.contains("\x1b[?1000l"),
            "SIG{signal}: mouse capture off"
        );
        assert!(
            recovery_draft(&dir).is_some_and(|draft| !draft.contains("makeCall")),
            "SIG{signal}: the edit was kept"
        );
    }
}

/// The drafts (not their lock files) in the test's state directory.
fn recovery_drafts(dir: &std::path::Path) -> Vec<String> {
    let folder = dir.join("state/callflow/recovery");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect()
}

/// Two instances on one file: neither is offered the other's live draft, and one quitting
/// without saving leaves the other's draft alone, which the next start offers back.
#[test]
fn two_instances_on_one_file_keep_their_own_drafts() {
    let dir = scratch_dir("pty-two-instances");
    std::fs::write(dir.join("flow.json"), TIMEOUT_FLOW).unwrap();
    let mut first = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    first.wait_for("-1006");
    first.keys("d"); // deletes the makeCall
    first.wait_for("● unsaved");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while recovery_drafts(&dir).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(recovery_drafts(&dir).len(), 1, "the first instance's draft");

    let mut second = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    second.wait_for("-1006");
    assert!(
        !second.contents().contains("Recover it?"),
        "a running instance's draft is not offered"
    );
    second.keys("jd"); // deletes the sayAndCapture instead
    second.wait_for("● unsaved");
    let pid = second.child.process_id().unwrap().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(sent.success());
    assert_eq!(second.wait_exit(), 143);
    assert_eq!(recovery_drafts(&dir).len(), 2, "each wrote its own");

    first.keys("q");
    first.wait_for("Quit without saving?");
    first.keys("y");
    assert_eq!(first.wait_exit(), 0);
    let left = recovery_drafts(&dir);
    assert_eq!(left.len(), 1, "the first removed only its own draft");
    assert!(
        left[0].contains("makeCall") && !left[0].contains("sayAndCapture"),
        "the second instance's work survives: {}",
        left[0]
    );

    let mut third = Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    third.wait_for("Recover it?");
    third.keys("y");
    third.wait_for("Recovered the unsaved draft");
    third.send(common::ESC);
    third.keys("q");
    third.wait_for("Quit without saving?");
    third.keys("y");
    assert_eq!(third.wait_exit(), 0);
}
