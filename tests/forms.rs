//! Forms that behave the way terminal users' hands expect (issue 9 §3, issue 14 items 12
//! and 13): each test presses keys through `update`, as a person would, and checks the
//! document, the printed JSON, the screen or the effects that follow.

use callflow::callflow::document::{actions, param, starter};
use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant, Json};
use callflow::tui::action::{Action, Effect, SaveOutcome};
use callflow::tui::keys::{self, KeyMode};
use callflow::tui::state::{Mode, Overlay, Pane, State};
use callflow::tui::update::update;
use callflow::tui::{Options, initial_state, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

fn context() -> Context {
    Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    )
}

fn state_of(json: &str) -> State {
    State::new(parse(json).unwrap().value, context(), None)
}

fn saved_state() -> State {
    State::new(starter(), context(), Some(PathBuf::from("flow.json")))
}

fn press(state: &mut State, code: KeyCode, modifiers: KeyModifiers) {
    update(state, Action::Key(KeyEvent::new(code, modifiers)));
}

fn key(state: &mut State, code: KeyCode) {
    press(state, code, KeyModifiers::NONE);
}

fn ctrl(state: &mut State, c: char) {
    press(state, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn typing(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

/// The text of the field being edited.
fn editing(state: &State) -> String {
    match &state.screen.mode {
        Mode::EditField(edit) => edit.textarea.lines().join("\n"),
        _ => panic!("not editing a field"),
    }
}

/// From the starter's makeCall, down to the say action and into its `text` field.
fn open_say_text(state: &mut State) {
    key(state, KeyCode::Char('j')); // the say action
    key(state, KeyCode::Enter); // its form, on `text`
    key(state, KeyCode::Enter); // edit it
    assert!(matches!(state.screen.mode, Mode::EditField(_)));
}

fn say_text(state: &State) -> Option<&str> {
    param(&state.session.document, 1, "text").and_then(Json::as_str)
}

fn flash(state: &State) -> String {
    state
        .screen
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// The keys of action `index`'s `params`, in the order the printed JSON has them.
fn printed_param_order(state: &State, index: usize) -> Vec<String> {
    let printed = parse(&state.derived.printed).unwrap().value;
    actions(&printed)[index]
        .as_object()
        .unwrap()
        .get("params")
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .map(str::to_owned)
        .collect()
}

fn screen_text(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..height {
        for x in 0..width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

// --- Esc cancels, Enter commits -----------------------------------------------------

#[test]
fn esc_cancels_a_field_edit_and_puts_the_value_back() {
    let mut state = saved_state();
    let before = state.session.document.clone();
    open_say_text(&mut state);
    typing(&mut state, " And more.");
    assert!(say_text(&state).unwrap().ends_with("And more."), "live");
    key(&mut state, KeyCode::Esc);
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert_eq!(state.session.document, before, "the document is unchanged");
    assert!(!state.session.dirty, "nothing unsaved");
    key(&mut state, KeyCode::Char('u'));
    assert_eq!(flash(&state), "Nothing to undo");
}

#[test]
fn enter_commits_a_field_edit_as_one_undo_step() {
    let mut state = saved_state();
    open_say_text(&mut state);
    ctrl(&mut state, 'u');
    typing(&mut state, "Hi");
    key(&mut state, KeyCode::Enter);
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert_eq!(say_text(&state), Some("Hi"));
    assert!(state.session.dirty);
    key(&mut state, KeyCode::Char('u'));
    assert_eq!(
        say_text(&state),
        Some("Hello, this is a message from callflow.")
    );
}

#[test]
fn in_a_multi_line_field_enter_commits_and_alt_enter_or_ctrl_j_break_the_line() {
    let mut state = saved_state();
    open_say_text(&mut state);
    ctrl(&mut state, 'u');
    typing(&mut state, "one");
    press(&mut state, KeyCode::Enter, KeyModifiers::ALT);
    typing(&mut state, "two");
    ctrl(&mut state, 'j');
    typing(&mut state, "three");
    assert_eq!(editing(&state), "one\ntwo\nthree");
    key(&mut state, KeyCode::Enter);
    assert!(matches!(state.screen.mode, Mode::Navigate), "Enter commits");
    assert_eq!(say_text(&state), Some("one\ntwo\nthree"));
}

#[test]
fn the_multi_line_editor_says_which_key_commits_and_which_breaks_the_line() {
    let summary = keys::summary(KeyMode::EditMultiLine);
    assert!(summary.contains("enter keep"), "{summary}");
    assert!(summary.contains("M-enter/^j line break"), "{summary}");
    assert!(summary.contains("esc cancel"), "{summary}");
    let mut state = saved_state();
    open_say_text(&mut state);
    let screen = screen_text(&state, 120, 40);
    assert!(screen.contains("M-enter/^j line break"), "{screen}");
    assert!(screen.contains("enter keep"), "{screen}");
}

#[test]
fn readline_keys_edit_the_field() {
    let mut state = saved_state();
    open_say_text(&mut state);
    ctrl(&mut state, 'u'); // delete to the start: the whole line, the cursor being at its end
    assert_eq!(editing(&state), "");
    typing(&mut state, "alpha beta gamma");
    ctrl(&mut state, 'w'); // the word before the cursor
    assert_eq!(editing(&state), "alpha beta ");
    key(&mut state, KeyCode::Home);
    typing(&mut state, ">");
    assert_eq!(editing(&state), ">alpha beta ");
    key(&mut state, KeyCode::End);
    typing(&mut state, "<");
    assert_eq!(editing(&state), ">alpha beta <");
    key(&mut state, KeyCode::Home);
    key(&mut state, KeyCode::Right);
    ctrl(&mut state, 'k'); // delete to the end
    assert_eq!(editing(&state), ">");
    typing(&mut state, "abc");
    key(&mut state, KeyCode::Left);
    ctrl(&mut state, 'u'); // delete to the start, keeping what follows the cursor
    assert_eq!(editing(&state), "c");
    key(&mut state, KeyCode::Enter);
    assert_eq!(say_text(&state), Some("c"));
}

#[test]
fn in_a_one_line_field_ctrl_j_commits_and_never_breaks_the_line() {
    let mut state = saved_state();
    key(&mut state, KeyCode::Enter); // makeCall's form, on `source`
    key(&mut state, KeyCode::Enter);
    ctrl(&mut state, 'u');
    typing(&mut state, "+6511112222");
    ctrl(&mut state, 'j');
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert_eq!(
        param(&state.session.document, 0, "source").and_then(Json::as_str),
        Some("+6511112222")
    );
}

// --- 14.13: a field opened and left unchanged ----------------------------------------

#[test]
fn a_field_opened_and_left_unchanged_leaves_the_work_saved() {
    for leave in [KeyCode::Enter, KeyCode::Esc] {
        let mut state = saved_state();
        open_say_text(&mut state);
        key(&mut state, leave);
        assert!(!state.session.dirty, "{leave:?} left it unsaved");
        assert!(
            !state.session.history.can_undo(),
            "{leave:?}: nothing to undo"
        );
    }
    // Typed and taken back by hand: the same.
    let mut state = saved_state();
    open_say_text(&mut state);
    typing(&mut state, "x");
    key(&mut state, KeyCode::Backspace);
    key(&mut state, KeyCode::Enter);
    assert!(!state.session.dirty);
}

// --- Removing and clearing parameters; the keys keep their places ---------------------

const CAPTURE: &str = r#"{"callflow": [{"action": "sayAndCapture", "params": {"maxDigits": 2, "promptMessage": "Press 1", "voiceProfile": "en-GB-Emma", "noOfTries": 2}}]}"#;

/// Selects the action's form on the parameter `name`.
fn on_field(state: &mut State, name: &str) {
    state.screen.pane = Pane::Form;
    let position = state
        .fields()
        .iter()
        .position(|field| field.label() == name)
        .unwrap();
    state.screen.field_index = position;
}

#[test]
fn d_in_the_form_removes_an_optional_parameter_as_if_never_written() {
    let mut state = state_of(CAPTURE);
    on_field(&mut state, "noOfTries");
    key(&mut state, KeyCode::Char('d'));
    assert_eq!(state.action_count(), 1, "the action stays");
    assert_eq!(param(&state.session.document, 0, "noOfTries"), None);
    assert!(!state.derived.printed.contains("noOfTries"));
    assert_eq!(
        printed_param_order(&state, 0),
        ["maxDigits", "promptMessage", "voiceProfile"]
    );
}

#[test]
fn clearing_a_required_parameter_leaves_it_empty_and_refused() {
    // With d in the form.
    let mut state = state_of(CAPTURE);
    on_field(&mut state, "promptMessage");
    key(&mut state, KeyCode::Char('d'));
    assert_eq!(
        param(&state.session.document, 0, "promptMessage"),
        Some(&Json::string(""))
    );
    assert!(!state.derived.verdict.is_created());
    assert_eq!(
        printed_param_order(&state, 0),
        ["maxDigits", "promptMessage", "voiceProfile", "noOfTries"],
        "it keeps its place"
    );
    // With the editor: emptied by hand.
    let mut state = state_of(CAPTURE);
    on_field(&mut state, "promptMessage");
    key(&mut state, KeyCode::Enter);
    ctrl(&mut state, 'u');
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        param(&state.session.document, 0, "promptMessage"),
        Some(&Json::string(""))
    );
    assert!(!state.derived.verdict.is_created());
}

#[test]
fn editing_clearing_and_retyping_a_parameter_never_moves_its_key() {
    let mut state = state_of(CAPTURE);
    on_field(&mut state, "maxDigits");
    key(&mut state, KeyCode::Enter);
    ctrl(&mut state, 'u'); // emptied: an optional key goes away while empty
    assert_eq!(param(&state.session.document, 0, "maxDigits"), None);
    typing(&mut state, "4");
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        printed_param_order(&state, 0),
        ["maxDigits", "promptMessage", "voiceProfile", "noOfTries"]
    );
    assert!(state.derived.printed.contains("\"maxDigits\": 4"));
}

#[test]
fn a_new_parameter_goes_where_the_declared_order_puts_it() {
    let mut state = state_of(CAPTURE);
    on_field(&mut state, "repetition");
    key(&mut state, KeyCode::Enter);
    typing(&mut state, "2");
    key(&mut state, KeyCode::Enter);
    on_field(&mut state, "successMessage");
    key(&mut state, KeyCode::Enter);
    typing(&mut state, "Thanks");
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        printed_param_order(&state, 0),
        [
            "maxDigits",
            "promptMessage",
            "voiceProfile",
            "repetition",
            "noOfTries",
            "successMessage"
        ]
    );
}

#[test]
fn d_deletes_an_action_only_in_the_actions_pane() {
    let mut state = saved_state();
    key(&mut state, KeyCode::Enter); // the form of makeCall
    assert_eq!(state.screen.pane, Pane::Form);
    key(&mut state, KeyCode::Char('d')); // on `source`: required, emptied
    assert_eq!(state.action_count(), 3);
    key(&mut state, KeyCode::Char('k')); // the action type
    key(&mut state, KeyCode::Char('d'));
    assert_eq!(state.action_count(), 3, "not from the form");
    key(&mut state, KeyCode::Tab); // the preview
    key(&mut state, KeyCode::Char('d'));
    assert_eq!(state.action_count(), 3, "not from the preview");
    key(&mut state, KeyCode::Tab); // the actions pane
    assert_eq!(state.screen.pane, Pane::Actions);
    key(&mut state, KeyCode::Char('d'));
    assert_eq!(state.action_count(), 2);
}

// --- The picker, g/G, Home/End -----------------------------------------------------

#[test]
fn the_change_the_action_picker_opens_on_the_current_kind() {
    let mut state = saved_state();
    key(&mut state, KeyCode::Char('j')); // say
    key(&mut state, KeyCode::Enter); // its form
    key(&mut state, KeyCode::Char('k')); // the action type
    key(&mut state, KeyCode::Enter);
    let Some(Overlay::AddPicker { cursor, replace }) = &state.screen.overlay else {
        panic!("no picker");
    };
    assert_eq!(*replace, Some(1));
    assert_eq!(
        callflow::callflow::params::ActionKind::ALL[*cursor].name(),
        "say"
    );
    key(&mut state, KeyCode::Enter); // Enter keeps it
    assert_eq!(state.session.document, starter());
}

#[test]
fn g_and_shift_g_and_home_and_end_jump_in_lists_and_forms() {
    let mut state = saved_state();
    key(&mut state, KeyCode::Char('G'));
    assert_eq!(state.screen.row_index, state.row_count() - 1);
    key(&mut state, KeyCode::Char('g'));
    assert_eq!(state.screen.row_index, 0);
    key(&mut state, KeyCode::End);
    assert_eq!(state.screen.row_index, state.row_count() - 1);
    key(&mut state, KeyCode::Home);
    assert_eq!(state.screen.row_index, 0);

    let mut state = saved_state();
    key(&mut state, KeyCode::Char('j'));
    key(&mut state, KeyCode::Enter); // say's form
    key(&mut state, KeyCode::Char('G'));
    assert_eq!(state.screen.field_index, state.fields().len() - 1);
    key(&mut state, KeyCode::Char('g'));
    assert_eq!(state.screen.field_index, 0);
    key(&mut state, KeyCode::End);
    assert_eq!(state.screen.field_index, state.fields().len() - 1);
    key(&mut state, KeyCode::Home);
    assert_eq!(state.screen.field_index, 0);

    // A list window: the add picker.
    key(&mut state, KeyCode::Char('a'));
    key(&mut state, KeyCode::Char('G'));
    assert!(matches!(
        state.screen.overlay,
        Some(Overlay::AddPicker { cursor: 5, .. })
    ));
    key(&mut state, KeyCode::Char('g'));
    assert!(matches!(
        state.screen.overlay,
        Some(Overlay::AddPicker { cursor: 0, .. })
    ));
}

// --- Ctrl-C, Ctrl-Z -----------------------------------------------------------------

#[test]
fn ctrl_c_quits_at_once_when_saved() {
    let mut state = saved_state();
    ctrl(&mut state, 'c');
    assert_eq!(state.effects, vec![Effect::Quit]);
}

#[test]
fn ctrl_c_asks_the_same_question_as_q_when_unsaved_from_any_mode() {
    let question = |state: &State| match &state.screen.overlay {
        Some(Overlay::Confirm(confirm)) => confirm.question.clone(),
        _ => panic!("no question"),
    };
    let mut by_q = saved_state();
    key(&mut by_q, KeyCode::Char('c')); // duplicate: unsaved
    key(&mut by_q, KeyCode::Char('q'));
    let asked_by_q = question(&by_q);

    let mut by_ctrl_c = saved_state();
    key(&mut by_ctrl_c, KeyCode::Char('c'));
    ctrl(&mut by_ctrl_c, 'c');
    assert_eq!(question(&by_ctrl_c), asked_by_q);
    assert!(by_ctrl_c.effects.is_empty());
    key(&mut by_ctrl_c, KeyCode::Char('y'));
    assert_eq!(by_ctrl_c.effects, vec![Effect::Quit]);

    // In the middle of a field edit: what was typed is kept, and the question protects it.
    let mut editing_state = saved_state();
    open_say_text(&mut editing_state);
    typing(&mut editing_state, "!");
    ctrl(&mut editing_state, 'c');
    assert!(matches!(editing_state.screen.mode, Mode::Navigate));
    assert!(say_text(&editing_state).unwrap().ends_with('!'));
    assert!(question(&editing_state).contains("unsaved changes"));

    // With a window open.
    let mut helping = saved_state();
    key(&mut helping, KeyCode::Char('c'));
    key(&mut helping, KeyCode::Char('?'));
    ctrl(&mut helping, 'c');
    assert_eq!(question(&helping), asked_by_q);
}

#[test]
fn ctrl_z_suspends_from_any_mode() {
    let mut state = saved_state();
    ctrl(&mut state, 'z');
    assert_eq!(state.effects, vec![Effect::Suspend { mouse: true }]);
    let mut state = saved_state();
    open_say_text(&mut state);
    ctrl(&mut state, 'z');
    assert_eq!(state.effects, vec![Effect::Suspend { mouse: true }]);
    assert!(
        matches!(state.screen.mode, Mode::EditField(_)),
        "the edit is there after fg"
    );
}

// --- Terminal too small --------------------------------------------------------------

#[test]
fn while_the_terminal_is_too_small_only_quitting_acts() {
    let mut state = saved_state();
    update(&mut state, Action::Resize(30, 8));
    let before = state.session.document.clone();
    for code in [
        KeyCode::Char('d'),
        KeyCode::Char('a'),
        KeyCode::Enter,
        KeyCode::Char('j'),
        KeyCode::Char('e'),
    ] {
        key(&mut state, code);
    }
    ctrl(&mut state, 's');
    update(&mut state, Action::Paste("pasted".to_owned()));
    assert_eq!(state.session.document, before);
    assert!(state.screen.overlay.is_none());
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert_eq!(state.screen.row_index, 1);
    assert!(state.effects.is_empty(), "no save either");
    let screen = screen_text(&state, 30, 8);
    assert!(screen.contains("^c quits"), "{screen}");
    key(&mut state, KeyCode::Char('q'));
    assert_eq!(state.effects, vec![Effect::Quit]);

    // A field open when the terminal shrinks: neither keys nor a paste reach it.
    let mut state = saved_state();
    open_say_text(&mut state);
    let text = editing(&state);
    update(&mut state, Action::Resize(30, 8));
    typing(&mut state, "xyz");
    update(&mut state, Action::Paste("pasted".to_owned()));
    key(&mut state, KeyCode::Esc);
    assert_eq!(editing(&state), text);
    update(&mut state, Action::Resize(80, 24));
    typing(&mut state, "!");
    assert_eq!(
        editing(&state),
        format!("{text}!"),
        "it works again at full size"
    );

    // Unsaved: the question shows on the small screen, and its answers work.
    let mut state = saved_state();
    key(&mut state, KeyCode::Char('c'));
    update(&mut state, Action::Resize(30, 8));
    ctrl(&mut state, 'c');
    let screen = screen_text(&state, 30, 8);
    assert!(screen.contains("Quit without"), "{screen}");
    key(&mut state, KeyCode::Char('y'));
    assert_eq!(state.effects, vec![Effect::Quit]);
}

// --- Undo back to the saved state ----------------------------------------------------

#[test]
fn undoing_back_to_the_saved_state_clears_unsaved_and_q_quits_without_asking() {
    let mut state = saved_state();
    key(&mut state, KeyCode::Char('c')); // duplicate
    key(&mut state, KeyCode::Char('J')); // move it
    assert!(state.session.dirty);
    assert!(screen_text(&state, 120, 40).contains('●'));
    key(&mut state, KeyCode::Char('u'));
    assert!(state.session.dirty, "one step from the saved state");
    key(&mut state, KeyCode::Char('u'));
    assert!(!state.session.dirty, "back at the saved state");
    assert!(!screen_text(&state, 120, 40).contains('●'));
    key(&mut state, KeyCode::Char('q'));
    assert_eq!(state.effects, vec![Effect::Quit]);

    // Redo away from it is unsaved again; a save moves the saved point.
    let mut state = saved_state();
    key(&mut state, KeyCode::Char('c'));
    key(&mut state, KeyCode::Char('u'));
    ctrl(&mut state, 'r');
    assert!(state.session.dirty);
    update(
        &mut state,
        Action::Saved(Ok(SaveOutcome {
            path: PathBuf::from("flow.json"),
            adopt_path: true,
            stamp: None,
            remarks: Vec::new(),
        })),
    );
    assert!(!state.session.dirty);
    key(&mut state, KeyCode::Char('u'));
    assert!(state.session.dirty, "the saved file has the duplicate");
    ctrl(&mut state, 'r');
    assert!(!state.session.dirty);
}

// --- A path that does not exist yet ---------------------------------------------------

#[test]
fn a_path_that_does_not_exist_opens_on_the_starter_flow_unsaved_on_disk() {
    let dir = std::env::temp_dir().join(format!("callflow-forms-new-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("flow.json");
    let _ = std::fs::remove_file(&path);
    let state = initial_state(&Options {
        file: Some(path.clone()),
        account: AccountProfile::default(),
        mouse: false,
    })
    .unwrap();
    assert_eq!(state.session.document, starter());
    assert!(state.derived.verdict.is_created(), "a working request");
    assert!(!state.session.dirty);
    assert!(!path.exists(), "written only when asked");
    assert!(flash(&state).contains("created when you save"));
}

// --- 14.12: an abandoned "save first, then quit" --------------------------------------

#[test]
fn declining_the_overwrite_of_save_then_quit_cancels_the_quit() {
    let mut state = saved_state();
    key(&mut state, KeyCode::Char('c')); // unsaved
    key(&mut state, KeyCode::Char('q'));
    key(&mut state, KeyCode::Char('s')); // save first
    assert!(matches!(state.effects.as_slice(), [Effect::Save { .. }]));
    state.effects.clear();
    update(
        &mut state,
        Action::SaveConflict {
            path: PathBuf::from("flow.json"),
            reason: "changed on disk since it was opened".to_owned(),
            adopt_path: true,
        },
    );
    key(&mut state, KeyCode::Char('n'));
    assert!(state.effects.is_empty());
    // Later, an ordinary save succeeds: the program stays.
    ctrl(&mut state, 's');
    state.effects.clear();
    update(
        &mut state,
        Action::Saved(Ok(SaveOutcome {
            path: PathBuf::from("flow.json"),
            adopt_path: true,
            stamp: None,
            remarks: Vec::new(),
        })),
    );
    assert!(
        !state.effects.contains(&Effect::Quit),
        "{:?}",
        state.effects
    );
}

#[test]
fn escaping_the_file_name_of_save_then_quit_cancels_the_quit() {
    let mut state = State::new(starter(), context(), None);
    key(&mut state, KeyCode::Char('c'));
    key(&mut state, KeyCode::Char('q'));
    key(&mut state, KeyCode::Char('s')); // no file yet: asks for a name
    assert!(matches!(state.screen.overlay, Some(Overlay::Prompt(_))));
    key(&mut state, KeyCode::Esc);
    update(
        &mut state,
        Action::Saved(Ok(SaveOutcome {
            path: PathBuf::from("later.json"),
            adopt_path: true,
            stamp: None,
            remarks: Vec::new(),
        })),
    );
    assert!(!state.effects.contains(&Effect::Quit));
}

// --- A key given twice in the file ----------------------------------------------------

const TWICE: &str = r#"{"callflow": [
  {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
  {"action": "say", "params": {"text": "Hello there", "voiceProfile": "en-GB-Emma", "text": "Bye"}}
]}
"#;

fn open_file_with(text: &str, name: &str) -> State {
    let dir = std::env::temp_dir().join(format!("callflow-forms-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("flow.json");
    std::fs::write(&path, text).unwrap();
    initial_state(&Options {
        file: Some(path),
        account: AccountProfile::default(),
        mouse: false,
    })
    .unwrap()
}

fn warnings_at(verdict: &callflow::callflow::Verdict, path: &str) -> Vec<(String, String)> {
    verdict
        .findings
        .iter()
        .filter(|f| f.path.as_ref().is_some_and(|p| p.to_string() == path))
        .map(|f| (f.message.clone(), f.hint.clone()))
        .collect()
}

#[test]
fn a_key_given_twice_is_listed_as_validate_all_lists_it() {
    let state = open_file_with(TWICE, "twice-list");
    let headless = callflow::callflow::validate::validate_text(TWICE, &context());
    let expected = warnings_at(&headless, "$.callflow[1].params.text");
    assert_eq!(expected.len(), 1, "validate lists it");
    assert_eq!(
        warnings_at(&state.derived.verdict, "$.callflow[1].params.text"),
        expected
    );
    assert_eq!(say_text(&state), Some("Bye"), "the last value counts");
    // Edits keep the warning: the file still has both until a save.
    let mut state = state;
    key(&mut state, KeyCode::Char('c'));
    assert_eq!(
        warnings_at(&state.derived.verdict, "$.callflow[1].params.text"),
        expected
    );
}

#[test]
fn the_first_save_that_would_drop_the_earlier_value_asks_naming_key_and_value() {
    let mut state = open_file_with(TWICE, "twice-save");
    ctrl(&mut state, 's');
    let Some(Overlay::Confirm(confirm)) = &state.screen.overlay else {
        panic!("no question");
    };
    assert!(
        confirm.question.contains("$.callflow[1].params.text"),
        "{}",
        confirm.question
    );
    assert!(
        confirm.question.contains("\"Hello there\""),
        "{}",
        confirm.question
    );
    assert!(
        state.effects.is_empty(),
        "nothing written before the answer"
    );
    key(&mut state, KeyCode::Char('n'));
    assert!(state.effects.is_empty());

    ctrl(&mut state, 's');
    key(&mut state, KeyCode::Char('y'));
    let [Effect::Save { text, .. }] = state.effects.as_slice() else {
        panic!("{:?}", state.effects);
    };
    assert!(!text.contains("Hello there"));
    assert!(warnings_at(&state.derived.verdict, "$.callflow[1].params.text").is_empty());
    state.effects.clear();
    ctrl(&mut state, 's');
    assert!(
        matches!(state.effects.as_slice(), [Effect::Save { .. }]),
        "asked once"
    );
}

#[test]
fn declining_to_drop_a_repeated_value_cancels_save_then_quit() {
    let mut state = open_file_with(TWICE, "twice-quit");
    key(&mut state, KeyCode::Char('c'));
    key(&mut state, KeyCode::Char('q'));
    key(&mut state, KeyCode::Char('s'));
    assert!(matches!(state.screen.overlay, Some(Overlay::Confirm(_))));
    key(&mut state, KeyCode::Char('n'));
    update(
        &mut state,
        Action::Saved(Ok(SaveOutcome {
            path: PathBuf::from("flow.json"),
            adopt_path: true,
            stamp: None,
            remarks: Vec::new(),
        })),
    );
    assert!(!state.effects.contains(&Effect::Quit));
}
