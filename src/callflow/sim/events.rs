//! The JSON of every line the simulator prints (SIM.md §4), keys in the documented order.

use super::legs::Leg;
use crate::callflow::json::{Json, Number, Object};
use crate::callflow::print::write_compact;
use crate::callflow::verdict::Response;

/// Where a line goes: the API's answer, one of the three webhooks, or the trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Response,
    Vcs,
    Vca,
    Vss,
    Trace,
}

impl Channel {
    pub fn name(self) -> &'static str {
        match self {
            Channel::Response => "response",
            Channel::Vcs => "vcs",
            Channel::Vca => "vca",
            Channel::Vss => "vss",
            Channel::Trace => "trace",
        }
    }
}

/// One printed line: `{"t", "to", "event", "reply"?}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub t: u64,
    pub channel: Channel,
    pub event: Json,
    /// Only on `vca` lines: the responder's answer as given.
    pub reply: Option<Json>,
}

impl Line {
    pub fn new(t: u64, channel: Channel, event: Json) -> Line {
        Line {
            t,
            channel,
            event,
            reply: None,
        }
    }

    /// The whole line as one JSON object.
    pub fn to_json(&self) -> Json {
        let mut members = vec![
            ("t", Json::integer(self.t as i64)),
            ("to", Json::string(self.channel.name())),
            ("event", self.event.clone()),
        ];
        if let Some(reply) = &self.reply {
            members.push(("reply", reply.clone()));
        }
        object(members)
    }

    /// The compact line, without its newline.
    pub fn write(&self, out: &mut String) {
        out.push_str("{\"t\":");
        out.push_str(&self.t.to_string());
        out.push_str(",\"to\":\"");
        out.push_str(self.channel.name());
        out.push_str("\",\"event\":");
        write_compact(out, &self.event);
        if let Some(reply) = &self.reply {
            out.push_str(",\"reply\":");
            write_compact(out, reply);
        }
        out.push('}');
    }

    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

/// What every event about a session shares.
pub struct SessionFacts<'a> {
    pub session_id: &'a str,
    pub subaccount: &'a str,
}

/// An object from members the caller knows to be distinct: no search for repeated keys.
pub(crate) fn object<'k>(members: impl IntoIterator<Item = (&'k str, Json)>) -> Json {
    let mut object = Object::default();
    for (key, value) in members {
        object.push_unchecked(key.to_owned(), value);
    }
    Json::Object(object)
}

fn country(code: Option<&str>) -> Json {
    code.map_or(Json::Null, Json::string)
}

fn number(value: u64) -> Json {
    Json::integer(value as i64)
}

pub fn created_response(session_id: &str, request_id: &str, valid_until: Option<&str>) -> Json {
    let mut members = vec![
        ("sessionId", Json::string(session_id)),
        ("sessionStatus", Json::string("CREATED")),
        ("callFlowRequestId", Json::string(request_id)),
    ];
    if let Some(valid_until) = valid_until {
        members.push(("validUntil", Json::string(valid_until)));
    }
    members.push(("statusCode", Json::integer(1)));
    members.push(("statusMessage", Json::string("Created")));
    object(members)
}

pub fn refused_response(request_id: &str, response: &Response) -> Json {
    object([
        ("sessionStatus", Json::string("NOT_CREATED")),
        ("callFlowRequestId", Json::string(request_id)),
        (
            "statusCode",
            Json::integer(i64::from(response.code.number())),
        ),
        ("statusMessage", Json::string(response.message.as_str())),
    ])
}

/// The members that open every VCS and VCA payload, in the documented order: the event,
/// the session, the status, then who calls whom.
fn leg_event(
    session: &SessionFacts,
    event_id: String,
    call_status: &'static str,
    leg: &Leg,
) -> Vec<(&'static str, Json)> {
    vec![
        ("eventId", Json::string(event_id)),
        ("callId", Json::string(leg.call_id.as_str())),
        ("sessionId", Json::string(session.session_id)),
        ("subAccountId", Json::string(session.subaccount)),
        ("callStatus", Json::string(call_status)),
        ("callDirection", Json::string("OUTBOUND")),
        ("callType", Json::string("PSTN")),
        ("source", Json::string(leg.source.as_str())),
        ("destination", Json::string(leg.destination.as_str())),
        ("sourceFormat", Json::string("MSISDN")),
        ("destinationFormat", Json::string("MSISDN")),
        ("sourceCountryCode", country(leg.source_country)),
        ("destinationCountryCode", country(leg.destination_country)),
    ]
}

/// One call-status event about a leg.
pub struct CallStatus<'a> {
    pub event_id: String,
    pub status: &'static str,
    pub duration: u64,
    pub dtmf: Option<char>,
    pub sip_code: u16,
    pub timestamp: String,
    pub leg: &'a Leg,
}

pub fn vcs(session: &SessionFacts, status: CallStatus) -> Json {
    let mut payload = leg_event(session, status.event_id, status.status, status.leg);
    payload.push(("callDuration", number(status.duration)));
    if let Some(key) = status.dtmf {
        payload.push((
            "eventData",
            object([("dtmf", Json::string(key.to_string()))]),
        ));
    }
    payload.push(("sipCode", number(u64::from(status.sip_code))));
    payload.push(("timestamp", Json::string(status.timestamp)));
    object([
        ("payload", object(payload)),
        ("namespace", Json::string("VOICE")),
        ("eventType", Json::string("CALL_STATUS")),
        ("description", Json::string("Status update of a call")),
    ])
}

/// One call-action event: a callflow has run its last action.
pub struct CallAction<'a> {
    pub event_id: String,
    pub dtmf: Option<&'a str>,
    pub timestamp: String,
    pub client_action_id: Option<&'a str>,
    pub leg: &'a Leg,
}

