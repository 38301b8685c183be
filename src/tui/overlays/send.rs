//! The send panel: sending the request to the real API from the builder. A real call
//! follows a created session, so the panel names the numbers called and the account, and
//! sends only once the person has typed the word `send`. It then waits without blocking the
//! screen (the request runs on a background thread, a spinner turns on the ticks), and
//! shows the offline verdict beside the API's answer. Esc while waiting stops the wait,
//! not the call; an answer that comes after is still journalled when it differs.
//!
//! There is no force here: a request the validator refuses is not sent from the builder
//! (`callflow send --force` exists for that), since the API would refuse it and the panel
//! could only show the refusal that the status line already shows.

use super::prelude::*;
use crate::callflow::destinations::destinations;
use crate::callflow::{Response, StatusCode};
use crate::io::send::{Recorded, Sent};
use crate::tui::sending::SendRequest;
use serde_json::Value;
use std::time::Duration;

/// The word that sends.
const CONFIRMATION: &str = "send";
/// Enough for the word and a few stray keys; more is never needed.
const MAX_TYPED: usize = 20;
/// The most characters of one text from the API the panel shows.
const MAX_SHOWN: usize = 300;
/// The panel's widest.
const PANEL_WIDTH: u16 = 78;
/// How often the spinner turns while the API is asked.
const SPIN: Duration = Duration::from_millis(100);
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/// The answer's fields worth showing, besides its status.
const ANSWER_FIELDS: [&str; 4] = [
    "sessionId",
    "sessionStatus",
    "callFlowRequestId",
    "validUntil",
];

/// How many sends went out, and how many of their answers (or failures) came back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendCount {
    pub started: u64,
    pub answered: u64,
}

impl SendCount {
    /// Whether an answer is still due: quitting now would lose it, and its journal line.
    pub fn awaited(&self) -> bool {
        self.answered < self.started
    }
}

#[derive(Debug)]
pub struct SendPanel {
    pub stage: Stage,
}

#[derive(Debug)]
pub enum Stage {
    /// Nothing can be sent: why, and what to do.
    Blocked { why: String, fix: String },
    /// Waiting for the person to type the word.
    Confirm {
        typed: String,
        /// Who a real call will reach: the makeCall destinations.
        whom: String,
        /// Which account, and the key masked.
        account: String,
        wrong_word: bool,
    },
    /// The request is out; the answer has not come.
    Waiting {
        id: u64,
        spinner: usize,
        predicted: Response,
    },
    Answered {
        predicted: Response,
        outcome: Result<Sent, String>,
    },
}

impl SendPanel {
    pub fn key_mode(&self) -> KeyMode {
        match self.stage {
            Stage::Confirm { .. } => KeyMode::SendConfirm,
            Stage::Waiting { .. } => KeyMode::SendWaiting,
            Stage::Blocked { .. } | Stage::Answered { .. } => KeyMode::SendAnswer,
        }
    }
}

/// `S`: opens the panel at the question, or at the reason nothing can be sent.
pub fn open(state: &mut State) {
    let stage = match (&state.api, state.derived.verdict.is_created()) {
        (_, false) => blocked_by_verdict(state),
        (Err(reason), true) => Stage::Blocked {
            why: format!("Not sent: {reason}."),
            fix: "The builder reads CALLFLOW_API_KEY, CALLFLOW_SUBACCOUNT (or config.json) and CALLFLOW_API_BASE from its environment when it starts: set them, then start callflow again.".to_owned(),
        },
        (Ok(settings), true) => {
            let numbers = destinations(&state.session.document);
            Stage::Confirm {
                typed: String::new(),
                whom: if numbers.is_empty() {
                    "A real session (no makeCall names a destination)".to_owned()
                } else {
                    format!("A real call to {}", numbers.join(", "))
                },
                account: format!(
                    "subaccount {} at {} (key {})",
                    settings.subaccount,
                    settings.base,
                    settings.key.masked()
                ),
                wrong_word: false,
            }
        }
    };
    state.screen.overlay = Some(Overlay::Send(SendPanel { stage }));
}

/// A request the validator refuses is not sent from the builder.
fn blocked_by_verdict(state: &State) -> Stage {
    Stage::Blocked {
        why: format!(
            "Not sent: callflow predicts {}. The API would refuse it, so no call would be placed.",
            refusal(state)
        ),
        fix: format!(
            "Fix it first ({} lists the findings). To send it anyway, use `callflow send --force FILE`.",
            crate::tui::keys::key_of(crate::tui::action::Command::Findings)
        ),
    }
}

