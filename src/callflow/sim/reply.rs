//! Checking a VCA reply's callflow body (SIM.md §3.6): the request's validator, with the
//! exceptions a reply gets. A reply continues a call that exists, so it may start with any
//! action; it has no validity period to expire; its `clientActionId` is expected; it cannot
//! run a scenario; and its `makeCall`s join the legs the session already has.

use crate::callflow::json::{Json, Object};
use crate::callflow::params::ActionKind;
use crate::callflow::path::JsonPath;
use crate::callflow::status::StatusCode;
use crate::callflow::validate::{Context, validate};
use crate::callflow::verdict::{Finding, Severity, Verdict};

/// A session never has more than two legs: callA and the bridged callB.
const MOST_LEGS: usize = 2;

/// The reply's verdict, given how many legs the session has dialled already.
pub fn check_reply(body: &Json, context: &Context, legs_so_far: usize) -> Verdict {
    let checked = without_reply_only_keys(body);
    let verdict = validate(&checked, context);
    let mut findings: Vec<Finding> = verdict
        .findings
        .into_iter()
        .filter(|finding| !is_waived(finding))
        .collect();
    let actions = actions_of(&checked);
    findings.extend(refused_scenarios(&actions));
    findings.extend(leg_beyond_two(&actions, legs_so_far));
    findings.sort_by_key(|finding| (finding.severity, finding.code.map_or(0, stage_of)));
    Verdict::from_findings(findings)
}

/// The body without `validUntil` (not checked at all in a reply, SIM §8.7) and without the
/// top-level `clientActionId` (expected in a reply, not an unknown key).
fn without_reply_only_keys(body: &Json) -> Json {
    let mut checked = body.clone();
    if let Some(root) = checked.as_object_mut() {
        root.remove("validUntil");
        root.remove("clientActionId");
    }
    checked
}

/// A reply may start with any action, and expiry does not apply to it.
fn is_waived(finding: &Finding) -> bool {
    matches!(
        finding.code,
        Some(StatusCode::FirstNotMakeCall | StatusCode::Expired)
    )
}

fn actions_of(body: &Json) -> Vec<(usize, Option<ActionKind>)> {
    body.as_object()
        .and_then(|root: &Object| root.get("callflow"))
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let name = item
                        .as_object()
                        .and_then(|o| o.get("action"))
                        .and_then(Json::as_str);
                    (index, name.and_then(ActionKind::from_name))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `executeScenario` is not a documented reply action: -1007, whose accepted list omits it.
fn refused_scenarios(actions: &[(usize, Option<ActionKind>)]) -> Vec<Finding> {
    actions
        .iter()
        .filter(|(_, kind)| *kind == Some(ActionKind::ExecuteScenario))
        .map(|(index, _)| {
            error(
                StatusCode::InvalidActionType,
                JsonPath::action(*index).key("action"),
                "a reply cannot run a scenario: use makeCall, say, sayAndCapture, playFile or hangup",
            )
        })
        .collect()
}

/// -1010 for the first `makeCall` that would make a third leg.
fn leg_beyond_two(actions: &[(usize, Option<ActionKind>)], legs_so_far: usize) -> Option<Finding> {
    let allowed_here = MOST_LEGS.saturating_sub(legs_so_far);
    let (index, _) = actions
        .iter()
        .filter(|(_, kind)| *kind == Some(ActionKind::MakeCall))
        .nth(allowed_here)?;
    let hint = format!(
        "the session has {legs_so_far} leg{} already and a call has at most two: remove this makeCall",
        if legs_so_far == 1 { "" } else { "s" }
    );
    Some(error(
        StatusCode::TooManyActions,
        JsonPath::action(*index),
        &hint,
    ))
}

fn error(code: StatusCode, path: JsonPath, hint: &str) -> Finding {
    Finding {
        severity: Severity::Error,
        code: Some(code),
        path: Some(path),
        message: code.message().to_owned(),
        hint: hint.to_owned(),
    }
}

/// The stage (SPEC §3) that decides a code, so that added errors take their place among the
/// validator's; within stage 6, the order of its rules. Stage 7 keeps array order.
fn stage_of(code: StatusCode) -> u32 {
    match code {
        StatusCode::InvalidJson => 10,
        StatusCode::InvalidActionType => 20,
        StatusCode::InvalidEntry => 30,
        StatusCode::Unknown => 40,
        StatusCode::Expired => 50,
        StatusCode::ScenarioNotAlone => 61,
        StatusCode::ScenarioNameEmpty => 62,
        StatusCode::ScenarioNotPermitted => 63,
        StatusCode::FirstNotMakeCall => 64,
        StatusCode::TooManyActions => 65,
        StatusCode::HangupMisplaced => 66,
        _ => 70,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::account::AccountProfile;
    use crate::callflow::datetime::Instant;
    use crate::callflow::parse::parse;

    fn check(text: &str, legs: usize) -> Verdict {
        let body = parse(text).unwrap().value;
        let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
        check_reply(&body, &context, legs)
    }

    const SAY: &str =
        r#"{"action": "say", "params": {"text": "Hi", "voiceProfile": "en-US-BenjaminRUS"}}"#;
    const CALL: &str = r#"{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6531589338"}}"#;

    #[test]
    fn a_reply_may_start_with_any_action_and_carry_client_action_id() {
        let verdict = check(
            &format!(r#"{{"clientActionId": "menu", "validUntil": "bad", "callflow": [{SAY}]}}"#),
            1,
        );
        assert!(verdict.is_created(), "{verdict:?}");
        assert!(
            verdict
                .findings
                .iter()
                .all(|f| f.severity != Severity::Warning)
        );
    }

    #[test]
    fn a_reply_cannot_run_a_scenario() {
        let verdict = check(
            r#"{"callflow": [{"action": "executeScenario", "params": {"scenarioName": "x"}}]}"#,
            1,
        );
        assert_eq!(verdict.response.code, StatusCode::InvalidActionType);
    }

    #[test]
    fn make_calls_count_with_the_legs_already_dialled() {
        assert!(check(&format!(r#"{{"callflow": [{CALL}]}}"#), 1).is_created());
        let third = check(&format!(r#"{{"callflow": [{SAY}, {CALL}]}}"#), 2);
        assert_eq!(third.response.code, StatusCode::TooManyActions);
        let two_more = check(&format!(r#"{{"callflow": [{CALL}, {CALL}]}}"#), 1);
        assert_eq!(two_more.response.code, StatusCode::TooManyActions);
        assert_eq!(
            two_more.deciding().unwrap().path.as_ref().unwrap().as_str(),
            "$.callflow[1]"
        );
    }

    #[test]
    fn the_usual_rules_still_hold() {
        let verdict = check(r#"{"callflow": [{"action": "say", "params": {}}]}"#, 1);
        assert_eq!(verdict.response.code, StatusCode::InvalidEntry);
        assert!(!check(r#"{"callflow": []}"#, 1).is_created());
    }
}
