//! A JSON Schema (draft-07) of the request, generated from the one parameter table.
//!
//! The schema says exactly what the API's stages 2 and 3 check (SPEC §3.2, §3.3): action
//! names, types, required keys, bounds, lengths, the `fileUrl` pattern and `validUntil`.
//! Every constraint carries `x-statusCode`, the code the API answers when it is broken.
//! What a schema cannot say is listed in the top-level description.

use super::params::{ActionKind, Bound, Constraint, HTTP_URL_PATTERN, ParamSpec, ParamType};
use super::status::StatusCode;
use serde_json::{Map, Value, json};

/// `validUntil` as SPEC §9 reads RFC 3339: upper-case `T` and `Z`, seconds 00–59, offsets
/// up to 23:59. `format: date-time` alone would accept `t`, `z` and leap seconds; the
/// format keeps the calendar check (no 30 February), the pattern the fine print.
pub const DATE_TIME_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

const WHAT_A_SCHEMA_CANNOT_SAY: &str = "A Callflows API request (POST .../callflows). \
This schema checks what the API's schema stage checks: action names (-1007), then types, \
required keys, bounds, lengths, the fileUrl pattern and validUntil (-1009); every constraint \
names its code in x-statusCode. A schema cannot express the rest, which the API also \
refuses: overallTimeout against digitTimeout (-1005, -1006); maxDigits against minDigits \
and completeOnHash (-1003, -1008); the first action being makeCall (-1013) and at most two \
makeCall (-1010); hangup placement (-1012); executeScenario alone and named (-1018, -1019); \
phone numbers (-1011, -1014, -1017); forbidden characters in spoken text (-1016); voices \
and language (-1002); the account's rules (allowed caller IDs -1014, the DTMF webhook \
-1004, permitted scenarios -1020); expiry against the clock (-1015); integers beyond 32 \
bits (-9999); and integers written with a fraction or exponent (1.0, 1e0), which the JSON \
data model cannot tell from 1. Run `callflow validate --all` to check them all.";

/// The whole schema, as a JSON value ready to print.
pub fn request_schema() -> Value {
    let mut definitions = Map::new();
    definitions.insert("action".to_owned(), action_schema());
    for kind in ActionKind::ALL {
        definitions.insert(params_definition(kind), params_schema(kind));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "8x8 Voice Callflows API request",
        "description": WHAT_A_SCHEMA_CANNOT_SAY,
        "type": "object",
        "x-statusCode": StatusCode::InvalidJson.number(),
        "required": ["callflow"],
        "properties": {
            "callflow": {
                "description": "The actions, run in order; the first must be makeCall (or the flow is one executeScenario).",
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/definitions/action"},
                "x-statusCode": entry_code(),
            },
            "validUntil": {
                "description": "Optional: the API refuses the request after this instant (RFC 3339, e.g. 2026-12-01T09:30:00Z).",
                "type": ["string", "null"],
                "format": "date-time",
                "pattern": DATE_TIME_PATTERN,
                "x-statusCode": entry_code(),
            },
        },
        "definitions": definitions,
    })
}

fn entry_code() -> i32 {
    StatusCode::InvalidEntry.number()
}

fn params_definition(kind: ActionKind) -> String {
    format!("{}Params", kind.name())
}

/// One item of `callflow`: an object with a known `action` and that action's `params`.
fn action_schema() -> Value {
    let names: Vec<&str> = ActionKind::ALL.iter().map(|kind| kind.name()).collect();
    let by_kind: Vec<Value> = ActionKind::ALL
        .iter()
        .map(|&kind| params_rule(kind))
        .collect();
    json!({
        "description": "One action: {\"action\": NAME, \"params\": {...}}.",
        "type": "object",
        "required": ["action"],
        "x-statusCode": entry_code(),
        "properties": {
            "action": {
                "description": action_names_description(),
                "type": "string",
                "x-statusCode": entry_code(),
                // Only a string can be an unknown name (-1007); any other type is -1009.
                "if": {"type": "string"},
                "then": {"enum": names, "x-statusCode": StatusCode::InvalidActionType.number()},
            },
            "params": {"description": "The action's parameters; required by every action but hangup."},
        },
        "allOf": by_kind,
    })
}

fn action_names_description() -> String {
    let lines: Vec<String> = ActionKind::ALL
        .iter()
        .map(|kind| format!("{}: {}", kind.name(), kind.summary()))
        .collect();
    format!("The action's name, case-sensitive. {}.", lines.join("; "))
}

