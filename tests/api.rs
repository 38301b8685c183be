//! The real-API commands (`send`, `account pull`, `differences`) through the real binary,
//! against a tiny HTTP server on 127.0.0.1 that each test starts and that records what it
//! receives. Nothing leaves the machine.

mod common;

use common::fake_api::{FakeApi, Reply, files_under};
use common::{Pty, scratch_dir, text};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const KEY: &str = "test-key-0123456789-SECRET-abcd";
const SUBACCOUNT: &str = "acme-voice_1";

/// A home of its own for one test: HOME, the config and the state folders all inside it,
/// so every file the program writes can be searched for the key afterwards.
struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(label: &str) -> Home {
        Home {
            dir: scratch_dir(label),
        }
    }

    fn config(&self) -> PathBuf {
        self.dir.join("config")
    }

    fn journal(&self) -> PathBuf {
        self.dir.join("state/callflow/differences.jsonl")
    }

    /// `callflow ARGS` with the key and the subaccount in the environment and the API at
    /// `base`; proxies from the test's environment are left out, as the server is local.
    fn command(&self, base: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_callflow"));
        command
            .args(args)
            .current_dir(&self.dir)
            .env("HOME", &self.dir)
            .env("XDG_CONFIG_HOME", self.config())
            .env("XDG_STATE_HOME", self.dir.join("state"))
            .env("CALLFLOW_API_KEY", KEY)
            .env("CALLFLOW_SUBACCOUNT", SUBACCOUNT)
            .env("CALLFLOW_API_BASE", base)
            .env("CALLFLOW_API_TIMEOUT_MS", "3000");
        for proxy in ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY"] {
            command.env_remove(proxy).env_remove(proxy.to_lowercase());
        }
        command.stdin(Stdio::null());
        command
    }

    fn run(&self, base: &str, args: &[&str]) -> Output {
        let output = self.command(base, args).output().unwrap();
        self.assert_key_written_nowhere();
        output
    }

    /// Writes a request file in the home and returns its path.
    fn request(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// The key appears in no file under the home: drafts, profiles, the journal, anything.
    fn assert_key_written_nowhere(&self) {
        for file in files_under(&self.dir) {
            let bytes = std::fs::read(&file).unwrap_or_default();
            let holds_key = bytes
                .windows(KEY.len())
                .any(|window| window == KEY.as_bytes());
            assert!(!holds_key, "{} holds the API key", file.display());
        }
    }
}

/// A valid request written compactly, with non-ASCII text: the printer reformats it, so
/// the body on the wire can be told from the file's bytes.
const VALID_REQUEST: &str = r#"{"callflow": [{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000001"}}, {"action": "say", "params": {"text": "Grüße, 你好", "voiceProfile": "en-GB-Emma"}}, {"action": "hangup"}], "clientActionId": 18446744073709551623}"#;

const CREATED: &str = r#"{"sessionId":"a1b2","sessionStatus":"CREATED","callFlowRequestId":"c3d4","validUntil":"2026-12-02T09:00:00Z","statusCode":1,"statusMessage":"Created"}"#;
const SOURCE_REFUSED: &str = r#"{"sessionStatus":"NOT_CREATED","statusCode":-1014,"statusMessage":"Source or caller ID is not allowed"}"#;

/// What `export` writes for a request: the project's printer over the parsed document.
fn exported(text: &str) -> String {
    let parsed = callflow::callflow::parse::parse(text).unwrap();
    callflow::callflow::print::to_pretty(&parsed.value)
}

