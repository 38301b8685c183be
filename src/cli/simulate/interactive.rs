//! `callflow simulate --interactive` (SIM.md §5): the person at the keyboard is callA's
//! callee. The simulated clock follows real time; Space jumps to the next scheduled
//! instant; the keypad keys press now; `h` hangs up; `q` hangs up and quits. A minimal
//! view until the builder's call screen arrives: what is heard, the capture window and its
//! timers, and the event lines as they are emitted.

use super::super::{Failure, Outcome};
use crate::callflow::sim::{Setup, Simulation, WindowView};
use crate::io;
use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::io::IsTerminal;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How often the screen follows the clock when nothing is pressed.
const TICK: Duration = Duration::from_millis(50);

/// The running call and how simulated time maps onto real time.
struct Call {
    simulation: Simulation,
    started: Instant,
    /// Simulated ms gained by Space jumps.
    skipped_ms: u64,
    quit: bool,
}

impl Call {
    /// The simulated instant real time has reached.
    fn real_now(&self) -> u64 {
        let elapsed = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        elapsed.saturating_add(self.skipped_ms)
    }

    /// Handles everything due up to now, then lets the clock rest at now.
    fn catch_up(&mut self) {
        let now = self.real_now();
        while self
            .simulation
            .next_instant()
            .is_some_and(|next| next <= now)
        {
            self.simulation.advance();
        }
        self.simulation.wait_until(now);
    }

    fn jump(&mut self) {
        if let Some(next) = self.simulation.next_instant() {
            self.skipped_ms += next.saturating_sub(self.real_now());
            self.simulation.advance();
        }
    }

    fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        match code {
            KeyCode::Char('c') if modifiers.contains(KeyModifiers::CONTROL) => self.quit(),
            KeyCode::Char(key @ ('0'..='9' | '*' | '#')) => self.simulation.press(key),
            KeyCode::Char(' ') => self.jump(),
            KeyCode::Char('h') => self.simulation.hang_up(),
            KeyCode::Char('q') | KeyCode::Esc => self.quit(),
            _ => {}
        }
    }

    fn quit(&mut self) {
        self.simulation.hang_up();
        self.quit = true;
    }
}

/// Runs the call in the terminal; then writes the JSON lines to `out`, or to standard
/// output once the screen is gone.
pub fn run(body: &[u8], setup: Setup, out: Option<&std::path::Path>) -> Outcome {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure("--interactive needs a terminal".to_owned()));
    }
    let simulation = Simulation::from_bytes(body, setup);
    if !simulation.verdict().is_created() {
        // Nothing to take: the response says which code stops the request.
        return super::print_lines(&simulation, None);
    }
    let signals = io::terminal::install_signal_flags()
        .map_err(|error| Failure(format!("signals: {error}")))?;
    let mut terminal =
        io::terminal::enter(false).map_err(|error| Failure(format!("terminal: {error}")))?;
    let mut call = Call {
        simulation,
        started: Instant::now(),
        skipped_ms: 0,
        quit: false,
    };
    let outcome = (|| -> std::io::Result<()> {
        while !call.quit && !signals.load(Ordering::SeqCst) {
            call.catch_up();
            terminal.draw(|frame| draw(frame, &call))?;
            if event::poll(TICK)? {
                if let Event::Key(key) = event::read()? {
                    if key.kind == KeyEventKind::Press {
                        call.key(key.code, key.modifiers);
                    }
                }
            }
        }
        Ok(())
    })();
    io::terminal::restore();
    outcome.map_err(|error| Failure(format!("terminal: {error}")))?;
    call.simulation.hang_up();
    super::print_lines(&call.simulation, out)
}

