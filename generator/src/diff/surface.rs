//! [`ApiSurface`]: a model reduced to what the diff compares — and what a generated crate
//! keeps in `api.json`, so that a later run can tell what changed since it was generated.
//!
//! The file is small and stable: one line per operation, one line per type and per
//! property, keys in sorted order, locations as `file:line`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{
    Model, Operation, Permissions, RequestBody, Response, TypeDef, TypeKind, TypeRef,
};

/// The version of the `api.json` layout; a file of another version is not read.
pub const FORMAT: u32 = 1;

/// The API of a model: operations by request line identity, types by full name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiSurface {
    pub format: u32,
    /// The version of the crate generated with this API, when written into a crate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crate_version: Option<String>,
    /// By [`crate::model::line_key`].
    pub operations: BTreeMap<String, OperationSurface>,
    /// By full OData name.
    pub types: BTreeMap<String, TypeSurface>,
    /// Pages that document only request lines another page owns (see
    /// `model::shared_lines`): still part of the docs, though no item says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_pages: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationSurface {
    /// The request line as the owning page writes it (`GET /chats/{chat-id}/messages`).
    pub line: String,
    pub area: String,
    #[serde(with = "compact_location")]
    pub source: Location,
    /// `none`, `stream`, `parameters`, a type, or `Collection(type)`.
    pub request: String,
    /// The members of a `parameters` body, by name: their types.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub request_parameters: BTreeMap<String, String>,
    /// `none`, a type, `Collection(type)`, or `optional ...` (a `204` that may carry it).
    pub response: String,
    /// What the caller must pass besides the path: required query parameters
    /// (`query period`) and required headers the client does not set itself
    /// (`header If-Match`), in documented order. Each is an argument of the function.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<String>,
    /// Least privileged first, by kind (`delegatedWork`, `delegatedPersonal`,
    /// `application`); a kind the page says nothing about is absent, an empty list is
    /// "not supported".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub permissions: BTreeMap<String, Vec<String>>,
    /// The OData system query options the page documents (`$select`, `$top`), each a method
    /// of the request; absent in files written before they were typed, which reads as none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeSurface {
    /// `entity`, `complex` or `enum`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    #[serde(with = "compact_location")]
    pub source: Location,
    /// Own properties (inherited ones are the base's), by wire name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, PropertySurface>,
    /// Enum members, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertySurface {
    /// A primitive (`Edm.String`) or full type name, or `Collection(...)` of one.
    #[serde(rename = "type")]
    pub type_name: String,
    pub line: u32,
    /// Set only when the property is documented on another page than its type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// A page (relative to the docs root) and a 1-based line.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub file: String,
    pub line: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Location {
    fn parse(text: &str) -> Option<Location> {
        let (file, line) = text.rsplit_once(':')?;
        Some(Location {
            file: file.to_string(),
            line: line.parse().ok()?,
        })
    }
}

impl From<&crate::model::Source> for Location {
    fn from(source: &crate::model::Source) -> Self {
        Location {
            file: source.file.clone(),
            line: source.line,
        }
    }
}

/// `api/user-get.md:12` in `api.json`.
mod compact_location {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Location;

    pub fn serialize<S: Serializer>(location: &Location, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(location)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Location, D::Error> {
        let text = String::deserialize(deserializer)?;
        Location::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not file:line")))
    }
}

impl ApiSurface {
    /// The surface of a model. Several operations with one line key cannot occur in a
    /// built model (each line has one owner); should they, the first in model order wins.
    pub fn from_model(model: &Model) -> ApiSurface {
        let mut operations = BTreeMap::new();
        for operation in &model.operations {
            operations
                .entry(operation.line_key())
                .or_insert_with(|| operation_surface(operation));
        }
        let types: BTreeMap<String, TypeSurface> = model
            .types
            .iter()
            .map(|(name, ty)| (name.clone(), type_surface(ty)))
            .collect();
        let owners: BTreeSet<&str> = operations
            .values()
            .map(|o: &OperationSurface| o.source.file.as_str())
            .chain(types.values().map(|t| t.source.file.as_str()))
            .collect();
        let other_pages: BTreeSet<String> = model
            .operations
            .iter()
            .flat_map(|o| &o.also_documented_by)
            .map(|other| other.source.file.clone())
            .filter(|file| !owners.contains(file.as_str()))
            .collect();
        ApiSurface {
            format: FORMAT,
            crate_version: None,
            operations,
            types,
            other_pages: other_pages.into_iter().collect(),
        }
    }

