//! Placeholder values in example bodies, elided before the comparison like `...` is.
//!
//! Many examples were written from a template and still show the template's stand-in where
//! a typed value belongs: `"receivedDateTime": "datetime-value"`, `"skuId": "skuId-value-1"`,
//! `"accountEnabled": "Boolean"`, `"closedDateTime": "String (timestamp)"`, a value cut
//! short with `...` (`"key": "MIIDYDCCAki..."`), or an empty object where an enum value
//! belongs (`"color": {}`). Such a string says "some value of this
//! member's type goes here": it is an elision, not a value, so the member is dropped before
//! the example is checked, the way the lenient reader drops a member whose value is `...`.
//! Everything else in the example is still checked.
//!
//! Only strings of the placeholder shapes in [`is_placeholder`] are dropped, and only where
//! the model types the member as a primitive no string can be (a boolean, a number, a GUID,
//! a date or time, binary): in a string member the same text is a real value and stays.
//! Empty objects are dropped only where the model has a primitive or an enum. Each
//! elided member is reported by its path, so that `graphgen generate --report` lists them.

use serde_json::{Map, Value};

use crate::model::{Model, Parameter, Primitive, RequestBody, Response, TypeKind, TypeRef};

/// Drops the placeholders of a request body; gives the paths of the members dropped.
pub fn elide_in_request(model: &Model, body: &RequestBody, json: &mut Value) -> Vec<String> {
    let mut elided = Vec::new();
    match body {
        RequestBody::Type {
            type_ref,
            collection,
        } => {
            Walker {
                model,
                elided: &mut elided,
            }
            .value(type_ref, *collection, json, "$");
        }
        RequestBody::Parameters { parameters } => {
            if let Value::Object(members) = json {
                Walker {
                    model,
                    elided: &mut elided,
                }
                .parameters(parameters, members, "$");
            }
        }
        RequestBody::None | RequestBody::Stream { .. } => {}
    }
    elided
}

/// Drops the placeholders of a response body read as `response` documents it.
pub fn elide_in_response(model: &Model, response: &Response, json: &mut Value) -> Vec<String> {
    let mut elided = Vec::new();
    let Some(type_ref) = &response.type_ref else {
        return elided;
    };
    let mut walker = Walker {
        model,
        elided: &mut elided,
    };
    let wrapped = response.collection || matches!(type_ref, TypeRef::Primitive(_));
    match json {
        Value::Object(members) if wrapped => {
            if let Some(value) = members.get_mut("value") {
                if walker.value(type_ref, response.collection, value, "$.value") {
                    members.remove("value");
                }
            }
        }
        _ => {
            walker.value(type_ref, false, json, "$");
        }
    }
    elided
}

/// Whether a string has a placeholder's shape: `<name>-value` (optionally numbered, as in
/// `skuId-value-1`), an OData type name standing for a value (`Boolean`, `Int32`,
/// `String (timestamp)`, `Edm.Guid`), or text ending in an ellipsis.
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.ends_with("...") || text.ends_with('…') || is_value_template(text) || is_type_name(text)
}

fn is_value_template(text: &str) -> bool {
    let without_number = match text.rsplit_once('-') {
        Some((head, number))
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => text,
    };
    let Some(name) = without_number.strip_suffix("-value") else {
        return false;
    };
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}

const TYPE_NAMES: &[&str] = &[
    "string",
    "string (timestamp)",
    "timestamp",
    "boolean",
    "bool",
    "byte",
    "int16",
    "int32",
    "int64",
    "integer",
    "number",
    "single",
    "double",
    "decimal",
    "guid",
    "uuid",
    "date",
    "datetime",
    "datetimeoffset",
    "timeofday",
    "time",
    "duration",
    "binary",
];

fn is_type_name(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let name = lower.strip_prefix("edm.").unwrap_or(&lower);
    TYPE_NAMES.contains(&name)
}

/// Whether no JSON string is a value of this primitive (so a placeholder there is never a value).
fn rejects_strings(primitive: Primitive) -> bool {
    !matches!(
        primitive,
        Primitive::String | Primitive::Untyped | Primitive::Stream
    )
}

struct Walker<'a> {
    model: &'a Model,
    elided: &'a mut Vec<String>,
}

