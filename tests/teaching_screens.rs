//! Teaching you can read at 80×24 (issue 9 §2) and learning that teaches (§4), as a person
//! meets them: keys in, the screen out, drawn into ratatui's TestBackend.

use callflow::callflow::exercise::Judgement;
use callflow::callflow::parse::parse;
use callflow::callflow::teaching::{Lesson, lesson, lessons};
use callflow::callflow::{AccountProfile, Context, Instant, StatusCode};
use callflow::tui::action::{Action, Command, Effect};
use callflow::tui::form::Row;
use callflow::tui::practice::{exercise_state, exercises};
use callflow::tui::state::{Mode, Overlay, Pane, State};
use callflow::tui::theme::Theme;
use callflow::tui::update::update;
use callflow::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NOW: i64 = 1_800_000_000;
const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (120, 40)];

fn context_for(lesson: &Lesson) -> Context {
    let account = lesson.account.map_or_else(AccountProfile::default, |text| {
        AccountProfile::from_json(text).unwrap()
    });
    Context::new(account, Instant::from_unix_seconds(NOW))
}

/// The builder (not practice) on a lesson's example, as a user would open it.
fn builder_on(lesson: &Lesson, size: (u16, u16)) -> State {
    let mut state = match parse(lesson.example) {
        Ok(parsed) if parsed.value.as_object().is_some() => {
            State::new(parsed.value, context_for(lesson), None)
        }
        _ => State::new_raw(lesson.example, context_for(lesson), None),
    };
    state.screen.size = size;
    state
}

/// Practice on the exercise for `code`.
fn practising(code: StatusCode, size: (u16, u16)) -> State {
    let index = exercises().iter().position(|l| l.code == code).unwrap();
    let mut state = exercise_state(
        index,
        &AccountProfile::default(),
        Instant::from_unix_seconds(NOW),
    )
    .unwrap();
    state.screen.size = size;
    state
}

fn terminal_for(state: &State, (width, height): (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, state)).unwrap();
    terminal
}

/// The screen as rows of cells (a wide character's second cell is empty).
fn cells(state: &State, size: (u16, u16)) -> Vec<Vec<String>> {
    let terminal = terminal_for(state, size);
    let buffer = terminal.backend().buffer();
    (0..size.1)
        .map(|y| {
            (0..size.0)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect()
        })
        .collect()
}

fn text(state: &State, size: (u16, u16)) -> String {
    terminal_for(state, size).backend().to_string()
}

