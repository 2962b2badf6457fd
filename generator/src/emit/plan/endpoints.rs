//! Planning endpoint functions: names, arguments, bodies, responses.

use std::collections::BTreeMap;

use super::types::{TypePlan, ADDITIONAL_PROPERTIES};
use super::{
    codes, HttpMethod, RustArea, RustArg, RustArgKind, RustBody, RustEndpoint, RustField,
    RustFixedQuery, RustPathPart, RustPathSegment, RustPrimitive, RustQueryField, RustQueryOptions,
    RustQueryType, RustQueryValuePart, RustResponse, RustTypeExpr,
};
use crate::diagnostics::Diagnostic;
use crate::emit::naming::{self, Case, Scope};
use crate::model::{
    Model, Operation, Parameter, Primitive, RequestBody, Segment, SegmentPart, TypeRef,
};

/// The module for operations without a product area.
const GENERAL_AREA: &str = "general";

pub(super) fn plan_endpoints(
    model: &Model,
    types: &TypePlan,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<RustEndpoint>, Vec<RustArea>) {
    let mut area_scope = Scope::new(Case::Snake);
    // Cargo gives `default` its own meaning.
    area_scope.claim("default");
    let mut area_modules: BTreeMap<String, String> = BTreeMap::new();
    let mut struct_scopes: BTreeMap<String, Scope> = BTreeMap::new();
    let mut fn_scope = Scope::new(Case::Snake);
    let mut endpoints: Vec<RustEndpoint> = Vec::new();

    // The model holds one operation per request line (see `model::shared_lines`). Documented
    // lines are named first, so that an implied `/me` form never takes a documented name.
    let documented_first: Vec<(usize, &Operation)> = model
        .operations
        .iter()
        .enumerate()
        .filter(|(_, op)| op.alias_of.is_none())
        .chain(
            model
                .operations
                .iter()
                .enumerate()
                .filter(|(_, op)| op.alias_of.is_some()),
        )
        .collect();
    let mut supported: Vec<(usize, &Operation, HttpMethod)> = Vec::new();
    for (index, operation) in documented_first {
        let Some(method) = HttpMethod::parse(operation.method.as_str()) else {
            diagnostics.push(
                Diagnostic::warning(
                    codes::UNSUPPORTED_METHOD,
                    &operation.source.file,
                    operation.source.line,
                    format!(
                        "`{}` requests are not supported; no function is generated",
                        operation.method
                    ),
                )
                .with_hint("the runtime sends GET, POST, PUT, PATCH and DELETE"),
            );
            continue;
        };
        supported.push((index, operation, method));
    }
    let fn_names = function_names(&supported);
    for ((index, operation, method), name) in supported.into_iter().zip(fn_names) {
        let area = operation.area.trim();
        let area = if area.is_empty() { GENERAL_AREA } else { area };
        let area_module = area_modules
            .entry(area.to_string())
            .or_insert_with(|| area_scope.claim(&naming::snake(area)))
            .clone();
        let fn_name = fn_scope.claim(&name);
        let struct_scope = struct_scopes
            .entry(area_module.clone())
            .or_insert_with(|| Scope::new(Case::Pascal));
        let names = Names {
            area_module,
            fn_name,
        };
        endpoints.push(plan_endpoint(
            index,
            operation,
            method,
            names,
            struct_scope,
            types,
            diagnostics,
        ));
    }
    // A line whose pages say it also takes MIME gets the `_mime` form.
    let takes_mime = |endpoint: &RustEndpoint| {
        !matches!(endpoint.method, HttpMethod::Get | HttpMethod::Delete)
            && model
                .operations
                .get(endpoint.operation)
                .is_some_and(|op| op.mime_body)
    };
    let variants: Vec<RustEndpoint> = endpoints
        .iter()
        .filter(|e| takes_mime(e))
        .map(|e| mime_variant(e, &mut fn_scope))
        .collect();
    endpoints.extend(variants);

    let mut areas: Vec<RustArea> = area_modules
        .into_iter()
        .map(|(area, module)| RustArea { area, module })
        .collect();
    areas.sort_by(|a, b| a.module.cmp(&b.module));
    (endpoints, areas)
}

