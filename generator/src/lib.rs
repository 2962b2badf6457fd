//! graphgen: Microsoft Graph-style Markdown API reference pages in, a typed Rust client out.
//!
//! The pipeline runs one way, each stage a module with plain data at its boundary:
//! [`parse`] reads pages → [`model`] builds the intermediate model → [`emit`] decides Rust
//! names and shapes and builds token streams → [`output`] writes files.
//!
//! Beside the pipeline, [`diff`] compares the APIs of two models (or a model and the
//! `api.json` a generated crate records), each change breaking or additive.

pub mod config;
pub mod diagnostics;
pub mod diff;
pub mod digest;
pub mod emit;
pub mod examples;
pub mod lenient_json;
pub mod lint;
pub mod mock;
pub mod model;
pub mod output;
pub mod parse;
pub mod report;
pub mod settings;

pub use config::Config;
