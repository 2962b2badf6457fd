//! Which cargo features compile each generated type.
//!
//! Endpoint modules sit behind one feature per product area; types used to be compiled
//! whatever the features, so building one area still cost most of the crate. A type is now
//! compiled when a feature that needs it is on: each area that reaches it from its endpoints
//! (through bodies, responses, properties and the derived types of a polymorphic base), and
//! [`STANDALONE_TYPES`] for the types no endpoint reaches. Whatever a type refers to is
//! reached by every feature that reaches the type, so an enabled type never refers to a
//! disabled one.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    RustArea, RustBody, RustEndpoint, RustResponse, RustType, RustTypeExpr, RustTypeShape,
};
use crate::emit::naming::unraw;

/// The feature of the types that no endpoint reaches.
pub const STANDALONE_TYPES: &str = "standalone_types";

/// A set of several features that each compile some types, declared as one hidden feature
/// (`_types_…`) that each of them turns on, so that a type's gate is one short
/// `cfg(feature = "…")` rather than a list repeated on every type it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureSet {
    /// `_types_` and a hash of the members: stable while the set is, whatever other sets
    /// come or go.
    pub name: String,
    /// The public features that turn it on, sorted.
    pub members: Vec<String>,
}

/// Sets each type's `gate` from its `features`, and returns the hidden features the gates
/// of several features stand for, by name.
pub(super) fn gates(types: &mut [RustType]) -> Vec<FeatureSet> {
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ty in types.iter_mut() {
        ty.gate = match &ty.features {
            None => None,
            Some(features) if features.len() == 1 => Some(features[0].clone()),
            Some(features) => {
                let mut name = set_name(features, 8);
                if sets.get(&name).is_some_and(|members| members != features) {
                    name = set_name(features, 32);
                }
                sets.entry(name.clone()).or_insert_with(|| features.clone());
                Some(name)
            }
        };
    }
    sets.into_iter()
        .map(|(name, members)| FeatureSet { name, members })
        .collect()
}

fn set_name(members: &[String], hex_digits: usize) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(members.join(",").as_bytes());
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("_types_{}", &hex[..hex_digits])
}

/// Every public feature of the crate, in the order the manifest lists them.
pub fn all_features(areas: &[RustArea]) -> Vec<String> {
    let mut features: Vec<String> = areas
        .iter()
        .map(|area| unraw(&area.module).to_string())
        .collect();
    features.push(STANDALONE_TYPES.to_string());
    features
}

/// For each type (in `types` order), the features that compile it; `None` when every
/// feature needs it, so it needs no gate.
pub(super) fn type_features(
    types: &[RustType],
    endpoints: &[RustEndpoint],
    areas: &[RustArea],
) -> Vec<Option<Vec<String>>> {
    let index: BTreeMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.odata_name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|ty| {
            referenced(ty)
                .into_iter()
                .filter_map(|name| index.get(name).copied())
                .collect()
        })
        .collect();
    let mut roots: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for endpoint in endpoints {
        let names = endpoint_types(endpoint);
        roots
            .entry(unraw(&endpoint.area_module).to_string())
            .or_default()
            .extend(names.into_iter().filter_map(|n| index.get(n).copied()));
    }
    let mut features: Vec<BTreeSet<String>> = vec![BTreeSet::new(); types.len()];
    for (feature, starts) in &roots {
        for reached in closure(starts, &edges) {
            features[reached].insert(feature.clone());
        }
    }
    let unreached: Vec<usize> = (0..types.len())
        .filter(|&i| features[i].is_empty())
        .collect();
    for reached in closure(&unreached, &edges) {
        features[reached].insert(STANDALONE_TYPES.to_string());
    }
    let every = all_features(areas).len();
    features
        .into_iter()
        .map(|set| (set.len() < every).then(|| set.into_iter().collect()))
        .collect()
}

/// Indexes reachable from `starts` (included), each once.
fn closure(starts: &[usize], edges: &[Vec<usize>]) -> BTreeSet<usize> {
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    let mut pending: Vec<usize> = starts.to_vec();
    while let Some(next) = pending.pop() {
        if seen.insert(next) {
            pending.extend(edges.get(next).into_iter().flatten().copied());
        }
    }
    seen
}

/// OData names a type's definition refers to: its fields' types and, for a polymorphic
/// base, every derived type (its enum is defined beside it).
fn referenced(ty: &RustType) -> Vec<&str> {
    let mut names = Vec::new();
    if let RustTypeShape::Struct(shape) = &ty.shape {
        for field in &shape.fields {
            expr_names(&field.ty, &mut names);
        }
        if let Some(poly) = &shape.polymorphic {
            names.extend(poly.variants.iter().map(|v| v.odata_name.as_str()));
        }
    }
    names
}

/// OData names an endpoint's signature and body struct refer to.
fn endpoint_types(endpoint: &RustEndpoint) -> Vec<&str> {
    let mut names = Vec::new();
    match &endpoint.body {
        RustBody::Json { ty, .. } => expr_names(ty, &mut names),
        RustBody::Parameters { fields, .. } => {
            fields.iter().for_each(|f| expr_names(&f.ty, &mut names))
        }
        RustBody::None | RustBody::Bytes { .. } => {}
    }
    match &endpoint.response {
        RustResponse::Json(ty)
        | RustResponse::Page(ty)
        | RustResponse::Wrapped(ty)
        | RustResponse::OptionalJson(ty)
        | RustResponse::OptionalPage(ty) => expr_names(ty, &mut names),
        RustResponse::NoContent | RustResponse::RawBytes => {}
    }
    names
}

fn expr_names<'a>(expr: &'a RustTypeExpr, out: &mut Vec<&'a str>) {
    match expr {
        RustTypeExpr::Primitive(_) => {}
        RustTypeExpr::Named { odata_name, .. } | RustTypeExpr::Polymorphic { odata_name, .. } => {
            out.push(odata_name)
        }
        RustTypeExpr::List(inner) | RustTypeExpr::Boxed(inner) => expr_names(inner, out),
    }
}