/// Splits `startswith(name,'{text}')` into literal text and placeholder names.
fn split_placeholders(value: &str) -> Vec<RustQueryValuePart> {
    let mut parts = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        if open > 0 {
            parts.push(RustQueryValuePart::Literal(rest[..open].to_string()));
        }
        parts.push(RustQueryValuePart::Arg(rest[open + 1..close].to_string()));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(RustQueryValuePart::Literal(rest.to_string()));
    }
    parts
}

/// How much of a request line a function name spells (see `emit::naming`): overloads that
/// share a name at one level are named at the next, after what differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Detail {
    /// Keys as `by_id`, functions by name, written queries by parameter name.
    Short,
    /// Also the parameter names of functions and the words of written query values.
    Arguments,
    /// Also the documented placeholder names of keys.
    Placeholders,
}

/// One name per operation, in order: each at the least detail that tells it apart from the
/// others (numeric suffixes, added by the caller's scope, remain only for lines that differ
/// in nothing a name can show).
fn function_names(operations: &[(usize, &Operation, HttpMethod)]) -> Vec<String> {
    let name_at = |i: usize, detail: Detail| {
        let (_, operation, method) = operations[i];
        naming::snake(&function_words(method, operation, detail).join("_"))
    };
    let mut names: Vec<String> = (0..operations.len())
        .map(|i| name_at(i, Detail::Short))
        .collect();
    for next in [Detail::Arguments, Detail::Placeholders] {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &names {
            *count.entry(name.as_str()).or_default() += 1;
        }
        let clashing: Vec<usize> = (0..names.len())
            .filter(|&i| count.get(names[i].as_str()).copied().unwrap_or(0) > 1)
            .collect();
        for i in clashing {
            names[i] = name_at(i, next);
        }
    }
    names
}

/// The words of an endpoint function name (see `emit::naming`).
fn function_words(method: HttpMethod, operation: &Operation, detail: Detail) -> Vec<String> {
    let mut words = vec![method.lower().to_string()];
    let mut previous: Option<&Segment> = None;
    for segment in &operation.path.segments {
        words.extend(segment_words(segment, previous, detail));
        previous = Some(segment);
    }
    for (name, value) in &operation.path.fixed_query {
        words.push("with".to_string());
        words.extend(naming::words(name));
        if detail == Detail::Arguments {
            let before_call = value.split('(').next().unwrap_or(value);
            words.extend(naming::words(before_call));
        } else if detail == Detail::Placeholders {
            words.extend(naming::words(value));
        }
    }
    words
}

/// The collection a key segment indexes: the literal segment before it (`messages` in
/// `/messages/{id}`), when that is a plain name.
pub(super) fn keyed_collection(previous: Option<&Segment>) -> Option<&str> {
    let text = previous?.literal()?;
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric());
    plain.then_some(text)
}

/// A whole-segment key placeholder (`{id}`), as opposed to a drive path or a mix.
pub(super) fn key_placeholder(segment: &Segment) -> Option<&str> {
    match segment.parts.as_slice() {
        [SegmentPart::Param {
            name,
            quoted: false,
            path: false,
        }] => Some(name),
        _ => None,
    }
}

/// The names of a function's parameters (`width`, `height` in `image(width=640,height=480)`).
pub(super) fn function_parameters(text: &str) -> Vec<String> {
    let Some(open) = text.find('(') else {
        return Vec::new();
    };
    let inside = text[open + 1..].trim_end_matches(')');
    inside
        .split(',')
        .filter_map(|argument| argument.split_once('=').map(|(name, _)| name.trim()))
        .filter(|name| !name.is_empty() && !name.contains('{'))
        .flat_map(naming::words)
        .collect()
}

