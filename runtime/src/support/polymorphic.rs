//! Values of a type with derived types (`Any*` enums): picking the concrete type by its
//! `@odata.type` annotation when reading, and naming it when writing.

use std::cell::Cell;

use serde::de::DeserializeOwned;
use serde::Serializer;
use serde_json::Value;

use super::object::{write_object_tagged, Object, ODATA_TYPE};

/// The type a JSON object names in `@odata.type`, without the leading `#`
/// (`"#microsoft.graph.user"` → `microsoft.graph.user`); `None` when absent or not text.
pub fn odata_type(value: &serde_json::Value) -> Option<&str> {
    let tag = value.get(ODATA_TYPE)?.as_str()?;
    Some(tag.strip_prefix('#').unwrap_or(tag))
}

/// Writes a value of a derived type held by its base's enum: the service reads the members
/// as the base's unless `@odata.type` names the type, so `tag` (`#` and the full OData name)
/// goes first, unless the value already carries a tag (as read, or set by the caller).
pub fn write_derived<T: Object, S: Serializer>(
    value: &T,
    tag: &'static str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_object_tagged(value, Some(tag), serializer)
}

/// Reads a value whose `@odata.type` picked a derived type. The tag is kept with the value
/// (it is written back where it was read), except while [`tags_left_to_writer`] runs.
pub fn read_derived<T: DeserializeOwned>(mut value: Value) -> Result<T, serde_json::Error> {
    if LEAVE_TAGS_TO_WRITER.with(Cell::get) {
        if let Value::Object(members) = &mut value {
            members.remove(ODATA_TYPE);
        }
    }
    serde_json::from_value(value)
}

