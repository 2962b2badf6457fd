//! One operation per request line, however many pages document it.
//!
//! Graph's docs list some lines on several pages: `GET /users` on the users page and on
//! three Intune pages, `POST /me/events` on the event page and on the extended-property and
//! open-extension pages, `POST /deviceAppManagement/mobileApps` once per kind of app. A
//! client has one function per line, so one page must own it: its title, body, response,
//! area and permissions describe the function. The owner is the page whose subject is the
//! resource the line addresses (see [`owner_rank`]); every other page is kept, with what it
//! says, in [`Operation::also_documented_by`], and its examples join the owner's.

use std::collections::BTreeMap;

use super::resolve::base_chain;
use super::unnamed_bases::ENTITY_ROOT;
use super::{Method, Operation, OtherDocumentation, RequestBody, Response, TypeDef, TypeRef};
use crate::parse::text::squash;

/// Merges the operations that share a request line (method and path shape) into one,
/// owned by the page [`owner_rank`] prefers. Keeps the operations' order otherwise.
pub fn merge_shared_lines(operations: &mut Vec<Operation>, types: &BTreeMap<String, TypeDef>) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, operation) in operations.iter().enumerate() {
        groups.entry(operation.line_key()).or_default().push(index);
    }
    if groups.values().all(|group| group.len() == 1) {
        return;
    }
    let roots = Roots::new(operations);
    let mut taken: Vec<Option<Operation>> =
        std::mem::take(operations).into_iter().map(Some).collect();
    // Each merged operation takes the place of its owner; the others leave.
    let mut merged: BTreeMap<usize, Operation> = BTreeMap::new();
    for group in groups.values() {
        let members: Vec<Operation> = group
            .iter()
            .filter_map(|&i| taken.get_mut(i).and_then(Option::take))
            .collect();
        let addressed = roots.addressed(
            members
                .first()
                .map(|op| &op.path.segments[..])
                .unwrap_or_default(),
            types,
        );
        let owner_at = (0..members.len())
            .max_by_key(|&i| {
                (
                    owner_rank(&members[i], addressed.as_ref(), types),
                    std::cmp::Reverse(i),
                )
            })
            .unwrap_or(0);
        let position = group.get(owner_at).copied().unwrap_or_default();
        if let Some(operation) = merge_group(members, owner_at, addressed.as_ref(), types) {
            merged.insert(position, operation);
        }
    }
    *operations = merged.into_values().collect();
}

/// The type a line addresses and the type that holds it: for `/me/events`, `event` held by
/// `user`; for `/users`, `user` held by nothing; for an action (`/users/{id}/checkMemberGroups`),
/// no type, held by the type it is bound to (`user`).
#[derive(Debug, Clone)]
struct Addressed {
    type_name: Option<String>,
    holder: Option<String>,
}

/// The types of the first segments of request lines (`users` → `user`), read off the
/// documented reads of those lines; `me` is the signed-in user.
struct Roots {
    by_segment: BTreeMap<String, String>,
}

impl Roots {
    fn new(operations: &[Operation]) -> Roots {
        let mut by_segment: BTreeMap<String, String> = BTreeMap::new();
        by_segment.insert("me".to_string(), "microsoft.graph.user".to_string());
        for operation in operations.iter().filter(|op| {
            op.method == Method::Get && op.alias_of.is_none() && op.from_example.is_none()
        }) {
            let Some(TypeRef::Named(type_name)) = &operation.response.type_ref else {
                continue;
            };
            let segments = &operation.path.segments;
            let keyed_or_plain = match segments.as_slice() {
                [_] => true,
                [_, key] => key.is_placeholders(),
                _ => false,
            };
            let Some(first) = segments.first().and_then(|s| s.literal()) else {
                continue;
            };
            if keyed_or_plain && operation.path.fixed_query.is_empty() {
                by_segment
                    .entry(first.to_lowercase())
                    .or_insert_with(|| type_name.clone());
            }
        }
        Roots { by_segment }
    }