fn segment_words(segment: &Segment, previous: Option<&Segment>, detail: Detail) -> Vec<String> {
    let text: String = segment
        .parts
        .iter()
        .map(|part| match part {
            SegmentPart::Literal { text } => text.clone(),
            SegmentPart::Param { name, .. } => format!("{{{name}}}"),
        })
        .collect();
    let literal: String = segment
        .parts
        .iter()
        .map_while(|part| match part {
            SegmentPart::Literal { text } => Some(text.as_str()),
            SegmentPart::Param { .. } => None,
        })
        .collect();
    if let Some(open) = literal.find('(') {
        let function = &literal[..open];
        let unqualified = function.rsplit('.').next().unwrap_or(function);
        let mut words = naming::words(unqualified);
        if !words.is_empty() {
            let parameters = function_parameters(&text);
            if detail >= Detail::Arguments && !parameters.is_empty() {
                words.push("with".to_string());
                words.extend(parameters);
            }
            return words;
        }
    }
    if let Some(name) = key_placeholder(segment) {
        if detail < Detail::Placeholders && keyed_collection(previous).is_some() {
            return vec!["by".to_string(), "id".to_string()];
        }
        let mut words = vec!["by".to_string()];
        words.extend(naming::words(name));
        return words;
    }
    let params: Vec<&str> = segment
        .parts
        .iter()
        .filter_map(|part| match part {
            SegmentPart::Param { name, .. } => Some(name.as_str()),
            SegmentPart::Literal { .. } => None,
        })
        .collect();
    if params.is_empty() {
        let words = naming::words(&text);
        // `/childFolders/{id}/.../messages`: any depth of nesting.
        if words.is_empty() && text.contains("...") {
            return vec!["nested".to_string()];
        }
        words
    } else {
        let mut words = vec!["by".to_string()];
        for param in params {
            words.extend(naming::words(param));
        }
        words
    }
}

/// The key argument of a collection: `user_id` for `/users/{id}`, whatever the page calls
/// the placeholder, so that one kind of key has one name across the crate.
pub(super) fn key_argument(collection: &str) -> String {
    let mut words = naming::words(collection);
    if let Some(last) = words.pop() {
        words.push(naming::singular(&last));
    }
    words.push("id".to_string());
    naming::snake(&words.join("_"))
}

/// The longest name of a body or query struct, numeric suffix included.
const MAX_STRUCT_NAME: usize = 60;

