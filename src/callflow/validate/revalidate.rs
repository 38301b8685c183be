//! Checking again after an edit: the builder's verdict after every keystroke.
//!
//! Most of a check's time goes on the actions one by one, and what an action finds alone
//! (its name, its schema, its 32-bit integers, its own rules) depends only on the action,
//! its index and the account. So each action's findings are remembered with a copy of
//! the action, and an action that did not change gives them back instead of being checked
//! again. The flow-wide parts (the body's keys, `validUntil`, the flow's shape) are cheap
//! and always run. The findings are replayed through the same collector, in the same
//! order, as a full check: the verdict is the same to the last finding.

use super::{ActionStage, ActionView, Actions, Context, check, check_with};
use crate::callflow::account::AccountProfile;
use crate::callflow::json::Json;
use crate::callflow::verdict::{Finding, Findings, Listing, MAX_LISTED_FINDINGS, Verdict};

/// Remembered findings beyond this many (over all actions) are not kept: the actions
/// past it are checked afresh each time, so that a flow with a mistake in every one of
/// thousands of actions costs no more memory than the findings a verdict can list.
const REMEMBERED_FINDINGS: usize = 4 * MAX_LISTED_FINDINGS;

/// A flow of more actions than this is checked whole each time, remembering nothing: a
/// copy of millions of items (a hostile file opened in the builder) would cost more
/// memory than the time it saves is worth.
const REMEMBERED_ACTIONS: usize = 20_000;

/// A validator that remembers what each action found, for the next check.
#[derive(Default)]
pub struct Revalidator {
    /// The account the remembered findings were found with.
    account: Option<AccountProfile>,
    actions: Vec<Remembered>,
    /// How many findings `actions` holds, against [`REMEMBERED_FINDINGS`].
    remembered: usize,
}

/// One action as last checked, and what it found at each of its stages (`None` when the
/// findings were too many to keep: it is then checked again each time).
struct Remembered {
    item: Json,
    found: Option<[Found; 4]>,
}

/// What one stage found for one action: the findings it listed and how many it counted.
struct Found {
    listed: Vec<Finding>,
    unlisted: usize,
}

impl Revalidator {
    /// Checks `document` as [`super::validate`] does, checking again only the actions
    /// that differ from the last call's.
    pub fn validate(&mut self, document: &Json, context: &Context) -> Verdict {
        self.check(document, context, None)
    }

    /// The same, for the caller who knows that only action `edited` can differ from the
    /// last call's document (a keystroke in that action's form): the others are not even
    /// compared. When the flow's length or the account changed, every action is compared.
    pub fn validate_after_edit(
        &mut self,
        document: &Json,
        context: &Context,
        edited: usize,
    ) -> Verdict {
        self.check(document, context, Some(edited))
    }

    fn check(&mut self, document: &Json, context: &Context, edited: Option<usize>) -> Verdict {
        let actions = document.as_object().map(Actions::of);
        let Some(actions) = actions.filter(|actions| actions.len() <= REMEMBERED_ACTIONS) else {
            self.forget();
            let mut findings = Findings::new(Listing::Capped);
            check(document, context, &mut findings);
            return findings.into_verdict();
        };
        let trusted =
            self.account.as_ref() == Some(&context.account) && self.actions.len() == actions.len();
        if !trusted {
            self.forget();
            self.account = Some(context.account.clone());
        }
        self.remember(actions, context, edited.filter(|_| trusted));
        let mut findings = Findings::new(Listing::Capped);
        check_with(
            document,
            context,
            &mut findings,
            &mut |stage, actions, findings| self.replay(stage, actions, context, findings),
        );
        findings.into_verdict()
    }

    fn forget(&mut self) {
        self.account = None;
        self.actions.clear();
        self.remembered = 0;
    }

    /// Brings the remembered actions up to date: only `edited` when the caller vouches
    /// for the rest, else every action that is new or differs.
    fn remember(&mut self, actions: Actions, context: &Context, edited: Option<usize>) {
        self.actions.truncate(actions.len());
        match edited {
            Some(index) => {
                if let Some(action) = actions.get(index) {
                    self.refresh(action, context);
                }
            }
            None => {
                for action in actions.iter() {
                    let same = self
                        .actions
                        .get(action.index)
                        .is_some_and(|remembered| remembered.item == *action.item);
                    if !same {
                        self.refresh(action, context);
                    }
                }
            }
        }
    }

