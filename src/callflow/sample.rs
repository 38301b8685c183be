//! Large, realistic requests for benchmarks and load tests: a makeCall, then a repeating
//! mix of say, sayAndCapture and playFile, then a hangup. Valid (`1 Created`) at any size.

use super::json::Json;

/// A request with `action_count` actions (at least 2).
pub fn large_request(action_count: usize) -> Json {
    let middle = action_count.saturating_sub(2);
    let mut actions = vec![make_call()];
    // A hangup straight after sayAndCapture is refused (-1012), so the last one speaks.
    actions.extend((0..middle).map(|position| {
        if position + 1 == middle {
            say(position)
        } else {
            middle_action(position)
        }
    }));
    actions.push(Json::object([("action", Json::string("hangup"))]));
    Json::object([("callflow", Json::Array(actions))])
}

fn make_call() -> Json {
    action(
        "makeCall",
        vec![
            ("source", Json::string("+6588000000")),
            ("destination", Json::string("+6590000000")),
        ],
    )
}

fn middle_action(position: usize) -> Json {
    match position % 3 {
        0 => say(position),
        1 => action(
            "sayAndCapture",
            vec![
                (
                    "promptMessage",
                    Json::string("Press 1 for sales, 2 for support."),
                ),
                ("voiceProfile", Json::string("en-US-BenjaminRUS")),
                ("minDigits", Json::integer(1)),
                ("maxDigits", Json::integer(1)),
                ("digitTimeout", Json::integer(5000)),
                ("overallTimeout", Json::integer(15000)),
                ("completeOnHash", Json::Bool(false)),
            ],
        ),
        _ => action(
            "playFile",
            vec![
                (
                    "fileUrl",
                    Json::string(format!("https://example.com/audio/{position}.mp3")),
                ),
                ("repetition", Json::integer(2)),
            ],
        ),
    }
}

fn say(position: usize) -> Json {
    action(
        "say",
        vec![
            (
                "text",
                Json::string(format!(
                    "Message number {position}, please listen carefully."
                )),
            ),
            ("voiceProfile", Json::string("en-GB-Emma")),
            ("repetition", Json::integer(1)),
        ],
    )
}

fn action(name: &str, params: Vec<(&str, Json)>) -> Json {
    Json::object([
        ("action", Json::string(name)),
        ("params", Json::object(params)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::{AccountProfile, Context, Instant, validate};

    #[test]
    fn large_requests_are_created() {
        let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
        for size in [2, 3, 10, 1000] {
            let verdict = validate(&large_request(size), &context);
            assert!(verdict.is_created(), "{size}: {:?}", verdict.deciding());
        }
    }
}
