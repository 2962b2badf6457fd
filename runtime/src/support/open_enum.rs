//! Open enums: documented values plus any other text, read without failing.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error, Visitor};
use serde::Deserializer;

/// Reads a JSON string into an enum that turns any text into a value (`From<&str>`), so a
/// value the docs do not list is kept rather than rejected.
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct OpenEnumVisitor<T>(PhantomData<fn() -> T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for OpenEnumVisitor<T> {
        type Value = T;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("an enumeration value as a string")
        }

        fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnumVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "red" => Color::Red,
                _ => Color::Other(value.to_string()),
            }
        }
    }

    #[test]
    fn known_and_unknown_values_read() {
        let read = |json: &str| {
            deserialize_open_enum::<_, Color>(&mut serde_json::Deserializer::from_str(json))
        };
        assert_eq!(read("\"red\"").unwrap(), Color::Red);
        assert_eq!(read("\"mauve\"").unwrap(), Color::Other("mauve".into()));
        assert!(read("3").is_err());
    }
}
