//! The headless commands, through the real binary (SPEC §8).

mod common;

use common::{callflow, run, scratch_dir, text};
use std::path::Path;

const NOW: &str = "2026-11-28T00:00:00Z";

fn validate(file: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["validate", "--now", NOW, file];
    args.extend_from_slice(extra);
    run(&args, b"")
}

#[test]
fn created_prints_the_response_and_exits_0() {
    let output = validate("tests/cases/created-voice-message.json", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stdout),
        "{\"sessionStatus\": \"CREATED\", \"statusCode\": 1, \"statusMessage\": \"Created\"}\n"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn refused_prints_the_response_and_exits_1() {
    let output = validate("tests/cases/1006-overall-below-digit.json", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "{\"sessionStatus\": \"NOT_CREATED\", \"statusCode\": -1006, \"statusMessage\": \"OverallTimeout should be greater than digitTimeout\"}\n"
    );
}

#[test]
fn reads_standard_input_for_dash_and_for_no_file() {
    let body = std::fs::read("tests/cases/1013-first-is-say.json").unwrap();
    for args in [
        vec!["validate", "--now", NOW, "-"],
        vec!["validate", "--now", NOW],
    ] {
        let output = run(&args, &body);
        assert_eq!(output.status.code(), Some(1));
        assert!(text(&output.stdout).contains("\"statusCode\": -1013"));
    }
}

#[test]
fn all_adds_every_finding_with_the_syntax_error_position() {
    let output = validate("tests/cases/1001-trailing-comma.json", &["--all"]);
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let finding = &answer["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["code"], -1001);
    assert_eq!(finding["message"], "Invalid JSON request body");
    assert!(
        finding["hint"]
            .as_str()
            .unwrap()
            .starts_with("line 1, column 35"),
        "{finding}"
    );
}

#[test]
fn all_lists_warnings_and_notes_after_errors() {
    let output = validate(
        "tests/cases/created-unknown-keys-are-warnings.json",
        &["--all"],
    );
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let severities: Vec<&str> = answer["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["warning", "note"]);
    assert_eq!(answer["findings"][0]["path"], "$.clientActionId");
}

#[test]
fn all_lists_at_most_1000_findings_then_a_note_with_the_rest() {
    // 3,000 items that are not actions, each a -1009, and -1013 for the first.
    let body = format!("{{\"callflow\": [0{}]}}", ",0".repeat(2999));
    let output = run(&["validate", "--now", NOW, "--all"], body.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = answer["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1001);
    assert_eq!(findings[999]["path"], "$.callflow[999]");
    assert_eq!(findings[1000]["severity"], "note");
    assert_eq!(
        findings[1000]["message"],
        "2001 more findings left out: at most 1000 are listed"
    );
    let plain = run(&["validate", "--now", NOW], body.as_bytes());
    assert_eq!(
        text(&plain.stdout),
        "{\"sessionStatus\": \"NOT_CREATED\", \"statusCode\": -1009, \"statusMessage\": \"Invalid call flow entry provided. $.callflow[0]: integer found, object expected\"}\n"
    );
}

#[test]
fn a_body_that_is_not_utf8_is_1001_not_an_error() {
    let output = validate("tests/cases/1001-not-utf8.json", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("-1001"));
}

#[test]
fn the_account_option_changes_the_answer() {
    let dir = scratch_dir("account");
    let account = dir.join("account.json");
    std::fs::write(&account, r#"{"allowedSources": []}"#).unwrap();
    let output = validate(
        "tests/cases/created-voice-message.json",
        &["--account", account.to_str().unwrap()],
    );
    assert!(text(&output.stdout).contains("-1014"));
}

#[test]
fn the_config_directory_account_is_used_when_present() {
    let config = scratch_dir("config");
    std::fs::create_dir_all(config.join("callflow")).unwrap();
    std::fs::write(
        config.join("callflow/account.json"),
        r#"{"allowedSources": []}"#,
    )
    .unwrap();
    let output = callflow()
        .env("XDG_CONFIG_HOME", &config)
        .args([
            "validate",
            "--now",
            NOW,
            "tests/cases/created-voice-message.json",
        ])
        .output()
        .unwrap();
    assert!(text(&output.stdout).contains("-1014"));
}

fn assert_could_not_check(output: &std::process::Output, reason: &str) {
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty(), "stdout: {}", text(&output.stdout));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(reason), "{stderr:?} should say {reason:?}");
}

#[test]
fn what_cannot_be_checked_exits_2_with_one_line() {
    let dir = scratch_dir("unreadable");
    let big = dir.join("big.json");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(16 * 1024 * 1024 + 1).unwrap();
    let bad_account = dir.join("bad-account.json");
    std::fs::write(&bad_account, r#"{"scenarios": "all"}"#).unwrap();
    let ok = "tests/cases/created-voice-message.json";

    assert_could_not_check(
        &validate("tests/cases/no-such-file.json", &[]),
        "no such file",
    );
    assert_could_not_check(&validate(dir.to_str().unwrap(), &[]), "directory");
    assert_could_not_check(&validate(big.to_str().unwrap(), &[]), "16 MiB");
    assert_could_not_check(&run(&["validate", "--now", "tomorrow", ok], b""), "--now");
    assert_could_not_check(
        &validate(ok, &["--account", bad_account.to_str().unwrap()]),
        "scenarios",
    );
    assert_could_not_check(&run(&["validate", "--bogus", ok], b""), "--bogus");
}

#[test]
fn codes_lists_all_22_codes_with_their_messages() {
    let output = run(&["codes"], b"");
    let listing = text(&output.stdout);
    assert_eq!(listing.lines().count(), 22);
    assert!(listing.contains("-1006  OverallTimeout should be greater than digitTimeout"));
    assert!(listing.contains("-9999  An unknown error has occurred."));
    assert!(listing.lines().next().unwrap().ends_with("1  Created"));
}

#[test]
fn completions_are_printed_for_a_shell() {
    let output = run(&["completions", "bash"], b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("validate"));
}

#[test]
fn every_case_file_answers_through_the_binary_as_in_the_library() {
    // A sample of the cases, end to end, so the binary and the library cannot drift apart.
    for file in [
        "1009-text-missing.json",
        "9999-overall-timeout-2147483648.json",
        "1017-empty.json",
    ] {
        let path = Path::new("tests/cases").join(file);
        let output = validate(path.to_str().unwrap(), &[]);
        let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let expected = file.split('-').next().unwrap();
        assert_eq!(
            answer["statusCode"].to_string(),
            format!("-{expected}"),
            "{file}"
        );
    }
}

#[test]
fn explain_prints_the_lesson_and_refuses_unknown_codes() {
    for code in ["-1006", "1006"] {
        let output = run(&["explain", code], b"");
        assert_eq!(output.status.code(), Some(0));
        let text = text(&output.stdout);
        assert!(
            text.starts_with("-1006 OverallTimeout should be greater than digitTimeout\n"),
            "{text}"
        );
        assert!(text.contains("What triggers it") && text.contains("Fix"));
    }
    let output = run(&["explain", "-1021"], b"");
    assert_could_not_check(&output, "-1001");
    assert!(text(&output.stderr).contains("-9999"));
}

#[test]
fn new_writes_a_template_that_is_created_and_never_overwrites() {
    let dir = scratch_dir("new");
    let file = dir.join("ivr.json");
    let output = run(&["new", "ivr-menu", file.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let checked = validate(file.to_str().unwrap(), &[]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
    assert_could_not_check(
        &run(&["new", "ivr-menu", file.to_str().unwrap()], b""),
        "exists",
    );
    assert_could_not_check(&run(&["new", "nope"], b""), "voice-message");
    let printed = run(&["new", "scenario"], b"");
    assert!(text(&printed.stdout).contains("executeScenario"));
}

#[test]
fn the_builder_refuses_unusable_files_before_touching_the_terminal() {
    let dir = scratch_dir("builder-limits");
    let binary = dir.join("binary.json");
    std::fs::write(&binary, b"{\"a\": \"\x00\x01\"}").unwrap();
    let latin1 = dir.join("latin1.json");
    std::fs::write(&latin1, b"{\"text\": \"caf\xe9\"}").unwrap();
    let big = dir.join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    for (path, reason) in [
        (&dir, "directory"),
        (&binary, "binary"),
        (&latin1, "UTF-8"),
        (&big, "16 MiB"),
    ] {
        // In a real terminal: without one the builder stops earlier, for that reason.
        let mut pty = common::Pty::spawn(&[path.to_str().unwrap()], &dir, &[], (100, 30));
        assert_eq!(pty.wait_exit(), 2, "{path:?}");
        let output = text(&pty.output.lock().unwrap());
        assert!(
            !output.contains("\x1b[?1049h"),
            "nothing drawn for {path:?}: {output:?}"
        );
        assert!(output.contains(reason), "{path:?}: {output}");
    }
    assert_eq!(
        std::fs::read(&binary).unwrap(),
        b"{\"a\": \"\x00\x01\"}",
        "nothing was overwritten"
    );
}
