//! The intermediate model: plain data read from the docs, knowing nothing of Rust.
//!
//! Every item carries the file and line it came from. Collections are ordered
//! (`BTreeMap`, or vectors sorted before they leave the builder) so that the model,
//! and everything emitted from it, is the same whatever order the pages were read in.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::Diagnostic;

pub mod infer;
pub mod method;
pub mod query_options;

pub use method::Method;
pub use query_options::{DocumentedQueryOptions, QueryStatement, SystemQueryOption};

/// Everything read from one docs tree.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
    /// Types by full OData name (`microsoft.graph.chatMessage`).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations in a stable order: by source file, then line.
    pub operations: Vec<Operation>,
    /// Everything that was wrong with the input, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where an item was read from: a path relative to the docs root (with `/`), and a 1-based line.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub file: String,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    /// Has an identity (`keyProperty`, usually `id`) and is addressable.
    Entity,
    /// A structured value without identity.
    Complex,
    /// A closed list of named members.
    Enum,
}

/// An entity, complex or enum type.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeDef {
    /// Full OData name, e.g. `microsoft.graph.callRecords.callRecord`.
    pub name: String,
    pub kind: TypeKind,
    /// Full OData name of the base type.
    pub base: Option<String>,
    /// Name of the key property, where the docs name one.
    pub key: Option<String>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    /// Open types accept properties beyond the documented ones.
    pub open: bool,
    pub description: String,
    /// Own properties, in documented order (inherited ones are in `inherited`).
    pub properties: Vec<Property>,
    /// Properties inherited through the base chain, base-most first.
    pub inherited: Vec<InheritedProperty>,
    /// Enum members (empty for entity and complex types).
    pub members: Vec<EnumMember>,
    /// True when no type page defines this type and its shape was inferred from examples.
    pub inferred: bool,
    pub source: Source,
}

impl TypeDef {
    /// Every property, inherited ones (base-most first) before the type's own.
    pub fn all_properties(&self) -> impl Iterator<Item = &Property> {
        self.inherited
            .iter()
            .map(|i| &i.property)
            .chain(&self.properties)
    }

    /// The property with this wire name: the type's own, else an inherited one.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties
            .iter()
            .chain(self.inherited.iter().map(|i| &i.property))
            .find(|p| p.name == name)
    }
}

/// A property reached through the base chain, with the type that declares it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InheritedProperty {
    pub from: String,
    #[serde(flatten)]
    pub property: Property,
}

/// The type of a property, parameter or body, without its collection-ness.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// An `Edm.*` primitive.
    Primitive(Primitive),
    /// A full OData type name, defined (or reported missing) in `Model::types`.
    Named(String),
}

/// The OData primitive types the docs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Binary,
    Stream,
    /// `Edm.Untyped`, `Json` and friends: any JSON value.
    Untyped,
}

impl Primitive {
    /// The `Edm.*` name, as the model's JSON writes it.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "Edm.String",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Single => "Edm.Single",
            Primitive::Double => "Edm.Double",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::Guid => "Edm.Guid",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Date => "Edm.Date",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Duration => "Edm.Duration",
            Primitive::Binary => "Edm.Binary",
            Primitive::Stream => "Edm.Stream",
            Primitive::Untyped => "Edm.Untyped",
        }
    }
}

impl Serialize for TypeRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            TypeRef::Primitive(p) => serializer.serialize_str(p.edm_name()),
            TypeRef::Named(name) => serializer.serialize_str(name),
        }
    }
}

/// A structural or navigation property of a type.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The wire name, exactly as documented (`@odata.type`, `displayName`).
    pub name: String,
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    pub collection: bool,
    pub nullable: bool,
    /// A relationship (from the Relationships table) rather than a structural property.
    pub navigation: bool,
    pub read_only: bool,
    pub description: String,
    pub source: Source,
}

