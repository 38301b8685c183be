//! Stage 7: each action's own rules (SPEC §3.7), in array order and, within an action,
//! in the order the API checks them.

use super::{ActionView, Actions, Context};
use crate::callflow::characters::{describe, first_forbidden};
use crate::callflow::msisdn::{holds_several_msisdns, is_msisdn};
use crate::callflow::params::ActionKind;
use crate::callflow::profiles::{VoiceKnowledge, VoiceList, shape_problem, voice_knowledge};
use crate::callflow::status::StatusCode;
use crate::callflow::verdict::Findings;

/// `maxDigits` may not exceed this when `completeOnHash` is false.
const MAX_DIGITS_WITHOUT_HASH: f64 = 25.0;

const MSISDN_HINT: &str =
    "write one number: an optional +, then 7 to 15 digits, the first not 0, nothing else";

/// The stage's one flow-wide finding: said once, before any action's own.
pub(super) fn note_built_in_voices(actions: Actions, context: &Context, findings: &mut Findings) {
    let speaks =
        |a: &ActionView| matches!(a.kind, Some(ActionKind::Say | ActionKind::SayAndCapture));
    if context.uses_built_in_voices() && actions.iter().any(|a| speaks(&a)) {
        findings.note(
            "voice profiles checked against the built-in list, which is incomplete",
            "give the account's speechProfiles in the account profile (--account) to check against the real list",
        );
    }
}

/// One action's own rules: what it finds depends on that action and the account alone.
pub(super) fn check_action(action: &ActionView, context: &Context, findings: &mut Findings) {
    match action.kind {
        Some(ActionKind::MakeCall) => check_make_call(action, context, findings),
        Some(ActionKind::Say) => {
            flag_forbidden_characters(action, "text", findings);
            check_voice(action, context, findings);
        }
        Some(ActionKind::SayAndCapture) => check_say_and_capture(action, context, findings),
        Some(ActionKind::PlayFile) => warn_unusual_audio_file(action, findings),
        _ => {}
    }
}

fn check_make_call(action: &ActionView, context: &Context, findings: &mut Findings) {
    if let Some(destination) = action.given_str("destination") {
        let path = Some(action.param_path("destination"));
        if holds_several_msisdns(destination) {
            findings.error(
                StatusCode::MultipleDestinations,
                path,
                "call one number per makeCall; a second makeCall bridges another party",
            );
        } else if !is_msisdn(destination) {
            findings.error(StatusCode::InvalidDestination, path, MSISDN_HINT);
        }
    }
    let Some(source) = action.given_str("source") else {
        return;
    };
    let path = Some(action.param_path("source"));
    if !is_msisdn(source) {
        return findings.error(StatusCode::SourceNotAllowed, path, MSISDN_HINT);
    }
    match context.account.allows_source(source) {
        Some(true) => {}
        Some(false) => {
            let allowed = context
                .account
                .allowed_sources
                .as_deref()
                .unwrap_or_default();
            let hint = if allowed.is_empty() {
                "the account profile allows no caller IDs at all".to_owned()
            } else {
                format!("use a caller ID the account allows: {}", allowed.join(", "))
            };
            findings.error(StatusCode::SourceNotAllowed, path, hint);
        }
        None => findings.note(
            "caller ID permission not checked: the account profile has no \"allowedSources\"",
            "add \"allowedSources\" to the account profile (--account) to check -1014 fully",
        ),
    }
}

fn check_say_and_capture(action: &ActionView, context: &Context, findings: &mut Findings) {
    for field in ["promptMessage", "successMessage", "failureMessage"] {
        flag_forbidden_characters(action, field, findings);
    }
    check_voice(action, context, findings);
    check_digits(action, findings);
    check_timeouts(action, findings);
    check_dtmf_callback(action, context, findings);
}

/// -1016: a forbidden character in spoken text.
fn flag_forbidden_characters(action: &ActionView, field: &str, findings: &mut Findings) {
    let Some(text) = action.given_str(field) else {
        return;
    };
    if let Some(forbidden) = first_forbidden(text) {
        let position = text.chars().take_while(|&c| c != forbidden).count() + 1;
        findings.error(
            StatusCode::ForbiddenCharacters,
            Some(action.param_path(field)),
            format!(
                "remove {} (character {position}): no control characters, < or > in spoken text",
                describe(forbidden)
            ),
        );
    }
}

/// -1002: the voice must be known, or (without the account's list) shaped like a voice
/// name; and `language` must fit it.
fn check_voice(action: &ActionView, context: &Context, findings: &mut Findings) {
    let Some(code) = action.given_str("voiceProfile") else {
        return;
    };
    let list = context.voice_list();
    let voice = voice_knowledge(code, list);
    let voice_path = || Some(action.param_path("voiceProfile"));
    match &voice {
        VoiceKnowledge::Known(_) => {}
        VoiceKnowledge::Shaped { .. } => findings.warning(
            voice_path(),
            format!(
                "\"{code}\" could not be confirmed: it is shaped like a voice name, but not in \
                 the built-in list, which holds only part of each account's voices"
            ),
            unconfirmed_voice_hint(code, list),
        ),
        VoiceKnowledge::Unknown => {
            return findings.error(
                StatusCode::SpeechProfile,
                voice_path(),
                unknown_voice_hint(code, list),
            );
        }
    }
    let Some(language) = action.given_str("language") else {
        return;
    };
    if !voice.accepts_language(language) {
        findings.error(
            StatusCode::SpeechProfile,
            Some(action.param_path("language")),
            language_hint(code, &voice.locales()),
        );
    }
}