pub fn on_key(state: &mut State, panel: SendPanel, key: KeyEvent) -> Option<Overlay> {
    let stage = match panel.stage {
        Stage::Blocked { .. } | Stage::Answered { .. } => {
            if matches!(key.code, KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q')) {
                return None;
            }
            panel.stage
        }
        Stage::Confirm {
            mut typed,
            whom,
            account,
            wrong_word,
        } => match key.code {
            KeyCode::Esc => {
                state.flash("Not sent");
                return None;
            }
            KeyCode::Enter if typed.trim() == CONFIRMATION => start(state),
            KeyCode::Enter => Stage::Confirm {
                typed,
                whom,
                account,
                wrong_word: true,
            },
            KeyCode::Backspace => {
                typed.pop();
                Stage::Confirm {
                    typed,
                    whom,
                    account,
                    wrong_word: false,
                }
            }
            KeyCode::Char(c) if typed.chars().count() < MAX_TYPED => {
                typed.push(c);
                Stage::Confirm {
                    typed,
                    whom,
                    account,
                    wrong_word,
                }
            }
            _ => Stage::Confirm {
                typed,
                whom,
                account,
                wrong_word,
            },
        },
        Stage::Waiting { .. } => {
            if key.code == KeyCode::Esc {
                state.flash(
                    "Stopped waiting. The request was sent, so the call may still be placed; an answer that differs from the prediction is still journalled",
                );
                return None;
            }
            panel.stage
        }
    };
    Some(Overlay::Send(SendPanel { stage }))
}

/// The word was typed: the request goes out, as the exact bytes export writes.
fn start(state: &mut State) -> Stage {
    let predicted = state.derived.verdict.response.clone();
    // The clock ticks while the question is open: a validUntil may have passed meanwhile.
    if !state.derived.verdict.is_created() {
        return blocked_by_verdict(state);
    }
    let Ok(settings) = state.api.clone() else {
        // `open` asks only when the settings were read; nothing else removes them.
        return Stage::Blocked {
            why: "Not sent: no API settings".to_owned(),
            fix: String::new(),
        };
    };
    state.sends.started += 1;
    let id = state.sends.started;
    state.effects.push(Effect::Send(SendRequest {
        id,
        settings,
        body: state.derived.printed.clone(),
        offline: predicted.clone(),
    }));
    Stage::Waiting {
        id,
        spinner: 0,
        predicted,
    }
}

/// The outcome of send `id`: into the panel that waits for it, or, when the user stopped
/// waiting, one line in the status bar.
pub fn on_answer(state: &mut State, id: u64, outcome: Result<Sent, String>) {
    state.sends.answered += 1;
    if let Some(panel) = open_panel(&mut state.screen.overlay)
        && let Stage::Waiting {
            id: waited,
            predicted,
            ..
        } = &panel.stage
        && *waited == id
    {
        panel.stage = Stage::Answered {
            predicted: predicted.clone(),
            outcome,
        };
        return;
    }
    match outcome {
        Ok(sent) => {
            let recorded = match &sent.difference {
                None => String::new(),
                Some(Recorded::Journal(path)) => format!(
                    "; it differs from the prediction and is recorded in {}",
                    path.display()
                ),
                Some(Recorded::NotRecorded(reason)) => {
                    format!("; it differs from the prediction but could not be recorded: {reason}")
                }
            };
            state.flash(format!(
                "The API answered the send you stopped waiting for: {}{recorded}",
                answer_status(&sent)
            ));
        }
        Err(reason) => state.flash_error(format!(
            "The send you stopped waiting for could not ask the API: {reason}"
        )),
    }
}

/// The question before quitting while an answer is due, joined to the unsaved-changes
/// one when there are both; `None` when no answer is due.
pub fn quit_question(state: &State) -> Option<String> {
    if !state.sends.awaited() {
        return None;
    }
    let unsaved = if state.session.dirty {
        format!(", and {} has unsaved changes", state.file_name())
    } else {
        String::new()
    };
    Some(format!(
        "The API has not answered a send yet: quitting loses its answer, and a difference would not be journalled{unsaved}. Quit anyway?"
    ))
}

/// A tick turns the spinner.
pub fn on_tick(state: &mut State) {
    if let Some(SendPanel {
        stage: Stage::Waiting { spinner, .. },
    }) = open_panel(&mut state.screen.overlay)
    {
        *spinner = spinner.wrapping_add(1);
    }
}

/// Faster ticks while the spinner turns.
pub fn tick_interval(state: &State) -> Option<Duration> {
    let waiting = match &state.screen.overlay {
        Some(Overlay::Send(panel)) => Some(panel),
        Some(Overlay::Palette(palette)) => match palette.beneath.as_deref() {
            Some(Overlay::Send(panel)) => Some(panel),
            _ => None,
        },
        _ => None,
    };
    waiting
        .is_some_and(|panel| matches!(panel.stage, Stage::Waiting { .. }))
        .then_some(SPIN)
}

/// The send panel, also when the palette was opened over it (it comes back when the
/// palette closes, so it must not miss its answer meanwhile).
fn open_panel(overlay: &mut Option<Overlay>) -> Option<&mut SendPanel> {
    match overlay.as_mut()? {
        Overlay::Send(panel) => Some(panel),
        Overlay::Palette(palette) => match palette.beneath.as_deref_mut()? {
            Overlay::Send(panel) => Some(panel),
            _ => None,
        },
        _ => None,
    }
}

