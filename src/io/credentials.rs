//! Where the API's address, the subaccount and the key come from: options first, then the
//! environment, then (for the subaccount and the address) `config.json` in the config
//! directory. The key is never read from or written to any file the program owns, and it is
//! shown only masked.

use super::file::read_limited;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DEFAULT_API_BASE: &str = "https://voice.8x8.com";
pub const KEY_VARIABLE: &str = "CALLFLOW_API_KEY";
pub const SUBACCOUNT_VARIABLE: &str = "CALLFLOW_SUBACCOUNT";
pub const BASE_VARIABLE: &str = "CALLFLOW_API_BASE";
pub const TIMEOUT_VARIABLE: &str = "CALLFLOW_API_TIMEOUT_MS";

/// Long enough for the API on a slow link, short enough that a dead network is noticed.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The API key. It has no `Display`, and its `Debug` is masked, so it cannot slip into a
/// message or a log by accident; only the transport reads it whole.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A key as given, trimmed; refused when empty or when it holds anything but visible
    /// ASCII, which would break the header. The reason never quotes the key.
    pub fn new(key: &str) -> Result<ApiKey, String> {
        let key = key.trim();
        if key.is_empty() {
            return Err("the API key is empty".to_owned());
        }
        if !key.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err("the API key holds spaces or characters a key never has".to_owned());
        }
        Ok(ApiKey(key.to_owned()))
    }

    /// The key as a person may see it: its last four characters, when it is long enough
    /// for them to give nothing away.
    pub fn masked(&self) -> String {
        let count = self.0.chars().count();
        if count < 16 {
            return "****".to_owned();
        }
        let tail: String = self.0.chars().skip(count - 4).collect();
        format!("****{tail}")
    }

    pub(super) fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

/// Everything needed to talk to the API as one subaccount.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiSettings {
    /// `https://voice.8x8.com`, without a trailing `/`.
    pub base: String,
    pub subaccount: String,
    pub key: ApiKey,
    /// The whole exchange, from connecting to the last byte of the answer.
    pub timeout: Duration,
}

/// What the command line gave; each `None` falls back to the environment, then the config.
#[derive(Clone, Debug, Default)]
pub struct ApiOptions {
    pub api_base: Option<String>,
    pub subaccount: Option<String>,
    /// A file whose first line is the key: unlike an option, it stays out of process
    /// listings and shell history.
    pub api_key_file: Option<PathBuf>,
}

/// The settings from the options, the environment and `config.json`; the error is one
/// line that says what to set.
pub fn resolve(options: &ApiOptions) -> Result<ApiSettings, String> {
    let config = read_config()?;
    let base = options
        .api_base
        .clone()
        .or_else(|| variable(BASE_VARIABLE))
        .or_else(|| config_string(&config, "apiBase"))
        .unwrap_or_else(|| DEFAULT_API_BASE.to_owned());
    let subaccount = options
        .subaccount
        .clone()
        .or_else(|| variable(SUBACCOUNT_VARIABLE))
        .or_else(|| config_string(&config, "subaccount"))
        .ok_or_else(missing_subaccount)?;
    Ok(ApiSettings {
        base: checked_base(&base)?,
        subaccount: checked_subaccount(&subaccount)?,
        key: read_key(options.api_key_file.as_deref())?,
        timeout: timeout()?,
    })
}

/// `config.json` in the config directory: `{"subaccount": "…", "apiBase": "…"}`, both
/// optional. A missing file is an empty config; a malformed one is an error, never a
/// silent default.
pub fn config_path() -> Option<PathBuf> {
    super::dirs::config_dir().map(|dir| dir.join("config.json"))
}

fn read_config() -> Result<Value, String> {
    let Some(path) = config_path().filter(|path| path.exists()) else {
        return Ok(Value::Null);
    };
    let shown = path.display();
    let bytes = read_limited(&path)?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(members)) => {
            for key in ["subaccount", "apiBase"] {
                if members.get(key).is_some_and(|value| !value.is_string()) {
                    return Err(format!("{shown}: \"{key}\" must be a string"));
                }
            }
            Ok(Value::Object(members))
        }
        Ok(_) => Err(format!("{shown}: not a JSON object")),
        Err(error) => Err(format!("{shown}: not valid JSON ({error})")),
    }
}

