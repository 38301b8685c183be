//! Carrying out an effect in the world. Nothing here reads the state: an effect carries
//! what it needs, and its outcome is an action for `update`.

use super::action::{Action, Effect, SaveGuard, SaveOutcome};
use super::input::Reporter;
use super::world::World;
use crate::io::document_file::{SaveError, SavePermission};
use std::path::Path;

/// What carrying out one effect led to.
#[derive(Debug, PartialEq)]
pub enum Performed {
    /// Its outcome, for `update`.
    Report(Action),
    /// Done; nothing to report.
    Done,
    /// The program ends here.
    Quit,
    /// The terminal was away: the next frame must be drawn whole.
    Redraw,
}

/// Carries out `effect`; work that takes long starts here and reports through `reporter`.
pub fn perform(effect: Effect, world: &mut impl World, reporter: &Reporter) -> Performed {
    match effect {
        Effect::Save {
            path,
            text,
            guard,
            adopt_path,
            note,
        } => Performed::Report(save(world, path, &text, &guard, adopt_path, note)),
        Effect::Copy { text, what } => Performed::Report(Action::Copied(
            world.copy(&text).map(|route| route.message(what)),
        )),
        Effect::ClearDraft { file } => {
            world.clear_draft(file.as_deref());
            Performed::Done
        }
        Effect::DiscardDraft { draft } => {
            world.discard_draft(&draft);
            Performed::Done
        }
        Effect::AdoptDraft { draft, file, text } => {
            let written = world.write_draft(file.as_deref(), &text);
            // Until the text is safe in this instance's draft, the old one stays.
            if written.is_ok() {
                world.discard_draft(&draft);
            }
            Performed::Report(Action::DraftWritten(written))
        }
        Effect::SaveProgress(progress) => {
            // Progress that cannot be written is not worth interrupting the practice for.
            let _ = world.save_progress(&progress);
            Performed::Done
        }
        Effect::Send(request) => {
            world.send_callflow(request, reporter.clone());
            Performed::Done
        }
        Effect::ReadResponder { path } => {
            let text = world.read_text(&path);
            Performed::Report(Action::ResponderRead { path, text })
        }
        Effect::Quit => Performed::Quit,
        Effect::Suspend { mouse } => {
            world.suspend(mouse);
            Performed::Redraw
        }
    }
}

fn save(
    world: &mut impl World,
    path: std::path::PathBuf,
    text: &str,
    guard: &SaveGuard,
    adopt_path: bool,
    note: Option<String>,
) -> Action {
    if let Some(reason) = conflict(world, &path, guard) {
        return Action::SaveConflict {
            path,
            reason,
            adopt_path,
        };
    }
    let permission = SavePermission {
        overwrite_read_only: *guard == SaveGuard::ReadOnlyAgreed,
    };
    match world.save_with(&path, text, permission) {
        Ok(saved) => {
            let remarks = note
                .into_iter()
                .chain(kept_links(saved.kept_links))
                .collect();
            Action::Saved(Ok(SaveOutcome {
                path,
                adopt_path,
                stamp: Some(saved.stamp),
                remarks,
            }))
        }
        Err(SaveError::ReadOnly) => Action::SaveReadOnly { path, adopt_path },
        Err(SaveError::Failed(reason)) => Action::Saved(Err(reason)),
    }
}

/// A file with several names was written in place so that every name shows the save.
fn kept_links(links: Option<u64>) -> Option<String> {
    links.map(|links| format!("kept its {links} links"))
}

/// Why the save needs the user's word first, if it does.
fn conflict(world: &mut impl World, path: &Path, guard: &SaveGuard) -> Option<String> {
    match guard {
        SaveGuard::Unchanged(stamp) => world
            .changed_on_disk(path, stamp.as_ref())
            .then(|| "changed on disk since it was opened".to_owned()),
        SaveGuard::Absent => world.exists(path).then(|| "exists already".to_owned()),
        SaveGuard::Overwrite | SaveGuard::ReadOnlyAgreed => None,
    }
}
