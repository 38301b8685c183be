//! Practice mode (`callflow learn`): one broken request per status code, opened in the
//! builder. Practice is a component of its own: its place (which exercise, which are
//! solved, whether the hint is shown), a layer of keys over navigate mode
//! (`keys::practice`), its rows at the top of the verdict area, and the list of exercises
//! (`overlays/exercises.rs`). It keeps its own state (`io::progress`, written through the
//! world) and never writes the builder's recovery drafts: quitting it, saved or not,
//! leaves nothing for the next `callflow` to offer.

use super::action::Effect;
use super::keys::practice::{LIST, SHOW_HINT, pressed};
use super::state::{Mode, Overlay, State};
use crate::callflow::exercise::{self, Judgement};
use crate::callflow::parse::parse;
use crate::callflow::teaching::{Lesson, lessons, title};
use crate::callflow::{AccountProfile, Context, Instant, StatusCode};
use crate::exit::{Failure, Outcome};
use crate::io::clock;
use crate::io::progress::{self, Progress};
use ratatui::crossterm::event::KeyEvent;
use ratatui::text::{Line, Span};
use std::path::Path;
use std::process::ExitCode;

/// Where practice stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Practice {
    /// The open exercise, an index into [`exercises`].
    pub exercise: usize,
    /// Which exercises are solved, by index.
    pub solved: Vec<bool>,
    /// The fix hint is hidden until asked for; the code and message never are.
    pub hint_shown: bool,
    /// How the attempt stands, judged after every change.
    pub judgement: Judgement,
    /// The account profile the user started with; an exercise may bring its own.
    pub account: AccountProfile,
    /// Every exercise is solved: a solved one no longer moves on.
    pub finished: bool,
}

impl Practice {
    pub fn total(&self) -> usize {
        self.solved.len()
    }

    pub fn solved_count(&self) -> usize {
        self.solved.iter().filter(|solved| **solved).count()
    }

    pub fn lesson(&self) -> &'static Lesson {
        let all = exercises();
        all[self.exercise.min(all.len() - 1)]
    }

    /// What the next run starts from.
    pub fn progress(&self) -> Progress {
        let all = exercises();
        Progress {
            legacy_next: None,
            current: Some(self.lesson().code.number()),
            solved: all
                .iter()
                .zip(&self.solved)
                .filter(|(_, solved)| **solved)
                .map(|(lesson, _)| lesson.code.number())
                .collect(),
        }
    }
}

/// The exercises in teaching order: the form-fixable rules first, broken JSON last.
pub fn exercises() -> Vec<&'static Lesson> {
    let mut chosen: Vec<&Lesson> = lessons()
        .iter()
        .filter(|lesson| lesson.code != StatusCode::Created)
        .collect();
    chosen.sort_by_key(|lesson| lesson.code == StatusCode::InvalidJson);
    chosen
}

/// The builder's state for exercise `index`, nothing solved yet.
pub fn exercise_state(
    index: usize,
    fallback_account: &AccountProfile,
    now: Instant,
) -> Option<State> {
    let solved = vec![false; exercises().len()];
    practice_state(index, fallback_account, now, solved)
}

fn practice_state(
    index: usize,
    fallback_account: &AccountProfile,
    now: Instant,
    solved: Vec<bool>,
) -> Option<State> {
    let lesson = *exercises().get(index)?;
    let account = match lesson.account {
        Some(text) => AccountProfile::from_json(text).ok()?,
        None => fallback_account.clone(),
    };
    let context = Context::new(account, now);
    let mut state = match parse(lesson.example) {
        Ok(parsed) if parsed.value.as_object().is_some() => State::new(parsed.value, context, None),
        _ => State::new_raw(lesson.example, context, None),
    };
    state.practice = Some(Practice {
        exercise: index,
        solved,
        hint_shown: false,
        judgement: Judgement::Refused,
        account: fallback_account.clone(),
        finished: false,
    });
    state.refresh_verdict();
    Some(state)
}

