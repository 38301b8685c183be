//! The HTTP transport to the 8x8 Voice API: blocking (ureq, rustls), with a connect timeout
//! and an overall timeout, and the proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY`, `NO_PROXY`) honoured as ureq reads them.
//!
//! A refusal of a callflow is an *answer* (the API looked at the request and said no);
//! everything else that is not a success is a *failure to ask*, told in one line that says
//! what to do.

use super::credentials::{ApiSettings, KEY_VARIABLE, SUBACCOUNT_VARIABLE, TIMEOUT_VARIABLE};
use crate::callflow::difference::ApiAnswer;
use serde_json::Value;
use std::time::Duration;

/// An answer larger than this is not from the Voice API, whose answers are a few kilobytes
/// (a speech-profile list included).
const MAX_ANSWER_BYTES: u64 = 4 * 1024 * 1024;

/// Connecting takes at most this long, however generous the overall timeout.
const MAX_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A client for one subaccount.
pub struct Api {
    agent: ureq::Agent,
    settings: ApiSettings,
}

/// What came back over HTTP, before it is judged.
struct Reply {
    status: u16,
    body: Vec<u8>,
}

impl Api {
    pub fn new(settings: ApiSettings) -> Api {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .timeout_connect(Some(settings.timeout.min(MAX_CONNECT_TIMEOUT)))
            // Every status is judged here, so each gets its own advice.
            .http_status_as_error(false)
            // A redirected POST could place the call somewhere unexpected: never follow.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(format!("callflow/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Api { agent, settings }
    }

    pub fn settings(&self) -> &ApiSettings {
        &self.settings
    }

    /// `GET /api/v1/subaccounts/{id}/{resource}`: the answer's JSON, or why there is none.
    pub fn get(&self, resource: &str) -> Result<Value, String> {
        let url = self.url(resource);
        let request = self
            .agent
            .get(&url)
            .header("Authorization", self.settings.key.bearer())
            .header("Accept", "application/json");
        let reply = self.exchange(request.call())?;
        if !(200..300).contains(&reply.status) {
            return Err(self.status_failure(&reply));
        }
        json_object(&reply.body).ok_or_else(|| self.not_json(reply.status))
    }

    /// `POST /api/v1/subaccounts/{id}/callflows` with `body` as it is. A success and a
    /// refusal (HTTP 400 or 422) whose JSON carries a `statusCode` are answers.
    pub fn post_callflow(&self, body: &str) -> Result<ApiAnswer, String> {
        let url = self.url("callflows");
        let request = self
            .agent
            .post(&url)
            .header("Authorization", self.settings.key.bearer())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
        let reply = self.exchange(request.send(body.as_bytes()))?;
        let refusal = matches!(reply.status, 400 | 422);
        if !(200..300).contains(&reply.status) && !refusal {
            return Err(self.status_failure(&reply));
        }
        let answer = json_object(&reply.body).ok_or_else(|| self.not_json(reply.status))?;
        // Every answer of the Voice API carries its statusCode; JSON without one comes from
        // something else, and must not be journalled as a difference.
        if answer.get("statusCode").and_then(Value::as_i64).is_none() {
            return Err(if refusal {
                self.status_failure(&reply)
            } else {
                format!(
                    "the answer (HTTP {}) has no statusCode; check that --api-base ({}) points at the 8x8 Voice API",
                    reply.status, self.settings.base
                )
            });
        }
        Ok(ApiAnswer {
            http_status: reply.status,
            body: answer,
        })
    }

    fn url(&self, resource: &str) -> String {
        format!(
            "{}/api/v1/subaccounts/{}/{resource}",
            self.settings.base, self.settings.subaccount
        )
    }

    /// Reads the whole reply, or says why the exchange failed.
    fn exchange(
        &self,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Reply, String> {
        let mut response = sent.map_err(|error| self.transport_failure(&error))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|error| self.transport_failure(&error))?;
        Ok(Reply { status, body })
    }

