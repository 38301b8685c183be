//! The account profile (SPEC §6): what only the account knows. An absent key means
//! "unknown" and the rule that needs it is not checked; a present key is the truth.

use super::msisdn::without_plus;
use super::profiles::VoiceProfile;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccountProfile {
    /// The caller IDs the account may use; `None` when unknown.
    pub allowed_sources: Option<Vec<String>>,
    /// `None` when unknown; `Some(None)` when the account has no Voice Call Action webhook.
    pub vca_webhook_url: Option<Option<String>>,
    /// The scenarios the account may run; `None` when unknown.
    pub scenarios: Option<Vec<String>>,
    /// The account's voices; `None` means the built-in list.
    pub speech_profiles: Option<Vec<VoiceProfile>>,
}

impl AccountProfile {
    /// Reads a profile file's text. The error is one line saying what is wrong.
    pub fn from_json(text: &str) -> Result<AccountProfile, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|error| format!("not valid JSON ({error})"))?;
        let Value::Object(members) = value else {
            return Err("not a JSON object".to_owned());
        };
        Ok(AccountProfile {
            allowed_sources: string_list(members.get("allowedSources"), "allowedSources")?,
            vca_webhook_url: webhook(members.get("vcaWebhookUrl"))?,
            scenarios: string_list(members.get("scenarios"), "scenarios")?,
            speech_profiles: speech_profiles(members.get("speechProfiles"))?,
        })
    }

    /// Whether the account may use `source` as caller ID; `None` when unknown.
    pub fn allows_source(&self, source: &str) -> Option<bool> {
        let allowed = self.allowed_sources.as_ref()?;
        let wanted = without_plus(source);
        Some(allowed.iter().any(|entry| without_plus(entry) == wanted))
    }

    /// Whether the account has a Voice Call Action webhook; `None` when unknown.
    pub fn has_webhook(&self) -> Option<bool> {
        let url = self.vca_webhook_url.as_ref()?;
        Some(url.as_deref().is_some_and(|url| !url.trim().is_empty()))
    }

    /// Whether the account may run `scenario`; `None` when unknown.
    pub fn permits_scenario(&self, scenario: &str) -> Option<bool> {
        let scenarios = self.scenarios.as_ref()?;
        Some(scenarios.iter().any(|name| name == scenario))
    }
}

fn string_list(value: Option<&Value>, key: &str) -> Result<Option<Vec<String>>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    let malformed = || format!("\"{key}\" must be an array of strings");
    let items = value.as_array().ok_or_else(malformed)?;
    let strings = items.iter().map(|item| item.as_str().map(str::to_owned));
    strings
        .collect::<Option<Vec<_>>>()
        .ok_or_else(malformed)
        .map(Some)
}

fn webhook(value: Option<&Value>) -> Result<Option<Option<String>>, String> {
    match value {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(url)) => Ok(Some(Some(url.clone()))),
        Some(_) => Err("\"vcaWebhookUrl\" must be a string or null".to_owned()),
    }
}

fn speech_profiles(value: Option<&Value>) -> Result<Option<Vec<VoiceProfile>>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    let malformed = || {
        "\"speechProfiles\" must be an array of objects with string \"speechProfileCode\" and \"localeCode\"".to_owned()
    };
    let items = value.as_array().ok_or_else(malformed)?;
    let profiles = items.iter().map(|item| {
        Some(VoiceProfile {
            code: item.get("speechProfileCode")?.as_str()?.to_owned(),
            locale: item.get("localeCode")?.as_str()?.to_owned(),
            language: None,
        })
    });
    profiles
        .collect::<Option<Vec<_>>>()
        .ok_or_else(malformed)
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_keys_are_unknown_and_present_keys_are_the_truth() {
        let unknown = AccountProfile::from_json("{}").unwrap();
        assert_eq!(unknown.allows_source("+6588000000"), None);
        assert_eq!(unknown.has_webhook(), None);
        assert_eq!(unknown.permits_scenario("x"), None);

        let empty = AccountProfile::from_json(
            r#"{"allowedSources": [], "vcaWebhookUrl": "", "scenarios": []}"#,
        )
        .unwrap();
        assert_eq!(empty.allows_source("+6588000000"), Some(false));
        assert_eq!(empty.has_webhook(), Some(false));
        assert_eq!(empty.permits_scenario("x"), Some(false));
        let none = AccountProfile::from_json(r#"{"vcaWebhookUrl": null}"#).unwrap();
        assert_eq!(none.has_webhook(), Some(false));
    }

    #[test]
    fn sources_compare_without_the_leading_plus() {
        let account = AccountProfile::from_json(r#"{"allowedSources": ["+6588000000"]}"#).unwrap();
        assert_eq!(account.allows_source("6588000000"), Some(true));
        assert_eq!(account.allows_source("+6588000001"), Some(false));
    }

    #[test]
    fn malformed_profiles_are_errors() {
        for text in [
            "[]",
            "nope",
            r#"{"allowedSources": "+65"}"#,
            r#"{"scenarios": [1]}"#,
            r#"{"vcaWebhookUrl": 3}"#,
            r#"{"speechProfiles": [{"speechProfileCode": "x"}]}"#,
            r#"{"speechProfiles": {}}"#,
        ] {
            assert!(AccountProfile::from_json(text).is_err(), "{text}");
        }
        assert!(AccountProfile::from_json(r#"{"other": 1}"#).is_ok());
    }
}
