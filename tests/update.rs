//! `update()` for every action and command: each test drives the state as a user would
//! and checks what changed.

use callflow::callflow::document::{self, action_name, actions, starter};
use callflow::callflow::parse::parse;
use callflow::callflow::{AccountProfile, Context, Instant, Json, StatusCode};
use callflow::tui::action::{Action, Command, Effect, SaveGuard, SaveOutcome};
use callflow::tui::form::{Field, Row};
use callflow::tui::state::{Mode, Overlay, Pane, State};
use callflow::tui::update::update;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::path::PathBuf;

const NOW: i64 = 1_800_000_000;

fn context() -> Context {
    Context::new(AccountProfile::default(), Instant::from_unix_seconds(NOW))
}

fn state_of(json: &str) -> State {
    State::new(parse(json).unwrap().value, context(), None)
}

fn starter_state() -> State {
    State::new(starter(), context(), None)
}

/// The -1006 request: digitTimeout 10000, overallTimeout 5000.
fn timeout_state() -> State {
    state_of(
        r#"{"callflow": [{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
        {"action": "sayAndCapture", "params": {"promptMessage": "Press 1", "voiceProfile": "en-GB-Emma", "digitTimeout": 10000, "overallTimeout": 5000}}]}"#,
    )
}

fn command(state: &mut State, command: Command) {
    update(state, Action::Command(command));
}

fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(state: &mut State, c: char) {
    update(
        state,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn typing(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

fn names(state: &State) -> Vec<String> {
    actions(&state.session.document)
        .iter()
        .map(|a| action_name(a).unwrap_or("?").to_owned())
        .collect()
}

fn focus_field(state: &mut State, row: Row, name: &str) {
    state.select_row(row);
    state.screen.pane = Pane::Form;
    state.screen.field_index = state
        .fields()
        .iter()
        .position(|f| f.label() == name)
        .expect(name);
}

fn code(state: &State) -> i32 {
    state.derived.verdict.response.code.number()
}

#[test]
fn up_and_down_move_through_rows_and_fields() {
    let mut state = starter_state();
    assert_eq!(state.row(), Row::Action(0));
    command(&mut state, Command::Down);
    assert_eq!(state.row(), Row::Action(1));
    command(&mut state, Command::Up);
    command(&mut state, Command::Up);
    command(&mut state, Command::Up);
    assert_eq!(state.row(), Row::Request);
    state.select_row(Row::Action(1));
    state.screen.pane = Pane::Form;
    command(&mut state, Command::Down);
    assert_eq!(state.field().unwrap().label(), "text");
}

#[test]
fn tab_cycles_the_panes_both_ways() {
    let mut state = starter_state();
    command(&mut state, Command::NextPane);
    assert_eq!(state.screen.pane, Pane::Form);
    command(&mut state, Command::NextPane);
    assert_eq!(state.screen.pane, Pane::Preview);
    command(&mut state, Command::PreviousPane);
    assert_eq!(state.screen.pane, Pane::Form);
}

#[test]
fn typing_in_a_field_revalidates_after_every_keystroke() {
    let mut state = timeout_state();
    assert_eq!(code(&state), -1006);
    focus_field(&mut state, Row::Action(1), "overallTimeout");
    command(&mut state, Command::Activate);
    assert!(matches!(state.screen.mode, Mode::EditField(_)));
    for _ in 0..3 {
        key(&mut state, KeyCode::Backspace);
    }
    assert_eq!(code(&state), -1006, "5 is still below 10000");
    typing(&mut state, "000");
    assert_eq!(code(&state), -1006);
    typing(&mut state, "0");
    assert_eq!(code(&state), 1, "50000 is above 10000");
    assert_eq!(
        document::param(&state.session.document, 1, "overallTimeout"),
        Some(&Json::integer(50000))
    );
    key(&mut state, KeyCode::Enter);
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert!(state.session.dirty);
    command(&mut state, Command::Undo);
    assert_eq!(code(&state), -1006, "the whole edit is one undo step");
}

#[test]
fn text_in_an_integer_field_stays_a_string_with_the_apis_error() {
    let mut state = timeout_state();
    focus_field(&mut state, Row::Action(1), "digitTimeout");
    command(&mut state, Command::Activate);
    typing(&mut state, "s");
    assert_eq!(
        state.derived.verdict.response.message,
        "Invalid call flow entry provided. $.callflow[1].params.digitTimeout: string found, integer expected"
    );
    for _ in 0..6 {
        key(&mut state, KeyCode::Backspace);
    }
    assert_eq!(
        document::param(&state.session.document, 1, "digitTimeout"),
        None,
        "emptied, the key goes away"
    );
}

#[test]
fn enter_on_a_boolean_cycles_true_false_absent() {
    let mut state = starter_state();
    focus_field(&mut state, Row::Action(0), "callRecording");
    command(&mut state, Command::Activate);
    assert_eq!(
        document::param(&state.session.document, 0, "callRecording"),
        Some(&Json::Bool(true))
    );
    command(&mut state, Command::Activate);
    assert_eq!(
        document::param(&state.session.document, 0, "callRecording"),
        Some(&Json::Bool(false))
    );
    command(&mut state, Command::Activate);
    assert_eq!(
        document::param(&state.session.document, 0, "callRecording"),
        None
    );
}

#[test]
fn the_voice_picker_filters_and_also_takes_free_text() {
    let mut state = starter_state();
    focus_field(&mut state, Row::Action(1), "voiceProfile");
    command(&mut state, Command::Activate);
    let Some(Overlay::VoicePicker(picker)) = &state.screen.overlay else {
        panic!("picker")
    };
    let voices = callflow::tui::overlays::voice_picker::matching_voices(&state, "");
    assert_eq!(
        voices[picker.cursor].code, "en-US-BenjaminRUS",
        "the current voice is highlighted"
    );
    typing(&mut state, "emma");
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        document::param(&state.session.document, 1, "voiceProfile"),
        Some(&Json::string("en-GB-Emma"))
    );

    command(&mut state, Command::Activate);
    typing(&mut state, "xx-Custom");
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        document::param(&state.session.document, 1, "voiceProfile"),
        Some(&Json::string("xx-Custom"))
    );
    assert_eq!(code(&state), -1002);
}

fn drawn(state: &State) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| callflow::tui::view::draw(frame, state))
        .unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_voice_picker_names_its_list_and_warns_live_about_shaped_names() {
    let mut state = starter_state();
    focus_field(&mut state, Row::Action(1), "voiceProfile");
    command(&mut state, Command::Activate);
    assert!(drawn(&state).contains("Voice — known voices"));
    typing(&mut state, "fr-FR-DeniseNeural");
    let screen = drawn(&state);
    assert!(
        screen.contains("! accepted with a warning: not in known voices"),
        "{screen}"
    );
    key(&mut state, KeyCode::Enter);
    assert_eq!(code(&state), 1, "a voice-shaped name is not refused");
    assert!(state.derived.verdict.findings.iter().any(|f| {
        f.severity == callflow::callflow::Severity::Warning
            && f.path.as_ref().map(|p| p.as_str()) == Some("$.callflow[1].params.voiceProfile")
    }));

    command(&mut state, Command::Activate);
    typing(&mut state, "fr_FR_Denise");
    assert!(drawn(&state).contains("✗ -1002: not in known voices"));
}

