//! Voice profiles (SPEC §5): the built-in list, what the program can know of a voice name,
//! and how `language` must fit a voice.

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
        locale_accepts(&self.locale, language)
    }
}

/// Whether `language` is the locale (`en-US`) or its language part (`en`, what comes before
/// the first `-`), ignoring ASCII case only: the Kelvin sign is no `k`.
pub fn locale_accepts(locale: &str, language: &str) -> bool {
    let language_part = locale.split('-').next().unwrap_or_default();
    language.eq_ignore_ascii_case(locale) || language.eq_ignore_ascii_case(language_part)
}

/// What the program can know of a `voiceProfile` (SPEC §5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VoiceKnowledge<'a> {
    /// In the list that is checked against; a code may be listed more than once, with
    /// different locales, and every entry is kept.
    Known(Vec<&'a VoiceProfile>),
    /// Not in the built-in list, which is incomplete, but shaped like a voice name: accepted
    /// with a warning, and its locale (`LL-RR`) is read from the name.
    Shaped { locale: String },
    /// Neither: the API would refuse it (-1002).
    Unknown,
}

/// Where a voice's name is looked up: the account's own list, or the built-in one.
#[derive(Clone, Copy, Debug)]
pub enum VoiceList<'a> {
    /// The account profile's `speechProfiles`: the truth, leaving no room for guesses.
    Account(&'a [VoiceProfile]),
    /// The built-in list, a fragment of every account's true list.
    BuiltIn,
}

impl<'a> VoiceList<'a> {
    pub fn voices(self) -> &'a [VoiceProfile] {
        match self {
            VoiceList::Account(voices) => voices,
            VoiceList::BuiltIn => built_in(),
        }
    }

    /// What the picker calls its list.
    pub fn title(self) -> &'static str {
        match self {
            VoiceList::Account(_) => "the account's voices",
            VoiceList::BuiltIn => "known voices",
        }
    }
}

/// What is known of `code`: listed, shaped like a voice name (built-in list only), or
/// neither. Names match exactly, case included.
pub fn voice_knowledge<'a>(code: &str, list: VoiceList<'a>) -> VoiceKnowledge<'a> {
    let entries: Vec<&VoiceProfile> = list.voices().iter().filter(|v| v.code == code).collect();
    if !entries.is_empty() {
        return VoiceKnowledge::Known(entries);
    }
    match (list, shaped_locale(code)) {
        (VoiceList::BuiltIn, Some(locale)) => VoiceKnowledge::Shaped { locale },
        _ => VoiceKnowledge::Unknown,
    }
}

/// What the voice picker says, live, about the name typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedVoice {
    pub verdict: TypedVoiceVerdict,
    pub line: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedVoiceVerdict {
    /// In the list: accepted.
    Listed,
    /// Not in the built-in list but shaped like a voice name: accepted with a warning.
    Unconfirmed,
    /// The API would refuse it (-1002).
    Refused,
}

/// The picker's live line for `typed`, or `None` while nothing is typed.
pub fn typed_voice(typed: &str, list: VoiceList) -> Option<TypedVoice> {
    if typed.is_empty() {
        return None;
    }
    // The verdict comes first: a narrow picker cuts the end of the line.
    let (verdict, line) = match voice_knowledge(typed, list) {
        VoiceKnowledge::Known(_) => (
            TypedVoiceVerdict::Listed,
            format!("accepted: {typed} is in {}", list.title()),
        ),
        VoiceKnowledge::Shaped { locale } => (
            TypedVoiceVerdict::Unconfirmed,
            format!(
                "accepted with a warning: not in {}, but shaped like a voice name ({locale})",
                list.title()
            ),
        ),
        VoiceKnowledge::Unknown => {
            let reason = match list {
                VoiceList::Account(_) => format!("not in {}", list.title()),
                VoiceList::BuiltIn => format!(
                    "not in {}, nor shaped like a voice name: {}",
                    list.title(),
                    shape_problem(typed).unwrap_or_default()
                ),
            };
            (TypedVoiceVerdict::Refused, format!("-1002: {reason}"))
        }
    };
    Some(TypedVoice { verdict, line })
}

