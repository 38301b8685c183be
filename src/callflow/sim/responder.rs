//! The customer's webhook, scripted (SIM.md §5 `--responder`): rules that pick the reply to
//! each Voice Call Action.

use crate::callflow::json::Json;
use crate::callflow::parse::parse;

/// What the webhook answers a VCA with.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// A callflow body, `{"clientActionId"?, "callflow": [...]}`, as written.
    Callflow(Json),
    /// HTTP 200 without a body.
    NoInstructions,
    /// An error status, or no answer at all.
    Failure,
}

impl Reply {
    /// The reply as the `vca` line shows it: the object, `null` or `"error"`.
    pub fn to_json(&self) -> Json {
        match self {
            Reply::Callflow(body) => body.clone(),
            Reply::NoInstructions => Json::Null,
            Reply::Failure => Json::string("error"),
        }
    }
}

/// What a rule can match on: the VCA's position in the session and its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VcaFacts {
    /// 1 for the session's first VCA.
    pub position: u64,
    pub client_action_id: Option<String>,
    pub dtmf: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
struct Rule {
    position: Option<u64>,
    client_action_id: Option<Option<String>>,
    dtmf: Option<Option<String>>,
    reply: Reply,
}

impl Rule {
    fn matches(&self, vca: &VcaFacts) -> bool {
        self.position.is_none_or(|n| n == vca.position)
            && self
                .client_action_id
                .as_ref()
                .is_none_or(|id| *id == vca.client_action_id)
            && self.dtmf.as_ref().is_none_or(|dtmf| *dtmf == vca.dtmf)
    }
}

/// The rules, first match wins; no rule (or no file) means no instructions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Responder {
    rules: Vec<Rule>,
}

impl Responder {
    /// Reads a responder file; the error is one line saying what is wrong.
    pub fn from_json(text: &str) -> Result<Responder, String> {
        let root = parse(text)
            .map_err(|error| format!("not valid JSON ({error})"))?
            .value;
        let root = root.as_object().ok_or("not a JSON object")?;
        if let Some(key) = root.keys().find(|key| *key != "rules") {
            return Err(format!("unknown key \"{key}\" (only \"rules\")"));
        }
        let rules = root
            .get("rules")
            .ok_or("no \"rules\" array")?
            .as_array()
            .ok_or("\"rules\" must be an array")?;
        let rules = rules
            .iter()
            .enumerate()
            .map(|(index, rule)| {
                read_rule(rule).map_err(|why| format!("rule {}: {why}", index + 1))
            })
            .collect::<Result<_, _>>()?;
        Ok(Responder { rules })
    }

    /// The answer to a VCA.
    pub fn reply(&self, vca: &VcaFacts) -> Reply {
        self.rules
            .iter()
            .find(|rule| rule.matches(vca))
            .map_or(Reply::NoInstructions, |rule| rule.reply.clone())
    }
}

fn read_rule(rule: &Json) -> Result<Rule, String> {
    let rule = rule.as_object().ok_or("not an object")?;
    if let Some(key) = rule
        .keys()
        .find(|key| !matches!(*key, "vca" | "clientActionId" | "dtmf" | "reply"))
    {
        return Err(format!(
            "unknown key \"{key}\" (vca, clientActionId, dtmf, reply)"
        ));
    }
    Ok(Rule {
        position: rule.get("vca").map(read_position).transpose()?,
        client_action_id: rule
            .get("clientActionId")
            .map(|v| string_or_null(v, "clientActionId"))
            .transpose()?,
        dtmf: rule
            .get("dtmf")
            .map(|v| string_or_null(v, "dtmf"))
            .transpose()?,
        reply: read_reply(rule.get("reply").ok_or("no \"reply\"")?)?,
    })
}

fn read_position(value: &Json) -> Result<u64, String> {
    value
        .as_number()
        .filter(|number| number.is_integer())
        .and_then(|number| number.text().parse::<u64>().ok())
        .filter(|&n| n >= 1)
        .ok_or_else(|| "\"vca\" must be an integer from 1 (the n-th VCA)".to_owned())
}

fn string_or_null(value: &Json, key: &str) -> Result<Option<String>, String> {
    match value {
        Json::Null => Ok(None),
        Json::String(text) => Ok(Some(text.clone())),
        _ => Err(format!("\"{key}\" must be a string or null")),
    }
}

fn read_reply(value: &Json) -> Result<Reply, String> {
    match value {
        Json::Object(_) => Ok(Reply::Callflow(value.clone())),
        Json::Null => Ok(Reply::NoInstructions),
        Json::String(text) if text == "error" => Ok(Reply::Failure),
        _ => Err("\"reply\" must be a callflow body object, null or \"error\"".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(position: u64, id: Option<&str>, dtmf: Option<&str>) -> VcaFacts {
        VcaFacts {
            position,
            client_action_id: id.map(str::to_owned),
            dtmf: dtmf.map(str::to_owned),
        }
    }

    #[test]
    fn the_first_matching_rule_answers() {
        let responder = Responder::from_json(
            r#"{"rules": [
                {"clientActionId": null, "dtmf": "1", "reply": {"callflow": [{"action": "hangup"}]}},
                {"vca": 3, "reply": "error"},
                {"dtmf": null, "reply": null},
                {"reply": {"callflow": []}}
            ]}"#,
        )
        .unwrap();
        assert!(matches!(
            responder.reply(&facts(1, None, Some("1"))),
            Reply::Callflow(_)
        ));
        assert_eq!(
            responder.reply(&facts(3, Some("x"), Some("1"))),
            Reply::Failure
        );
        assert_eq!(
            responder.reply(&facts(2, Some("x"), None)),
            Reply::NoInstructions
        );
        assert!(matches!(
            responder.reply(&facts(2, Some("x"), Some("9"))),
            Reply::Callflow(_)
        ));
    }

    #[test]
    fn no_rules_means_no_instructions() {
        let responder = Responder::from_json(r#"{"rules": []}"#).unwrap();
        assert_eq!(
            responder.reply(&facts(1, None, None)),
            Reply::NoInstructions
        );
    }

    #[test]
    fn malformed_files_say_why_in_one_line() {
        for text in [
            "",
            "[]",
            "{}",
            r#"{"rules": {}}"#,
            r#"{"rules": [], "extra": 1}"#,
            r#"{"rules": [1]}"#,
            r#"{"rules": [{}]}"#,
            r#"{"rules": [{"reply": "ok"}]}"#,
            r#"{"rules": [{"reply": null, "vca": 0}]}"#,
            r#"{"rules": [{"reply": null, "vca": 1.0}]}"#,
            r#"{"rules": [{"reply": null, "vca": -1}]}"#,
            r#"{"rules": [{"reply": null, "dtmf": 1}]}"#,
            r#"{"rules": [{"reply": null, "when": 1}]}"#,
        ] {
            let error = Responder::from_json(text).unwrap_err();
            assert!(!error.contains('\n'), "{text}: {error}");
        }
    }

    #[test]
    fn a_reply_keeps_its_numbers_as_written() {
        let responder = Responder::from_json(
            r#"{"rules": [{"reply": {"callflow": [{"action": "say", "params": {"speed": 1.50}}]}}]}"#,
        )
        .unwrap();
        let Reply::Callflow(body) = responder.reply(&facts(1, None, None)) else {
            panic!("a callflow reply");
        };
        assert!(crate::callflow::print::to_compact(&body).contains("1.50"));
    }
}
