//! One keystroke in raw JSON mode (issue 14): the key reaches the editor, the raw text is
//! checked again and a 120×40 frame is drawn. Beside it, a plain parse of the same text,
//! measured in the same run: the keystroke's cost as a multiple of what reading the text
//! once costs. Targets: at most 50 ms on a 436 KB request of 1,000 actions holding
//! 200-deep arrays, at most 300 ms on a 16 MiB request. Both are opened as a person does:
//! the document in the builder, then `e`.

mod common;

use callflow::callflow::json::Json;
use callflow::callflow::parse::parse;
use callflow::callflow::sample::large_request;
use callflow::callflow::{AccountProfile, Context, Instant};
use callflow::tui::action::{Action, Command};
use callflow::tui::raw_editor::Move;
use callflow::tui::state::{Mode, State};
use callflow::tui::update::update;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;

/// 1,000 say actions, each with a 200-deep array beside its text: 436 KB compact.
fn deep_request() -> Json {
    let mut actions = Vec::new();
    for position in 0..1000 {
        let mut deep = Json::Array(vec![Json::string("x")]);
        for _ in 1..200 {
            deep = Json::Array(vec![deep]);
        }
        actions.push(Json::object([
            ("action", Json::string("say")),
            (
                "params",
                Json::object([
                    ("text", Json::string(format!("Line {position}"))),
                    ("voiceProfile", Json::string("en-GB-Emma")),
                    ("deep", deep),
                ]),
            ),
        ]));
    }
    Json::object([("callflow", Json::Array(actions))])
}

/// `document` in the builder, then raw JSON mode (`e`), the cursor inside the last
/// `"text"` value, as when a person fixes a word near the end.
fn raw_state(document: Json) -> State {
    let context = Context::new(AccountProfile::default(), Instant::from_unix_seconds(0));
    let mut state = State::new(document, context, None);
    state.screen.size = (120, 40);
    update(&mut state, Action::Command(Command::RawJson));
    let Mode::Raw(raw) = &mut state.screen.mode else {
        panic!("raw mode");
    };
    let editor = &mut raw.editor;
    editor.move_cursor(Move::Bottom);
    // Just inside the quotes of the line's last "text" value (the texts are ASCII).
    let value_at = |line: &str| {
        let key = line.rfind("\"text\":")? + "\"text\":".len();
        line[key..].find('"').map(|quote| key + quote + 1)
    };
    while value_at(editor.line(editor.cursor().0)).is_none() {
        editor.move_cursor(Move::Up);
    }
    let line = editor.line(editor.cursor().0);
    // From the end of the line: the value is near it, and a step back is cheap there.
    let back = line.chars().count() - value_at(line).unwrap_or(0);
    editor.move_cursor(Move::LineEnd);
    for _ in 0..back {
        editor.move_cursor(Move::Back);
    }
    state
}

fn raw_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("raw_keystroke");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    // Indented, the deep request would pass 16 MiB, so raw JSON holds it on one line
    // (436 KB); the long one indented, one line per key, just under the 16 MiB callflow
    // opens.
    for (name, document) in [
        ("deep_436k_one_line", deep_request()),
        ("flow_16mib", large_request(76_150)),
    ] {
        let mut state = raw_state(document);
        let Mode::Raw(raw) = &state.screen.mode else {
            panic!("raw mode");
        };
        let text = raw.editor.text().to_owned();
        eprintln!(
            "{name}: {} bytes in {} lines",
            text.len(),
            raw.editor.line_count()
        );
        group.bench_function(format!("plain_parse_{name}"), |b| {
            b.iter(|| parse(&text).is_ok())
        });
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut typed = 0usize;
        group.bench_function(format!("keystroke_{name}"), |b| {
            b.iter(|| common::type_then_delete(&mut state, &mut terminal, &mut typed))
        });
    }
    group.finish();
}

criterion_group!(benches, raw_keystroke);
criterion_main!(benches);
