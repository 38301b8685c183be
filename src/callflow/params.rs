//! The table of actions and their parameters (SPEC §1.1), declared once as data.
//!
//! The schema stage checks against it in its declared order, the forms are generated from
//! it, and `callflow explain` quotes it. Adding a parameter is adding one line here.

/// The actions the program knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionKind {
    MakeCall,
    Say,
    SayAndCapture,
    PlayFile,
    Hangup,
    ExecuteScenario,
}

/// A parameter's JSON type as the schema names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    String,
    Integer,
    Number,
    Boolean,
}

/// A bound as a value and as the API's message writes it (`1`, `0.5`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub written: &'static str,
}

/// The schema constraint beyond the type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Constraint {
    None,
    /// Length in code points.
    Length {
        min: Option<usize>,
        max: Option<usize>,
    },
    Range {
        min: Option<Bound>,
        max: Option<Bound>,
    },
    /// `^https?://\S+$`
    HttpUrl,
}

/// How a form edits the parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Editor {
    Line,
    MultiLine,
    Toggle,
    VoiceProfile,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub name: &'static str,
    pub kind: ParamType,
    pub required: bool,
    pub constraint: Constraint,
    /// What the platform uses when the key is absent; shown, never validated.
    pub shown_default: Option<&'static str>,
    pub help: &'static str,
    pub editor: Editor,
}

pub const HTTP_URL_PATTERN: &str = r"^https?://\S+$";

const fn bound(value: f64, written: &'static str) -> Option<Bound> {
    Some(Bound { value, written })
}

const fn param(
    name: &'static str,
    kind: ParamType,
    required: bool,
    constraint: Constraint,
    shown_default: Option<&'static str>,
    help: &'static str,
) -> ParamSpec {
    let editor = match kind {
        ParamType::Boolean => Editor::Toggle,
        _ => Editor::Line,
    };
    ParamSpec {
        name,
        kind,
        required,
        constraint,
        shown_default,
        help,
        editor,
    }
}

const fn multi_line(spec: ParamSpec) -> ParamSpec {
    ParamSpec {
        editor: Editor::MultiLine,
        ..spec
    }
}

const fn voice_picker(spec: ParamSpec) -> ParamSpec {
    ParamSpec {
        editor: Editor::VoiceProfile,
        ..spec
    }
}

use Constraint::{HttpUrl, Length, Range};
use ParamType::{Boolean, Integer, Number, String};

const SPOKEN: Constraint = Length {
    min: Some(1),
    max: Some(3000),
};
const OPTIONAL_SPOKEN: Constraint = Length {
    min: None,
    max: Some(3000),
};
const REPETITION: Constraint = Range {
    min: bound(1.0, "1"),
    max: bound(3.0, "3"),
};
const SPEED: Constraint = Range {
    min: bound(0.5, "0.5"),
    max: bound(2.0, "2"),
};
const AT_LEAST_ONE: Constraint = Range {
    min: bound(1.0, "1"),
    max: None,
};
const NONE: Constraint = Constraint::None;

const MAKE_CALL: &[ParamSpec] = &[
    param(
        "source",
        String,
        true,
        NONE,
        None,
        "Caller ID shown to the callee: 7-15 digits, optional leading +",
    ),
    param(
        "destination",
        String,
        true,
        NONE,
        None,
        "The one number to call: 7-15 digits, optional leading +",
    ),
    param(
        "callRecording",
        Boolean,
        false,
        NONE,
        Some("false"),
        "Record the call",
    ),
];

// The voice settings say and sayAndCapture share.
const VOICE_PROFILE: ParamSpec = voice_picker(param(
    "voiceProfile",
    String,
    true,
    NONE,
    None,
    "The text-to-speech voice, e.g. en-US-Neural2-C",
));
const SPEED_PARAM: ParamSpec = param(
    "speed",
    Number,
    false,
    SPEED,
    Some("1"),
    "Speaking rate, 0.5-2",
);
const LANGUAGE: ParamSpec = param(
    "language",
    String,
    false,
    NONE,
    None,
    "Legacy; must match the voice's locale (en-US) or language (en)",
);

const SAY: &[ParamSpec] = &[
    multi_line(param(
        "text",
        String,
        true,
        SPOKEN,
        None,
        "What the voice speaks, 1-3000 characters",
    )),
    VOICE_PROFILE,
    param(
        "repetition",
        Integer,
        false,
        REPETITION,
        Some("1"),
        "How many times to speak it, 1-3",
    ),
    SPEED_PARAM,
    LANGUAGE,
];

