//! Drawing the call screen: the heard line, the capture window, the keypad, the parties,
//! the event lines and the selected event's whole JSON. Pure: it reads the screen only.

use super::CallScreen;
use super::choices::{seconds, seconds_tenths};
use super::summary::summary;
use crate::callflow::print::to_pretty;
use crate::callflow::sim::Callee;
use crate::callflow::sim::legs::Leg;
use crate::callflow::sim::{Simulation, WindowView};
use crate::tui::inert::inert;
use crate::tui::keys::{self, KeyMode};
use crate::tui::theme::Theme;
use crate::tui::view::actions::truncate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

/// From this width the selected event's JSON sits beside the list.
const SIDE_PANEL_WIDTH: u16 = 110;

/// The key table the screen answers to now.
pub fn key_mode(call: &CallScreen) -> KeyMode {
    if call.prompt.is_some() {
        KeyMode::CallPrompt
    } else {
        KeyMode::Call
    }
}

pub fn draw(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    frame.render_widget(Clear, area);
    let refused = !call.simulation.verdict().is_created();
    let [title, top, middle, events, message, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if refused { 5 } else { 4 }),
        Constraint::Length(if refused { 0 } else { 6 }),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(frame, title, call, theme);
    if refused {
        draw_refusal(frame, top, call, theme);
    } else {
        draw_heard(
            frame,
            top,
            call.simulation.heard(),
            call.simulation.now(),
            theme,
        );
        draw_middle(frame, middle, call, theme);
    }
    draw_events(frame, events, call, theme);
    draw_message(frame, message, call, theme);
    draw_footer(frame, footer, call, theme);
    if let Some(prompt) = &call.prompt {
        draw_prompt(frame, area, prompt, theme);
    }
}

