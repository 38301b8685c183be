//! Messages that echo what the user typed (a path, an instant, a code, a template name)
//! must not let those characters act on the terminal: `validate "$(printf 'x\033]2;T\007')"`
//! would otherwise retitle the window. Every headless message goes through [`escaped`].

use std::fmt::Write;

/// The text with every character a terminal would act on written as a visible escape:
/// C0 controls (but tab), DEL and C1 controls as `\x1b`, and the bidirectional controls
/// that reorder a line as `\u{202e}`. Everything else, non-ASCII included, is kept.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_nothing_else_changes() {
        assert_eq!(escaped("x\u{1b}]2;T\u{7}"), "x\\x1b]2;T\\x07");
        assert_eq!(escaped("a\nb\rc\u{9b}d\u{7f}"), "a\\x0ab\\x0dc\\x9bd\\x7f");
        assert_eq!(escaped("évite\ttab"), "évite\ttab");
        assert_eq!(escaped("abc\u{202e}def"), "abc\\u{202e}def");
    }
}