#[test]
fn with_the_account_list_the_picker_says_so_and_refuses_shaped_names() {
    let account = AccountProfile::from_json(
        r#"{"speechProfiles": [{"speechProfileCode": "en-US-JennyNeural", "localeCode": "en-US"}]}"#,
    )
    .unwrap();
    let mut state = State::new(
        starter(),
        Context::new(account, Instant::from_unix_seconds(NOW)),
        None,
    );
    focus_field(&mut state, Row::Action(1), "voiceProfile");
    command(&mut state, Command::Activate);
    typing(&mut state, "fr-FR-DeniseNeural");
    let screen = drawn(&state);
    assert!(screen.contains("Voice — the account's voices"), "{screen}");
    assert!(screen.contains("✗ -1002: not in the account's voices"));
}

#[test]
fn add_inserts_the_picked_action_below_the_selection() {
    let mut state = starter_state();
    command(&mut state, Command::Add);
    assert!(matches!(
        state.screen.overlay,
        Some(Overlay::AddPicker { .. })
    ));
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Enter);
    assert_eq!(names(&state), ["makeCall", "say", "say", "hangup"]);
    assert_eq!(state.row(), Row::Action(1));
    assert_eq!(code(&state), 1, "a new action keeps a valid flow valid");
}

#[test]
fn the_action_field_changes_the_type_keeping_params() {
    let mut state = starter_state();
    focus_field(&mut state, Row::Action(1), "action");
    command(&mut state, Command::Activate);
    key(&mut state, KeyCode::Char('3'));
    assert_eq!(names(&state), ["makeCall", "sayAndCapture", "hangup"]);
    assert_eq!(code(&state), -1009, "sayAndCapture needs promptMessage");
}

#[test]
fn delete_duplicate_and_move_edit_the_flow() {
    let mut state = starter_state();
    state.select_row(Row::Action(1));
    command(&mut state, Command::Duplicate);
    assert_eq!(names(&state), ["makeCall", "say", "say", "hangup"]);
    assert_eq!(state.row(), Row::Action(2));
    command(&mut state, Command::MoveDown);
    assert_eq!(names(&state), ["makeCall", "say", "hangup", "say"]);
    assert_eq!(code(&state), -1012);
    command(&mut state, Command::MoveUp);
    assert_eq!(names(&state), ["makeCall", "say", "say", "hangup"]);
    command(&mut state, Command::Delete);
    assert_eq!(names(&state), ["makeCall", "say", "hangup"]);
}

#[test]
fn undo_and_redo_restore_whole_documents() {
    let mut state = starter_state();
    let original = state.session.document.clone();
    state.select_row(Row::Action(0));
    command(&mut state, Command::Delete);
    command(&mut state, Command::Delete);
    assert_eq!(names(&state), ["hangup"]);
    command(&mut state, Command::Undo);
    command(&mut state, Command::Undo);
    assert_eq!(state.session.document, original);
    command(&mut state, Command::Redo);
    assert_eq!(names(&state), ["say", "hangup"]);
    command(&mut state, Command::Redo);
    command(&mut state, Command::Redo);
    assert_eq!(state.screen.flash.as_ref().unwrap().text, "Nothing to redo");
}

#[test]
fn raw_mode_returns_to_the_forms_only_when_the_text_parses() {
    let mut state = starter_state();
    command(&mut state, Command::RawJson);
    assert!(matches!(state.screen.mode, Mode::Raw(_)));
    ctrl(&mut state, 'e');
    typing(&mut state, "x");
    assert_eq!(code(&state), -1001);
    key(&mut state, KeyCode::Esc);
    assert!(
        matches!(state.screen.overlay, Some(Overlay::Confirm(_))),
        "asks to discard"
    );
    key(&mut state, KeyCode::Char('n'));
    assert!(
        matches!(state.screen.mode, Mode::Raw(_)),
        "nothing typed is lost"
    );
    key(&mut state, KeyCode::Backspace);
    assert_eq!(code(&state), 1);
    key(&mut state, KeyCode::Esc);
    assert!(matches!(state.screen.mode, Mode::Navigate));

    command(&mut state, Command::RawJson);
    typing(&mut state, "garbage");
    key(&mut state, KeyCode::Esc);
    key(&mut state, KeyCode::Char('y'));
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert_eq!(code(&state), 1, "discarded: the forms' document is back");
}

