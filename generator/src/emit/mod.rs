//! From the model to Rust: names, shapes, token streams, a formatted crate.
