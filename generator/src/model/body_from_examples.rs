//! Request bodies that a page shows in its examples but does not describe.
//!
//! Some create and update pages have no `Request body` section, or only a sentence such as
//! "supply the values for properties that should be updated", while their examples send a
//! JSON object. Graph creates and updates take the resource itself, which such a page
//! returns. When every member an example sends is a property of the returned type (or of the
//! derived type the body names in `@odata.type`), the body is typed as the returned type and
//! the guess is reported; otherwise it stays undocumented. An update that returns nothing
//! ("Update domain", `204 No Content`) is checked against the type its title names.

use std::collections::BTreeMap;

use serde_json::Value;

use super::resolve::base_chain;
use super::{Method, Operation, RequestBody, TypeDef, TypeRef};
use crate::diagnostics::{codes, Diagnostic};

/// Types the bodies of operations that document none, from their examples and response type.
pub fn type_undocumented_bodies(
    operations: &mut [Operation],
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for operation in operations {
        if !matches!(operation.request, RequestBody::None)
            || !matches!(operation.method, Method::Post | Method::Patch | Method::Put)
        {
            continue;
        }
        let returned_name = match operation
            .response
            .type_ref
            .as_ref()
            .filter(|_| !operation.response.collection)
        {
            Some(TypeRef::Named(name)) => Some(name.clone()),
            Some(TypeRef::Primitive(_)) => None,
            // An update that returns nothing updates the resource its title names ("Update domain").
            None if matches!(operation.method, Method::Patch | Method::Put) => {
                titled_type(&operation.title, types)
            }
            None => None,
        };
        let Some(name) = returned_name else { continue };
        let Some(returned) = types.get(&name) else {
            continue;
        };
        let bodies: Vec<&serde_json::Map<String, Value>> = operation
            .examples
            .iter()
            .filter_map(|example| {
                example
                    .request
                    .as_ref()?
                    .body
                    .as_ref()?
                    .json
                    .as_ref()?
                    .as_object()
            })
            .collect();
        if bodies.is_empty()
            || !bodies
                .iter()
                .all(|body| fits(body, sent_type(body, returned, types)))
        {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                codes::BODY_FROM_EXAMPLES,
                &operation.source.file,
                operation.source.line,
                format!("`{} {}` documents no request body, but its examples send `{name}` members; the body is read as `{name}`", operation.method, operation.path.raw),
            )
            .with_hint("add a `Request body` section that names the type or lists the properties"),
        );
        operation.request = RequestBody::Type {
            type_ref: TypeRef::Named(name.clone()),
            collection: false,
        };
    }
}

/// The type the last word of an "Update x" title names, when one type has that simple name.
fn titled_type(title: &str, types: &BTreeMap<String, TypeDef>) -> Option<String> {
    let mut words = title.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("update") {
        return None;
    }
    let named = words.last()?;
    let mut found = types.keys().filter(|name| {
        name.rsplit('.')
            .next()
            .is_some_and(|simple| simple.eq_ignore_ascii_case(named))
    });
    let first = found.next()?;
    found.next().is_none().then(|| first.clone())
}

/// The type a body says it is (`"@odata.type": "#microsoft.graph.educationFeedbackOutcome"`)
/// when that type derives from `returned`; else `returned`.
fn sent_type<'a>(
    body: &serde_json::Map<String, Value>,
    returned: &'a TypeDef,
    types: &'a BTreeMap<String, TypeDef>,
) -> &'a TypeDef {
    let Some(named) = body.get("@odata.type").and_then(Value::as_str) else {
        return returned;
    };
    let Some(def) = types.get(named.trim_start_matches('#')) else {
        return returned;
    };
    let derives =
        def.name == returned.name || base_chain(types, &def.name).0.contains(&returned.name);
    if derives {
        def
    } else {
        returned
    }
}

