//! Reading and writing generated structs as JSON objects.
//!
//! Every generated struct is a set of `Field<T>` members plus a map of the members the docs
//! do not describe. Serde's derives would expand a field enum, a visitor and a map loop for
//! each of them; instead each struct implements [`Object`] (a table of wire names and a
//! `match` from table index to field), and the loops live here once.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::field::Field;

/// A generated struct read from and written to a JSON object member by member.
pub trait Object: Default {
    /// The Rust name of the struct, for error messages.
    const NAME: &'static str;
    /// The wire names of the described members; a member's index here is what
    /// [`Object::read_member`] receives.
    const MEMBERS: &'static [&'static str];

    /// Reads the value of member `MEMBERS[index]` from `map` into its field.
    fn read_member<'de, A: MapAccess<'de>>(
        &mut self,
        index: usize,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Writes every described member that is not absent, in declaration order.
    fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// The members the docs do not describe, in document order.
    fn additional(&self) -> &Map<String, Value>;

    /// The members the docs do not describe, to add to while reading.
    fn additional_mut(&mut self) -> &mut Map<String, Value>;

    /// Whether a described `@odata.type` member (a type whose docs list the annotation as a
    /// property) is set. Writing through a polymorphic enum adds the tag only when the value
    /// carries none, so the few structs with such a member say so; the rest never do.
    fn carries_odata_type(&self) -> bool {
        false
    }
}

/// `Serialize` and `Deserialize` for types that implement [`Object`], through
/// [`write_object`] and [`read_object`]: the two impls every generated struct has, written
/// once. (A blanket impl over `Object` is not allowed: the serde traits are foreign.)
#[macro_export]
macro_rules! serde_via_object {
    ($($name:ident),* $(,)?) => {$(
        impl $crate::support::serde::Serialize for $name {
            fn serialize<S: $crate::support::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::support::write_object(self, serializer)
            }
        }
        impl<'de> $crate::support::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::support::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::support::read_object(deserializer)
            }
        }
    )*};
}

/// Reads the next value of `map` into `slot`: `null` becomes [`Field::Null`].
pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Field<T>,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Writes `field` as member `name` unless it is [`Field::Absent`].
pub fn put<M: SerializeMap, T: Serialize>(
    map: &mut M,
    name: &'static str,
    field: &Field<T>,
) -> Result<(), M::Error> {
    if field.is_absent() {
        Ok(())
    } else {
        map.serialize_entry(name, field)
    }
}

/// Writes `object` as a JSON object: its described members, then the others as read.
pub fn write_object<T: Object, S: Serializer>(
    object: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    write_object_tagged(object, None, serializer)
}

/// Writes `object` as [`write_object`] does, with `@odata.type` set to `tag` first when the
/// object carries no tag of its own (as a described member or an undescribed one): a value
/// of a derived type written through its base must name its type, and never twice.
pub fn write_object_tagged<T: Object, S: Serializer>(
    object: &T,
    tag: Option<&str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    if let Some(tag) = tag {
        if !object.carries_odata_type() && !object.additional().contains_key(ODATA_TYPE) {
            map.serialize_entry(ODATA_TYPE, tag)?;
        }
    }
    object.write_members(&mut map)?;
    for (name, value) in object.additional() {
        map.serialize_entry(name, value)?;
    }
    map.end()
}

/// The annotation naming a value's type.
pub(crate) const ODATA_TYPE: &str = "@odata.type";

/// Reads a JSON object into `T`: described members into their fields (a member left out
/// stays [`Field::Absent`]), every other member into the additional map, in document order.
pub fn read_object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut object = T::default();
        while let Some(key) = map.next_key_seed(MemberName(T::MEMBERS))? {
            match key {
                Member::Described(index) => {
                    if let Err(error) = object.read_member(index, &mut map) {
                        let name = T::MEMBERS.get(index).copied().unwrap_or_default();
                        return Err(in_member(&error, name));
                    }
                }
                Member::Other(name) => {
                    let value: Value = map.next_value()?;
                    object.additional_mut().insert(name, value);
                }
            }
        }
        Ok(object)
    }
}

/// Names the member whose value failed to read. A failure inside a nested object already
/// names its member, so the names join into a path (`for member `body.content``). The
/// position serde_json appended to the inner message is dropped: the outer reader appends
/// its own, and a message with two would read badly.
fn in_member<E: serde::de::Error>(error: &E, name: &str) -> E {
    let message = error.to_string();
    let message = without_position(&message);
    const MARK: &str = " for member `";
    match message.rfind(MARK) {
        Some(at) if message.ends_with('`') => {
            let (head, inner) = message.split_at(at);
            let inner = &inner[MARK.len()..];
            E::custom(format_args!("{head}{MARK}{name}.{inner}"))
        }
        _ => E::custom(format_args!("{message}{MARK}{name}`")),
    }
}

