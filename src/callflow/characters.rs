//! Characters the API refuses in spoken text (SPEC §4, -1016).

/// Control characters other than tab, line feed and carriage return; the markup
/// characters `<` and `>`; and the replacement character U+FFFD.
pub fn is_forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '<' | '>' | '\u{fffd}' => true,
        _ => false,
    }
}

/// The first forbidden character of a text, if any.
pub fn first_forbidden(text: &str) -> Option<char> {
    text.chars().find(|&c| is_forbidden(c))
}

/// How a character is named in a hint: `'<'`, or `U+0007` when it is invisible.
pub fn describe(c: char) -> String {
    if c.is_control() || c == '\u{fffd}' {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_set_matches_the_spec() {
        for c in [
            '\u{0}', '\u{7}', '\u{1f}', '\u{7f}', '\u{85}', '\u{9f}', '<', '>', '\u{fffd}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', '&', 'é', '\u{a0}', '\u{202e}', '😀'] {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn first_forbidden_finds_the_earliest() {
        assert_eq!(first_forbidden("a <b> \u{7}"), Some('<'));
        assert_eq!(first_forbidden("plain"), None);
        assert_eq!(describe('\u{7}'), "U+0007");
    }
}
