//! What each status code means, taught once: the trigger, the decision SPEC.md takes where
//! the public docs leave a gap, an example that triggers it, and the fix.
//!
//! `callflow explain`, the rules browser and the hints all read from here, so a lesson is
//! written in one place. Every example is checked by the tests below against the real
//! validator: a lesson that drifts from the rules fails the build.

use super::status::{StatusCode, entry_message};

/// One status code, taught.
#[derive(Debug)]
pub struct Lesson {
    pub code: StatusCode,
    /// What triggers it, in plain words (one or two sentences).
    pub trigger: &'static str,
    /// The SPEC.md decision where the public docs are silent or contradict themselves.
    pub decision: Option<&'static str>,
    /// A minimal request (JSON text, pretty, 2-space indent) that triggers exactly this code.
    pub example: &'static str,
    /// The account profile JSON the example needs, if any.
    pub account: Option<&'static str>,
    /// The fix in one line.
    pub fix: &'static str,
    /// The example with the fix applied: it validates as `1 Created` with the same account.
    pub fixed: &'static str,
    /// The account profile key without which the rule (or its account part) is not checked.
    pub needs_account: Option<&'static str>,
}

/// The lesson for a code.
pub fn lesson(code: StatusCode) -> &'static Lesson {
    LESSONS
        .iter()
        .find(|lesson| lesson.code == code)
        .expect("every status code has a lesson")
}

/// A name for the rule behind a code, short enough for a list beside its number.
pub fn title(code: StatusCode) -> &'static str {
    match code {
        StatusCode::Created => "Created",
        StatusCode::InvalidJson => "Broken JSON",
        StatusCode::SpeechProfile => "Voice or language",
        StatusCode::MaxDigitsForMinDigits => "minDigits, no max",
        StatusCode::DtmfCallback => "No DTMF webhook",
        StatusCode::OverallTimeoutRequired => "No overallTimeout",
        StatusCode::OverallTimeoutTooSmall => "Timeouts in order",
        StatusCode::InvalidActionType => "Unknown action",
        StatusCode::MaxDigitsForCompleteOnHash => "No #, no maxDigits",
        StatusCode::InvalidEntry => "Schema error",
        StatusCode::TooManyActions => "Too many calls",
        StatusCode::MultipleDestinations => "Several numbers",
        StatusCode::HangupMisplaced => "Hangup misplaced",
        StatusCode::FirstNotMakeCall => "makeCall first",
        StatusCode::SourceNotAllowed => "Caller ID refused",
        StatusCode::Expired => "Expired",
        StatusCode::ForbiddenCharacters => "Forbidden characters",
        StatusCode::InvalidDestination => "Bad destination",
        StatusCode::ScenarioNotAlone => "Scenario not alone",
        StatusCode::ScenarioNameEmpty => "No scenario name",
        StatusCode::ScenarioNotPermitted => "Scenario refused",
        StatusCode::Unknown => "Unknown error",
    }
}

/// Where a rule has a gray zone: a request the API is expected to accept, for which the
/// program still warns (`1 Created` with a warning, without an account profile).
pub fn warned_example(code: StatusCode) -> Option<&'static str> {
    match code {
        StatusCode::SpeechProfile => Some(SHAPED_VOICE),
        _ => None,
    }
}

/// A voice missing from the built-in list but shaped like a voice name (SPEC §5).
const SHAPED_VOICE: &str = r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Votre table est prête.",
        "voiceProfile": "fr-FR-DeniseNeural",
        "language": "fr"
      }
    }
  ]
}"#;

/// Every lesson, in `StatusCode::ALL` order.
pub fn lessons() -> &'static [Lesson] {
    &LESSONS
}

/// Lines of prose are wrapped to this width, indentation included.
const WIDTH: usize = 80;
const INDENT: &str = "  ";

