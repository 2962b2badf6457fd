//! Update tables that contradict the resource they update.
//!
//! An update page lists the properties a client may change, with a type for each. Those
//! tables are a summary written by hand and drift from the resource page: `String` where
//! the property is an enum or an object, one value where it is a collection. A PATCH or
//! PUT sends the resource's own properties, so where a listed parameter is a property of
//! the returned resource, the resource page's type is the one the service reads; it wins,
//! and the disagreement is reported once per page and property.

use std::collections::{BTreeMap, BTreeSet};

use super::{Method, Operation, RequestBody, TypeDef, TypeRef};
use crate::diagnostics::{codes, Diagnostic};

/// Gives update parameters the type of the resource property they set.
pub fn align_update_parameters(
    operations: &mut [Operation],
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    for operation in operations {
        if !matches!(operation.method, Method::Patch | Method::Put) || operation.response.collection
        {
            continue;
        }
        let Some(TypeRef::Named(name)) = &operation.response.type_ref else {
            continue;
        };
        let Some(resource) = types.get(name) else {
            continue;
        };
        let RequestBody::Parameters { parameters } = &mut operation.request else {
            continue;
        };
        for parameter in parameters {
            let Some(property) = resource.property(&parameter.name) else {
                continue;
            };
            if property.type_ref == parameter.type_ref
                && property.collection == parameter.collection
            {
                continue;
            }
            if reported.insert((operation.source.file.clone(), parameter.name.clone())) {
                diagnostics.push(
                    Diagnostic::warning(
                        codes::BODY_TABLE_DISAGREES,
                        &operation.source.file,
                        operation.source.line,
                        format!(
                            "the request body lists `{}` as {}, but `{name}` declares it as {}; the resource's type is used",
                            parameter.name,
                            shown(&parameter.type_ref, parameter.collection),
                            shown(&property.type_ref, property.collection)
                        ),
                    )
                    .with_hint("make the request body table agree with the resource page"),
                );
            }
            parameter.type_ref = property.type_ref.clone();
            parameter.collection = property.collection;
        }
    }
}

fn shown(type_ref: &TypeRef, collection: bool) -> String {
    let name = match type_ref {
        TypeRef::Primitive(primitive) => primitive.edm_name().to_string(),
        TypeRef::Named(name) => name.clone(),
    };
    if collection {
        format!("`{name}` collection")
    } else {
        format!("`{name}`")
    }
}
