//! The end of a callflow (SIM.md §3.6: the VCA and its reply) and of the session (§2, §3.8:
//! the disconnections and the summary).

use super::{Activity, Flow, Simulation, callflow_of};
use crate::callflow::json::Json;
use crate::callflow::sim::events::{self, CallAction, Channel, Line, Summary};
use crate::callflow::sim::legs::{Leg, LegEnd};
use crate::callflow::sim::reply::check_reply;
use crate::callflow::sim::responder::{Reply, VcaFacts};
use crate::callflow::sim::view::ReplyCheck;

/// How a session ends.
#[derive(Clone, Copy, Debug)]
pub(super) enum Ending {
    /// Every leg `COMPLETED`; `first` is disconnected first.
    Completed { first: usize },
    /// A leg was busy, not answered or failed.
    LegFailed { leg: usize, end: LegEnd },
    /// callA hung up while callB rang.
    Canceled,
    /// An in-call error (SIM §3.8).
    Error { code: i32, message: &'static str },
}

impl Simulation {
    pub(super) fn end_of_flow(&mut self) {
        self.heard = None;
        let has_webhook = self.setup.context.account.has_webhook() != Some(false);
        if !has_webhook && self.flow.capture_callback.is_none() {
            return self.no_instructions();
        }
        self.vca_count += 1;
        let facts = VcaFacts {
            position: self.vca_count,
            client_action_id: self.flow.client_action_id.clone(),
            dtmf: self.flow.capture_result.clone(),
        };
        let reply = self.setup.responder.reply(&facts);
        let event_id = self.ids.next_id();
        let event = events::vca(
            &self.session(),
            CallAction {
                event_id,
                dtmf: facts.dtmf.as_deref(),
                timestamp: self.clock.event_time(self.t),
                client_action_id: facts.client_action_id.as_deref(),
                leg: &self.legs[0],
            },
        );
        let mut line = Line::new(self.t, Channel::Vca, event);
        line.reply = Some(reply.to_json());
        self.lines.push(line);
        match reply {
            Reply::Callflow(body) => self.follow_reply(body),
            Reply::NoInstructions => self.no_instructions(),
            Reply::Failure => self.end_session(Ending::Error {
                code: -2002,
                message: "An internal connectivity error has occurred",
            }),
        }
    }

    pub(super) fn follow_reply(&mut self, body: Json) {
        let verdict = check_reply(&body, &self.setup.context, self.legs.len());
        self.reply_checks.push(ReplyCheck {
            vca: self.vca_count,
            response: verdict.response.clone(),
        });
        if !verdict.is_created() {
            return self.end_session(Ending::Error {
                code: -2003,
                message: "The call flow provided is invalid",
            });
        }
        self.flow = Flow {
            actions: callflow_of(&body),
            number: self.flow.number + 1,
            client_action_id: body
                .as_object()
                .and_then(|r| r.get("clientActionId"))
                .and_then(Json::as_str)
                .map(str::to_owned),
            ..Flow::default()
        };
        self.run_next_action();
    }

    /// Bridged parties stay on the line; a lone call with nothing to play is ended.
    pub(super) fn no_instructions(&mut self) {
        let bridged = self.legs.len() == 2 && self.legs.iter().all(Leg::is_connected);
        if bridged {
            self.activity = Activity::Waiting;
        } else {
            self.end_session(Ending::Completed { first: 0 });
        }
    }

    // ----- the end of the session -----

    pub(super) fn end_session(&mut self, ending: Ending) {
        let t = self.t;
        let (first, status, error) = match ending {
            Ending::Completed { first } => {
                for leg in &mut self.legs {
                    leg.ended = Some((t, LegEnd::Completed));
                }
                (first, "COMPLETED", None)
            }
            Ending::LegFailed { leg, end } => {
                for (index, state) in self.legs.iter_mut().enumerate() {
                    let own = if index == leg { end } else { LegEnd::Completed };
                    state.ended = Some((t, own));
                }
                (leg, end.status(), None)
            }
            Ending::Canceled => {
                for leg in &mut self.legs {
                    leg.ended = Some((t, LegEnd::Canceled));
                }
                (0, "CANCELED", None)
            }
            Ending::Error { code, message } => {
                for (index, leg) in self.legs.iter_mut().enumerate() {
                    let own = if index == 0 {
                        LegEnd::Error
                    } else {
                        LegEnd::Completed
                    };
                    leg.ended = Some((t, own));
                }
                (0, "ERROR", Some((code, message)))
            }
        };
        let order = std::iter::once(first).chain((0..self.legs.len()).filter(|&l| l != first));
        for leg in order.collect::<Vec<_>>() {
            self.emit_call_status(leg, "CALL_DISCONNECTED", None);
        }
        self.emit_summary(status, error);
        self.activity = Activity::Over;
        self.heard = None;
        self.capture = None;
        self.agenda.clear();
    }

    pub(super) fn emit_summary(
        &mut self,
        status: &'static str,
        error: Option<(i32, &'static str)>,
    ) {
        let clock = self.clock;
        let legs = self
            .legs
            .iter()
            .map(|leg| {
                (
                    leg,
                    clock.summary_time(leg.initiated_at),
                    leg.connected_at.map(|at| clock.summary_time(at)),
                    clock.summary_time(leg.ended.map_or(self.t, |(at, _)| at)),
                )
            })
            .collect();
        let event = events::vss(
            &self.session(),
            Summary {
                status,
                start_time: clock.summary_time(0),
                end_time: clock.summary_time(self.t),
                last_action: self.last_action,
                client_request_id: self.client_request_id.as_deref(),
                error,
                legs,
            },
        );
        self.emit(Channel::Vss, event);
    }
}
