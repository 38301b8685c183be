//! The form of the selected row, generated from the parameter table: which fields it has,
//! what each shows, and where each lives in the document.

use crate::callflow::document::{action_kind, actions, field_text, param, top_level};
use crate::callflow::params::{ActionKind, Editor, ParamSpec, ParamType};
use crate::callflow::{Json, JsonPath};

/// The rows of the actions list: the request's own settings, each action, then "add".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Request,
    Action(usize),
    Add,
}

/// One field of a form.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// The action's type; changing it keeps the parameters.
    ActionType,
    Param(&'static ParamSpec),
    /// A parameter the table does not know (the API ignores it); edited as JSON.
    Extra(String),
    ValidUntil,
    /// "valid for N minutes from now": sets validUntil.
    ValidFor,
}

impl Field {
    pub fn label(&self) -> &str {
        match self {
            Field::ActionType => "action",
            Field::Param(spec) => spec.name,
            Field::Extra(name) => name,
            Field::ValidUntil => "validUntil",
            Field::ValidFor => "valid for (min)",
        }
    }

    pub fn required(&self) -> bool {
        matches!(self, Field::Param(spec) if spec.required)
    }

    pub fn editor(&self) -> Editor {
        match self {
            Field::Param(spec) => spec.editor,
            _ => Editor::Line,
        }
    }

    /// The JSON type typed text becomes.
    pub fn param_type(&self) -> ParamType {
        match self {
            Field::Param(spec) => spec.kind,
            Field::ValidFor => ParamType::Number,
            _ => ParamType::String,
        }
    }

    /// One line under the form about the selected field; a key it names comes from the
    /// key table.
    pub fn help(&self) -> std::borrow::Cow<'static, str> {
        let help = match self {
            Field::ActionType => {
                let key = super::keys::key_of(super::action::Command::Activate);
                return format!("The action; {key} picks another, keeping the parameters").into();
            }
            Field::Param(spec) => spec.help,
            Field::Extra(_) => {
                "Not a parameter of this action: the API ignores it (typed text is read as JSON)"
            }
            Field::ValidUntil => {
                "RFC 3339 instant after which the API refuses the request, e.g. 2026-12-01T09:30:00Z"
            }
            Field::ValidFor => "Type N: validUntil becomes now + N minutes",
        };
        help.into()
    }

    pub fn placeholder(&self) -> Option<&'static str> {
        match self {
            Field::Param(spec) => spec.shown_default,
            Field::ValidFor => Some("minutes"),
            _ => None,
        }
    }

    /// Where the field's value lives, for matching findings.
    pub fn path(&self, row: Row) -> Option<JsonPath> {
        match (self, row) {
            (Field::ValidUntil, _) => Some(JsonPath::root().key("validUntil")),
            (Field::ActionType, Row::Action(index)) => Some(JsonPath::action(index).key("action")),
            (Field::Param(spec), Row::Action(index)) => Some(JsonPath::param(index, spec.name)),
            (Field::Extra(name), Row::Action(index)) => Some(JsonPath::param(index, name)),
            _ => None,
        }
    }
}

/// The fields of a row's form, in order.
pub fn fields(document: &Json, row: Row) -> Vec<Field> {
    match row {
        Row::Request => vec![Field::ValidUntil, Field::ValidFor],
        Row::Add => Vec::new(),
        Row::Action(index) => {
            let item = actions(document).get(index);
            let Some(kind) = item.and_then(action_kind) else {
                return Vec::new();
            };
            let mut fields = vec![Field::ActionType];
            fields.extend(kind.params().iter().map(Field::Param));
            fields.extend(extra_params(item, kind).map(Field::Extra));
            fields
        }
    }
}

fn extra_params(item: Option<&Json>, kind: ActionKind) -> impl Iterator<Item = String> + '_ {
    item.and_then(Json::as_object)
        .and_then(|object| object.get("params"))
        .and_then(Json::as_object)
        .into_iter()
        .flat_map(|params| params.keys())
        .filter(move |key| kind.param(key).is_none())
        .map(str::to_owned)
}

/// The field's current value in the document, unless absent.
pub fn value<'a>(document: &'a Json, row: Row, field: &Field) -> Option<&'a Json> {
    match (field, row) {
        (Field::ValidUntil, _) => top_level(document, "validUntil"),
        (Field::ActionType, Row::Action(index)) => {
            actions(document).get(index)?.as_object()?.get("action")
        }
        (Field::Param(spec), Row::Action(index)) => param(document, index, spec.name),
        (Field::Extra(name), Row::Action(index)) => param(document, index, name),
        _ => None,
    }
}

/// The text a field shows and starts editing from.
pub fn text(document: &Json, row: Row, field: &Field) -> String {
    value(document, row, field)
        .map(field_text)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::document::starter;

    #[test]
    fn forms_follow_the_parameter_table() {
        let document = starter();
        let labels: Vec<String> = fields(&document, Row::Action(1))
            .iter()
            .map(|f| f.label().to_owned())
            .collect();
        assert_eq!(
            labels,
            [
                "action",
                "text",
                "voiceProfile",
                "repetition",
                "speed",
                "language"
            ]
        );
        assert_eq!(fields(&document, Row::Action(2)), vec![Field::ActionType]);
        assert_eq!(
            fields(&document, Row::Request),
            vec![Field::ValidUntil, Field::ValidFor]
        );
    }

    #[test]
    fn unknown_params_get_a_field_of_their_own() {
        let mut document = starter();
        crate::callflow::document::set_param(&mut document, 0, "colour", Some(Json::string("red")));
        let extras: Vec<Field> = fields(&document, Row::Action(0))
            .into_iter()
            .filter(|f| matches!(f, Field::Extra(_)))
            .collect();
        assert_eq!(extras, vec![Field::Extra("colour".into())]);
        assert_eq!(text(&document, Row::Action(0), &extras[0]), "red");
    }
}
