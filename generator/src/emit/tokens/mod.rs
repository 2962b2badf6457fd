//! Token streams for the planned items, built with `quote!`; one `syn::File` per output file.

pub mod endpoints;
pub mod modules;
pub mod object;
pub mod query;
pub mod tree;
pub mod types;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::doc_wrap::{wrap_line, DOC_WIDTH};
use crate::emit::docs;
use crate::emit::naming::ident;
use crate::emit::plan::{RustPrimitive, RustTypeExpr, RustTypePath};

/// Doc comment paragraphs, rendered as `#[doc]` attributes (`///` once formatted).
#[derive(Debug, Default, Clone)]
pub struct Doc {
    paragraphs: Vec<String>,
}

impl Doc {
    pub fn new() -> Self {
        Doc::default()
    }

    /// Adds the sanitized paragraphs of a documented description.
    pub fn text(mut self, description: &str) -> Self {
        self.paragraphs.extend(docs::paragraphs(description));
        self
    }

    /// Adds one paragraph written by the generator (already valid Markdown).
    pub fn line(mut self, paragraph: impl Into<String>) -> Self {
        self.paragraphs.push(paragraph.into());
        self
    }

    /// Adds lines that form one block (such as a list), without blank lines between them.
    pub fn block(mut self, lines: &[String]) -> Self {
        if !lines.is_empty() {
            self.paragraphs.push(lines.join("\n"));
        }
        self
    }

    /// Uses `fallback` when nothing was added so far.
    pub fn or(mut self, fallback: impl Into<String>) -> Self {
        if self.paragraphs.is_empty() {
            self.paragraphs.push(fallback.into());
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            lines.extend(
                paragraph
                    .lines()
                    .flat_map(|line| wrap_line(line, DOC_WIDTH))
                    .map(|line| format!(" {line}")),
            );
        }
        lines
    }

    /// Outer doc attributes (`///`).
    pub fn outer(&self) -> TokenStream {
        let lines = self.lines();
        quote! { #( #[doc = #lines] )* }
    }

    /// Inner doc attributes (`//!`).
    pub fn inner(&self) -> TokenStream {
        let lines = self.lines();
        quote! { #( #![doc = #lines] )* }
    }
}

/// Where a type expression is written, which decides how named types are spelled.
pub enum TypeSite<'a> {
    /// A file under `src/types/{namespace}`: same-namespace types by bare name (imported
    /// from the parent module unless defined in `local`), others by `crate::types::...`.
    TypeFile {
        namespace: &'a [String],
        local: &'a BTreeSet<String>,
        imports: &'a mut BTreeSet<String>,
    },
    /// An endpoint file, which imports `crate::types`.
    Endpoints,
}

impl TypeSite<'_> {
    fn named(&mut self, path: &RustTypePath) -> TokenStream {
        let name = ident(&path.name);
        let modules: Vec<_> = path.namespace.iter().map(|m| ident(m)).collect();
        match self {
            TypeSite::TypeFile {
                namespace,
                local,
                imports,
            } => {
                if path.namespace.as_slice() == *namespace {
                    if !local.contains(&path.name) {
                        imports.insert(path.name.clone());
                    }
                    quote! { #name }
                } else {
                    quote! { crate::types #( :: #modules )* :: #name }
                }
            }
            TypeSite::Endpoints => quote! { types #( :: #modules )* :: #name },
        }
    }
}

/// Tokens for a planned type expression.
pub fn type_tokens(expr: &RustTypeExpr, site: &mut TypeSite<'_>) -> TokenStream {
    match expr {
        RustTypeExpr::Primitive(primitive) => primitive_tokens(*primitive),
        RustTypeExpr::Named { path, .. } | RustTypeExpr::Polymorphic { path, .. } => {
            site.named(path)
        }
        RustTypeExpr::List(inner) => {
            let inner = type_tokens(inner, site);
            quote! { Vec<#inner> }
        }
        RustTypeExpr::Boxed(inner) => {
            let inner = type_tokens(inner, site);
            quote! { Box<#inner> }
        }
    }
}

pub fn primitive_tokens(primitive: RustPrimitive) -> TokenStream {
    match primitive {
        RustPrimitive::String => quote! { String },
        RustPrimitive::Bool => quote! { bool },
        RustPrimitive::I8 => quote! { i8 },
        RustPrimitive::U8 => quote! { u8 },
        RustPrimitive::I16 => quote! { i16 },
        RustPrimitive::I32 => quote! { i32 },
        RustPrimitive::I64 => quote! { i64 },
        RustPrimitive::F32 => quote! { f32 },
        RustPrimitive::F64 => quote! { f64 },
        RustPrimitive::Uuid => quote! { uuid::Uuid },
        RustPrimitive::DateTime => quote! { graphgen_runtime::primitives::DateTimeOffset },
        RustPrimitive::Date => quote! { chrono::NaiveDate },
        RustPrimitive::TimeOfDay => quote! { chrono::NaiveTime },
        RustPrimitive::Duration => quote! { graphgen_runtime::primitives::IsoDuration },
        RustPrimitive::Binary => quote! { graphgen_runtime::primitives::Base64Bytes },
        RustPrimitive::JsonValue => quote! { serde_json::Value },
    }
}

/// A short description of a type expression for docs, e.g. `` `microsoft.graph.user` ``.
pub fn describe_type(expr: &RustTypeExpr) -> String {
    match expr {
        RustTypeExpr::Named { odata_name, .. } | RustTypeExpr::Polymorphic { odata_name, .. } => {
            format!("`{}`", docs::code(odata_name))
        }
        RustTypeExpr::List(inner) => format!("a collection of {}", describe_type(inner)),
        RustTypeExpr::Boxed(inner) => describe_type(inner),
        RustTypeExpr::Primitive(_) => "a primitive value".to_string(),
    }
}

/// A field of a generated struct (`Field<T>`; its wire name is in the struct's `Object` impl).
pub fn field_tokens(
    name: &str,
    ty: &RustTypeExpr,
    doc: &Doc,
    site: &mut TypeSite<'_>,
) -> TokenStream {
    let name = ident(name);
    let ty = type_tokens(ty, site);
    let doc = doc.outer();
    quote! {
        #doc
        pub #name: Field<#ty>,
    }
}

/// The map that keeps members the docs do not describe.
pub fn additional_properties_tokens(name: &str) -> TokenStream {
    let name = ident(name);
    let doc = Doc::new()
        .line(
            "Members the docs do not describe, kept as read so that they are sent back unchanged.",
        )
        .outer();
    quote! {
        #doc
        pub #name: serde_json::Map<String, serde_json::Value>,
    }
}