#[test]
fn raw_edits_become_the_document() {
    let mut state = State::new_raw("", context(), None);
    assert_eq!(code(&state), -1001);
    update(
        &mut state,
        Action::Paste("{\"callflow\": [{\"action\": \"hangup\"}]}".into()),
    );
    key(&mut state, KeyCode::Esc);
    assert_eq!(names(&state), ["hangup"]);
    assert_eq!(code(&state), -1013);
}

#[test]
fn copy_goes_straight_through_when_created() {
    let mut state = starter_state();
    command(&mut state, Command::Copy);
    assert_eq!(
        state.effects,
        vec![Effect::Copy {
            text: state.derived.printed.clone(),
            what: "the JSON"
        }]
    );
}

#[test]
fn copying_a_refused_request_asks_first_naming_the_code() {
    let mut state = timeout_state();
    command(&mut state, Command::CopyCurl);
    let Some(Overlay::Confirm(confirm)) = &state.screen.overlay else {
        panic!("should ask")
    };
    assert!(
        confirm
            .question
            .contains("-1006 OverallTimeout should be greater than digitTimeout")
    );
    assert!(state.effects.is_empty());
    key(&mut state, KeyCode::Char('y'));
    let Some(Effect::Copy { text, what }) = state.effects.first() else {
        panic!("should copy")
    };
    assert_eq!(*what, "a curl command");
    assert!(
        text.starts_with("curl ")
            && text.contains("$API_KEY")
            && text.contains("\"overallTimeout\": 5000")
    );
}

#[test]
fn findings_list_jumps_to_the_field() {
    let mut state = timeout_state();
    command(&mut state, Command::Findings);
    assert!(matches!(
        state.screen.overlay,
        Some(Overlay::Findings { cursor: 0 })
    ));
    key(&mut state, KeyCode::Enter);
    assert!(state.screen.overlay.is_none());
    assert_eq!(state.row(), Row::Action(1));
    assert_eq!(state.screen.pane, Pane::Form);
    assert_eq!(state.field().unwrap().label(), "overallTimeout");
}

#[test]
fn next_finding_walks_the_findings_with_places() {
    let mut state = state_of(
        r#"{"callflow": [{"action": "say", "params": {"text": "", "voiceProfile": "en-GB-Emma"}}], "x": 1}"#,
    );
    command(&mut state, Command::NextFinding);
    assert_eq!(state.field().unwrap().label(), "text");
    command(&mut state, Command::NextFinding);
    assert_eq!(state.row(), Row::Action(0));
    assert_eq!(
        state.field().unwrap(),
        Field::ActionType,
        "-1013 lies on the first action"
    );
}

#[test]
fn rules_open_on_the_current_code_and_enter_jumps_to_it() {
    let mut state = timeout_state();
    command(&mut state, Command::Rules);
    let Some(Overlay::Rules(browser)) = &state.screen.overlay else {
        panic!("rules")
    };
    assert_eq!(
        callflow::callflow::teaching::lessons()[browser.cursor].code,
        StatusCode::OverallTimeoutTooSmall
    );
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.field().unwrap().label(), "overallTimeout");
}

#[test]
fn a_finding_opens_its_rule_with_one_key() {
    let mut state = timeout_state();
    command(&mut state, Command::Findings);
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Char('r'));
    assert!(matches!(state.screen.overlay, Some(Overlay::Rules(_))));
    key(&mut state, KeyCode::Esc);
    assert!(
        matches!(state.screen.overlay, Some(Overlay::Findings { cursor: 1 })),
        "Esc from the rule goes back to the findings, on the same finding"
    );
    key(&mut state, KeyCode::Esc);
    assert!(state.screen.overlay.is_none());
}

