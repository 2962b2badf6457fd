//! The value of an open enum that its docs do not list.

use std::fmt;

/// An enumeration value the docs did not list when the client was generated, as received.
///
/// It cannot be built by hand (use the enum's `From<&str>`), so that code does not come to
/// depend on matching a particular undocumented value: once a newer client documents the
/// value it reads as its own variant, and a `match` on the text would silently stop
/// matching. Read it with [`UndocumentedValue::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UndocumentedValue(String);

impl UndocumentedValue {
    /// The value as written on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For generated code only: enums build the value from text they do not recognise.
    #[doc(hidden)]
    pub fn from_wire(value: &str) -> Self {
        UndocumentedValue(value.to_string())
    }
}

impl fmt::Display for UndocumentedValue {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}
