//! What is drawn never lets the text act on the terminal or move the frame (issue 14, items
//! 14 and 16): the field editor and the raw JSON editor show ESC, BEL and the like as their
//! symbols while editing, and emoji sequences of disputed width come apart, in every pane.

mod common;

use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::form::Row;
use callflow::tui::state::{Mode, Pane, State};
use callflow::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

fn context() -> Context {
    Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    )
}

fn say(text: &str) -> State {
    let json = format!(
        r#"{{"callflow": [{{"action": "say", "params": {{"text": {}, "voiceProfile": "en-GB-Emma"}}}}]}}"#,
        serde_json::to_string(text).unwrap()
    );
    State::new(parse(&json).unwrap().value, context(), None)
}

fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The screen, one string per row, at `width`×`height`.
fn rows(state: &State, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| callflow::tui::view::draw(frame, state))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            // A wide glyph's second cell is drawn by the glyph itself: skip it.
            let mut row = String::new();
            let mut x = 0;
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                x += u16::try_from(symbol.width().max(1)).unwrap();
            }
            row
        })
        .collect()
}

/// Opens the say action's text field for editing.
fn edit_text(state: &mut State) {
    state.select_row(Row::Action(0));
    state.screen.pane = Pane::Form;
    state.screen.field_index = 1;
    update(state, Action::Command(Command::Activate));
    assert!(matches!(state.screen.mode, Mode::EditField(_)));
}

#[test]
fn the_field_editor_shows_esc_and_bel_while_editing_and_keeps_the_text_exact() {
    let mut state = say("x\u{1b}]52;c;aGk=\u{7}");
    edit_text(&mut state);
    key(&mut state, KeyCode::Char('!'));
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = rows(&state, width, height).join("\n");
        assert!(
            screen.contains("x␛]52;c;aGk=␇!"),
            "{width}x{height}:\n{screen}"
        );
    }
    let Mode::EditField(edit) = &state.screen.mode else {
        panic!("still editing");
    };
    assert_eq!(
        edit.textarea.lines(),
        ["x\u{1b}]52;c;aGk=\u{7}!"],
        "the text itself"
    );
    key(&mut state, KeyCode::Enter);
    let printed = &state.derived.printed;
    assert!(printed.contains("x\\u001b]52;c;aGk=\\u0007!"), "{printed}");
}

#[test]
fn the_raw_editor_shows_control_characters_typed_into_it() {
    let mut state = say("hello");
    update(&mut state, Action::Command(Command::RawJson));
    update(&mut state, Action::Paste("\u{1b}[31m\u{7}".into()));
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = rows(&state, width, height).join("\n");
        assert!(screen.contains("␛[31m␇{"), "{width}x{height}:\n{screen}");
    }
    assert!(
        state.output_text().starts_with("\u{1b}[31m\u{7}{"),
        "the text itself"
    );
}

/// Every row of the frame puts its right border in the last column, whatever it shows.
/// The frame ends at the last bottom border; the verdict and the footer follow it, as
/// many rows as the verdict needs.
fn assert_right_border_in_place(rows: &[String], width: usize) {
    let frame_end = rows
        .iter()
        .rposition(|row| row.starts_with('└'))
        .expect("a framed pane");
    for (y, row) in rows.iter().enumerate().take(frame_end + 1).skip(1) {
        let last = row.chars().last().unwrap();
        assert!(
            ['│', '┐', '┘', '┤'].contains(&last) || row.trim().is_empty(),
            "row {y} ends with {last:?}:\n{}",
            rows.join("\n")
        );
        assert!(row.chars().count() <= width);
    }
}

#[test]
fn emoji_joined_by_zero_width_joiners_come_apart_in_every_pane_and_editor() {
    let family = "👨\u{200d}👩\u{200d}👧 ❤\u{fe0f} 👍\u{1f3fd}";
    let mut state = say(family);
    for (width, height) in [(80, 24), (120, 40)] {
        let rows = rows(&state, width, height);
        let screen = rows.join("\n");
        assert!(screen.contains("👨⍰👩⍰👧 ❤⍰ 👍⍰"), "{screen}");
        assert!(!screen.contains('\u{200d}') && !screen.contains('\u{fe0f}'));
        assert_right_border_in_place(&rows, usize::from(width));
    }
    edit_text(&mut state);
    let screen = rows(&state, 120, 40).join("\n");
    assert!(screen.contains("👨⍰👩⍰👧"), "{screen}");
    key(&mut state, KeyCode::Esc);
    update(&mut state, Action::Command(Command::RawJson));
    update(&mut state, Action::Paste(family.into()));
    let screen = rows(&state, 120, 40).join("\n");
    assert!(screen.contains("👨⍰👩⍰👧 ❤⍰ 👍⍰{"), "{screen}");
}

/// In a terminal the borders stay where they belong, and no joiner is ever sent: the
/// width a terminal gives a joined sequence depends on its fonts (vt100 agrees with
/// unicode-width, many real terminals draw the parts), so only parts that every terminal
/// measures alike may reach it.
#[test]
fn in_a_terminal_a_zwj_sequence_does_not_move_the_borders() {
    let dir = common::scratch_dir("pty-zwj");
    let json = r#"{"callflow": [{"action": "say", "params": {"text": "👨‍👩‍👧 family", "voiceProfile": "en-GB-Emma"}}]}"#;
    std::fs::write(dir.join("flow.json"), json).unwrap();
    let pty = common::Pty::spawn(&["flow.json"], &dir, &[], (100, 30));
    pty.wait_for("family");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let parser = pty.screen();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let output = String::from_utf8_lossy(&pty.output.lock().unwrap()).into_owned();
    assert!(
        !output.contains('\u{200d}'),
        "a zero-width joiner reached the terminal"
    );
    assert!(
        output.contains("👨") && output.contains("⍰"),
        "drawn as its parts"
    );
    let with_family: Vec<u16> = (0..rows)
        .filter(|&row| {
            screen
                .contents_between(row, 0, row, cols)
                .contains("family")
        })
        .collect();
    assert!(!with_family.is_empty());
    for row in with_family {
        let last = screen
            .cell(row, cols - 1)
            .map(|cell| cell.contents().to_owned());
        assert_eq!(
            last.as_deref(),
            Some("│"),
            "row {row} keeps its right border:\n{}",
            screen.contents()
        );
    }
}
