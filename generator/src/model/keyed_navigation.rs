//! Relationships a type page calls single that the request lines read as collections.
//!
//! `chatMessage` lists `hostedContents` as one `chatMessageHostedContent`, while its own
//! pages read `GET /chats/{chat-id}/messages/{message-id}/hostedContents` as a collection and
//! address one by key (`.../hostedContents/{hosted-content-id}`); the examples send an array.
//! Only a collection can be read whole as a list or indexed by a key, so a single relationship
//! `P` of type `T` is a collection when a GET line goes from an entity (a key placeholder) to
//! `P` and reads a collection of `T`, or reads one `T` by a key after `P`. Lines from a
//! singleton (`/deviceManagement/termsAndConditions/{id}`) say nothing about a same-named
//! relationship of another type, so they do not count; nor does any line when some type
//! already declares `P` as a collection of `T`.

use std::collections::{BTreeMap, BTreeSet};

use super::{Method, Operation, Segment, SegmentPart, TypeDef, TypeRef};
use crate::diagnostics::{codes, Diagnostic};

/// Makes the single relationships the request lines read as collections collections.
pub fn collections_read_by_lines(
    types: &mut BTreeMap<String, TypeDef>,
    operations: &[Operation],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let read_as_collections = read_as_collections(operations);
    let declared_collections: BTreeSet<(String, TypeRef)> = types
        .values()
        .flat_map(|t| &t.properties)
        .filter(|p| p.collection)
        .map(|p| (p.name.clone(), p.type_ref.clone()))
        .collect();
    // (declaring type, property) of each relationship made a collection.
    let mut changed: BTreeSet<(String, String)> = BTreeSet::new();
    for type_def in types.values_mut() {
        for property in type_def
            .properties
            .iter_mut()
            .filter(|p| p.navigation && !p.collection)
        {
            let key = (property.name.clone(), property.type_ref.clone());
            if !read_as_collections.contains(&key) || declared_collections.contains(&key) {
                continue;
            }
            property.collection = true;
            changed.insert((type_def.name.clone(), property.name.clone()));
            diagnostics.push(
                Diagnostic::warning(
                    codes::PROPERTY_READ_AS_COLLECTION,
                    &property.source.file,
                    property.source.line,
                    format!("`{}` is typed as one object, but request lines read it as a collection (a list, or one item by key); read as a collection", property.name),
                )
                .with_hint("write \"collection\" in the relationship's type cell"),
            );
        }
    }
    // Inherited copies follow their declaration.
    if changed.is_empty() {
        return;
    }
    for type_def in types.values_mut() {
        for inherited in &mut type_def.inherited {
            if changed.contains(&(inherited.from.clone(), inherited.property.name.clone())) {
                inherited.property.collection = true;
            }
        }
    }
}

/// (relationship name, item type) pairs some GET line reads as a collection from an entity.
fn read_as_collections(operations: &[Operation]) -> BTreeSet<(String, TypeRef)> {
    let mut found = BTreeSet::new();
    for operation in operations.iter().filter(|op| op.method == Method::Get) {
        let Some(type_ref) = &operation.response.type_ref else {
            continue;
        };
        let segments = &operation.path.segments;
        let n = segments.len();
        // `{key}/P` read as a collection.
        if operation.response.collection && n >= 2 && is_key(&segments[n - 2]) {
            if let Some(name) = segments[n - 1].literal() {
                found.insert((name.to_string(), type_ref.clone()));
            }
        }
        // `{key}/P/{key}` read as one item.
        if !operation.response.collection
            && n >= 3
            && is_key(&segments[n - 3])
            && is_key(&segments[n - 1])
        {
            if let Some(name) = segments[n - 2].literal() {
                found.insert((name.to_string(), type_ref.clone()));
            }
        }
    }
    found
}

fn is_key(segment: &Segment) -> bool {
    matches!(
        segment.parts.as_slice(),
        [SegmentPart::Param { path: false, .. }]
    )
}
