//! Text from the document is drawn inert: nothing in it can reach the terminal as a
//! control sequence or reorder the screen.

/// Replaces what a terminal would act on with visible symbols: C0 controls become their
/// Control Pictures (␛ for ESC), DEL ␡, C1 controls and bidirectional controls a
/// visible ⍰, and a tab or line break ⇥ / ↵ so one field stays one line.
pub fn inert(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// Whether [`inert`] would change anything in `text`: it holds a character a terminal
/// would act on, or one that starts a cluster whose width terminals disagree on.
pub fn needs_inert(text: &str) -> bool {
    // Printable ASCII is never replaced: a byte scan settles the common case, which
    // matters when the raw editor shows a line of hundreds of kilobytes on every frame.
    !is_printable_ascii(text.as_bytes()) && text.chars().any(|c| visible(c) != c)
}

/// Whether every byte is printable ASCII: such text is drawn as itself, one column a
/// byte, so it can be measured and cut by its length.
pub fn is_printable_ascii(bytes: &[u8]) -> bool {
    bytes.iter().all(|byte| (b' '..=b'~').contains(byte))
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

/// The symbol one character is drawn as.
pub fn visible(c: char) -> char {
    match c {
        '\t' => '⇥',
        '\n' => '↵',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('⍰'),
        '\u{7f}' => '␡',
        '\u{80}'..='\u{9f}' => '⍰',
        c if is_bidi_control(c) => '⍰',
        c if joins_a_cluster_of_disputed_width(c) => '⍰',
        c => c,
    }
}

/// The glue of emoji sequences: a zero-width joiner (👨‍👩‍👧), the variation selectors that
/// ask for text or emoji presentation (❤️), skin-tone modifiers (👍🏽), the keycap mark (1️⃣)
/// and tag characters (subdivision flags). unicode-width measures such a cluster as one
/// glyph of two columns, while terminals draw anything from 1 to 8 cells depending on
/// their fonts, which moves every border after it. Shown as ⍰, each part stands alone with
/// a width that every terminal agrees on; the text itself is never changed.
fn joins_a_cluster_of_disputed_width(c: char) -> bool {
    matches!(c,
        '\u{200d}'
        | '\u{fe0e}' | '\u{fe0f}'
        | '\u{1f3fb}'..='\u{1f3ff}'
        | '\u{20e3}'
        | '\u{e0020}'..='\u{e007f}')
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
    fn emoji_sequences_of_disputed_width_come_apart() {
        assert_eq!(inert("👨\u{200d}👩\u{200d}👧"), "👨⍰👩⍰👧");
        assert_eq!(
            inert("❤\u{fe0f} 👍\u{1f3fd} 1\u{fe0f}\u{20e3}"),
            "❤⍰ 👍⍰ 1⍰⍰"
        );
        assert!(needs_inert("a\u{200d}b") && needs_inert("\u{1b}") && !needs_inert("漢字 😀 é"));
    }

    #[test]
    fn printable_ascii_alone_needs_nothing_and_its_edges_still_count() {
        let printable: String = (b' '..=b'~').map(char::from).collect();
        assert!(!needs_inert(&printable));
        for edge in ["\t", "\u{7f}", "\u{1f}", "x\u{1b}]52;"] {
            assert!(needs_inert(edge), "{edge:?}");
        }
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
