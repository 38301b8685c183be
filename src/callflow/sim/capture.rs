//! One sayAndCapture (SIM.md §3.4): its parameters with the platform's defaults, and the
//! capture window of one try: which key closes it, when its timers run out, and whether
//! what it caught counts as a success.

use super::duration::{speed_thousandths, spoken_ms};
use crate::callflow::json::{Json, Object};

/// ACT's defaults, which SPEC §1.1 shows; `minDigits` 1 is SEND's (ACT gives none).
const DEFAULT_MIN_DIGITS: u64 = 1;
const DEFAULT_MAX_DIGITS: u64 = 25;
const DEFAULT_OVERALL_TIMEOUT: u64 = 30_000;
const DEFAULT_TRIES: u64 = 3;

/// A sayAndCapture's parameters as the platform reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureSpec {
    pub prompt: String,
    /// One play of the prompt, in ms.
    pub prompt_ms: u64,
    pub repetition: u64,
    pub min_digits: u64,
    pub max_digits: u64,
    pub digit_timeout: Option<u64>,
    pub overall_timeout: u64,
    pub complete_on_hash: bool,
    pub tries: u64,
    /// Played after a success; `None` when absent, `null` or `""`.
    pub success_message: Option<String>,
    pub failure_message: Option<String>,
    /// The legacy per-action webhook, when it is given and not blank.
    pub dtmf_callback_url: Option<String>,
    speed: u64,
}

impl CaptureSpec {
    /// Reads a validated action's `params`.
    pub fn from_params(params: Option<&Object>) -> CaptureSpec {
        let given = |key: &str| params.and_then(|p| p.given(key));
        let count = |key: &str, default: u64| whole_number(given(key)).unwrap_or(default);
        let speed = speed_thousandths(given("speed"));
        let prompt = text(given("promptMessage")).unwrap_or_default();
        CaptureSpec {
            prompt_ms: spoken_ms(&prompt, speed),
            prompt,
            repetition: count("repetition", 1).max(1),
            min_digits: count("minDigits", DEFAULT_MIN_DIGITS),
            max_digits: count("maxDigits", DEFAULT_MAX_DIGITS),
            digit_timeout: whole_number(given("digitTimeout")),
            overall_timeout: count("overallTimeout", DEFAULT_OVERALL_TIMEOUT),
            complete_on_hash: given("completeOnHash")
                .and_then(Json::as_bool)
                .unwrap_or(true),
            tries: count("noOfTries", DEFAULT_TRIES).max(1),
            success_message: text(given("successMessage")),
            failure_message: text(given("failureMessage")),
            dtmf_callback_url: text(given("dtmfCallbackUrl")).filter(|u| !u.trim().is_empty()),
            speed,
        }
    }

    /// The prompt with its repetitions.
    pub fn prompt_total_ms(&self) -> u64 {
        self.prompt_ms.saturating_mul(self.repetition)
    }

    /// A message plays once, at the action's speed.
    pub fn message_ms(&self, message: &str) -> u64 {
        spoken_ms(message, self.speed)
    }
}

/// A non-empty string parameter.
fn text(value: Option<&Json>) -> Option<String> {
    value
        .and_then(Json::as_str)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

/// An integer parameter that is not negative (the validator has bounded it).
fn whole_number(value: Option<&Json>) -> Option<u64> {
    value
        .and_then(Json::as_number)
        .and_then(|number| number.as_i32())
        .and_then(|n| u64::try_from(n).ok())
}

/// Why a window closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// `#` with `completeOnHash`.
    Hash,
    /// `maxDigits` reached.
    Max,
    /// A timer ran out.
    Timeout,
}

impl Closing {
    pub fn name(self) -> &'static str {
        match self {
            Closing::Hash => "hash",
            Closing::Max => "max",
            Closing::Timeout => "timeout",
        }
    }
}

/// What a key did to an open window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyEffect {
    /// Appended; the window now closes at this instant.
    Collected {
        deadline: u64,
    },
    Closed(Closing),
}

/// The window of one try, open from `opened_at` until its deadline or a closing key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub try_number: u64,
    pub opened_at: u64,
    pub digits: String,
    /// When the overall timer ends the window.
    pub overall_deadline: u64,
    /// When the digit timer ends it, once a key has started that timer.
    pub digit_deadline: Option<u64>,
}

