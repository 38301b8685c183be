//! "See it happen": each sayAndCapture rule the validator enforces, shown on the nearest
//! accepted flow as the simulator plays it. The narration is computed by stepping the
//! engine, never written by hand, so it cannot drift from what `callflow simulate` prints.

use super::engine::Simulation;
use super::events::Channel;
use super::press::PressScript;
use super::responder::Responder;
use super::setup::Setup;
use super::view::WindowView;
use crate::callflow::account::AccountProfile;
use crate::callflow::datetime::Instant;
use crate::callflow::json::Json;
use crate::callflow::parse::parse;
use crate::callflow::print::to_compact;
use crate::callflow::status::StatusCode;
use crate::callflow::teaching::lesson;
use crate::callflow::validate::Context;

/// Steps are indented by the explanation they appear in: they stay within 76 columns.
const STEP_WIDTH: usize = 76;

/// Any instant works: the lessons' requests have no `validUntil`.
const NOW: &str = "2026-03-02T09:00:00Z";

const FIXED: &str = "the request with the fix applied";

/// How one rule is shown: which flow, which keys, and what to say first.
struct Demonstration {
    /// The request played: a lesson's fixed request, or its example brought to the rule's
    /// boundary.
    request: Json,
    account: Option<&'static str>,
    presses: &'static str,
    /// One sentence: what the run shows.
    intro: String,
    /// Which request to save to run it yourself.
    save: String,
}

/// A rule seen in a simulated call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeenHappen {
    /// What the run shows, in one or two sentences.
    pub intro: String,
    /// One line per instant, `t` first, at most 76 columns each.
    pub steps: Vec<String>,
    /// How to run it yourself: what to save, then the command line.
    pub try_it: String,
    /// The `callflow simulate` command line that prints the same run.
    pub command: String,
}

/// The run for `code`, when it is a sayAndCapture rule.
pub fn see_it_happen(code: StatusCode) -> Option<SeenHappen> {
    let demonstration = demonstration(code)?;
    let steps = narrate(&demonstration)?;
    let account = if demonstration.account.is_some() {
        " --account account.json"
    } else {
        ""
    };
    let mut command = format!("callflow simulate flow.json{account} --trace");
    let presses = format!("--press \"{}\"", demonstration.presses);
    if command.len() + 1 + presses.len() > STEP_WIDTH {
        command.push_str(" \\\n    ");
    } else {
        command.push(' ');
    }
    command.push_str(&presses);
    let profile = if demonstration.account.is_some() {
        " and the account profile above as account.json"
    } else {
        ""
    };
    Some(SeenHappen {
        intro: demonstration.intro,
        steps,
        try_it: format!(
            "Try it: save {} as flow.json{profile}, then run",
            demonstration.save
        ),
        command,
    })
}

/// The call a lesson's "see it happen" plays, for a call screen to run step by step.
#[derive(Clone, Debug)]
pub struct LessonCall {
    /// The request played (accepted by the validator).
    pub request: Json,
    /// The account it is played with.
    pub account: AccountProfile,
    /// The keys the narration presses, as a `--press` script.
    pub presses: PressScript,
    /// What the run shows.
    pub intro: String,
}

/// The call behind `see_it_happen(code)`, when `code` is a sayAndCapture rule.
pub fn lesson_call(code: StatusCode) -> Option<LessonCall> {
    let demonstration = demonstration(code)?;
    let account = match demonstration.account {
        Some(text) => AccountProfile::from_json(text).ok()?,
        None => AccountProfile::default(),
    };
    Some(LessonCall {
        presses: PressScript::parse(demonstration.presses).ok()?,
        request: demonstration.request,
        account,
        intro: demonstration.intro,
    })
}

