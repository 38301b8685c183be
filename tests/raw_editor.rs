//! The raw JSON editor as a person uses it (issue 14's speed item replaced ratatui-textarea
//! there with callflow's own editor): every test presses keys through `update` and reads
//! the screen they leave.

use callflow::callflow::print::{to_compact, to_pretty};
use callflow::callflow::sample::large_request;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::Action;
use callflow::tui::hit_map::HitMap;
use callflow::tui::state::{Mode, State};
use callflow::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NONE: KeyModifiers = KeyModifiers::NONE;

fn raw(text: &str) -> State {
    let context = Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    );
    State::new_raw(text, context, None)
}

fn press(state: &mut State, code: KeyCode, modifiers: KeyModifiers) {
    update(state, Action::Key(KeyEvent::new(code, modifiers)));
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        press(state, KeyCode::Char(c), NONE);
    }
}

/// The screen at `width`×`height`, one string per row.
fn screen(state: &State, width: u16, height: u16) -> Vec<String> {
    drawn(state, width, height).0
}

/// The screen, one string per row, and where the frame put what, for the mouse.
fn drawn(state: &State, width: u16, height: u16) -> (Vec<String>, HitMap) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut map = HitMap::default();
    terminal
        .draw(|frame| map = callflow::tui::view::draw_mapped(frame, state))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let rows = (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    (rows, map)
}

fn verdict(state: &State) -> String {
    let response = &state.derived.verdict.response;
    format!("{} {}", response.code.number(), response.message)
}

#[test]
fn a_key_at_the_end_of_a_long_request_is_shown_there_with_the_new_verdict() {
    let text = to_pretty(&large_request(2_000));
    let lines = text.trim_end().lines().count();
    let mut state = raw(&text);
    assert_eq!(verdict(&state), "1 Created");
    press(&mut state, KeyCode::End, KeyModifiers::CONTROL);
    press(&mut state, KeyCode::Backspace, NONE);
    assert!(verdict(&state).starts_with("-1001"), "{}", verdict(&state));
    let rows = screen(&state, 100, 30);
    let last = format!("│{lines:>6} ");
    assert!(
        rows.iter().any(|row| row.starts_with(&last)),
        "the last line, number {lines}, is in view:\n{}",
        rows.join("\n")
    );
    type_text(&mut state, "}");
    assert_eq!(verdict(&state), "1 Created");
    assert_eq!(state.output_text(), text, "the text is back, byte for byte");
}

#[test]
fn a_long_line_scrolls_sideways_to_the_cursor_and_keeps_the_border() {
    let text = to_compact(&large_request(200));
    assert!(text.trim_end().len() > 10_000, "one long line");
    let mut state = raw(&text);
    press(&mut state, KeyCode::End, NONE);
    let rows = screen(&state, 80, 24);
    let first = &rows[2];
    // The cursor stands after the last character, in the column before the border.
    assert!(
        first.ends_with("}]} │"),
        "the line's end is shown:\n{first}"
    );
    assert_eq!(
        first.chars().count(),
        80,
        "the border stays in the last column"
    );
    press(&mut state, KeyCode::Home, NONE);
    let rows = screen(&state, 80, 24);
    assert!(
        rows[2].contains("│ 1 {\"callflow\":[{\"action\":\"makeCall\""),
        "{}",
        rows[2]
    );
}