impl Window {
    pub fn open(try_number: u64, at: u64, spec: &CaptureSpec) -> Window {
        Window {
            try_number,
            opened_at: at,
            digits: String::new(),
            overall_deadline: at.saturating_add(spec.overall_timeout),
            digit_deadline: None,
        }
    }

    /// The instant the window closes unless a key closes it first.
    pub fn deadline(&self) -> u64 {
        self.digit_deadline
            .map_or(self.overall_deadline, |d| d.min(self.overall_deadline))
    }

    /// A key pressed at `t`, before the deadline.
    pub fn press(&mut self, key: char, t: u64, spec: &CaptureSpec) -> KeyEffect {
        if key == '#' && spec.complete_on_hash {
            return KeyEffect::Closed(Closing::Hash);
        }
        self.digits.push(key);
        if self.digits.len() as u64 >= spec.max_digits {
            return KeyEffect::Closed(Closing::Max);
        }
        if let Some(timeout) = spec.digit_timeout {
            self.digit_deadline = Some(t.saturating_add(timeout));
        }
        KeyEffect::Collected {
            deadline: self.deadline(),
        }
    }

    /// Success only when a key closed the window with an accepted number of digits: a
    /// timeout is a failure whatever was typed.
    pub fn succeeded(&self, closing: Closing, spec: &CaptureSpec) -> bool {
        let count = self.digits.len() as u64;
        closing != Closing::Timeout && (spec.min_digits..=spec.max_digits).contains(&count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::parse::parse;

    fn spec(params: &str) -> CaptureSpec {
        let value = parse(params).unwrap().value;
        CaptureSpec::from_params(value.as_object())
    }

    #[test]
    fn defaults_are_the_platforms() {
        let spec = spec(r#"{"promptMessage": "Press 1."}"#);
        assert_eq!(
            (
                spec.min_digits,
                spec.max_digits,
                spec.overall_timeout,
                spec.tries
            ),
            (1, 25, 30_000, 3)
        );
        assert!(spec.complete_on_hash);
        assert_eq!(spec.digit_timeout, None);
        assert_eq!(spec.success_message, None);
    }

    #[test]
    fn null_and_empty_messages_are_not_played() {
        let spec = spec(r#"{"promptMessage": "x", "successMessage": null, "failureMessage": ""}"#);
        assert_eq!((spec.success_message, spec.failure_message), (None, None));
    }

    #[test]
    fn the_digit_timer_starts_at_the_first_key_and_never_passes_the_overall_one() {
        let spec = spec(r#"{"promptMessage": "x", "digitTimeout": 3000, "overallTimeout": 10000}"#);
        let mut window = Window::open(1, 1000, &spec);
        assert_eq!(window.deadline(), 11_000);
        assert_eq!(
            window.press('1', 2000, &spec),
            KeyEffect::Collected { deadline: 5000 }
        );
        assert_eq!(
            window.press('2', 9000, &spec),
            KeyEffect::Collected { deadline: 11_000 }
        );
    }

    #[test]
    fn hash_closes_only_with_complete_on_hash() {
        let with = spec(r#"{"promptMessage": "x"}"#);
        let mut window = Window::open(1, 0, &with);
        assert_eq!(
            window.press('#', 1, &with),
            KeyEffect::Closed(Closing::Hash)
        );
        assert_eq!(window.digits, "");
        let without = spec(r#"{"promptMessage": "x", "completeOnHash": false, "maxDigits": 3}"#);
        let mut window = Window::open(1, 0, &without);
        assert!(matches!(
            window.press('#', 1, &without),
            KeyEffect::Collected { .. }
        ));
        assert_eq!(window.digits, "#");
    }

    #[test]
    fn success_needs_a_closing_key_and_a_count_in_range() {
        let spec = spec(r#"{"promptMessage": "x", "minDigits": 2, "maxDigits": 3}"#);
        let mut window = Window::open(1, 0, &spec);
        window.press('1', 1, &spec);
        assert!(!window.succeeded(Closing::Hash, &spec));
        window.press('2', 2, &spec);
        assert!(window.succeeded(Closing::Hash, &spec));
        assert!(!window.succeeded(Closing::Timeout, &spec));
        assert_eq!(window.press('3', 3, &spec), KeyEffect::Closed(Closing::Max));
        assert!(window.succeeded(Closing::Max, &spec));
    }
}
