//! The `--press` script (SIM.md §5, §8.4): which keys callA's callee presses, and when,
//! relative to each capture try's window.

/// One token: keys pressed together at one instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// From the try's window opening (first token of a try), or from the previous token's
    /// instant (a `+` token).
    pub wait_ms: i64,
    pub keys: Vec<char>,
}

/// The tokens meant for one capture try: the first is relative to the window opening, the
/// others to the token before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TryPresses {
    pub tokens: Vec<Token>,
}

/// The whole script: one entry per capture try, in the order the tries happen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PressScript {
    pub tries: Vec<TryPresses>,
}

pub fn is_key(c: char) -> bool {
    c.is_ascii_digit() || c == '*' || c == '#'
}

impl PressScript {
    /// Reads space-separated `WAIT:KEYS` and `+WAIT:KEYS` tokens.
    pub fn parse(text: &str) -> Result<PressScript, String> {
        let mut script = PressScript::default();
        for token in text.split_whitespace() {
            let (relative, body) = match token.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, token),
            };
            let Some((wait, keys)) = body.split_once(':') else {
                return Err(format!(
                    "press token \"{token}\" has no ':' (write WAIT:KEYS)"
                ));
            };
            let wait_ms = parse_wait(wait, relative).ok_or_else(|| {
                format!("press token \"{token}\": \"{wait}\" is not a wait in ms")
            })?;
            if let Some(bad) = keys.chars().find(|&c| !is_key(c)) {
                return Err(format!(
                    "press token \"{token}\": '{bad}' is not a key (0-9, * and #)"
                ));
            }
            let token_value = Token {
                wait_ms,
                keys: keys.chars().collect(),
            };
            match (relative, script.tries.last_mut()) {
                (false, _) => script.tries.push(TryPresses {
                    tokens: vec![token_value],
                }),
                (true, Some(current)) => current.tokens.push(token_value),
                (true, None) => {
                    return Err(format!(
                        "press token \"{token}\": a '+' token needs a token before it"
                    ));
                }
            }
        }
        Ok(script)
    }

    pub fn token_count(&self) -> usize {
        self.tries.iter().map(|t| t.tokens.len()).sum()
    }
}

/// An integer number of ms; a `+` wait cannot be negative.
fn parse_wait(text: &str, relative: bool) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let wait: i64 = text.parse().ok()?;
    (!relative || wait >= 0).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_group_into_tries() {
        let script = PressScript::parse("1500:1234# +200:5 -2000:5 0:").unwrap();
        assert_eq!(script.tries.len(), 3);
        assert_eq!(script.tries[0].tokens.len(), 2);
        assert_eq!(script.tries[0].tokens[1].wait_ms, 200);
        assert_eq!(script.tries[1].tokens[0].wait_ms, -2000);
        assert!(script.tries[2].tokens[0].keys.is_empty());
        assert_eq!(script.token_count(), 4);
    }

    #[test]
    fn empty_script_presses_nothing() {
        assert_eq!(PressScript::parse("  ").unwrap(), PressScript::default());
    }

    #[test]
    fn malformed_tokens_say_why() {
        for text in [
            "+100:1",
            "100",
            "x:1",
            "100:1a",
            "+-5:1",
            "1:2 +:3",
            "--1:1",
            "1.5:1",
            "99999999999999999999:1",
        ] {
            let error = PressScript::parse(text).unwrap_err();
            assert!(!error.contains('\n'), "{error}");
        }
    }
}
