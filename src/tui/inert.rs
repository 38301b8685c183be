//! Text from the document is drawn inert: nothing in it can reach the terminal as a
//! control sequence or reorder the screen.

/// Replaces what a terminal would act on with visible symbols: C0 controls become their
/// Control Pictures (␛ for ESC), DEL ␡, C1 controls and bidirectional controls a
/// visible ⍰, and a tab or line break ⇥ / ↵ so one field stays one line.
pub fn inert(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// Like [`inert`] but keeps tabs and line breaks, for multi-line views.
pub fn inert_multiline(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' {
                c
            } else if c == '\t' {
                ' '
            } else {
                visible(c)
            }
        })
        .collect()
}

fn visible(c: char) -> char {
    match c {
        '\t' => '⇥',
        '\n' => '↵',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('⍰'),
        '\u{7f}' => '␡',
        '\u{80}'..='\u{9f}' => '⍰',
        c if is_bidi_control(c) => '⍰',
        c => c,
    }
}

/// Characters that change the direction of the text around them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_symbols() {
        assert_eq!(inert("\u{1b}[31mred\u{7}"), "␛[31mred␇");
        assert_eq!(inert("a\u{202e}b\u{9b}c"), "a⍰b⍰c");
        assert_eq!(inert("line\nnext\ttab"), "line↵next⇥tab");
        assert_eq!(inert("漢字 😀"), "漢字 😀");
    }

    #[test]
    fn nothing_inert_is_a_control_character() {
        let all: String = (0u32..0x300).filter_map(char::from_u32).collect();
        assert!(!inert(&all).chars().any(char::is_control));
        assert!(
            !inert_multiline(&all)
                .chars()
                .any(|c| c.is_control() && c != '\n')
        );
    }
}