/// When `action` names this kind, `params` must fit the kind's definition.
fn params_rule(kind: ActionKind) -> Value {
    let reference = json!({"$ref": format!("#/definitions/{}", params_definition(kind))});
    let mut then = json!({"properties": {"params": reference}});
    if kind.requires_params() {
        then["required"] = json!(["params"]);
        then["x-statusCode"] = json!(entry_code());
    }
    json!({
        "if": {"properties": {"action": {"const": kind.name()}}, "required": ["action"]},
        "then": then,
    })
}

fn params_schema(kind: ActionKind) -> Value {
    if kind == ActionKind::Hangup {
        return json!({
            "description": format!("{}. Takes no parameters: params may be left out, null or {{}}.", kind.summary()),
            "type": ["object", "null"],
            "x-statusCode": entry_code(),
        });
    }
    let required: Vec<&str> = kind
        .params()
        .iter()
        .filter(|spec| spec.required)
        .map(|spec| spec.name)
        .collect();
    let properties: Map<String, Value> = kind
        .params()
        .iter()
        .map(|spec| (spec.name.to_owned(), param_schema(spec)))
        .collect();
    json!({
        "description": kind.summary(),
        "type": "object",
        "required": required,
        "properties": properties,
        "x-statusCode": entry_code(),
    })
}

/// One parameter: its type (`null` allowed when optional: it means absent), its
/// constraint, its help, and the default the platform uses.
fn param_schema(spec: &ParamSpec) -> Value {
    let mut schema = Map::new();
    let requirement = if spec.required {
        "Required"
    } else {
        "Optional"
    };
    schema.insert(
        "description".to_owned(),
        json!(format!("{}. {requirement}.", spec.help)),
    );
    let type_name = spec.kind.name();
    let types = if spec.required {
        json!(type_name)
    } else {
        json!([type_name, "null"])
    };
    schema.insert("type".to_owned(), types);
    add_constraint(&mut schema, spec.constraint);
    if let Some(default) = spec
        .shown_default
        .and_then(|text| default_value(spec.kind, text))
    {
        schema.insert("default".to_owned(), default);
    }
    schema.insert("x-statusCode".to_owned(), json!(entry_code()));
    Value::Object(schema)
}

fn add_constraint(schema: &mut Map<String, Value>, constraint: Constraint) {
    match constraint {
        Constraint::None => {}
        Constraint::Length { min, max } => {
            if let Some(min) = min {
                schema.insert("minLength".to_owned(), json!(min));
            }
            if let Some(max) = max {
                schema.insert("maxLength".to_owned(), json!(max));
            }
        }
        Constraint::Range { min, max } => {
            if let Some(min) = min {
                schema.insert("minimum".to_owned(), bound_value(min));
            }
            if let Some(max) = max {
                schema.insert("maximum".to_owned(), bound_value(max));
            }
        }
        Constraint::HttpUrl => {
            schema.insert("pattern".to_owned(), json!(HTTP_URL_PATTERN));
        }
    }
}

/// A bound as the API writes it: `1` stays an integer, `0.5` a fraction.
fn bound_value(bound: Bound) -> Value {
    serde_json::from_str(bound.written).unwrap_or_else(|_| json!(bound.value))
}

fn default_value(kind: ParamType, text: &str) -> Option<Value> {
    match kind {
        ParamType::String => Some(json!(text)),
        _ => serde_json::from_str(text).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_of_the_table_is_in_the_schema_with_its_help() {
        let schema = request_schema();
        for kind in ActionKind::ALL {
            for spec in kind.params() {
                let property =
                    &schema["definitions"][params_definition(kind)]["properties"][spec.name];
                let description = property["description"].as_str().unwrap();
                assert!(description.starts_with(spec.help), "{}", spec.name);
                assert_eq!(property["x-statusCode"], -1009, "{}", spec.name);
            }
        }
    }

    #[test]
    fn bounds_are_written_as_the_api_writes_them() {
        let schema = request_schema();
        let speed = &schema["definitions"]["sayParams"]["properties"]["speed"];
        assert_eq!(speed["minimum"], json!(0.5));
        assert_eq!(speed["maximum"].to_string(), "2");
        assert_eq!(speed["type"], json!(["number", "null"]));
        let text = &schema["definitions"]["sayParams"]["properties"]["text"];
        assert_eq!(text["type"], "string");
        assert_eq!(text["maxLength"], 3000);
    }

    #[test]
    fn the_action_enum_answers_1007_and_names_execute_scenario() {
        let schema = request_schema();
        let then = &schema["definitions"]["action"]["properties"]["action"]["then"];
        assert_eq!(then["x-statusCode"], -1007);
        assert!(
            then["enum"]
                .as_array()
                .unwrap()
                .contains(&json!("executeScenario"))
        );
    }
}