/// `-1014 Source or caller ID is not allowed`, from the answer's own fields.
fn answer_status(sent: &Sent) -> String {
    let code = sent
        .answer
        .status_code()
        .map_or("no statusCode".to_owned(), |code| code.to_string());
    let message = sent
        .answer
        .body
        .get("statusMessage")
        .and_then(Value::as_str)
        .unwrap_or("");
    shown(format!("{code} {message}").trim_end())
}

/// Text from the API as the panel shows it: inert, and cut short, since an answer may be
/// megabytes long and the panel has a few lines.
fn shown(text: &str) -> String {
    let mut short: String = text.chars().take(MAX_SHOWN).collect();
    if text.chars().nth(MAX_SHOWN).is_some() {
        short.push('…');
    }
    inert(&short)
}

fn verdict_line(response: &Response) -> String {
    let symbol = if response.code == StatusCode::Created {
        "✓"
    } else {
        "✗"
    };
    format!("{symbol} {} {}", response.code.number(), response.message)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, panel: &SendPanel) {
    let title = format!(" Send to the real API — {} ", summary(panel.key_mode()));
    let theme = &state.screen.theme;
    let mut lines: Vec<Line> = Vec::new();
    match &panel.stage {
        Stage::Blocked { why, fix } => {
            lines.push(Line::styled(format!("✗ {why}"), theme.error()));
            lines.push(Line::raw(""));
            lines.push(Line::raw(fix.clone()));
        }
        Stage::Confirm {
            typed,
            whom,
            account,
            wrong_word,
        } => {
            lines.push(Line::styled(inert(whom), theme.warning()));
            lines.push(Line::raw(format!("from {}", inert(account))));
            lines.push(Line::raw(format!(
                "callflow predicts {}",
                verdict_line(&state.derived.verdict.response)
            )));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw(format!("Type {CONFIRMATION} to place it: ")),
                Span::styled(format!("{}_", inert(typed)), theme.key()),
            ]));
            if *wrong_word {
                lines.push(Line::styled(
                    format!("Type the word {CONFIRMATION} exactly, or esc to cancel"),
                    theme.error(),
                ));
            }
        }
        Stage::Waiting {
            spinner, predicted, ..
        } => {
            let turn = SPINNER[spinner % SPINNER.len()];
            lines.push(Line::styled(
                format!("{turn} Sent. Waiting for the API's answer…"),
                theme.title(),
            ));
            lines.push(Line::raw(format!(
                "callflow predicts {}",
                verdict_line(predicted)
            )));
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "esc stops waiting; it cannot take the request back, so the call may still be placed",
                theme.dim(),
            ));
        }
        Stage::Answered { predicted, outcome } => {
            answer_lines(&mut lines, state, predicted, outcome);
        }
    }
    // The box fits the text as wrapped inside it, so nothing is cut off.
    let inner_width = usize::from(area.width.min(PANEL_WIDTH).saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|line| wrapped_rows(&line.to_string(), inner_width))
        .sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let inner = popup(frame, area, PANEL_WIDTH, height, &title);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// How many rows `text` takes when wrapped at word boundaries to `width` columns.
fn wrapped_rows(text: &str, width: usize) -> usize {
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let length = word.chars().count();
        if used > 0 && used + 1 + length > width {
            rows += 1;
            used = 0;
        }
        used += if used > 0 { 1 } else { 0 } + length;
        while used > width {
            rows += 1;
            used -= width;
        }
    }
    rows
}

/// The verdict beside the answer, the answer's fields, and whether the two differ.
fn answer_lines(
    lines: &mut Vec<Line>,
    state: &State,
    predicted: &Response,
    outcome: &Result<Sent, String>,
) {
    let theme = &state.screen.theme;
    lines.push(Line::raw(format!(
        "callflow predicted  {}",
        verdict_line(predicted)
    )));
    let sent = match outcome {
        Ok(sent) => sent,
        Err(reason) => {
            lines.push(Line::styled(
                format!("✗ Could not ask the API: {}", shown(reason)),
                theme.error(),
            ));
            return;
        }
    };
    let symbol = if sent.answer.is_created() {
        "✓"
    } else {
        "✗"
    };
    lines.push(Line::raw(format!(
        "the API answered    {symbol} {} (HTTP {})",
        answer_status(sent),
        sent.answer.http_status
    )));
    for field in ANSWER_FIELDS {
        if let Some(value) = sent.answer.body.get(field) {
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            lines.push(Line::raw(format!("  {field:<18}{}", shown(&text))));
        }
    }
    lines.push(Line::raw(""));
    match &sent.difference {
        None => lines.push(Line::styled(
            "✓ The API answered as callflow predicted.",
            theme.ok(),
        )),
        Some(recorded) => {
            lines.push(Line::styled(
                "! This differs from the prediction.",
                theme.warning(),
            ));
            lines.push(Line::raw(match recorded {
                Recorded::Journal(path) => format!(
                    "Recorded in {}: please report it (callflow differences lists it).",
                    inert(&path.display().to_string())
                ),
                Recorded::NotRecorded(reason) => {
                    format!("It could not be recorded: {}", inert(reason))
                }
            }));
        }
    }
}