    /// Walks the line from its root through properties, keys and casts. A last segment the
    /// types do not name is an action or function bound to the type before it; `None` where
    /// any other segment is unknown.
    fn addressed(
        &self,
        segments: &[super::Segment],
        types: &BTreeMap<String, TypeDef>,
    ) -> Option<Addressed> {
        let (first, rest) = segments.split_first()?;
        let mut current = self
            .by_segment
            .get(&first.literal()?.to_lowercase())?
            .clone();
        let mut holder: Option<String> = None;
        for (at, segment) in rest.iter().enumerate() {
            if segment.is_placeholders() {
                continue;
            }
            let is_last = at + 1 == rest.len();
            let bound = || {
                is_last.then(|| Addressed {
                    type_name: None,
                    holder: Some(current.clone()),
                })
            };
            let Some(literal) = segment.literal() else {
                return bound();
            };
            if let Some(cast) = types.get(literal).filter(|_| literal.contains('.')) {
                current = cast.name.clone();
                continue;
            }
            let property = types.get(&current).and_then(|t| {
                t.all_properties()
                    .find(|p| p.name.eq_ignore_ascii_case(literal))
            });
            let Some(TypeRef::Named(next)) = property.map(|p| &p.type_ref) else {
                return bound();
            };
            holder = Some(std::mem::replace(&mut current, next.clone()));
        }
        Some(Addressed {
            type_name: Some(current),
            holder,
        })
    }
}

/// How well an operation's page fits as the owner of its line, higher first:
/// 1. a line its page lists, before a `/me` form implied by a `/users/{id}` line, before a
///    form only an example calls;
/// 2. the page's subject (the first word of its file name: `user-list`, `event-update`) is
///    the addressed type or the type holding it — not `intune-devices-user-list`;
/// 3. the page's body (for writes) or response (for reads) is the addressed type or derives
///    from it — the extended-property page's `POST /me/events` sends a message;
/// 4. the page's file name says what the method does (`driveitem-update` for a PATCH, not
///    `driveitem-move`; `-list` for a collection, `-get` for one item).
fn owner_rank(
    operation: &Operation,
    addressed: Option<&Addressed>,
    types: &BTreeMap<String, TypeDef>,
) -> (u8, bool, bool, bool) {
    let listed = match (&operation.alias_of, &operation.from_example) {
        (None, None) => 2,
        (Some(_), _) => 1,
        (None, Some(_)) => 0,
    };
    let addressed_type = addressed.and_then(|a| a.type_name.as_deref());
    let fits = match (subject_type(operation), addressed_type) {
        (Some(name), Some(addressed)) => is_or_derives(types, name, addressed),
        _ => false,
    };
    let subject = page_subject(&operation.page);
    let names_subject = match addressed {
        Some(addressed) => [addressed.type_name.as_ref(), addressed.holder.as_ref()]
            .into_iter()
            .flatten()
            .any(|name| squash(short_name(name)) == subject),
        None => subject_is_last_segment(operation),
    };
    (listed, names_subject, fits, names_method(operation))
}

/// The page's file name has a word for what the line's method does.
fn names_method(operation: &Operation) -> bool {
    let ends_in_key = operation
        .path
        .segments
        .last()
        .is_some_and(super::Segment::is_placeholders);
    let verbs: &[&str] = match operation.method {
        Method::Get if ends_in_key => &["get"],
        Method::Get => &["list"],
        Method::Post => &["create", "post", "add"],
        Method::Patch => &["update"],
        Method::Put => &["update", "put", "upsert", "replace", "create"],
        Method::Delete => &["delete", "remove"],
        _ => &[],
    };
    operation
        .page
        .split(['-', '_'])
        .skip(1)
        .any(|word| verbs.contains(&word))
}

/// Without an addressed type: the page's subject is the last literal segment, or its singular.
fn subject_is_last_segment(operation: &Operation) -> bool {
    let subject = page_subject(&operation.page);
    let last = operation
        .path
        .segments
        .iter()
        .rev()
        .find_map(|s| s.literal())
        .map(squash)
        .unwrap_or_default();
    !subject.is_empty() && (last == subject || last.strip_suffix('s') == Some(subject.as_str()))
}