/// Words joined by single spaces: wrapped text compares with the text it came from.
fn unwrapped(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The verdict area, unwrapped: the rows between the panes' last border and the footer.
fn verdict_area(state: &State, size: (u16, u16)) -> String {
    let rows: Vec<String> = cells(state, size).iter().map(|row| row.concat()).collect();
    let last_border = rows
        .iter()
        .rposition(|row| row.starts_with('└'))
        .expect("the panes are drawn");
    unwrapped(&rows[last_border + 1..rows.len() - 1].join(" "))
}

/// The inside of the window whose title starts with `title`, unwrapped.
fn window(state: &State, size: (u16, u16), title: &str) -> String {
    let inside: Vec<String> = window_cells(state, size, title)
        .iter()
        .map(|row| row.concat())
        .collect();
    unwrapped(&inside.join(" "))
}

/// Where the rule's detail starts in the rules browser, found on its first page: the
/// column of the rule's code and message.
fn detail_column(state: &State, size: (u16, u16), code: &str) -> usize {
    let first = window_cells(state, size, "Rules")[0].concat();
    let start = first.find(&format!(" {code} ")).expect("the rule's title") + 1;
    first[..start].chars().count()
}

/// The rule's detail in the rules browser: the window's columns from `from` on.
fn rule_detail(state: &State, size: (u16, u16), from: usize) -> String {
    let rows: Vec<String> = window_cells(state, size, "Rules")
        .iter()
        .map(|row| row[from..].concat())
        .collect();
    let shown = unwrapped(&rows.join(" "));
    assert!(
        !shown.contains("Broken JSON"),
        "the list is not in the detail"
    );
    shown
}

/// The cells inside the window whose title starts with `title`.
fn window_cells(state: &State, size: (u16, u16), title: &str) -> Vec<Vec<String>> {
    let cells = cells(state, size);
    let needle = format!("┌ {title}");
    let (top, left) = cells
        .iter()
        .enumerate()
        .find_map(|(y, row)| {
            let line = row.concat();
            line.find(&needle)?;
            // The column of the corner, counted in cells.
            let x = row
                .iter()
                .enumerate()
                .position(|(x, _)| row[x..].concat().starts_with(&needle))?;
            Some((y, x))
        })
        .unwrap_or_else(|| panic!("no window {title:?}:\n{}", text_rows(&cells)));
    let right = (left + 1..cells[top].len())
        .find(|x| cells[top][*x] == "┐")
        .expect("a right corner");
    cells[top + 1..]
        .iter()
        .take_while(|row| row[left] != "└")
        .map(|row| row[left + 1..right].to_vec())
        .collect()
}

fn text_rows(cells: &[Vec<String>]) -> String {
    cells
        .iter()
        .map(|row| row.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

fn key(state: &mut State, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn letter(state: &mut State, c: char) {
    key(state, KeyCode::Char(c));
}

/// What the verdict area must show whole: the answer's message and the deciding hint.
fn message_and_hint(state: &State) -> (String, String) {
    let verdict = &state.derived.verdict;
    let hint = verdict.deciding().map_or_else(
        || "the API would accept this request".to_owned(),
        |finding| finding.hint.clone(),
    );
    (verdict.response.message.clone(), hint)
}

#[test]
fn every_code_s_message_and_hint_are_whole_at_80_100_and_120_columns() {
    for lesson in lessons() {
        for size in SIZES {
            let state = builder_on(lesson, size);
            assert_eq!(state.derived.verdict.response.code, lesson.code);
            let (message, hint) = message_and_hint(&state);
            let shown = verdict_area(&state, size);
            let code = lesson.code.number().to_string();
            assert!(shown.contains(&code), "{code} at {size:?}: {shown}");
            assert!(
                shown.contains(&unwrapped(&message)),
                "{code}'s message at {size:?}:\n{shown}\n{}",
                text(&state, size)
            );
            assert!(
                shown.contains(&unwrapped(&hint)),
                "{code}'s hint at {size:?}:\n{shown}\n{}",
                text(&state, size)
            );
        }
    }
}

#[test]
fn long_verdicts_wrap_at_each_width() {
    for code in [
        StatusCode::InvalidActionType,
        StatusCode::InvalidEntry,
        StatusCode::ScenarioNotPermitted,
    ] {
        for size in SIZES {
            let state = builder_on(lesson(code), size);
            insta::assert_snapshot!(
                format!("verdict_{}_{}x{}", -code.number(), size.0, size.1),
                text(&state, size)
            );
        }
    }
}

/// -1006 and -1016 with a typo'd key: errors, a warning and notes with long hints.
fn many_findings(size: (u16, u16)) -> State {
    let json = r#"{"callflow": [
        {"action": "makeCall", "params": {"source": "+6588000000", "destination": "+6590000000"}},
        {"action": "sayAndCapture", "params": {"promptMessage": "Press 1 for sales", "voiceProfile": "en-US-BenjaminRUS",
          "minDigits": 1, "maxDigits": 1, "digitTimeout": 10000, "overallTimeout": 5000, "successMessag": "typo"}},
        {"action": "say", "params": {"text": "Goodbye <b>", "voiceProfile": "en-GB-Emma"}}]}"#;
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(NOW));
    let mut state = State::new(parse(json).unwrap().value, context, None);
    state.screen.size = size;
    state
}

#[test]
fn the_findings_list_shows_each_finding_whole_at_80x24() {
    let size = (80, 24);
    let mut state = many_findings(size);
    update(&mut state, Action::Command(Command::Findings));
    let findings = state.derived.verdict.findings.clone();
    assert!(findings.len() >= 4);
    for (index, finding) in findings.iter().enumerate() {
        let shown = window(&state, size, "Findings");
        let whole = unwrapped(&format!("{} — {}", finding.message, finding.hint));
        assert!(shown.contains(&whole), "finding {index}: {whole}\n{shown}");
        key(&mut state, KeyCode::Down);
    }
}

#[test]
fn enter_in_the_findings_list_jumps_to_the_field() {
    let mut state = many_findings((80, 24));
    update(&mut state, Action::Command(Command::Findings));
    key(&mut state, KeyCode::Down); // -1016 on the say's text
    key(&mut state, KeyCode::Enter);
    assert!(state.screen.overlay.is_none());
    assert_eq!(state.row(), Row::Action(2));
    assert_eq!(state.screen.pane, Pane::Form);
    assert_eq!(state.field().unwrap().label(), "text");
}

#[test]
fn the_rules_browser_lists_titles_and_scrolls_to_the_fixed_example_at_80x24() {
    let size = (80, 24);
    let mut state = many_findings(size);
    update(&mut state, Action::Command(Command::Rules));
    let list = window(&state, size, "Rules");
    assert!(list.contains("● -1006 Timeouts in order"), "{list}");
    assert!(list.contains("-1002 Voice or language"), "{list}");
    let from = detail_column(&state, size, "-1006");
    let first_page = rule_detail(&state, size, from);
    assert!(
        first_page.starts_with("-1006 OverallTimeout should be greater than digitTimeout"),
        "{first_page}"
    );
    assert!(first_page.contains("more below"), "{first_page}");
    let rule = lesson(StatusCode::OverallTimeoutTooSmall);
    // Page by page, the whole lesson passes by: the fix in words, then the fixed request.
    let marker = " ▼ more below: pgdn/space, end";
    let mut seen = first_page.replace(marker, "");
    for _ in 0..40 {
        key(&mut state, KeyCode::PageDown);
        seen.push(' ');
        seen.push_str(&rule_detail(&state, size, from).replace(marker, ""));
    }
    assert!(seen.contains(&unwrapped(rule.fix)), "{seen}");
    key(&mut state, KeyCode::End);
    let end = rule_detail(&state, size, from);
    let fixed_tail: Vec<&str> = rule.fixed.lines().rev().take(8).collect();
    for line in fixed_tail {
        assert!(
            end.contains(&unwrapped(line)),
            "{line:?} at the end:\n{end}"
        );
    }
    assert!(!end.contains("more below"), "{end}");
    key(&mut state, KeyCode::Home);
    assert_eq!(rule_detail(&state, size, from), first_page);
}

#[test]
fn the_rules_browser_and_the_exercises_snapshot_with_style_at_80x24() {
    let size = (80, 24);
    let mut state = many_findings(size);
    state.screen.theme = Theme::colored();
    update(&mut state, Action::Command(Command::Rules));
    key(&mut state, KeyCode::PageDown);
    let terminal = terminal_for(&state, size);
    insta::assert_snapshot!(
        "styled_rules_80x24",
        format!("{:#?}", terminal.backend().buffer())
    );
}

#[test]
fn practice_hides_the_hint_until_asked_and_keeps_the_code_and_message() {
    let size = (80, 24);
    let mut state = practising(StatusCode::OverallTimeoutTooSmall, size);
    let hint = state.derived.verdict.deciding().unwrap().hint.clone();
    let shown = verdict_area(&state, size);
    assert!(shown.contains("-1006"), "{shown}");
    assert!(shown.contains("OverallTimeout should be greater than digitTimeout"));
    assert!(!shown.contains(&unwrapped(&hint)), "{shown}");
    assert!(shown.contains("the hint is hidden: h shows it"), "{shown}");
    update(&mut state, Action::Command(Command::Findings));
    assert!(!window(&state, size, "Findings").contains(&unwrapped(&hint)));
    key(&mut state, KeyCode::Esc);
    letter(&mut state, 'h');
    assert!(verdict_area(&state, size).contains(&unwrapped(&hint)));
}

#[test]
fn the_practice_footer_help_and_palette_come_from_its_key_table() {
    let size = (80, 24);
    let mut state = practising(StatusCode::OverallTimeoutTooSmall, size);
    let footer = text(&state, size).lines().last().unwrap().to_owned();
    assert!(
        footer.contains("h hint") && footer.contains("l exercises"),
        "{footer}"
    );
    update(&mut state, Action::Command(Command::Help));
    assert!(text(&state, (100, 40)).contains("show the fix hint"));
    key(&mut state, KeyCode::Esc);
    letter(&mut state, ':');
    for c in "exercises".chars() {
        letter(&mut state, c);
    }
    key(&mut state, KeyCode::Enter);
    assert!(matches!(
        state.screen.overlay,
        Some(Overlay::Exercises { .. })
    ));
}

fn practice_of(state: &State) -> &callflow::tui::state::Practice {
    state.practice.as_ref().unwrap()
}

#[test]
fn deleting_the_broken_action_does_not_solve_the_exercise_and_the_screen_says_why() {
    let size = (80, 24);
    let mut state = practising(StatusCode::OverallTimeoutTooSmall, size);
    let exercise = practice_of(&state).exercise;
    state.select_row(Row::Action(1));
    letter(&mut state, 'd');
    assert!(state.derived.verdict.is_created(), "the code is gone");
    assert_eq!(
        practice_of(&state).exercise,
        exercise,
        "still the same exercise"
    );
    assert!(matches!(
        practice_of(&state).judgement,
        Judgement::ActionsChanged { .. }
    ));
    let shown = verdict_area(&state, size);
    assert!(shown.contains("not solved"), "{shown}");
    assert!(
        shown.contains("must stay makeCall → sayAndCapture (now makeCall)"),
        "{shown}"
    );
    letter(&mut state, 'u');
    assert_eq!(practice_of(&state).judgement, Judgement::Refused);
}

#[test]
fn replacing_the_whole_flow_does_not_solve_the_exercise() {
    let size = (80, 24);
    let mut state = practising(StatusCode::SpeechProfile, size);
    let exercise = practice_of(&state).exercise;
    update(&mut state, Action::Command(Command::Templates));
    key(&mut state, KeyCode::Enter);
    assert!(state.derived.verdict.is_created());
    assert_eq!(practice_of(&state).exercise, exercise);
    assert!(verdict_area(&state, size).contains("not solved"));
}

#[test]
fn fixing_the_field_solves_the_exercise_and_opens_the_next() {
    let size = (80, 24);
    let mut state = practising(StatusCode::OverallTimeoutTooSmall, size);
    let exercise = practice_of(&state).exercise;
    state.select_row(Row::Action(1));
    state.screen.pane = Pane::Form;
    state.screen.field_index = state
        .fields()
        .iter()
        .position(|f| f.label() == "overallTimeout")
        .unwrap();
    key(&mut state, KeyCode::Enter);
    assert!(matches!(state.screen.mode, Mode::EditField(_)));
    for _ in 0..4 {
        key(&mut state, KeyCode::Backspace);
    }
    for c in "20000".chars() {
        letter(&mut state, c);
    }
    assert_eq!(practice_of(&state).judgement, Judgement::Solved);
    assert_eq!(practice_of(&state).exercise, exercise, "not while editing");
    key(&mut state, KeyCode::Enter);
    let practice = practice_of(&state);
    assert_eq!(practice.exercise, exercise + 1);
    assert!(practice.solved[exercise]);
    assert_eq!(practice.solved_count(), 1);
    let saved = state.effects.iter().find_map(|effect| match effect {
        Effect::SaveProgress(progress) => Some(progress.clone()),
        _ => None,
    });
    assert_eq!(saved.unwrap().solved, vec![-1006]);
}

#[test]
fn the_exercises_list_chooses_skips_and_resets() {
    let size = (80, 24);
    let mut state = practising(StatusCode::SpeechProfile, size);
    assert_eq!(practice_of(&state).exercise, 0);
    letter(&mut state, 'l');
    let list = window(&state, size, "Exercises");
    assert!(text(&state, size).contains("Exercises — 0 of 21 solved"));
    assert!(list.contains("▸ 1 -1002 Voice or language"), "{list}");
    // Choose: the fourth exercise opens on its broken request.
    for _ in 0..3 {
        key(&mut state, KeyCode::Down);
    }
    key(&mut state, KeyCode::Enter);
    assert!(state.screen.overlay.is_none());
    assert_eq!(practice_of(&state).exercise, 3);
    assert_eq!(state.derived.verdict.response.code, exercises()[3].code);
    // Skip: the next unsolved one opens.
    letter(&mut state, 'l');
    letter(&mut state, 's');
    assert_eq!(practice_of(&state).exercise, 4);
    // A solved one shows ✓; reset makes it unsolved again.
    state.practice.as_mut().unwrap().solved[1] = true;
    letter(&mut state, 'l');
    let list = window(&state, size, "Exercises");
    assert!(list.contains("-1003 minDigits, no max ✓ solved"), "{list}");
    assert!(text(&state, size).contains("Exercises — 1 of 21 solved"));
    key(&mut state, KeyCode::Home);
    key(&mut state, KeyCode::Down);
    letter(&mut state, 'x');
    assert!(!practice_of(&state).solved[1]);
    assert!(text(&state, size).contains("Exercises — 0 of 21 solved"));
    // Reset of the open exercise brings its broken request back.
    key(&mut state, KeyCode::Esc);
    state.select_row(Row::Action(0));
    letter(&mut state, 'd');
    letter(&mut state, 'l');
    letter(&mut state, 'x');
    key(&mut state, KeyCode::Esc);
    assert_eq!(practice_of(&state).exercise, 4);
    assert_eq!(state.derived.verdict.response.code, exercises()[4].code);
    assert!(!state.session.dirty);
}

#[test]
fn the_practice_screens_with_style_at_80x24() {
    let size = (80, 24);
    let mut state = practising(StatusCode::OverallTimeoutTooSmall, size);
    state.screen.theme = Theme::colored();
    let styled = |state: &State| format!("{:#?}", terminal_for(state, size).backend().buffer());
    insta::assert_snapshot!("styled_practice_80x24", styled(&state));
    state.practice.as_mut().unwrap().solved[0] = true;
    letter(&mut state, 'l');
    insta::assert_snapshot!("styled_exercises_80x24", styled(&state));
}

/// A say whose text is far longer than its row.
fn long_text_state(size: (u16, u16)) -> (State, String) {
    let text = "Thank you for calling the city library. Your reserved books are waiting at \
                the front desk and will be held for seven days; press one to renew a loan, \
                two to hear opening hours, or stay on the line for a librarian."
        .to_owned();
    let json = format!(
        r#"{{"callflow": [
        {{"action": "makeCall", "params": {{"source": "+6588000000", "destination": "+6590000000"}}}},
        {{"action": "say", "params": {{"text": "{text}", "voiceProfile": "en-GB-Emma"}}}}]}}"#
    );
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(NOW));
    let mut state = State::new(parse(&json).unwrap().value, context, None);
    state.screen.size = size;
    state.select_row(Row::Action(1));
    state.screen.pane = Pane::Form;
    state.screen.field_index = state
        .fields()
        .iter()
        .position(|f| f.label() == "text")
        .unwrap();
    (state, text)
}

