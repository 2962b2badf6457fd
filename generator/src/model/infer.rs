//! Types inferred from examples, for names that no type page defines.
//!
//! A docs folder may hold a method page without the type pages it links to (the page a
//! client is specified from, taken alone). Rather than fall back to untyped JSON, the
//! shape of a missing type is read off the documented request and response bodies:
//! every member seen becomes a nullable property, nested objects become their own
//! inferred complex types. Each inferred type is flagged `inferred` and reported, so
//! adding the real type page replaces it.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{
    Model, Operation, Primitive, Property, RequestBody, Source, TypeDef, TypeKind, TypeRef,
};
use crate::diagnostics::{codes, Diagnostic};

/// How many levels of nested objects become inferred types; deeper ones stay untyped JSON.
const MAX_INFERRED_DEPTH: usize = 8;

/// One JSON object seen where a missing type was expected.
struct Sample<'a> {
    object: &'a serde_json::Map<String, Value>,
    source: Source,
}

/// Adds an inferred type for every missing type that an operation's examples show.
pub fn infer_missing_types(model: &mut Model) {
    let mut samples: BTreeMap<String, Vec<Sample<'_>>> = BTreeMap::new();
    for operation in &model.operations {
        collect_samples(operation, &model.types, &mut samples);
    }
    let mut inferred: BTreeMap<String, TypeDef> = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for (name, objects) in &samples {
        let Some(first) = objects.first() else {
            continue;
        };
        if super::resolve::overlong_segment(name).is_some() {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                codes::TYPE_INFERRED,
                &first.source.file,
                first.source.line,
                format!(
                    "no type page defines `{name}`; its shape was inferred from {} example(s)",
                    objects.len()
                ),
            )
            .with_hint("add the type's page under resources/ to get its documented properties"),
        );
        infer_type(name, objects, 0, &mut inferred);
    }
    model.types.extend(inferred);
    model.diagnostics.extend(diagnostics);
}

fn collect_samples<'a>(
    operation: &'a Operation,
    known: &BTreeMap<String, TypeDef>,
    samples: &mut BTreeMap<String, Vec<Sample<'a>>>,
) {
    let missing = |type_ref: &TypeRef| match type_ref {
        TypeRef::Named(name) if !known.contains_key(name) => Some(name.clone()),
        _ => None,
    };
    for example in &operation.examples {
        if let (
            RequestBody::Type {
                type_ref,
                collection: false,
            },
            Some(request),
        ) = (&operation.request, &example.request)
        {
            if let (Some(name), Some(Value::Object(object))) = (
                missing(type_ref),
                request.body.as_ref().and_then(|b| b.json.as_ref()),
            ) {
                samples.entry(name).or_default().push(Sample {
                    object,
                    source: request.source.clone(),
                });
            }
        }
        let Some(response) = &example.response else {
            continue;
        };
        let Some(name) = operation.response.type_ref.as_ref().and_then(missing) else {
            continue;
        };
        let Some(Value::Object(object)) = response.body.as_ref().and_then(|b| b.json.as_ref())
        else {
            continue;
        };
        let items: Vec<&serde_json::Map<String, Value>> = if operation.response.collection {
            match object.get("value") {
                Some(Value::Array(values)) => values.iter().filter_map(Value::as_object).collect(),
                _ => Vec::new(),
            }
        } else {
            vec![object]
        };
        for item in items {
            samples.entry(name.clone()).or_default().push(Sample {
                object: item,
                source: response.source.clone(),
            });
        }
    }
}

/// Builds `name` from its samples; nested objects become `name` + property name.
fn infer_type(
    name: &str,
    samples: &[Sample<'_>],
    depth: usize,
    out: &mut BTreeMap<String, TypeDef>,
) {
    // Member order: first appearance across samples, so the type reads like the examples.
    let mut members: Vec<(String, Vec<(&Value, &Source)>)> = Vec::new();
    for sample in samples {
        for (member, value) in sample.object {
            // OData control members (`@odata.context`, `x@odata.type`) are not properties.
            if member.contains('@') {
                continue;
            }
            match members.iter_mut().find(|(m, _)| m == member) {
                Some((_, values)) => values.push((value, &sample.source)),
                None => members.push((member.clone(), vec![(value, &sample.source)])),
            }
        }
    }
    let source = samples
        .first()
        .map(|s| s.source.clone())
        .unwrap_or_default();
    let mut properties = Vec::new();
    for (member, values) in members {
        let nested_name = format!("{name}{}", upper_first(&member));
        let (type_ref, collection) = infer_member(&nested_name, &values, depth + 1, out);
        let source = values
            .first()
            .map(|(_, s)| (*s).clone())
            .unwrap_or_default();
        properties.push(Property::undescribed(&member, type_ref, collection, source));
    }
    out.insert(
        name.to_string(),
        TypeDef {
            name: name.to_string(),
            kind: TypeKind::Complex,
            base: None,
            key: None,
            is_abstract: false,
            open: true,
            description: "Shape inferred from the documented examples; no type page defines it."
                .into(),
            properties,
            inherited: Vec::new(),
            members: Vec::new(),
            inferred: true,
            source,
        },
    );
}

/// The type of one member from every value seen for it. Values that disagree, or only
/// `null`, give untyped JSON rather than a guess that would reject real responses.
fn infer_member(
    nested_name: &str,
    values: &[(&Value, &Source)],
    depth: usize,
    out: &mut BTreeMap<String, TypeDef>,
) -> (TypeRef, bool) {
    let non_null: Vec<(&Value, &Source)> = values
        .iter()
        .copied()
        .filter(|(v, _)| !v.is_null())
        .collect();
    if non_null.is_empty() {
        return (TypeRef::Primitive(Primitive::Untyped), false);
    }
    if non_null.iter().all(|(v, _)| v.is_array()) {
        let items: Vec<(&Value, &Source)> = non_null
            .iter()
            .flat_map(|(v, s)| {
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(move |item| (item, *s))
            })
            .collect();
        let (item_type, nested) = infer_member(nested_name, &items, depth, out);
        return if nested {
            (TypeRef::Primitive(Primitive::Untyped), false)
        } else {
            (item_type, true)
        };
    }
    if non_null.iter().all(|(v, _)| v.is_object()) {
        // Each level adds a type named after the path to it; past a few levels the names
        // outgrow file-name limits and the types say nothing useful.
        if depth > MAX_INFERRED_DEPTH || super::resolve::overlong_segment(nested_name).is_some() {
            return (TypeRef::Primitive(Primitive::Untyped), false);
        }
        let samples: Vec<Sample<'_>> = non_null
            .iter()
            .filter_map(|(v, s)| {
                v.as_object().map(|object| Sample {
                    object,
                    source: (*s).clone(),
                })
            })
            .collect();
        infer_type(nested_name, &samples, depth, out);
        return (TypeRef::Named(nested_name.to_string()), false);
    }
    let primitive = |v: &Value| match v {
        Value::Bool(_) => Some(Primitive::Boolean),
        Value::String(_) => Some(Primitive::String),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(Primitive::Int64),
        Value::Number(_) => Some(Primitive::Double),
        _ => None,
    };
    let mut kinds = non_null.iter().map(|(v, _)| primitive(v));
    let first = kinds.next().flatten();
    match first {
        Some(kind) if kinds.all(|k| k == Some(kind)) => (TypeRef::Primitive(kind), false),
        _ => (TypeRef::Primitive(Primitive::Untyped), false),
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
