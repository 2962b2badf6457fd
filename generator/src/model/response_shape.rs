//! Response prose that gets a response's shape wrong: one object or a collection.
//!
//! A few get pages say "returns a collection of \[chat\] objects" for `GET /chats/{chat-id}`,
//! while their response examples are annotated with the type alone and show one object.
//! Typed as a collection, the endpoint would fail on every real response. When every
//! response example of an operation agrees (annotated with the documented type, not as a
//! collection, and a body without the `value` array that wraps collections), the examples
//! settle the shape: one object. The disagreement is reported.
//!
//! The other way round, list pages such as `GET /teams/{id}/channels/{id}/members` say
//! "returns a [conversationMember] object" for a line that ends at a collection-valued
//! relationship. Typed as one object, the endpoint would read the `value` array as an
//! unknown member of an empty object. When the line's last segment is the name of a
//! collection of the documented type in the type pages (and never of a single one), and no
//! response example shows one object, the read is a collection; so is a read whose line
//! queries with `$filter` or `$orderby` (`GET /me/onlineMeetings?$filter=JoinWebUrl eq '...'`),
//! which only collections take, and an unkeyed read whose every response example lists its
//! items in `value` when the type has no such member.
//!
//! A response the page does not type at all, on an update whose examples show the object,
//! takes the type a GET of the same line returns (`PATCH .../tabs/{tab-id}` answers the
//! `teamsTab` that `GET .../tabs/{tab-id}` reads); failing that, the one type whose
//! properties cover every member its examples show (`PATCH /me/settings` answers
//! `userSettings`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::resolve::base_chain;
use super::{ExampleResponse, Method, Operation, Segment, TypeDef, TypeRef};
use crate::diagnostics::{codes, Diagnostic};

/// Makes documented collections single where all the response examples of the page's
/// operations with that documented response show one object. The prose covers every line of
/// the page, so an example of one line speaks for the others (`GET /me/manager` and
/// `GET /users/{id}/manager`).
pub fn settle_single_responses(
    operations: &mut [Operation],
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Operations documented as a collection of a type, by page and type.
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (index, operation) in operations.iter().enumerate() {
        if let (true, Some(TypeRef::Named(name))) =
            (operation.response.collection, &operation.response.type_ref)
        {
            groups
                .entry((operation.source.file.as_str(), name.as_str()))
                .or_default()
                .push(index);
        }
    }
    let mut settled: Vec<usize> = Vec::new();
    for ((_, name), members) in &groups {
        let simple = name.rsplit('.').next().unwrap_or(name);
        let responses: Vec<&ExampleResponse> = members
            .iter()
            .flat_map(|&i| {
                operations[i]
                    .examples
                    .iter()
                    .filter_map(|e| e.response.as_ref())
            })
            .filter(|r| r.status.map_or(true, |s| (200..300).contains(&s)))
            .collect();
        let shows_one = |response: &&ExampleResponse| {
            let annotated_single = !response.collection
                && response.odata_type.as_deref().is_some_and(|t| {
                    t.rsplit('.')
                        .next()
                        .is_some_and(|s| s.eq_ignore_ascii_case(simple))
                });
            annotated_single && response.shows_one_object()
        };
        if responses.is_empty() || !responses.iter().all(shows_one) {
            continue;
        }
        let first = &operations[members[0]];
        diagnostics.push(
            Diagnostic::warning(
                codes::COLLECTION_READ_AS_ONE,
                &first.source.file,
                first.source.line,
                format!("the Response section says a collection of `{name}`, but every response example is one `{name}` object; read as one object"),
            )
            .with_hint("say \"a [type] object\" in the Response section, or annotate the examples with \"isCollection\": true"),
        );
        settled.extend(members);
    }
    for index in settled {
        operations[index].response.collection = false;
    }
    for operation in operations.iter_mut() {
        settle_line_of_another_type(operation, types, diagnostics);
    }
}