    /// Checks one action alone and remembers what it found, within the budget.
    fn refresh(&mut self, action: ActionView, context: &Context) {
        if let Some(old) = self.actions.get(action.index) {
            self.remembered -= old.found.as_ref().map_or(0, count);
        }
        let found = ActionStage::ALL.map(|stage| {
            let mut findings = Findings::new(Listing::Capped);
            stage.check(&action, context, &mut findings);
            let (listed, unlisted) = findings.into_found();
            Found { listed, unlisted }
        });
        let size = count(&found);
        let found = (self.remembered + size <= REMEMBERED_FINDINGS).then_some(found);
        self.remembered += found.as_ref().map_or(0, count);
        let remembered = Remembered {
            item: action.item.clone(),
            found,
        };
        match self.actions.get_mut(action.index) {
            Some(slot) => *slot = remembered,
            None => self.actions.push(remembered),
        }
    }

    /// One stage for every action: what each found last time, found again in place.
    fn replay(
        &self,
        stage: ActionStage,
        actions: Actions,
        context: &Context,
        findings: &mut Findings,
    ) {
        let position = ActionStage::ALL
            .iter()
            .position(|&s| s == stage)
            .unwrap_or_default();
        for (index, remembered) in self.actions.iter().enumerate() {
            match &remembered.found {
                Some(found) => {
                    let found = &found[position];
                    for finding in &found.listed {
                        findings.replay(finding);
                    }
                    findings.count_unlisted(found.unlisted);
                }
                None => {
                    if let Some(action) = actions.get(index) {
                        stage.check(&action, context, findings);
                    }
                }
            }
        }
    }
}

fn count(found: &[Found; 4]) -> usize {
    found.iter().map(|found| found.listed.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::datetime::Instant;
    use crate::callflow::sample::large_request;
    use crate::callflow::validate::validate;

    fn context() -> Context {
        Context::new(AccountProfile::default(), Instant::from_unix_seconds(0))
    }

    fn set_param(document: &mut Json, index: usize, name: &str, value: Json) {
        let action = &mut document
            .as_object_mut()
            .unwrap()
            .get_mut("callflow")
            .unwrap()
            .as_array_mut()
            .unwrap()[index];
        let params = action
            .as_object_mut()
            .unwrap()
            .get_mut("params")
            .unwrap()
            .as_object_mut()
            .unwrap();
        params.insert(name.to_owned(), value);
    }

    #[test]
    fn an_edit_is_seen_with_or_without_the_hint() {
        let context = context();
        let mut document = large_request(30);
        let mut revalidator = Revalidator::default();
        assert_eq!(
            revalidator.validate(&document, &context),
            validate(&document, &context)
        );
        set_param(&mut document, 1, "speed", Json::integer(9));
        let after_hint = revalidator.validate_after_edit(&document, &context, 1);
        assert_eq!(after_hint, validate(&document, &context));
        assert!(!after_hint.is_created(), "the edit is an error");
        set_param(&mut document, 1, "speed", Json::integer(1));
        assert_eq!(
            revalidator.validate(&document, &context),
            validate(&document, &context)
        );
    }

    #[test]
    fn a_new_account_checks_every_action_again() {
        let mut document = large_request(5);
        set_param(&mut document, 1, "voiceProfile", Json::string("en-GB-Emma"));
        let mut revalidator = Revalidator::default();
        revalidator.validate(&document, &context());
        let strict = Context::new(
            AccountProfile {
                allowed_sources: Some(Vec::new()),
                ..AccountProfile::default()
            },
            Instant::from_unix_seconds(0),
        );
        let verdict = revalidator.validate_after_edit(&document, &strict, 1);
        assert_eq!(verdict, validate(&document, &strict));
        assert_eq!(verdict.response.code.number(), -1014);
    }

    #[test]
    fn a_flow_too_long_to_copy_is_checked_whole_and_nothing_is_remembered() {
        let context = context();
        let document = large_request(REMEMBERED_ACTIONS + 1);
        let mut revalidator = Revalidator::default();
        assert_eq!(
            revalidator.validate(&document, &context),
            validate(&document, &context)
        );
        assert!(revalidator.actions.is_empty());
    }

    #[test]
    fn findings_past_the_budget_are_found_afresh_not_kept() {
        let context = context();
        let items: Vec<Json> = (0..3 * REMEMBERED_FINDINGS)
            .map(|_| Json::integer(0))
            .collect();
        let document = Json::object([("callflow", Json::Array(items))]);
        let mut revalidator = Revalidator::default();
        let verdict = revalidator.validate(&document, &context);
        assert!(revalidator.remembered <= REMEMBERED_FINDINGS);
        assert!(revalidator.actions.iter().any(|a| a.found.is_none()));
        assert_eq!(verdict, validate(&document, &context));
        assert_eq!(revalidator.validate(&document, &context), verdict);
    }
}
