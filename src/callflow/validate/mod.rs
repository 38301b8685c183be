//! The validator: the API's answer for a request, decided in SPEC §3's seven stages.
//!
//! Every stage runs, whatever the earlier ones found, so that the findings teach
//! everything at once; the first error found is the response.

mod actions;
mod flow;
mod revalidate;
mod schema;

pub use revalidate::Revalidator;

use super::account::AccountProfile;
use super::datetime::{Instant, parse_rfc3339};
use super::json::{Json, Object};
use super::parse::{Parsed, parse_bytes_for_check};
use super::path::JsonPath;
use super::profiles::{VoiceList, VoiceProfile, built_in};
use super::status::StatusCode;
use super::verdict::{Finding, Findings, Listing, Severity, Verdict};

/// What a check needs besides the request: the account and the current instant.
#[derive(Clone, Debug)]
pub struct Context {
    pub account: AccountProfile,
    pub now: Instant,
}

impl Context {
    pub fn new(account: AccountProfile, now: Instant) -> Context {
        Context { account, now }
    }

    /// The voices `voiceProfile` is checked against: the account's, else the built-in list.
    pub fn voices(&self) -> &[VoiceProfile] {
        self.account
            .speech_profiles
            .as_deref()
            .unwrap_or(built_in())
    }

    /// Where voice names are looked up (SPEC §5).
    pub fn voice_list(&self) -> VoiceList<'_> {
        match self.account.speech_profiles.as_deref() {
            Some(voices) => VoiceList::Account(voices),
            None => VoiceList::BuiltIn,
        }
    }

    pub fn uses_built_in_voices(&self) -> bool {
        self.account.speech_profiles.is_none()
    }
}

/// Checks a body as it arrives: bytes that may not even be UTF-8. Lists findings up to
/// SPEC §8's cap.
pub fn validate_bytes(body: &[u8], context: &Context) -> Verdict {
    validate_bytes_listing(body, context, Listing::Capped)
}

/// Checks a body as it arrives, listing as much as `listing` asks: plain `validate` needs
/// only the response, and a body with millions of mistakes then costs no more than
/// reading it.
pub fn validate_bytes_listing(body: &[u8], context: &Context, listing: Listing) -> Verdict {
    let mut findings = Findings::new(listing);
    match parse_bytes_for_check(body) {
        Ok(parsed) => check_parsed(&parsed, context, &mut findings),
        Err(error) => findings.error(
            StatusCode::InvalidJson,
            None,
            format!("{error}; fix the JSON syntax there"),
        ),
    }
    findings.into_verdict()
}

/// Checks a body given as text.
pub fn validate_text(body: &str, context: &Context) -> Verdict {
    validate_bytes(body.as_bytes(), context)
}

/// Checks a document already in memory (the builder's), whose keys are unique.
pub fn validate(document: &Json, context: &Context) -> Verdict {
    let mut findings = Findings::default();
    check(document, context, &mut findings);
    findings.into_verdict()
}

/// Checks a body already parsed by [`super::parse::parse_bytes`], repeated keys included.
pub fn validate_parsed(parsed: &Parsed, context: &Context) -> Verdict {
    let mut findings = Findings::new(Listing::Capped);
    check_parsed(parsed, context, &mut findings);
    findings.into_verdict()
}

fn check_parsed(parsed: &Parsed, context: &Context, findings: &mut Findings) {
    check(&parsed.value, context, findings);
    warn_repeated(&parsed.repeated_keys, findings);
    findings.count_unlisted(parsed.unlisted_repeated_keys);
}

/// Checks the builder's document and, as `validate --all` does for the file, warns of the
/// keys the file gave twice (the document holds each once) until a save writes them once.
pub fn validate_with_repeated(
    document: &Json,
    repeated: &[super::repeated::RepeatedKey],
    context: &Context,
) -> Verdict {
    let mut findings = Findings::default();
    check(document, context, &mut findings);
    let paths: Vec<JsonPath> = repeated.iter().map(|key| key.path.clone()).collect();
    warn_repeated(&paths, &mut findings);
    findings.into_verdict()
}

