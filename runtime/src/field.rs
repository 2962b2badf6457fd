//! [`Field`]: a property that can be absent, explicitly null, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A property of a Graph object.
///
/// Graph tells apart a property that is not there (not selected, or "leave as is" in a
/// PATCH body) from one that is `null` (no value, or "clear it" in a PATCH body), so a
/// plain `Option` would lose information on a round trip. Generated structs declare
/// every property as `Field<T>`; reading leaves a member that is not there
/// [`Field::Absent`], and writing skips it (see `support::Object`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Field<T> {
    /// Not present in the JSON; never serialized.
    #[default]
    Absent,
    /// Present as `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Field<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// The value, if set.
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if set; absent and null both become `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Field::Absent => Field::Absent,
            Field::Null => Field::Null,
            Field::Value(v) => Field::Value(v),
        }
    }
}

impl<T> From<T> for Field<T> {
    fn from(value: T) -> Self {
        Field::Value(value)
    }
}

impl From<&str> for Field<String> {
    fn from(value: &str) -> Self {
        Field::Value(value.to_string())
    }
}

impl<T> From<Option<T>> for Field<T> {
    /// `None` becomes an explicit null.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Field::Value(v),
            None => Field::Null,
        }
    }
}

impl<T: Serialize> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Value(v) => v.serialize(serializer),
            Field::Absent | Field::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        subject: Field<String>,
        #[serde(default, skip_serializing_if = "Field::is_absent")]
        body: Field<String>,
    }

    #[test]
    fn absent_null_and_value_survive_a_round_trip() {
        let read: Patch = serde_json::from_str(r#"{"subject":null}"#).unwrap();
        assert_eq!(read.subject, Field::Null);
        assert_eq!(read.body, Field::Absent);
        assert_eq!(serde_json::to_string(&read).unwrap(), r#"{"subject":null}"#);
        let set = Patch {
            body: "hi".into(),
            ..Patch::default()
        };
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"body":"hi"}"#);
    }
}