#[test]
fn templates_replace_the_document_undoably() {
    let mut state = starter_state();
    command(&mut state, Command::Templates);
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Enter);
    assert!(names(&state).contains(&"playFile".to_owned()));
    command(&mut state, Command::Undo);
    assert_eq!(names(&state), ["makeCall", "say", "hangup"]);
}

#[test]
fn help_opens_and_closes() {
    let mut state = starter_state();
    command(&mut state, Command::Help);
    assert!(matches!(state.screen.overlay, Some(Overlay::Help)));
    key(&mut state, KeyCode::Esc);
    assert!(state.screen.overlay.is_none());
}

#[test]
fn save_without_a_file_asks_for_a_name() {
    let mut state = starter_state();
    command(&mut state, Command::Save);
    assert!(matches!(state.screen.overlay, Some(Overlay::Prompt(_))));
    for _ in 0..20 {
        key(&mut state, KeyCode::Backspace);
    }
    typing(&mut state, "flow.json");
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        state.effects,
        vec![Effect::Save {
            path: "flow.json".into(),
            text: state.derived.printed.clone(),
            guard: SaveGuard::Absent,
            adopt_path: true,
            note: None,
        }]
    );
}

#[test]
fn ctrl_s_saves_in_every_mode_raw_text_as_typed() {
    let mut state = starter_state();
    state.session.file = Some(PathBuf::from("f.json"));
    command(&mut state, Command::RawJson);
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('>'), KeyModifiers::ALT)),
    );
    key(&mut state, KeyCode::End);
    typing(&mut state, " oops");
    ctrl(&mut state, 's');
    let Some(Effect::Save { text, .. }) = state.effects.first() else {
        panic!("save")
    };
    assert!(
        text.ends_with("} oops\n"),
        "the draft is written as typed: {text:?}"
    );
}

#[test]
fn saved_marks_clean_and_clears_recovery_and_a_failure_keeps_the_work() {
    let mut state = starter_state();
    state.session.dirty = true;
    update(&mut state, Action::Saved(Err("read-only folder".into())));
    assert!(state.session.dirty);
    assert!(
        state
            .screen
            .flash
            .as_ref()
            .unwrap()
            .text
            .contains("read-only folder")
    );
    update(
        &mut state,
        Action::Saved(Ok(SaveOutcome {
            path: "a.json".into(),
            adopt_path: true,
            stamp: None,
            remarks: Vec::new(),
        })),
    );
    assert!(!state.session.dirty);
    assert_eq!(state.session.file, Some(PathBuf::from("a.json")));
    assert_eq!(
        state.effects,
        vec![Effect::ClearDraft {
            file: Some("a.json".into())
        }]
    );
}

#[test]
fn export_of_a_refused_request_asks_first() {
    let mut state = timeout_state();
    command(&mut state, Command::Export);
    key(&mut state, KeyCode::Enter);
    let Some(Overlay::Confirm(confirm)) = &state.screen.overlay else {
        panic!("should ask")
    };
    assert!(confirm.question.contains("-1006"));
    key(&mut state, KeyCode::Char('y'));
    assert!(matches!(
        state.effects.first(),
        Some(Effect::Save {
            adopt_path: false,
            ..
        })
    ));
}

#[test]
fn save_as_suggests_the_current_name() {
    let mut state = starter_state();
    state.session.file = Some(PathBuf::from("mine.json"));
    command(&mut state, Command::SaveAs);
    let Some(Overlay::Prompt(prompt)) = &state.screen.overlay else {
        panic!("prompt")
    };
    assert_eq!(prompt.textarea.lines(), ["mine.json"]);
}