#[test]
fn the_selected_field_shows_its_whole_value_wrapped() {
    for size in SIZES {
        let (mut state, text) = long_text_state(size);
        let form = window(&state, size, "say #2");
        assert!(form.contains(&text), "at {size:?}:\n{form}");
        // Another field selected: the long value is cut on its row again.
        key(&mut state, KeyCode::Down);
        assert!(!window(&state, size, "say #2").contains(&text));
    }
}

#[test]
fn json_preview_lines_that_do_not_fit_are_marked_at_the_edge() {
    for size in SIZES {
        let (mut state, _) = long_text_state(size);
        state.screen.pane = Pane::Actions;
        state.screen.preview_scroll = state
            .derived
            .printed
            .lines()
            .position(|line| line.contains("\"text\""))
            .unwrap();
        let rows: Vec<String> = cells(&state, size).iter().map(|r| r.concat()).collect();
        let text_row = rows
            .iter()
            .find(|row| row.contains("\"text\": \"Thank you"))
            .unwrap_or_else(|| panic!("the text line at {size:?}:\n{}", rows.join("\n")));
        assert!(text_row.trim_end().ends_with("→│"), "{text_row}");
        let short_row = rows
            .iter()
            .find(|row| row.contains("\"voiceProfile\": \"en-GB-Emma\""))
            .unwrap();
        assert!(!short_row.contains('→'), "{short_row}");
    }
}

#[test]
fn template_descriptions_are_whole() {
    for size in SIZES {
        let mut state = State::new(
            callflow::callflow::document::starter(),
            Context::new(AccountProfile::default(), Instant::from_unix_seconds(NOW)),
            None,
        );
        state.screen.size = size;
        update(&mut state, Action::Command(Command::Templates));
        let shown = window(&state, size, "Start from a template");
        for template in callflow::callflow::templates::templates() {
            assert!(shown.contains(template.summary), "{size:?}: {shown}");
        }
        if size.0 >= 120 {
            let rows = text(&state, size);
            for template in callflow::callflow::templates::templates() {
                assert!(rows.contains(template.summary), "one row each at {size:?}");
            }
        }
    }
}
