//! Sending a callflow for real and keeping every answer the validator did not predict.
//! It blocks, and returns a plain value: the command line calls it directly, and the
//! builder can call it from a background thread and show the result when it arrives.

use super::api::Api;
use crate::callflow::difference::{self, ApiAnswer};
use crate::callflow::{Instant, Response};
use std::path::PathBuf;

/// What became of a request that reached the API.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub answer: ApiAnswer,
    /// `None` when the API answered the predicted `statusCode`.
    pub difference: Option<Recorded>,
}

/// Where a difference went.
#[derive(Clone, Debug, PartialEq)]
pub enum Recorded {
    /// Appended to the journal at this path.
    Journal(PathBuf),
    /// The journal could not be written, and why; the answer itself is still good.
    NotRecorded(String),
}

/// Posts `body` (the exact bytes, as the printer wrote them), compares the API's
/// `statusCode` with `offline`, the validator's answer for the same bytes, and journals a
/// difference. `now` stamps the journal line. `Err` is a failure to ask, in one line.
pub fn send_callflow(
    api: &Api,
    body: &str,
    offline: &Response,
    now: Instant,
) -> Result<Sent, String> {
    let answer = api.post_callflow(body)?;
    let difference = difference::differs(offline, &answer).then(|| {
        let line = difference::record(now, body, offline, &answer, env!("CARGO_PKG_VERSION"));
        match super::journal::append(&line) {
            Ok(path) => Recorded::Journal(path),
            Err(reason) => Recorded::NotRecorded(reason),
        }
    });
    Ok(Sent { answer, difference })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::StatusCode;
    use crate::io::credentials::{ApiKey, ApiSettings};
    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::time::Duration;

    /// Answers one connection on 127.0.0.1 with `answer` and returns the address.
    fn one_answer_server(answer: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut request = Vec::new();
            let mut buffer = [0; 4096];
            // The request is small: read until its body (after the blank line) has come.
            while let Ok(count) = stream.read(&mut buffer) {
                request.extend_from_slice(&buffer[..count]);
                if count == 0 || request.ends_with(b"}\n") {
                    break;
                }
            }
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        });
        address
    }

    #[test]
    fn a_background_thread_can_send_and_hand_back_a_plain_value() {
        let base = one_answer_server(
            r#"{"sessionId":"s","sessionStatus":"CREATED","statusCode":1,"statusMessage":"Created"}"#,
        );
        let api = Api::new(ApiSettings {
            base,
            subaccount: "acme".to_owned(),
            key: ApiKey::new("a-key-for-the-test").unwrap(),
            timeout: Duration::from_secs(5),
        });
        let offline = Response {
            code: StatusCode::Created,
            message: "Created".to_owned(),
        };
        let worker = std::thread::spawn(move || {
            send_callflow(
                &api,
                "{\"callflow\": []}\n",
                &offline,
                Instant::from_unix_seconds(0),
            )
        });
        let sent = worker.join().unwrap().unwrap();
        assert!(sent.answer.is_created());
        assert_eq!(sent.answer.http_status, 200);
        assert_eq!(
            sent.difference, None,
            "the prediction held: nothing journalled"
        );
    }
}