impl Walker<'_> {
    /// Walks `json` as a value of `type_ref`; true when the value itself is a placeholder
    /// the caller must drop.
    fn value(
        &mut self,
        type_ref: &TypeRef,
        collection: bool,
        json: &mut Value,
        path: &str,
    ) -> bool {
        match json {
            Value::Array(items) if collection => {
                let mut index = 0;
                items.retain_mut(|item| {
                    let at = format!("{path}[{index}]");
                    index += 1;
                    !self.value(type_ref, false, item, &at)
                });
                false
            }
            Value::String(text) => match type_ref {
                TypeRef::Primitive(primitive)
                    if rejects_strings(*primitive) && is_placeholder(text) =>
                {
                    self.elided.push(path.to_string());
                    true
                }
                _ => false,
            },
            // `{}` where a single value belongs carries nothing: the template's stand-in
            // for a value whose type it did not know.
            Value::Object(members) if members.is_empty() && self.is_single_value(type_ref) => {
                self.elided.push(path.to_string());
                true
            }
            Value::Object(members) => {
                if let TypeRef::Named(name) = type_ref {
                    self.object(name, members, path);
                }
                false
            }
            _ => false,
        }
    }

    /// Whether values of the type are a single JSON scalar: a primitive or an enum.
    fn is_single_value(&self, type_ref: &TypeRef) -> bool {
        match type_ref {
            TypeRef::Primitive(primitive) => *primitive != Primitive::Untyped,
            TypeRef::Named(name) => self
                .model
                .types
                .get(name)
                .is_some_and(|t| t.kind == TypeKind::Enum),
        }
    }

    /// Walks an object of type `name`, or of the type its `@odata.type` names.
    fn object(&mut self, name: &str, members: &mut Map<String, Value>, path: &str) {
        let actual = members
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|t| t.trim_start_matches('#'))
            .filter(|t| self.model.types.contains_key(*t))
            .unwrap_or(name);
        if let Some(type_def) = self.model.types.get(actual) {
            self.members(members, path, |key| {
                type_def.property(key).map(|p| (&p.type_ref, p.collection))
            });
        }
    }

    /// Walks an object whose members are documented parameters.
    fn parameters(
        &mut self,
        parameters: &[Parameter],
        members: &mut Map<String, Value>,
        path: &str,
    ) {
        self.members(members, path, |key| {
            parameters
                .iter()
                .find(|p| p.name == key)
                .map(|p| (&p.type_ref, p.collection))
        });
    }

    /// Walks each member `typed` knows, dropping the ones that are placeholders.
    fn members<'t>(
        &mut self,
        members: &mut Map<String, Value>,
        path: &str,
        typed: impl Fn(&str) -> Option<(&'t TypeRef, bool)>,
    ) {
        let mut dropped = Vec::new();
        for (key, member) in members.iter_mut() {
            let Some((type_ref, collection)) = typed(key) else {
                continue;
            };
            if self.value(type_ref, collection, member, &format!("{path}.{key}")) {
                dropped.push(key.clone());
            }
        }
        for key in dropped {
            members.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Property, Source, TypeDef};
    use serde_json::json;

    fn property(name: &str, type_ref: TypeRef, collection: bool) -> Property {
        Property::undescribed(name, type_ref, collection, Source::default())
    }

    fn type_def(name: &str, kind: TypeKind, properties: Vec<Property>) -> TypeDef {
        TypeDef {
            name: name.to_string(),
            kind,
            base: None,
            key: None,
            is_abstract: false,
            open: false,
            description: String::new(),
            properties,
            inherited: Vec::new(),
            members: Vec::new(),
            inferred: false,
            source: Source::default(),
        }
    }

    /// `message` with a timestamp, a string, GUIDs, an enum and a nested `recipient`.
    fn model() -> Model {
        let mut model = Model::default();
        let named = |n: &str| TypeRef::Named(n.to_string());
        for ty in [
            type_def(
                "microsoft.graph.message",
                TypeKind::Entity,
                vec![
                    property(
                        "receivedDateTime",
                        TypeRef::Primitive(Primitive::DateTimeOffset),
                        false,
                    ),
                    property("subject", TypeRef::Primitive(Primitive::String), false),
                    property("plans", TypeRef::Primitive(Primitive::Guid), true),
                    property("importance", named("microsoft.graph.importance"), false),
                    property("from", named("microsoft.graph.recipient"), false),
                ],
            ),
            type_def(
                "microsoft.graph.recipient",
                TypeKind::Complex,
                vec![property(
                    "isRead",
                    TypeRef::Primitive(Primitive::Boolean),
                    false,
                )],
            ),
            type_def("microsoft.graph.importance", TypeKind::Enum, Vec::new()),
        ] {
            model.types.insert(ty.name.clone(), ty);
        }
        model
    }

    #[test]
    fn placeholders_in_typed_members_are_dropped_and_listed() {
        let model = model();
        let mut body = json!({
            "receivedDateTime": "datetime-value",
            "subject": "subject-value",
            "plans": ["plan-value-1", "0118a350-71fc-4ec3-8f0c-6a1cb8867561"],
            "importance": {},
            "from": {"isRead": "Boolean"},
        });
        let request = RequestBody::Type {
            type_ref: TypeRef::Named("microsoft.graph.message".to_string()),
            collection: false,
        };
        let elided = elide_in_request(&model, &request, &mut body);
        assert_eq!(
            elided,
            [
                "$.receivedDateTime",
                "$.plans[0]",
                "$.importance",
                "$.from.isRead"
            ]
        );
        assert_eq!(
            body,
            json!({
                "subject": "subject-value",
                "plans": ["0118a350-71fc-4ec3-8f0c-6a1cb8867561"],
                "from": {},
            })
        );
    }

    #[test]
    fn real_values_and_untyped_members_stay() {
        let model = model();
        let original = json!({
            "value": [{
                "receivedDateTime": "2021-03-29T04:17:43Z",
                "subject": "Boolean",
                "unknownMember": "datetime-value",
                "from": {"isRead": false},
            }]
        });
        let mut body = original.clone();
        let response = Response {
            status: 200,
            type_ref: Some(TypeRef::Named("microsoft.graph.message".to_string())),
            collection: true,
        };
        assert!(elide_in_response(&model, &response, &mut body).is_empty());
        assert_eq!(body, original);
    }

    #[test]
    fn placeholder_shapes() {
        for text in [
            "datetime-value",
            "skuId-value-1",
            "base64-contentBytes-value",
            "Boolean",
            "String (timestamp)",
            "Edm.Guid",
            "MIIDYDCCAki...",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
        for text in [
            "2021-03-29T04:17:43Z",
            "-value",
            "true",
            "0118A350-71FC-4EC3-8F0C-6A1CB8867561",
            "value",
            "my value",
            "R0lGODdhEAYEAA7",
        ] {
            assert!(!is_placeholder(text), "{text}");
        }
    }
}