fn send(home: &Home, api: &FakeApi, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["send", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    home.run(&api.base, &args)
}

#[test]
fn send_posts_the_exported_bytes_with_the_key_and_prints_the_answer() {
    let home = Home::new("send-created");
    let api = FakeApi::start(&[("callflows", Reply::Json(200, CREATED))]);
    let file = home.request("flow.json", VALID_REQUEST);
    let output = send(&home, &api, &file, &["--yes"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(CREATED).unwrap();
    assert_eq!(answer, expected);
    assert_eq!(text(&output.stdout).lines().count(), 1);

    let received = api.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.path,
        format!("/api/v1/subaccounts/{SUBACCOUNT}/callflows")
    );
    assert_eq!(request.headers["authorization"], format!("Bearer {KEY}"));
    assert_eq!(request.headers["content-type"], "application/json");
    assert_eq!(request.body, exported(VALID_REQUEST).as_bytes());
    assert_ne!(
        request.body,
        VALID_REQUEST.as_bytes(),
        "the printer's bytes, not the file's"
    );
    assert!(
        !home.journal().exists(),
        "the API agreed: nothing to journal"
    );
    assert!(!text(&output.stderr).contains(KEY));
}

#[test]
fn an_unpredicted_refusal_is_an_answer_and_lands_in_the_journal() {
    let home = Home::new("send-difference");
    let api = FakeApi::start(&[("callflows", Reply::Json(400, SOURCE_REFUSED))]);
    let file = home.request("flow.json", VALID_REQUEST);
    let output = send(&home, &api, &file, &["--yes"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["statusCode"], -1014);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("the API answered -1014 where callflow predicted 1"),
        "{stderr}"
    );

    let journal = std::fs::read_to_string(home.journal()).unwrap();
    let lines: Vec<&str> = journal.lines().collect();
    assert_eq!(lines.len(), 1);
    let record: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(record["offline"]["statusCode"], 1);
    assert_eq!(record["api"]["answer"]["statusCode"], -1014);
    assert_eq!(record["api"]["httpStatus"], 400);
    assert_eq!(record["request"], exported(VALID_REQUEST));
    assert_eq!(record["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        record["requestHash"]
            .as_str()
            .unwrap()
            .starts_with("fnv1a64:")
    );
    assert!(!journal.contains(KEY));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(home.journal())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let listed = home.run(&api.base, &["differences"]);
    assert_eq!(listed.status.code(), Some(0));
    let listing = text(&listed.stdout);
    assert!(
        listing.contains(
            "predicted 1 Created; the API answered -1014 Source or caller ID is not allowed"
        ),
        "{listing}"
    );
    assert!(listing.contains("1 difference recorded in"), "{listing}");
}

#[test]
fn a_predicted_refusal_is_not_sent_unless_forced_and_an_agreeing_answer_is_not_journalled() {
    let home = Home::new("send-refused");
    let refusal = r#"{"sessionStatus":"NOT_CREATED","statusCode":-1006,"statusMessage":"OverallTimeout should be greater than digitTimeout"}"#;
    let api = FakeApi::start(&[("callflows", Reply::Json(422, refusal))]);
    let file = PathBuf::from("tests/cases/1006-overall-below-digit.json")
        .canonicalize()
        .unwrap();

    let refused = send(&home, &api, &file, &["--yes"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
    let reason = text(&refused.stderr);
    assert!(
        reason.contains("not sent: callflow predicts -1006"),
        "{reason}"
    );
    assert!(reason.contains("--force"), "{reason}");
    assert!(api.received().is_empty(), "nothing reached the API");

    let forced = send(&home, &api, &file, &["--yes", "--force"]);
    assert_eq!(forced.status.code(), Some(1), "{}", text(&forced.stderr));
    assert!(text(&forced.stderr).contains("sending although callflow predicts -1006"));
    assert_eq!(api.received().len(), 1);
    assert!(
        !home.journal().exists(),
        "the API answered what was predicted"
    );
}

/// Each failure to ask: exit 2, nothing on standard output, one line that says what to do.
fn assert_failure(output: &Output, words: &str) {
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(words), "{words:?} not in {stderr}");
    assert!(!stderr.contains(KEY));
}

#[test]
fn http_failures_are_one_line_that_says_what_to_do() {
    let cases = [
        (
            Reply::Json(401, r#"{"message":"Unauthorized"}"#),
            "check CALLFLOW_API_KEY",
        ),
        (
            Reply::Json(404, r#"{"statusMessage":"SubAccount not found by Id"}"#),
            "\"SubAccount not found by Id\"): check the subaccount \"acme-voice_1\"",
        ),
        (
            Reply::Text(500, "<html>oops</html>"),
            "the API failed (HTTP 500); try again later",
        ),
        (Reply::Text(502, "bad gateway"), "HTTP 502"),
        (
            Reply::Text(200, "<html>a login page</html>"),
            "a body that is not JSON",
        ),
        (Reply::Text(400, "Bad Request"), "HTTP 400"),
        (
            Reply::Json(200, r#"{"hello": "world"}"#),
            "has no statusCode",
        ),
    ];
    for (reply, words) in cases {
        let home = Home::new("send-failure");
        let api = FakeApi::start(&[("callflows", reply)]);
        let file = home.request("flow.json", VALID_REQUEST);
        let output = send(&home, &api, &file, &["--yes"]);
        assert_failure(&output, words);
        assert!(!home.journal().exists());
    }
}

#[test]
fn a_server_that_never_answers_is_given_up_on_within_the_timeout() {
    let home = Home::new("send-silence");
    let api = FakeApi::start(&[("callflows", Reply::Silence)]);
    let file = home.request("flow.json", VALID_REQUEST);
    let started = Instant::now();
    let output = home
        .command(&api.base, &["send", file.to_str().unwrap(), "--yes"])
        .env("CALLFLOW_API_TIMEOUT_MS", "300")
        .output()
        .unwrap();
    // A hang check, not a speed measurement: the silent server holds on for 30 s.
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_failure(&output, "no answer from");
    assert!(text(&output.stderr).contains("within 300 ms"));
}

#[test]
fn a_closed_port_is_a_clear_connection_failure() {
    let home = Home::new("send-refused-port");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let file = home.request("flow.json", VALID_REQUEST);
    let base = format!("http://127.0.0.1:{port}");
    let output = home.run(&base, &["send", file.to_str().unwrap(), "--yes"]);
    assert_failure(&output, "could not connect to");
}

#[test]
fn without_key_or_terminal_nothing_is_sent() {
    let home = Home::new("send-unasked");
    let api = FakeApi::start(&[("callflows", Reply::Json(200, CREATED))]);
    let file = home.request("flow.json", VALID_REQUEST);

    let no_key = home
        .command(&api.base, &["send", file.to_str().unwrap(), "--yes"])
        .env_remove("CALLFLOW_API_KEY")
        .output()
        .unwrap();
    assert_failure(&no_key, "no API key: set CALLFLOW_API_KEY");

    let no_terminal = send(&home, &api, &file, &[]);
    assert_failure(&no_terminal, "no terminal to confirm on; pass --yes");
    assert!(api.received().is_empty());
}

#[test]
fn the_key_may_come_from_a_file_and_the_subaccount_from_config_json() {
    let home = Home::new("send-config");
    let api = FakeApi::start(&[("callflows", Reply::Json(201, CREATED))]);
    let file = home.request("flow.json", VALID_REQUEST);
    let key_file = std::env::temp_dir().join(format!("callflow-key-{}", std::process::id()));
    std::fs::write(&key_file, "from-file-key-0000000000\n").unwrap();
    std::fs::create_dir_all(home.config().join("callflow")).unwrap();
    std::fs::write(
        home.config().join("callflow/config.json"),
        r#"{"subaccount": "from-config"}"#,
    )
    .unwrap();
    let output = home
        .command(&api.base, &["send", file.to_str().unwrap(), "--yes"])
        .arg("--api-key-file")
        .arg(&key_file)
        .env_remove("CALLFLOW_SUBACCOUNT")
        .env_remove("CALLFLOW_API_KEY")
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&key_file);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let request = &api.received()[0];
    assert_eq!(request.path, "/api/v1/subaccounts/from-config/callflows");
    assert_eq!(
        request.headers["authorization"],
        "Bearer from-file-key-0000000000"
    );
}

const VOICES: &str = r#"{"speechProfiles":[{"speechProfileCode":"en-US-JennyNeural","localeCode":"en-US","localeDescription":"English (US)","gender":"Female"},{"speechProfileCode":"fr-FR-DeniseNeural","localeCode":"fr-FR","localeDescription":"French","gender":"Female"}],"statusCode":0,"statusMessage":"OK"}"#;
const WEBHOOKS: &str = r#"{"subAccountId":"acme-voice_1","count":2,"webhooks":[{"type":"VSS","url":"https://example.com/vss","enabled":true,"httpAuthHeaderAvailable":false},{"type":"VCA","url":"https://example.com/vca","enabled":true,"httpAuthHeaderAvailable":false}],"statusCode":0,"statusMessage":"OK"}"#;
const NUMBERS: &str = r#"{"totalNumbers":3,"numbers":[{"msisdn":"+6588000001","countryCode":"SG","operationalStatus":"Active"},{"msisdn":"+6588000002","countryCode":"SG","operationalStatus":"Inactive"},{"msisdn":"+6577770000","countryCode":"SG","operationalStatus":"Active"}]}"#;

const OLD_PROFILE: &str = "{\n  \"zeta\": {\"kept\": true},\n  \"allowedSources\": [\"6577770000\", \"+6511111111\"],\n  \"scenarios\": [\"appointment-reminder\"],\n  \"speechProfiles\": [{\"speechProfileCode\": \"en-GB-Old\", \"localeCode\": \"en-GB\"}]\n}\n";

fn account_api() -> FakeApi {
    FakeApi::start(&[
        ("speech-profiles", Reply::Json(200, VOICES)),
        ("webhooks", Reply::Json(200, WEBHOOKS)),
        ("numbers", Reply::Json(200, NUMBERS)),
    ])
}

#[test]
fn account_pull_writes_voices_and_webhook_and_keeps_every_other_key() {
    let home = Home::new("pull");
    let api = account_api();
    let profile = home.request("account.json", OLD_PROFILE);
    let output = home.run(
        &api.base,
        &["account", "pull", "--out", profile.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&profile).unwrap()).unwrap();
    let keys: Vec<&String> = written.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "zeta",
            "allowedSources",
            "scenarios",
            "speechProfiles",
            "vcaWebhookUrl"
        ]
    );
    assert_eq!(written["zeta"], serde_json::json!({"kept": true}));
    assert_eq!(
        written["scenarios"],
        serde_json::json!(["appointment-reminder"])
    );
    assert_eq!(
        written["allowedSources"],
        serde_json::json!(["6577770000", "+6511111111"]),
        "numbers only with --with-numbers"
    );
    let voices: serde_json::Value = serde_json::from_str(VOICES).unwrap();
    assert_eq!(written["speechProfiles"], voices["speechProfiles"]);
    assert_eq!(written["vcaWebhookUrl"], "https://example.com/vca");
    assert_eq!(
        text(&output.stdout),
        "- speechProfiles: en-GB-Old (en-GB)\n+ speechProfiles: en-US-JennyNeural (en-US)\n+ speechProfiles: fr-FR-DeniseNeural (fr-FR)\n+ vcaWebhookUrl: \"https://example.com/vca\"\n"
    );

    let paths: Vec<String> = api.received().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [
            format!("/api/v1/subaccounts/{SUBACCOUNT}/speech-profiles"),
            format!("/api/v1/subaccounts/{SUBACCOUNT}/webhooks"),
        ]
    );
    for request in api.received() {
        assert_eq!(request.method, "GET");
        assert_eq!(request.headers["authorization"], format!("Bearer {KEY}"));
    }

    // The existing loader takes the written profile, and the pulled voices now decide.
    let body = r#"{"callflow": [{"action": "makeCall", "params": {"source": "+6511111111", "destination": "+6590000001"}}, {"action": "say", "params": {"text": "Hi", "voiceProfile": "en-GB-Emma"}}]}"#;
    let flow = home.request("flow.json", body);
    let checked = home.run(
        &api.base,
        &[
            "validate",
            "--account",
            profile.to_str().unwrap(),
            flow.to_str().unwrap(),
        ],
    );
    assert!(
        text(&checked.stdout).contains("-1002"),
        "en-GB-Emma is not among the pulled voices: {}",
        text(&checked.stdout)
    );

    let again = home.run(
        &api.base,
        &["account", "pull", "--out", profile.to_str().unwrap()],
    );
    assert_eq!(text(&again.stdout), "no changes\n");
}

#[test]
fn account_pull_with_numbers_adds_active_numbers_as_a_union() {
    let home = Home::new("pull-numbers");
    let api = account_api();
    let profile = home.request("account.json", OLD_PROFILE);
    let output = home.run(
        &api.base,
        &[
            "account",
            "pull",
            "--with-numbers",
            "--out",
            profile.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&profile).unwrap()).unwrap();
    assert_eq!(
        written["allowedSources"],
        serde_json::json!(["6577770000", "+6511111111", "+6588000001"])
    );
    assert!(text(&output.stdout).contains("+ allowedSources: +6588000001\n"));
    assert!(api.received().iter().any(|r| r.path.ends_with("/numbers")));
}

#[test]
fn account_pull_writes_to_the_config_directory_by_default() {
    let home = Home::new("pull-default");
    let api = account_api();
    let output = home.run(&api.base, &["account", "pull"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let path = home.config().join("callflow/account.json");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(written["vcaWebhookUrl"], "https://example.com/vca");
    assert!(text(&output.stderr).contains(&path.display().to_string()));
}

#[test]
fn a_failed_pull_leaves_the_old_profile_byte_identical() {
    let failures = [
        ("webhooks", Reply::Text(500, "down")),
        ("webhooks", Reply::Json(200, r#"{"nothing": "here"}"#)),
        ("speech-profiles", Reply::Json(401, "{}")),
        ("numbers", Reply::Text(200, "not json")),
    ];
    for (broken, reply) in failures {
        let home = Home::new("pull-failed");
        let mut routes = vec![
            ("speech-profiles", Reply::Json(200, VOICES)),
            ("webhooks", Reply::Json(200, WEBHOOKS)),
            ("numbers", Reply::Json(200, NUMBERS)),
        ];
        routes.retain(|(name, _)| *name != broken);
        routes.push((broken, reply));
        let api = FakeApi::start(&routes);
        let profile = home.request("account.json", OLD_PROFILE);
        let output = home.run(
            &api.base,
            &[
                "account",
                "pull",
                "--with-numbers",
                "--out",
                profile.to_str().unwrap(),
            ],
        );
        assert_failure(&output, "");
        assert_eq!(
            std::fs::read_to_string(&profile).unwrap(),
            OLD_PROFILE,
            "{broken}"
        );
        let leftovers: Vec<PathBuf> = files_under(&home.dir)
            .into_iter()
            .filter(|file| file.to_string_lossy().contains("callflow-tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn differences_says_when_there_are_none() {
    let home = Home::new("differences-none");
    let output = home.run("http://127.0.0.1:9", &["differences"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).starts_with("no differences recorded"));
}

/// At a terminal, `send` names the numbers a real call will reach and sends only on `yes`.
#[test]
fn at_a_terminal_send_asks_first_naming_the_destination() {
    for (typed, sent) in [("yes", true), ("no", false)] {
        let home = Home::new("send-pty");
        let api = FakeApi::start(&[("callflows", Reply::Json(200, CREATED))]);
        home.request("flow.json", VALID_REQUEST);
        let environment = [
            ("CALLFLOW_API_KEY", KEY),
            ("CALLFLOW_SUBACCOUNT", SUBACCOUNT),
            ("CALLFLOW_API_BASE", api.base.as_str()),
            ("NO_PROXY", "127.0.0.1,localhost"),
        ];
        let environment: Vec<(&str, &std::ffi::OsStr)> = environment
            .iter()
            .map(|(name, value)| (*name, std::ffi::OsStr::new(*value)))
            .collect();
        let mut pty = Pty::spawn(&["send", "flow.json"], &home.dir, &environment, (100, 20));
        pty.wait_for("Type yes to send");
        let screen = pty.contents();
        assert!(screen.contains("A real call to +6590000001"), "{screen}");
        assert!(screen.contains("key ****abcd"), "{screen}");
        assert!(!screen.contains(KEY), "{screen}");
        pty.keys(typed);
        pty.send(common::ENTER);
        let code = pty.wait_exit();
        assert_eq!(code, if sent { 0 } else { 2 }, "{}", pty.contents());
        assert_eq!(api.received().len(), usize::from(sent));
        if !sent {
            assert!(pty.contents().contains("not sent: not confirmed"));
        }
        home.assert_key_written_nowhere();
    }
}

#[test]
fn the_proxy_variables_are_honoured() {
    let home = Home::new("send-proxy");
    let proxy = FakeApi::start(&[]);
    let file = home.request("flow.json", VALID_REQUEST);
    let through_proxy = home
        .command(
            "http://api.example.invalid",
            &["send", file.to_str().unwrap(), "--yes"],
        )
        .env("HTTP_PROXY", &proxy.base)
        .output()
        .unwrap();
    let received = proxy.received();
    assert_eq!(received.len(), 1, "the request went to the proxy");
    assert_eq!(received[0].method, "CONNECT");
    assert_eq!(received[0].path, "api.example.invalid:80");
    assert_failure(&through_proxy, "the proxy failed");

    let api = FakeApi::start(&[("callflows", Reply::Json(200, CREATED))]);
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let bypassed = home
        .command(&api.base, &["send", file.to_str().unwrap(), "--yes"])
        .env("HTTP_PROXY", format!("http://{closed}"))
        .env("NO_PROXY", "127.0.0.1")
        .output()
        .unwrap();
    assert_eq!(
        bypassed.status.code(),
        Some(0),
        "{}",
        text(&bypassed.stderr)
    );
    assert_eq!(api.received().len(), 1, "NO_PROXY went around the proxy");
}

#[test]
fn a_forced_body_that_is_not_json_goes_out_exactly_as_written() {
    let home = Home::new("send-raw");
    let refusal = r#"{"sessionStatus":"NOT_CREATED","statusCode":-1001,"statusMessage":"Invalid JSON request body"}"#;
    let api = FakeApi::start(&[("callflows", Reply::Json(400, refusal))]);
    let raw = "{\"callflow\": [ ,\n";
    let file = home.request("broken.json", raw);
    let output = send(&home, &api, &file, &["--yes", "--force"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(api.received()[0].body, raw.as_bytes());
    assert!(!home.journal().exists(), "-1001 was predicted");
}

#[test]
fn options_win_over_the_environment() {
    let home = Home::new("send-options");
    let api = FakeApi::start(&[("callflows", Reply::Json(200, CREATED))]);
    let file = home.request("flow.json", VALID_REQUEST);
    let output = home
        .command(
            "http://127.0.0.1:9",
            &["send", file.to_str().unwrap(), "--yes"],
        )
        .args(["--api-base", &api.base, "--subaccount", "from-option"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        api.received()[0].path,
        "/api/v1/subaccounts/from-option/callflows"
    );
}

#[test]
fn a_broken_profile_stops_the_pull_before_any_request() {
    let home = Home::new("pull-broken");
    let api = account_api();
    let profile = home.request("account.json", "[\"not\", \"an object\"]");
    let output = home.run(
        &api.base,
        &["account", "pull", "--out", profile.to_str().unwrap()],
    );
    assert_failure(&output, "the account profile is not a JSON object");
    assert!(api.received().is_empty());
    assert_eq!(
        std::fs::read_to_string(&profile).unwrap(),
        "[\"not\", \"an object\"]"
    );
}