fn draw_title(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    let simulation = &call.simulation;
    let state = if !simulation.verdict().is_created() {
        "not placed"
    } else if simulation.is_over() {
        "call over"
    } else if simulation.legs().first().is_some_and(Leg::is_ringing) {
        "ringing"
    } else {
        "in progress"
    };
    let clock = if simulation.is_over() || !simulation.verdict().is_created() {
        ""
    } else if call.paused {
        " · ⏸ paused"
    } else {
        " · ▶ real time"
    };
    let line = Line::from(vec![
        Span::styled(" callflow ", theme.title()),
        Span::raw(format!("─ call: {} · ", inert(&call.title))),
        Span::styled(
            format!("t {}", seconds_tenths(simulation.now())),
            theme.title(),
        ),
        Span::raw(format!(" · {state}{clock}")),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_refusal(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    let response = &call.simulation.verdict().response;
    let lines = vec![
        Line::from(vec![
            Span::styled(" ✗ NOT_CREATED ", theme.error()),
            Span::styled(format!(" {}", response.code.number()), theme.error()),
            Span::raw(format!("  {}", inert(&response.message))),
        ]),
        Line::raw(" The API would refuse this request, so no call is placed: fix it first."),
    ];
    let mut lines = lines;
    if let Some(deciding) = call.simulation.verdict().deciding() {
        let place = deciding
            .path
            .as_ref()
            .map_or(String::new(), |path| format!("{path} — "));
        lines.push(Line::styled(
            inert(&format!(" {place}{}", deciding.hint)),
            theme.dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Cannot be simulated ")),
        area,
    );
}

fn draw_heard(
    frame: &mut Frame,
    area: Rect,
    heard: Option<&crate::callflow::sim::Heard>,
    now: u64,
    theme: &Theme,
) {
    let block = Block::bordered().title(" Heard now ");
    let width = usize::from(block.inner(area).width);
    let lines = match heard {
        Some(heard) => {
            let head = format!(
                " {} {} «",
                heard.kind.to_uppercase(),
                seconds_tenths(heard.ms)
            );
            let room = width.saturating_sub(head.chars().count() + 1);
            let played = now.saturating_sub(heard.started_at).min(heard.ms);
            vec![
                Line::from(vec![
                    Span::styled(head, theme.title()),
                    Span::raw(truncate(&inert(&heard.content), room)),
                    Span::styled("»", theme.title()),
                ]),
                progress_line(played, heard.ms, width, theme),
            ]
        }
        None => vec![Line::styled(" silence", theme.dim())],
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// `played 1.5 s of 3.4 s ▓▓▓▓░░░░`.
fn progress_line(played: u64, total: u64, width: usize, theme: &Theme) -> Line<'static> {
    let text = format!(
        " played {} of {} ",
        seconds_tenths(played),
        seconds_tenths(total)
    );
    let bar = width.saturating_sub(text.chars().count() + 1);
    let filled = (bar as u64 * played)
        .checked_div(total)
        .map_or(bar, |filled| filled as usize);
    Line::from(vec![
        Span::styled(text, theme.dim()),
        Span::raw("▓".repeat(filled)),
        Span::styled("░".repeat(bar - filled), theme.dim()),
    ])
}

fn draw_middle(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    let parties_width = if area.width >= 110 { 50 } else { 38 };
    let [window, keypad, parties] = Layout::horizontal([
        Constraint::Min(20),
        Constraint::Length(13),
        Constraint::Length(parties_width),
    ])
    .areas(area);
    let simulation = &call.simulation;
    frame.render_widget(
        Paragraph::new(window_lines(
            simulation.window().as_ref(),
            simulation,
            usize::from(window.width.saturating_sub(2)),
            theme,
        ))
        .block(Block::bordered().title(" Capture window ")),
        window,
    );
    frame.render_widget(
        Paragraph::new(keypad_lines(simulation, theme)).block(Block::bordered().title(" Keypad ")),
        keypad,
    );
    frame.render_widget(
        Paragraph::new(party_lines(
            call,
            usize::from(parties.width.saturating_sub(2)),
            theme,
        ))
        .block(Block::bordered().title(" Parties ")),
        parties,
    );
}

fn window_lines(
    window: Option<&WindowView>,
    simulation: &Simulation,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let now = simulation.now();
    let Some(window) = window else {
        let mut why = vec![" closed"];
        if simulation
            .heard()
            .is_some_and(|heard| heard.kind == "prompt")
        {
            why.push(" opens when the prompt ends");
        }
        why.push(" keys now are not collected");
        return why
            .into_iter()
            .map(|line| Line::styled(truncate(line, width), theme.dim()))
            .collect();
    };
    let digit = match window.digit_deadline {
        Some(deadline) => format!(
            " digit timer {} left",
            seconds_tenths(deadline.saturating_sub(now))
        ),
        None => " digit timer: not running".to_owned(),
    };
    let hash = if window.complete_on_hash {
        "# ends entry"
    } else {
        "# is a digit"
    };
    [
        Line::from(vec![
            Span::styled(
                format!(" try {} of {}", window.try_number, window.tries),
                theme.title(),
            ),
            Span::raw(format!(" · digits \"{}\"", inert(&window.digits))),
        ]),
        Line::raw(format!(
            " overall timer {} left",
            seconds_tenths(window.overall_deadline.saturating_sub(now))
        )),
        Line::raw(digit),
        Line::styled(
            format!(
                " {}–{} digits · {hash}",
                window.min_digits, window.max_digits
            ),
            theme.dim(),
        ),
    ]
    .into_iter()
    .map(|line| fit(line, width))
    .collect()
}

fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::raw(truncate(&text, width))
}

fn keypad_lines(simulation: &Simulation, theme: &Theme) -> Vec<Line<'static>> {
    // Keys count only while a window is open: the keypad says so by its look.
    let style = if simulation.window().is_some() {
        theme.key()
    } else {
        theme.dim()
    };
    ["1  2  3", "4  5  6", "7  8  9", "*  0  #"]
        .into_iter()
        .map(|row| Line::styled(format!("  {row}"), style))
        .collect()
}

fn party_lines(call: &CallScreen, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let simulation = &call.simulation;
    let setup = call.setup();
    let leg_line = |index: usize, letter: char, choice| {
        let status = simulation
            .legs()
            .get(index)
            .map_or("not dialled".to_owned(), leg_status);
        fit(
            Line::from(vec![
                Span::styled(format!(" {letter} "), theme.key()),
                Span::raw(format!("{status} · {}", choice_word(choice))),
            ]),
            width,
        )
    };
    let responder = match &call.responder_name {
        Some(name) => format!(" responder {}", inert(name)),
        None => " responder: none".to_owned(),
    };
    let mut lines = vec![
        leg_line(0, 'A', setup.callee_a),
        leg_line(1, 'B', setup.callee_b),
        fit(Line::styled(responder, theme.dim()), width),
    ];
    if let Some(check) = simulation.reply_checks().last() {
        let response = &check.response;
        let (mark, style) = if response.code.is_created() {
            ("✓", theme.ok())
        } else {
            ("✗", theme.error())
        };
        lines.push(fit(
            Line::from(vec![
                Span::raw(format!(" reply to VCA {}: ", check.vca)),
                Span::styled(format!("{mark} {}", response.code.number()), style),
                Span::raw(format!(" {}", inert(&response.message))),
            ]),
            width,
        ));
    }
    lines
}

/// A callee's choice in a few words, for the parties panel.
fn choice_word(callee: Callee) -> String {
    match callee {
        Callee::Answer => "answers".to_owned(),
        Callee::Busy => "busy".to_owned(),
        Callee::NoAnswer => "no answer".to_owned(),
        Callee::Failed => "fails".to_owned(),
        Callee::HangupAfter(ms) => format!("hangs up after {}", seconds(ms)),
    }
}

fn leg_status(leg: &Leg) -> String {
    match leg.ended {
        Some((_, end)) => end.status().to_lowercase(),
        None if leg.is_connected() => "connected".to_owned(),
        None => "ringing".to_owned(),
    }
}

fn draw_events(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    let wide = area.width >= SIDE_PANEL_WIDTH;
    let (list_area, json_area) = if wide {
        let [list, json] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        (Some(list), Some(json))
    } else if call.detail {
        (None, Some(area))
    } else {
        (Some(area), None)
    };
    if let Some(list_area) = list_area {
        draw_event_list(frame, list_area, call, theme);
    }
    if let Some(json_area) = json_area {
        draw_event_json(frame, json_area, call);
    }
}

fn draw_event_list(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    let simulation = &call.simulation;
    let width = usize::from(area.width.saturating_sub(3));
    let items: Vec<ListItem> = simulation
        .lines()
        .iter()
        .map(|line| ListItem::new(truncate(&inert(&summary(line, simulation)), width)))
        .collect();
    let following = if call.selected.is_none() {
        " · following"
    } else {
        ""
    };
    let title = format!(" Events ({}){following} ", items.len());
    // The marker, not only the colour, shows the choice (NO_COLOR).
    let list = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(theme.selected())
        .highlight_symbol("▸");
    let mut list_state = ListState::default().with_selected(call.shown_line());
    frame.render_stateful_widget(list, area, &mut list_state);
}

fn draw_event_json(frame: &mut Frame, area: Rect, call: &CallScreen) {
    let lines = call.simulation.lines();
    let (title, text) = match call.shown_line().and_then(|index| lines.get(index)) {
        Some(line) => (
            format!(
                " Event {} of {} ",
                call.shown_line().unwrap_or(0) + 1,
                lines.len()
            ),
            to_pretty(&line.to_json()),
        ),
        None => (" Event ".to_owned(), String::new()),
    };
    let text: Vec<Line> = text.lines().map(|l| Line::raw(inert(l))).collect();
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((call.detail_scroll, 0))
            .block(Block::bordered().title(title)),
        area,
    );
}

fn draw_message(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    let width = usize::from(area.width);
    let line = match (&call.message, &call.intro) {
        (Some(message), _) => {
            let style = if message.is_error {
                theme.error()
            } else {
                theme.title()
            };
            Line::styled(
                truncate(&inert(&format!(" {}", message.text)), width),
                style,
            )
        }
        (None, Some(intro)) => Line::styled(truncate(&format!(" {intro}"), width), theme.dim()),
        (None, None) => Line::raw(""),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_footer(frame: &mut Frame, area: Rect, call: &CallScreen, theme: &Theme) {
    let mut hints = keys::footer_hints(keys::table(key_mode(call)));
    // The way out is always shown; the others as room allows.
    let last = hints.pop();
    let width_of = |(keys, word): &(String, &str)| keys.chars().count() + word.chars().count() + 3;
    let mut room = usize::from(area.width).saturating_sub(last.as_ref().map_or(0, width_of));
    let mut shown = Vec::new();
    for hint in hints {
        if width_of(&hint) > room {
            break;
        }
        room -= width_of(&hint);
        shown.push(hint);
    }
    shown.extend(last);
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|(keys, word)| {
            [
                Span::styled(format!(" {keys}"), theme.key()),
                Span::raw(format!(" {word} ")),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_prompt(frame: &mut Frame, area: Rect, prompt: &tui_textarea::TextArea, theme: &Theme) {
    let inner = crate::tui::view::dialogs::popup(
        frame,
        area,
        70,
        5,
        &format!(
            " Responder file for the VCA replies — {} ",
            keys::summary(KeyMode::CallPrompt)
        ),
    );
    let [field, hint] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(prompt, field);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "{\"rules\": [...]} as for callflow simulate --responder",
            theme.dim(),
        )),
        hint,
    );
}