#[test]
fn typing_over_a_selection_replaces_it_and_one_undo_brings_it_back() {
    let mut state = raw(r#"{"callflow": [{"action": "hangup"}]}"#);
    let (before, verdict_before) = (screen(&state, 80, 24), verdict(&state));
    for _ in 0..2 {
        press(&mut state, KeyCode::Char('f'), KeyModifiers::ALT);
    }
    // Word by word to the start of `action`; select it and type another word over it.
    for _ in 0.."action".len() {
        press(&mut state, KeyCode::Right, KeyModifiers::SHIFT);
    }
    type_text(&mut state, "verb");
    assert_eq!(
        state.output_text(),
        "{\"callflow\": [{\"verb\": \"hangup\"}]}\n"
    );
    assert_ne!(
        verdict(&state),
        verdict_before,
        "an action without `action` is judged"
    );
    press(&mut state, KeyCode::Char('u'), KeyModifiers::ALT);
    assert_eq!(verdict(&state), verdict_before);
    assert_eq!(
        screen(&state, 80, 24)[2..20],
        before[2..20],
        "the text as it was"
    );
}

#[test]
fn a_paste_is_undone_in_one_step() {
    let mut state = raw("{}");
    press(&mut state, KeyCode::Right, NONE);
    update(
        &mut state,
        Action::Paste("\"callflow\": [\r\n  {\"action\": \"hangup\"}\r\n]".into()),
    );
    assert!(
        verdict(&state).starts_with("-1013"),
        "it parses: {}",
        verdict(&state)
    );
    assert_eq!(
        state.output_text(),
        "{\"callflow\": [\n  {\"action\": \"hangup\"}\n]}\n",
        "carriage returns are dropped"
    );
    press(&mut state, KeyCode::Char('_'), KeyModifiers::CONTROL);
    assert_eq!(state.output_text(), "{}\n");
}

#[test]
fn page_down_moves_by_the_rows_on_the_screen() {
    let text = to_pretty(&large_request(50));
    let mut state = raw(&text);
    let rows = screen(&state, 80, 24);
    let shown = rows.iter().filter(|row| row.starts_with("│  ")).count();
    press(&mut state, KeyCode::PageDown, NONE);
    let Mode::Raw(edit) = &state.screen.mode else {
        panic!("raw mode");
    };
    assert_eq!(edit.editor.cursor().0, shown, "one screen of rows further");
    let rows = screen(&state, 80, 24);
    let cursor_line = format!("│{:>4} ", shown + 1);
    assert!(
        rows.iter().any(|row| row.starts_with(&cursor_line)),
        "{}",
        rows.join("\n")
    );
}

/// `count` say actions, each beside a `depth`-deep array: small on one line, many times
/// larger indented (two more spaces a level, a line a level).
fn deep_document(count: usize, depth: usize) -> callflow::callflow::json::Json {
    use callflow::callflow::json::Json;
    let actions = (0..count).map(|position| {
        let mut deep = Json::Array(vec![Json::string("x")]);
        for _ in 1..depth {
            deep = Json::Array(vec![deep]);
        }
        Json::object([
            ("action", Json::string("say")),
            (
                "params",
                Json::object([
                    ("text", Json::string(format!("Line {position}"))),
                    ("deep", deep),
                ]),
            ),
        ])
    });
    Json::object([("callflow", Json::Array(actions.collect()))])
}

#[test]
fn raw_json_of_a_request_too_large_indented_is_on_one_line_and_says_so() {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let document = deep_document(220, 200);
    assert!(
        to_pretty(&document).len() > 16 * 1024 * 1024,
        "indented, past 16 MiB"
    );
    let mut state = State::new(document.clone(), context, None);
    update(
        &mut state,
        Action::Command(callflow::tui::action::Command::RawJson),
    );
    let Mode::Raw(raw) = &state.screen.mode else {
        panic!("raw mode");
    };
    assert_eq!(raw.editor.line_count(), 1);
    assert_eq!(raw.editor.text(), to_compact(&document));
    let flash = state.screen.flash.as_ref().map(|flash| flash.text.as_str());
    assert_eq!(
        flash,
        Some("Raw JSON on one line: indented, it would pass the 16 MiB callflow opens")
    );
    let mut small = State::new(large_request(3), state.context.clone(), None);
    update(
        &mut small,
        Action::Command(callflow::tui::action::Command::RawJson),
    );
    let Mode::Raw(raw) = &small.screen.mode else {
        panic!("raw mode");
    };
    assert_eq!(
        format!("{}\n", raw.editor.text()),
        to_pretty(&large_request(3))
    );
}

/// Draws the state as the loop does, keeping where things went for the mouse.
fn draw_for_the_mouse(state: &mut State, width: u16, height: u16) -> Vec<String> {
    let (rows, map) = drawn(state, width, height);
    state.screen.hit_map = Some(map);
    rows
}

fn mouse(state: &mut State, kind: ratatui::crossterm::event::MouseEventKind, x: u16, y: u16) {
    let event = ratatui::crossterm::event::MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: NONE,
    };
    update(state, Action::Mouse(event));
}

