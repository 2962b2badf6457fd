//! [`ExampleSummary`]: what the docs' examples amount to, as `graphgen generate --report` writes it.

use crate::diagnostics::codes;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::cases::{Planned, PlannedCase};
use super::registry::{KnownBroken, Side};
use crate::model::{ExampleBody, Model};

/// Counts over every example of a model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExampleSummary {
    pub requests: SideSummary,
    pub responses: SideSummary,
    /// Test cases generated (both sides), each expected to pass unless registered.
    pub cases: usize,
    /// Cases the generated tests expect to pass: `cases` minus registered ones.
    pub expected_verified: usize,
    /// Registered cases by category (both sides).
    pub registered_by_category: BTreeMap<String, usize>,
    /// Registry entries naming no generated case (a stale entry, or an example of pages not
    /// read this time).
    pub registry_entries_without_case: Vec<String>,
    /// Examples the model could not attach to any operation, by diagnostic code; they are not
    /// in the model's operations and so are not tested.
    pub not_attached_by_model: BTreeMap<String, usize>,
    /// Placeholder members (`"datetime-value"` in a date member) dropped before the check,
    /// by case id: what the generated tests do not compare.
    pub elided_placeholders: BTreeMap<String, Vec<String>>,
}

/// Counts for one side (requests or responses).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SideSummary {
    pub found: usize,
    /// Sides whose body was read as JSON (strictly or leniently).
    pub with_json_body: usize,
    /// Of those, bodies that needed the lenient reader.
    pub read_leniently: usize,
    /// Lenient bodies by kind of repair (a body with several kinds counts under each).
    pub repairs: BTreeMap<String, usize>,
    /// Cases that exercise the generated client (a call or a round trip).
    pub testable: usize,
    /// Cases that fail already at generation, by docs defect category.
    pub defects_at_generation: BTreeMap<String, usize>,
    /// Cases (of either kind above) listed in the registry.
    pub registered: usize,
    /// Cases checked with placeholder members dropped (listed in `elided_placeholders`).
    pub with_placeholders_elided: usize,
    /// Sides with nothing to test, by reason.
    pub not_testable: BTreeMap<String, usize>,
}

/// Builds the summary from the planned cases.
pub fn summarize(
    model: &Model,
    cases: &[PlannedCase],
    known_broken: &KnownBroken,
) -> ExampleSummary {
    let mut summary = ExampleSummary::default();
    for operation in &model.operations {
        for example in &operation.examples {
            if let Some(request) = &example.request {
                count_body(&mut summary.requests, request.body.as_ref());
            }
            if let Some(response) = &example.response {
                count_body(&mut summary.responses, response.body.as_ref());
            }
        }
    }
    let mut case_ids = BTreeSet::new();
    for case in cases {
        let side = match case.side {
            Side::Request => &mut summary.requests,
            Side::Response => &mut summary.responses,
        };
        let elided = match &case.outcome {
            Planned::Request(request) => request.elided.as_slice(),
            Planned::Response(response) => response.elided.as_slice(),
            _ => &[],
        };
        if !elided.is_empty() {
            side.with_placeholders_elided += 1;
            summary
                .elided_placeholders
                .insert(case.id.clone(), elided.to_vec());
        }
        let is_case = match &case.outcome {
            Planned::Request(_) | Planned::Response(_) => {
                side.testable += 1;
                true
            }
            Planned::Defect { category, .. } => {
                *side
                    .defects_at_generation
                    .entry(category.name().to_string())
                    .or_default() += 1;
                true
            }
            Planned::Skipped { reason } => {
                *side.not_testable.entry((*reason).to_string()).or_default() += 1;
                false
            }
        };
        if !is_case {
            continue;
        }
        case_ids.insert(case.id.as_str());
        summary.cases += 1;
        if let Some(entry) = known_broken.get(&case.id) {
            side.registered += 1;
            *summary
                .registered_by_category
                .entry(entry.category.name().to_string())
                .or_default() += 1;
        }
    }
    let registered: usize = summary.registered_by_category.values().sum();
    summary.expected_verified = summary.cases.saturating_sub(registered);
    summary.registry_entries_without_case = known_broken
        .entries
        .keys()
        .filter(|id| !case_ids.contains(id.as_str()))
        .cloned()
        .collect();
    for diagnostic in &model.diagnostics {
        if matches!(
            diagnostic.code,
            codes::EXAMPLE_WITHOUT_OPERATION | codes::RESPONSE_WITHOUT_OPERATION
        ) {
            *summary
                .not_attached_by_model
                .entry(diagnostic.code.to_string())
                .or_default() += 1;
        }
    }
    summary
}

fn count_body(side: &mut SideSummary, body: Option<&ExampleBody>) {
    side.found += 1;
    let Some(body) = body else { return };
    if body.json.is_none() {
        return;
    }
    side.with_json_body += 1;
    if !body.lenient {
        return;
    }
    side.read_leniently += 1;
    if let Ok(read) = crate::lenient_json::parse(&body.text) {
        let kinds: BTreeSet<_> = read.repairs.iter().map(|repair| repair.kind).collect();
        for kind in kinds {
            let name = serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            *side.repairs.entry(name).or_default() += 1;
        }
    }
}

/// The summary as pretty JSON, the content of `graphgen generate --report FILE`.
pub fn report_json(summary: &ExampleSummary) -> String {
    serde_json::to_string_pretty(summary).unwrap_or_default() + "\n"
}