    fn transport_failure(&self, error: &ureq::Error) -> String {
        let base = &self.settings.base;
        match error {
            ureq::Error::Timeout(_) => format!(
                "no answer from {base} within {} ms; check the network, or raise {TIMEOUT_VARIABLE}",
                self.settings.timeout.as_millis()
            ),
            // std reports a failed name lookup as a plain I/O error, told by its words.
            ureq::Error::HostNotFound => self.host_not_found(),
            ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
                self.host_not_found()
            }
            ureq::Error::ConnectionFailed => format!(
                "could not connect to {base}; check the address (--api-base, CALLFLOW_API_BASE) and the network"
            ),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => format!(
                "could not connect to {base} (connection refused); check the address (--api-base, CALLFLOW_API_BASE)"
            ),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => format!(
                "no answer from {base} within {} ms; check the network, or raise {TIMEOUT_VARIABLE}",
                self.settings.timeout.as_millis()
            ),
            ureq::Error::Io(io) => format!(
                "the connection to {base} failed ({}); try again",
                super::file::describe(io)
            ),
            ureq::Error::InvalidProxyUrl | ureq::Error::ConnectProxyFailed(_) => format!(
                "the proxy failed ({error}); check HTTPS_PROXY / HTTP_PROXY, or list the host in NO_PROXY"
            ),
            ureq::Error::BodyExceedsLimit(_) => format!(
                "the answer from {base} is larger than the API ever sends; check the address (--api-base)"
            ),
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => format!(
                "no secure connection to {base} ({error}); check the system clock and any proxy"
            ),
            other => format!("the request to {base} failed ({other}); try again"),
        }
    }

    fn host_not_found(&self) -> String {
        format!(
            "could not find the host of {}; check the address (--api-base, CALLFLOW_API_BASE) and the network",
            self.settings.base
        )
    }

    /// A status that is neither success nor refusal, with what to do about it.
    fn status_failure(&self, reply: &Reply) -> String {
        let status = reply.status;
        let said = api_message(&reply.body)
            .map(|message| format!(": \"{message}\""))
            .unwrap_or_default();
        let subaccount = &self.settings.subaccount;
        match status {
            401 | 403 => format!(
                "the API refused the key (HTTP {status}{said}); check {KEY_VARIABLE} and that the key belongs to subaccount \"{subaccount}\""
            ),
            404 => format!(
                "not found (HTTP 404{said}): check the subaccount \"{subaccount}\" ({SUBACCOUNT_VARIABLE}, --subaccount) and the address (--api-base)"
            ),
            429 => format!("too many requests (HTTP 429{said}); wait a minute and try again"),
            300..=399 => format!(
                "the API answered with a redirect (HTTP {status}); point --api-base at the final address"
            ),
            500..=599 => format!(
                "the API failed (HTTP {status}{said}); try again later, and report it to 8x8 if it lasts"
            ),
            _ => format!("the API answered HTTP {status}{said}, which callflow does not expect"),
        }
    }

    fn not_json(&self, status: u16) -> String {
        format!(
            "the API answered HTTP {status} with a body that is not JSON; check that --api-base ({}) points at the 8x8 Voice API",
            self.settings.base
        )
    }
}

/// The body as a JSON object; `None` for anything else.
fn json_object(body: &[u8]) -> Option<Value> {
    serde_json::from_slice::<Value>(body)
        .ok()
        .filter(Value::is_object)
}

/// The API's own words about a failure, when its body is JSON that has some: shortened,
/// on one line, and without control characters, since it goes to the terminal.
fn api_message(body: &[u8]) -> Option<String> {
    let answer = json_object(body)?;
    let message = ["statusMessage", "message", "error"]
        .iter()
        .find_map(|key| answer.get(key)?.as_str())?;
    let clean: String = message
        .chars()
        .filter(|c| !c.is_control())
        .take(160)
        .collect();
    Some(clean).filter(|text| !text.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_message_is_short_and_inert() {
        assert_eq!(
            api_message(br#"{"statusMessage": "SubAccount not found by Id"}"#).as_deref(),
            Some("SubAccount not found by Id")
        );
        assert_eq!(
            api_message(b"{\"message\": \"a\\u001b[31mb\"}").as_deref(),
            Some("a[31mb")
        );
        assert_eq!(api_message(b"<html>"), None);
        let long = format!("{{\"error\": \"{}\"}}", "x".repeat(500));
        assert_eq!(api_message(long.as_bytes()).unwrap().len(), 160);
    }
}