#[test]
fn a_click_puts_the_cursor_on_the_character_under_it_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let mut state = raw(&to_pretty(&large_request(50)));
    let rows = draw_for_the_mouse(&mut state, 80, 24);
    let y = rows
        .iter()
        .position(|row| row.contains("\"destination\""))
        .expect("a destination line in view");
    let x = rows[y]
        .find("\"destination\"")
        .map(|byte| rows[y][..byte].chars().count())
        .unwrap()
        + 1;
    mouse(
        &mut state,
        MouseEventKind::Down(MouseButton::Left),
        x as u16,
        y as u16,
    );
    type_text(&mut state, "X");
    assert!(
        state.output_text().contains("\"Xdestination\""),
        "typed where the click landed"
    );
    let Mode::Raw(edit) = &state.screen.mode else {
        panic!("raw mode");
    };
    let clicked_row = edit.editor.cursor().0;
    for _ in 0..10 {
        mouse(&mut state, MouseEventKind::ScrollDown, 40, 10);
    }
    let Mode::Raw(edit) = &state.screen.mode else {
        panic!("raw mode");
    };
    assert_eq!(
        edit.editor.cursor().0,
        clicked_row + 30,
        "three lines a notch"
    );
    let rows = draw_for_the_mouse(&mut state, 80, 24);
    let shown = format!("│{:>4} ", clicked_row + 31);
    assert!(
        rows.iter().any(|row| row.starts_with(&shown)),
        "{}",
        rows.join("\n")
    );
}

#[test]
fn copying_or_cutting_a_selection_puts_it_on_the_clipboard_too() {
    use callflow::tui::action::Effect;
    let copied = |state: &State| -> Vec<String> {
        state
            .effects
            .iter()
            .filter_map(|effect| match effect {
                Effect::Copy { text, what } => Some(format!("{what}: {text}")),
                _ => None,
            })
            .collect()
    };
    let mut state = raw(r#"{"callflow": []}"#);
    press(&mut state, KeyCode::Char('w'), KeyModifiers::ALT);
    assert!(
        copied(&state).is_empty(),
        "nothing selected, nothing copied"
    );
    for _ in 0..11 {
        press(&mut state, KeyCode::Right, KeyModifiers::SHIFT);
    }
    press(&mut state, KeyCode::Char('w'), KeyModifiers::ALT);
    assert_eq!(copied(&state), ["the selection: {\"callflow\""]);
    assert_eq!(
        state.output_text(),
        "{\"callflow\": []}\n",
        "a copy changes nothing"
    );
    state.effects.clear();
    press(&mut state, KeyCode::Char('e'), KeyModifiers::CONTROL);
    press(&mut state, KeyCode::Left, KeyModifiers::SHIFT);
    press(&mut state, KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(copied(&state), ["the selection: }"]);
    assert_eq!(state.output_text(), "{\"callflow\": []\n");
}

#[test]
fn a_burst_of_keys_is_checked_once_at_its_end() {
    use callflow::tui::update::{apply, finish};
    let mut state = raw(r#"{"callflow": [}"#);
    assert!(verdict(&state).starts_with("-1001"), "{}", verdict(&state));
    press(&mut state, KeyCode::End, NONE);
    press(&mut state, KeyCode::Left, NONE);
    for key in [KeyCode::Char(']'), KeyCode::Backspace, KeyCode::Char(']')] {
        apply(&mut state, Action::Key(KeyEvent::new(key, NONE)));
        assert!(
            state.derived.verdict_pending,
            "not checked within the burst"
        );
    }
    assert!(
        verdict(&state).starts_with("-1001"),
        "the last verdict still stands"
    );
    finish(&mut state);
    assert!(!state.derived.verdict_pending);
    assert!(
        verdict(&state).starts_with("-1009"),
        "the text parses now: {}",
        verdict(&state)
    );
}