/// A page whose prose gives a collection for all its lines may list one line that returns
/// something else (`GET .../thumbnails/{thumb-id}/{size}`: one `thumbnail`, not a collection
/// of `thumbnailSet`). When every response example of that line is annotated with one other
/// type, not as a collection, and shows one object, the line returns that type.
fn settle_line_of_another_type(
    operation: &mut Operation,
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(TypeRef::Named(documented)) = operation
        .response
        .type_ref
        .as_ref()
        .filter(|_| operation.response.collection)
    else {
        return;
    };
    let responses: Vec<&ExampleResponse> = operation
        .examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .filter(|r| r.status.map_or(true, |s| (200..300).contains(&s)))
        .collect();
    let shown: BTreeSet<Option<String>> = responses
        .iter()
        .map(|r| {
            let single_type = r
                .annotated_type()
                .filter(|(_, collection)| !collection)
                .map(|(name, _)| name);
            single_type.filter(|t| r.shows_one_object() && types.contains_key(t))
        })
        .collect();
    let [Some(other)] = shown.iter().collect::<Vec<_>>().as_slice() else {
        return;
    };
    if responses.is_empty() || other == documented {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(
            codes::COLLECTION_READ_AS_ONE,
            &operation.source.file,
            operation.source.line,
            format!("the Response section says a collection of `{documented}`, but every response example of `{}` is one `{other}` object; read as one `{other}`", operation.path.raw),
        )
        .with_hint("give this line's return type in the Response section"),
    );
    operation.response.type_ref = Some(TypeRef::Named(other.to_string()));
    operation.response.collection = false;
}

/// Makes single-object reads collections where the line ends at a collection of the type.
pub fn settle_collection_reads(
    operations: &mut [Operation],
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Property name → (type, collection) pairs declared anywhere.
    let mut shapes: BTreeMap<&str, BTreeSet<(&TypeRef, bool)>> = BTreeMap::new();
    for property in types.values().flat_map(|t| t.properties.iter()) {
        shapes
            .entry(property.name.as_str())
            .or_default()
            .insert((&property.type_ref, property.collection));
    }
    for operation in operations {
        if operation.method != Method::Get || operation.response.collection {
            continue;
        }
        let Some(type_ref @ TypeRef::Named(name)) = &operation.response.type_ref else {
            continue;
        };
        let Some(reason) = collection_read(operation, type_ref, &shapes, types) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::warning(
                codes::ONE_READ_AS_COLLECTION,
                &operation.source.file,
                operation.source.line,
                format!("the Response section says one `{name}`, but `{}` {reason}; read as a collection", operation.path.raw),
            )
            .with_hint("say \"a collection of [type] objects\" in the Response section"),
        );
        operation.response.collection = true;
    }
}

/// Why a read documented as one `type_ref` reads a collection, if it does.
fn collection_read(
    operation: &Operation,
    type_ref: &TypeRef,
    shapes: &BTreeMap<&str, BTreeSet<(&TypeRef, bool)>>,
    types: &BTreeMap<String, TypeDef>,
) -> Option<String> {
    // `$filter` and `$orderby` apply to collections only, and the answer is a collection.
    if let Some((option, _)) = operation.path.fixed_query.iter().find(|(option, _)| {
        ["$filter", "$orderby"]
            .iter()
            .any(|o| option.eq_ignore_ascii_case(o))
    }) {
        return Some(format!("queries a collection with `{option}`"));
    }
    let last = operation.path.segments.last().and_then(Segment::literal)?;
    let bodies: Vec<Option<&serde_json::Map<String, Value>>> = operation
        .examples
        .iter()
        .filter_map(|e| e.response.as_ref())
        .filter(|r| r.status.map_or(true, |s| (200..300).contains(&s)))
        .map(ExampleResponse::json_object)
        .collect();
    let shows_one = bodies
        .iter()
        .flatten()
        .any(|o| !o.is_empty() && !o.contains_key("value"));
    if shows_one {
        return None;
    }
    let TypeRef::Named(name) = type_ref else {
        return None;
    };
    if shapes.get(last).is_some_and(|shape| {
        shape.contains(&(type_ref, true)) && !shape.contains(&(type_ref, false))
    }) {
        return Some(format!("ends at a collection of `{name}`"));
    }
    // An unkeyed read whose every answer lists its items in `value`, for a type without such a
    // member (`GET /teams/{id}/schedule/swapShiftsChangeRequests`).
    let lists = |body: &Option<&serde_json::Map<String, Value>>| {
        body.and_then(|o| o.get("value"))
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().all(Value::is_object))
    };
    let has_value = types
        .get(name)
        .is_some_and(|t| t.property("value").is_some());
    (!bodies.is_empty() && bodies.iter().all(lists) && !has_value)
        .then(|| "answers with a `value` list in every response example".to_string())
}