/// The text `callflow explain CODE` prints: a header, then one section per part of the
/// lesson, each a title followed by its indented body.
pub fn explain(code: StatusCode) -> String {
    let lesson = lesson(code);
    let mut text = format!("{code} {}\n", header_message(code));
    section(&mut text, "What triggers it", &wrap(lesson.trigger));
    if let Some(decision) = lesson.decision {
        section(&mut text, "Decision", &wrap(decision));
    }
    section(&mut text, "Example", &example_body(lesson));
    section(&mut text, "Fix", &fix_body(lesson));
    if let Some(warned) = warned_example(code) {
        section(&mut text, "Accepted, with a warning", &warned_body(warned));
    }
    if let Some(run) = super::sim::lesson::see_it_happen(code) {
        section(&mut text, "See it happen", &see_it_happen_body(&run));
    }
    if let Some(key) = lesson.needs_account {
        section(
            &mut text,
            "Needs the account profile",
            &wrap(&needs_account(key)),
        );
    }
    text
}

/// -1009's message ends in a detail that depends on the request; the header names it.
fn header_message(code: StatusCode) -> String {
    if code == StatusCode::InvalidEntry {
        entry_message("DETAIL")
    } else {
        code.message().to_owned()
    }
}

fn section(text: &mut String, title: &str, body: &str) {
    text.push('\n');
    text.push_str(title);
    text.push('\n');
    text.push_str(body);
}

fn example_body(lesson: &Lesson) -> String {
    let mut body = indent(lesson.example);
    if let Some(account) = lesson.account {
        body.push('\n');
        body.push_str(&wrap("With this account profile:"));
        body.push_str(&indent(account));
    }
    body
}

/// The one-line fix, then the fixed request; for `Created` there is nothing to show twice.
fn fix_body(lesson: &Lesson) -> String {
    let mut body = wrap(lesson.fix);
    if lesson.fixed != lesson.example {
        body.push('\n');
        body.push_str(&wrap("With the fix applied:"));
        body.push_str(&indent(lesson.fixed));
    }
    body
}

fn warned_body(warned: &str) -> String {
    let mut body = wrap(
        "Without the account's list this request passes, with a warning that its voice \
         could not be confirmed:",
    );
    body.push_str(&indent(warned));
    body
}

/// The rule in a simulated call: what it shows, the steps, and how to run it yourself.
fn see_it_happen_body(run: &super::sim::lesson::SeenHappen) -> String {
    let mut body = wrap(&run.intro);
    body.push('\n');
    body.push_str(&indent(&run.steps.join("\n")));
    body.push('\n');
    body.push_str(&wrap(&run.try_it));
    body.push_str(&indent(&run.command));
    body
}

fn needs_account(key: &str) -> String {
    format!(
        "The key \"{key}\". When the account profile (--account FILE, or account.json in the \
         config directory) does not give it, the part of this rule that depends on the account \
         is not checked, and a note says so."
    )
}

/// Indents every line of a block (JSON is never re-wrapped: its lines are its meaning).
fn indent(block: &str) -> String {
    block
        .lines()
        .map(|line| format!("{INDENT}{line}\n"))
        .collect()
}

/// Greedy word wrap of prose into indented lines of at most `WIDTH` columns; a word longer
/// than a line gets a line of its own rather than being cut.
fn wrap(prose: &str) -> String {
    let room = WIDTH - INDENT.len();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in prose.split_whitespace() {
        let needed = line.chars().count() + 1 + word.chars().count();
        if !line.is_empty() && needed > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
        .iter()
        .map(|line| format!("{INDENT}{line}\n"))
        .collect()
}

/// The request `Created` teaches with: call, speak, hang up.
const VALID_REQUEST: &str = r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Your parcel arrives tomorrow between 9 and 11 am.",
        "voiceProfile": "en-US-Neural2-C"
      }
    },
    {
      "action": "hangup"
    }
  ]
}"#;

