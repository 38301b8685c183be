//! The simulator engine on every boundary of SIM.md §3.4 and on the ways a call ends
//! (§2, §3.6, §3.8), through the library.

use callflow::callflow::datetime::parse_rfc3339;
use callflow::callflow::sim::{Callee, PressScript, Responder, Setup, Simulation};
use callflow::callflow::{AccountProfile, Context, StatusCode};
use serde_json::{Value, json};

const VOICE: &str = "en-US-BenjaminRUS";

fn setup() -> Setup {
    let now = parse_rfc3339("2026-03-02T09:00:00Z").unwrap();
    let mut setup = Setup::new(Context::new(AccountProfile::default(), now));
    setup.trace = true;
    setup
}

fn make_call(destination: &str) -> Value {
    json!({"action": "makeCall", "params": {"source": "+6588000000", "destination": destination}})
}

/// 30 characters: 2000 ms at speed 1.
const THIRTY: &str = "Please enter your PIN number.!";

fn capture(params: Value) -> Value {
    let mut all = json!({"promptMessage": THIRTY, "voiceProfile": VOICE});
    for (key, value) in params.as_object().unwrap() {
        all[key] = value.clone();
    }
    json!({"action": "sayAndCapture", "params": all})
}

fn say(text: &str) -> Value {
    json!({"action": "say", "params": {"text": text, "voiceProfile": VOICE}})
}

fn request(actions: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({ "callflow": actions })).unwrap()
}

fn run(body: &[u8], setup: Setup) -> (Simulation, Vec<Value>) {
    let mut simulation = Simulation::from_bytes(body, setup);
    assert!(
        simulation.verdict().is_created(),
        "{:?}",
        simulation.verdict().response
    );
    simulation.run_to_end();
    let lines = simulation
        .lines()
        .iter()
        .map(|line| serde_json::from_str(&line.to_compact()).unwrap())
        .collect();
    (simulation, lines)
}

/// A capture flow with these params, these presses, the default callee.
fn run_capture(params: Value, presses: &str) -> Vec<Value> {
    let mut setup = setup();
    setup.presses = PressScript::parse(presses).unwrap();
    run(
        &request(vec![make_call("+6590000000"), capture(params)]),
        setup,
    )
    .1
}

fn payload(line: &Value) -> &Value {
    line["event"].get("payload").unwrap_or(&line["event"])
}

