use super::{Move, RawEditor};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(editor: &mut RawEditor, code: KeyCode, modifiers: KeyModifiers) -> bool {
    editor.input(KeyEvent::new(code, modifiers))
}

fn type_text(editor: &mut RawEditor, text: &str) {
    for c in text.chars() {
        press(editor, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

#[test]
fn opening_drops_carriage_returns_and_trailing_line_breaks() {
    let editor = RawEditor::new("{\r\n  \"a\": 1\r\n}\r\n\n");
    assert_eq!(editor.text(), "{\n  \"a\": 1\n}");
    assert_eq!(editor.line_count(), 3);
    assert_eq!(editor.cursor(), (0, 0));
}

#[test]
fn typing_breaking_and_joining_lines() {
    let mut editor = RawEditor::new("");
    type_text(&mut editor, "{}");
    press(&mut editor, KeyCode::Left, KeyModifiers::NONE);
    press(&mut editor, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(editor.text(), "{\n}");
    assert_eq!(editor.cursor(), (1, 0));
    press(&mut editor, KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(editor.text(), "{}");
    assert_eq!(editor.cursor(), (0, 1));
    assert!(
        !press(&mut editor, KeyCode::Left, KeyModifiers::NONE),
        "a move changes nothing"
    );
}

#[test]
fn tab_indents_to_the_next_two_columns() {
    let mut editor = RawEditor::new("x");
    press(&mut editor, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(editor.text(), "  x");
    press(&mut editor, KeyCode::Right, KeyModifiers::NONE);
    press(&mut editor, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(editor.text(), "  x ");
}

#[test]
fn kills_go_to_the_yank_and_ctrl_y_brings_them_back() {
    let mut editor = RawEditor::new("\"say\": 1\nnext");
    editor.move_cursor(Move::WordForward);
    press(&mut editor, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(editor.text(), "\"\nnext");
    press(&mut editor, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(
        editor.text(),
        "\"next",
        "at the end of a line, Ctrl+K joins the next"
    );
    press(&mut editor, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(editor.text(), "\"\nnext", "the last kill is yanked");
    editor.move_cursor(Move::LineEnd);
    press(&mut editor, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(editor.text(), "\"\n");
    press(&mut editor, KeyCode::Char('w'), KeyModifiers::ALT);
    press(&mut editor, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(editor.text(), "\"\nnext");
}

#[test]
fn a_selection_is_replaced_by_what_is_typed_and_can_be_cut_and_yanked() {
    let mut editor = RawEditor::new("hello world");
    for _ in 0..5 {
        press(&mut editor, KeyCode::Right, KeyModifiers::SHIFT);
    }
    assert_eq!(editor.selection(), Some(0..5));
    type_text(&mut editor, "bye");
    assert_eq!(editor.text(), "bye world");
    assert_eq!(editor.selection(), None);
    press(&mut editor, KeyCode::End, KeyModifiers::SHIFT);
    press(&mut editor, KeyCode::Char('x'), KeyModifiers::CONTROL);
    assert_eq!(editor.text(), "bye");
    editor.move_cursor(Move::LineStart);
    press(&mut editor, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(editor.text(), " worldbye");
}

#[test]
fn undo_takes_back_a_run_of_typing_at_once_and_redo_repeats_it() {
    let mut editor = RawEditor::new("{}");
    editor.move_cursor(Move::Forward);
    type_text(&mut editor, "\"a\"");
    press(&mut editor, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(editor.text(), "{\"a\"\n}");
    assert!(press(&mut editor, KeyCode::Char('u'), KeyModifiers::ALT));
    assert_eq!(editor.text(), "{\"a\"}");
    assert!(press(
        &mut editor,
        KeyCode::Char('7'),
        KeyModifiers::CONTROL
    ));
    assert_eq!(editor.text(), "{}");
    assert_eq!(
        editor.cursor(),
        (0, 1),
        "the cursor goes back where the typing began"
    );
    assert!(
        !press(&mut editor, KeyCode::Char('u'), KeyModifiers::ALT),
        "nothing left"
    );
    assert!(press(
        &mut editor,
        KeyCode::Char('r'),
        KeyModifiers::CONTROL
    ));
    assert_eq!(editor.text(), "{\"a\"}");
}

#[test]
fn up_and_down_keep_their_column_across_a_short_line() {
    let mut editor = RawEditor::new("abcdef\nab\nabcdef");
    for _ in 0..5 {
        editor.move_cursor(Move::Forward);
    }
    editor.move_cursor(Move::Down);
    assert_eq!(editor.cursor(), (1, 2));
    editor.move_cursor(Move::Down);
    assert_eq!(editor.cursor(), (2, 5));
}

fn any_key() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        "[a\u{e9}\u{6f22}\u{1b}\" ]".prop_map(|s| KeyCode::Char(s.chars().next().unwrap_or('a'))),
        Just(KeyCode::Char('k')),
        Just(KeyCode::Char('u')),
        Just(KeyCode::Char('w')),
        Just(KeyCode::Char('y')),
        Just(KeyCode::Char('x')),
        Just(KeyCode::Char('d')),
        Just(KeyCode::Char('7')),
        Just(KeyCode::Char('r')),
        Just(KeyCode::Enter),
        Just(KeyCode::Tab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
    ];
    let modifiers = prop_oneof![
        Just(KeyModifiers::NONE),
        Just(KeyModifiers::NONE),
        Just(KeyModifiers::CONTROL),
        Just(KeyModifiers::ALT),
        Just(KeyModifiers::SHIFT),
    ];
    (codes, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

proptest! {
    /// Whatever is pressed, the cursor stays on a character of the text, and undoing every
    /// change gives back the text as it was opened, redoing them the text at its newest.
    #[test]
    fn any_keys_leave_a_sound_editor_that_undo_and_redo_walk_exactly(
        opened in "[{}\"a\u{e9}\n ]{0,30}",
        keys in proptest::collection::vec(any_key(), 0..60),
    ) {
        let mut editor = RawEditor::new(&opened);
        let start = editor.text().to_owned();
        for key in keys {
            editor.input(key);
            prop_assert!(editor.text().is_char_boundary(editor.cursor_byte()));
            let lines: Vec<&str> = editor.text().split('\n').collect();
            prop_assert_eq!(editor.line_count(), lines.len());
            prop_assert_eq!(editor.line(editor.cursor().0), lines[editor.cursor().0]);
        }
        // What was undone by a key and not overwritten since is part of the walk too.
        while editor.redo() {}
        let end = editor.text().to_owned();
        while editor.undo() {}
        prop_assert_eq!(editor.text(), start.as_str());
        while editor.redo() {}
        prop_assert_eq!(editor.text(), end.as_str());
    }
}
