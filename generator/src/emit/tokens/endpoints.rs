//! One file per product area: a function per endpoint, and the body and query structs
//! those functions take.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::{type_tokens, Doc, TypeSite};
use crate::emit::docs;
use crate::emit::naming::ident;
use crate::emit::plan::system_options::code_list;
use crate::emit::plan::{
    HttpMethod, RustArea, RustArg, RustArgKind, RustBody, RustEndpoint, RustPathPart,
    RustPathSegment, RustPrimitive, RustQueryType, RustQueryValuePart, RustResponse, RustTypeExpr,
};
use crate::emit::tokens::types::object_struct;
use crate::model::{Model, Permissions};

/// Runtime items and types an area file uses, so that it imports exactly those.
#[derive(Default)]
pub(super) struct Uses {
    pub(super) runtime: BTreeSet<&'static str>,
    pub(super) types: bool,
}

impl Uses {
    fn note_type(&mut self, expr: &RustTypeExpr) {
        match expr {
            RustTypeExpr::Named { .. } | RustTypeExpr::Polymorphic { .. } => self.types = true,
            RustTypeExpr::List(inner) | RustTypeExpr::Boxed(inner) => self.note_type(inner),
            RustTypeExpr::Primitive(_) => {}
        }
    }
}

/// The file for one area.
/// `leaves` maps an endpoint function's name to the path of its tree leaf.
pub fn area_file(
    area: &RustArea,
    endpoints: &[&RustEndpoint],
    model: &Model,
    leaves: &BTreeMap<String, String>,
) -> TokenStream {
    let mut uses = Uses::default();
    let items: Vec<TokenStream> = endpoints
        .iter()
        .map(|endpoint| endpoint_items(endpoint, model, leaves, &mut uses))
        .collect();
    let module_doc = Doc::new()
        .line(format!(
            "Endpoints of the `{}` area, enabled by the cargo feature `{}`.",
            docs::code(&area.area),
            docs::code(crate::emit::naming::unraw(&area.module))
        ))
        .inner();
    // `Part` is the one runtime item not re-exported at the crate root.
    let runtime: Vec<TokenStream> = uses
        .runtime
        .iter()
        .map(|name| {
            let item = ident(name);
            if *name == "Part" {
                quote! { path::Part }
            } else {
                quote! { #item }
            }
        })
        .collect();
    let runtime_use =
        (!runtime.is_empty()).then(|| quote! { use graphgen_runtime::{ #(#runtime),* }; });
    let types_use = uses.types.then(|| quote! { use crate::types; });
    quote! {
        #module_doc
        #runtime_use
        #types_use
        #(#items)*
    }
}

fn method_tokens(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote! { Method::Get },
        HttpMethod::Post => quote! { Method::Post },
        HttpMethod::Put => quote! { Method::Put },
        HttpMethod::Patch => quote! { Method::Patch },
        HttpMethod::Delete => quote! { Method::Delete },
    }
}

fn endpoint_items(
    endpoint: &RustEndpoint,
    model: &Model,
    leaves: &BTreeMap<String, String>,
    uses: &mut Uses,
) -> TokenStream {
    let fn_name = ident(&endpoint.fn_name);
    uses.runtime.extend(["Method", "Path", "Request"]);

    // Arguments.
    let mut params = Vec::new();
    for arg in &endpoint.args {
        let name = ident(&arg.name);
        let ty = match &arg.kind {
            RustArgKind::PathParam { .. }
            | RustArgKind::ContentType
            | RustArgKind::Header { .. } => quote! { &str },
            RustArgKind::QueryParam { ty, .. } => query_arg_type(*ty),
            RustArgKind::Content => quote! { Vec<u8> },
            RustArgKind::Body => body_arg_type(&endpoint.body, uses),
            RustArgKind::QueryOptions => {
                let options = endpoint
                    .query_options
                    .as_ref()
                    .map(|o| ident(&o.struct_name));
                quote! { &#options }
            }
        };
        params.push(quote! { #name: #ty });
    }

    // The request expression.
    let method = method_tokens(endpoint.method);
    let path = path_tokens(&endpoint.path, uses);
    let mut chain = Vec::new();
    for fixed in &endpoint.fixed_query {
        let name = &fixed.name;
        let value = match fixed.value.as_slice() {
            [] => quote! { "" },
            [RustQueryValuePart::Literal(text)] => quote! { #text },
            [RustQueryValuePart::Arg(arg)] => {
                let arg = ident(arg);
                quote! { #arg }
            }
            parts => {
                let pieces = parts.iter().enumerate().map(|(i, part)| match part {
                    RustQueryValuePart::Literal(text) => quote! { #text },
                    RustQueryValuePart::Arg(arg) => {
                        let arg = ident(arg);
                        // Inside '...' an OData string doubles its quotes.
                        let quoted = i
                            .checked_sub(1)
                            .and_then(|before| parts.get(before))
                            .is_some_and(|p| matches!(p, RustQueryValuePart::Literal(t) if t.ends_with('\'')));
                        if quoted {
                            quote! { &#arg.replace('\'', "''") }
                        } else {
                            quote! { #arg }
                        }
                    }
                });
                quote! { [#(#pieces),*].concat() }
            }
        };
        chain.push(quote! { .query(#name, #value) });
    }
    for arg in &endpoint.args {
        if let RustArgKind::QueryParam { wire_name, ty, .. } = &arg.kind {
            let name = ident(&arg.name);
            let value = match ty {
                RustQueryType::Str => quote! { #name },
                _ => quote! { #name.to_string() },
            };
            chain.push(quote! { .query(#wire_name, #value) });
        }
    }
    for arg in &endpoint.args {
        if let RustArgKind::Header { wire_name, .. } = &arg.kind {
            let name = ident(&arg.name);
            chain.push(quote! { .header(#wire_name, #name) });
        }
    }
    let arg_named = |kind: fn(&RustArgKind) -> bool| {
        endpoint
            .args
            .iter()
            .find(|a| kind(&a.kind))
            .map(|a| ident(&a.name))
    };
    match &endpoint.body {
        RustBody::None => {}
        RustBody::Json { .. } | RustBody::Parameters { .. } => {
            let body = arg_named(|k| matches!(k, RustArgKind::Body));
            chain.push(quote! { .json(#body) });
        }
        RustBody::Bytes { content_type } => {
            let content = arg_named(|k| matches!(k, RustArgKind::Content));
            let content_type = match content_type {
                Some(fixed) => quote! { #fixed },
                None => {
                    let arg = arg_named(|k| matches!(k, RustArgKind::ContentType));
                    quote! { #arg }
                }
            };
            chain.push(quote! { .bytes(#content_type, #content) });
        }
    }
    let constructor = if endpoint.system_options.is_some() {
        quote! { Request::documenting }
    } else {
        quote! { Request::new }
    };
    let request = quote! { #constructor(#method, #path) #(#chain)* };
    let body_expr = match &endpoint.query_options {
        None => request,
        Some(options) => {
            let query = arg_named(|k| matches!(k, RustArgKind::QueryOptions));
            let sets = options.fields.iter().map(|field| {
                let name = ident(&field.name);
                let wire = &field.wire_name;
                match field.ty {
                    RustQueryType::Str => quote! {
                        if let Some(value) = &#query.#name {
                            request = request.query(#wire, value.as_str());
                        }
                    },
                    _ => quote! {
                        if let Some(value) = &#query.#name {
                            request = request.query(#wire, value.to_string());
                        }
                    },
                }
            });
            quote! {
                let mut request = #request;
                #(#sets)*
                request
            }
        }
    };
    let request_type = request_type(endpoint, uses);
    let leaf = leaves.get(endpoint.fn_name.as_str()).map(String::as_str);
    let doc = endpoint_doc(endpoint, model, DocFor::Function { leaf }).outer();
    let body_struct = body_struct_tokens(endpoint, uses);
    let query_struct = query_struct_tokens(endpoint);
    quote! {
        #doc
        pub fn #fn_name(#(#params),*) -> #request_type {
            #body_expr
        }
        #body_struct
        #query_struct
    }
}

/// `Request<R>`, or `Request<R, crate::query::Marker<Item>>` when the page documents OData
/// query options.
pub(super) fn request_type(endpoint: &RustEndpoint, uses: &mut Uses) -> TokenStream {
    uses.runtime.insert("Request");
    let response = response_tokens(&endpoint.response, uses);
    let Some(options) = &endpoint.system_options else {
        return quote! { Request<#response> };
    };
    let marker = ident(&options.marker);
    let item = match &options.item {
        Some(item) => {
            uses.note_type(item);
            type_tokens(item, &mut TypeSite::Endpoints)
        }
        None => quote! { graphgen_runtime::documented::Unnamed },
    };
    quote! { Request<#response, crate::query::#marker<#item>> }
}

pub(super) fn query_arg_type(ty: RustQueryType) -> TokenStream {
    match ty {
        RustQueryType::Str => quote! { &str },
        RustQueryType::Bool => quote! { bool },
        RustQueryType::I32 => quote! { i32 },
        RustQueryType::I64 => quote! { i64 },
        RustQueryType::F64 => quote! { f64 },
    }
}

fn query_field_type(ty: RustQueryType) -> TokenStream {
    match ty {
        RustQueryType::Str => quote! { String },
        other => query_arg_type(other),
    }
}

pub(super) fn body_arg_type(body: &RustBody, uses: &mut Uses) -> TokenStream {
    match body {
        RustBody::Json { ty, collection } => {
            uses.note_type(ty);
            let inner = match ty {
                RustTypeExpr::Primitive(RustPrimitive::String) if !collection => quote! { str },
                _ => type_tokens(ty, &mut TypeSite::Endpoints),
            };
            if *collection {
                quote! { &[#inner] }
            } else {
                quote! { &#inner }
            }
        }
        RustBody::Parameters { struct_name, .. } => {
            let name = ident(struct_name);
            quote! { &#name }
        }
        RustBody::None | RustBody::Bytes { .. } => quote! { () },
    }
}

fn path_tokens(segments: &[RustPathSegment], uses: &mut Uses) -> TokenStream {
    let calls = segments.iter().map(|segment| match segment {
        RustPathSegment::Literal(text) => quote! { .literal(#text) },
        RustPathSegment::Value { arg } => {
            let arg = ident(arg);
            quote! { .value(#arg) }
        }
        RustPathSegment::Parts(parts) => {
            uses.runtime.insert("Part");
            let parts = parts.iter().map(|part| match part {
                RustPathPart::Literal(text) => quote! { Part::Literal(#text) },
                RustPathPart::Value { arg } => {
                    let arg = ident(arg);
                    quote! { Part::Value(#arg) }
                }
                RustPathPart::Quoted { arg } => {
                    let arg = ident(arg);
                    quote! { Part::Quoted(#arg) }
                }
                RustPathPart::DrivePath { arg } => {
                    let arg = ident(arg);
                    quote! { Part::DrivePath(#arg) }
                }
            });
            quote! { .segment(&[#(#parts),*]) }
        }
    });
    quote! { Path::new() #(#calls)* }
}

pub(super) fn response_tokens(response: &RustResponse, uses: &mut Uses) -> TokenStream {
    match response {
        RustResponse::NoContent => {
            uses.runtime.insert("NoContent");
            quote! { NoContent }
        }
        RustResponse::RawBytes => {
            uses.runtime.insert("RawBytes");
            quote! { RawBytes }
        }
        RustResponse::Json(ty) => {
            uses.runtime.insert("Json");
            uses.note_type(ty);
            let ty = type_tokens(ty, &mut TypeSite::Endpoints);
            quote! { Json<#ty> }
        }
        RustResponse::Page(ty) => {
            uses.runtime.extend(["Json", "Page"]);
            uses.note_type(ty);
            let ty = type_tokens(ty, &mut TypeSite::Endpoints);
            quote! { Json<Page<#ty>> }
        }
        RustResponse::Wrapped(ty) => {
            uses.runtime.insert("Json");
            uses.note_type(ty);
            let ty = type_tokens(ty, &mut TypeSite::Endpoints);
            quote! { Json<graphgen_runtime::support::ValueWrapper<#ty>> }
        }
        RustResponse::OptionalJson(ty) => {
            uses.runtime.insert("OptionalJson");
            uses.note_type(ty);
            let ty = type_tokens(ty, &mut TypeSite::Endpoints);
            quote! { OptionalJson<#ty> }
        }
        RustResponse::OptionalPage(ty) => {
            uses.runtime.extend(["OptionalJson", "Page"]);
            uses.note_type(ty);
            let ty = type_tokens(ty, &mut TypeSite::Endpoints);
            quote! { OptionalJson<Page<#ty>> }
        }
    }
}

fn body_struct_tokens(endpoint: &RustEndpoint, uses: &mut Uses) -> Option<TokenStream> {
    let RustBody::Parameters {
        struct_name,
        fields,
        additional_properties,
    } = &endpoint.body
    else {
        return None;
    };
    uses.runtime.insert("Field");
    for field in fields {
        uses.note_type(&field.ty);
    }
    let doc = Doc::new()
        .line(format!(
            "The request body of [`{}`].",
            crate::emit::naming::unraw(&endpoint.fn_name)
        ))
        .outer();
    Some(object_struct(
        struct_name,
        &doc,
        fields,
        additional_properties,
        &mut TypeSite::Endpoints,
    ))
}

fn query_struct_tokens(endpoint: &RustEndpoint) -> Option<TokenStream> {
    let options = endpoint.query_options.as_ref()?;
    let name = ident(&options.struct_name);
    let doc = Doc::new()
        .line(format!(
            "Optional query parameters of [`{}`]; `None` leaves a parameter out.",
            crate::emit::naming::unraw(&endpoint.fn_name)
        ))
        .outer();
    let fields = options.fields.iter().map(|field| {
        let name = ident(&field.name);
        let ty = query_field_type(field.ty);
        let doc = Doc::new()
            .text(&field.description)
            .or(format!(
                "The `{}` query parameter.",
                docs::code(&field.wire_name)
            ))
            .outer();
        quote! { #doc pub #name: Option<#ty>, }
    });
    Some(quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#fields)*
        }
    })
}

fn permission_line(kind: &str, permissions: &Option<Vec<String>>) -> String {
    match permissions {
        None => format!("- {kind}: not documented"),
        Some(list) if list.is_empty() => format!("- {kind}: not supported"),
        Some(list) => {
            let names: Vec<String> = list
                .iter()
                .map(|p| format!("`{}`", docs::code(p)))
                .collect();
            format!("- {kind}: {}", names.join(", "))
        }
    }
}

/// One line per kind, labels as given (capitalised for a list, lower-case inside a sentence).
fn kind_lines(permissions: &Permissions, labels: [&str; 3]) -> Vec<String> {
    vec![
        permission_line(labels[0], &permissions.delegated_work),
        permission_line(labels[1], &permissions.delegated_personal),
        permission_line(labels[2], &permissions.application),
    ]
}

fn permission_lines(permissions: &Permissions) -> Vec<String> {
    if !permissions.by_resource.is_empty() {
        // What is needed depends on the resource; one line per resource the page lists.
        let labels = [
            "delegated (work or school account)",
            "delegated (personal Microsoft account)",
            "application",
        ];
        return permissions
            .by_resource
            .iter()
            .map(|row| {
                let kinds: Vec<String> = kind_lines(&row.permissions, labels)
                    .iter()
                    .map(|line| line.trim_start_matches("- ").to_string())
                    .collect();
                format!("- {}: {}", docs::inline(&row.resource), kinds.join("; "))
            })
            .collect();
    }
    kind_lines(
        permissions,
        [
            "Delegated (work or school account)",
            "Delegated (personal Microsoft account)",
            "Application",
        ],
    )
}

/// Which doc an endpoint's request gets.
pub(super) enum DocFor<'a> {
    /// The endpoint function: the page's text, the arguments, the source, and the tree leaf
    /// (`crate::tree::UserMessages::list`) whose doc holds the permissions.
    Function { leaf: Option<&'a str> },
    /// The tree leaf: the title, the permissions of every page that documents the line, the source.
    Leaf,
}

pub(super) fn endpoint_doc(endpoint: &RustEndpoint, model: &Model, shape: DocFor<'_>) -> Doc {
    let operation = model.operations.get(endpoint.operation);
    let Some(operation) = operation else {
        return Doc::new().line("An endpoint.");
    };
    let function = matches!(shape, DocFor::Function { .. });
    let mut doc = Doc::new().text(&operation.title);
    if function {
        doc = doc.text(&operation.description);
    }
    let mut doc = doc.or("An endpoint.");
    doc = doc.line(format!(
        "`{} {}`",
        docs::code(operation.method.as_str()),
        docs::code(&operation.path.raw)
    ));
    if endpoint.mime_variant {
        doc = doc.line("Sends the message as MIME content, base64-encoded, with `Content-Type: text/plain`, in place of the JSON body.");
    }
    if let Some(options) = &endpoint.system_options {
        doc = doc.line(format!(
            "Query options the page documents, as methods of the request: {}.",
            code_list(&options.options)
        ));
    }
    let args: Vec<String> = endpoint.args.iter().filter_map(arg_doc_line).collect();
    if function && !args.is_empty() {
        doc = doc.line("Arguments:").block(&args);
    }
    let source = match &operation.alias_of {
        // `/me` stands for the signed-in user; the page documents the `/users/{id}` line.
        Some(line) => format!(
            "The signed-in user's form of `{}`, documented in `{}`, line {}.",
            docs::code(line),
            docs::code(&operation.source.file),
            operation.source.line
        ),
        None => match &operation.from_example {
            // No page lists the line; an example calls it.
            Some(example) => format!(
                "Called by the example `{}` of `{}` (page line {}); no request line lists this form.",
                docs::code(example),
                docs::code(&operation.source.file),
                operation.source.line
            ),
            None => format!("Documented in `{}`, line {}.", docs::code(&operation.source.file), operation.source.line),
        },
    };
    if let DocFor::Function { leaf } = shape {
        let mut source = source;
        if !operation.also_documented_by.is_empty() {
            let pages: Vec<String> = operation
                .also_documented_by
                .iter()
                .map(|other| format!("`{}`", docs::code(&other.source.file)))
                .collect();
            source.push_str(&format!(" Also documented in {}.", pages.join(", ")));
        }
        doc = doc.line(source);
        if let Some(leaf) = leaf {
            let short = leaf.trim_start_matches("crate::tree::");
            doc = doc.line(format!(
                "In the resource tree, with the permissions each page asks for: {}.",
                super::tree::doc_link(short, leaf)
            ));
        }
        return doc;
    }
    doc = doc
        .line("Permissions, least privileged first:")
        .block(&permission_lines(&operation.permissions));
    if operation.also_documented_by.is_empty() {
        return doc.line(source);
    }
    let also: Vec<String> = operation
        .also_documented_by
        .iter()
        .map(|other| {
            let permissions: Vec<String> = permission_lines(&other.permissions)
                .iter()
                .map(|line| line.trim_start_matches("- ").to_string())
                .collect();
            format!(
                "- `{}`, line {} ({}): {}",
                docs::code(&other.source.file),
                other.source.line,
                docs::inline(&other.title),
                permissions.join("; ")
            )
        })
        .collect();
    doc.line(format!(
        "{source} Also documented, each page with its own permissions, in:"
    ))
    .block(&also)
}

pub(super) fn arg_doc_line(arg: &RustArg) -> Option<String> {
    let name = crate::emit::naming::unraw(&arg.name);
    let (what, description) = match &arg.kind {
        RustArgKind::PathParam {
            template_name,
            description,
        } => (
            format!("`{{{}}}` in the path", docs::code(template_name)),
            description.as_str(),
        ),
        RustArgKind::QueryParam {
            wire_name,
            description,
            ..
        } => (
            format!("the `{}` query parameter", docs::code(wire_name)),
            description.as_str(),
        ),
        RustArgKind::Header {
            wire_name,
            description,
        } => (
            format!("the `{}` header", docs::code(wire_name)),
            description.as_str(),
        ),
        _ => return None,
    };
    let description = docs::inline(description);
    Some(if description.is_empty() {
        format!("- `{name}`: {what}.")
    } else {
        format!("- `{name}`: {what}. {description}")
    })
}