/// Every member is a property of `def` (own or inherited), `@odata` annotations aside, and there is one at least.
fn fits(body: &serde_json::Map<String, Value>, def: &TypeDef) -> bool {
    let members: Vec<&String> = body.keys().filter(|member| !member.contains('@')).collect();
    !members.is_empty() && members.iter().all(|member| def.property(member).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Example, ExampleBody, ExampleRequest, Parameter, Permissions, Property, Response, Source,
        TypeKind,
    };
    use crate::parse::http::template;

    fn section_type() -> TypeDef {
        let property = |name: &str| {
            Property::undescribed(
                name,
                TypeRef::Primitive(crate::model::Primitive::String),
                false,
                Source::default(),
            )
        };
        TypeDef {
            name: "microsoft.graph.section".into(),
            kind: TypeKind::Entity,
            base: None,
            key: None,
            is_abstract: false,
            open: false,
            description: String::new(),
            properties: vec![property("displayName"), property("id")],
            inherited: Vec::new(),
            members: Vec::new(),
            inferred: false,
            source: Source::default(),
        }
    }

    fn operation(method: &str, body: &str) -> Operation {
        let example = Example {
            name: "create".into(),
            request: Some(ExampleRequest {
                method: Method::parse(method).expect("method"),
                url: "/sections".into(),
                headers: Vec::new(),
                body: Some(ExampleBody {
                    text: body.into(),
                    json: serde_json::from_str(body).ok(),
                    lenient: false,
                }),
                source: Source::default(),
            }),
            response: None,
        };
        Operation {
            title: String::new(),
            description: String::new(),
            page: "p".into(),
            area: String::new(),
            method: Method::parse(method).expect("method"),
            path: template("/sections"),
            path_params: Vec::<Parameter>::new(),
            query_params: Vec::new(),
            query_options: Default::default(),
            header_params: Vec::new(),
            permissions: Permissions::default(),
            request: RequestBody::None,
            mime_body: false,
            response: Response {
                status: 201,
                type_ref: Some(TypeRef::Named("microsoft.graph.section".into())),
                collection: false,
            },
            examples: vec![example],
            source: Source {
                file: "api/p.md".into(),
                line: 1,
            },
            alias_of: None,
            from_example: None,
            also_documented_by: Vec::new(),
        }
    }

    fn typed(mut operations: Vec<Operation>) -> (Vec<bool>, usize) {
        let types = BTreeMap::from([("microsoft.graph.section".to_string(), section_type())]);
        let mut diagnostics = Vec::new();
        type_undocumented_bodies(&mut operations, &types, &mut diagnostics);
        (
            operations
                .iter()
                .map(|op| matches!(op.request, RequestBody::Type { .. }))
                .collect(),
            diagnostics.len(),
        )
    }

    #[test]
    fn a_body_of_the_returned_type_is_typed_and_reported() {
        assert_eq!(
            typed(vec![operation(
                "POST",
                r#"{"displayName": "Notes", "@odata.type": "x"}"#
            )]),
            (vec![true], 1)
        );
    }

    #[test]
    fn a_body_of_a_derived_type_is_checked_against_that_type() {
        let mut chapter = section_type();
        chapter.name = "microsoft.graph.chapter".into();
        chapter.base = Some("microsoft.graph.section".into());
        chapter.properties = vec![Property {
            name: "pages".into(),
            ..section_type().properties[0].clone()
        }];
        let types = BTreeMap::from([
            ("microsoft.graph.section".to_string(), section_type()),
            ("microsoft.graph.chapter".to_string(), chapter),
        ]);
        let mut operations = vec![operation(
            "PATCH",
            r##"{"@odata.type": "#microsoft.graph.chapter", "pages": "12"}"##,
        )];
        let mut diagnostics = Vec::new();
        type_undocumented_bodies(&mut operations, &types, &mut diagnostics);
        assert!(
            matches!(&operations[0].request, RequestBody::Type { type_ref: TypeRef::Named(name), .. } if name == "microsoft.graph.section")
        );
        // A type that does not derive from the returned one proves nothing.
        let mut operations = vec![operation(
            "PATCH",
            r##"{"@odata.type": "#microsoft.graph.other", "pages": "12"}"##,
        )];
        type_undocumented_bodies(&mut operations, &types, &mut diagnostics);
        assert!(matches!(operations[0].request, RequestBody::None));
    }

    #[test]
    fn other_bodies_stay_undocumented() {
        let (typed_ones, reported) = typed(vec![
            operation("POST", r#"{"displayName": "Notes", "color": "red"}"#),
            operation("POST", r#"{"@odata.type": "x"}"#),
            operation("POST", r#"[1]"#),
            operation("GET", r#"{"displayName": "Notes"}"#),
        ]);
        assert_eq!((typed_ones, reported), (vec![false; 4], 0));
    }
}
