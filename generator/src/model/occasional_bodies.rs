//! Bodies that come back only sometimes, on an operation documented as answering `204`.
//!
//! `POST /users/{id}/followedSites/remove` answers `204 No Content`, except that when some
//! sites could not be unfollowed it answers `207 Multi-Status` with them and their errors;
//! `POST /appCatalogs/teamsApps/{id}/appDefinitions` answers `201 Created` with the new
//! definition when a review is requested. The page's Response section gives the usual `204`,
//! and its examples show the other answer. A client that reads `204` as "nothing" would throw
//! those bodies away, so such an operation answers like one that returns the object on
//! request: no body, or a body of the type the example shows.
//!
//! The type is the one the examples are annotated with; when that type lacks members the
//! bodies show and exactly one type has them all, it is that type (a `201` body annotated
//! `teamsApp` that is a `teamsAppDefinition`). Without an annotation, the type a GET of the
//! same line returns. Every such reading is reported.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::response_shape::{only_type_with, LineReads};
use super::{ExampleResponse, Operation, TypeDef, TypeRef};
use crate::diagnostics::{codes, Diagnostic};

/// Types the bodies `204` operations show with another success status.
pub fn type_occasional_bodies(
    operations: &mut [Operation],
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let reads = LineReads::of(operations);
    for operation in operations.iter_mut() {
        if operation.response.status != 204 || operation.response.type_ref.is_some() {
            continue;
        }
        let shown: Vec<&ExampleResponse> = operation
            .examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .filter(|r| {
                r.status
                    .is_some_and(|s| (200..300).contains(&s) && s != 204)
            })
            .filter(|r| r.body.as_ref().is_some_and(|b| b.json.is_some()))
            .collect();
        let Some(first) = shown.first() else { continue };
        // Unannotated single objects are what a GET of the line reads.
        let read_of_line = || {
            body_members(&shown, false)
                .and(reads.single_read_of(operation))
                .map(|name| (name, false))
        };
        let Some((name, collection)) = shown_type(&shown, types).or_else(read_of_line) else {
            continue;
        };
        let status = first.status.unwrap_or_default();
        let shape = if collection {
            format!("a collection of `{name}`")
        } else {
            format!("a `{name}`")
        };
        diagnostics.push(
            Diagnostic::warning(
                codes::BODY_BESIDE_NO_CONTENT,
                &operation.source.file,
                operation.source.line,
                format!("the Response section says `204 No Content`, but an example answers `{status}` with {shape}; read as no body or {shape}"),
            )
            .with_hint("name the other status and the type it returns in the Response section"),
        );
        operation.response.type_ref = Some(TypeRef::Named(name));
        operation.response.collection = collection;
    }
}

/// The one type all `shown` answers are annotated with, and whether they are collections;
/// a type having every member the bodies show when the annotated one does not.
fn shown_type(
    shown: &[&ExampleResponse],
    types: &BTreeMap<String, TypeDef>,
) -> Option<(String, bool)> {
    let annotated: BTreeSet<(String, bool)> =
        shown.iter().filter_map(|r| r.annotated_type()).collect();
    let [(name, collection)] = annotated.into_iter().collect::<Vec<_>>().try_into().ok()?;
    let type_def = types.get(&name)?;
    let members = body_members(shown, collection)?;
    if members.iter().all(|m| type_def.property(m).is_some()) {
        return Some((name, collection));
    }
    let covering = (members.len() >= 2)
        .then(|| only_type_with(&members, types))
        .flatten();
    Some((covering.unwrap_or(name), collection))
}

/// The members the bodies' objects show (the items', for collections), annotations aside;
/// `None` when a body does not have the shape.
fn body_members<'a>(shown: &[&'a ExampleResponse], collection: bool) -> Option<BTreeSet<&'a str>> {
    let mut members = BTreeSet::new();
    for response in shown {
        let object = response.json_object()?;
        let objects: Vec<&serde_json::Map<String, Value>> = if collection {
            object
                .get("value")?
                .as_array()?
                .iter()
                .map(Value::as_object)
                .collect::<Option<_>>()?
        } else if object.contains_key("value") {
            return None;
        } else {
            vec![object]
        };
        members.extend(
            objects
                .iter()
                .flat_map(|o| o.keys())
                .map(String::as_str)
                .filter(|m| !m.contains('@')),
        );
    }
    Some(members)
}
