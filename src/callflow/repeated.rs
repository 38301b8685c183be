//! Keys a file gives twice. The API (and the document) keep the last value; the earlier
//! one is still in the file until a save rewrites it, so the builder warns of it as
//! `validate --all` does and asks before the save that drops it.

use super::json::Json;
use super::parse::Parsed;
use super::path::JsonPath;
use super::print::to_compact;

/// A key given more than once, and the value given before the one that counts.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatedKey {
    pub path: JsonPath,
    pub overridden: Json,
}

/// The repeated keys a parse listed, each with the value that a rewrite would lose.
pub fn repeated_keys(parsed: &Parsed) -> Vec<RepeatedKey> {
    parsed
        .repeated_keys
        .iter()
        .zip(&parsed.overridden_values)
        .map(|(path, overridden)| RepeatedKey {
            path: path.clone(),
            overridden: overridden.clone(),
        })
        .collect()
}

/// How long a lost value is quoted in a question before it is cut.
const QUOTED_CHARACTERS: usize = 40;

/// One sentence naming the first key and the value a save would drop, and how many more.
pub fn loss(keys: &[RepeatedKey]) -> Option<String> {
    let first = keys.first()?;
    let mut value = to_compact(&first.overridden);
    if value.chars().count() > QUOTED_CHARACTERS {
        value = value.chars().take(QUOTED_CHARACTERS).collect::<String>() + "…";
    }
    let more = match keys.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more repeated key)".to_owned(),
        n => format!(" (and {n} more repeated keys)"),
    };
    Some(format!(
        "{} is given twice: saving keeps the last value and drops the earlier {value}{more}",
        first.path
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::parse::parse;

    #[test]
    fn the_earlier_value_of_each_repeated_key_is_kept() {
        let parsed = parse(r#"{"a": 1, "b": {"c": "x", "c": "y", "c": "z"}, "a": 2}"#).unwrap();
        let keys = repeated_keys(&parsed);
        let listed: Vec<(String, String)> = keys
            .iter()
            .map(|k| (k.path.to_string(), to_compact(&k.overridden)))
            .collect();
        assert_eq!(
            listed,
            [
                ("$.b.c".to_owned(), "\"x\"".to_owned()),
                ("$.b.c".to_owned(), "\"y\"".to_owned()),
                ("$.a".to_owned(), "1".to_owned()),
            ]
        );
        assert_eq!(
            loss(&keys).unwrap(),
            "$.b.c is given twice: saving keeps the last value and drops the earlier \"x\" (and 2 more repeated keys)"
        );
        assert_eq!(loss(&[]), None);
    }
}