fn unconfirmed_voice_hint(code: &str, list: VoiceList) -> String {
    let load = "load the account's voices: copy the answer of GET …/speech-profiles into \
                \"speechProfiles\" of the account profile (--account)";
    // A known voice written in other capitals is more likely a slip than another voice.
    let near = list
        .voices()
        .iter()
        .find(|voice| voice.code.eq_ignore_ascii_case(code));
    match near {
        Some(near) => format!(
            "did you mean {}? Names are case-sensitive; or {load}",
            near.code
        ),
        None => load.to_owned(),
    }
}

fn unknown_voice_hint(code: &str, list: VoiceList) -> String {
    let near = list
        .voices()
        .iter()
        .find(|voice| voice.code.eq_ignore_ascii_case(code));
    match (near, list) {
        (Some(near), _) => format!("voice names are case-sensitive: write {}", near.code),
        (None, VoiceList::Account(_)) => format!(
            "\"{code}\" is not in the account's speechProfiles: pick one of the account's voices"
        ),
        (None, VoiceList::BuiltIn) => format!(
            "\"{code}\" is not a known voice, nor shaped like one (language-REGION-Name, as \
             fr-FR-DeniseNeural): {}",
            shape_problem(code).unwrap_or_default()
        ),
    }
}

fn language_hint(code: &str, locales: &[&str]) -> String {
    let fits: Vec<String> = locales
        .iter()
        .flat_map(|locale| {
            let part = locale.split('-').next().unwrap_or_default();
            [locale.to_string(), part.to_owned()]
        })
        .fold(Vec::new(), |mut fits, fit| {
            if !fits.contains(&fit) {
                fits.push(fit);
            }
            fits
        });
    let (last, others) = fits
        .split_last()
        .map_or(("", &[][..]), |(l, o)| (l.as_str(), o));
    let choices = if others.is_empty() {
        last.to_owned()
    } else {
        format!("{} or {last}", others.join(", "))
    };
    format!(
        "{code} speaks {}: set language to {choices}, or remove it",
        locales.join(" and ")
    )
}

/// -1003 and -1008: the digit counts.
fn check_digits(action: &ActionView, findings: &mut Findings) {
    let min_digits = action.given("minDigits");
    let max_digits = action.given("maxDigits");
    let max_path = || Some(action.param_path("maxDigits"));
    match (min_digits, max_digits) {
        (Some(_), None) => findings.error(
            StatusCode::MaxDigitsForMinDigits,
            max_path(),
            "add maxDigits, at least as large as minDigits",
        ),
        (Some(min), Some(max)) => {
            if let (Some(min), Some(max)) = (min.as_f64(), max.as_f64()) {
                if max < min {
                    findings.error(
                        StatusCode::MaxDigitsForMinDigits,
                        max_path(),
                        format!("raise maxDigits to at least minDigits ({min})"),
                    );
                }
            }
        }
        _ => {}
    }
    if action.given("completeOnHash").and_then(|v| v.as_bool()) == Some(false) {
        let too_many = match max_digits {
            None => true,
            Some(max) => max
                .as_f64()
                .is_some_and(|max| max > MAX_DIGITS_WITHOUT_HASH),
        };
        if too_many {
            findings.error(
                StatusCode::MaxDigitsForCompleteOnHash,
                max_path(),
                "without # to finish, set maxDigits to 25 or fewer, or set completeOnHash to true",
            );
        }
    }
}

/// -1005 and -1006: the timeouts, with a warning when they are equal.
fn check_timeouts(action: &ActionView, findings: &mut Findings) {
    let overall_path = || action.param_path("overallTimeout");
    if action.given("digitTimeout").is_some() && action.given("overallTimeout").is_none() {
        return findings.error(
            StatusCode::OverallTimeoutRequired,
            Some(overall_path()),
            "add overallTimeout (milliseconds), larger than digitTimeout",
        );
    }
    let (Some(digit), Some(overall)) = (
        action.given_f64("digitTimeout"),
        action.given_f64("overallTimeout"),
    ) else {
        return;
    };
    if overall < digit {
        findings.error(
            StatusCode::OverallTimeoutTooSmall,
            Some(overall_path()),
            format!("raise overallTimeout above digitTimeout ({digit} ms)"),
        );
    } else if overall == digit {
        findings.warning(
            Some(overall_path()),
            "overallTimeout equals digitTimeout: accepted, though the rule says \"greater\"",
            "make overallTimeout larger so the caller has time for every digit",
        );
    }
}

/// -1004: no webhook for the account and no `dtmfCallbackUrl` on the action.
fn check_dtmf_callback(action: &ActionView, context: &Context, findings: &mut Findings) {
    let provided = match action.given("dtmfCallbackUrl") {
        None => false,
        Some(url) => url.as_str().is_none_or(|url| !url.trim().is_empty()),
    };
    if provided {
        return;
    }
    match context.account.has_webhook() {
        Some(true) => {}
        Some(false) => findings.error(
            StatusCode::DtmfCallback,
            Some(action.param_path("dtmfCallbackUrl")),
            "the account has no Voice Call Action webhook: add dtmfCallbackUrl, or set up the webhook",
        ),
        None => findings.note(
            "DTMF callback not checked: the account profile has no \"vcaWebhookUrl\"",
            "add \"vcaWebhookUrl\" to the account profile (--account) to check -1004",
        ),
    }
}

/// A warning, not an error: the platform fetches the file only when the call runs.
fn warn_unusual_audio_file(action: &ActionView, findings: &mut Findings) {
    let Some(url) = action.given_str("fileUrl") else {
        return;
    };
    let address = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .to_ascii_lowercase();
    if !address.ends_with(".mp3") && !address.ends_with(".wav") {
        findings.warning(
            Some(action.param_path("fileUrl")),
            "fileUrl does not end in .mp3 or .wav; a file the platform cannot play fails the call later",
            "point it at an mp3 or wav file under 5 MB",
        );
    }
}