#[test]
fn ctrl_u_in_the_save_prompt_clears_the_name_as_readline_does() {
    let mut state = starter_state();
    state.session.file = Some(PathBuf::from("mine.json"));
    command(&mut state, Command::SaveAs);
    update(
        &mut state,
        Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    let Some(Overlay::Prompt(prompt)) = &state.screen.overlay else {
        panic!("prompt")
    };
    assert_eq!(prompt.textarea.lines(), [""], "not the text area's undo");
}

#[test]
fn a_save_conflict_asks_before_overwriting() {
    let mut state = starter_state();
    update(
        &mut state,
        Action::SaveConflict {
            path: "a.json".into(),
            reason: "changed on disk since it was opened".into(),
            adopt_path: true,
        },
    );
    let Some(Overlay::Confirm(confirm)) = &state.screen.overlay else {
        panic!("should ask")
    };
    assert!(confirm.question.contains("changed on disk"));
    key(&mut state, KeyCode::Char('y'));
    assert!(matches!(
        state.effects.first(),
        Some(Effect::Save {
            guard: SaveGuard::Overwrite,
            ..
        })
    ));
}

#[test]
fn quit_is_immediate_when_clean_and_asks_when_dirty() {
    let mut state = starter_state();
    command(&mut state, Command::Quit);
    assert_eq!(state.effects, vec![Effect::Quit]);

    let mut state = starter_state();
    state.session.file = Some(PathBuf::from("a.json"));
    command(&mut state, Command::Delete);
    command(&mut state, Command::Quit);
    assert!(state.effects.is_empty());
    key(&mut state, KeyCode::Char('s'));
    assert!(matches!(state.effects.first(), Some(Effect::Save { .. })));
    state.effects.clear();
    update(
        &mut state,
        Action::Saved(Ok(SaveOutcome {
            path: "a.json".into(),
            adopt_path: true,
            stamp: None,
            remarks: Vec::new(),
        })),
    );
    assert_eq!(
        state.effects,
        vec![
            Effect::ClearDraft {
                file: Some("a.json".into())
            },
            Effect::Quit
        ]
    );
}

#[test]
fn page_keys_scroll_the_preview() {
    let mut state = State::new(
        callflow::callflow::sample::large_request(50),
        context(),
        None,
    );
    state.screen.size = (120, 40);
    command(&mut state, Command::PageDown);
    assert_eq!(state.screen.preview_scroll, 32);
    command(&mut state, Command::PageUp);
    assert_eq!(state.screen.preview_scroll, 0);
}

#[test]
fn paste_never_fires_commands() {
    let mut state = starter_state();
    let before = state.session.document.clone();
    update(&mut state, Action::Paste("dddd\nq\ny".into()));
    assert_eq!(state.session.document, before);
    assert!(state.effects.is_empty() && state.screen.overlay.is_none());

    focus_field(&mut state, Row::Action(0), "destination");
    command(&mut state, Command::Activate);
    for _ in 0..20 {
        key(&mut state, KeyCode::Backspace);
    }
    update(&mut state, Action::Paste("+6590000000\n".into()));
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        document::param(&state.session.document, 0, "destination"),
        Some(&Json::string("+6590000000"))
    );
}

#[test]
fn a_click_selects_the_row_under_the_mouse() {
    let mut state = starter_state();
    state.screen.size = (120, 40);
    // Clicks land on what the last frame drew.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| state.screen.hit_map = Some(callflow::tui::view::draw_mapped(frame, &state)))
        .unwrap();
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 3,
        row: 4,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut state, Action::Mouse(click));
    assert_eq!(
        state.row(),
        Row::Action(1),
        "row 4 is the third line inside the pane"
    );
    state.screen.mouse = false;
    let click = MouseEvent { row: 2, ..click };
    update(&mut state, Action::Mouse(click));
    assert_eq!(state.row(), Row::Action(1), "--no-mouse ignores clicks");
}