/// `{Fn}{suffix}` in Pascal case (`PostChatsByIdMessagesBody`); a name too long keeps the
/// method and as many of the last words as fit (the words nearest the end name the request).
fn struct_name(fn_name: &str, suffix: &str) -> String {
    let mut words = naming::words(naming::unraw(fn_name));
    words.push(suffix.to_ascii_lowercase());
    let pascal = |words: &[String]| -> String {
        words
            .iter()
            .map(|word| {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut name = pascal(&words);
    // Room for a numeric suffix should two requests shorten alike.
    while name.len() > MAX_STRUCT_NAME - 2 && words.len() > 2 {
        words.remove(1);
        name = pascal(&words);
    }
    name
}

struct Names {
    area_module: String,
    fn_name: String,
}

#[allow(clippy::too_many_arguments)]
fn plan_endpoint(
    index: usize,
    operation: &Operation,
    method: HttpMethod,
    names: Names,
    struct_scope: &mut Scope,
    types: &TypePlan,
    diagnostics: &mut Vec<Diagnostic>,
) -> RustEndpoint {
    let Names {
        area_module,
        fn_name,
    } = names;
    let mut arg_scope = Scope::new(Case::Snake);
    let (body, body_args) = plan_body(operation, &fn_name, struct_scope, types, diagnostics);
    let body_arg_names: Vec<(String, RustArgKind)> = body_args
        .into_iter()
        .map(|kind| (arg_scope.claim(fixed_arg_name(&kind)), kind))
        .collect();
    let optional_query: Vec<&Parameter> = documented_query(operation)
        .filter(|p| !p.required)
        .collect();
    let query_arg = (!optional_query.is_empty()).then(|| arg_scope.claim("query"));

    // Placeholders of the path and of query text written in the template, in order.
    let mut placeholder_args: BTreeMap<String, String> = BTreeMap::new();
    let mut args: Vec<RustArg> = Vec::new();
    let mut add_placeholder = |name: &str,
                               preferred: Option<&str>,
                               args: &mut Vec<RustArg>,
                               scope: &mut Scope|
     -> String {
        if let Some(arg) = placeholder_args.get(name) {
            return arg.clone();
        }
        let arg = scope.claim(preferred.unwrap_or(&naming::snake(name)));
        placeholder_args.insert(name.to_string(), arg.clone());
        let description = operation
            .path_params
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.description.clone())
            .unwrap_or_default();
        args.push(RustArg {
            name: arg.clone(),
            kind: RustArgKind::PathParam {
                template_name: name.to_string(),
                description,
            },
        });
        arg
    };
    let mut path = Vec::new();
    for (position, segment) in operation.path.segments.iter().enumerate() {
        if let Some(name) = key_placeholder(segment) {
            let previous = position
                .checked_sub(1)
                .and_then(|before| operation.path.segments.get(before));
            let preferred = keyed_collection(previous).map(key_argument);
            path.push(RustPathSegment::Value {
                arg: add_placeholder(name, preferred.as_deref(), &mut args, &mut arg_scope),
            });
            continue;
        }
        if segment
            .parts
            .iter()
            .all(|p| matches!(p, SegmentPart::Literal { .. }))
        {
            let text: String = segment
                .parts
                .iter()
                .filter_map(|p| match p {
                    SegmentPart::Literal { text } => Some(text.as_str()),
                    SegmentPart::Param { .. } => None,
                })
                .collect();
            path.push(RustPathSegment::Literal(text));
            continue;
        }
        let parts = segment
            .parts
            .iter()
            .map(|part| match part {
                SegmentPart::Literal { text } => RustPathPart::Literal(text.clone()),
                SegmentPart::Param {
                    name,
                    quoted,
                    path: drive,
                } => {
                    let arg = add_placeholder(name, None, &mut args, &mut arg_scope);
                    if *drive {
                        RustPathPart::DrivePath { arg }
                    } else if *quoted {
                        RustPathPart::Quoted { arg }
                    } else {
                        RustPathPart::Value { arg }
                    }
                }
            })
            .collect();
        path.push(RustPathSegment::Parts(parts));
    }
    let fixed_query = operation
        .path
        .fixed_query
        .iter()
        .map(|(name, value)| RustFixedQuery {
            name: name.clone(),
            value: split_placeholders(value)
                .into_iter()
                .map(|part| match part {
                    RustQueryValuePart::Arg(placeholder) => RustQueryValuePart::Arg(
                        add_placeholder(&placeholder, None, &mut args, &mut arg_scope),
                    ),
                    literal => literal,
                })
                .collect(),
        })
        .collect();

    for parameter in documented_query(operation).filter(|p| p.required) {
        args.push(RustArg {
            name: arg_scope.claim(&naming::snake(&parameter.name)),
            kind: RustArgKind::QueryParam {
                wire_name: parameter.name.clone(),
                ty: query_type(&parameter.type_ref),
                description: parameter.description.clone(),
            },
        });
    }
    for header in operation
        .header_params
        .iter()
        .filter(|h| h.required && !h.is_set_by_client())
    {
        args.push(RustArg {
            name: arg_scope.claim(&naming::snake(&header.name)),
            kind: RustArgKind::Header {
                wire_name: header.name.clone(),
                description: header.description.clone(),
            },
        });
    }
    args.extend(
        body_arg_names
            .into_iter()
            .map(|(name, kind)| RustArg { name, kind }),
    );
    let query_options = query_arg.map(|name| {
        args.push(RustArg {
            name,
            kind: RustArgKind::QueryOptions,
        });
        let mut field_scope = Scope::new(Case::Snake);
        RustQueryOptions {
            struct_name: struct_scope.claim(&struct_name(&fn_name, "Query")),
            fields: optional_query
                .iter()
                .map(|p| RustQueryField {
                    name: field_scope.claim(&naming::snake(&p.name)),
                    wire_name: p.name.clone(),
                    ty: query_type(&p.type_ref),
                    description: p.description.clone(),
                })
                .collect(),
        }
    });
    let response = plan_response(operation, types, diagnostics);
    let system_options = super::system_options::plan_system_options(operation, &response, types);
    RustEndpoint {
        operation: index,
        area_module,
        fn_name,
        method,
        path,
        fixed_query,
        args,
        query_options,
        system_options,
        body,
        response,
        mime_variant: false,
    }
}

/// The `{fn}_mime` form of an endpoint whose page also takes the message as base64 MIME:
/// the same path and response, with the MIME content in place of the JSON body.
fn mime_variant(endpoint: &RustEndpoint, fn_scope: &mut Scope) -> RustEndpoint {
    let mut arg_scope = Scope::new(Case::Snake);
    let mut args: Vec<RustArg> = Vec::new();
    for arg in &endpoint.args {
        if !matches!(
            arg.kind,
            RustArgKind::Body | RustArgKind::ContentType | RustArgKind::Content
        ) {
            arg_scope.claim(&arg.name);
            args.push(arg.clone());
        }
    }
    args.push(RustArg {
        name: arg_scope.claim("mime_base64"),
        kind: RustArgKind::Content,
    });
    RustEndpoint {
        fn_name: fn_scope.claim(&format!("{}_mime", naming::unraw(&endpoint.fn_name))),
        args,
        body: RustBody::Bytes {
            content_type: Some(MIME_CONTENT_TYPE.to_string()),
        },
        mime_variant: true,
        ..endpoint.clone()
    }
}

/// What Outlook reads base64-encoded MIME from.
const MIME_CONTENT_TYPE: &str = "text/plain";

fn fixed_arg_name(kind: &RustArgKind) -> &'static str {
    match kind {
        RustArgKind::ContentType => "content_type",
        RustArgKind::Content => "content",
        _ => "body",
    }
}

/// Documented query parameters that are not OData system options (`$select`, ...) nor
/// already written in the template.
fn documented_query(operation: &Operation) -> impl Iterator<Item = &Parameter> {
    operation.query_params.iter().filter(|p| {
        !p.name.starts_with('$')
            && !p.name.is_empty()
            && !operation
                .path
                .fixed_query
                .iter()
                .any(|(name, _)| name.eq_ignore_ascii_case(&p.name))
    })
}

fn query_type(type_ref: &TypeRef) -> RustQueryType {
    match type_ref {
        TypeRef::Primitive(Primitive::Boolean) => RustQueryType::Bool,
        TypeRef::Primitive(
            Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32,
        ) => RustQueryType::I32,
        TypeRef::Primitive(Primitive::Int64) => RustQueryType::I64,
        TypeRef::Primitive(Primitive::Single | Primitive::Double | Primitive::Decimal) => {
            RustQueryType::F64
        }
        _ => RustQueryType::Str,
    }
}

/// The body shape and the arguments it needs, in order.
fn plan_body(
    operation: &Operation,
    fn_name: &str,
    struct_scope: &mut Scope,
    types: &TypePlan,
    diagnostics: &mut Vec<Diagnostic>,
) -> (RustBody, Vec<RustArgKind>) {
    match &operation.request {
        RequestBody::None => (RustBody::None, Vec::new()),
        RequestBody::Type {
            type_ref: TypeRef::Primitive(Primitive::Stream),
            ..
        } => (
            RustBody::Bytes { content_type: None },
            vec![RustArgKind::ContentType, RustArgKind::Content],
        ),
        RequestBody::Type {
            type_ref,
            collection,
        } => {
            let ty = types.resolve(type_ref, &operation.source, diagnostics);
            (
                RustBody::Json {
                    ty,
                    collection: *collection,
                },
                vec![RustArgKind::Body],
            )
        }
        RequestBody::Parameters { parameters } if parameters.is_empty() => {
            (RustBody::None, Vec::new())
        }
        RequestBody::Parameters { parameters } => {
            let mut scope = Scope::new(Case::Snake);
            let additional_properties = scope.claim(ADDITIONAL_PROPERTIES);
            let mut seen = std::collections::BTreeSet::new();
            let fields = parameters
                .iter()
                .filter(|p| seen.insert(p.name.as_str()))
                .map(|p| {
                    let inner = types.resolve(&p.type_ref, &operation.source, diagnostics);
                    RustField {
                        name: scope.claim(&naming::snake(&p.name)),
                        wire_name: p.name.clone(),
                        ty: if p.collection {
                            RustTypeExpr::List(Box::new(inner))
                        } else {
                            inner
                        },
                        description: p.description.clone(),
                        inherited_from: None,
                        read_only: false,
                        navigation: false,
                        required: p.required,
                    }
                })
                .collect();
            let struct_name = struct_scope.claim(&struct_name(fn_name, "Body"));
            (
                RustBody::Parameters {
                    struct_name,
                    fields,
                    additional_properties,
                },
                vec![RustArgKind::Body],
            )
        }
        RequestBody::Stream { content_type } => match content_type.as_deref().map(str::trim) {
            Some(ct) if !ct.is_empty() => (
                RustBody::Bytes {
                    content_type: Some(ct.to_string()),
                },
                vec![RustArgKind::Content],
            ),
            _ => (
                RustBody::Bytes { content_type: None },
                vec![RustArgKind::ContentType, RustArgKind::Content],
            ),
        },
    }
}

fn last_literal(operation: &Operation) -> Option<&str> {
    operation.path.segments.last()?.literal()
}

fn plan_response(
    operation: &Operation,
    types: &TypePlan,
    diagnostics: &mut Vec<Diagnostic>,
) -> RustResponse {
    let response = &operation.response;
    let last = last_literal(operation);
    if response.status == 204 {
        // A type beside `204`: a body comes back only when asked for, or in the cases the
        // page shows with another status.
        return match &response.type_ref {
            Some(type_ref) if response.collection => {
                RustResponse::OptionalPage(types.resolve(type_ref, &operation.source, diagnostics))
            }
            Some(type_ref) => {
                RustResponse::OptionalJson(types.resolve(type_ref, &operation.source, diagnostics))
            }
            None => RustResponse::NoContent,
        };
    }
    if last == Some("$value")
        || matches!(response.status, 301..=303 | 307 | 308)
        || response.type_ref == Some(TypeRef::Primitive(Primitive::Stream))
    {
        return RustResponse::RawBytes;
    }
    if last == Some("$count") {
        return RustResponse::Json(RustTypeExpr::Primitive(RustPrimitive::I64));
    }
    let Some(type_ref) = response.type_ref.as_ref() else {
        return if response.collection {
            RustResponse::Page(RustTypeExpr::Primitive(RustPrimitive::JsonValue))
        } else {
            RustResponse::NoContent
        };
    };
    let ty = types.resolve(type_ref, &operation.source, diagnostics);
    if response.collection {
        return RustResponse::Page(ty);
    }
    let is_enum = matches!(type_ref, TypeRef::Named(name) if types.kind(name) == Some(crate::model::TypeKind::Enum));
    match ty {
        RustTypeExpr::Primitive(RustPrimitive::JsonValue) => RustResponse::Json(ty),
        RustTypeExpr::Primitive(_) => RustResponse::Wrapped(ty),
        _ if is_enum => RustResponse::Wrapped(ty),
        _ => RustResponse::Json(ty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_split_out_of_query_text() {
        assert_eq!(
            split_placeholders("startswith(name,'{text}')"),
            vec![
                RustQueryValuePart::Literal("startswith(name,'".into()),
                RustQueryValuePart::Arg("text".into()),
                RustQueryValuePart::Literal("')".into()),
            ]
        );
        assert_eq!(
            split_placeholders("{q}"),
            vec![RustQueryValuePart::Arg("q".into())]
        );
        assert_eq!(
            split_placeholders("a{b"),
            vec![RustQueryValuePart::Literal("a{b".into())]
        );
    }
}