impl Property {
    /// A property no table describes (read off examples): nullable, neither a relationship
    /// nor read-only, without a description.
    pub fn undescribed(
        name: &str,
        type_ref: TypeRef,
        collection: bool,
        source: Source,
    ) -> Property {
        Property {
            name: name.to_string(),
            type_ref,
            collection,
            nullable: true,
            navigation: false,
            read_only: false,
            description: String::new(),
            source,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnumMember {
    /// The wire value, e.g. `unknownFutureValue`.
    pub name: String,
    pub value: Option<i64>,
    pub description: String,
}

/// One documented request line: a method on a path template.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// The page title (`Send message in a chat`).
    pub title: String,
    pub description: String,
    /// File stem of the page (`chat-post-messages`); several operations can share it.
    pub page: String,
    /// Product area from the page's front matter (`ms.prod`, or `ms.subservice` on newer
    /// pages), lower-cased; empty when absent.
    pub area: String,
    pub method: Method,
    pub path: PathTemplate,
    /// Path parameters, in path order, one per distinct placeholder.
    pub path_params: Vec<Parameter>,
    pub query_params: Vec<Parameter>,
    /// What the page says of `$select`, `$filter` and the other system query options.
    #[serde(skip_serializing_if = "is_silent")]
    pub query_options: DocumentedQueryOptions,
    pub header_params: Vec<Parameter>,
    pub permissions: Permissions,
    pub request: RequestBody,
    /// The request may carry the message as base64-encoded MIME (`text/plain`) in place of `request`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mime_body: bool,
    pub response: Response,
    pub examples: Vec<Example>,
    pub source: Source,
    /// For an operation the docs imply rather than list (a `/me` path where the page
    /// documents `/users/{id}`), the documented request line it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias_of: Option<String>,
    /// For a request line no page lists, the name of the example whose URL shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_example: Option<String>,
    /// The other pages that list the same request line, with what each says; the operation
    /// itself is its owner's (see `model::shared_lines`). Their examples are in `examples`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_documented_by: Vec<OtherDocumentation>,
}

fn is_silent(options: &DocumentedQueryOptions) -> bool {
    options.statement == QueryStatement::Silent
}

impl Operation {
    /// The system query options a request may take (see [`DocumentedQueryOptions::options`]).
    pub fn system_query_options(&self) -> std::collections::BTreeSet<SystemQueryOption> {
        self.query_options.options(self.response.collection)
    }

    /// The request line's identity (see [`line_key`]).
    pub fn line_key(&self) -> String {
        line_key(self.method, &self.path)
    }
}

/// A request line's identity: method, path shape (literals lower-cased, placeholders erased)
/// and the query written in the line with its placeholders erased.
pub fn line_key(method: Method, path: &PathTemplate) -> String {
    let mut key = method.as_str().to_lowercase();
    for segment in path.shape() {
        key.push('/');
        key.push_str(&segment);
    }
    for (name, value) in &path.fixed_query {
        key.push_str(&format!(
            "?{}={}",
            name.to_lowercase(),
            erase_placeholders(value)
        ));
    }
    key
}

/// `startswith(name,'{text}')` as `startswith(name,'{}')`, lower-cased.
fn erase_placeholders(value: &str) -> String {
    let mut erased = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        erased.push_str(&rest[..open].to_lowercase());
        erased.push_str("{}");
        rest = &rest[close + 1..];
    }
    erased.push_str(&rest.to_lowercase());
    erased
}

/// Another page's documentation of an operation's request line.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherDocumentation {
    pub page: String,
    pub title: String,
    pub area: String,
    pub permissions: Permissions,
    pub request: RequestBody,
    pub response: Response,
    pub source: Source,
}

/// A path as documented (`/chats/{chat-id}/messages`), split into segments.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PathTemplate {
    /// The template as written, with the host and version prefix removed and a leading `/`.
    pub raw: String,
    pub segments: Vec<Segment>,
    /// Query string written in the template itself (`?$filter=...`), as `(name, value)` pairs.
    pub fixed_query: Vec<(String, String)>,
}

impl PathTemplate {
    /// The line's shape: literals lower-cased, placeholders erased, so that `/parts/{part-id}`
    /// and `/Parts/{id}` are one line.
    pub fn shape(&self) -> Vec<String> {
        self.segments
            .iter()
            .map(|segment| {
                segment
                    .parts
                    .iter()
                    .map(|part| match part {
                        SegmentPart::Literal { text } => text.to_lowercase(),
                        SegmentPart::Param { .. } => "{}".to_string(),
                    })
                    .collect()
            })
            .collect()
    }
}

/// One `/`-separated segment: literal text and placeholders, e.g. `chats`, `{chat-id}`,
/// `getEmailActivityUserDetail(period='{period_value}')` or `root:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    pub parts: Vec<SegmentPart>,
}

impl Segment {
    /// Only placeholders: a key (`{id}`), or a drive path.
    pub fn is_placeholders(&self) -> bool {
        self.parts
            .iter()
            .all(|part| matches!(part, SegmentPart::Param { .. }))
    }