/// Judges the attempt after a change: the verdict, and the actions of the document (or of
/// the raw text, while it is being edited).
pub fn judge(state: &mut State) {
    let Some(practice) = &state.practice else {
        return;
    };
    let kinds = match &state.screen.mode {
        Mode::Raw(raw) => parse(raw.editor.text())
            .ok()
            .map(|parsed| exercise::action_kinds(&parsed.value)),
        _ => Some(exercise::action_kinds(&state.session.document)),
    };
    let judgement = exercise::judge(practice.lesson(), kinds.as_deref(), &state.derived.verdict);
    if let Some(practice) = &mut state.practice {
        practice.judgement = judgement;
    }
}

/// Whether the builder's recovery drafts are written: never while practising.
pub fn keeps_drafts(state: &State) -> bool {
    state.practice.is_none()
}

/// The hint as the verdict area and the findings show it: hidden in practice until asked.
pub fn shown_hint<'a>(state: &State, hint: &'a str) -> std::borrow::Cow<'a, str> {
    match &state.practice {
        Some(practice) if !practice.hint_shown => {
            format!("the hint is hidden: {} shows it", SHOW_HINT.keys).into()
        }
        _ => hint.into(),
    }
}

/// A key of the practice layer, in navigate mode; false when it is not one.
pub fn on_key(state: &mut State, key: &KeyEvent) -> bool {
    let Some(practice) = &mut state.practice else {
        return false;
    };
    if pressed(&SHOW_HINT, key) {
        practice.hint_shown = true;
        return true;
    }
    if pressed(&LIST, key) {
        let cursor = practice.exercise;
        state.screen.overlay = Some(Overlay::Exercises { cursor });
        return true;
    }
    false
}

/// The next exercise opens once the user is back from the edit that solved this one, so no
/// keystroke meant for this exercise lands in the next.
pub fn settle(state: &mut State) {
    let at_rest = matches!(state.screen.mode, Mode::Navigate) && state.screen.overlay.is_none();
    let solved_now = state
        .practice
        .as_ref()
        .is_some_and(|p| p.judgement == Judgement::Solved && !p.finished);
    if at_rest && solved_now {
        advance(state);
    }
}

/// Records the solved exercise and opens the next unsolved one.
fn advance(state: &mut State) {
    let Some(practice) = &mut state.practice else {
        return;
    };
    let solved = practice.exercise;
    practice.solved[solved] = true;
    let code = practice.lesson().code.number();
    let total = practice.total();
    match next_unsolved(&practice.solved, solved) {
        Some(next) => {
            open(state, next);
            state.flash(format!(
                "Solved {code}! Next: exercise {} of {total}",
                next + 1
            ));
        }
        None => {
            practice.finished = true;
            let progress = practice.progress();
            state.effects.push(Effect::SaveProgress(progress));
            state.flash(format!(
                "Solved {code}: all {total} exercises are solved. {} lists them",
                LIST.keys
            ));
        }
    }
}

/// The first unsolved exercise after `after`, going round; never `after` itself.
pub fn next_unsolved(solved: &[bool], after: usize) -> Option<usize> {
    (1..solved.len())
        .map(|step| (after + step) % solved.len())
        .find(|index| !solved[*index])
}

/// Opens exercise `index` from its broken request, keeping what is solved, the screen's
/// settings and the effects still to be carried out; the progress is saved.
pub fn open(state: &mut State, index: usize) {
    let Some(practice) = state.practice.clone() else {
        return;
    };
    let Some(mut next) = practice_state(
        index,
        &practice.account,
        state.context.now,
        practice.solved.clone(),
    ) else {
        return;
    };
    next.screen.size = state.screen.size;
    next.screen.mouse = state.screen.mouse;
    next.screen.theme = state.screen.theme;
    next.effects = std::mem::take(&mut state.effects);
    *state = next;
    if let Some(practice) = &state.practice {
        let progress = practice.progress();
        state.effects.push(Effect::SaveProgress(progress));
    }
}