/// Types a response the page leaves untyped ("returns a `200 OK` response code.", or no
/// Response section) from its examples: when every successful example of the line shows one
/// object, an update returns what a GET of its line reads; otherwise, when one type alone
/// (with the types derived from it) has every member those objects show, at least two of
/// them, the line returns that type.
pub fn type_responses_from_examples(
    operations: &mut [Operation],
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let reads = LineReads::of(operations);
    for operation in operations {
        if operation.response.type_ref.is_some() || operation.response.status == 204 {
            continue;
        }
        let bodies: Vec<Option<&serde_json::Map<String, Value>>> = operation
            .examples
            .iter()
            .filter_map(|e| e.response.as_ref())
            .filter(|r| r.status.is_some_and(|s| (200..300).contains(&s)) && r.body.is_some())
            .map(|r| r.json_object().filter(|o| !o.contains_key("value")))
            .collect();
        if bodies.is_empty() || bodies.iter().any(Option::is_none) {
            continue;
        }
        let members: BTreeSet<&str> = bodies
            .iter()
            .flatten()
            .flat_map(|o| o.keys())
            .map(String::as_str)
            .filter(|m| !m.contains('@'))
            .collect();
        let is_update = matches!(operation.method, Method::Patch | Method::Put);
        let (name, evidence) = match reads.single_read_of(operation).filter(|_| is_update) {
            Some(name) => (name, "a GET of the same line reads"),
            None => match only_type_with(&members, types).filter(|_| members.len() >= 2) {
                Some(name) => (name, "its response examples show"),
                None => continue,
            },
        };
        diagnostics.push(
            Diagnostic::warning(
                codes::RESPONSE_TYPE_FROM_EXAMPLES,
                &operation.source.file,
                operation.source.line,
                format!("`{} {}` names no return type, but {evidence} `{name}` objects; read as `{name}`", operation.method, operation.path.raw),
            )
            .with_hint("name the returned type in the Response section"),
        );
        operation.response.type_ref = Some(TypeRef::Named(name));
        operation.response.collection = false;
    }
}

/// The one structured type having all `members` as properties, types derived from it aside.
pub(super) fn only_type_with(
    members: &BTreeSet<&str>,
    types: &BTreeMap<String, TypeDef>,
) -> Option<String> {
    let having: BTreeSet<&str> = types
        .values()
        .filter(|t| {
            t.kind != super::TypeKind::Enum && members.iter().all(|m| t.property(m).is_some())
        })
        .map(|t| t.name.as_str())
        .collect();
    let derives_from_another = |name: &str| {
        base_chain(types, name)
            .0
            .iter()
            .any(|base| having.contains(base.as_str()))
    };
    let mut roots = having.iter().filter(|name| !derives_from_another(name));
    let first = roots.next()?;
    roots.next().is_none().then(|| first.to_string())
}

/// The one object each GET line reads, by line (placeholders aside: `/parts/{part-id}` and
/// `/parts/{id}` are one line).
pub(super) struct LineReads(BTreeMap<Vec<String>, String>);

impl LineReads {
    pub(super) fn of(operations: &[Operation]) -> LineReads {
        let mut reads: BTreeMap<Vec<String>, BTreeSet<&str>> = BTreeMap::new();
        for operation in operations
            .iter()
            .filter(|op| op.method == Method::Get && !op.response.collection)
        {
            if let Some(TypeRef::Named(name)) = &operation.response.type_ref {
                reads
                    .entry(operation.path.shape())
                    .or_default()
                    .insert(name);
            }
        }
        // A line two pages read as different types says nothing.
        let single = |names: BTreeSet<&str>| match names.into_iter().collect::<Vec<_>>().as_slice()
        {
            [name] => Some(name.to_string()),
            _ => None,
        };
        LineReads(
            reads
                .into_iter()
                .filter_map(|(line, names)| Some((line, single(names)?)))
                .collect(),
        )
    }

    /// The type a GET of `operation`'s line reads.
    pub(super) fn single_read_of(&self, operation: &Operation) -> Option<String> {
        self.0.get(&operation.path.shape()).cloned()
    }
}