impl VoiceKnowledge<'_> {
    /// Whether `language` fits the voice: any of its entries, or the locale of its name.
    pub fn accepts_language(&self, language: &str) -> bool {
        match self {
            VoiceKnowledge::Known(entries) => entries.iter().any(|v| v.accepts_language(language)),
            VoiceKnowledge::Shaped { locale } => locale_accepts(locale, language),
            VoiceKnowledge::Unknown => false,
        }
    }

    /// The locales the voice speaks, each once, in list order.
    pub fn locales(&self) -> Vec<&str> {
        let mut locales: Vec<&str> = Vec::new();
        let listed = match self {
            VoiceKnowledge::Known(entries) => entries.iter().map(|v| v.locale.as_str()).collect(),
            VoiceKnowledge::Shaped { locale } => vec![locale.as_str()],
            VoiceKnowledge::Unknown => Vec::new(),
        };
        for locale in listed {
            if !locales.contains(&locale) {
                locales.push(locale);
            }
        }
        locales
    }
}

/// `LL-RR-NAME` (SPEC §5): `LL` an ISO 639-1 code or three lower-case ASCII letters, `RR`
/// two upper-case ASCII letters or three ASCII digits, `NAME` one or more ASCII letters,
/// digits and `-`. Gives the locale `LL-RR`.
pub fn shaped_locale(code: &str) -> Option<String> {
    match read_shape(code) {
        Ok((language, region)) => Some(format!("{language}-{region}")),
        Err(_) => None,
    }
}

/// Why `code` is not shaped like a voice name, in a few words; `None` when it is.
pub fn shape_problem(code: &str) -> Option<String> {
    read_shape(code).err()
}

/// The language and region of a voice-shaped name, or what keeps it from the shape.
fn read_shape(code: &str) -> Result<(&str, &str), String> {
    let mut parts = code.splitn(3, '-');
    let (Some(language), Some(region), Some(name)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err("it does not have the three parts language-REGION-Name".to_owned());
    };
    let language_fits = is_iso_639_1(language)
        || (language.len() == 3 && language.bytes().all(|b| b.is_ascii_lowercase()));
    if !language_fits {
        return Err(format!(
            "\"{language}\" is neither an ISO 639-1 language code nor three lower-case letters"
        ));
    }
    let region_fits = (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase()))
        || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()));
    if !region_fits {
        return Err(format!(
            "\"{region}\" is neither two upper-case letters nor three digits"
        ));
    }
    let name_fits =
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !name_fits {
        return Err(
            "the name after the region may hold only ASCII letters, digits and -".to_owned(),
        );
    }
    Ok((language, region))
}

const ISO_639_1: &str = include_str!("../../assets/iso-639-1.txt");