static LESSONS: [Lesson; 22] = [
    Lesson {
        code: StatusCode::Created,
        trigger: "Every check passed: the body is a JSON object, its actions and parameters \
                  fit the schema, and neither the flow nor any action breaks a rule. The API \
                  would start a call session.",
        decision: Some(
            "An offline check creates no session, so the answer carries no sessionId or \
             callFlowRequestId. Warnings and notes found on the way never turn Created into \
             a refusal.",
        ),
        example: VALID_REQUEST,
        account: None,
        fix: "Nothing to fix: the request can be sent as it is.",
        fixed: VALID_REQUEST,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::InvalidJson,
        trigger: "The body cannot be read as a JSON object: it is empty, its syntax is \
                  broken, or its top-level value is an array, a string or a number rather \
                  than an object.",
        decision: Some(
            "Reading is strict RFC 8259: no comments, no trailing commas, nothing after the \
             value, no lone surrogates, no number whose double would be infinite. A leading \
             byte-order mark or bytes that are not UTF-8 also make the body invalid JSON. \
             The finding gives the line and column where reading stopped.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
  ]
}"#,
        account: None,
        fix: "Delete the comma after the last action; the finding points at the line and \
              column to look at.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::SpeechProfile,
        trigger: "A say or sayAndCapture names a voiceProfile the account does not offer, or \
                  adds a language that does not fit the chosen voice.",
        decision: Some(
            "Each subaccount has its own voices. With the account's speechProfiles loaded, \
             that list is the truth: the name must be in it exactly, capitals included. \
             Without it, the program knows only a built-in fragment of the list, so a name \
             it has never heard of is accepted, with a warning, when it is shaped like a \
             voice name: language-REGION-Name, the language an ISO 639-1 code or three \
             lower-case letters, the region two capitals or three digits (fr-FR-DeniseNeural \
             passes that way, and its locale is fr-FR). Anything else is refused: \
             jp-JP-NanamiNeural (jp is no language code; Japanese is ja), en-us-jenny, \
             en_US_Jenny. language may be the voice's locale (en-US) or its language part \
             (en), ignoring ASCII case only; a voice listed twice fits the language of \
             either entry.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Your table is ready.",
        "voiceProfile": "en-US-Neural2-C",
        "language": "fr-FR"
      }
    }
  ]
}"#,
        account: None,
        fix: "Remove language (the voice already decides it), or set it to the voice's own \
              locale or language: en-US or en.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Your table is ready.",
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::MaxDigitsForMinDigits,
        trigger: "A sayAndCapture sets minDigits but no maxDigits, or a maxDigits smaller \
                  than minDigits, so the capture has no sensible end.",
        decision: None,
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Please key in your four to six digit PIN.",
        "voiceProfile": "en-US-Neural2-C",
        "minDigits": 4
      }
    }
  ]
}"#,
        account: None,
        fix: "Add maxDigits, no smaller than minDigits.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Please key in your four to six digit PIN.",
        "voiceProfile": "en-US-Neural2-C",
        "minDigits": 4,
        "maxDigits": 6
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::DtmfCallback,
        trigger: "A sayAndCapture has nowhere to send the digits it collects: the account \
                  has no Voice Call Action webhook, and the action gives no dtmfCallbackUrl.",
        decision: Some(
            "A dtmfCallbackUrl that is missing, null, empty or only white space counts as \
             not provided, just as a vcaWebhookUrl of \"\" or null in the account profile \
             means the account has no webhook.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Press 1 to confirm your booking, or 2 to cancel.",
        "voiceProfile": "en-US-Neural2-C",
        "maxDigits": 1
      }
    }
  ]
}"#,
        account: Some(
            r#"{
  "vcaWebhookUrl": null
}"#,
        ),
        fix: "Add a dtmfCallbackUrl to the sayAndCapture, or set up the account's Voice Call \
              Action webhook.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Press 1 to confirm your booking, or 2 to cancel.",
        "voiceProfile": "en-US-Neural2-C",
        "maxDigits": 1,
        "dtmfCallbackUrl": "https://example.com/callflow/dtmf"
      }
    }
  ]
}"#,
        needs_account: Some("vcaWebhookUrl"),
    },
    Lesson {
        code: StatusCode::OverallTimeoutRequired,
        trigger: "A sayAndCapture sets digitTimeout (how long to wait between key presses) \
                  but no overallTimeout (how long to wait for the whole entry).",
        decision: None,
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter your account number, then press hash.",
        "voiceProfile": "en-US-Neural2-C",
        "digitTimeout": 5000
      }
    }
  ]
}"#,
        account: None,
        fix: "Add overallTimeout, in milliseconds, larger than digitTimeout.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter your account number, then press hash.",
        "voiceProfile": "en-US-Neural2-C",
        "digitTimeout": 5000,
        "overallTimeout": 20000
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::OverallTimeoutTooSmall,
        trigger: "A sayAndCapture gives an overallTimeout smaller than its digitTimeout: the \
                  whole entry would time out before the wait for a single digit is over.",
        decision: Some(
            "The message says \"greater\", yet the official IVR guides send two equal values \
             and show Created. Equal values therefore pass, with a warning; only an \
             overallTimeout strictly smaller than digitTimeout is refused.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter your account number, then press hash.",
        "voiceProfile": "en-US-Neural2-C",
        "digitTimeout": 10000,
        "overallTimeout": 5000
      }
    }
  ]
}"#,
        account: None,
        fix: "Raise overallTimeout above digitTimeout (both are in milliseconds).",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter your account number, then press hash.",
        "voiceProfile": "en-US-Neural2-C",
        "digitTimeout": 10000,
        "overallTimeout": 30000
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::InvalidActionType,
        trigger: "An action's name is a string the API does not know. Names are \
                  case-sensitive, so MakeCall, playfile and the old say&capture are all \
                  refused.",
        decision: Some(
            "The message spells sayAndcapture with a small c; that is the API's own typo, \
             and the name it accepts is sayAndCapture. The message's list also leaves out \
             executeScenario, which is accepted (see -1018). Only names that are strings are \
             judged here: a missing or non-string action is a schema error (-1009).",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndcapture",
      "params": {
        "promptMessage": "Press 1 for opening hours.",
        "voiceProfile": "en-US-Neural2-C",
        "maxDigits": 1
      }
    }
  ]
}"#,
        account: None,
        fix: "Spell the action exactly: makeCall, say, sayAndCapture, playFile, hangup or \
              executeScenario.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Press 1 for opening hours.",
        "voiceProfile": "en-US-Neural2-C",
        "maxDigits": 1
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::MaxDigitsForCompleteOnHash,
        trigger: "A sayAndCapture sets completeOnHash to false, so the caller cannot finish \
                  with #, yet gives no maxDigits (or one above 25) to say when the entry is \
                  complete.",
        decision: None,
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter the last four digits of your card.",
        "voiceProfile": "en-US-Neural2-C",
        "completeOnHash": false
      }
    }
  ]
}"#,
        account: None,
        fix: "Add a maxDigits of 25 or fewer, or let the caller finish with # \
              (completeOnHash true).",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter the last four digits of your card.",
        "voiceProfile": "en-US-Neural2-C",
        "maxDigits": 4,
        "completeOnHash": false
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::InvalidEntry,
        trigger: "The request breaks the schema: a required key is missing, a value has the \
                  wrong type, a text is too short or too long, a number is out of range, a \
                  fileUrl is not an http(s) address, or validUntil is not a date-time. \
                  DETAIL names the first such problem by its path, such as \
                  $.callflow[1].params.text.",
        decision: Some(
            "The API's detail reads like a generic JSON-schema validator, so DETAIL is \
             worded the same way, and the first problem is found in a fixed order: \
             callflow, validUntil, then each action in turn (the item, action, params, then \
             each parameter in its documented order; for one parameter: missing, then type, \
             then limit). An integer is a number written without fraction or exponent, so \
             1.0 is refused where an integer is due; null for a required key is a type \
             error.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        account: None,
        fix: "Read DETAIL: it gives the path and the problem. Here, say needs its text.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Your prescription is ready for collection.",
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::TooManyActions,
        trigger: "The flow holds more than two makeCall actions. A flow places one call and \
                  may bridge one more party into it, no more.",
        decision: None,
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6598765432"
      }
    },
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6587654321"
      }
    }
  ]
}"#,
        account: None,
        fix: "Keep at most two makeCall actions; place any further calls in requests of \
              their own.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6598765432"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::MultipleDestinations,
        trigger: "A makeCall destination holds several phone numbers, separated by commas, \
                  semicolons, bars, slashes or spaces. Each makeCall dials exactly one \
                  number.",
        decision: Some(
            "It takes at least two pieces that are valid numbers by themselves; a run of \
             separators counts as one, and a space is any Unicode white space. Separators \
             with fewer than two valid numbers around them are a format error instead \
             (-1017).",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567,+6598765432"
      }
    }
  ]
}"#,
        account: None,
        fix: "Put one number in destination: send one request per callee, or bridge a \
              second party with a second makeCall.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::HangupMisplaced,
        trigger: "A hangup comes before the end of the flow, or straight after a \
                  sayAndCapture. Hangup ends every call of the session, so nothing after it \
                  could run, and right after a capture it would throw the digits away.",
        decision: None,
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "hangup"
    },
    {
      "action": "say",
      "params": {
        "text": "Goodbye.",
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        account: None,
        fix: "Make hangup the last action, and never put it directly after a sayAndCapture.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Goodbye.",
        "voiceProfile": "en-US-Neural2-C"
      }
    },
    {
      "action": "hangup"
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::FirstNotMakeCall,
        trigger: "The first action is not makeCall. Nothing can be spoken, played or \
                  captured before there is a call.",
        decision: Some(
            "A flow made of a single executeScenario is exempt from this rule (see -1018).",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "say",
      "params": {
        "text": "Your delivery is on its way.",
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        account: None,
        fix: "Start the flow with a makeCall action.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Your delivery is on its way.",
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::SourceNotAllowed,
        trigger: "A makeCall source, the caller ID the callee sees, is not a valid phone \
                  number, or is not one of the caller IDs the account may use.",
        decision: Some(
            "Caller IDs are compared without their leading +, so 6588000000 and \
             +6588000000 are the same number.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6561234567",
        "destination": "+6591234567"
      }
    }
  ]
}"#,
        account: Some(
            r#"{
  "allowedSources": [
    "+6588000000"
  ]
}"#,
        ),
        fix: "Use a caller ID the account is allowed to show, written as a phone number.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    }
  ]
}"#,
        needs_account: Some("allowedSources"),
    },
    Lesson {
        code: StatusCode::Expired,
        trigger: "validUntil is set, and the moment it names has already come: the request \
                  is no longer valid.",
        decision: Some(
            "The current instant is the system clock, or the instant given with --now. A \
             validUntil equal to now has expired too (it must be later), and instants are \
             compared to the nanosecond.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    }
  ],
  "validUntil": "2020-01-01T00:00:00Z"
}"#,
        account: None,
        fix: "Move validUntil into the future, or remove it.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::ForbiddenCharacters,
        trigger: "Text meant to be spoken (say's text, or sayAndCapture's promptMessage, \
                  successMessage or failureMessage) holds a character the API refuses.",
        decision: Some(
            "The docs do not say which characters. This program refuses control characters \
             other than tab, line feed and carriage return (U+0000 to U+001F and U+007F to \
             U+009F), the markup brackets < and >, and U+FFFD, the replacement character \
             that betrays text damaged by a wrong encoding.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Your code is <b>4821</b>.",
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        account: None,
        fix: "Write the spoken text as plain sentences: no markup brackets, no control \
              characters.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "say",
      "params": {
        "text": "Your code is 4821.",
        "voiceProfile": "en-US-Neural2-C"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::InvalidDestination,
        trigger: "A makeCall destination is not a single phone number in international \
                  form.",
        decision: Some(
            "A phone number here is an optional + followed by 7 to 15 digits, the first \
             not 0, and nothing else: spaces, dashes, brackets and a 00 prefix are refused, \
             so +65 9123 4567 must be written +6591234567.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+65-9123-4567"
      }
    }
  ]
}"#,
        account: None,
        fix: "Write the destination as + and digits only, country code first.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::ScenarioNotAlone,
        trigger: "The flow holds an executeScenario together with any other action, a \
                  second executeScenario included. A scenario has to be the whole flow.",
        decision: Some(
            "The docs name executeScenario only through codes -1018 to -1020. This \
             program models it as {\"action\": \"executeScenario\", \"params\": \
             {\"scenarioName\": NAME}}: the only action of its flow, and exempt from the \
             rule that a flow starts with makeCall.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "executeScenario",
      "params": {
        "scenarioName": "appointment-reminder"
      }
    },
    {
      "action": "hangup"
    }
  ]
}"#,
        account: None,
        fix: "Send the executeScenario on its own; put any other actions in a separate \
              request.",
        fixed: r#"{
  "callflow": [
    {
      "action": "executeScenario",
      "params": {
        "scenarioName": "appointment-reminder"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::ScenarioNameEmpty,
        trigger: "An executeScenario does not say which scenario to run: scenarioName is \
                  missing, null, empty or only white space.",
        decision: Some(
            "executeScenario is modelled as described under -1018. The schema sets no \
             length for scenarioName, so an empty name is answered -1019, not -1009.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "executeScenario",
      "params": {
        "scenarioName": ""
      }
    }
  ]
}"#,
        account: None,
        fix: "Set scenarioName to the name of a scenario configured for the account.",
        fixed: r#"{
  "callflow": [
    {
      "action": "executeScenario",
      "params": {
        "scenarioName": "appointment-reminder"
      }
    }
  ]
}"#,
        needs_account: None,
    },
    Lesson {
        code: StatusCode::ScenarioNotPermitted,
        trigger: "The scenarioName is not one the account may run: no such scenario exists \
                  for it, or it lacks the permission.",
        decision: Some(
            "executeScenario is modelled as described under -1018. The name is compared \
             exactly with the account profile's scenarios list, the only offline source \
             of what the account may run.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "executeScenario",
      "params": {
        "scenarioName": "payment-reminder"
      }
    }
  ]
}"#,
        account: Some(
            r#"{
  "scenarios": [
    "appointment-reminder"
  ]
}"#,
        ),
        fix: "Use a scenario the account may run, or have it configured for the account.",
        fixed: r#"{
  "callflow": [
    {
      "action": "executeScenario",
      "params": {
        "scenarioName": "appointment-reminder"
      }
    }
  ]
}"#,
        needs_account: Some("scenarios"),
    },
    Lesson {
        code: StatusCode::Unknown,
        trigger: "The API failed while handling a request that looked valid. Offline, \
                  the one cause this program can foresee is an integer parameter too large \
                  or too small for 32 bits.",
        decision: Some(
            "The docs call -9999 an unknown error and give no cause. This program answers \
             it in one case only: an integer parameter that passes the schema but lies \
             outside -2147483648 to 2147483647, as if the API kept integers in 32 bits.",
        ),
        example: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter your member number.",
        "voiceProfile": "en-US-Neural2-C",
        "overallTimeout": 3000000000
      }
    }
  ]
}"#,
        account: None,
        fix: "Keep integers within 32 bits; timeouts are milliseconds, so 30 seconds is \
              30000.",
        fixed: r#"{
  "callflow": [
    {
      "action": "makeCall",
      "params": {
        "source": "+6588000000",
        "destination": "+6591234567"
      }
    },
    {
      "action": "sayAndCapture",
      "params": {
        "promptMessage": "Enter your member number.",
        "voiceProfile": "en-US-Neural2-C",
        "overallTimeout": 30000
      }
    }
  ]
}"#,
        needs_account: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::datetime::parse_rfc3339;
    use crate::callflow::{AccountProfile, Context, Severity, Verdict, validate_text};

    fn check(body: &str, account: Option<&str>) -> Verdict {
        let account = account.map_or_else(AccountProfile::default, |text| {
            AccountProfile::from_json(text).expect("a lesson's account profile is valid")
        });
        let now = parse_rfc3339("2026-11-28T00:00:00Z").expect("a valid instant");
        validate_text(body, &Context::new(account, now))
    }

    /// Pretty JSON with 2-space indent is what serde_json writes back, byte for byte.
    fn is_pretty(text: &str) -> bool {
        serde_json::from_str::<serde_json::Value>(text)
            .is_ok_and(|value| serde_json::to_string_pretty(&value).unwrap() == text)
    }

    #[test]
    fn every_code_has_a_short_distinct_title() {
        let titles: Vec<&str> = StatusCode::ALL.iter().map(|code| title(*code)).collect();
        for (index, name) in titles.iter().enumerate() {
            assert!(!name.is_empty() && name.chars().count() <= 20, "{name}");
            assert!(!titles[..index].contains(name), "{name} twice");
        }
    }

    #[test]
    fn lessons_follow_the_order_of_the_codes() {
        let codes: Vec<StatusCode> = lessons().iter().map(|lesson| lesson.code).collect();
        assert_eq!(codes, StatusCode::ALL);
    }

    #[test]
    fn every_code_has_a_lesson_with_words_in_it() {
        for code in StatusCode::ALL {
            let lesson = lesson(code);
            assert_eq!(lesson.code, code);
            assert!(!lesson.trigger.trim().is_empty(), "{code}");
            assert!(!lesson.fix.trim().is_empty(), "{code}");
            assert!(
                lesson.decision.is_none_or(|d| !d.trim().is_empty()),
                "{code}"
            );
        }
    }

    #[test]
    fn each_example_is_answered_with_its_own_code_and_nothing_else() {
        for lesson in lessons() {
            let verdict = check(lesson.example, lesson.account);
            assert_eq!(verdict.response.code, lesson.code, "{}", lesson.code);
            if lesson.code != StatusCode::Created {
                assert_eq!(verdict.errors().count(), 1, "{}: {verdict:#?}", lesson.code);
            }
        }
    }

    #[test]
    fn each_fixed_example_is_created_without_warnings() {
        for lesson in lessons() {
            let verdict = check(lesson.fixed, lesson.account);
            assert!(verdict.is_created(), "{}: {verdict:#?}", lesson.code);
            let warnings = verdict
                .findings
                .iter()
                .filter(|finding| finding.severity == Severity::Warning);
            assert_eq!(warnings.count(), 0, "{}: {verdict:#?}", lesson.code);
        }
    }

    #[test]
    fn warned_examples_are_created_with_a_warning_and_fail_with_the_account_list() {
        let warned: Vec<&Lesson> = lessons()
            .iter()
            .filter(|l| warned_example(l.code).is_some())
            .collect();
        assert!(!warned.is_empty());
        for lesson in warned {
            let example = warned_example(lesson.code).unwrap_or_default();
            let verdict = check(example, None);
            assert!(verdict.is_created(), "{}: {verdict:#?}", lesson.code);
            assert!(
                verdict
                    .findings
                    .iter()
                    .any(|f| f.severity == Severity::Warning),
                "{}",
                lesson.code
            );
            let account = r#"{"speechProfiles": [{"speechProfileCode": "en-US-Neural2-C", "localeCode": "en-US"}]}"#;
            assert_eq!(check(example, Some(account)).response.code, lesson.code);
        }
    }

    #[test]
    fn the_voice_lesson_teaches_a_refusal_and_an_acceptance_with_a_warning() {
        let text = explain(StatusCode::SpeechProfile);
        assert!(text.contains("\nAccepted, with a warning\n"));
        assert!(text.contains("fr-FR-DeniseNeural"));
        assert!(text.contains("jp-JP-NanamiNeural"));
        let decision = lesson(StatusCode::SpeechProfile)
            .decision
            .unwrap_or_default();
        for refused in ["jp-JP-NanamiNeural", "en-us-jenny", "en_US_Jenny"] {
            assert!(decision.contains(refused), "{refused}");
            let body = lesson(StatusCode::SpeechProfile)
                .fixed
                .replace("en-US-Neural2-C", refused);
            assert_eq!(check(&body, None).response.code, StatusCode::SpeechProfile);
        }
    }

    #[test]
    fn account_keys_named_are_the_keys_the_examples_use() {
        for lesson in lessons() {
            assert_eq!(
                lesson.account.is_some(),
                lesson.needs_account.is_some(),
                "{}",
                lesson.code
            );
            if let (Some(account), Some(key)) = (lesson.account, lesson.needs_account) {
                assert!(account.contains(&format!("\"{key}\"")), "{}", lesson.code);
            }
        }
    }

    #[test]
    fn the_examples_also_need_their_account_to_be_refused() {
        for lesson in lessons().iter().filter(|lesson| lesson.account.is_some()) {
            assert!(check(lesson.example, None).is_created(), "{}", lesson.code);
        }
    }

    #[test]
    fn json_texts_are_pretty_with_two_space_indent() {
        for lesson in lessons() {
            let texts = [
                Some(lesson.example),
                Some(lesson.fixed),
                lesson.account,
                warned_example(lesson.code),
            ];
            for text in texts.into_iter().flatten() {
                if lesson.code == StatusCode::InvalidJson && text == lesson.example {
                    continue;
                }
                assert!(is_pretty(text), "{}: {text}", lesson.code);
            }
        }
    }

    #[test]
    fn created_needs_no_fix() {
        let created = lesson(StatusCode::Created);
        assert_eq!(created.fixed, created.example);
    }

    #[test]
    fn explain_starts_with_the_code_and_its_exact_message() {
        for code in StatusCode::ALL {
            let text = explain(code);
            let header = text.lines().next().unwrap_or_default();
            assert!(header.starts_with(&format!("{code} ")), "{header}");
            assert!(header.contains(code.message()), "{header}");
            for title in ["What triggers it", "Example", "Fix"] {
                assert!(text.lines().any(|line| line == title), "{code}: {title}");
            }
        }
        assert!(
            explain(StatusCode::InvalidEntry)
                .starts_with("-1009 Invalid call flow entry provided. DETAIL\n")
        );
    }

    #[test]
    fn explain_shows_decisions_and_account_needs_only_when_there_are_some() {
        let dtmf = explain(StatusCode::DtmfCallback);
        assert!(dtmf.contains("\nDecision\n"));
        assert!(dtmf.contains("\nNeeds the account profile\n"));
        assert!(dtmf.contains("\"vcaWebhookUrl\": null"));
        let digits = explain(StatusCode::MaxDigitsForMinDigits);
        assert!(!digits.contains("\nDecision\n"));
        assert!(!digits.contains("\nNeeds the account profile\n"));
    }

    #[test]
    fn explain_is_plain_text_within_eighty_columns() {
        for code in StatusCode::ALL {
            let text = explain(code);
            assert!(!text.contains('\u{1b}'), "{code}");
            // The header quotes the API's message, which must stay whole however long.
            for line in text.lines().skip(1) {
                assert!(line.chars().count() <= WIDTH, "{code}: {line}");
            }
        }
    }

    #[test]
    fn wrap_keeps_every_word_in_order() {
        let prose = "one two three ".repeat(20);
        let wrapped = wrap(&prose);
        assert!(wrapped.lines().all(|line| line.starts_with(INDENT)));
        let words: Vec<&str> = wrapped.split_whitespace().collect();
        assert_eq!(words, prose.split_whitespace().collect::<Vec<_>>());
    }
}
