//! Practice mode's list of exercises: each code with its title, ✓ when solved, ▸ on the
//! open one. Enter opens the chosen one, `s` skips the open one, `x` resets the chosen one
//! (its keys: `keys::practice::EXERCISES`).

use super::prelude::*;
use crate::tui::practice::{self, exercises, next_unsolved};

pub fn on_key(state: &mut State, cursor: usize, key: KeyEvent) -> Option<Overlay> {
    let current = state.practice.as_ref().map(|p| p.exercise)?;
    let count = exercises().len();
    match key.code {
        KeyCode::Esc | KeyCode::Char('q' | 'l') => None,
        KeyCode::Enter => {
            practice::open(state, cursor.min(count - 1));
            state.flash(format!("Exercise {} of {count}", cursor.min(count - 1) + 1));
            None
        }
        KeyCode::Char('s') => skip(state, current),
        KeyCode::Char('x') => reset(state, cursor.min(count - 1), current),
        _ => Some(Overlay::Exercises {
            cursor: list_cursor(cursor, count, &key),
        }),
    }
}

/// Leaves the open exercise unsolved and opens the next unsolved one.
fn skip(state: &mut State, current: usize) -> Option<Overlay> {
    let solved = state.practice.as_ref().map(|p| p.solved.clone())?;
    match next_unsolved(&solved, current) {
        Some(next) => {
            practice::open(state, next);
            state.flash(format!(
                "Skipped exercise {}; now exercise {} of {}",
                current + 1,
                next + 1,
                solved.len()
            ));
            None
        }
        None => {
            state.flash("Every other exercise is solved: nothing to skip to");
            Some(Overlay::Exercises { cursor: current })
        }
    }
}

/// Marks exercise `index` unsolved; when it is the open one, its broken request comes back.
fn reset(state: &mut State, index: usize, current: usize) -> Option<Overlay> {
    let progress = {
        let open = state.practice.as_mut()?;
        open.solved[index] = false;
        open.finished = false;
        open.progress()
    };
    if index == current {
        practice::open(state, index);
    } else {
        state.effects.push(Effect::SaveProgress(progress));
    }
    state.flash(format!("Exercise {} reset", index + 1));
    Some(Overlay::Exercises { cursor: index })
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, cursor: usize) {
    let Some(practice) = &state.practice else {
        return;
    };
    let title = format!(
        " Exercises — {} of {} solved · {} ",
        practice.solved_count(),
        practice.total(),
        summary(KeyMode::Exercises)
    );
    let height = (practice.total() as u16 + 2).min(area.height.saturating_sub(2));
    let inner = popup(frame, area, 76, height, &title);
    let theme = &state.screen.theme;
    let items: Vec<Line> = exercises()
        .iter()
        .enumerate()
        .map(|(index, lesson)| {
            let open = if index == practice.exercise {
                "▸"
            } else {
                " "
            };
            let (mark, style) = if practice.solved[index] {
                ("✓ solved", theme.ok())
            } else {
                ("", theme.dim())
            };
            Line::from(vec![
                Span::raw(format!(
                    "{open}{:>3}  {:>6}  {:<22}",
                    index + 1,
                    lesson.code.number(),
                    teaching::title(lesson.code)
                )),
                Span::styled(mark, style),
            ])
        })
        .collect();
    draw_list(frame, inner, state, items, cursor);
}
