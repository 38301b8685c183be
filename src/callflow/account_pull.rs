//! `account pull` without the network: reading the API's answers about a subaccount, and
//! folding them into the account profile (SPEC §6) so that every key the pull did not
//! fetch stays as it was, where it was.

use super::msisdn::without_plus;
use serde_json::{Map, Value};

/// What one pull learned about the subaccount.
#[derive(Clone, Debug, PartialEq)]
pub struct Pulled {
    /// The entries of the speech-profiles answer, whole and in the API's order.
    pub speech_profiles: Vec<Value>,
    /// The Voice Call Action webhook's URL; `None` when the subaccount has none.
    pub vca_webhook_url: Option<String>,
    /// The Active virtual numbers, when they were asked for (`--with-numbers`).
    pub active_numbers: Option<Vec<String>>,
}

/// One line of the diff that `account pull` prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added {
        key: &'static str,
        item: String,
    },
    Removed {
        key: &'static str,
        item: String,
    },
    Replaced {
        key: &'static str,
        old: String,
        new: String,
    },
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Added { key, item } => write!(f, "+ {key}: {item}"),
            Change::Removed { key, item } => write!(f, "- {key}: {item}"),
            Change::Replaced { key, old, new } => write!(f, "~ {key}: {old} -> {new}"),
        }
    }
}

/// The `speechProfiles` of a `GET …/speech-profiles` answer. Each entry must carry string
/// `speechProfileCode` and `localeCode`, or the profile written from it would not load.
pub fn speech_profiles_from_answer(answer: &Value) -> Result<Vec<Value>, String> {
    let entries = answer
        .get("speechProfiles")
        .and_then(Value::as_array)
        .ok_or("the speech-profiles answer has no \"speechProfiles\" list")?;
    let well_formed = |entry: &Value| {
        ["speechProfileCode", "localeCode"]
            .iter()
            .all(|key| entry.get(key).is_some_and(Value::is_string))
    };
    match entries.iter().position(|entry| !well_formed(entry)) {
        Some(index) => Err(format!(
            "speech profile {index} of the answer lacks a string speechProfileCode or localeCode"
        )),
        None => Ok(entries.clone()),
    }
}

/// The URL of the subaccount's Voice Call Action webhook from a `GET …/webhooks` answer.
/// **Decision:** a VCA webhook that is disabled (`"enabled": false`) delivers nothing, so
/// it counts as none; so does a VCA entry without a URL.
pub fn vca_webhook_from_answer(answer: &Value) -> Result<Option<String>, String> {
    let webhooks = answer
        .get("webhooks")
        .and_then(Value::as_array)
        .ok_or("the webhooks answer has no \"webhooks\" list")?;
    let url = webhooks
        .iter()
        .filter(|hook| hook.get("type").and_then(Value::as_str) == Some("VCA"))
        .filter(|hook| hook.get("enabled").and_then(Value::as_bool) != Some(false))
        .find_map(|hook| hook.get("url").and_then(Value::as_str))
        .filter(|url| !url.trim().is_empty());
    Ok(url.map(str::to_owned))
}