#[test]
fn a_click_on_a_scrolled_form_selects_the_field_drawn_there() {
    let mut state = timeout_state();
    state.screen.size = (80, 24);
    command(&mut state, Command::Down);
    command(&mut state, Command::NextPane);
    command(&mut state, Command::Last);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let frame = terminal
        .draw(|frame| state.screen.hit_map = Some(callflow::tui::view::draw_mapped(frame, &state)))
        .unwrap();
    let fields = state.screen.hit_map.unwrap().fields;
    let first_line: String = (fields.x..fields.right())
        .map(|x| frame.buffer[(x, fields.y)].symbol())
        .collect();
    assert!(
        !first_line.contains("action"),
        "the form is scrolled, its first field out of sight: {first_line}"
    );
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: fields.x + 3,
        row: fields.y,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut state, Action::Mouse(click));
    let label = state.field().unwrap().label().to_owned();
    assert!(
        first_line.contains(&format!("{label} ")),
        "the click chose {label}, the line shows: {first_line}"
    );
}

#[test]
fn resize_records_the_size() {
    let mut state = starter_state();
    update(&mut state, Action::Resize(1, 1));
    assert_eq!(state.screen.size, (1, 1));
}

/// A request valid until 2027-01-15T08:00:05Z, and that instant.
const EXPIRING: &str = r#"{"validUntil": "2027-01-15T08:00:05Z", "callflow": [{"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}}]}"#;

fn expiry() -> Instant {
    callflow::callflow::datetime::parse_rfc3339("2027-01-15T08:00:05Z").unwrap()
}

/// Ticks up to the instant of `EXPIRING`: valid a nanosecond before, expired at it.
fn tick_through_expiry(state: &mut State) {
    update(
        state,
        Action::Tick(Instant::from_unix_nanos(expiry().0 - 1)),
    );
    assert_eq!(code(state), 1);
    update(state, Action::Tick(expiry()));
    assert_eq!(code(state), -1015);
}

#[test]
fn ticks_move_the_clock_so_valid_until_can_expire() {
    tick_through_expiry(&mut state_of(EXPIRING));
}

#[test]
fn in_raw_json_too_valid_until_expires_on_a_tick_and_its_hint_follows_the_clock() {
    let mut state = State::new_raw(EXPIRING, context(), None);
    assert_eq!(state.derived.verdict.changes_at, Some(expiry()));
    tick_through_expiry(&mut state);
    let a_minute_later = Instant::from_unix_nanos(expiry().0 + 60_000_000_000);
    update(&mut state, Action::Tick(a_minute_later));
    let hint = &state.derived.verdict.findings[0].hint;
    assert!(hint.contains(&a_minute_later.to_rfc3339()), "{hint}");
}

#[test]
fn without_valid_until_the_clock_cannot_change_the_verdict() {
    let state = starter_state();
    assert_eq!(
        state.derived.verdict.changes_at, None,
        "ticks check nothing again"
    );
}

#[test]
fn valid_for_minutes_sets_valid_until_from_now() {
    let mut state = starter_state();
    focus_field(&mut state, Row::Request, "valid for (min)");
    command(&mut state, Command::Activate);
    typing(&mut state, "90");
    key(&mut state, KeyCode::Enter);
    let expected = Instant::from_unix_seconds(NOW + 90 * 60).to_rfc3339();
    assert_eq!(
        document::top_level(&state.session.document, "validUntil"),
        Some(&Json::string(expected))
    );
}

#[test]
fn copied_results_are_reported() {
    let mut state = starter_state();
    update(
        &mut state,
        Action::Copied(Ok("Copied the JSON to the clipboard".into())),
    );
    assert_eq!(
        state.screen.flash.as_ref().unwrap().text,
        "Copied the JSON to the clipboard"
    );
    update(&mut state, Action::Copied(Err("no terminal".into())));
    assert!(state.screen.flash.as_ref().unwrap().is_error);
}

#[test]
fn a_recovered_draft_replaces_the_document_undoably() {
    let mut state = starter_state();
    update(
        &mut state,
        Action::Recovered("{\"callflow\": [{\"action\": \"hangup\"}]}".into()),
    );
    assert_eq!(names(&state), ["hangup"]);
    command(&mut state, Command::Undo);
    assert_eq!(names(&state), ["makeCall", "say", "hangup"]);
    update(&mut state, Action::Recovered("{broken".into()));
    assert!(
        matches!(state.screen.mode, Mode::Raw(_)),
        "a draft that is not JSON opens as raw text"
    );
}