/// The rows practice puts at the top of the verdict area: the exercise, and why it is not
/// solved yet when the code alone does not say.
pub fn verdict_lines(state: &State, width: usize) -> Vec<Line<'static>> {
    let Some(practice) = &state.practice else {
        return Vec::new();
    };
    let theme = &state.screen.theme;
    let lesson = practice.lesson();
    let head = vec![Span::styled(
        format!(
            " Exercise {} of {} · {} {}: ",
            practice.exercise + 1,
            practice.total(),
            lesson.code.number(),
            title(lesson.code)
        ),
        theme.title(),
    )];
    let (text, style) = match &practice.judgement {
        Judgement::Refused => (
            "make it answer 1 Created, keeping its actions".to_owned(),
            theme.dim(),
        ),
        Judgement::ActionsChanged { expected, found } => (
            format!(
                "not solved: {} is gone, but the actions must stay {} (now {}); fix the broken one rather than remove or replace it ({} undoes)",
                lesson.code.number(),
                shape(expected),
                shape(found),
                crate::tui::keys::key_of(crate::tui::action::Command::Undo)
            ),
            theme.warning(),
        ),
        Judgement::OtherCode(code) => (
            format!(
                "{} is gone, but now the API answers {}: fix that too",
                lesson.code.number(),
                code.number()
            ),
            theme.warning(),
        ),
        Judgement::Solved if practice.finished => {
            ("✓ solved: every exercise is".to_owned(), theme.ok())
        }
        Judgement::Solved => (
            "✓ solved: the next exercise opens when you leave the field".to_owned(),
            theme.ok(),
        ),
    };
    super::view::wrap::led_by(head, &text, style, width)
}

/// `makeCall → say`, or `no actions`.
fn shape(kinds: &[String]) -> String {
    if kinds.is_empty() {
        "no actions".to_owned()
    } else {
        kinds.join(" → ")
    }
}

/// `callflow learn`: resumes where the last run stopped.
pub fn run(account: Option<&Path>, mouse: bool, reset: bool) -> Outcome {
    let account = crate::io::account::load(account).map_err(Failure)?;
    let saved = if reset {
        Progress::default()
    } else {
        progress::load()
    };
    let (start, solved) = resume(&saved);
    let Some(mut state) = practice_state(start, &account, clock::now(), solved) else {
        return Err(Failure("no exercises".to_owned()));
    };
    if let Some(practice) = &state.practice {
        if practice.solved_count() == practice.total() {
            state.flash(format!(
                "All {} exercises are solved: {} lists them, to redo or reset one",
                practice.total(),
                LIST.keys
            ));
        }
    }
    super::run(state, mouse).map_err(Failure)?;
    Ok(ExitCode::SUCCESS)
}

/// The exercise to open and what is solved, from saved progress.
pub fn resume(saved: &Progress) -> (usize, Vec<bool>) {
    let all = exercises();
    if let (None, Some(next)) = (saved.current, saved.legacy_next) {
        let next = next.min(all.len() - 1);
        return (next, (0..all.len()).map(|index| index < next).collect());
    }
    let solved: Vec<bool> = all
        .iter()
        .map(|lesson| saved.solved.contains(&lesson.code.number()))
        .collect();
    let current = saved
        .current
        .and_then(|code| all.iter().position(|l| l.code.number() == code));
    let start = match current {
        Some(index) if !solved[index] => index,
        Some(index) => next_unsolved(&solved, index).unwrap_or(index),
        None => solved.iter().position(|s| !s).unwrap_or(0),
    };
    (start, solved)
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
            assert_eq!(state.practice.unwrap().judgement, Judgement::Refused);
        }
    }

    #[test]
    fn the_next_unsolved_goes_round_and_skips_the_solved() {
        assert_eq!(next_unsolved(&[false, true, false], 2), Some(0));
        assert_eq!(next_unsolved(&[false, true, false], 0), Some(2));
        assert_eq!(next_unsolved(&[true, true, false], 2), None);
    }

    #[test]
    fn a_run_resumes_on_the_saved_exercise_unless_it_is_solved() {
        let all = exercises();
        let code = |i: usize| all[i].code.number();
        let saved = Progress {
            current: Some(code(3)),
            solved: vec![code(0), code(1)],
            legacy_next: None,
        };
        let (start, solved) = resume(&saved);
        assert_eq!(start, 3);
        assert_eq!(solved.iter().filter(|s| **s).count(), 2);
        let saved = Progress {
            current: Some(code(1)),
            solved: vec![code(0), code(1)],
            legacy_next: None,
        };
        assert_eq!(resume(&saved).0, 2);
        assert_eq!(resume(&Progress::default()).0, 0);
        let older = crate::io::progress::from_json("{\"next\": 2}");
        assert_eq!(
            resume(&older),
            (2, {
                let mut solved = vec![false; all.len()];
                solved[..2].fill(true);
                solved
            })
        );
    }
}