/// The first word of a page's file name, squashed: `user` for `user-post-events`.
fn page_subject(page: &str) -> String {
    squash(page.split(['-', '_']).next().unwrap_or(page))
}

fn short_name(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

/// The type a page says its line is about: the body it sends, else the type it returns.
fn subject_type(operation: &Operation) -> Option<&str> {
    body_type(operation).or_else(|| response_type(operation))
}

fn body_type(operation: &Operation) -> Option<&str> {
    match &operation.request {
        RequestBody::Type {
            type_ref: TypeRef::Named(name),
            ..
        } => Some(name),
        _ => None,
    }
}

fn response_type(operation: &Operation) -> Option<&str> {
    match &operation.response.type_ref {
        Some(TypeRef::Named(name)) => Some(name),
        _ => None,
    }
}

fn is_or_derives(types: &BTreeMap<String, TypeDef>, name: &str, base: &str) -> bool {
    name == base || base_chain(types, name).0.iter().any(|b| b == base)
}

/// The owner with the other pages' documentation and examples. Where the pages send or
/// return different types of the addressed one (one page per kind of mobile app), the body
/// and response widen to the nearest common base, so every page's examples fit.
fn merge_group(
    mut members: Vec<Operation>,
    owner_at: usize,
    addressed: Option<&Addressed>,
    types: &BTreeMap<String, TypeDef>,
) -> Option<Operation> {
    if owner_at >= members.len() {
        return None;
    }
    let widened_body = widened(&members, owner_at, addressed, types, body_type);
    let widened_response = widened(&members, owner_at, addressed, types, response_type);
    let documented = documented_response(&members, owner_at);
    let mut owner = members.remove(owner_at);
    if let (Some(name), RequestBody::Type { type_ref, .. }) = (widened_body, &mut owner.request) {
        *type_ref = TypeRef::Named(name);
    }
    if let Some(name) = widened_response.or(documented) {
        owner.response.type_ref = Some(TypeRef::Named(name));
    }
    let bodyless = matches!(
        owner.method,
        Method::Get | Method::Delete | Method::Head | Method::Options
    );
    for other in members {
        owner.mime_body |= other.mime_body && !bodyless;
        // A `/me` form implied by another page's `/users/{id}` line, or a form an example
        // calls, documents nothing beyond the line it stands for.
        if other.alias_of.is_none() && other.from_example.is_none() {
            owner.also_documented_by.push(OtherDocumentation {
                page: other.page,
                title: other.title,
                area: other.area,
                permissions: other.permissions,
                request: other.request,
                response: other.response,
                source: other.source,
            });
        }
        owner.examples.extend(other.examples);
    }
    owner
        .also_documented_by
        .sort_by(|a, b| a.source.cmp(&b.source));
    Some(owner)
}

/// The nearest common base of the types the pages name, when they name more than one and
/// the owner's is not exactly the addressed type. Where the addressed type is known, only
/// the pages whose type is it or derives from it take part.
fn widened(
    members: &[Operation],
    owner_at: usize,
    addressed: Option<&Addressed>,
    types: &BTreeMap<String, TypeDef>,
    select: fn(&Operation) -> Option<&str>,
) -> Option<String> {
    let owner_type = members.get(owner_at).and_then(select)?;
    let addressed = addressed.and_then(|a| a.type_name.as_deref());
    if addressed == Some(owner_type) {
        return None;
    }
    let all: Vec<&str> = members.iter().filter_map(select).collect();
    // Without an addressed type, every page's type takes part.
    let fitting: Vec<&str> = match addressed {
        Some(addressed) => all
            .iter()
            .copied()
            .filter(|name| is_or_derives(types, name, addressed))
            .collect(),
        None => all,
    };
    let mut names = if fitting.contains(&owner_type) {
        fitting
    } else {
        vec![owner_type]
    };
    names.sort_unstable();
    names.dedup();
    if names.len() < 2 {
        return None;
    }
    common_base(types, &names).filter(|base| base != owner_type)
}

/// The nearest type that every name is, or derives from. The root of all entities does not
/// count: that unrelated entity types share it says nothing about what a line takes.
fn common_base(types: &BTreeMap<String, TypeDef>, names: &[&str]) -> Option<String> {
    let with_bases = |name: &str| -> Vec<String> {
        let mut chain = vec![name.to_string()];
        chain.extend(base_chain(types, name).0);
        chain
    };
    let (first, rest) = names.split_first()?;
    let others: Vec<Vec<String>> = rest.iter().map(|name| with_bases(name)).collect();
    with_bases(first).into_iter().find(|candidate| {
        candidate != ENTITY_ROOT
            && types.contains_key(candidate)
            && others.iter().all(|chain| chain.contains(candidate))
    })
}

/// The one response type the other pages document, when the owner names none and says
/// nothing against a body (`POST /me/messages` on the extended-property pages has no
/// response type; the message page has `message`). Beside an owner's `204 No Content` the
/// type reads as "no content, or this object" (`PATCH /users/{id}`: the users page says
/// 204, the Intune pages show `200 OK` with the user), so both answers decode.
fn documented_response(members: &[Operation], owner_at: usize) -> Option<String> {
    let owner = members.get(owner_at)?;
    if owner.response.type_ref.is_some()
        || owner.response.collection
        || !matches!(owner.response.status, 0 | 200 | 201 | 204)
    {
        return None;
    }
    let name = members.iter().find_map(response_type)?;
    let agrees = |op: &Operation| match response_type(op) {
        Some(other) => other == name && !op.response.collection,
        None => matches!(op.response.status, 0 | 200 | 201 | 204),
    };
    members.iter().all(agrees).then(|| name.to_string())
}

/// What differs between the owner and another page of its line, for the lint. A page of a
/// derived type (one page per kind of mobile app) agrees with its owner's widened base.
pub fn disagreements(
    owner: &Operation,
    other: &OtherDocumentation,
    types: &BTreeMap<String, TypeDef>,
) -> Vec<&'static str> {
    let mut found = Vec::new();
    if !same_body(&owner.request, &other.request, types) {
        found.push("request body");
    }
    if !same_response(&owner.response, &other.response, types) {
        found.push("response");
    }
    if owner.permissions != other.permissions {
        found.push("permissions");
    }
    found
}