pub fn vca(session: &SessionFacts, action: CallAction) -> Json {
    let mut payload = leg_event(session, action.event_id, "ACTION_COMPLETED", action.leg);
    payload.extend([
        ("sourceRefId", Json::Null),
        ("destinationRefId", Json::Null),
        ("callDuration", Json::integer(0)),
        (
            "eventData",
            object([("dtmf", action.dtmf.map_or(Json::Null, Json::string))]),
        ),
        ("sipCode", Json::integer(200)),
        ("timestamp", Json::string(action.timestamp)),
    ]);
    if let Some(id) = action.client_action_id {
        payload.push(("clientActionId", Json::string(id)));
    }
    object([
        ("namespace", Json::string("VOICE")),
        ("eventType", Json::string("CALL_ACTION")),
        ("description", Json::string("Action request of a call")),
        ("payload", object(payload)),
    ])
}

/// The session summary, the last line of every run.
pub struct Summary<'a> {
    pub status: &'static str,
    pub start_time: String,
    pub end_time: String,
    pub last_action: &'static str,
    pub client_request_id: Option<&'a str>,
    pub error: Option<(i32, &'static str)>,
    /// Each leg with its `initiatedTimestamp`, `connectedTimestamp` and
    /// `disconnectedTimestamp`, in the summary's form.
    pub legs: Vec<(&'a Leg, String, Option<String>, String)>,
}

pub fn vss(session: &SessionFacts, summary: Summary) -> Json {
    let mut payload = vec![
        ("sessionId", Json::string(session.session_id)),
        ("subAccountId", Json::string(session.subaccount)),
        ("sessionStatus", Json::string(summary.status)),
        ("startTime", Json::string(summary.start_time)),
        ("endTime", Json::string(summary.end_time)),
        ("lastAction", Json::string(summary.last_action)),
        ("callCount", number(summary.legs.len() as u64)),
    ];
    if let Some(id) = summary.client_request_id {
        payload.push(("clientRequestId", Json::string(id)));
    }
    if let Some((code, message)) = summary.error {
        payload.push((
            "errorDetails",
            object([
                ("errorMsg", Json::string(message)),
                ("errorCode", Json::integer(i64::from(code))),
            ]),
        ));
    }
    let details = summary.legs.into_iter().zip(["callA", "callB"]).map(
        |((leg, initiated, connected, disconnected), name)| {
            (name, leg_summary(leg, initiated, connected, disconnected))
        },
    );
    payload.push(("details", object(details)));
    object([
        ("payload", object(payload)),
        ("namespace", Json::string("VOICE")),
        ("eventType", Json::string("SESSION_SUMMARY")),
        (
            "description",
            Json::string("Summary of a completed call session"),
        ),
        ("version", Json::integer(5)),
    ])
}

fn leg_summary(
    leg: &Leg,
    initiated: String,
    connected: Option<String>,
    disconnected: String,
) -> Json {
    let mut members = vec![
        ("callId", Json::string(leg.call_id.as_str())),
        ("callDirection", Json::string("OUTBOUND")),
        ("callType", Json::string("PSTN")),
        ("initiatedTimestamp", Json::string(initiated)),
    ];
    let connected_leg = connected.is_some();
    if let Some(connected) = connected {
        members.push(("connectedTimestamp", Json::string(connected)));
    }
    members.extend([
        ("disconnectedTimestamp", Json::string(disconnected)),
        ("source", Json::string(leg.source.as_str())),
        ("destination", Json::string(leg.destination.as_str())),
        ("sourceFormat", Json::string("MSISDN")),
        ("destinationFormat", Json::string("MSISDN")),
        ("sourceCountryCode", country(leg.source_country)),
        ("destinationCountryCode", country(leg.destination_country)),
        (
            "callStatus",
            Json::string(leg.ended.map_or("COMPLETED", |(_, end)| end.status())),
        ),
        ("callDuration", number(leg.duration_seconds())),
    ]);
    if connected_leg {
        // The value of every documented sample: quality is not simulated.
        members.push((
            "callQuality",
            object([
                (
                    "mos",
                    Json::Number(Number::from_checked_literal("4.5", 4.5)),
                ),
                ("packetLossRate", Json::integer(0)),
                ("jitter", Json::integer(20)),
            ]),
        ));
    }
    object(members)
}

/// Trace events (SIM.md §5 `--trace`).
pub mod trace {
    use super::{number, object};
    use crate::callflow::json::Json;

    pub fn action(flow: u64, index: usize, name: &str) -> Json {
        object([
            ("what", Json::string("action")),
            ("flow", number(flow)),
            ("index", number(index as u64)),
            ("action", Json::string(name)),
        ])
    }

    /// `source_key` is `text`, or `fileUrl` for a file.
    pub fn play(kind: &str, source_key: &str, source: &str, ms: u64) -> Json {
        object([
            ("what", Json::string("play")),
            ("kind", Json::string(kind)),
            (source_key, Json::string(source)),
            ("ms", number(ms)),
        ])
    }

    pub fn window_open(try_number: u64) -> Json {
        object([
            ("what", Json::string("window")),
            ("try", number(try_number)),
            ("state", Json::string("open")),
        ])
    }

    pub fn window_closed(try_number: u64, state: &str, digits: &str, ok: bool) -> Json {
        object([
            ("what", Json::string("window")),
            ("try", number(try_number)),
            ("state", Json::string(state)),
            ("digits", Json::string(digits)),
            ("ok", Json::Bool(ok)),
        ])
    }

    pub fn ignored(key: char) -> Json {
        object([
            ("what", Json::string("ignored")),
            ("key", Json::string(key.to_string())),
        ])
    }
}
