//! Who a request would call: the `destination` of each `makeCall`, so that `send` can name
//! them before a real call is placed.

use super::json::Json;

/// Every `makeCall` destination that is a string, in the flow's order.
pub fn destinations(document: &Json) -> Vec<String> {
    let Some(actions) = document
        .as_object()
        .and_then(|root| root.get("callflow"))
        .and_then(Json::as_array)
    else {
        return Vec::new();
    };
    actions
        .iter()
        .filter_map(Json::as_object)
        .filter(|action| action.get("action").and_then(Json::as_str) == Some("makeCall"))
        .filter_map(|action| {
            action
                .get("params")?
                .as_object()?
                .get("destination")?
                .as_str()
        })
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::callflow::parse::parse;

    #[test]
    fn lists_each_make_call_destination_in_order() {
        let text = r#"{"callflow": [
            {"action": "makeCall", "params": {"source": "+6511111111", "destination": "+6588000001"}},
            {"action": "say", "params": {"destination": "+6500000000"}},
            {"action": "makeCall", "params": {"source": "+6511111111", "destination": "+6588000002"}},
            {"action": "makeCall", "params": {"destination": 5}},
            "odd"
        ]}"#;
        let document = parse(text).unwrap().value;
        assert_eq!(destinations(&document), ["+6588000001", "+6588000002"]);
        assert!(destinations(&parse("[]").unwrap().value).is_empty());
    }
}
