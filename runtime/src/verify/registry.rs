//! The registry of documented examples known to be wrong: its categories and its entries.

/// Docs defects an example can be registered for; kept in step with the generator's registry.
pub const CATEGORIES: [&str; 12] = [
    "placeholder-value",
    "wrong-json-kind",
    "invalid-value",
    "not-json",
    "url-matches-no-request-line",
    "response-type-mismatch",
    "body-where-none-documented",
    "body-not-in-type",
    "request-body-undocumented",
    "request-body-missing",
    "required-query-missing",
    "query-value-not-of-type",
];

/// A registry entry for a failure, as one JSON line.
pub fn registry_entry(id: &str, error: &str) -> String {
    let category = suggested_category(error);
    let reason = error
        .strip_prefix(category)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or(error);
    serde_json::json!({ "example": id, "category": category, "reason": reason }).to_string() + ","
}

/// The likeliest category for a failure message (the generator prefixes the failures it
/// finds itself with their category; serde's messages tell the rest apart).
pub fn suggested_category(error: &str) -> &'static str {
    if let Some(category) = CATEGORIES
        .iter()
        .find(|c| error.starts_with(&format!("{c}:")))
    {
        return category;
    }
    if error.contains("missing field `value`")
        || (error.contains("expected a sequence") && error.starts_with("does not deserialize"))
    {
        return "response-type-mismatch";
    }
    if error.contains("invalid type:") {
        return "wrong-json-kind";
    }
    if error.starts_with("path:") || error.starts_with("method:") || error.starts_with("query:") {
        return "url-matches-no-request-line";
    }
    if error.starts_with("body:") || error.starts_with("request body does not deserialize") {
        return "body-not-in-type";
    }
    "invalid-value"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn generation_failures_keep_their_category() {
        let entry = registry_entry("a.md#z/request", "not-json: broken");
        let value: Value = serde_json::from_str(entry.trim_end_matches(',')).expect("json");
        assert_eq!(value["category"], "not-json");
        assert_eq!(value["reason"], "broken");
        assert_eq!(
            suggested_category("does not deserialize: missing field `value`"),
            "response-type-mismatch"
        );
        assert_eq!(
            suggested_category("path: built [..]"),
            "url-matches-no-request-line"
        );
    }
}
