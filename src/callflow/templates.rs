//! Ready-made requests to start from: one per common use of the Callflows API.
//!
//! The JSON lives in `assets/templates/` so it can be read and copied as it is; it is built
//! into the program so a template never depends on where the program runs.

/// A starting request.
#[derive(Debug)]
pub struct Template {
    /// The name commands take: `voice-message`.
    pub name: &'static str,
    pub title: &'static str,
    /// What it does, in one line.
    pub summary: &'static str,
    /// Pretty JSON with a final newline.
    pub json: &'static str,
}

static TEMPLATES: [Template; 5] = [
    Template {
        name: "voice-message",
        title: "Voice message",
        summary: "Call one number, speak a text-to-speech message, hang up",
        json: include_str!("../../assets/templates/voice-message.json"),
    },
    Template {
        name: "audio-message",
        title: "Audio message",
        summary: "Call one number, play a recorded mp3 file, hang up",
        json: include_str!("../../assets/templates/audio-message.json"),
    },
    Template {
        name: "ivr-menu",
        title: "IVR menu",
        summary: "Call one number, speak a menu and collect the key the callee presses",
        json: include_str!("../../assets/templates/ivr-menu.json"),
    },
    Template {
        name: "call-bridge",
        title: "Call bridge",
        summary: "Call one number, announce the transfer, then bridge in a second party",
        json: include_str!("../../assets/templates/call-bridge.json"),
    },
    Template {
        name: "scenario",
        title: "Scenario",
        summary: "Run a scenario already configured for the account",
        json: include_str!("../../assets/templates/scenario.json"),
    },
];

/// Every template, in the order menus list them.
pub fn templates() -> &'static [Template] {
    &TEMPLATES
}

/// The template called `name`, if there is one.
pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|template| template.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::datetime::parse_rfc3339;
    use crate::callflow::{AccountProfile, Context, Severity, validate_text};
    use std::collections::HashSet;

    fn context() -> Context {
        let now = parse_rfc3339("2026-11-28T00:00:00Z").expect("a valid instant");
        Context::new(AccountProfile::default(), now)
    }

    #[test]
    fn every_template_is_created_without_warnings() {
        for template in templates() {
            let verdict = validate_text(template.json, &context());
            assert!(verdict.is_created(), "{}: {verdict:#?}", template.name);
            let warnings = verdict
                .findings
                .iter()
                .filter(|finding| finding.severity == Severity::Warning);
            assert_eq!(warnings.count(), 0, "{}: {verdict:#?}", template.name);
        }
    }

    #[test]
    fn names_are_unique_and_found_by_name() {
        let names: HashSet<&str> = templates().iter().map(|t| t.name).collect();
        assert_eq!(names.len(), templates().len());
        for each in templates() {
            assert_eq!(template(each.name).map(|t| t.title), Some(each.title));
        }
        assert!(template("nope").is_none());
    }

    #[test]
    fn json_is_pretty_with_two_space_indent_and_a_final_newline() {
        for template in templates() {
            let value: serde_json::Value =
                serde_json::from_str(template.json).expect("a template is JSON");
            let pretty = serde_json::to_string_pretty(&value).unwrap() + "\n";
            assert_eq!(template.json, pretty, "{}", template.name);
        }
    }

    #[test]
    fn summaries_are_one_line() {
        for template in templates() {
            assert!(!template.summary.is_empty() && !template.summary.contains('\n'));
            assert!(!template.title.is_empty());
        }
    }
}