    /// Reads an `api.json`; `None` when it is not one of this format.
    pub fn from_json(text: &str) -> Option<ApiSurface> {
        serde_json::from_str::<ApiSurface>(text)
            .ok()
            .filter(|surface| surface.format == FORMAT)
    }

    /// The `api.json` text: one line per operation, per type and per property.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        out.push_str(&format!("  \"format\": {},\n", self.format));
        if let Some(version) = &self.crate_version {
            out.push_str(&format!("  \"crateVersion\": {},\n", json(version)));
        }
        out.push_str("  \"operations\": {");
        let mut first = true;
        for (key, operation) in &self.operations {
            out.push_str(if first { "\n" } else { ",\n" });
            first = false;
            out.push_str(&format!("    {}: {}", json(key), json(operation)));
        }
        out.push_str(if first { "},\n" } else { "\n  },\n" });
        out.push_str("  \"types\": {");
        let mut first = true;
        for (name, ty) in &self.types {
            out.push_str(if first { "\n" } else { ",\n" });
            first = false;
            out.push_str(&format!("    {}: ", json(name)));
            out.push_str(&type_json(ty));
        }
        out.push_str(if first { "}" } else { "\n  }" });
        if !self.other_pages.is_empty() {
            out.push_str(",\n  \"otherPages\": [");
            for (index, page) in self.other_pages.iter().enumerate() {
                out.push_str(if index == 0 { "\n    " } else { ",\n    " });
                out.push_str(&json(page));
            }
            out.push_str("\n  ]");
        }
        out.push_str("\n}\n");
        out
    }
}

/// A type on one line, but for its properties, one line each.
fn type_json(ty: &TypeSurface) -> String {
    let header = TypeSurface {
        properties: BTreeMap::new(),
        ..ty.clone()
    };
    let mut text = json(&header);
    if ty.properties.is_empty() {
        return text;
    }
    text.pop(); // the closing brace
    text.push_str(",\"properties\":{");
    let mut first = true;
    for (name, property) in &ty.properties {
        text.push_str(if first { "\n" } else { ",\n" });
        first = false;
        text.push_str(&format!("      {}: {}", json(name), json(property)));
    }
    text.push_str("\n    }}");
    text
}

fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Plain data with string keys: serialization cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

fn operation_surface(operation: &Operation) -> OperationSurface {
    let (request, request_parameters) = request_description(&operation.request);
    OperationSurface {
        line: format!("{} {}", operation.method, operation.path.raw),
        area: operation.area.clone(),
        source: Location::from(&operation.source),
        request,
        request_parameters,
        response: response_description(&operation.response),
        arguments: required_arguments(operation),
        permissions: permission_lists(&operation.permissions),
        query_options: operation
            .system_query_options()
            .into_iter()
            .map(|option| option.parameter().to_string())
            .collect(),
    }
}

fn type_surface(ty: &TypeDef) -> TypeSurface {
    let properties = ty
        .properties
        .iter()
        .map(|property| {
            let surface = PropertySurface {
                type_name: type_name(&property.type_ref, property.collection),
                line: property.source.line,
                file: (property.source.file != ty.source.file)
                    .then(|| property.source.file.clone()),
            };
            (property.name.clone(), surface)
        })
        .collect();
    let mut members: Vec<String> = ty.members.iter().map(|m| m.name.clone()).collect();
    members.sort();
    members.dedup();
    TypeSurface {
        kind: match ty.kind {
            TypeKind::Entity => "entity",
            TypeKind::Complex => "complex",
            TypeKind::Enum => "enum",
        }
        .to_string(),
        base: ty.base.clone(),
        source: Location::from(&ty.source),
        properties,
        members,
    }
}

/// `Edm.String`, `microsoft.graph.user`, `Collection(microsoft.graph.user)`.
fn type_name(type_ref: &TypeRef, collection: bool) -> String {
    let name = match type_ref {
        TypeRef::Primitive(primitive) => primitive.edm_name(),
        TypeRef::Named(name) => name,
    };
    if collection {
        format!("Collection({name})")
    } else {
        name.to_string()
    }
}