fn config_string(config: &Value, key: &str) -> Option<String> {
    config
        .get(key)?
        .as_str()
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

fn variable(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// The settings for the builder, which has no API options: what is missing is told by the
/// variables and `config.json` alone.
pub fn resolve_from_environment() -> Result<ApiSettings, String> {
    resolve(&ApiOptions::default()).map_err(without_options)
}

/// A reason from `resolve` without the options a command line would take.
fn without_options(reason: String) -> String {
    reason
        .replace(" (or pass --api-key-file FILE)", "")
        .replace(", pass --subaccount ID, or put", " or put")
}

/// What a program that has not read the settings (a test's state) tells the user.
pub fn not_read_yet() -> String {
    format!("no API settings: set {KEY_VARIABLE} and {SUBACCOUNT_VARIABLE}, then start callflow")
}

fn missing_subaccount() -> String {
    let config = config_path().map_or("config.json in the config directory".to_owned(), |path| {
        path.display().to_string()
    });
    format!(
        "no subaccount: set {SUBACCOUNT_VARIABLE}, pass --subaccount ID, or put {{\"subaccount\": \"ID\"}} in {config}"
    )
}

/// An `http://` or `https://` address, without the trailing `/`.
fn checked_base(base: &str) -> Result<String, String> {
    let trimmed = base.trim().trim_end_matches('/');
    let has_host = ["https://", "http://"].iter().any(|scheme| {
        trimmed
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty())
    });
    if has_host && !trimmed.chars().any(char::is_whitespace) {
        Ok(trimmed.to_owned())
    } else {
        Err(format!(
            "the API address \"{}\" is not an http:// or https:// URL (--api-base, {BASE_VARIABLE})",
            base.escape_debug()
        ))
    }
}

/// The subaccount goes into the request's path, so it may hold only the characters
/// subaccount IDs are made of.
fn checked_subaccount(subaccount: &str) -> Result<String, String> {
    let fits = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    // Only dots would make a path segment that walks up the path.
    let only_dots = subaccount.chars().all(|c| c == '.');
    if !only_dots && subaccount.chars().all(fits) {
        Ok(subaccount.to_owned())
    } else {
        Err(format!(
            "the subaccount \"{}\" may hold only letters, digits, '_', '-' and '.'",
            subaccount.escape_debug()
        ))
    }
}

fn read_key(file: Option<&Path>) -> Result<ApiKey, String> {
    let (key, source) = match file {
        Some(path) => {
            let bytes = read_limited(path)?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let first_line = text.lines().next().unwrap_or("").to_owned();
            (first_line, path.display().to_string())
        }
        None => match variable(KEY_VARIABLE) {
            Some(key) => (key, KEY_VARIABLE.to_owned()),
            None => {
                return Err(format!(
                    "no API key: set {KEY_VARIABLE} (or pass --api-key-file FILE)"
                ));
            }
        },
    };
    ApiKey::new(&key).map_err(|reason| format!("{source}: {reason}"))
}

fn timeout() -> Result<Duration, String> {
    let Some(text) = variable(TIMEOUT_VARIABLE) else {
        return Ok(DEFAULT_TIMEOUT);
    };
    match text.trim().parse::<u64>() {
        Ok(millis) if millis > 0 => Ok(Duration::from_millis(millis)),
        _ => Err(format!(
            "{TIMEOUT_VARIABLE} must be a whole number of milliseconds above 0, not \"{}\"",
            text.escape_debug()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_masked_in_debug_and_in_messages() {
        let key = ApiKey("sk_live_0123456789abcdefWXYZ".to_owned());
        assert_eq!(key.masked(), "****WXYZ");
        assert_eq!(format!("{key:?}"), "ApiKey(****WXYZ)");
        assert_eq!(ApiKey("short".to_owned()).masked(), "****");
        let settings = ApiSettings {
            base: DEFAULT_API_BASE.to_owned(),
            subaccount: "acme".to_owned(),
            key,
            timeout: DEFAULT_TIMEOUT,
        };
        assert!(!format!("{settings:?}").contains("0123456789"));
    }

    #[test]
    fn a_key_is_visible_ascii_and_refusals_never_quote_it() {
        assert_eq!(
            ApiKey::new("  abc-123_XYZ \n").unwrap(),
            ApiKey("abc-123_XYZ".to_owned())
        );
        for bad in ["", "   ", "two words", "tab\tinside", "ключ"] {
            let reason = ApiKey::new(bad).unwrap_err();
            assert!(
                bad.trim().is_empty() || !reason.contains(bad.trim()),
                "{reason}"
            );
        }
    }

    #[test]
    fn the_builder_names_no_option_it_does_not_take() {
        assert_eq!(
            without_options(format!(
                "no API key: set {KEY_VARIABLE} (or pass --api-key-file FILE)"
            )),
            "no API key: set CALLFLOW_API_KEY"
        );
        let subaccount = missing_subaccount();
        assert!(subaccount.contains("--subaccount"), "{subaccount}");
        let shown = without_options(subaccount);
        assert!(!shown.contains("--"), "{shown}");
        assert!(
            shown.starts_with(
                "no subaccount: set CALLFLOW_SUBACCOUNT or put {\"subaccount\": \"ID\"} in "
            ),
            "{shown}"
        );
    }

    #[test]
    fn the_address_must_be_http_or_https() {
        assert_eq!(
            checked_base("https://voice.8x8.com/").unwrap(),
            "https://voice.8x8.com"
        );
        assert_eq!(
            checked_base("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for bad in ["voice.8x8.com", "ftp://x", "https://", "http://a b"] {
            assert!(checked_base(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_subaccount_must_fit_in_a_path() {
        assert!(checked_subaccount("acme_Voice-1.x").is_ok());
        for bad in ["", "a/b", "a?b", "..", ".", "a b", "é"] {
            assert!(checked_subaccount(bad).is_err(), "{bad}");
        }
    }
}
