//! Counts that say how much of what the docs state the model holds (`graphgen model --stats`):
//! types by kind, how many name their base, enum members, operations with typed bodies and
//! responses, documented permissions. Comparing two runs shows what a reader change gained.

use std::collections::BTreeMap;

use serde::Serialize;

use super::unnamed_bases::ENTITY_ROOT;
use super::{Model, RequestBody, TypeKind};

/// The counts for one model; every field is a plain number so two runs diff line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelStats {
    pub types: usize,
    pub entity_types: usize,
    pub complex_types: usize,
    pub enum_types: usize,
    /// Types no page defines, read off examples.
    pub inferred_types: usize,
    /// Entity and complex types (not inferred) that name a base type.
    pub structured_types_with_base: usize,
    /// Entity types (not inferred) other than the root of all entities that name no base.
    pub entity_types_without_base: usize,
    /// Complex types (not inferred) that name no base.
    pub complex_types_without_base: usize,
    pub enum_members: usize,
    /// Enum types without a single documented member.
    pub enums_without_members: usize,
    pub operations: usize,
    /// Operations by upper-case HTTP method.
    pub operations_by_method: BTreeMap<String, usize>,
    /// Operations whose request carries a body of any kind.
    pub operations_with_body: usize,
    /// Operations whose body is a named type or a table of parameters.
    pub operations_with_typed_body: usize,
    /// Operations whose response has a type.
    pub operations_with_typed_response: usize,
    /// Operations with at least one documented permission kind.
    pub operations_with_permissions: usize,
    pub operations_with_examples: usize,
    pub examples: usize,
    pub diagnostics: usize,
    /// Diagnostics by code.
    pub diagnostics_by_code: BTreeMap<String, usize>,
}

pub fn model_stats(model: &Model) -> ModelStats {
    let mut stats = ModelStats {
        types: model.types.len(),
        operations: model.operations.len(),
        diagnostics: model.diagnostics.len(),
        ..ModelStats::default()
    };
    for ty in model.types.values() {
        match ty.kind {
            TypeKind::Entity => stats.entity_types += 1,
            TypeKind::Complex => stats.complex_types += 1,
            TypeKind::Enum => {
                stats.enum_types += 1;
                stats.enum_members += ty.members.len();
                if ty.members.is_empty() {
                    stats.enums_without_members += 1;
                }
            }
        }
        if ty.inferred {
            stats.inferred_types += 1;
            continue;
        }
        match (ty.kind, ty.base.is_some()) {
            (TypeKind::Enum, _) => {}
            (_, true) => stats.structured_types_with_base += 1,
            (TypeKind::Entity, false) if ty.name != ENTITY_ROOT => {
                stats.entity_types_without_base += 1
            }
            (TypeKind::Entity, false) => {}
            (TypeKind::Complex, false) => stats.complex_types_without_base += 1,
        }
    }
    for operation in &model.operations {
        *stats
            .operations_by_method
            .entry(operation.method.to_string())
            .or_default() += 1;
        match &operation.request {
            RequestBody::None => {}
            RequestBody::Type { .. } | RequestBody::Parameters { .. } => {
                stats.operations_with_body += 1;
                stats.operations_with_typed_body += 1;
            }
            RequestBody::Stream { .. } => stats.operations_with_body += 1,
        }
        if operation.response.type_ref.is_some() {
            stats.operations_with_typed_response += 1;
        }
        let permissions = &operation.permissions;
        if permissions.delegated_work.is_some()
            || permissions.delegated_personal.is_some()
            || permissions.application.is_some()
        {
            stats.operations_with_permissions += 1;
        }
        if !operation.examples.is_empty() {
            stats.operations_with_examples += 1;
        }
        stats.examples += operation.examples.len();
    }
    for diagnostic in &model.diagnostics {
        *stats
            .diagnostics_by_code
            .entry(diagnostic.code.to_string())
            .or_default() += 1;
    }
    stats
}

/// The counts as pretty JSON.
pub fn stats_json(stats: &ModelStats) -> String {
    serde_json::to_string_pretty(stats)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}
