//! A difference between the offline verdict and the API's real answer: each one is a rule
//! the validator may have wrong, so it is kept as one JSON line for the user to report.
//! Building and reading the line is pure; the journal file lives in `io::journal`.

use super::datetime::Instant;
use super::hash::fnv1a;
use super::verdict::Response;
use serde_json::{Map, Value, json};

/// What the API answered to a request that reached it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiAnswer {
    /// The HTTP status of the answer (201, 400, 422…).
    pub http_status: u16,
    /// The answer's JSON body, as it came.
    pub body: Value,
}

impl ApiAnswer {
    /// The answer's `statusCode`, when it carries an integer one.
    pub fn status_code(&self) -> Option<i64> {
        self.body.get("statusCode").and_then(Value::as_i64)
    }

    /// Whether the API created a session (a real call is on its way).
    pub fn is_created(&self) -> bool {
        self.body.get("sessionStatus").and_then(Value::as_str) == Some("CREATED")
    }
}

/// Whether the API's `statusCode` differs from the one the validator predicted.
pub fn differs(offline: &Response, answer: &ApiAnswer) -> bool {
    answer.status_code() != Some(i64::from(offline.code.number()))
}

/// A short, stable name for a request: the FNV-1a hash of its bytes, in hex. Two reports
/// of the same request carry the same name.
pub fn request_hash(body: &[u8]) -> String {
    format!("fnv1a64:{:016x}", fnv1a(body))
}

/// The journal line (without its newline) for one difference. The request is kept as the
/// exact text that was sent, so nothing about it is lost or reformatted.
pub fn record(
    time: Instant,
    body: &str,
    offline: &Response,
    answer: &ApiAnswer,
    version: &str,
) -> String {
    let line = json!({
        "time": time.to_rfc3339(),
        "requestHash": request_hash(body.as_bytes()),
        "offline": {
            "sessionStatus": offline.session_status(),
            "statusCode": offline.code.number(),
            "statusMessage": offline.message,
        },
        "api": {"httpStatus": answer.http_status, "answer": answer.body},
        "version": version,
        "request": body,
    });
    line.to_string()
}

/// One journal line as `callflow differences` lists it: when, which request, what the
/// validator said, what the API said. A line that is not a record says so instead.
pub fn readable(line: &str) -> String {
    let Ok(Value::Object(record)) = serde_json::from_str::<Value>(line) else {
        return "(a line that is not a difference record)".to_owned();
    };
    let text = |value: Option<&Value>| match value {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => "?".to_owned(),
    };
    let verdict = |object: Option<&Map<String, Value>>| match object {
        Some(object) => format!(
            "{} {}",
            text(object.get("statusCode")),
            text(object.get("statusMessage"))
        ),
        None => "?".to_owned(),
    };
    let offline = record.get("offline").and_then(Value::as_object);
    let answer = record
        .get("api")
        .and_then(|api| api.get("answer"))
        .and_then(Value::as_object);
    format!(
        "{}  {}  callflow {}: predicted {}; the API answered {}",
        text(record.get("time")),
        text(record.get("requestHash")),
        text(record.get("version")),
        verdict(offline),
        verdict(answer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::StatusCode;

    fn created() -> Response {
        Response {
            code: StatusCode::Created,
            message: "Created".to_owned(),
        }
    }

    fn refused(code: i64, message: &str) -> ApiAnswer {
        ApiAnswer {
            http_status: 400,
            body: json!({"sessionStatus": "NOT_CREATED", "statusCode": code, "statusMessage": message}),
        }
    }

    #[test]
    fn only_a_different_status_code_is_a_difference() {
        let accepted = ApiAnswer {
            http_status: 200,
            body: json!({"sessionId": "s", "sessionStatus": "CREATED", "statusCode": 1, "statusMessage": "Created"}),
        };
        assert!(!differs(&created(), &accepted));
        assert!(accepted.is_created());
        assert!(differs(
            &created(),
            &refused(-1014, "Source or caller ID is not allowed")
        ));
        let without_code = ApiAnswer {
            http_status: 400,
            body: json!({"sessionStatus": "NOT_CREATED"}),
        };
        assert!(differs(&created(), &without_code));
    }

    #[test]
    fn a_record_holds_both_answers_the_request_and_the_version() {
        let answer = refused(-1014, "Source or caller ID is not allowed");
        let line = record(
            Instant::from_unix_seconds(0),
            "{\n  \"callflow\": []\n}\n",
            &created(),
            &answer,
            "0.1.0",
        );
        assert!(!line.contains('\n'), "one line: {line}");
        let parsed: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(parsed["time"], "1970-01-01T00:00:00Z");
        assert_eq!(parsed["offline"]["statusCode"], 1);
        assert_eq!(parsed["api"]["answer"]["statusCode"], -1014);
        assert_eq!(parsed["api"]["httpStatus"], 400);
        assert_eq!(parsed["request"], "{\n  \"callflow\": []\n}\n");
        assert_eq!(parsed["version"], "0.1.0");
        assert_eq!(
            parsed["requestHash"],
            request_hash(b"{\n  \"callflow\": []\n}\n")
        );
        assert_eq!(
            readable(&line),
            "1970-01-01T00:00:00Z  fnv1a64:".to_owned()
                + &format!("{:016x}", fnv1a(b"{\n  \"callflow\": []\n}\n"))
                + "  callflow 0.1.0: predicted 1 Created; the API answered -1014 Source or caller ID is not allowed"
        );
    }

    #[test]
    fn a_damaged_line_is_named_not_fatal() {
        assert_eq!(readable("{"), "(a line that is not a difference record)");
        assert!(readable("{}").contains("predicted ?"));
    }
}
