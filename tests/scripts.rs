//! The command line in scripts (issue 9 §5, issue 14 items 8–10 and 15): several files,
//! the human and GitHub formats, closed pipes, escaped messages, no terminal, ulimit -f.

mod common;

use common::{callflow, run, scratch_dir, text};
use std::io::Read;
use std::process::{Command, Stdio};

const NOW: &str = "2026-11-28T00:00:00Z";
const REFUSED: &str = "tests/cases/1006-overall-below-digit.json";
const CREATED: &str = "tests/cases/created-ivr.json";

#[test]
fn several_files_each_answer_names_its_file_and_the_status_is_the_worst() {
    let output = run(&["validate", "--now", NOW, CREATED, REFUSED], b"");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        format!(
            "{{\"file\": \"{CREATED}\", \"sessionStatus\": \"CREATED\", \"statusCode\": 1, \"statusMessage\": \"Created\"}}\n\
             {{\"file\": \"{REFUSED}\", \"sessionStatus\": \"NOT_CREATED\", \"statusCode\": -1006, \"statusMessage\": \"OverallTimeout should be greater than digitTimeout\"}}\n"
        )
    );
    let created_only = run(&["validate", "--now", NOW, CREATED, CREATED], b"");
    assert_eq!(created_only.status.code(), Some(0));
}

#[test]
fn one_file_keeps_the_spec_line_without_a_file_key() {
    let output = run(&["validate", "--now", NOW, REFUSED], b"");
    assert!(text(&output.stdout).starts_with("{\"sessionStatus\": "));
}

#[test]
fn a_file_that_cannot_be_read_among_several_is_reported_and_the_others_are_checked() {
    let output = run(
        &["validate", "--now", NOW, "missing.json", CREATED, REFUSED],
        b"",
    );
    assert_eq!(output.status.code(), Some(2), "2 beats 1 and 0");
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stdout.contains(CREATED) && stdout.contains(REFUSED));
    assert_eq!(
        text(&output.stderr),
        "callflow: missing.json: no such file\n"
    );
}

#[test]
fn human_format_gives_the_file_a_mark_the_code_and_with_all_each_finding_where_it_is() {
    let short = run(
        &["validate", "--format", "human", "--now", NOW, REFUSED],
        b"",
    );
    assert_eq!(short.status.code(), Some(1));
    assert_eq!(
        text(&short.stdout),
        format!(
            "{REFUSED}: ✗ NOT_CREATED -1006 OverallTimeout should be greater than digitTimeout\n"
        )
    );
    let all = run(
        &[
            "validate", "--format", "human", "--all", "--now", NOW, REFUSED,
        ],
        b"",
    );
    let stdout = text(&all.stdout);
    let finding = stdout.lines().nth(1).expect("a finding line");
    assert!(
        finding.starts_with(&format!(
            "  {REFUSED}:16:27: error -1006 at $.callflow[1].params.overallTimeout: OverallTimeout should be greater than digitTimeout (hint: "
        )),
        "{finding}"
    );
    let created = run(
        &["validate", "--format", "human", "--now", NOW, CREATED],
        b"",
    );
    assert_eq!(
        text(&created.stdout),
        format!("{CREATED}: ✓ CREATED 1 Created\n")
    );
}

#[test]
fn human_format_points_at_the_syntax_error_of_invalid_json() {
    let output = run(
        &["validate", "--format", "human", "--all", "--now", NOW],
        b"{\n  \"callflow\": [,]\n}",
    );
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("-: ✗ NOT_CREATED -1001 "), "{stdout}");
    assert!(stdout.contains("\n  -:2:16: error -1001: "), "{stdout}");
}

#[test]
fn github_format_writes_one_annotation_per_error_and_warning() {
    let dir = scratch_dir("github");
    let file = dir.join("flow.json");
    std::fs::write(
        &file,
        "{\"callflow\": [{\"action\": \"hangup\", \"x\": 1}],\n \"oops\": true}",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let output = run(&["validate", "--format", "github", "--now", NOW, path], b"");
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "::error file={path},line=1,col=15,title=-1013::Invalid Callflow : First action should be a MakeCall action"
        )),
        "{stdout}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "::warning file={path},line=2,col=10,title=warning::"
        ))),
        "the unknown top-level key: {stdout}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "::warning file={path},line=1,col=41,title=warning::"
        ))),
        "the unknown action key: {stdout}"
    );
    assert!(!stdout.contains("::notice"), "notes only with --all");
    assert!(
        lines.iter().all(|l| l.starts_with("::")),
        "nothing but workflow commands"
    );
}

/// Starts `callflow ARGS`, closes its standard output before it writes (as `head -c 100`
/// would after reading), and returns its
/// status and standard error.
fn with_output_closed(args: &[&str], stdin: Option<&str>) -> (Option<i32>, String) {
    let mut command = callflow();
    command
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match stdin {
        Some(path) => command.stdin(std::fs::File::open(path).unwrap()),
        None => command.stdin(Stdio::null()),
    };
    let mut child = command.spawn().unwrap();
    // Closed at once, before the program can write (it needs milliseconds to start): a
    // short answer would otherwise fit the pipe's buffer and never meet the closed end.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code(), stderr)
}