fn warn_repeated(paths: &[JsonPath], findings: &mut Findings) {
    for path in paths {
        findings.warning(
            Some(path.clone()),
            "key given twice; the API uses the last value",
            "remove the earlier one so the request says what it means",
        );
    }
}

fn check(document: &Json, context: &Context, findings: &mut Findings) {
    check_with(
        document,
        context,
        findings,
        &mut |stage, actions, findings| {
            for action in actions.iter() {
                stage.check(&action, context, findings);
            }
        },
    );
}

/// The seven stages in SPEC §3's order. What each action finds alone comes from
/// `each_action`, so that a caller who remembers it (the builder's [`Revalidator`]) can
/// give it back instead of checking again; the flow-wide parts always run.
fn check_with(
    document: &Json,
    context: &Context,
    findings: &mut Findings,
    each_action: &mut dyn FnMut(ActionStage, Actions, &mut Findings),
) {
    let Some(root) = document.as_object() else {
        findings.error(
            StatusCode::InvalidJson,
            None,
            format!(
                "the body is {} {}, not an object; wrap it as {{\"callflow\": [...]}}",
                article(document.type_name()),
                document.type_name()
            ),
        );
        return;
    };
    let actions = Actions::of(root);
    each_action(ActionStage::Name, actions, findings);
    schema::check_top_level(root, findings);
    each_action(ActionStage::Schema, actions, findings);
    schema::warn_unknown_top_level_keys(root, findings);
    each_action(ActionStage::WideIntegers, actions, findings);
    flag_expired(root, context, findings);
    flow::check(actions, context, findings);
    actions::note_built_in_voices(actions, context, findings);
    each_action(ActionStage::OwnRules, actions, findings);
}

/// The parts of the stages that look at one action alone (SPEC §3.2, §3.3's items, §3.4,
/// §3.7): what they find depends on the action, its index and the account, nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ActionStage {
    Name,
    Schema,
    WideIntegers,
    OwnRules,
}

impl ActionStage {
    pub const ALL: [ActionStage; 4] = [
        ActionStage::Name,
        ActionStage::Schema,
        ActionStage::WideIntegers,
        ActionStage::OwnRules,
    ];

    fn check(self, action: &ActionView, context: &Context, findings: &mut Findings) {
        match self {
            ActionStage::Name => flag_unknown_action_name(action, findings),
            ActionStage::Schema => schema::check_action(action, findings),
            ActionStage::WideIntegers => flag_integers_beyond_32_bits(action, findings),
            ActionStage::OwnRules => actions::check_action(action, context, findings),
        }
    }
}

fn article(type_name: &str) -> &'static str {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The items of `callflow`, seen as actions. A body may hold millions of items, so each
/// view is made when a stage reaches it, never all at once.
#[derive(Clone, Copy)]
pub(crate) struct Actions<'a> {
    items: &'a [Json],
}

impl<'a> Actions<'a> {
    fn of(root: &'a Object) -> Actions<'a> {
        let items = root.get("callflow").and_then(Json::as_array);
        Actions {
            items: items.map_or(&[], Vec::as_slice),
        }
    }

    pub fn len(self) -> usize {
        self.items.len()
    }

    pub fn get(self, index: usize) -> Option<ActionView<'a>> {
        self.items
            .get(index)
            .map(|item| ActionView::of(index, item))
    }

    /// Each item's action, when it names one the API knows: all the flow's shape reads.
    pub fn kinds(self) -> impl Iterator<Item = Option<super::params::ActionKind>> {
        self.items.iter().map(|item| {
            item.as_object()
                .and_then(|object| object.get("action"))
                .and_then(Json::as_str)
                .and_then(super::params::ActionKind::from_name)
        })
    }

    pub fn iter(self) -> impl Iterator<Item = ActionView<'a>> {
        self.items
            .iter()
            .enumerate()
            .map(|(index, item)| ActionView::of(index, item))
    }
}

/// One item of `callflow`, read as far as it can be.
pub(crate) struct ActionView<'a> {
    pub index: usize,
    pub item: &'a Json,
    /// The `action` string, when the item is an object that has one.
    pub name: Option<&'a str>,
    /// The action, when the name is one the API knows.
    pub kind: Option<super::params::ActionKind>,
    /// `params`, when it is an object.
    pub params: Option<&'a Object>,
}