fn demonstration(code: StatusCode) -> Option<Demonstration> {
    let lesson = lesson(code);
    let fixed = || parse(lesson.fixed).ok().map(|parsed| parsed.value);
    Some(match code {
        StatusCode::MaxDigitsForMinDigits => Demonstration {
            request: fixed()?,
            account: lesson.account,
            presses: "1000:123# 1000:1234567",
            intro: "The fixed request, played: in the first try the caller ends the entry \
                    with # after three digits, below minDigits; in the second the caller \
                    keeps typing and maxDigits ends the entry."
                .to_owned(),
            save: FIXED.to_owned(),
        },
        StatusCode::DtmfCallback => Demonstration {
            request: fixed()?,
            account: lesson.account,
            presses: "1000:7",
            intro: "The fixed request, played with the account profile above: the account \
                    has no Voice Call Action webhook, so the digits reach the platform's \
                    report only because the action names its own dtmfCallbackUrl."
                .to_owned(),
            save: FIXED.to_owned(),
        },
        StatusCode::OverallTimeoutRequired => Demonstration {
            request: fixed()?,
            account: lesson.account,
            presses: "1000:12 0:1 +4900:2 +4900:3 +4900:4 +4900:5",
            intro: "The fixed request, played twice over: in the first try the caller \
                    stops typing and the digit timer ends the entry; in the second the \
                    caller keeps typing slowly and the overall timer ends it."
                .to_owned(),
            save: FIXED.to_owned(),
        },
        StatusCode::OverallTimeoutTooSmall => {
            let (request, timeout) = with_equal_timeouts(lesson.example)?;
            Demonstration {
                request,
                account: lesson.account,
                presses: "2000:1",
                intro: format!(
                    "The nearest accepted flow: the example with overallTimeout set equal \
                     to digitTimeout ({timeout} ms). One key comes 2000 ms into the window: \
                     the digit timer would end {timeout} ms after it, but the overall timer, \
                     started when the window opened, always ends first."
                ),
                save: format!("the example with overallTimeout set to {timeout}"),
            }
        }
        StatusCode::MaxDigitsForCompleteOnHash => Demonstration {
            request: fixed()?,
            account: lesson.account,
            presses: "1000:12#4",
            intro: "The fixed request, played: with completeOnHash false, # is just another \
                    digit, and only maxDigits can end the entry before a timer does."
                .to_owned(),
            save: FIXED.to_owned(),
        },
        _ => return None,
    })
}

/// The lesson's example with `overallTimeout` raised to its `digitTimeout`.
fn with_equal_timeouts(example: &str) -> Option<(Json, String)> {
    let mut request = parse(example).ok()?.value;
    let actions = request
        .as_object_mut()?
        .get_mut("callflow")?
        .as_array_mut()?;
    for action in actions {
        let Some(params) = action
            .as_object_mut()
            .and_then(|a| a.get_mut("params"))
            .and_then(Json::as_object_mut)
        else {
            continue;
        };
        if let Some(digit) = params.get("digitTimeout").cloned() {
            let shown = digit.as_number()?.text().to_owned();
            params.insert("overallTimeout".to_owned(), digit);
            return Some((request, shown));
        }
    }
    None
}

/// The run, one line per instant that matters to the capture.
fn narrate(demonstration: &Demonstration) -> Option<Vec<String>> {
    let account = match demonstration.account {
        Some(text) => AccountProfile::from_json(text).ok()?,
        None => AccountProfile::default(),
    };
    let now: Instant = crate::callflow::datetime::parse_rfc3339(NOW)?;
    let mut setup = Setup::new(Context::new(account, now));
    setup.trace = true;
    setup.presses = PressScript::parse(demonstration.presses).ok()?;
    setup.responder = Responder::default();
    let mut simulation = Simulation::from_document(&demonstration.request, setup);
    if !simulation.verdict().is_created() {
        return None;
    }
    let mut story = Narrator::default();
    story.read(&simulation, None);
    loop {
        let before = simulation.window();
        if !simulation.advance() {
            break;
        }
        story.read(&simulation, before.as_ref());
    }
    Some(story.lines)
}

#[derive(Default)]
struct Narrator {
    lines: Vec<String>,
    read_up_to: usize,
}

