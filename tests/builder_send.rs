//! The builder's send, end to end: the real binary in a pseudo-terminal, against a fake API
//! on 127.0.0.1 that this test starts and that answers slowly, as a real one may.

mod common;

use common::fake_api::{FakeApi, Reply, files_under};
use common::{ENTER, ESC, Pty, scratch_dir};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const KEY: &str = "test-key-0123456789-SECRET-abcd";
const SUBACCOUNT: &str = "acme-voice_1";
const REQUEST: &str = r#"{"callflow": [{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000001"}}, {"action": "say", "params": {"text": "Grüße", "voiceProfile": "en-GB-Emma"}}, {"action": "hangup"}]}"#;
const SOURCE_REFUSED: &str = r#"{"sessionStatus":"NOT_CREATED","statusCode":-1014,"statusMessage":"Source or caller ID is not allowed"}"#;
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// `callflow flow.json` in a terminal, with the API at `api` and the key in the
/// environment; everything it writes stays under `dir`.
fn builder(dir: &Path, api: &FakeApi) -> Pty {
    std::fs::write(dir.join("flow.json"), REQUEST).unwrap();
    let environment = [
        ("CALLFLOW_API_KEY", KEY),
        ("CALLFLOW_SUBACCOUNT", SUBACCOUNT),
        ("CALLFLOW_API_BASE", api.base.as_str()),
        ("NO_PROXY", "127.0.0.1,localhost"),
    ];
    let environment: Vec<(&str, &OsStr)> = environment
        .iter()
        .map(|(name, value)| (*name, OsStr::new(*value)))
        .collect();
    let pty = Pty::spawn(&["flow.json"], dir, &environment, (100, 30));
    pty.wait_for("Actions");
    pty
}

fn journal(dir: &Path) -> PathBuf {
    dir.join("state/callflow/differences.jsonl")
}

fn exported(text: &str) -> String {
    let parsed = callflow::callflow::parse::parse(text).unwrap();
    callflow::callflow::print::to_pretty(&parsed.value)
}

fn assert_key_written_nowhere(dir: &Path) {
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let holds_key = bytes
            .windows(KEY.len())
            .any(|window| window == KEY.as_bytes());
        assert!(!holds_key, "{} holds the API key", file.display());
    }
}

/// Types the word after `S`, having checked the question.
fn confirm(pty: &mut Pty) {
    pty.keys("S");
    pty.wait_for("Type send to place it");
    let question = pty.contents();
    assert!(
        question.contains("A real call to +6590000001"),
        "{question}"
    );
    assert!(question.contains("key ****abcd"), "{question}");
    assert!(!question.contains(KEY), "{question}");
    pty.keys("send");
    pty.send(ENTER);
}

/// The spinner character on screen, if any.
fn spinner_on(screen: &str) -> Option<char> {
    screen.chars().find(|c| SPINNER.contains(c))
}

#[test]
fn typed_send_spins_then_shows_the_answer_and_journals_the_difference() {
    let dir = scratch_dir("builder-send");
    let api = FakeApi::start(&[(
        "callflows",
        Reply::Late(Duration::from_millis(1500), 400, SOURCE_REFUSED),
    )]);
    let mut pty = builder(&dir, &api);
    confirm(&mut pty);
    pty.wait_for("Sent. Waiting for the API");
    // The spinner turns while the API thinks: a second frame appears.
    let first = spinner_on(&pty.contents()).expect("a spinner");
    let deadline = Instant::now() + Duration::from_secs(20);
    while spinner_on(&pty.contents()) == Some(first) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let turned = pty.contents();
    assert!(
        turned.contains("-1014") || spinner_on(&turned).is_some_and(|c| c != first),
        "{turned}"
    );

    pty.wait_for("-1014 Source or caller ID is not allowed (HTTP 400)");
    let answer = pty.contents();
    assert!(
        answer.contains("callflow predicted  ✓ 1 Created"),
        "{answer}"
    );
    assert!(
        answer.contains("This differs from the prediction"),
        "{answer}"
    );

    let received = api.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].method, "POST");
    assert_eq!(
        received[0].path,
        format!("/api/v1/subaccounts/{SUBACCOUNT}/callflows")
    );
    assert_eq!(
        received[0].headers["authorization"],
        format!("Bearer {KEY}")
    );
    assert_eq!(received[0].body, exported(REQUEST).as_bytes());

    let written = std::fs::read_to_string(journal(&dir)).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines.len(), 1);
    let record: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(record["offline"]["statusCode"], 1);
    assert_eq!(record["api"]["answer"]["statusCode"], -1014);
    assert_eq!(record["request"], exported(REQUEST));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(journal(&dir))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    pty.send(ESC);
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0, "{}", pty.contents());
    assert_key_written_nowhere(&dir);
}

#[test]
fn esc_while_waiting_returns_at_once_and_the_late_answer_is_still_journalled() {
    let dir = scratch_dir("builder-send-esc");
    let api = FakeApi::start(&[(
        "callflows",
        Reply::Late(Duration::from_secs(4), 400, SOURCE_REFUSED),
    )]);
    let mut pty = builder(&dir, &api);
    // An unsaved edit (the say action duplicated), so a recovery draft is written too.
    pty.keys("jc");
    confirm(&mut pty);
    pty.wait_for("Sent. Waiting for the API");
    pty.send(ESC);
    pty.wait_for("Stopped waiting");
    assert!(
        pty.contents().contains("the call may still be placed"),
        "{}",
        pty.contents()
    );
    // Back in the builder before the API has answered: nothing is journalled yet.
    assert!(
        !journal(&dir).exists(),
        "Esc waited for the answer; the screen:\n{}",
        pty.contents()
    );
    pty.wait_for("stopped waiting for: -1014");
    let written = std::fs::read_to_string(journal(&dir)).unwrap();
    assert_eq!(
        written.lines().count(),
        1,
        "the late difference is journalled"
    );
    assert!(!written.contains(KEY));
    let drafts = dir.join("state/callflow/recovery");
    let deadline = Instant::now() + Duration::from_secs(20);
    while files_under(&drafts).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!files_under(&drafts).is_empty(), "a draft of the edit");
    assert_key_written_nowhere(&dir);
    pty.keys("q");
    pty.wait_for("unsaved changes");
    pty.keys("y");
    assert_eq!(pty.wait_exit(), 0, "{}", pty.contents());
    assert_key_written_nowhere(&dir);
}

#[test]
fn without_a_key_the_builder_says_which_variable_to_set() {
    let dir = scratch_dir("builder-send-nokey");
    std::fs::write(dir.join("flow.json"), REQUEST).unwrap();
    // An empty variable counts as unset, whatever the developer's own environment holds.
    let environment = [
        ("CALLFLOW_SUBACCOUNT", OsStr::new(SUBACCOUNT)),
        ("CALLFLOW_API_KEY", OsStr::new("")),
    ];
    let mut pty = Pty::spawn(&["flow.json"], &dir, &environment, (100, 30));
    pty.wait_for("Actions");
    pty.keys("S");
    pty.wait_for("set CALLFLOW_API_KEY");
    assert!(
        !pty.contents().contains("--api-key-file"),
        "the builder takes no such option: {}",
        pty.contents()
    );
    pty.send(ESC);
    pty.keys("q");
    assert_eq!(pty.wait_exit(), 0, "{}", pty.contents());
}