/// `(t, state, digits, ok)` of each window that closed.
fn closings(lines: &[Value]) -> Vec<(u64, String, String, bool)> {
    lines
        .iter()
        .filter(|l| l["event"]["what"] == "window" && l["event"]["state"] != "open")
        .map(|l| {
            let e = &l["event"];
            (
                l["t"].as_u64().unwrap(),
                e["state"].as_str().unwrap().to_owned(),
                e["digits"].as_str().unwrap().to_owned(),
                e["ok"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn ignored_keys(lines: &[Value]) -> Vec<(u64, String)> {
    lines
        .iter()
        .filter(|l| l["event"]["what"] == "ignored")
        .map(|l| {
            (
                l["t"].as_u64().unwrap(),
                l["event"]["key"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn vca_dtmf(lines: &[Value]) -> Vec<Value> {
    lines
        .iter()
        .filter(|l| l["to"] == "vca")
        .map(|l| payload(l)["eventData"]["dtmf"].clone())
        .collect()
}

fn summary(lines: &[Value]) -> &Value {
    let last = lines.last().unwrap();
    assert_eq!(last["to"], "vss");
    payload(last)
}

// callA answers at 5000, the 2000 ms prompt ends and the window opens at 7000.
const W: u64 = 7000;

#[test]
fn a_key_exactly_at_the_deadline_is_late() {
    // A say after the capture keeps the call going past the deadline.
    let mut setup = setup();
    setup.presses = PressScript::parse("3000:1").unwrap();
    let body = request(vec![
        make_call("+6590000000"),
        capture(json!({"overallTimeout": 3000, "noOfTries": 1})),
        say(THIRTY),
    ]);
    let lines = run(&body, setup).1;
    assert_eq!(
        closings(&lines),
        [(W + 3000, "timeout".into(), "".into(), false)]
    );
    assert_eq!(ignored_keys(&lines), [(W + 3000, "1".into())]);
    // Its DTMF_RECEIVED still goes out, before the ignored trace.
    let dtmf = lines
        .iter()
        .position(|l| payload(l)["callStatus"] == "DTMF_RECEIVED")
        .unwrap();
    assert_eq!(lines[dtmf + 1]["event"]["what"], "ignored");

    let in_time = run_capture(json!({"overallTimeout": 3000, "noOfTries": 1}), "2999:1#");
    assert!(ignored_keys(&in_time).is_empty());
    assert_eq!(
        closings(&in_time),
        [(W + 2999, "hash".into(), "1".into(), true)]
    );
    assert_eq!(vca_dtmf(&in_time), [json!("1")]);
}

#[test]
fn a_key_at_the_window_opening_is_collected_and_one_during_the_prompt_is_not() {
    let lines = run_capture(json!({"noOfTries": 1, "maxDigits": 1}), "0:7");
    assert_eq!(closings(&lines), [(W, "max".into(), "7".into(), true)]);
    let early = run_capture(
        json!({"noOfTries": 1, "maxDigits": 1, "overallTimeout": 1000}),
        "-1:7",
    );
    assert_eq!(ignored_keys(&early), [(W - 1, "7".into())]);
    assert_eq!(
        closings(&early),
        [(W + 1000, "timeout".into(), "".into(), false)]
    );
    // Before the prompt's start: moved to it.
    let moved = run_capture(json!({"noOfTries": 1, "overallTimeout": 1000}), "-99999:7");
    assert_eq!(ignored_keys(&moved), [(5000, "7".into())]);
}

#[test]
fn hash_ends_the_entry_only_with_complete_on_hash() {
    let with = run_capture(json!({"noOfTries": 1}), "0:12#");
    assert_eq!(closings(&with), [(W, "hash".into(), "12".into(), true)]);
    let without = run_capture(
        json!({"noOfTries": 1, "completeOnHash": false, "maxDigits": 3}),
        "0:1#2",
    );
    assert_eq!(closings(&without), [(W, "max".into(), "1#2".into(), true)]);
    assert_eq!(vca_dtmf(&without), [json!("1#2")]);
}

#[test]
fn hash_below_min_digits_fails_the_try() {
    let lines = run_capture(
        json!({"minDigits": 3, "maxDigits": 5, "noOfTries": 2, "overallTimeout": 5000}),
        "0:12# 0:123#",
    );
    assert_eq!(
        closings(&lines),
        [
            (W, "hash".into(), "12".into(), false),
            // No failure message: try 2's prompt runs 7000–9000.
            (W + 2000, "hash".into(), "123".into(), true)
        ]
    );
    assert_eq!(vca_dtmf(&lines), [json!("123")]);
}

#[test]
fn reaching_max_digits_closes_at_once_and_later_keys_are_ignored() {
    let lines = run_capture(
        json!({"maxDigits": 2, "noOfTries": 1, "successMessage": THIRTY}),
        "100:123",
    );
    assert_eq!(
        closings(&lines),
        [(W + 100, "max".into(), "12".into(), true)]
    );
    assert_eq!(ignored_keys(&lines), [(W + 100, "3".into())]);
}

#[test]
fn the_digit_timer_starts_at_the_first_key_and_the_overall_timer_caps_it() {
    let digit = run_capture(
        json!({"digitTimeout": 2000, "overallTimeout": 10000, "noOfTries": 1}),
        "1000:1 +1500:2",
    );
    // 8000: "1", digit deadline 10000; 9500: "2", deadline 11500.
    assert_eq!(
        closings(&digit),
        [(W + 4500, "timeout".into(), "12".into(), false)]
    );
    let overall = run_capture(
        json!({"digitTimeout": 5000, "overallTimeout": 6000, "noOfTries": 1}),
        "4000:1",
    );
    assert_eq!(
        closings(&overall),
        [(W + 6000, "timeout".into(), "1".into(), false)]
    );
    // Equal timeouts (-1006's boundary): the digit timer can never end the window first.
    let equal = run_capture(
        json!({"digitTimeout": 4000, "overallTimeout": 4000, "noOfTries": 1}),
        "0:1",
    );
    assert_eq!(
        closings(&equal),
        [(W + 4000, "timeout".into(), "1".into(), false)]
    );
}

#[test]
fn the_last_tries_failure_reports_null_and_earlier_digits_are_never_reported() {
    let fail = "Sorry, try again!"; // 17 characters: 1200 ms
    let lines = run_capture(
        json!({"noOfTries": 3, "overallTimeout": 1000, "failureMessage": fail}),
        "0:1 0:2 0:3",
    );
    let states: Vec<_> = closings(&lines).into_iter().map(|c| (c.0, c.1)).collect();
    // Each try: prompt 2000, window 1000, failure 1200.
    assert_eq!(
        states,
        [
            (W + 1000, "timeout".into()),
            (W + 5200, "timeout".into()),
            (W + 9400, "timeout".into())
        ]
    );
    assert_eq!(vca_dtmf(&lines), [Value::Null]);
    let vca = lines.iter().find(|l| l["to"] == "vca").unwrap();
    assert_eq!(vca["t"], W + 9400 + 1200);
}

#[test]
fn only_the_last_capture_of_a_callflow_is_reported() {
    let mut setup = setup();
    setup.presses = PressScript::parse("0:1# 0:2#").unwrap();
    let body = request(vec![
        make_call("+6590000000"),
        capture(json!({"noOfTries": 1})),
        capture(json!({"noOfTries": 1})),
    ]);
    let (_, lines) = run(&body, setup);
    assert_eq!(vca_dtmf(&lines), [json!("2")]);
}

fn responder(rules: Value) -> Responder {
    Responder::from_json(&json!({ "rules": rules }).to_string()).unwrap()
}

fn error_details(lines: &[Value]) -> (String, Value, String) {
    let summary = summary(lines);
    (
        summary["sessionStatus"].as_str().unwrap().to_owned(),
        summary["errorDetails"].clone(),
        summary["details"]["callA"]["callStatus"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

#[test]
fn a_refused_reply_ends_the_call_with_2003() {
    let mut setup = setup();
    setup.responder =
        responder(json!([{"reply": {"callflow": [{"action": "say", "params": {"text": "Hi"}}]}}]));
    let (simulation, lines) = run(&request(vec![make_call("+6590000000"), say(THIRTY)]), setup);
    assert_eq!(
        error_details(&lines),
        (
            "ERROR".into(),
            json!({"errorMsg": "The call flow provided is invalid", "errorCode": -2003}),
            "ERROR".into()
        )
    );
    assert_eq!(
        simulation.reply_checks()[0].response.code,
        StatusCode::InvalidEntry
    );
    assert_eq!(lines.last().unwrap()["t"], 7000);
}

#[test]
fn a_failed_webhook_ends_the_call_with_2002() {
    let mut setup = setup();
    setup.responder = responder(json!([{"vca": 1, "reply": "error"}]));
    let (_, lines) = run(&request(vec![make_call("+6590000000"), say(THIRTY)]), setup);
    let vca = lines.iter().find(|l| l["to"] == "vca").unwrap();
    assert_eq!(vca["reply"], "error");
    assert_eq!(
        error_details(&lines).1,
        json!({"errorMsg": "An internal connectivity error has occurred", "errorCode": -2002})
    );
}

#[test]
fn a_third_make_call_in_a_reply_is_refused_and_callb_completes() {
    let mut setup = setup();
    setup.callee_b = Callee::Answer;
    setup.responder = responder(json!([{"reply": {"callflow": [make_call("+6531589339")]}}]));
    let body = request(vec![make_call("+6590000000"), make_call("+6531589338")]);
    let (simulation, lines) = run(&body, setup);
    assert_eq!(
        simulation.reply_checks()[0].response.code,
        StatusCode::TooManyActions
    );
    let summary = summary(&lines);
    assert_eq!(summary["errorDetails"]["errorCode"], -2003);
    assert_eq!(summary["details"]["callB"]["callStatus"], "COMPLETED");
    assert_eq!(summary["callCount"], 2);
}

#[test]
fn a_reply_runs_at_once_and_its_client_action_id_comes_back() {
    let mut setup = setup();
    setup.presses = PressScript::parse("0:1#").unwrap();
    setup.responder = responder(json!([
        {"clientActionId": null, "reply": {"clientActionId": "menu", "validUntil": "2000-01-01T00:00:00Z",
            "callflow": [capture(json!({"noOfTries": 1, "overallTimeout": 1000}))]}},
        {"clientActionId": "menu", "dtmf": null, "reply": {"callflow": [say(THIRTY), {"action": "hangup"}]}}
    ]));
    let body = serde_json::to_vec(&json!({
        "clientActionId": "ignored-on-the-request",
        "callflow": [make_call("+6590000000"), capture(json!({"noOfTries": 1}))]
    }))
    .unwrap();
    let (_, lines) = run(&body, setup);
    let vcas: Vec<&Value> = lines.iter().filter(|l| l["to"] == "vca").collect();
    assert_eq!(vcas.len(), 2);
    assert!(payload(vcas[0]).get("clientActionId").is_none());
    assert_eq!(payload(vcas[1])["clientActionId"], "menu");
    assert_eq!(summary(&lines)["lastAction"], "HANGUP");
    let flows: Vec<u64> = lines
        .iter()
        .filter(|l| l["event"]["what"] == "action")
        .map(|l| l["event"]["flow"].as_u64().unwrap())
        .collect();
    assert_eq!(flows, [0, 0, 1, 2, 2]);
}

/// callA hangs up `after` ms after answering (at 5000), in a flow of these actions.
fn hang_up_during(actions: Vec<Value>, after: u64) -> Vec<Value> {
    let mut setup = setup();
    setup.callee_a = Callee::HangupAfter(after);
    let mut all = vec![make_call("+6590000000")];
    all.extend(actions);
    run(&request(all), setup).1
}

#[test]
fn calla_hanging_up_during_each_kind_of_action() {
    let file = json!({"action": "playFile", "params": {"fileUrl": "https://example.com/a.mp3"}});
    // The bridge's callflow ended (one VCA) before the hang-up; the others never end.
    for (what, actions, after, vcas) in [
        ("say", vec![say(THIRTY)], 1000, 0),
        ("prompt", vec![capture(json!({}))], 1000, 0),
        ("window", vec![capture(json!({}))], 3000, 0),
        ("playFile", vec![file.clone()], 1000, 0),
        ("bridged", vec![make_call("+6531589338")], 20_000, 1),
    ] {
        let lines = hang_up_during(actions, after);
        let reported = lines.iter().filter(|l| l["to"] == "vca").count();
        assert_eq!(reported, vcas, "{what}: nothing is reported");
        let summary = summary(&lines);
        assert_eq!(summary["sessionStatus"], "COMPLETED", "{what}");
        assert_eq!(lines.last().unwrap()["t"], 5000 + after, "{what}");
        let first_disconnect = lines
            .iter()
            .find(|l| payload(l)["callStatus"] == "CALL_DISCONNECTED")
            .unwrap();
        assert_eq!(
            payload(first_disconnect)["callId"],
            summary["details"]["callA"]["callId"],
            "{what}"
        );
    }
    // While callB rings: both legs CANCELED.
    let lines = hang_up_during(vec![make_call("+6531589338")], 2000);
    let summary = summary(&lines);
    assert_eq!(summary["sessionStatus"], "CANCELED");
    assert_eq!(summary["details"]["callA"]["callStatus"], "CANCELED");
    assert_eq!(summary["details"]["callB"]["callStatus"], "CANCELED");
    let sip: Vec<&Value> = lines
        .iter()
        .filter(|l| payload(l)["callStatus"] == "CALL_DISCONNECTED")
        .map(|l| &payload(l)["sipCode"])
        .collect();
    assert_eq!(sip, [&json!(200), &json!(487)]);
}

#[test]
fn a_hang_up_beats_a_playback_that_ends_at_the_same_instant() {
    // The say ends at 7000, exactly when callA hangs up: no VCA.
    let lines = hang_up_during(vec![say(THIRTY)], 2000);
    assert!(lines.iter().all(|l| l["to"] != "vca"));
    assert_eq!(summary(&lines)["sessionStatus"], "COMPLETED");
}

#[test]
fn callb_busy_no_answer_and_failed_end_the_session_with_its_status() {
    for (callee, status, sip, at) in [
        // callB is dialled at 7000, after the 2000 ms say.
        (Callee::Busy, "BUSY", 486, 12_000),
        (Callee::Failed, "FAILED", 404, 12_000),
        (Callee::NoAnswer, "NO_ANSWER", 480, 67_000),
    ] {
        let mut setup = setup();
        setup.callee_b = callee;
        let body = request(vec![
            make_call("+6590000000"),
            say(THIRTY),
            make_call("+6531589338"),
        ]);
        let (_, lines) = run(&body, setup);
        let disconnects: Vec<(&Value, &Value)> = lines
            .iter()
            .filter(|l| payload(l)["callStatus"] == "CALL_DISCONNECTED")
            .map(|l| (&payload(l)["destination"], &payload(l)["sipCode"]))
            .collect();
        assert_eq!(
            disconnects,
            [
                (&json!("+6531589338"), &json!(sip)),
                (&json!("+6590000000"), &json!(200))
            ]
        );
        let summary = summary(&lines);
        assert_eq!(summary["sessionStatus"], status);
        assert_eq!(summary["details"]["callA"]["callStatus"], "COMPLETED");
        assert_eq!(summary["details"]["callB"]["callStatus"], status);
        assert_eq!(lines.last().unwrap()["t"], at);
    }
}

#[test]
fn a_broken_file_ends_the_call_with_2006() {
    let mut setup = setup();
    setup.broken_files = vec!["https://example.com/gone.mp3".into()];
    let body = request(vec![
        make_call("+6590000000"),
        json!({"action": "playFile", "params": {"fileUrl": "https://example.com/gone.mp3"}}),
    ]);
    let (_, lines) = run(&body, setup);
    let summary = summary(&lines);
    assert_eq!(summary["errorDetails"]["errorCode"], -2006);
    assert_eq!(summary["lastAction"], "PLAY_FILE");
    assert_eq!(lines.last().unwrap()["t"], 5000);
}

#[test]
fn without_a_vca_webhook_only_a_dtmf_callback_url_gets_the_vca() {
    let now = parse_rfc3339("2026-03-02T09:00:00Z").unwrap();
    let account = AccountProfile::from_json(r#"{"vcaWebhookUrl": " "}"#).unwrap();
    let mut setup = Setup::new(Context::new(account, now));
    setup.presses = PressScript::parse("0:4#").unwrap();
    let body = request(vec![
        make_call("+6590000000"),
        capture(json!({"noOfTries": 1, "dtmfCallbackUrl": "https://example.com/dtmf"})),
    ]);
    let (_, lines) = run(&body, setup.clone());
    assert_eq!(vca_dtmf(&lines), [json!("4")]);
    let plain = request(vec![make_call("+6590000000"), say(THIRTY)]);
    let (_, lines) = run(&plain, setup);
    assert!(lines.iter().all(|l| l["to"] != "vca"));
    assert_eq!(summary(&lines)["sessionStatus"], "COMPLETED");
}

#[test]
fn max_ms_ends_a_bridge_that_would_last_forever() {
    let mut setup = setup();
    setup.callee_b = Callee::Answer;
    setup.max_ms = 60_000;
    let (_, lines) = run(
        &request(vec![make_call("+6590000000"), make_call("+6531589338")]),
        setup,
    );
    assert_eq!(lines.last().unwrap()["t"], 60_000);
    assert_eq!(summary(&lines)["sessionStatus"], "COMPLETED");
}

#[test]
fn zero_delays_are_queued_not_handled_inline() {
    let mut setup = setup();
    setup.ring_ms = 0;
    setup.callee_a = Callee::HangupAfter(0);
    let (_, lines) = run(&request(vec![make_call("+6590000000"), say(THIRTY)]), setup);
    let statuses: Vec<(u64, &str)> = lines
        .iter()
        .filter(|l| l["to"] == "vcs")
        .map(|l| {
            (
                l["t"].as_u64().unwrap(),
                payload(l)["callStatus"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (0, "CALL_INITIATED"),
            (0, "CALL_CONNECTED"),
            (0, "CALL_DISCONNECTED")
        ]
    );
    // The say started (connect is handled before the hang-up) and is the last action.
    assert_eq!(summary(&lines)["lastAction"], "SAY");
}

#[test]
fn stepping_shows_what_is_heard_and_the_window() {
    let body = request(vec![
        make_call("+6590000000"),
        capture(json!({"digitTimeout": 3000, "overallTimeout": 10000, "noOfTries": 2})),
    ]);
    let mut simulation = Simulation::from_bytes(&body, setup());
    assert_eq!(simulation.next_instant(), Some(5000));
    assert!(simulation.advance());
    let heard = simulation.heard().unwrap();
    assert_eq!(
        (heard.kind, heard.ms, heard.started_at),
        ("prompt", 2000, 5000)
    );
    assert!(simulation.window().is_none());
    simulation.advance();
    let window = simulation.window().unwrap();
    assert_eq!(
        (window.try_number, window.tries, window.overall_deadline),
        (1, 2, 17_000)
    );
    simulation.wait_until(8000);
    simulation.press('4');
    let window = simulation.window().unwrap();
    assert_eq!(
        (window.digits.as_str(), window.digit_deadline),
        ("4", Some(11_000))
    );
    assert_eq!(simulation.next_instant(), Some(11_000));
    simulation.advance();
    assert_eq!(simulation.heard().unwrap().kind, "prompt", "try 2 begins");
    simulation.hang_up();
    assert!(simulation.is_over());
    assert!(!simulation.advance());
}

#[test]
fn a_scenario_request_prints_its_response_only() {
    let body = request(vec![
        json!({"action": "executeScenario", "params": {"scenarioName": "x"}}),
    ]);
    let (simulation, lines) = run(&body, setup());
    assert_eq!(lines.len(), 1);
    assert_eq!(payload(&lines[0])["sessionStatus"], "CREATED");
    assert!(simulation.is_over());
}

#[test]
fn the_response_keeps_valid_until_and_the_summary_the_client_request_id() {
    let body = serde_json::to_vec(&json!({
        "validUntil": "2030-01-01T00:00:00.5Z",
        "clientRequestId": "order-42",
        "callflow": [make_call("+6590000000"), say(THIRTY)]
    }))
    .unwrap();
    let (_, lines) = run(&body, setup());
    let keys: Vec<&String> = lines[0]["event"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "sessionId",
            "sessionStatus",
            "callFlowRequestId",
            "validUntil",
            "statusCode",
            "statusMessage"
        ]
    );
    assert_eq!(lines[0]["event"]["validUntil"], "2030-01-01T00:00:00.5Z");
    assert_eq!(summary(&lines)["clientRequestId"], "order-42");
}

#[test]
fn a_reply_is_printed_with_its_numbers_as_written() {
    let mut setup = setup();
    setup.responder = Responder::from_json(
        r#"{"rules": [{"vca": 1, "reply": {"callflow": [{"action": "say", "params":
            {"text": "Bye.", "voiceProfile": "en-US-BenjaminRUS", "speed": 1.50, "repetition": 2}}]}}]}"#,
    )
    .unwrap();
    let mut simulation =
        Simulation::from_bytes(&request(vec![make_call("+6590000000"), say(THIRTY)]), setup);
    simulation.run_to_end();
    let vca = simulation
        .lines()
        .iter()
        .map(|line| line.to_compact())
        .find(|line| line.contains("\"to\":\"vca\""))
        .unwrap();
    assert!(vca.ends_with(r#""reply":{"callflow":[{"action":"say","params":{"text":"Bye.","voiceProfile":"en-US-BenjaminRUS","speed":1.50,"repetition":2}}]}}"#), "{vca}");
    // "Bye." at 1.5: 4 × 2000 / 4500 → 200 ms, twice; the second VCA gets no instructions.
    let last = simulation.lines().last().unwrap();
    assert_eq!(last.t, 7000 + 400);
}