impl Narrator {
    /// Narrates the lines the last step added; `before` is the window as it was then.
    fn read(&mut self, simulation: &Simulation, before: Option<&WindowView>) {
        let new = &simulation.lines()[self.read_up_to..];
        self.read_up_to = simulation.lines().len();
        let mut keys = Vec::new();
        let mut at = simulation.now();
        for line in new {
            at = line.t;
            let event = &line.event;
            let what = field(event, "what");
            match (line.channel, what.as_deref()) {
                (Channel::Vcs, _) => match at_path(event, &["payload", "callStatus"]) {
                    Some(Json::String(status)) if status == "CALL_CONNECTED" => {
                        self.say(at, "the callee answers".into());
                    }
                    Some(Json::String(status)) if status == "DTMF_RECEIVED" => {
                        let key = at_path(event, &["payload", "eventData", "dtmf"]);
                        keys.push(key.and_then(Json::as_str).unwrap_or_default().to_owned());
                    }
                    _ => {}
                },
                (Channel::Trace, Some("play"))
                    if field(event, "kind").as_deref() == Some("prompt") =>
                {
                    let ms = number(event, "ms");
                    self.say(at, format!("the prompt plays for {ms} ms"));
                }
                (Channel::Trace, Some("window")) => {
                    self.flush_keys(at, &mut keys, simulation);
                    self.window_line(at, event, simulation, before);
                }
                (Channel::Trace, Some("ignored")) => {
                    // Its DTMF_RECEIVED came just before: it was not collected.
                    keys.pop();
                    let key = field(event, "key").unwrap_or_default();
                    self.flush_keys(at, &mut keys, simulation);
                    self.say(at, format!("key {key} is not collected: no window is open"));
                }
                (Channel::Vca, _) => {
                    let dtmf = at_path(event, &["payload", "eventData", "dtmf"])
                        .map(to_compact)
                        .unwrap_or_default();
                    self.say(at, format!("the Voice Call Action reports dtmf {dtmf}"));
                }
                (Channel::Vss, _) => self.say(at, "the call ends".into()),
                _ => {}
            }
        }
        self.flush_keys(at, &mut keys, simulation);
    }

    fn flush_keys(&mut self, at: u64, keys: &mut Vec<String>, simulation: &Simulation) {
        if keys.is_empty() {
            return;
        }
        let pressed = keys.join(" ");
        keys.clear();
        let detail = match simulation.window() {
            Some(window) => match window.digit_deadline {
                Some(digit) => format!(
                    "; digits \"{}\", the digit timer now ends at {digit}",
                    window.digits
                ),
                None => format!("; digits \"{}\"", window.digits),
            },
            None => String::new(),
        };
        self.say(at, format!("keys pressed: {pressed}{detail}"));
    }

    fn window_line(
        &mut self,
        at: u64,
        event: &Json,
        simulation: &Simulation,
        before: Option<&WindowView>,
    ) {
        let try_number = number(event, "try");
        let state = field(event, "state").unwrap_or_default();
        if state == "open" {
            let overall = simulation
                .window()
                .map_or(String::new(), |w| w.overall_deadline.to_string());
            return self.say(
                at,
                format!(
                    "try {try_number}: the window opens; the overall timer will end it at {overall}"
                ),
            );
        }
        let digits = field(event, "digits").unwrap_or_default();
        let ok = event
            .as_object()
            .and_then(|e| e.get("ok"))
            .and_then(Json::as_bool)
            .unwrap_or(false);
        let why = match state.as_str() {
            "hash" => "# ends the entry".to_owned(),
            "max" => "maxDigits is reached".to_owned(),
            _ => match before {
                Some(window)
                    if window.digit_deadline == Some(at) && window.overall_deadline != at =>
                {
                    "the digit timer runs out".to_owned()
                }
                Some(window) => match window.digit_deadline {
                    Some(digit) if digit > at => format!(
                        "the overall timer runs out (the digit timer would have waited until {digit})"
                    ),
                    _ => "the overall timer runs out".to_owned(),
                },
                None => "a timer runs out".to_owned(),
            },
        };
        let verdict = if ok { "a success" } else { "a failure" };
        self.say(
            at,
            format!("try {try_number}: {why}; digits \"{digits}\": {verdict}"),
        );
    }

