//! The file name prompt of save as and export. Its keys, its drawing and its key table
//! (`keys::lists` / `keys::dialogs`) live together.

use super::prelude::*;

pub fn on_key(state: &mut State, mut prompt: Prompt, key: KeyEvent) -> Option<Overlay> {
    match key.code {
        KeyCode::Esc => {
            // A "save, then quit" whose file name was not given is abandoned whole.
            state.quit_after_save = false;
            None
        }
        KeyCode::Enter => {
            let text = prompt.textarea.lines().join("");
            let path = std::path::PathBuf::from(text.trim());
            if path.as_os_str().is_empty() {
                state.flash_error("Give a file name");
                return Some(Overlay::Prompt(prompt));
            }
            match prompt.purpose {
                PromptPurpose::SaveAs => save_to(state, path),
                PromptPurpose::Export if !state.derived.verdict.is_created() => {
                    let question = format!(
                        "The API would refuse this request ({}). Export it anyway?",
                        refusal(state)
                    );
                    ask(state, question, Pending::Export(path));
                    return state.screen.overlay.take();
                }
                PromptPurpose::Export => confirmed(state, Pending::Export(path)),
            }
            None
        }
        _ => {
            crate::tui::one_line::input(&mut prompt.textarea, key);
            Some(Overlay::Prompt(prompt))
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, prompt: &Prompt) {
    let inner = popup(
        frame,
        area,
        70,
        5,
        &format!(" {} — {} ", prompt.title, summary(KeyMode::Prompt)),
    );
    let [field, hint] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&prompt.textarea, field);
    frame.render_widget(
        Paragraph::new(Line::styled(
            "a path, relative to where callflow started",
            state.screen.theme.dim(),
        )),
        hint,
    );
}