#[test]
fn a_closed_pipe_is_a_quiet_exit_for_every_subcommand() {
    let dir = scratch_dir("closed-pipe");
    let big = dir.join("big.json");
    let keys: Vec<String> = (0..5000).map(|i| format!("\"unknown{i}\": {i}")).collect();
    std::fs::write(&big, format!("{{\"callflow\": [], {}}}", keys.join(", "))).unwrap();
    let big = big.to_str().unwrap();
    let cases: [&[&str]; 7] = [
        &["validate", "--all", "--now", NOW, big],
        &["validate", "--all", "--format", "human", "--now", NOW, big],
        &["validate", "--all", "--now", NOW, big, big, big],
        &["completions", "bash"],
        &["codes"],
        &["explain", "-1006"],
        &["new", "ivr-menu"],
    ];
    for args in cases {
        let (status, stderr) = with_output_closed(args, None);
        assert_eq!(stderr, "", "{args:?} must say nothing");
        assert!(
            matches!(status, Some(0 | 1)),
            "{args:?} exits with its own status, not a panic's: {status:?}"
        );
    }
}

#[test]
fn messages_that_echo_arguments_never_carry_raw_control_characters() {
    let hostile = "x\u{1b}]2;T\u{7}";
    // clap's own usage errors drop escape sequences from what they echo; ours show them.
    let cases: [(Vec<&str>, bool); 5] = [
        (vec!["validate", hostile], true),
        (vec!["validate", "--now", hostile, CREATED], true),
        (vec!["explain", hostile], true),
        (vec!["new", hostile], true),
        (vec!["validate", "--format", hostile], false),
    ];
    for (args, shown_escaped) in cases {
        let output = run(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{args:?}: {stderr:?}"
        );
        if shown_escaped {
            assert!(stderr.contains("x\\x1b]2;T\\x07"), "{args:?}: {stderr:?}");
        }
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr:?}");
    }
}

#[test]
fn the_builder_without_a_terminal_exits_2_before_any_escape_sequence() {
    for args in [vec![], vec!["flow.json"], vec!["learn"]] {
        let output = run(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            output.stdout.is_empty(),
            "{args:?}: nothing on standard output"
        );
        let stderr = text(&output.stderr);
        assert_eq!(
            stderr,
            "callflow: the builder needs a terminal on standard input and output; in scripts use `callflow validate`\n"
        );
    }
}

#[test]
fn a_save_past_ulimit_f_fails_with_a_message_and_leaves_no_temporary_file() {
    let dir = scratch_dir("ulimit");
    let output = Command::new("sh")
        .args([
            "-c",
            "ulimit -f 0; exec \"$0\" new ivr-menu flow.json",
            env!("CARGO_BIN_EXE_callflow"),
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "not killed by SIGXFSZ: {stderr}"
    );
    assert_eq!(
        stderr,
        "callflow: flow.json: could not save: the file is larger than this process may write (ulimit -f)\n"
    );
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert!(left.is_empty(), "no temporary file remains: {left:?}");
}

#[test]
fn a_file_name_of_255_bytes_is_written() {
    let dir = scratch_dir("long-name");
    let name = format!("{}.json", "a".repeat(250));
    let path = dir.join(&name);
    let output = run(&["new", "voice-message", path.to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(path.exists());
}

#[test]
fn help_speaks_of_the_account_in_the_users_words() {
    for args in [
        vec!["--help"],
        vec!["validate", "--help"],
        vec!["simulate", "--help"],
        vec!["send", "--help"],
        vec!["lsp", "--help"],
    ] {
        let output = run(&args, b"");
        let help = text(&output.stdout);
        assert!(!help.contains("SPEC"), "{args:?}: {help}");
        assert!(
            help.contains("What your account allows"),
            "{args:?}: {help}"
        );
    }
}

#[test]
fn the_clipboard_holder_without_a_display_says_why_and_exits() {
    let output = run(&["hold-clipboard"], b"{}");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).starts_with("callflow: hold-clipboard: "));
    assert!(output.stdout.starts_with(b""));
}

#[test]
fn human_and_github_list_at_most_1000_findings_then_say_how_many_were_left_out() {
    let dir = scratch_dir("many-findings");
    let file = dir.join("many.json");
    let keys: Vec<String> = (0..1500).map(|i| format!("\"k{i}\": {i}")).collect();
    let body = format!("{{\"callflow\": [], {}}}", keys.join(", "));
    std::fs::write(&file, &body).unwrap();
    let path = file.to_str().unwrap();
    let column = body.find("\"k998\": ").unwrap() + "\"k998\": ".len() + 1;

    let human = run(
        &["validate", "--format", "human", "--all", "--now", NOW, path],
        b"",
    );
    let stdout = text(&human.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1 + 1000 + 1,
        "the answer, 1,000 findings, the note"
    );
    assert!(
        lines[1000].starts_with(&format!("  {path}:1:{column}: warning at $.k998: ")),
        "{}",
        lines[1000]
    );
    assert!(
        lines[1001].contains("note: ") && lines[1001].contains("more findings left out"),
        "{}",
        lines[1001]
    );

    let github = run(&["validate", "--format", "github", "--now", NOW, path], b"");
    let stdout = text(&github.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1001);
    assert!(
        lines[1000].starts_with(&format!("::notice file={path},title=note::"))
            && lines[1000].contains("more findings left out"),
        "{}",
        lines[1000]
    );
}

#[test]
fn completions_offer_the_commands_a_person_types_and_not_the_clipboard_holder() {
    for shell in ["bash", "zsh", "fish"] {
        let output = run(&["completions", shell], b"");
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = text(&output.stdout);
        // fish writes options as `-l account`, the others as `--account`.
        assert!(
            script.contains("validate") && script.contains("account"),
            "{shell}"
        );
        assert!(script.contains("format"), "{shell}: validate's options");
        assert!(!script.contains("hold-clipboard"), "{shell}");
    }
}
