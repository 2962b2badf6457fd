//! One file per model type: a struct (with its polymorphic enum when types derive from it)
//! or an open enum.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::object::{object_impls, ObjectMember};
use super::{additional_properties_tokens, field_tokens, Doc, TypeSite};
use crate::emit::docs;
use crate::emit::naming::ident;
use crate::emit::plan::{
    RustEnum, RustField, RustPolymorphic, RustStruct, RustType, RustTypeShape,
};

/// The whole file defining `ty`.
pub fn type_file(ty: &RustType) -> TokenStream {
    match &ty.shape {
        RustTypeShape::Struct(shape) => struct_file(ty, shape),
        RustTypeShape::Enum(shape) => enum_file(ty, shape),
    }
}

fn type_doc(ty: &RustType) -> Doc {
    let mut doc = Doc::new()
        .text(&ty.description)
        .or(format!("The `{}` type.", docs::code(&ty.odata_name)));
    if ty.inferred {
        doc = doc.line("No page documents this type; its shape was inferred from examples.");
    }
    doc.line(format!(
        "OData type `{}`, documented in `{}`, line {}.",
        docs::code(&ty.odata_name),
        docs::code(&ty.source.file),
        ty.source.line
    ))
}

/// A generated struct with its fields, the map of undocumented members, and the impls that
/// read and write it as a JSON object (types and parameter-list bodies alike).
pub(crate) fn object_struct(
    name: &str,
    doc: &TokenStream,
    fields: &[RustField],
    additional_properties: &str,
    site: &mut TypeSite<'_>,
) -> TokenStream {
    let field_items: Vec<TokenStream> = fields
        .iter()
        .map(|field| field_tokens(&field.name, &field.ty, &field_doc(field), site))
        .collect();
    let additional = additional_properties_tokens(additional_properties);
    let members: Vec<ObjectMember<'_>> = fields
        .iter()
        .map(|f| ObjectMember {
            field: &f.name,
            wire_name: &f.wire_name,
        })
        .collect();
    let impls = object_impls(name, &members, additional_properties);
    let name = ident(name);
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#field_items)*
            #additional
        }

        #impls
    }
}

pub(crate) fn field_doc(field: &RustField) -> Doc {
    let mut notes = Vec::new();
    if field.required {
        notes.push("Required.".to_string());
    }
    let says_read_only = {
        let lower = field.description.to_lowercase();
        lower.contains("read-only") || lower.contains("read only")
    };
    if field.read_only && !says_read_only {
        notes.push("Read-only.".to_string());
    }
    if field.navigation {
        notes.push("Relationship.".to_string());
    }
    if let Some(from) = &field.inherited_from {
        notes.push(format!("Inherited from `{}`.", docs::code(from)));
    }
    let mut doc = Doc::new()
        .text(&field.description)
        .or(format!("The `{}` member.", docs::code(&field.wire_name)));
    if !notes.is_empty() {
        doc = doc.line(notes.join(" "));
    }
    doc
}

