//! Phone numbers (SPEC §4, §9): what an MSISDN is and how a list of them is told apart.

/// An optional leading `+`, then 7 to 15 ASCII digits, the first not `0`.
pub fn is_msisdn(text: &str) -> bool {
    let digits = text.strip_prefix('+').unwrap_or(text);
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// The number without its leading `+`, the form in which caller IDs are compared.
pub fn without_plus(text: &str) -> &str {
    text.strip_prefix('+').unwrap_or(text)
}

fn is_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '|' | '/') || c.is_whitespace()
}

/// Whether a destination names two or more MSISDNs between separators (-1011). A run of
/// separators counts as one; pieces that are not MSISDNs do not count.
pub fn holds_several_msisdns(destination: &str) -> bool {
    destination
        .split(is_separator)
        .filter(|piece| is_msisdn(piece))
        .nth(1)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msisdn_digit_count_boundaries() {
        assert!(!is_msisdn("123456"));
        assert!(is_msisdn("1234567"));
        assert!(is_msisdn("+123456789012345"));
        assert!(!is_msisdn("+1234567890123456"));
    }

    #[test]
    fn msisdn_refuses_decoration() {
        for text in [
            "",
            "+",
            "0065880000",
            "+65 8800 0000",
            "65-88000000",
            "(65)88000000",
            "++6588000000",
            "６５８８０００００００",
        ] {
            assert!(!is_msisdn(text), "{text}");
        }
        assert!(is_msisdn("+6588000000") && is_msisdn("6588000000"));
    }

    #[test]
    fn several_msisdns_need_two_real_numbers() {
        assert!(holds_several_msisdns("+6590000000,+6590000001"));
        assert!(holds_several_msisdns("6590000000 ;; 6590000001"));
        assert!(holds_several_msisdns("6590000000\u{3000}6590000001"));
        assert!(!holds_several_msisdns("6590000000, oops"));
        assert!(!holds_several_msisdns("6590000000"));
    }
}
