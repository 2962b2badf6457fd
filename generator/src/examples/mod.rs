//! Every documented example as a test of the generated client.
//!
//! [`example_tests`] reads the examples the model attached to each operation, decides which
//! endpoint each one calls ([`cases`], using the URL matcher in [`url`]), and writes the
//! generated crate's `tests/examples.rs` ([`tests_file`]): a request example is rebuilt
//! through its endpoint function and compared with the documented request, a response
//! example with a JSON body is read into the endpoint's response type and written back,
//! raw content is read as raw content, and a documented error (status 400 and up) through
//! the runtime's error reader.
//! Examples the docs get wrong are listed in a checked-in [`registry`]; the generated test
//! fails for every unlisted failure and for every listed example that passes.
//! [`summary`] counts it all for `graphgen generate --report`.

pub mod cases;
pub mod placeholders;
pub mod registry;
pub mod summary;
pub mod tests_file;
pub mod url;

use crate::emit::plan::RustApi;
use crate::model::Model;
pub use registry::{Category, KnownBroken, KnownBrokenEntry};
pub use summary::{report_json, ExampleSummary, SideSummary};

/// The generated test file and what it covers.
#[derive(Debug, Clone)]
pub struct ExampleTests {
    /// `tests/examples.rs` of the generated crate, formatted.
    pub file: String,
    pub summary: ExampleSummary,
}

/// Builds `tests/examples.rs` for the crate generated from `model` and `api`.
/// `crate_name` is the generated package name (`msgraph`).
pub fn example_tests(
    model: &Model,
    api: &RustApi,
    known_broken: &KnownBroken,
    crate_name: &str,
) -> ExampleTests {
    let cases = cases::plan_cases(model, api);
    let summary = summary::summarize(model, &cases, known_broken);
    let tokens = tests_file::tests_file(crate_name, api, &cases, known_broken);
    let file = match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        // The tokens are built from identifiers and literals only; a failure here is a
        // generator bug, reported in the file so that the crate's tests fail loudly.
        Err(error) => {
            let message = format!("graphgen built invalid example tests: {error}");
            syn::parse2::<syn::File>(quote::quote! { compile_error!(#message); })
                .map(|file| prettyplease::unparse(&file))
                .unwrap_or_default()
        }
    };
    ExampleTests { file, summary }
}

/// The summary alone, without building the test file.
pub fn example_summary(model: &Model, api: &RustApi, known_broken: &KnownBroken) -> ExampleSummary {
    summary::summarize(model, &cases::plan_cases(model, api), known_broken)
}
