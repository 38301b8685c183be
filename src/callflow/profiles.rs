//! Voice profiles (SPEC §5): the built-in list, and how `language` must fit a profile.

use std::sync::OnceLock;

/// One text-to-speech voice: its code (`en-US-JennyNeural`) and locale (`en-US`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoiceProfile {
    pub code: String,
    pub locale: String,
    /// A readable language name where the list gives one (`English (United States)`).
    pub language: Option<String>,
}

impl VoiceProfile {
    /// Whether a `language` value fits this voice: its locale or the part of the locale
    /// before the first `-`, ignoring case.
    pub fn accepts_language(&self, language: &str) -> bool {
        let language_part = self.locale.split('-').next().unwrap_or_default();
        language.eq_ignore_ascii_case(&self.locale) || language.eq_ignore_ascii_case(language_part)
    }
}

const BUILT_IN_JSON: &str = include_str!("../../assets/voice-profiles.json");

/// The profiles named in the public documentation. The true list is per subaccount, so
/// this one is incomplete by nature; an account profile's `speechProfiles` replaces it.
pub fn built_in() -> &'static [VoiceProfile] {
    static PROFILES: OnceLock<Vec<VoiceProfile>> = OnceLock::new();
    PROFILES.get_or_init(|| read_built_in(BUILT_IN_JSON))
}

fn read_built_in(text: &str) -> Vec<VoiceProfile> {
    let document: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let entries = document["profiles"].as_array().cloned().unwrap_or_default();
    entries
        .iter()
        .filter_map(|entry| {
            Some(VoiceProfile {
                code: entry["profile"].as_str()?.to_owned(),
                locale: entry["locale"].as_str()?.to_owned(),
                language: entry["language"].as_str().map(str::to_owned),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_holds_every_profile_of_the_official_samples() {
        for code in [
            "en-GB-Emma",
            "en-US-Neural2-C",
            "en-IE-EmilyNeural",
            "en-US-BenjaminRUS",
            "en-US-Standard-A",
            "en-US-ZiraRUS",
        ] {
            assert!(built_in().iter().any(|p| p.code == code), "{code}");
        }
    }

    #[test]
    fn language_fits_locale_or_language_part_ignoring_case() {
        let voice = VoiceProfile {
            code: "en-US-JennyNeural".into(),
            locale: "en-US".into(),
            language: None,
        };
        for fits in ["en-US", "en-us", "EN", "en"] {
            assert!(voice.accepts_language(fits), "{fits}");
        }
        for misfit in ["en-GB", "de", "", "en-"] {
            assert!(!voice.accepts_language(misfit), "{misfit}");
        }
    }
}
