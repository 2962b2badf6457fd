//! Rust names and shapes for a model, as plain data (no tokens).
//!
//! [`plan`] decides every name (see [`crate::emit::naming`]) and every shape once; the token
//! builders and any other consumer (such as a generator of example tests) read the result.
//!
//! Shapes:
//! - a struct per entity and complex type, inherited fields first, each a `Field<T>`
//!   (`Field<Vec<T>>` for collections), plus a flattened map of undocumented members;
//!   a field whose struct is on a cycle with its holder is boxed;
//! - an open enum per enum type (documented members, then a `(String)` variant);
//! - a polymorphic enum `Any{Base}` beside every base type that has derived types and is
//!   referred to; every reference to such a base uses the enum;
//! - an endpoint function per request line. Its arguments, in order: one `&str` per path
//!   placeholder (in path order, then placeholders of query text written in the template),
//!   one typed argument per *required* documented query parameter, the body (`&T`, `&[T]`,
//!   `&{Fn}Body` for a parameter list, or `content_type`/`content` for raw bytes), and last
//!   `query: &{Fn}Query` holding the *optional* documented query parameters as `Option`s.
//!   OData system options (`$select`, ...) are not arguments: the request's type names those
//!   its page documents (a marker of `crate::query`, see [`system_options`]), and the
//!   runtime gives the request a method for each. The response is `NoContent` (204, or no documented type),
//!   `OptionalJson<T>` (204 unless the request asks for the object, then 200 with it;
//!   `OptionalJson<Page<T>>` when the other answer is a collection), `RawBytes`
//!   (`$value`, streams, redirects), `Json<Page<T>>` (collections), `Json<ValueWrapper<T>>`
//!   (a single primitive or enum value) or `Json<T>`.

mod endpoints;
pub mod system_options;
pub mod tree;
pub mod type_gates;
mod types;

use crate::diagnostics::Diagnostic;
use crate::model::{Model, Source};

/// Codes of diagnostics raised while emitting (the `GG08xx` block of the one table).
pub mod codes {
    pub use crate::diagnostics::codes::{
        DUPLICATE_PROPERTY, INVALID_TOKENS, UNKNOWN_TYPE, UNSUPPORTED_METHOD,
    };
}

/// The whole client: types, endpoint functions, product areas.
#[derive(Debug, Clone, Default)]
pub struct RustApi {
    /// Every model type, by full OData name.
    pub types: Vec<RustType>,
    /// Modules under `crate::types` that hold the types of one OData namespace, sorted by path.
    pub namespaces: Vec<RustNamespace>,
    /// One per emitted request line, in model order.
    pub endpoints: Vec<RustEndpoint>,
    /// Endpoint modules (each also a cargo feature), sorted by module name.
    pub areas: Vec<RustArea>,
    /// Hidden features standing for the sets of several features that compile some types.
    pub feature_sets: Vec<type_gates::FeatureSet>,
    /// The marker types of `crate::query`, by name.
    pub option_markers: Vec<system_options::RustOptionMarker>,
    /// The resource tree over the endpoints (`crate::tree`).
    pub tree: tree::RustTree,
    pub diagnostics: Vec<Diagnostic>,
}

/// A module under `crate::types` for one OData namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustNamespace {
    /// The OData namespace (`microsoft.graph.security`).
    pub odata_namespace: String,
    /// Module path below `crate::types` (`["security"]`); empty for `microsoft.graph`.
    pub path: Vec<String>,
}

/// A module under `crate::endpoints` (and the cargo feature that enables it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustArea {
    /// The product area as the model names it (`microsoft-teams`), `general` for none.
    pub area: String,
    /// Module name, also the feature name (`microsoft_teams`, `general`).
    pub module: String,
}

/// Where a generated type lives: `crate::types::{namespace...}::{name}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RustTypePath {
    pub namespace: Vec<String>,
    pub name: String,
}

/// A generated type for one model type.
#[derive(Debug, Clone)]
pub struct RustType {
    pub odata_name: String,
    pub path: RustTypePath,
    /// The private module (file stem in the namespace's directory) that defines it.
    pub file_module: String,
    pub description: String,
    pub source: Source,
    /// True when the model inferred the type from examples.
    pub inferred: bool,
    pub shape: RustTypeShape,
    /// The cargo features that compile the type; `None` when every feature needs it.
    pub features: Option<Vec<String>>,
    /// The one feature its `cfg` tests: the feature itself when one compiles it, else the
    /// hidden feature of its set (see [`type_gates::FeatureSet`]).
    pub gate: Option<String>,
    /// Some endpoint whose answer is made of the type documents `$select`, `$expand` or
    /// `$orderby`: the type has a `graphgen_runtime::Property` constant per field.
    pub selectable: bool,
}

#[derive(Debug, Clone)]
pub enum RustTypeShape {
    Struct(RustStruct),
    Enum(RustEnum),
}

/// An entity or complex type.
#[derive(Debug, Clone)]
pub struct RustStruct {
    /// Inherited fields first (base-most first), then the type's own, in documented order.
    pub fields: Vec<RustField>,
    /// Name of the flattened map that keeps undocumented members.
    pub additional_properties: String,
    pub is_abstract: bool,
    /// Present when other types derive from this one.
    pub polymorphic: Option<RustPolymorphic>,
}