/// The `msisdn` of every number whose `operationalStatus` is `Active`, from a
/// `GET …/numbers` answer. Expiring and Inactive numbers cannot be used as caller IDs.
pub fn active_numbers_from_answer(answer: &Value) -> Result<Vec<String>, String> {
    let numbers = answer
        .get("numbers")
        .and_then(Value::as_array)
        .ok_or("the numbers answer has no \"numbers\" list")?;
    let active = numbers
        .iter()
        .filter(|number| number.get("operationalStatus").and_then(Value::as_str) == Some("Active"))
        .filter_map(|number| number.get("msisdn").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    Ok(active)
}

/// When the numbers answer lists fewer numbers than its `totalNumbers` (the API pages long
/// lists), how many it listed and how many there are: only the listed ones were seen.
pub fn numbers_left_out(answer: &Value) -> Option<(usize, u64)> {
    let listed = answer.get("numbers")?.as_array()?.len();
    let total = answer.get("totalNumbers")?.as_u64()?;
    (total > listed as u64).then_some((listed, total))
}

/// The profile file's members, in their order; an empty profile when there is no file yet
/// (`None`). Read before anything is fetched, so a broken file costs no request.
pub fn read_profile(existing: Option<&str>) -> Result<Map<String, Value>, String> {
    match existing.map(serde_json::from_str::<Value>) {
        None => Ok(Map::new()),
        Some(Ok(Value::Object(members))) => Ok(members),
        Some(Ok(_)) => Err("the account profile is not a JSON object".to_owned()),
        Some(Err(error)) => Err(format!("the account profile is not valid JSON ({error})")),
    }
}

/// The profile after the pull, and what changed. Keys the pull does not fetch keep their
/// value and their place; fetched keys keep their place when present and are appended
/// otherwise.
pub fn apply_pull(
    mut profile: Map<String, Value>,
    pulled: &Pulled,
) -> Result<(Value, Vec<Change>), String> {
    let mut changes = Vec::new();
    replace_speech_profiles(&mut profile, &pulled.speech_profiles, &mut changes);
    replace_webhook(
        &mut profile,
        pulled.vca_webhook_url.as_deref(),
        &mut changes,
    );
    if let Some(numbers) = &pulled.active_numbers {
        add_sources(&mut profile, numbers, &mut changes)?;
    }
    Ok((Value::Object(profile), changes))
}

/// The profile file's bytes: two-space indentation and a final newline, like the
/// requests the program writes.
pub fn profile_text(profile: &Value) -> String {
    // Printing a Value cannot fail: every key is a string.
    let mut text = serde_json::to_string_pretty(profile).unwrap_or_default();
    text.push('\n');
    text
}

fn replace_speech_profiles(
    profile: &mut Map<String, Value>,
    new: &[Value],
    changes: &mut Vec<Change>,
) {
    const KEY: &str = "speechProfiles";
    let old: Vec<Value> = match profile.get(KEY) {
        Some(Value::Array(entries)) => entries.clone(),
        _ => Vec::new(),
    };
    if profile.get(KEY).is_some_and(|value| !value.is_array()) {
        changes.push(Change::Replaced {
            key: KEY,
            old: compact(&profile[KEY]),
            new: format!("{} profiles", new.len()),
        });
    }
    for entry in old.iter().filter(|entry| !new.contains(entry)) {
        changes.push(Change::Removed {
            key: KEY,
            item: voice_label(entry),
        });
    }
    for entry in new.iter().filter(|entry| !old.contains(entry)) {
        changes.push(Change::Added {
            key: KEY,
            item: voice_label(entry),
        });
    }
    profile.insert(KEY.to_owned(), Value::Array(new.to_vec()));
}

fn replace_webhook(profile: &mut Map<String, Value>, new: Option<&str>, changes: &mut Vec<Change>) {
    const KEY: &str = "vcaWebhookUrl";
    let new_value = new.map_or(Value::Null, |url| Value::String(url.to_owned()));
    match profile.get(KEY) {
        None => changes.push(Change::Added {
            key: KEY,
            item: compact(&new_value),
        }),
        Some(old) if *old != new_value => changes.push(Change::Replaced {
            key: KEY,
            old: compact(old),
            new: compact(&new_value),
        }),
        Some(_) => {}
    }
    profile.insert(KEY.to_owned(), new_value);
}

/// A union: caller IDs that 8x8 whitelisted for the account are listed by no endpoint, so
/// nothing already there is removed. Numbers compare without their leading `+`.
fn add_sources(
    profile: &mut Map<String, Value>,
    numbers: &[String],
    changes: &mut Vec<Change>,
) -> Result<(), String> {
    const KEY: &str = "allowedSources";
    let mut sources: Vec<Value> = match profile.get(KEY) {
        None => Vec::new(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items.clone(),
        Some(_) => {
            return Err(
                "\"allowedSources\" in the account profile must be an array of strings".to_owned(),
            );
        }
    };
    for number in numbers {
        let known = sources
            .iter()
            .filter_map(Value::as_str)
            .any(|source| without_plus(source) == without_plus(number));
        if !known {
            sources.push(Value::String(number.clone()));
            changes.push(Change::Added {
                key: KEY,
                item: number.clone(),
            });
        }
    }
    profile.insert(KEY.to_owned(), Value::Array(sources));
    Ok(())
}

/// `en-US-JennyNeural (en-US)`, or the entry as JSON when it lacks a code.
fn voice_label(entry: &Value) -> String {
    let field = |key| entry.get(key).and_then(Value::as_str);
    match (field("speechProfileCode"), field("localeCode")) {
        (Some(code), Some(locale)) => format!("{code} ({locale})"),
        _ => compact(entry),
    }
}

fn compact(value: &Value) -> String {
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::AccountProfile;
    use serde_json::json;

    fn voice(code: &str, locale: &str) -> Value {
        json!({"speechProfileCode": code, "localeCode": locale, "gender": "Female"})
    }

    fn pulled(voices: Vec<Value>, webhook: Option<&str>, numbers: Option<&[&str]>) -> Pulled {
        Pulled {
            speech_profiles: voices,
            vca_webhook_url: webhook.map(str::to_owned),
            active_numbers: numbers.map(|list| list.iter().map(|n| (*n).to_owned()).collect()),
        }
    }

    #[test]
    fn reads_the_three_answers() {
        let voices =
            json!({"speechProfiles": [voice("en-US-JennyNeural", "en-US")], "statusCode": 0});
        assert_eq!(speech_profiles_from_answer(&voices).unwrap().len(), 1);
        assert!(
            speech_profiles_from_answer(&json!({"speechProfiles": [{"gender": "Male"}]})).is_err()
        );
        assert!(speech_profiles_from_answer(&json!({"statusCode": 0})).is_err());

        let hooks = json!({"webhooks": [
            {"type": "VSS", "url": "https://example.com/vss", "enabled": true},
            {"type": "VCA", "url": "https://example.com/vca", "enabled": true}
        ]});
        assert_eq!(
            vca_webhook_from_answer(&hooks).unwrap().as_deref(),
            Some("https://example.com/vca")
        );
        let disabled = json!({"webhooks": [{"type": "VCA", "url": "https://x", "enabled": false}]});
        assert_eq!(vca_webhook_from_answer(&disabled).unwrap(), None);
        assert_eq!(
            vca_webhook_from_answer(&json!({"webhooks": []})).unwrap(),
            None
        );
        assert!(vca_webhook_from_answer(&json!({})).is_err());

        let numbers = json!({"totalNumbers": 3, "numbers": [
            {"msisdn": "+6588000001", "operationalStatus": "Active"},
            {"msisdn": "+6588000002", "operationalStatus": "Expiring"},
            {"msisdn": "+6588000003", "operationalStatus": "Inactive"}
        ]});
        assert_eq!(
            active_numbers_from_answer(&numbers).unwrap(),
            ["+6588000001"]
        );
    }

    #[test]
    fn keeps_unknown_keys_and_their_order() {
        let existing =
            r#"{"zeta": 1, "speechProfiles": [], "scenarios": ["a"], "alpha": {"b": 2}}"#;
        let (profile, _) = apply_pull(
            read_profile(Some(existing)).unwrap(),
            &pulled(vec![voice("v-1", "en-US")], None, None),
        )
        .unwrap();
        let keys: Vec<&String> = profile.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "zeta",
                "speechProfiles",
                "scenarios",
                "alpha",
                "vcaWebhookUrl"
            ]
        );
        assert_eq!(profile["alpha"], json!({"b": 2}));
        assert_eq!(profile["scenarios"], json!(["a"]));
        assert_eq!(profile["vcaWebhookUrl"], Value::Null);
    }

    #[test]
    fn the_written_profile_loads_and_says_what_was_pulled() {
        let pull = pulled(
            vec![voice("en-US-JennyNeural", "en-US")],
            Some("https://example.com/vca"),
            Some(&["+6588000001"]),
        );
        let (profile, _) = apply_pull(Map::new(), &pull).unwrap();
        let loaded = AccountProfile::from_json(&profile_text(&profile)).unwrap();
        assert_eq!(loaded.has_webhook(), Some(true));
        assert_eq!(loaded.allows_source("6588000001"), Some(true));
        assert_eq!(loaded.speech_profiles.unwrap()[0].code, "en-US-JennyNeural");
    }

    #[test]
    fn numbers_are_a_union_compared_without_plus() {
        let existing = r#"{"allowedSources": ["6588000001", "+6511111111"]}"#;
        let pull = pulled(vec![], None, Some(&["+6588000001", "+6588000002"]));
        let (profile, changes) = apply_pull(read_profile(Some(existing)).unwrap(), &pull).unwrap();
        assert_eq!(
            profile["allowedSources"],
            json!(["6588000001", "+6511111111", "+6588000002"])
        );
        assert!(changes.contains(&Change::Added {
            key: "allowedSources",
            item: "+6588000002".into()
        }));
        assert!(
            !changes
                .iter()
                .any(|c| matches!(c, Change::Added { item, .. } if item == "+6588000001"))
        );
        let without = apply_pull(
            read_profile(Some(existing)).unwrap(),
            &pulled(vec![], None, None),
        )
        .unwrap()
        .0;
        assert_eq!(
            without["allowedSources"],
            json!(["6588000001", "+6511111111"]),
            "untouched without --with-numbers"
        );
    }

    #[test]
    fn the_diff_names_added_removed_and_replaced_items() {
        let existing = r#"{"speechProfiles": [{"speechProfileCode": "old-1", "localeCode": "en-GB"}], "vcaWebhookUrl": "https://a"}"#;
        let pull = pulled(vec![voice("new-1", "en-US")], Some("https://b"), None);
        let (_, changes) = apply_pull(read_profile(Some(existing)).unwrap(), &pull).unwrap();
        let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "- speechProfiles: old-1 (en-GB)",
                "+ speechProfiles: new-1 (en-US)",
                "~ vcaWebhookUrl: \"https://a\" -> \"https://b\"",
            ]
        );
        let once = apply_pull(read_profile(Some(existing)).unwrap(), &pull)
            .unwrap()
            .0;
        let written = profile_text(&once);
        let (_, none) = apply_pull(read_profile(Some(&written)).unwrap(), &pull).unwrap();
        assert!(
            none.is_empty(),
            "pulling the same answers twice changes nothing: {none:?}"
        );
    }

    #[test]
    fn a_profile_that_is_not_an_object_is_refused() {
        let pull = pulled(vec![], None, None);
        assert!(read_profile(Some("[]")).is_err());
        assert!(read_profile(Some("{")).is_err());
        let odd_sources = read_profile(Some(r#"{"allowedSources": "x"}"#)).unwrap();
        assert!(
            apply_pull(odd_sources.clone(), &pull).is_ok(),
            "untouched without numbers"
        );
        assert!(apply_pull(odd_sources, &pulled(vec![], None, Some(&[]))).is_err());
    }
}
