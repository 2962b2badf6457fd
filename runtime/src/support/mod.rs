//! Helpers that generated code calls; not meant to be used directly.
//!
//! They keep generated files short: the logic of open enums and of picking a derived type
//! by `@odata.type` is written once here instead of once per type.

mod object;
mod open_enum;
mod polymorphic;
mod value_wrapper;

pub use object::{put, read, read_object, write_object, write_object_tagged, Object};
pub use open_enum::deserialize_open_enum;
pub use polymorphic::{odata_type, read_derived, tags_left_to_writer, write_derived};
pub use value_wrapper::ValueWrapper;

/// For [`serde_via_object!`](crate::serde_via_object), whose expansion names serde's traits
/// wherever it is used.
#[doc(hidden)]
pub use serde;
