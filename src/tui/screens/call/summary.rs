//! One event line in a few words, for the list: `t`, where it goes, its status, the leg
//! it is about and the data it carries.

use crate::callflow::Json;
use crate::callflow::print::to_compact;
use crate::callflow::sim::{Channel, Line, Simulation};

/// `   9.9 s vcs      DTMF_RECEIVED A {"dtmf":"7"}`.
pub fn summary(line: &Line, simulation: &Simulation) -> String {
    let event = line.event.as_object();
    let payload = event
        .and_then(|e| e.get("payload"))
        .and_then(Json::as_object)
        .or(event);
    let word = |key: &str| {
        payload
            .and_then(|p| p.get(key))
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let status = [word("callStatus"), word("sessionStatus"), word("what")]
        .into_iter()
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    let leg = match line.channel {
        Channel::Vcs | Channel::Vca => leg_letter(&word("callId"), simulation),
        _ => "",
    };
    let mut detail = payload
        .and_then(|p| p.get("eventData"))
        .map(to_compact)
        .unwrap_or_default();
    if line.channel == Channel::Response {
        detail = format!(
            "{} {}",
            number(payload, "statusCode"),
            word("statusMessage")
        );
    }
    if let Some(reply) = &line.reply {
        detail.push_str(" reply ");
        detail.push_str(&reply_word(reply));
    }
    let head = format!(
        "{:>8} {:<8} {status}",
        super::choices::seconds_tenths(line.t),
        line.channel.name()
    );
    [head.as_str(), leg, detail.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn number(payload: Option<&crate::callflow::json::Object>, key: &str) -> String {
    payload
        .and_then(|p| p.get(key))
        .and_then(Json::as_number)
        .map_or(String::new(), |n| n.text().to_owned())
}

/// `A` for callA's events, `B` for callB's.
fn leg_letter(call_id: &str, simulation: &Simulation) -> &'static str {
    match simulation
        .legs()
        .iter()
        .position(|leg| leg.call_id == call_id)
    {
        Some(0) => "A",
        Some(_) => "B",
        None => "",
    }
}

/// A VCA's reply in a word: a callflow, none, or a failure.
fn reply_word(reply: &Json) -> String {
    match reply {
        Json::Null => "none".to_owned(),
        Json::String(text) => text.clone(),
        _ => "callflow".to_owned(),
    }
}