const SAY_AND_CAPTURE: &[ParamSpec] = &[
    multi_line(param(
        "promptMessage",
        String,
        true,
        SPOKEN,
        None,
        "The prompt spoken before digits are collected, 1-3000 characters",
    )),
    VOICE_PROFILE,
    param(
        "repetition",
        Integer,
        false,
        REPETITION,
        Some("1"),
        "How many times to speak the prompt, 1-3",
    ),
    SPEED_PARAM,
    LANGUAGE,
    param(
        "minDigits",
        Integer,
        false,
        AT_LEAST_ONE,
        None,
        "Fewest digits to collect; needs maxDigits",
    ),
    param(
        "maxDigits",
        Integer,
        false,
        AT_LEAST_ONE,
        Some("25"),
        "Most digits to collect; at most 25 when completeOnHash is false",
    ),
    param(
        "digitTimeout",
        Integer,
        false,
        AT_LEAST_ONE,
        None,
        "Milliseconds to wait between digits; needs overallTimeout",
    ),
    param(
        "overallTimeout",
        Integer,
        false,
        AT_LEAST_ONE,
        Some("30000"),
        "Milliseconds to wait for all digits; not below digitTimeout",
    ),
    param(
        "completeOnHash",
        Boolean,
        false,
        NONE,
        Some("true"),
        "Stop collecting when the caller presses #",
    ),
    param(
        "noOfTries",
        Integer,
        false,
        AT_LEAST_ONE,
        Some("3"),
        "How many times to ask again after a failed capture",
    ),
    param(
        "successMessage",
        String,
        false,
        OPTIONAL_SPOKEN,
        None,
        "Spoken after a good capture, at most 3000 characters",
    ),
    param(
        "failureMessage",
        String,
        false,
        OPTIONAL_SPOKEN,
        None,
        "Spoken after a failed capture, at most 3000 characters",
    ),
    param(
        "dtmfCallbackUrl",
        String,
        false,
        NONE,
        None,
        "Legacy: where the digits are sent if the account has no webhook",
    ),
];

const PLAY_FILE: &[ParamSpec] = &[
    param(
        "fileUrl",
        String,
        true,
        HttpUrl,
        None,
        "http(s) address of an mp3 or wav file under 5 MB",
    ),
    param(
        "repetition",
        Integer,
        false,
        REPETITION,
        Some("1"),
        "How many times to play it, 1-3",
    ),
];

const EXECUTE_SCENARIO: &[ParamSpec] = &[param(
    "scenarioName",
    String,
    false,
    NONE,
    None,
    "A scenario configured for the account; must not be empty",
)];

impl ActionKind {
    pub const ALL: [ActionKind; 6] = [
        ActionKind::MakeCall,
        ActionKind::Say,
        ActionKind::SayAndCapture,
        ActionKind::PlayFile,
        ActionKind::Hangup,
        ActionKind::ExecuteScenario,
    ];

    /// The action's name in the JSON, case-sensitive.
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::MakeCall => "makeCall",
            ActionKind::Say => "say",
            ActionKind::SayAndCapture => "sayAndCapture",
            ActionKind::PlayFile => "playFile",
            ActionKind::Hangup => "hangup",
            ActionKind::ExecuteScenario => "executeScenario",
        }
    }

    /// Every accepted name as a phrase for hints: "makeCall, say, …, hangup or executeScenario".
    pub fn accepted_names() -> std::string::String {
        let names = ActionKind::ALL.map(ActionKind::name);
        let (last, others) = names.split_last().unwrap_or((&"", &[]));
        format!("{} or {last}", others.join(", "))
    }

    pub fn from_name(name: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// One line on what the action does.
    pub fn summary(self) -> &'static str {
        match self {
            ActionKind::MakeCall => "Places the call (a second one bridges a party)",
            ActionKind::Say => "Speaks text with a text-to-speech voice",
            ActionKind::SayAndCapture => "Speaks a prompt and collects the digits pressed",
            ActionKind::PlayFile => "Plays an mp3 or wav file from a URL",
            ActionKind::Hangup => "Ends every call of the session",
            ActionKind::ExecuteScenario => "Runs a scenario set up for the account, alone",
        }
    }

    /// The parameters in declared order.
    pub fn params(self) -> &'static [ParamSpec] {
        match self {
            ActionKind::MakeCall => MAKE_CALL,
            ActionKind::Say => SAY,
            ActionKind::SayAndCapture => SAY_AND_CAPTURE,
            ActionKind::PlayFile => PLAY_FILE,
            ActionKind::Hangup => &[],
            ActionKind::ExecuteScenario => EXECUTE_SCENARIO,
        }
    }

    pub fn param(self, name: &str) -> Option<&'static ParamSpec> {
        self.params().iter().find(|spec| spec.name == name)
    }

    /// Every action but `hangup` must carry a `params` object.
    pub fn requires_params(self) -> bool {
        self != ActionKind::Hangup
    }
}

impl ParamType {
    pub fn name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Number => "number",
            ParamType::Boolean => "boolean",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accepted_names_phrase_names_every_action() {
        assert_eq!(
            ActionKind::accepted_names(),
            "makeCall, say, sayAndCapture, playFile, hangup or executeScenario"
        );
    }

    #[test]
    fn names_round_trip_and_are_case_sensitive() {
        for kind in ActionKind::ALL {
            assert_eq!(ActionKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(ActionKind::from_name("MakeCall"), None);
        assert_eq!(ActionKind::from_name("say&capture"), None);
    }

    #[test]
    fn the_table_holds_every_parameter_of_the_spec() {
        let counts: Vec<usize> = ActionKind::ALL.iter().map(|k| k.params().len()).collect();
        assert_eq!(counts, [3, 5, 14, 2, 0, 1]);
    }

    #[test]
    fn spoken_text_fields_edit_on_several_lines() {
        assert_eq!(
            ActionKind::Say.param("text").unwrap().editor,
            Editor::MultiLine
        );
        assert_eq!(
            ActionKind::SayAndCapture
                .param("voiceProfile")
                .unwrap()
                .editor,
            Editor::VoiceProfile
        );
        assert_eq!(
            ActionKind::MakeCall.param("callRecording").unwrap().editor,
            Editor::Toggle
        );
    }
}