fn draw(frame: &mut Frame, call: &Call) {
    let simulation = &call.simulation;
    let [header, heard, window, events, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Length(4),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let state = if simulation.is_over() {
        "call over"
    } else {
        "call in progress"
    };
    frame.render_widget(
        Paragraph::new(format!(
            "callflow simulate · t = {} · {state}",
            seconds(simulation.now())
        )),
        header,
    );
    frame.render_widget(
        Paragraph::new(heard_text(simulation))
            .block(Block::new().borders(Borders::ALL).title(" heard ")),
        heard,
    );
    frame.render_widget(
        Paragraph::new(window_text(simulation.window().as_ref(), simulation.now()))
            .wrap(Wrap { trim: true })
            .block(Block::new().borders(Borders::ALL).title(" capture window ")),
        window,
    );
    let room = usize::from(events.height.saturating_sub(2));
    let lines = simulation.lines();
    let shown: Vec<Line> = lines[lines.len().saturating_sub(room)..]
        .iter()
        .map(|line| Line::raw(event_summary(line)))
        .collect();
    frame.render_widget(
        Paragraph::new(shown).block(Block::new().borders(Borders::ALL).title(" events ")),
        events,
    );
    frame.render_widget(
        Paragraph::new("0-9 * # press   space next instant   h hang up   q quit"),
        footer,
    );
}

fn seconds(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

fn heard_text(simulation: &Simulation) -> String {
    match simulation.heard() {
        Some(heard) => {
            let kind = heard.kind.to_uppercase();
            let content: String = heard
                .content
                .chars()
                .map(|c| if c.is_control() { '·' } else { c })
                .collect();
            format!("{kind} {} «{content}»", seconds(heard.ms))
        }
        None => "silence".to_owned(),
    }
}

fn window_text(window: Option<&WindowView>, now: u64) -> String {
    let Some(window) = window else {
        return "closed".to_owned();
    };
    let digit = match window.digit_deadline {
        Some(deadline) => format!(
            " · digit timer {} left",
            seconds(deadline.saturating_sub(now))
        ),
        None => String::new(),
    };
    format!(
        "try {} of {} · digits \"{}\" ({}–{}) · overall timer {} left{digit}",
        window.try_number,
        window.tries,
        window.digits,
        window.min_digits,
        window.max_digits,
        seconds(window.overall_deadline.saturating_sub(now))
    )
}

/// `t to what`: the line's status, or the trace's kind.
fn event_summary(line: &crate::callflow::sim::Line) -> String {
    let event = line.event.as_object();
    let payload = event
        .and_then(|e| e.get("payload"))
        .and_then(|p| p.as_object())
        .or(event);
    let word = |key: &str| {
        payload
            .and_then(|p| p.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned()
    };
    let status = [word("callStatus"), word("sessionStatus"), word("what")]
        .into_iter()
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    let detail = payload
        .and_then(|p| p.get("eventData"))
        .map(crate::callflow::print::to_compact)
        .unwrap_or_default();
    format!(
        "{:>8} {:<8} {status} {detail}",
        seconds(line.t),
        line.channel.name()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::datetime::parse_rfc3339;
    use crate::callflow::{AccountProfile, Context};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// A call 1.5 s into its capture window, with one digit typed.
    fn call_in_the_window() -> Call {
        let body = std::fs::read("tests/sim/ivr-hash.json").unwrap();
        let now = parse_rfc3339("2026-03-02T09:00:00Z").unwrap();
        let mut simulation = Simulation::from_bytes(
            &body,
            Setup::new(Context::new(AccountProfile::default(), now)),
        );
        simulation.advance(); // answered at 5000
        simulation.advance(); // the window opens at 8400
        simulation.wait_until(9900);
        simulation.press('7');
        Call {
            simulation,
            started: Instant::now(),
            skipped_ms: 0,
            quit: false,
        }
    }

    fn screen(call: &Call, (width, height): (u16, u16)) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| draw(frame, call)).unwrap();
        terminal.backend().to_string()
    }

    #[test]
    fn the_call_at_both_sizes() {
        let call = call_in_the_window();
        for size in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("interactive_window_{}x{}", size.0, size.1),
                screen(&call, size)
            );
        }
    }

    #[test]
    fn a_tiny_terminal_draws_without_panicking() {
        let call = call_in_the_window();
        for size in [(1, 1), (10, 3), (30, 2)] {
            let _ = screen(&call, size);
        }
    }
}