#[test]
fn a_draft_recovered_during_a_field_edit_keeps_undo_exact() {
    let mut state = starter_state();
    let original = state.session.document.clone();
    focus_field(&mut state, Row::Action(0), "source");
    command(&mut state, Command::Activate);
    typing(&mut state, "9");
    update(&mut state, Action::Recovered("{\"callflow\": []}".into()));
    assert!(matches!(state.screen.mode, Mode::Navigate));
    assert!(names(&state).is_empty());
    command(&mut state, Command::Undo);
    command(&mut state, Command::Undo);
    assert_eq!(state.session.document, original);
}

#[test]
fn a_draft_recovered_in_raw_mode_keeps_the_raw_text() {
    let mut state = State::new_raw("{oops", context(), None);
    update(&mut state, Action::Recovered("{\"callflow\": []}".into()));
    assert!(
        matches!(state.screen.mode, Mode::Raw(_)),
        "raw edits are never dropped"
    );
}

#[test]
fn a_discarded_draft_goes_a_recovered_one_is_adopted_and_esc_keeps_them_all() {
    use callflow::io::recovery::Draft;
    use callflow::tui::overlays::drafts::{Drafts, Offer};
    let draft = |name: &str| Draft {
        path: PathBuf::from(name),
        written_at: std::time::SystemTime::UNIX_EPOCH,
    };
    let offer = || {
        Some(Overlay::Drafts(Drafts {
            offers: vec![
                Offer::new(draft("newer.json"), "{\"callflow\": []}".into()),
                Offer::new(draft("older.json"), "{\"callflow\": [{}]}".into()),
            ],
            cursor: 0,
        }))
    };
    let mut state = starter_state();
    state.screen.overlay = offer();
    key(&mut state, KeyCode::Char('d'));
    assert_eq!(
        state.effects,
        vec![Effect::DiscardDraft {
            draft: draft("newer.json")
        }]
    );
    assert!(
        matches!(&state.screen.overlay, Some(Overlay::Drafts(d)) if d.offers.len() == 1),
        "the other draft is still offered"
    );
    assert_eq!(names(&state), ["makeCall", "say", "hangup"]);
    key(&mut state, KeyCode::Enter);
    assert_eq!(
        state.effects[1],
        Effect::AdoptDraft {
            draft: draft("older.json"),
            file: None,
            text: "{\"callflow\": [{}]}".into(),
        }
    );
    assert!(state.screen.overlay.is_none());
    assert!(state.session.dirty, "recovered work is unsaved work");

    let mut state = starter_state();
    state.screen.overlay = offer();
    key(&mut state, KeyCode::Down);
    key(&mut state, KeyCode::Esc);
    assert!(state.effects.is_empty() && state.screen.overlay.is_none());
}

#[test]
fn a_keystroke_reprints_only_its_action_and_the_preview_stays_exact() {
    let mut state = State::new(
        callflow::callflow::sample::large_request(5),
        context(),
        None,
    );
    state.select_row(Row::Action(2));
    state.screen.pane = Pane::Form;
    state.screen.field_index = 1;
    command(&mut state, Command::Activate);
    // Empty the field (its key goes away: the action loses lines), then type again.
    for _ in 0..200 {
        key(&mut state, KeyCode::Backspace);
        assert_eq!(
            state.derived.printed,
            callflow::callflow::print::to_pretty(&state.session.document)
        );
    }
    typing(&mut state, "back");
    assert_eq!(
        state.derived.printed,
        callflow::callflow::print::to_pretty(&state.session.document)
    );
    assert_eq!(
        state.derived.action_lines,
        callflow::callflow::print::action_lines(&state.session.document)
    );
}