    /// One step, wrapped under its text when it is too long.
    fn say(&mut self, at: u64, text: String) {
        let mut line = format!("{at:>6} ms  ");
        let hanging = line.len();
        for word in text.split(' ') {
            if line.len() + 1 + word.len() > STEP_WIDTH && line.len() > hanging {
                self.lines.push(line);
                line = " ".repeat(hanging);
            } else if line.len() > hanging {
                line.push(' ');
            }
            line.push_str(word);
        }
        self.lines.push(line);
    }
}

/// The value at a path of object keys.
fn at_path<'a>(value: &'a Json, keys: &[&str]) -> Option<&'a Json> {
    keys.iter()
        .try_fold(value, |value, key| value.as_object()?.get(key))
}

fn field(value: &Json, key: &str) -> Option<String> {
    value
        .as_object()
        .and_then(|o| o.get(key))
        .and_then(Json::as_str)
        .map(str::to_owned)
}

fn number(value: &Json, key: &str) -> String {
    value
        .as_object()
        .and_then(|o| o.get(key))
        .and_then(Json::as_number)
        .map_or(String::new(), |n| n.text().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(code: StatusCode) -> String {
        see_it_happen(code)
            .expect("a sayAndCapture rule")
            .steps
            .join("\n")
    }

    #[test]
    fn each_say_and_capture_rule_has_a_run_and_no_other_code_does() {
        for code in StatusCode::ALL {
            let shown = see_it_happen(code).is_some();
            let capture_rule = matches!(
                code,
                StatusCode::MaxDigitsForMinDigits
                    | StatusCode::DtmfCallback
                    | StatusCode::OverallTimeoutRequired
                    | StatusCode::OverallTimeoutTooSmall
                    | StatusCode::MaxDigitsForCompleteOnHash
            );
            assert_eq!(shown, capture_rule, "{code}");
        }
    }

    #[test]
    fn equal_timeouts_show_the_overall_timer_closing_first() {
        let run = see_it_happen(StatusCode::OverallTimeoutTooSmall).unwrap();
        let steps = run.steps.join("\n");
        assert!(steps.contains("digit timer now ends at 19900"), "{steps}");
        assert!(
            steps.contains("17900 ms  try 1: the overall timer runs out"),
            "{steps}"
        );
        assert!(run.try_it.contains("overallTimeout set to 10000"));
    }

    #[test]
    fn the_digit_timer_and_the_overall_timer_each_end_a_try() {
        let steps = steps(StatusCode::OverallTimeoutRequired);
        assert!(steps.contains("try 1: the digit timer runs out"), "{steps}");
        assert!(
            steps.contains("try 2: the overall timer runs out"),
            "{steps}"
        );
    }

    #[test]
    fn min_and_max_digits_bound_the_entry() {
        let steps = steps(StatusCode::MaxDigitsForMinDigits);
        assert!(
            steps.contains("# ends the entry; digits \"123\": a failure"),
            "{steps}"
        );
        assert!(
            steps.contains("maxDigits is reached; digits \"123456\": a success"),
            "{steps}"
        );
    }

    #[test]
    fn without_complete_on_hash_the_hash_is_a_digit() {
        assert!(
            steps(StatusCode::MaxDigitsForCompleteOnHash).contains("digits \"12#4\": a success")
        );
    }

    #[test]
    fn the_dtmf_callback_url_receives_the_digits() {
        let run = see_it_happen(StatusCode::DtmfCallback).unwrap();
        assert!(run.steps.join("\n").contains("reports dtmf \"7\""));
        assert!(run.command.contains("--account account.json"));
    }

    #[test]
    fn steps_and_commands_fit_the_explanation() {
        for code in StatusCode::ALL {
            if let Some(run) = see_it_happen(code) {
                for line in &run.steps {
                    assert!(line.chars().count() <= STEP_WIDTH, "{code}: {line}");
                }
                for line in run.command.lines() {
                    assert!(line.chars().count() <= STEP_WIDTH, "{code}: {line}");
                }
            }
        }
    }
}
