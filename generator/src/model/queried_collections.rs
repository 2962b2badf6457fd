//! A query written into a request line does not change what the line reads.
//!
//! A page about one relationship may add a line that reads a whole collection with a query
//! (`user-list-manager.md`: `GET /users?$expand=manager($levels=n)`) under prose about the
//! relationship ("returns a [directoryObject]"). The service answers the collection the line
//! without its query reads: users, each with its manager expanded. When another page reads
//! that line, without a query, as a collection of one type, the queried line reads the same.

use std::collections::{BTreeMap, BTreeSet};

use super::{Method, Operation, TypeRef};
use crate::diagnostics::{codes, Diagnostic};

/// Gives each GET line with a written query the collection its query-less line reads.
pub fn read_queried_collections(operations: &mut [Operation], diagnostics: &mut Vec<Diagnostic>) {
    let mut collections: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for operation in operations.iter() {
        let reads_collection = operation.method == Method::Get
            && operation.path.fixed_query.is_empty()
            && operation.response.collection
            && operation.response.status != 204;
        if let (true, Some(TypeRef::Named(name))) = (reads_collection, &operation.response.type_ref)
        {
            collections
                .entry(operation.path.shape())
                .or_default()
                .insert(name.clone());
        }
    }
    for operation in operations.iter_mut() {
        if operation.method != Method::Get
            || operation.path.fixed_query.is_empty()
            || operation.response.status == 204
        {
            continue;
        }
        // A line two pages read as different collections says nothing.
        let Some(names) = collections.get(&operation.path.shape()) else {
            continue;
        };
        let [read] = names.iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let target = Some(TypeRef::Named(read.clone()));
        if operation.response.collection && operation.response.type_ref == target {
            continue;
        }
        let documented = match (&operation.response.type_ref, operation.response.collection) {
            (Some(TypeRef::Named(name)), true) => format!("a collection of `{name}`"),
            (Some(TypeRef::Named(name)), false) => format!("one `{name}`"),
            (Some(TypeRef::Primitive(primitive)), _) => format!("`{}`", primitive.edm_name()),
            (None, _) => "no type".to_string(),
        };
        let line = operation
            .path
            .raw
            .split('?')
            .next()
            .unwrap_or(&operation.path.raw);
        diagnostics.push(
            Diagnostic::warning(
                codes::QUERIED_COLLECTION,
                &operation.source.file,
                operation.source.line,
                format!("the Response section gives {documented}, but `{}` queries `{line}`, which reads a collection of `{read}`; read as that collection", operation.path.raw),
            )
            .with_hint("give the queried line's return type in the Response section"),
        );
        operation.response.type_ref = target;
        operation.response.collection = true;
    }
}
