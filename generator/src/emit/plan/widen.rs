//! One function for a request line documented on several pages with different types.
//!
//! Intune documents `POST /deviceAppManagement/mobileApps` once per kind of app, each page
//! with its own derived body type. The function is emitted once (see `emit::naming`), so its
//! body and response take the nearest common base type of all those pages: with derived
//! types, that is the base's polymorphic enum, which accepts every one of them.

use std::collections::{BTreeMap, BTreeSet};

use super::endpoints::route_key;
use super::HttpMethod;
use crate::model::{Model, Operation, RequestBody, TypeRef};

/// Widened type names by the index of the operation that is emitted.
#[derive(Debug, Default)]
pub(super) struct Widened {
    pub body: BTreeMap<usize, String>,
    pub response: BTreeMap<usize, String>,
}

impl Widened {
    /// Every widened type name.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.body.values().chain(self.response.values()).map(String::as_str)
    }
}

fn body_type(operation: &Operation) -> Option<&str> {
    match &operation.request {
        RequestBody::Type { type_ref: TypeRef::Named(name), .. } => Some(name),
        _ => None,
    }
}

fn response_type(operation: &Operation) -> Option<&str> {
    match &operation.response.type_ref {
        Some(TypeRef::Named(name)) => Some(name),
        _ => None,
    }
}

pub(super) fn widen(model: &Model) -> Widened {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, operation) in model.operations.iter().enumerate() {
        if let Some(method) = HttpMethod::parse(&operation.method) {
            groups.entry(route_key(method, operation)).or_default().push(index);
        }
    }
    let mut widened = Widened::default();
    for indices in groups.values().filter(|indices| indices.len() > 1) {
        let Some(&first) = indices.first() else { continue };
        let operations: Vec<&Operation> = indices.iter().filter_map(|&i| model.operations.get(i)).collect();
        for (select, target) in
            [(body_type as fn(&Operation) -> Option<&str>, &mut widened.body), (response_type, &mut widened.response)]
        {
            let names: BTreeSet<&str> = operations.iter().filter_map(|op| select(op)).collect();
            if names.len() > 1 {
                if let Some(base) = common_base(model, &names) {
                    target.insert(first, base.to_string());
                }
            }
        }
        // The emitted operation documents no response type while another page documents
        // one for the same request line (`POST /me/messages` appears on the extended-property
        // pages without a response): the documented type is the response.
        if let Some(documented) = documented_response(&operations) {
            widened.response.entry(first).or_insert_with(|| documented.to_string());
        }
    }
    widened
}

/// The one response type the group documents, when the first operation names none and
/// the others agree on it (and on being a single value or a collection).
fn documented_response<'a>(operations: &[&'a Operation]) -> Option<&'a str> {
    let (first, others) = operations.split_first()?;
    if first.response.type_ref.is_some() || first.response.collection {
        return None;
    }
    let name = others.iter().find_map(|op| response_type(op))?;
    // A page that says the request answers without a body (`202 Accepted`) disagrees.
    let agrees = |op: &&Operation| match response_type(op) {
        Some(other) => other == name && !op.response.collection,
        None => matches!(op.response.status, 0 | 200 | 201),
    };
    operations.iter().all(agrees).then_some(name)
}

/// The type and its bases, nearest first, stopping at a cycle or an unknown name.
fn chain<'a>(model: &'a Model, name: &'a str) -> Vec<&'a str> {
    let mut chain = Vec::new();
    let mut current = Some(name);
    while let Some(name) = current {
        if chain.contains(&name) || !model.types.contains_key(name) {
            break;
        }
        chain.push(name);
        current = model.types.get(name).and_then(|def| def.base.as_deref());
    }
    chain
}

/// The nearest type that every name is, or derives from.
fn common_base<'a>(model: &'a Model, names: &BTreeSet<&'a str>) -> Option<&'a str> {
    let mut iter = names.iter();
    let first = chain(model, iter.next()?);
    let others: Vec<Vec<&str>> = iter.map(|name| chain(model, name)).collect();
    first.into_iter().find(|candidate| others.iter().all(|chain| chain.contains(candidate)))
}