    /// The segment's text when it is one literal (`messages`), not a placeholder or a mix.
    pub fn literal(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [SegmentPart::Literal { text }] => Some(text),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum SegmentPart {
    Literal {
        text: String,
    },
    /// A placeholder. `quoted` when written inside `'...'` (a function or key argument),
    /// `path` when it stands for a drive path in `root:/{path}:` addressing and may hold `/`.
    Param {
        name: String,
        quoted: bool,
        path: bool,
    },
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Body,
}

/// A path, query, header or body parameter.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    /// The name as documented (`chat-id`, `$top`, `Authorization`, `message`).
    pub name: String,
    pub location: ParameterLocation,
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    pub collection: bool,
    pub required: bool,
    pub description: String,
}

impl Parameter {
    /// A header the client or the runtime sets (the token, the body's type and length, the
    /// consistency level of `$count` and `$search` queries): never a caller's argument.
    pub fn is_set_by_client(&self) -> bool {
        [
            "authorization",
            "content-type",
            "content-length",
            "consistencylevel",
            "user-agent",
            "host",
            "accept",
        ]
        .contains(&self.name.trim().to_ascii_lowercase().as_str())
    }
}

impl Parameter {
    /// A placeholder of a request line that no parameter table describes: a required string.
    pub fn undocumented_path(name: &str) -> Parameter {
        Parameter {
            name: name.to_string(),
            location: ParameterLocation::Path,
            type_ref: TypeRef::Primitive(Primitive::String),
            collection: false,
            required: true,
            description: String::new(),
        }
    }
}

/// Permissions by kind, least privileged first. `None`: the docs say nothing; empty: "Not supported".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Permissions {
    pub delegated_work: Option<Vec<String>>,
    pub delegated_personal: Option<Vec<String>>,
    pub application: Option<Vec<String>>,
    /// Where the page gives one row per resource (subscriptions: what a subscription needs
    /// depends on the resource it watches), each row; the lists above are then their union.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_resource: Vec<ResourcePermissions>,
}

/// The permissions one resource needs, from a table with a row per resource.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePermissions {
    /// The resource as the row names it, as plain text (`chatMessage (/chats/{id}/messages)`).
    pub resource: String,
    /// The row's three kinds (its own `by_resource` is empty).
    #[serde(flatten)]
    pub permissions: Permissions,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RequestBody {
    None,
    /// One object of a type (or a collection of them).
    Type {
        #[serde(rename = "type")]
        type_ref: TypeRef,
        collection: bool,
    },
    /// A JSON object whose members are the listed parameters (actions, `Request body` tables).
    Parameters {
        parameters: Vec<Parameter>,
    },
    /// Raw content (`Content-Type` of a file upload); no JSON.
    Stream {
        content_type: Option<String>,
    },
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// The documented success status (`200`, `201`, `204`, `302`, ...).
    pub status: u16,
    /// Return type, `None` when there is no body. With status `204` it is what the service
    /// returns with another status: on request (`Prefer: return=representation`), or in the
    /// cases the examples show (`207 Multi-Status` listing what failed).
    #[serde(rename = "type")]
    pub type_ref: Option<TypeRef>,
    pub collection: bool,
}

/// A documented request and the response that goes with it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    /// The annotation's `name`, or a name derived from the page and position.
    pub name: String,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleRequest {
    pub method: Method,
    /// The URL as written (absolute or relative).
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<ExampleBody>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleResponse {
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: Option<ExampleBody>,
    /// The annotation's `@odata.type`, when given.
    pub odata_type: Option<String>,
    /// The annotation's `isCollection`.
    pub collection: bool,
    /// The annotation says the body shows only part of the real response.
    pub truncated: bool,
    pub source: Source,
}

impl ExampleResponse {
    /// The body when it is a JSON object.
    pub fn json_object(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.body.as_ref()?.json.as_ref()?.as_object()
    }

    /// The body is one object: a JSON object without the `value` array that wraps collections.
    pub fn shows_one_object(&self) -> bool {
        self.json_object().is_some_and(|o| !o.contains_key("value"))
    }

    /// The type the annotation names, qualified (`thumbnail` → `microsoft.graph.thumbnail`),
    /// and whether it says a collection (`isCollection`, or `Collection(...)`).
    pub fn annotated_type(&self) -> Option<(String, bool)> {
        let written = self.odata_type.as_deref()?.trim().trim_start_matches('#');
        let (name, collection) = match written
            .get(..11)
            .filter(|head| head.eq_ignore_ascii_case("collection("))
        {
            Some(_) => (written[11..].trim_end_matches(')'), true),
            None => (written, self.collection),
        };
        let qualified = if name.contains('.') {
            name.to_string()
        } else {
            format!("microsoft.graph.{name}")
        };
        (!name.is_empty()).then_some((qualified, collection))
    }
}

/// An example body: the text as written, and the JSON read from it when it is JSON.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExampleBody {
    pub text: String,
    /// The body read as JSON, strictly or leniently; `None` when not JSON or unrecoverable.
    pub json: Option<serde_json::Value>,
    /// The JSON needed the lenient reader (trailing commas, comments, `...`, raw newlines).
    pub lenient: bool,
}

pub mod attach;
pub mod body_from_examples;
pub mod build;
pub mod keyed_navigation;
pub mod lines_from_examples;
pub mod listed_enum_values;
pub mod me_alias;
pub mod occasional_bodies;
pub mod passes;
pub mod queried_collections;
pub mod raw_content;
pub mod resolve;
pub mod response_shape;
pub mod shared_lines;
pub mod stats;
pub mod unnamed_bases;
pub mod update_parameters;