fn request_description(request: &RequestBody) -> (String, BTreeMap<String, String>) {
    match request {
        RequestBody::None => ("none".to_string(), BTreeMap::new()),
        RequestBody::Stream { .. } => ("stream".to_string(), BTreeMap::new()),
        RequestBody::Type {
            type_ref,
            collection,
        } => (type_name(type_ref, *collection), BTreeMap::new()),
        RequestBody::Parameters { parameters } => {
            let members = parameters
                .iter()
                .map(|p| (p.name.clone(), type_name(&p.type_ref, p.collection)))
                .collect();
            ("parameters".to_string(), members)
        }
    }
}

fn response_description(response: &Response) -> String {
    let Some(type_ref) = &response.type_ref else {
        return "none".to_string();
    };
    let shape = type_name(type_ref, response.collection);
    // A 204 that names a type answers with it only sometimes (`OptionalJson` in Rust).
    if response.status == 204 {
        format!("optional {shape}")
    } else {
        shape
    }
}

fn required_arguments(operation: &Operation) -> Vec<String> {
    let in_line = |name: &str| {
        operation
            .path
            .fixed_query
            .iter()
            .any(|(fixed, _)| fixed.eq_ignore_ascii_case(name))
    };
    let query = operation
        .query_params
        .iter()
        .filter(|p| p.required && !p.name.is_empty() && !p.name.starts_with('$'))
        .filter(|p| !in_line(&p.name))
        .map(|p| format!("query {}", p.name));
    let headers = operation
        .header_params
        .iter()
        .filter(|h| h.required)
        .filter(|h| !h.is_set_by_client())
        .map(|h| format!("header {}", h.name));
    query.chain(headers).collect()
}

fn permission_lists(permissions: &Permissions) -> BTreeMap<String, Vec<String>> {
    [
        ("delegatedWork", &permissions.delegated_work),
        ("delegatedPersonal", &permissions.delegated_personal),
        ("application", &permissions.application),
    ]
    .into_iter()
    .filter_map(|(kind, list)| Some((kind.to_string(), list.clone()?)))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ApiSurface {
        let mut surface = ApiSurface {
            format: FORMAT,
            crate_version: Some("0.2.0".into()),
            ..ApiSurface::default()
        };
        surface.operations.insert(
            "get/users/{}".into(),
            OperationSurface {
                line: "GET /users/{id}".into(),
                area: "users".into(),
                source: Location {
                    file: "api/user-get.md".into(),
                    line: 20,
                },
                request: "none".into(),
                request_parameters: BTreeMap::new(),
                response: "microsoft.graph.user".into(),
                arguments: vec!["header If-Match".into()],
                permissions: BTreeMap::from([(
                    "application".to_string(),
                    vec!["User.Read.All".to_string()],
                )]),
                query_options: vec!["$select".into()],
            },
        );
        surface.types.insert(
            "microsoft.graph.user".into(),
            TypeSurface {
                kind: "entity".into(),
                base: Some("microsoft.graph.directoryObject".into()),
                source: Location {
                    file: "resources/user.md".into(),
                    line: 3,
                },
                properties: BTreeMap::from([(
                    "aboutMe".to_string(),
                    PropertySurface {
                        type_name: "Edm.String".into(),
                        line: 40,
                        file: None,
                    },
                )]),
                members: vec![],
            },
        );
        surface.other_pages = vec!["api/user-list.md".into()];
        surface
    }

    #[test]
    fn api_json_reads_back_as_written() {
        let surface = sample();
        let text = surface.to_json();
        assert_eq!(ApiSurface::from_json(&text), Some(surface));
        assert!(text.contains("\n    \"get/users/{}\": {\"line\":\"GET /users/{id}\""));
        assert!(text.contains("\"source\":\"api/user-get.md:20\""));
        assert!(text.contains("\n      \"aboutMe\": {\"type\":\"Edm.String\",\"line\":40}"));
        let empty = ApiSurface {
            format: FORMAT,
            ..ApiSurface::default()
        };
        assert_eq!(ApiSurface::from_json(&empty.to_json()), Some(empty));
    }

    #[test]
    fn another_format_is_not_read() {
        let mut surface = sample();
        surface.format = FORMAT + 1;
        assert_eq!(ApiSurface::from_json(&surface.to_json()), None);
        assert_eq!(ApiSurface::from_json("not json"), None);
    }
}
