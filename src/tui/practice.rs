//! Practice mode (`callflow learn`): one broken request per status code, opened in the
//! builder with its goal; when the API would accept it, the next one opens. Progress is
//! kept between runs.

use super::action::Effect;
use super::state::{Mode, Practice, State};
use crate::callflow::parse::parse;
use crate::callflow::teaching::{Lesson, lessons};
use crate::callflow::{AccountProfile, Context, Instant, StatusCode};
use crate::exit::{Failure, Outcome};
use crate::io::{clock, progress};
use std::path::Path;
use std::process::ExitCode;

/// The exercises in teaching order: the form-fixable rules first, broken JSON last.
pub fn exercises() -> Vec<&'static Lesson> {
    let mut chosen: Vec<&Lesson> = lessons()
        .iter()
        .filter(|lesson| lesson.code != StatusCode::Created)
        .collect();
    chosen.sort_by_key(|lesson| lesson.code == StatusCode::InvalidJson);
    chosen
}

/// The builder's state for exercise `index`.
pub fn exercise_state(
    index: usize,
    fallback_account: &AccountProfile,
    now: Instant,
) -> Option<State> {
    let all = exercises();
    let lesson = all.get(index)?;
    let account = match lesson.account {
        Some(text) => AccountProfile::from_json(text).ok()?,
        None => fallback_account.clone(),
    };
    let context = Context::new(account, now);
    let mut state = match parse(lesson.example) {
        Ok(parsed) if parsed.value.as_object().is_some() => State::new(parsed.value, context, None),
        _ => State::new_raw(lesson.example, context, None),
    };
    let response = &state.derived.verdict.response;
    state.practice = Some(Practice {
        exercise: index,
        total: all.len(),
        goal: format!(
            "it answers {} {}: make it 1 Created",
            response.code.number(),
            response.message
        ),
        solved: false,
    });
    Some(state)
}

/// The next exercise opens once the user is back from the edit that solved this one, so no
/// keystroke meant for this exercise lands in the next.
pub fn settle(state: &mut State) {
    let at_rest = matches!(state.screen.mode, Mode::Navigate) && state.screen.overlay.is_none();
    if at_rest && state.practice.as_ref().is_some_and(|p| p.solved) {
        advance(state);
    }
}

/// Records the solved exercise (an effect) and opens the next one, keeping the screen's
/// settings and the effects still to be carried out.
fn advance(state: &mut State) {
    let Some(practice) = state.practice.clone() else {
        return;
    };
    let next = practice.exercise + 1;
    state.effects.push(Effect::SaveProgress { next });
    let account = state.context.account.clone();
    match exercise_state(next, &account, state.context.now) {
        Some(mut next_state) => {
            next_state.screen.size = state.screen.size;
            next_state.screen.mouse = state.screen.mouse;
            next_state.effects = std::mem::take(&mut state.effects);
            next_state.flash(format!(
                "Solved {}! Next: exercise {} of {}",
                practice_code(&practice),
                next + 1,
                practice.total
            ));
            *state = next_state;
        }
        None => {
            state.practice = None;
            state.flash(format!(
                "All {} exercises solved. q quits; callflow learn --reset starts again",
                practice.total
            ));
        }
    }
}

fn practice_code(practice: &Practice) -> String {
    exercises()
        .get(practice.exercise)
        .map_or(String::new(), |lesson| lesson.code.number().to_string())
}

/// `callflow learn`: resumes where the last run stopped.
pub fn run(account: Option<&Path>, mouse: bool, reset: bool) -> Outcome {
    let account = crate::io::account::load(account).map_err(Failure)?;
    let start = if reset {
        0
    } else {
        progress::load().min(exercises().len())
    };
    let state = match exercise_state(start, &account, clock::now()) {
        Some(state) => state,
        None => {
            println!(
                "All {} exercises are solved. `callflow learn --reset` starts again.",
                exercises().len()
            );
            return Ok(ExitCode::SUCCESS);
        }
    };
    super::run(state, mouse).map_err(Failure)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_exercise_per_refusal_code_with_broken_json_last() {
        let all = exercises();
        assert_eq!(all.len(), StatusCode::ALL.len() - 1);
        assert_eq!(all.last().map(|l| l.code), Some(StatusCode::InvalidJson));
    }

    #[test]
    fn every_exercise_opens_refused_with_its_own_code() {
        for (index, lesson) in exercises().iter().enumerate() {
            let state = exercise_state(
                index,
                &AccountProfile::default(),
                Instant::from_unix_seconds(1_800_000_000),
            )
            .unwrap();
            assert_eq!(
                state.derived.verdict.response.code, lesson.code,
                "exercise {index}"
            );
            assert!(!state.practice.unwrap().solved);
        }
    }
}
