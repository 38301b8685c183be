//! When a practice exercise counts as solved. A lesson's broken example is the exercise and
//! its `fixed` request is the shape the fix keeps: solving means the API would answer
//! `1 Created` *and* the request still holds the actions of that shape, of the same kinds,
//! in the same order. Deleting the broken action, or swapping the whole flow for another,
//! makes the code go away without teaching the rule, so it does not count.
//!
//! The shape comes from `fixed`, not from the example, because a few fixes change the
//! actions themselves: -1007 respells a kind, -1013 puts a makeCall first, -1010 and -1018
//! remove actions, -1012 moves the hangup.

use super::document::{action_name, actions};
use super::parse::parse;
use super::status::StatusCode;
use super::teaching::Lesson;
use super::{Json, Verdict};

/// Where an attempt stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Judgement {
    /// The API still answers the exercise's own code.
    Refused,
    /// The exercise's code is gone, but the request no longer has the exercise's actions.
    ActionsChanged {
        expected: Vec<String>,
        found: Vec<String>,
    },
    /// The exercise's code is gone and the actions kept, but the API refuses it for
    /// another reason.
    OtherCode(StatusCode),
    Solved,
}

/// The action names of a request, in order (`?` for an item without a string action).
pub fn action_kinds(document: &Json) -> Vec<String> {
    actions(document)
        .iter()
        .map(|item| action_name(item).unwrap_or("?").to_owned())
        .collect()
}

/// The shape the exercise's fix keeps.
pub fn expected_kinds(lesson: &Lesson) -> Vec<String> {
    parse(lesson.fixed)
        .map(|parsed| action_kinds(&parsed.value))
        .unwrap_or_default()
}

/// Judges an attempt at `lesson`: `kinds` are the request's action names now (None while
/// its text does not parse), `verdict` what the validator answers.
pub fn judge(lesson: &Lesson, kinds: Option<&[String]>, verdict: &Verdict) -> Judgement {
    let code = verdict.response.code;
    if code == lesson.code {
        return Judgement::Refused;
    }
    let expected = expected_kinds(lesson);
    let found = kinds.map(<[String]>::to_vec).unwrap_or_default();
    if found != expected {
        return Judgement::ActionsChanged { expected, found };
    }
    if code.is_created() {
        Judgement::Solved
    } else {
        Judgement::OtherCode(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::teaching::lessons;
    use crate::callflow::{AccountProfile, Context, Instant, validate_text};

    fn verdict_of(text: &str, lesson: &Lesson) -> Verdict {
        let account = lesson.account.map_or_else(AccountProfile::default, |a| {
            AccountProfile::from_json(a).unwrap()
        });
        validate_text(
            text,
            &Context::new(account, Instant::from_unix_seconds(1_800_000_000)),
        )
    }

    fn kinds_of(text: &str) -> Option<Vec<String>> {
        parse(text).ok().map(|parsed| action_kinds(&parsed.value))
    }

    fn judged(lesson: &Lesson, text: &str) -> Judgement {
        judge(lesson, kinds_of(text).as_deref(), &verdict_of(text, lesson))
    }

    #[test]
    fn every_lesson_fix_solves_its_exercise_and_its_example_does_not() {
        for lesson in lessons().iter().filter(|l| !l.code.is_created()) {
            assert_eq!(
                judged(lesson, lesson.fixed),
                Judgement::Solved,
                "{}",
                lesson.code
            );
            assert_eq!(
                judged(lesson, lesson.example),
                Judgement::Refused,
                "{}",
                lesson.code
            );
        }
    }

    #[test]
    fn deleting_the_broken_action_does_not_count() {
        let lesson = crate::callflow::teaching::lesson(StatusCode::OverallTimeoutTooSmall);
        let mut document = parse(lesson.example).unwrap().value;
        crate::callflow::document::remove_action(&mut document, 1);
        let text = crate::callflow::print::to_pretty(&document);
        assert!(verdict_of(&text, lesson).is_created());
        assert_eq!(
            judged(lesson, &text),
            Judgement::ActionsChanged {
                expected: vec!["makeCall".into(), "sayAndCapture".into()],
                found: vec!["makeCall".into()],
            }
        );
    }

    #[test]
    fn replacing_the_whole_flow_does_not_count() {
        let lesson = crate::callflow::teaching::lesson(StatusCode::SpeechProfile);
        let starter = crate::callflow::print::to_pretty(&crate::callflow::document::starter());
        assert!(verdict_of(&starter, lesson).is_created());
        assert!(matches!(
            judged(lesson, &starter),
            Judgement::ActionsChanged { .. }
        ));
    }

    #[test]
    fn another_refusal_is_named() {
        let lesson = crate::callflow::teaching::lesson(StatusCode::OverallTimeoutTooSmall);
        let text = lesson.fixed.replacen("\"+6591234567\"", "\"123456\"", 1);
        assert_eq!(
            judged(lesson, &text),
            Judgement::OtherCode(StatusCode::InvalidDestination)
        );
    }

    #[test]
    fn broken_json_has_no_shape_yet() {
        let lesson = crate::callflow::teaching::lesson(StatusCode::InvalidJson);
        assert_eq!(judged(lesson, lesson.example), Judgement::Refused);
        assert_eq!(kinds_of("{"), None);
    }
}
