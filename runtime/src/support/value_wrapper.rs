//! [`ValueWrapper`]: a single primitive returned by a function, wrapped as `{"value": ...}`.

use serde::{Deserialize, Serialize};

/// A response holding one primitive or enum value in its `value` member, as OData writes
/// the result of a function such as `GET /me/mailboxSettings/timeZone`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>"))]
pub struct ValueWrapper<T> {
    /// The value.
    pub value: T,
    /// Every other member of the response (`@odata.context`, ...), kept as is.
    #[serde(flatten)]
    pub additional: serde_json::Map<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_and_annotations_survive() {
        let text = r#"{"@odata.context":"x","value":"Pacific Standard Time"}"#;
        let read: ValueWrapper<String> = serde_json::from_str(text).unwrap();
        assert_eq!(read.value, "Pacific Standard Time");
        let back = serde_json::to_value(&read).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
    }
}