/// A property of a struct (or of a parameter-list body).
#[derive(Debug, Clone)]
pub struct RustField {
    pub name: String,
    /// The JSON member name, exactly as documented.
    pub wire_name: String,
    /// The value type inside `Field<...>` (a `List` for collections).
    pub ty: RustTypeExpr,
    pub description: String,
    /// Full OData name of the declaring type when inherited.
    pub inherited_from: Option<String>,
    pub read_only: bool,
    pub navigation: bool,
    /// Required (parameter-list bodies only).
    pub required: bool,
}

/// An enum over a base type and everything derived from it, chosen by `@odata.type`.
#[derive(Debug, Clone)]
pub struct RustPolymorphic {
    /// Name of the enum, beside the base struct (`AnyAttachment`).
    pub name: String,
    /// The fallback variant holding the base struct (tag missing, unknown or the base's own).
    pub base_variant: String,
    /// One per derived type (transitively), by full OData name.
    pub variants: Vec<RustPolyVariant>,
}

#[derive(Debug, Clone)]
pub struct RustPolyVariant {
    pub name: String,
    pub odata_name: String,
    pub ty: RustTypePath,
}

/// An open enum: documented members plus a variant for any other value.
#[derive(Debug, Clone)]
pub struct RustEnum {
    pub variants: Vec<RustEnumVariant>,
    /// The `(String)` variant for values the docs do not list.
    pub other_variant: String,
}

#[derive(Debug, Clone)]
pub struct RustEnumVariant {
    pub name: String,
    pub wire_value: String,
    pub description: String,
}

/// A Rust type expression for a property, body or response.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustTypeExpr {
    Primitive(RustPrimitive),
    /// A generated struct or enum.
    Named {
        odata_name: String,
        path: RustTypePath,
    },
    /// The polymorphic enum of a base type.
    Polymorphic {
        odata_name: String,
        path: RustTypePath,
    },
    /// `Vec<...>`.
    List(Box<RustTypeExpr>),
    /// `Box<...>`, breaking a cycle of structs.
    Boxed(Box<RustTypeExpr>),
}

/// Rust types for OData primitives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustPrimitive {
    String,
    Bool,
    I8,
    U8,
    I16,
    I32,
    I64,
    F32,
    F64,
    /// `uuid::Uuid`
    Uuid,
    /// `graphgen_runtime::primitives::DateTimeOffset` (a lenient `chrono::DateTime<Utc>`)
    DateTime,
    /// `chrono::NaiveDate`
    Date,
    /// `chrono::NaiveTime`
    TimeOfDay,
    /// `graphgen_runtime::primitives::IsoDuration`
    Duration,
    /// `graphgen_runtime::primitives::Base64Bytes`
    Binary,
    /// `serde_json::Value`: streams, untyped values, unknown types.
    JsonValue,
}

/// One generated endpoint function.
#[derive(Debug, Clone)]
pub struct RustEndpoint {
    /// Index of the operation in `Model::operations`.
    pub operation: usize,
    /// Module under `crate::endpoints` (see [`RustArea::module`]).
    pub area_module: String,
    pub fn_name: String,
    pub method: HttpMethod,
    /// The path, segment by segment, with arguments named.
    pub path: Vec<RustPathSegment>,
    /// Query parameters written in the template (`?search={q}`), in order.
    pub fixed_query: Vec<RustFixedQuery>,
    /// Function arguments, in order.
    pub args: Vec<RustArg>,
    /// Optional documented query parameters, gathered in a struct passed as `query`.
    pub query_options: Option<RustQueryOptions>,
    /// The OData system options the page documents (`$select`, `$top`, ...).
    pub system_options: Option<system_options::RustSystemOptions>,
    pub body: RustBody,
    pub response: RustResponse,
    /// The `_mime` form of the operation's endpoint: base64 MIME content (`text/plain`)
    /// in place of the documented body.
    pub mime_variant: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn parse(method: &str) -> Option<Self> {
        match method.to_ascii_uppercase().as_str() {
            "GET" => Some(HttpMethod::Get),
            "POST" => Some(HttpMethod::Post),
            "PUT" => Some(HttpMethod::Put),
            "PATCH" => Some(HttpMethod::Patch),
            "DELETE" => Some(HttpMethod::Delete),
            _ => None,
        }
    }

    /// Lower-case name, the first word of function names.
    pub fn lower(self) -> &'static str {
        match self {
            HttpMethod::Get => "get",
            HttpMethod::Post => "post",
            HttpMethod::Put => "put",
            HttpMethod::Patch => "patch",
            HttpMethod::Delete => "delete",
        }
    }
}