/// `other` is `owner`'s type or derives from it.
fn same_or_derived(owner: &TypeRef, other: &TypeRef, types: &BTreeMap<String, TypeDef>) -> bool {
    match (owner, other) {
        (TypeRef::Named(owner), TypeRef::Named(other)) => is_or_derives(types, other, owner),
        _ => owner == other,
    }
}

fn same_body(owner: &RequestBody, other: &RequestBody, types: &BTreeMap<String, TypeDef>) -> bool {
    match (owner, other) {
        (RequestBody::None, RequestBody::None) => true,
        (
            RequestBody::Type {
                type_ref: ta,
                collection: ca,
            },
            RequestBody::Type {
                type_ref: tb,
                collection: cb,
            },
        ) => same_or_derived(ta, tb, types) && ca == cb,
        (
            RequestBody::Parameters { parameters: pa },
            RequestBody::Parameters { parameters: pb },
        ) => {
            let names = |params: &[super::Parameter]| {
                let mut names: Vec<(String, TypeRef)> = params
                    .iter()
                    .map(|p| (squash(&p.name), p.type_ref.clone()))
                    .collect();
                names.sort();
                names
            };
            names(pa) == names(pb)
        }
        (RequestBody::Stream { .. }, RequestBody::Stream { .. }) => true,
        _ => false,
    }
}

fn same_response(owner: &Response, other: &Response, types: &BTreeMap<String, TypeDef>) -> bool {
    let same_type = match (&owner.type_ref, &other.type_ref) {
        (Some(a), Some(b)) => same_or_derived(a, b, types),
        (a, b) => a == b,
    };
    // `204 No Content` against `200 OK` with a body disagrees even where the type is taken over.
    let same_status = owner.status == other.status || owner.status == 0 || other.status == 0;
    same_type && same_status && owner.collection == other.collection
}