/// One of the two-letter ISO 639-1 language codes (lower case, as the standard writes them).
pub fn is_iso_639_1(code: &str) -> bool {
    code.len() == 2
        && ISO_639_1
            .lines()
            .filter(|line| !line.starts_with('#'))
            .any(|line| line.trim() == code)
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
    fn the_iso_list_is_whole_and_has_no_made_up_codes() {
        let codes = ISO_639_1
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty());
        assert_eq!(codes.count(), 184);
        for code in ["en", "fr", "zh", "yi", "zu"] {
            assert!(is_iso_639_1(code), "{code}");
        }
        for code in ["xx", "EN", "eng", "e", "", "qq"] {
            assert!(!is_iso_639_1(code), "{code}");
        }
    }

    #[test]
    fn voice_shaped_names_give_their_locale() {
        for (code, locale) in [
            ("fr-FR-DeniseNeural", "fr-FR"),
            ("en-US-Neural2-C", "en-US"),
            ("zh-CN-Yaoyao-Apollo", "zh-CN"),
            ("fil-PH-BlessicaNeural", "fil-PH"),
            ("yue-CN-XiaoMinNeural", "yue-CN"),
            ("es-419-Voice", "es-419"),
            ("en-US-9", "en-US"),
        ] {
            assert_eq!(shaped_locale(code).as_deref(), Some(locale), "{code}");
        }
        for code in [
            "Nobody",
            "en-us-jenny",
            "xx-XX-Voice",
            "en_US_Jenny",
            "en-US-",
            "en-US",
            "EN-US-Jenny",
            "en-USA-Jenny",
            "en-41-Jenny",
            "en-US-Jenny_Neural",
            "en-US-Jenny Neural",
            "en-US-Jenné",
            "fIl-PH-Voice",
        ] {
            assert_eq!(shaped_locale(code), None, "{code}");
        }
    }

    #[test]
    fn shape_problems_name_the_part_that_does_not_fit() {
        let problem = |code: &str| shape_problem(code).unwrap_or_default();
        assert!(problem("jp-JP-NanamiNeural").contains("\"jp\""));
        assert!(problem("en-us-jenny").contains("\"us\""));
        assert!(problem("en-US-Jenny_Neural").contains("name"));
        assert!(problem("Nobody").contains("three parts"));
        assert_eq!(shape_problem("fr-FR-DeniseNeural"), None);
    }

    #[test]
    fn the_typed_name_is_listed_unconfirmed_or_refused() {
        let verdict = |typed: &str, list| typed_voice(typed, list).map(|t| t.verdict);
        assert_eq!(verdict("", VoiceList::BuiltIn), None);
        assert_eq!(
            verdict("en-GB-Emma", VoiceList::BuiltIn),
            Some(TypedVoiceVerdict::Listed)
        );
        assert_eq!(
            verdict("fr-FR-DeniseNeural", VoiceList::BuiltIn),
            Some(TypedVoiceVerdict::Unconfirmed)
        );
        assert_eq!(
            verdict("fr-FR-Denise_Neural", VoiceList::BuiltIn),
            Some(TypedVoiceVerdict::Refused)
        );
        assert_eq!(
            verdict("fr-FR-DeniseNeural", VoiceList::Account(&[])),
            Some(TypedVoiceVerdict::Refused)
        );
        let line = typed_voice("fr-FR-DeniseNeural", VoiceList::BuiltIn)
            .unwrap()
            .line;
        assert!(
            line.contains("known voices") && line.contains("warning"),
            "{line}"
        );
    }

    #[test]
    fn the_account_list_leaves_no_room_for_shapes() {
        let account = [VoiceProfile {
            code: "en-US-JennyNeural".into(),
            locale: "en-US".into(),
            language: None,
        }];
        let list = VoiceList::Account(&account);
        assert!(matches!(
            voice_knowledge("en-US-JennyNeural", list),
            VoiceKnowledge::Known(_)
        ));
        assert_eq!(
            voice_knowledge("fr-FR-DeniseNeural", list),
            VoiceKnowledge::Unknown
        );
        assert_eq!(
            voice_knowledge("fr-FR-DeniseNeural", VoiceList::BuiltIn),
            VoiceKnowledge::Shaped {
                locale: "fr-FR".into()
            }
        );
        assert!(matches!(
            voice_knowledge("en-GB-Emma", VoiceList::BuiltIn),
            VoiceKnowledge::Known(_)
        ));
        assert_eq!(
            voice_knowledge("en-gb-emma", VoiceList::BuiltIn),
            VoiceKnowledge::Unknown
        );
    }

    #[test]
    fn a_code_listed_twice_fits_the_language_of_either_entry() {
        let entry = |locale: &str| VoiceProfile {
            code: "multi-Voice".into(),
            locale: locale.into(),
            language: None,
        };
        let account = [entry("en-US"), entry("es-MX")];
        let voice = voice_knowledge("multi-Voice", VoiceList::Account(&account));
        for fits in ["en-US", "en", "es-MX", "ES"] {
            assert!(voice.accepts_language(fits), "{fits}");
        }
        assert!(!voice.accepts_language("fr"));
        assert_eq!(voice.locales(), ["en-US", "es-MX"]);
    }

    #[test]
    fn language_ignores_ascii_case_only() {
        assert!(locale_accepts("sk-SK", "SK"));
        assert!(
            !locale_accepts("sk-SK", "s\u{212A}"),
            "the Kelvin sign is not k"
        );
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