thread_local! {
    static LEAVE_TAGS_TO_WRITER: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` with the tags that pick a derived type dropped once they picked it, so that
/// a value written back names its type only if the writer does so on its own: how the
/// example tests check that a body a caller builds (without tags) carries every tag the
/// docs send. Serde passes no context to nested readers, hence the per-thread switch.
pub fn tags_left_to_writer<R>(read: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            LEAVE_TAGS_TO_WRITER.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(LEAVE_TAGS_TO_WRITER.with(|flag| flag.replace(true)));
    read()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::MapAccess;
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Serialize};
    use serde_json::{json, Map};

    use crate::field::Field;
    use crate::support::{put, read};

    #[test]
    fn tags_are_read_with_or_without_hash() {
        assert_eq!(
            odata_type(&json!({"@odata.type": "#microsoft.graph.user"})),
            Some("microsoft.graph.user")
        );
        assert_eq!(
            odata_type(&json!({"@odata.type": "microsoft.graph.group"})),
            Some("microsoft.graph.group")
        );
        assert_eq!(odata_type(&json!({"id": "1"})), None);
        assert_eq!(odata_type(&json!({"@odata.type": 3})), None);
        assert_eq!(odata_type(&json!([1])), None);
    }

    /// A derived type, with or without the annotation as a described member.
    #[derive(Debug, Default, Clone, PartialEq)]
    struct File {
        tag: Field<String>,
        name: Field<String>,
        additional: Map<String, Value>,
    }

    impl Object for File {
        const NAME: &'static str = "File";
        const MEMBERS: &'static [&'static str] = &["@odata.type", "name"];
        fn read_member<'de, A: MapAccess<'de>>(
            &mut self,
            index: usize,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => read(map, &mut self.tag),
                1 => read(map, &mut self.name),
                _ => Ok(()),
            }
        }
        fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            put(map, "@odata.type", &self.tag)?;
            put(map, "name", &self.name)
        }
        fn additional(&self) -> &Map<String, Value> {
            &self.additional
        }
        fn additional_mut(&mut self) -> &mut Map<String, Value> {
            &mut self.additional
        }
        fn carries_odata_type(&self) -> bool {
            !self.tag.is_absent()
        }
    }

    crate::serde_via_object!(File);

    /// What a generated `Any*` enum does with its derived variant.
    struct Derived(File);

    impl Serialize for Derived {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            write_derived(&self.0, "#microsoft.graph.file", serializer)
        }
    }

    impl<'de> Deserialize<'de> for Derived {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            read_derived(value)
                .map(Derived)
                .map_err(serde::de::Error::custom)
        }
    }

    fn written(file: File) -> String {
        serde_json::to_string(&Derived(file)).unwrap()
    }

    #[test]
    fn a_derived_value_names_its_type_first_and_once() {
        let built = File {
            name: Field::Value("a.txt".into()),
            ..File::default()
        };
        assert_eq!(
            written(built.clone()),
            r##"{"@odata.type":"#microsoft.graph.file","name":"a.txt"}"##
        );
        // A tag the value carries, described or not, is written where it is, and only once.
        let described = File {
            tag: Field::Value("#microsoft.graph.file".into()),
            ..built.clone()
        };
        assert_eq!(
            written(described),
            r##"{"@odata.type":"#microsoft.graph.file","name":"a.txt"}"##
        );
        let mut read_back = built.clone();
        read_back
            .additional
            .insert("@odata.type".into(), json!("microsoft.graph.file"));
        assert_eq!(
            written(read_back),
            r#"{"name":"a.txt","@odata.type":"microsoft.graph.file"}"#
        );
        // The struct written as itself adds nothing.
        assert_eq!(
            serde_json::to_string(&built).unwrap(),
            r#"{"name":"a.txt"}"#
        );
    }

    /// A derived variant whose writer forgets its tag, as enums were written before.
    #[cfg(feature = "verify")]
    struct Forgetful(File);

    #[cfg(feature = "verify")]
    impl Serialize for Forgetful {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            crate::support::write_object(&self.0, serializer)
        }
    }

    #[cfg(feature = "verify")]
    impl<'de> Deserialize<'de> for Forgetful {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let value = Value::deserialize(deserializer)?;
            read_derived(value)
                .map(Forgetful)
                .map_err(serde::de::Error::custom)
        }
    }

    #[test]
    #[cfg(feature = "verify")]
    fn a_request_example_fails_when_the_writer_drops_a_documented_tag() {
        let documented = r#"{"@odata.type":"microsoft.graph.file","name":"a.txt"}"#;
        let check = |written: Value| {
            crate::verify::difference("$", &serde_json::from_str(documented).unwrap(), &written)
        };
        let forgetful: Forgetful = crate::verify::request_body(documented).unwrap();
        assert_eq!(
            check(serde_json::to_value(&forgetful).unwrap()).as_deref(),
            Some("$.@odata.type: dropped")
        );
        let tagging: Derived = crate::verify::request_body(documented).unwrap();
        assert_eq!(check(serde_json::to_value(&tagging).unwrap()), None);
    }

    #[test]
    fn tags_left_to_the_writer_are_dropped_when_read_and_restored_after() {
        let text = r#"{"name":"a.txt","@odata.type":"microsoft.graph.file","extra":1}"#;
        let kept: Derived = serde_json::from_str(text).unwrap();
        assert!(kept.0.carries_odata_type());
        let left: Derived = tags_left_to_writer(|| serde_json::from_str(text)).unwrap();
        assert!(!left.0.carries_odata_type() && left.0.additional.contains_key("extra"));
        assert_eq!(
            written(left.0),
            r##"{"@odata.type":"#microsoft.graph.file","name":"a.txt","extra":1}"##
        );
        let after: Derived = serde_json::from_str(text).unwrap();
        assert!(after.0.carries_odata_type(), "the switch is off again");
        let _ = std::panic::catch_unwind(|| tags_left_to_writer(|| panic!("a failing read")));
        assert!(
            !LEAVE_TAGS_TO_WRITER.with(Cell::get),
            "and off after a panic"
        );
    }
}
