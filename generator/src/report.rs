//! The JSON summary `graphgen generate --report FILE` writes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Generated;

#[derive(Serialize)]
struct Summary<'a> {
    generator: &'static str,
    operations: usize,
    types: usize,
    inferred_types: usize,
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics_by_code: BTreeMap<&'a str, usize>,
    examples: Option<&'a crate::examples::ExampleSummary>,
}

/// The run's summary as pretty JSON.
pub fn summary(generated: &Generated) -> String {
    let mut by_code = BTreeMap::new();
    for d in &generated.diagnostics {
        *by_code.entry(d.code).or_insert(0) += 1;
    }
    let errors = generated.error_count();
    let summary = Summary {
        generator: concat!("graphgen ", env!("CARGO_PKG_VERSION")),
        operations: generated.model.operations.len(),
        types: generated.model.types.len(),
        inferred_types: generated
            .model
            .types
            .values()
            .filter(|t| t.inferred)
            .count(),
        files: generated.files.len(),
        errors,
        warnings: generated.diagnostics.len() - errors,
        diagnostics_by_code: by_code,
        examples: generated.examples.as_ref(),
    };
    serde_json::to_string_pretty(&summary).unwrap_or_default()
}
