//! Stage 6: the shape of the flow (SPEC §3.6), in its order.

use super::{ActionView, Actions, Context};
use crate::callflow::params::ActionKind;
use crate::callflow::path::JsonPath;
use crate::callflow::status::StatusCode;
use crate::callflow::verdict::Findings;

pub(super) fn check(actions: Actions, context: &Context, findings: &mut Findings) {
    let Some(first) = actions.get(0) else {
        return;
    };
    // The shape needs only each action's kind: read once, not once per rule.
    let kinds: Vec<Option<ActionKind>> = actions.kinds().collect();
    let scenarios: Vec<ActionView> = kinds
        .iter()
        .enumerate()
        .filter(|(_, kind)| **kind == Some(ActionKind::ExecuteScenario))
        .filter_map(|(index, _)| actions.get(index))
        .collect();
    if !scenarios.is_empty() {
        check_scenarios(actions.len(), &scenarios, context, findings);
    } else if first.kind != Some(ActionKind::MakeCall) {
        findings.error(
            StatusCode::FirstNotMakeCall,
            Some(first.path()),
            "start the flow with a makeCall action: nothing can be said before the call exists",
        );
    }
    flag_third_make_call(&kinds, findings);
    flag_misplaced_hangups(&kinds, findings);
}

fn check_scenarios(
    action_count: usize,
    scenarios: &[ActionView],
    context: &Context,
    findings: &mut Findings,
) {
    if action_count > 1 {
        findings.error(
            StatusCode::ScenarioNotAlone,
            Some(scenarios[0].path()),
            format!(
                "executeScenario runs alone: remove the other {} action{}",
                action_count - 1,
                if action_count == 2 { "" } else { "s" }
            ),
        );
    }
    for scenario in scenarios {
        flag_empty_name(scenario, findings);
    }
    for scenario in scenarios {
        flag_unpermitted(scenario, context, findings);
    }
}

/// -1019: `scenarioName` absent, `null` or only white space.
fn flag_empty_name(scenario: &ActionView, findings: &mut Findings) {
    let blank = match scenario.given("scenarioName") {
        None => true,
        Some(name) => name.as_str().is_some_and(|name| name.trim().is_empty()),
    };
    if blank {
        findings.error(
            StatusCode::ScenarioNameEmpty,
            Some(scenario.param_path("scenarioName")),
            "give the name of a scenario configured for the account",
        );
    }
}

/// -1020: the account profile does not list the scenario.
fn flag_unpermitted(scenario: &ActionView, context: &Context, findings: &mut Findings) {
    let Some(name) = scenario
        .given_str("scenarioName")
        .filter(|n| !n.trim().is_empty())
    else {
        return;
    };
    match context.account.permits_scenario(name) {
        Some(true) => {}
        Some(false) => {
            let listed = context.account.scenarios.as_deref().unwrap_or_default();
            let hint = if listed.is_empty() {
                "the account profile lists no scenarios this account may run".to_owned()
            } else {
                format!("use a scenario the account may run: {}", listed.join(", "))
            };
            findings.error(
                StatusCode::ScenarioNotPermitted,
                Some(scenario.param_path("scenarioName")),
                hint,
            );
        }
        None => findings.note(
            "scenario permission not checked: the account profile has no \"scenarios\"",
            "add \"scenarios\" to the account profile (--account) to check -1020",
        ),
    }
}

/// -1010: more than two makeCall actions; the third one is flagged.
fn flag_third_make_call(kinds: &[Option<ActionKind>], findings: &mut Findings) {
    let third = kinds
        .iter()
        .enumerate()
        .filter(|(_, kind)| **kind == Some(ActionKind::MakeCall))
        .nth(2);
    if let Some((third, _)) = third {
        findings.error(
            StatusCode::TooManyActions,
            Some(JsonPath::action(third)),
            "keep at most two makeCall actions: the call and one bridged party",
        );
    }
}

/// -1012: a hangup that is not last, or that comes straight after a sayAndCapture.
fn flag_misplaced_hangups(kinds: &[Option<ActionKind>], findings: &mut Findings) {
    let last = kinds.len().saturating_sub(1);
    let mut previous = None;
    for (position, &kind) in kinds.iter().enumerate() {
        let after_capture = previous == Some(ActionKind::SayAndCapture);
        previous = kind;
        if kind != Some(ActionKind::Hangup) {
            continue;
        }
        let hint = if position != last {
            "hangup ends every call: make it the last action, or remove it"
        } else if after_capture {
            "a hangup right after sayAndCapture throws the digits away: remove it, or say something first"
        } else {
            continue;
        };
        findings.error(
            StatusCode::HangupMisplaced,
            Some(JsonPath::action(position)),
            hint,
        );
    }
}