/// `message` without a trailing ` at line N column M`.
fn without_position(message: &str) -> &str {
    let Some(at) = message.rfind(" at line ") else {
        return message;
    };
    let tail = &message[at + " at line ".len()..];
    let mut parts = tail.splitn(3, ' ');
    let is_number = |part: Option<&str>| {
        part.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    if is_number(parts.next()) && parts.next() == Some("column") && is_number(parts.next()) {
        &message[..at]
    } else {
        message
    }
}

/// A member name read as its index in the table of described members, or as itself.
enum Member {
    Described(usize),
    Other(String),
}

struct MemberName(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for MemberName {
    type Value = Member;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for MemberName {
    type Value = Member;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Member, E> {
        Ok(match self.0.iter().position(|known| *known == name) {
            Some(index) => Member::Described(index),
            None => Member::Other(name.to_string()),
        })
    }

    fn visit_string<E: serde::de::Error>(self, name: String) -> Result<Member, E> {
        Ok(match self.0.iter().position(|known| *known == name) {
            Some(index) => Member::Described(index),
            None => Member::Other(name),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        content: Field<i64>,
        additional: Map<String, Value>,
    }

    #[derive(Debug, Default, PartialEq)]
    struct Message {
        subject: Field<String>,
        body: Field<Inner>,
        additional: Map<String, Value>,
    }

    impl Object for Inner {
        const NAME: &'static str = "Inner";
        const MEMBERS: &'static [&'static str] = &["content"];
        fn read_member<'de, A: MapAccess<'de>>(
            &mut self,
            index: usize,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => read(map, &mut self.content),
                _ => Ok(()),
            }
        }
        fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            put(map, "content", &self.content)
        }
        fn additional(&self) -> &Map<String, Value> {
            &self.additional
        }
        fn additional_mut(&mut self) -> &mut Map<String, Value> {
            &mut self.additional
        }
    }

    impl Object for Message {
        const NAME: &'static str = "Message";
        const MEMBERS: &'static [&'static str] = &["subject", "body"];
        fn read_member<'de, A: MapAccess<'de>>(
            &mut self,
            index: usize,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => read(map, &mut self.subject),
                1 => read(map, &mut self.body),
                _ => Ok(()),
            }
        }
        fn write_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            put(map, "subject", &self.subject)?;
            put(map, "body", &self.body)
        }
        fn additional(&self) -> &Map<String, Value> {
            &self.additional
        }
        fn additional_mut(&mut self) -> &mut Map<String, Value> {
            &mut self.additional
        }
    }

    crate::serde_via_object!(Inner, Message);

    #[test]
    fn absent_null_value_and_unknown_members_round_trip() {
        let text =
            r#"{"zeta":1,"subject":null,"@odata.etag":"W/1","body":{"content":3,"extra":[true]}}"#;
        let read: Message = serde_json::from_str(text).unwrap();
        assert_eq!(read.subject, Field::Null);
        assert_eq!(read.body.value().and_then(|b| b.content.value()), Some(&3));
        let names: Vec<&str> = read.additional.keys().map(String::as_str).collect();
        assert_eq!(names, ["zeta", "@odata.etag"]);
        assert_eq!(
            serde_json::to_value(&read).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );

        let empty: Message = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, Message::default());
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
    }

    #[test]
    fn failures_name_the_member_path() {
        let from_text = serde_json::from_str::<Message>(r#"{"body":{"content":"three"}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            from_text,
            "invalid type: string \"three\", expected i64 for member `body.content` at line 1 column 28"
        );
        let from_value = serde_json::from_value::<Message>(json!({"subject": 4}))
            .unwrap_err()
            .to_string();
        assert_eq!(
            from_value,
            "invalid type: integer `4`, expected a string for member `subject`"
        );
        let not_object = serde_json::from_value::<Message>(json!([1]))
            .unwrap_err()
            .to_string();
        assert_eq!(
            not_object,
            "invalid type: sequence, expected struct Message"
        );
    }

    #[test]
    fn positions_are_only_stripped_when_well_formed() {
        assert_eq!(without_position("bad at line 3 column 14"), "bad");
        assert_eq!(
            without_position("bad at line three column 14"),
            "bad at line three column 14"
        );
        assert_eq!(
            without_position("bad at line 3 column"),
            "bad at line 3 column"
        );
        assert_eq!(without_position("plain"), "plain");
    }
}
