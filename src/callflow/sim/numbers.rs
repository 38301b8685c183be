//! Phone numbers as the webhooks show them: E.164 with `+`, and the ISO 3166-1 country of
//! their calling code (SIM.md §2).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The ITU calling codes, each with the ISO 3166-1 alpha-2 code of its main country.
const CALLING_CODES: &str = include_str!("../../../assets/calling-codes.json");

/// Calling codes are one to three digits long.
const LONGEST_CODE: usize = 3;

fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    // The asset is checked by a test below; a broken one would only lose country codes.
    TABLE.get_or_init(|| serde_json::from_str(CALLING_CODES).unwrap_or_default())
}

/// `6512345678` → `+6512345678`; a number that has its `+` keeps it.
pub fn e164(number: &str) -> String {
    if number.starts_with('+') {
        number.to_owned()
    } else {
        format!("+{number}")
    }
}

/// The country of an E.164 number's calling code, longest code first; `None` when no code
/// matches (international services such as +800 have no country).
pub fn country_of(number: &str) -> Option<&'static str> {
    let digits = number.strip_prefix('+').unwrap_or(number);
    (1..=LONGEST_CODE.min(digits.len()))
        .rev()
        .filter(|&length| digits.is_char_boundary(length))
        .find_map(|length| table().get(&digits[..length]))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_loads() {
        assert!(table().len() > 200);
    }

    #[test]
    fn shared_codes_give_their_main_country() {
        assert_eq!(country_of("+14155550100"), Some("US"));
        assert_eq!(country_of("+74951234567"), Some("RU"));
        assert_eq!(country_of("+442071234567"), Some("GB"));
        assert_eq!(country_of("+61291234567"), Some("AU"));
    }

    #[test]
    fn longest_prefix_wins() {
        assert_eq!(country_of("+6588000000"), Some("SG"));
        assert_eq!(country_of("+35312345678"), Some("IE"));
        assert_eq!(country_of("+8525551234"), Some("HK"));
        assert_eq!(country_of("+3512123456"), Some("PT"));
    }

    #[test]
    fn no_match_is_none() {
        assert_eq!(country_of("+80012345678"), None);
        assert_eq!(country_of(""), None);
    }

    #[test]
    fn numbers_gain_their_plus() {
        assert_eq!(e164("6512345678"), "+6512345678");
        assert_eq!(e164("+6512345678"), "+6512345678");
    }
}