/// A path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustPathSegment {
    /// Fixed text.
    Literal(String),
    /// A whole segment that is one argument.
    Value { arg: String },
    /// Fixed text and arguments mixed (functions, keys, drive paths).
    Parts(Vec<RustPathPart>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustPathPart {
    Literal(String),
    Value {
        arg: String,
    },
    /// Inside `'...'`: quotes are doubled.
    Quoted {
        arg: String,
    },
    /// A drive path that keeps its `/`.
    DrivePath {
        arg: String,
    },
}

/// A query parameter written into the path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustFixedQuery {
    pub name: String,
    /// Fixed text and argument references, concatenated.
    pub value: Vec<RustQueryValuePart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustQueryValuePart {
    Literal(String),
    Arg(String),
}

/// A function argument.
#[derive(Debug, Clone)]
pub struct RustArg {
    pub name: String,
    pub kind: RustArgKind,
}

#[derive(Debug, Clone)]
pub enum RustArgKind {
    /// `&str`, one placeholder of the path (or of a query written in the template).
    PathParam {
        template_name: String,
        description: String,
    },
    /// A required documented query parameter.
    QueryParam {
        wire_name: String,
        ty: RustQueryType,
        description: String,
    },
    /// `&str`: a required documented header the client does not set itself (`If-Match`).
    Header {
        wire_name: String,
        description: String,
    },
    /// The JSON body: `&T`, `&[T]` or `&{Fn}Body`.
    Body,
    /// `&str`: the content type of a raw body not fixed by the docs.
    ContentType,
    /// `Vec<u8>`: a raw body.
    Content,
    /// `&{Fn}Query`: the optional query parameters.
    QueryOptions,
}

/// Types a query parameter can take; everything else is passed as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RustQueryType {
    Str,
    Bool,
    I32,
    I64,
    F64,
}

/// A struct of optional query parameters.
#[derive(Debug, Clone)]
pub struct RustQueryOptions {
    pub struct_name: String,
    pub fields: Vec<RustQueryField>,
}

#[derive(Debug, Clone)]
pub struct RustQueryField {
    pub name: String,
    pub wire_name: String,
    pub ty: RustQueryType,
    pub description: String,
}

/// What the request carries.
#[derive(Debug, Clone)]
pub enum RustBody {
    None,
    /// A JSON value of a type: `&T`, or `&[T]` for a collection.
    Json {
        ty: RustTypeExpr,
        collection: bool,
    },
    /// A generated struct of the documented parameters.
    Parameters {
        struct_name: String,
        fields: Vec<RustField>,
        additional_properties: String,
    },
    /// Raw bytes; the content type is fixed when documented, else an argument.
    Bytes {
        content_type: Option<String>,
    },
}

/// How the response is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustResponse {
    NoContent,
    RawBytes,
    /// `Json<T>`
    Json(RustTypeExpr),
    /// `Json<Page<T>>`
    Page(RustTypeExpr),
    /// `Json<ValueWrapper<T>>`: a primitive wrapped in `{"value": ...}`.
    Wrapped(RustTypeExpr),
    /// `OptionalJson<T>`: `204` without a body, or `200` with the object when the request
    /// asks for it (`Prefer: return=representation`).
    OptionalJson(RustTypeExpr),
    /// `OptionalJson<Page<T>>`: `204` without a body, or a collection with another status
    /// (`207 Multi-Status` listing the items that failed).
    OptionalPage(RustTypeExpr),
}

/// Plans names and shapes for a whole model.
pub fn plan(model: &Model) -> RustApi {
    let mut diagnostics = Vec::new();
    let type_plan = types::plan_types(model, &mut diagnostics);
    let (endpoints, areas) = endpoints::plan_endpoints(model, &type_plan, &mut diagnostics);
    let mut types = type_plan.types;
    let features = type_gates::type_features(&types, &endpoints, &areas);
    for (ty, features) in types.iter_mut().zip(features) {
        ty.features = features;
    }
    let feature_sets = type_gates::gates(&mut types);
    let selectable = selectable_types(&endpoints);
    for ty in types.iter_mut() {
        ty.selectable = selectable.contains(&ty.odata_name);
    }
    let option_markers =
        system_options::markers(endpoints.iter().filter_map(|e| e.system_options.as_ref()));
    let tree = tree::plan_tree(&endpoints);
    diagnostics.sort();
    diagnostics.dedup();
    RustApi {
        types,
        namespaces: type_plan.namespaces,
        endpoints,
        areas,
        feature_sets,
        option_markers,
        tree,
        diagnostics,
    }
}

/// The types whose properties some endpoint's `$select`, `$expand` or `$orderby` names.
fn selectable_types(endpoints: &[RustEndpoint]) -> std::collections::BTreeSet<String> {
    endpoints
        .iter()
        .filter_map(|e| e.system_options.as_ref())
        .filter(|options| options.names_properties())
        .filter_map(|options| match &options.item {
            Some(RustTypeExpr::Named { odata_name, .. }) => Some(odata_name.clone()),
            _ => None,
        })
        .collect()
}

impl RustApi {
    /// The type planned for a full OData name.
    pub fn type_by_odata_name(&self, odata_name: &str) -> Option<&RustType> {
        self.types
            .binary_search_by(|t| t.odata_name.as_str().cmp(odata_name))
            .ok()
            .and_then(|i| self.types.get(i))
    }
}