fn struct_file(ty: &RustType, shape: &RustStruct) -> TokenStream {
    let local: BTreeSet<String> = std::iter::once(ty.path.name.clone())
        .chain(shape.polymorphic.as_ref().map(|p| p.name.clone()))
        .collect();
    let mut imports = BTreeSet::new();
    let mut site = TypeSite::TypeFile {
        namespace: &ty.path.namespace,
        local: &local,
        imports: &mut imports,
    };
    let object = object_struct(
        &ty.path.name,
        &type_doc(ty).outer(),
        &shape.fields,
        &shape.additional_properties,
        &mut site,
    );
    let polymorphic = shape
        .polymorphic
        .as_ref()
        .map(|poly| polymorphic_tokens(ty, poly, &mut site));
    let properties = ty.selectable.then(|| property_consts(ty, shape));
    let super_imports: Vec<_> = imports.iter().map(|name| ident(name)).collect();
    let super_use =
        (!super_imports.is_empty()).then(|| quote! { use super::{ #(#super_imports),* }; });
    let field_use = (!shape.fields.is_empty()).then(|| quote! { use graphgen_runtime::Field; });
    // The struct's serde impls come from the runtime's macro; only the polymorphic enum's name the traits.
    let serde_use = polymorphic
        .is_some()
        .then(|| quote! { use serde::{Deserialize, Serialize}; });
    quote! {
        #field_use
        #serde_use
        #super_use

        #object

        #properties

        #polymorphic
    }
}

/// `User::DISPLAY_NAME`: one `Property` per field, for `$select` and `$orderby`.
fn property_consts(ty: &RustType, shape: &RustStruct) -> TokenStream {
    let name = ident(&ty.path.name);
    let doc = Doc::new()
        .line(format!(
            "The properties of `{}` by JSON name, for `$select` and `$orderby` \
             (`.select([{}::ID])` on a request), one constant per field.",
            docs::code(&ty.odata_name),
            ty.path.name
        ))
        .outer();
    let consts = shape.fields.iter().map(|field| {
        let constant = quote::format_ident!(
            "{}",
            crate::emit::naming::unraw(&field.name)
                .trim_end_matches('_')
                .to_ascii_uppercase()
        );
        let wire = &field.wire_name;
        // A struct literal, not `Property::new`: `cargo check` evaluates every constant, and
        // thousands of const fn calls cost a measurable share of the crate's check time.
        quote! {
            pub const #constant: graphgen_runtime::Property<#name> =
                graphgen_runtime::Property { name: #wire, of: std::marker::PhantomData };
        }
    });
    quote! {
        #doc
        #[allow(missing_docs)]
        impl #name {
            #(#consts)*
        }
    }
}

fn polymorphic_tokens(
    ty: &RustType,
    poly: &RustPolymorphic,
    site: &mut TypeSite<'_>,
) -> TokenStream {
    let enum_name = ident(&poly.name);
    let base_type = ident(&ty.path.name);
    let base_variant = ident(&poly.base_variant);
    let odata = docs::code(&ty.odata_name);
    let doc = Doc::new()
        .line(format!("A `{odata}` or a type derived from it, told apart by `@odata.type`."))
        .line("Reading picks the variant named by the tag; writing a derived variant adds its tag unless the value carries one.")
        .outer();
    let base_doc = Doc::new()
        .line(format!(
            "A `{odata}` itself, or a value whose `@odata.type` is missing or names a type this crate does not know."
        ))
        .outer();
    let variant_names: Vec<_> = poly.variants.iter().map(|v| ident(&v.name)).collect();
    let variant_types: Vec<TokenStream> = poly
        .variants
        .iter()
        .map(|v| {
            super::type_tokens(
                &crate::emit::plan::RustTypeExpr::Named {
                    odata_name: v.odata_name.clone(),
                    path: v.ty.clone(),
                },
                site,
            )
        })
        .collect();
    let variant_docs: Vec<TokenStream> = poly
        .variants
        .iter()
        .map(|v| {
            Doc::new()
                .line(format!("A `{}`.", docs::code(&v.odata_name)))
                .outer()
        })
        .collect();
    let tags: Vec<&str> = poly
        .variants
        .iter()
        .map(|v| v.odata_name.as_str())
        .collect();
    // What a derived value writes through its base so that the service reads it as its type.
    let written_tags: Vec<String> = tags.iter().map(|tag| format!("#{tag}")).collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #enum_name {
            #base_doc
            #base_variant(Box<#base_type>),
            #( #variant_docs #variant_names(Box<#variant_types>), )*
        }

        impl From<#base_type> for #enum_name {
            fn from(value: #base_type) -> Self {
                Self::#base_variant(Box::new(value))
            }
        }

        #(
            impl From<#variant_types> for #enum_name {
                fn from(value: #variant_types) -> Self {
                    Self::#variant_names(Box::new(value))
                }
            }
        )*

        impl Serialize for #enum_name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    Self::#base_variant(value) => value.serialize(serializer),
                    #( Self::#variant_names(value) => graphgen_runtime::support::write_derived(&**value, #written_tags, serializer), )*
                }
            }
        }

        impl<'de> Deserialize<'de> for #enum_name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let read = match graphgen_runtime::support::odata_type(&value) {
                    #( Some(#tags) => graphgen_runtime::support::read_derived(value).map(Self::#variant_names), )*
                    _ => serde_json::from_value(value).map(Self::#base_variant),
                };
                read.map_err(serde::de::Error::custom)
            }
        }
    }
}

fn enum_file(ty: &RustType, shape: &RustEnum) -> TokenStream {
    let name = ident(&ty.path.name);
    let doc = type_doc(ty)
        .line("Values the docs do not list are kept as they are, so that newer values read and send back fine.")
        .outer();
    let variants: Vec<_> = shape.variants.iter().map(|v| ident(&v.name)).collect();
    let wire: Vec<&str> = shape
        .variants
        .iter()
        .map(|v| v.wire_value.as_str())
        .collect();
    let variant_docs: Vec<TokenStream> = shape
        .variants
        .iter()
        .map(|v| {
            let value = if v.wire_value.trim().is_empty() {
                "The empty value.".to_string()
            } else {
                format!("`{}`", docs::code(&v.wire_value))
            };
            Doc::new().line(value).text(&v.description).outer()
        })
        .collect();
    let other = ident(&shape.other_variant);
    // A `match` with a lone wildcard arm is a clippy finding, so enums without documented
    // members convert directly.
    let undocumented =
        quote! { Self::#other(graphgen_runtime::UndocumentedValue::from_wire(value)) };
    let from_body = if variants.is_empty() {
        undocumented
    } else {
        quote! {
            match value {
                #( #wire => Self::#variants, )*
                _ => #undocumented,
            }
        }
    };
    quote! {
        use serde::{Deserialize, Serialize};

        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value the docs do not list, as received; build values with `From<&str>`.
            #other(graphgen_runtime::UndocumentedValue),
        }

        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    Self::#other(value) => value.as_str(),
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_body
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                graphgen_runtime::support::deserialize_open_enum(deserializer)
            }
        }
    }
}