impl<'a> ActionView<'a> {
    fn of(index: usize, item: &'a Json) -> ActionView<'a> {
        let object = item.as_object();
        let name = object.and_then(|o| o.get("action")).and_then(Json::as_str);
        ActionView {
            index,
            item,
            name,
            kind: name.and_then(super::params::ActionKind::from_name),
            params: object
                .and_then(|o| o.get("params"))
                .and_then(Json::as_object),
        }
    }

    pub fn path(&self) -> JsonPath {
        JsonPath::action(self.index)
    }

    pub fn param_path(&self, name: &str) -> JsonPath {
        JsonPath::param(self.index, name)
    }

    /// A parameter unless absent or `null`.
    pub fn given(&self, name: &str) -> Option<&'a Json> {
        self.params.and_then(|params| params.given(name))
    }

    pub fn given_str(&self, name: &str) -> Option<&'a str> {
        self.given(name).and_then(Json::as_str)
    }

    pub fn given_f64(&self, name: &str) -> Option<f64> {
        self.given(name).and_then(Json::as_f64)
    }
}

/// Stage 2, -1007: an object whose `action` is a string the API does not know.
fn flag_unknown_action_name(action: &ActionView, findings: &mut Findings) {
    if let (Some(name), None) = (action.name, action.kind) {
        findings.add(Severity::Error, || {
            Finding::error(
                StatusCode::InvalidActionType,
                Some(action.path().key("action")),
                unknown_action_hint(name),
            )
        });
    }
}

fn unknown_action_hint(name: &str) -> String {
    let simplified: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let near = super::params::ActionKind::ALL
        .into_iter()
        .find(|kind| kind.name().to_ascii_lowercase() == simplified);
    match near {
        Some(kind) => format!(
            "\"{name}\" is not an action name: write \"{}\" (names are case-sensitive)",
            kind.name()
        ),
        None => format!(
            "\"{name}\" is not an action name: use {}",
            super::params::ActionKind::accepted_names()
        ),
    }
}

/// Stage 4, -9999: an integer parameter within its schema range but beyond 32 bits.
fn flag_integers_beyond_32_bits(action: &ActionView, findings: &mut Findings) {
    let Some(kind) = action.kind else { return };
    for spec in kind.params() {
        let Some(Json::Number(number)) = action.given(spec.name) else {
            continue;
        };
        let passes_schema = spec.kind == super::params::ParamType::Integer
            && number.is_integer()
            && schema::constraint_violation(spec, action.given(spec.name).unwrap_or(&Json::Null))
                .is_none();
        if passes_schema && number.as_i32().is_none() {
            findings.error(
                StatusCode::Unknown,
                Some(action.param_path(spec.name)),
                "the API keeps integers in 32 bits: use a value from -2147483648 to 2147483647",
            );
        }
    }
}

/// Stage 5, -1015: `validUntil` is not later than now.
fn flag_expired(root: &Object, context: &Context, findings: &mut Findings) {
    let Some(valid_until) = root.given("validUntil").and_then(Json::as_str) else {
        return;
    };
    let Some(instant) = parse_rfc3339(valid_until) else {
        return;
    };
    if instant > context.now {
        // Nothing to say yet, but the verdict changes when the clock gets there.
        return findings.changes_at(instant);
    }
    findings.changes_at(context.now);
    findings.error(
        StatusCode::Expired,
        Some(JsonPath::root().key("validUntil")),
        format!(
            "it is now {}: set validUntil later than that, or remove it",
            context.now.to_rfc3339()
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::params::ActionKind;

    #[test]
    fn the_unknown_action_hint_names_every_accepted_action() {
        let hint = unknown_action_hint("dial");
        for kind in ActionKind::ALL {
            assert!(hint.contains(kind.name()), "{hint}");
        }
        assert!(hint.contains("executeScenario"));
        assert_eq!(
            unknown_action_hint("MakeCall"),
            "\"MakeCall\" is not an action name: write \"makeCall\" (names are case-sensitive)"
        );
    }
}
