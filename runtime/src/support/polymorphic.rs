//! Picking the concrete type of a value by its `@odata.type` annotation.

/// The type a JSON object names in `@odata.type`, without the leading `#`
/// (`"#microsoft.graph.user"` → `microsoft.graph.user`); `None` when absent or not text.
pub fn odata_type(value: &serde_json::Value) -> Option<&str> {
    let tag = value.get("@odata.type")?.as_str()?;
    Some(tag.strip_prefix('#').unwrap_or(tag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_are_read_with_or_without_hash() {
        assert_eq!(odata_type(&json!({"@odata.type": "#microsoft.graph.user"})), Some("microsoft.graph.user"));
        assert_eq!(odata_type(&json!({"@odata.type": "microsoft.graph.group"})), Some("microsoft.graph.group"));
        assert_eq!(odata_type(&json!({"id": "1"})), None);
        assert_eq!(odata_type(&json!({"@odata.type": 3})), None);
        assert_eq!(odata_type(&json!([1])), None);
    }
}
