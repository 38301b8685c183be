//! `callflow simulate` through the real binary (SIM.md §5, §6).

mod common;

use callflow::callflow::sim::ids::IdSource;
use common::{Pty, run, scratch_dir, text};
use serde_json::Value;

const NOW: &str = "2026-03-02T09:00:00Z";

fn simulate(file: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["simulate", "--now", NOW, file];
    args.extend_from_slice(extra);
    run(&args, b"")
}

fn lines(output: &std::process::Output) -> Vec<Value> {
    text(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn payload(line: &Value) -> &Value {
    line["event"].get("payload").unwrap_or(&line["event"])
}

/// `t to status` for each line, the way SIM.md §6 abbreviates a run.
fn outline(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let payload = payload(line);
            let status = payload
                .get("callStatus")
                .or(payload.get("sessionStatus"))
                .and_then(Value::as_str)
                .unwrap_or("");
            format!("{} {} {status}", line["t"], line["to"].as_str().unwrap())
        })
        .collect()
}

#[test]
fn example_6_1_plain_message_byte_for_byte() {
    let output = simulate("tests/sim/tts.json", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    let sim = std::fs::read_to_string("tests/sim/tts.sim-6.1.jsonl").unwrap();
    let sim: Vec<&str> = sim.lines().collect();
    // SIM.md prints lines 3 and 4 as line 2 with these keys changed ("… same leg …").
    let initiated = sim[1];
    let connected = initiated
        .replace(
            "2c829abe-1f45-42e1-8584-133ac916ab3c",
            "3ee57890-41c9-4ac3-b3b8-488c368cb0a6",
        )
        .replace("CALL_INITIATED", "CALL_CONNECTED")
        .replace("\"sipCode\":100", "\"sipCode\":200")
        .replace("09:00:00.000Z", "09:00:05.000Z")
        .replace("{\"t\":0,", "{\"t\":5000,");
    let disconnected = initiated
        .replace(
            "2c829abe-1f45-42e1-8584-133ac916ab3c",
            "657eecdd-3cb1-4d09-82d3-26e0055bdef6",
        )
        .replace("CALL_INITIATED", "CALL_DISCONNECTED")
        .replace("\"callDuration\":0", "\"callDuration\":4")
        .replace("\"sipCode\":100", "\"sipCode\":200")
        .replace("09:00:00.000Z", "09:00:09.400Z")
        .replace("{\"t\":0,", "{\"t\":9400,");
    let expected = [sim[0], sim[1], &connected, &disconnected, sim[2]].join("\n") + "\n";
    assert_eq!(text(&output.stdout), expected);
}

#[test]
fn example_6_2_ivr_success_with_complete_on_hash() {
    let output = simulate(
        "tests/sim/ivr-hash.json",
        &[
            "--press",
            "1500:1234#",
            "--responder",
            "tests/sim/ivr-hash-responder.json",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let lines = lines(&output);
    let dtmf: Vec<(u64, &str)> = lines
        .iter()
        .filter(|l| payload(l)["callStatus"] == "DTMF_RECEIVED")
        .map(|l| {
            (
                l["t"].as_u64().unwrap(),
                payload(l)["eventData"]["dtmf"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        dtmf,
        [
            (9900, "1"),
            (9900, "2"),
            (9900, "3"),
            (9900, "4"),
            (9900, "#")
        ]
    );
    let vca = lines.iter().find(|l| l["to"] == "vca").unwrap();
    assert_eq!(vca["t"], 10600);
    assert_eq!(
        payload(vca)["eventData"],
        serde_json::json!({"dtmf": "1234"})
    );
    assert!(payload(vca).get("clientActionId").is_none());
    assert_eq!(vca["reply"]["clientActionId"], "balance");
    assert_eq!(
        outline(&lines[lines.len() - 2..]),
        ["13400 vcs CALL_DISCONNECTED", "13400 vss COMPLETED"]
    );
    let disconnected = payload(&lines[lines.len() - 2]);
    assert_eq!(
        (
            disconnected["sipCode"].as_u64(),
            disconnected["callDuration"].as_u64()
        ),
        (Some(200), Some(8))
    );
    let summary = payload(lines.last().unwrap());
    assert_eq!(
        (
            summary["lastAction"].as_str(),
            summary["callCount"].as_u64()
        ),
        (Some("HANGUP"), Some(1))
    );
}

#[test]
fn example_6_3_timeouts_retries_and_final_failure() {
    let traced = lines(&simulate("tests/sim/ivr-retries.json", &["--trace"]));
    let windows: Vec<(u64, &str)> = traced
        .iter()
        .filter(|l| l["event"]["what"] == "window")
        .map(|l| {
            (
                l["t"].as_u64().unwrap(),
                l["event"]["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        windows,
        [
            (15600, "open"),
            (25600, "timeout"),
            (38300, "open"),
            (48300, "timeout")
        ]
    );
    let output = simulate("tests/sim/ivr-retries.json", &[]);
    let lines = lines(&output);
    assert_eq!(
        outline(&lines),
        [
            "0 response CREATED",
            "0 vcs CALL_INITIATED",
            "5000 vcs CALL_CONNECTED",
            "50400 vca ACTION_COMPLETED",
            "50400 vcs CALL_DISCONNECTED",
            "50400 vss COMPLETED"
        ]
    );
    assert_eq!(payload(&lines[3])["eventData"]["dtmf"], Value::Null);
    assert_eq!(lines[3]["reply"], Value::Null);
    assert_eq!(payload(&lines[4])["callDuration"], 45);
    assert_eq!(payload(&lines[5])["lastAction"], "SAY_AND_CAPTURE");
    // The request's numbers have no +: the events do.
    assert_eq!(payload(&lines[1])["destination"], "+6512345678");

    let with_key = lines_of(simulate(
        "tests/sim/ivr-retries.json",
        &["--press", "-2000:5 0:"],
    ));
    let mut expected = outline(&lines);
    expected.insert(3, "13600 vcs DTMF_RECEIVED".to_owned());
    assert_eq!(outline(&with_key), expected);
    assert_eq!(payload(&with_key[3])["eventData"]["dtmf"], "5");
}

fn lines_of(output: std::process::Output) -> Vec<Value> {
    lines(&output)
}

#[test]
fn example_6_4_bridge_with_two_make_calls() {
    let lines = lines(&simulate("tests/sim/bridge.json", &[]));
    assert_eq!(
        outline(&lines),
        [
            "0 response CREATED",
            "0 vcs CALL_INITIATED",
            "5000 vcs CALL_CONNECTED",
            "8000 vcs CALL_INITIATED",
            "13000 vcs CALL_CONNECTED",
            "13000 vca ACTION_COMPLETED",
            "43000 vcs CALL_DISCONNECTED",
            "43000 vcs CALL_DISCONNECTED",
            "43000 vss COMPLETED"
        ]
    );
    let call_b = payload(&lines[3])["callId"].clone();
    let mut ids = IdSource::new(0);
    let sixth = (0..6).map(|_| ids.next_id()).last().unwrap();
    assert_eq!(call_b, sixth.as_str(), "callB's callId is id 6");
    assert_eq!(
        payload(&lines[6])["callId"],
        call_b,
        "callB is disconnected first"
    );
    assert_eq!(payload(&lines[6])["callDuration"], 30);
    assert_eq!(payload(&lines[7])["callDuration"], 38);
    let summary = payload(&lines[8]);
    assert_eq!(summary["lastAction"], "MAKE_CALL");
    assert_eq!(summary["callCount"], 2);
    assert_eq!(summary["details"]["callA"]["callStatus"], "COMPLETED");
    assert_eq!(summary["details"]["callB"]["callStatus"], "COMPLETED");
}

#[test]
fn example_6_5_busy_callee() {
    let lines = lines(&simulate("tests/sim/tts.json", &["--callee", "busy"]));
    assert_eq!(
        outline(&lines),
        [
            "0 response CREATED",
            "0 vcs CALL_INITIATED",
            "5000 vcs CALL_DISCONNECTED",
            "5000 vss BUSY"
        ]
    );
    assert_eq!(payload(&lines[2])["sipCode"], 486);
    assert_eq!(payload(&lines[2])["callDuration"], 0);
    let summary = payload(&lines[3]);
    assert_eq!(summary["lastAction"], "MAKE_CALL");
    assert_eq!(summary["endTime"], "2026-03-02T09:00:05Z");
    let call_a = &summary["details"]["callA"];
    assert_eq!(call_a["callStatus"], "BUSY");
    assert_eq!(call_a["callDuration"], 0);
    assert!(call_a.get("connectedTimestamp").is_none());
    assert!(call_a.get("callQuality").is_none());
}

#[test]
fn a_refused_request_prints_only_its_response_and_exits_1() {
    let output = simulate("tests/cases/1006-overall-below-digit.json", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "{\"t\":0,\"to\":\"response\",\"event\":{\"sessionStatus\":\"NOT_CREATED\",\"callFlowRequestId\":\"e220a839-7b1d-4daf-ae78-9e6aa1b965f4\",\"statusCode\":-1006,\"statusMessage\":\"OverallTimeout should be greater than digitTimeout\"}}\n"
    );
}

#[test]
fn a_body_that_is_not_json_is_answered_1001() {
    let output = run(&["simulate", "--now", NOW, "-"], b"{not json");
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("\"statusCode\":-1001"));
}

#[test]
fn the_same_input_and_seed_print_the_same_bytes_and_another_seed_other_ids() {
    let args = [
        "--press",
        "1500:1234#",
        "--responder",
        "tests/sim/ivr-hash-responder.json",
        "--trace",
    ];
    let first = simulate("tests/sim/ivr-hash.json", &args);
    let again = simulate("tests/sim/ivr-hash.json", &args);
    assert_eq!(first.stdout, again.stdout);
    let mut seeded = args.to_vec();
    seeded.extend(["--seed", "7"]);
    let other = simulate("tests/sim/ivr-hash.json", &seeded);
    assert_ne!(first.stdout, other.stdout);
    assert_eq!(outline(&lines(&first)), outline(&lines(&other)));
}

#[test]
fn unused_press_tokens_get_a_note_on_standard_error() {
    let output = simulate("tests/sim/tts.json", &["--press", "0:1 +5:2 0:3"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        text(&output.stderr),
        "callflow: note: 3 --press tokens were not used: the call had fewer capture tries\n"
    );
}

#[test]
fn subaccount_and_account_profile_shape_the_events() {
    let dir = scratch_dir("sim-account");
    let account = dir.join("account.json");
    std::fs::write(&account, r#"{"vcaWebhookUrl": null}"#).unwrap();
    let output = simulate(
        "tests/sim/bridge.json",
        &[
            "--subaccount",
            "acme",
            "--account",
            account.to_str().unwrap(),
        ],
    );
    let lines = lines(&output);
    assert!(
        lines.iter().all(|l| l["to"] != "vca"),
        "no VCA webhook, no VCA"
    );
    assert_eq!(payload(&lines[1])["subAccountId"], "acme");
}

#[test]
fn bad_input_is_exit_2_with_one_line_and_no_output() {
    let dir = scratch_dir("sim-bad");
    let broken = dir.join("responder.json");
    std::fs::write(&broken, r#"{"rules": [{"reply": "maybe"}]}"#).unwrap();
    let not_json = dir.join("not-json.json");
    std::fs::write(&not_json, "{rules").unwrap();
    let cases: Vec<Vec<String>> = vec![
        vec!["--press".into(), "+100:1".into()],
        vec!["--press".into(), "100:1x".into()],
        vec!["--responder".into(), broken.display().to_string()],
        vec!["--responder".into(), not_json.display().to_string()],
        vec![
            "--responder".into(),
            dir.join("missing.json").display().to_string(),
        ],
        vec!["--callee".into(), "maybe".into()],
        vec!["--callee-b".into(), "hangup-after=-1".into()],
        vec!["--ring".into(), "60000".into()],
        vec!["--file-ms".into(), "0".into()],
        vec!["--max-ms".into(), "59999".into()],
        vec!["--seed".into(), "-1".into()],
        vec!["--interactive".into()],
    ];
    for case in cases {
        let args: Vec<&str> = case.iter().map(String::as_str).collect();
        let output = simulate("tests/sim/tts.json", &args);
        assert_eq!(output.status.code(), Some(2), "{case:?}");
        assert!(output.stdout.is_empty(), "{case:?}");
        let stderr = text(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{case:?}: {stderr}");
    }
    let missing = simulate("tests/sim/does-not-exist.json", &[]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn explain_shows_each_capture_rule_happen_in_a_simulated_call() {
    let output = run(&["explain", "-1006"], b"");
    let explained = text(&output.stdout);
    let section = explained
        .split("\nSee it happen\n")
        .nth(1)
        .expect("a See it happen section");
    assert!(
        section.contains("try 1: the overall timer runs out"),
        "{section}"
    );
    assert!(section.contains("callflow simulate flow.json --trace --press \"2000:1\""));
    for code in ["-1003", "-1004", "-1005", "-1008"] {
        let output = run(&["explain", code], b"");
        assert!(text(&output.stdout).contains("\nSee it happen\n"), "{code}");
    }
    let unrelated = run(&["explain", "-1013"], b"");
    assert!(!text(&unrelated.stdout).contains("See it happen"));
}

#[test]
fn interactive_takes_the_call_in_a_terminal_and_writes_the_lines() {
    let dir = scratch_dir("sim-interactive");
    std::fs::copy("tests/sim/ivr-hash.json", dir.join("ivr.json")).unwrap();
    let args = [
        "simulate",
        "ivr.json",
        "--interactive",
        "--now",
        NOW,
        "--out",
        "out.jsonl",
    ];
    let mut pty = Pty::spawn(&args, &dir, &[], (100, 30));
    pty.wait_for("ringing");
    pty.send(b" "); // to the answer
    pty.wait_for("CALL_CONNECTED");
    pty.send(b" "); // to the end of the prompt
    pty.wait_for("try 1 of 2");
    pty.send(b"1234");
    pty.wait_for("digits \"1234\"");
    pty.send(b"#");
    pty.wait_for("{\"dtmf\":\"#\"}");
    pty.send(b"q");
    assert_eq!(pty.wait_exit(), 0);
    let written = std::fs::read_to_string(dir.join("out.jsonl")).unwrap();
    let lines: Vec<Value> = written
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let keys: Vec<&str> = lines
        .iter()
        .filter(|l| payload(l)["callStatus"] == "DTMF_RECEIVED")
        .map(|l| payload(l)["eventData"]["dtmf"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["1", "2", "3", "4", "#"]);
    assert_eq!(lines.last().unwrap()["to"], "vss");
}

#[test]
fn huge_durations_and_limits_do_not_overflow() {
    let huge = u64::MAX.to_string();
    let callee = format!("hangup-after={huge}");
    for extra in [
        vec![
            "--max-ms",
            huge.as_str(),
            "--file-ms",
            huge.as_str(),
            "--callee",
            callee.as_str(),
        ],
        vec![
            "--max-ms",
            huge.as_str(),
            "--callee-b",
            callee.as_str(),
            "--callee",
            "answer",
        ],
    ] {
        let output = simulate("tests/sim/bridge.json", &extra);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        assert!(
            text(&output.stdout)
                .lines()
                .last()
                .unwrap()
                .contains("\"to\":\"vss\"")
        );
    }
}
