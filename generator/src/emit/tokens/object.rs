//! The serde impls of a generated struct: `graphgen_runtime::support::Object` (a table of
//! wire names and a `match` from table index to field), and `Serialize`/`Deserialize` from
//! the runtime's `serde_via_object!`, which hand over to the runtime's loops. Serde's
//! derives would expand a field enum, a visitor and a map loop per struct, which dominated
//! the compile time of the client.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::naming::ident;

/// One described member of a struct: its Rust field name and its wire name.
pub struct ObjectMember<'a> {
    pub field: &'a str,
    pub wire_name: &'a str,
}

/// The impls for struct `name` with `members` in declaration order and the map of other
/// members in field `additional`.
pub fn object_impls(name: &str, members: &[ObjectMember<'_>], additional: &str) -> TokenStream {
    let type_name = ident(name);
    let additional = ident(additional);
    let fields: Vec<_> = members.iter().map(|m| ident(m.field)).collect();
    let wire: Vec<&str> = members.iter().map(|m| m.wire_name).collect();
    let indexes = (0..members.len()).map(proc_macro2::Literal::usize_unsuffixed);
    // A `match` with a lone wildcard arm is a clippy finding, and unused parameters warn, so
    // a struct without described members ignores them explicitly.
    let read_body = if members.is_empty() {
        quote! {
            let _ = (index, map);
            Ok(())
        }
    } else {
        quote! {
            match index {
                #( #indexes => graphgen_runtime::support::read(map, &mut self.#fields), )*
                _ => Ok(()),
            }
        }
    };
    let write_body = if members.is_empty() {
        quote! {
            let _ = map;
            Ok(())
        }
    } else {
        quote! {
            #( graphgen_runtime::support::put(map, #wire, &self.#fields)?; )*
            Ok(())
        }
    };
    // A struct whose docs list `@odata.type` as a property carries its own tag when set; the
    // others keep the trait's answer (none), which costs nothing to compile.
    let carries_tag = members
        .iter()
        .find(|m| m.wire_name == "@odata.type")
        .map(|m| {
            let field = ident(m.field);
            quote! {
                fn carries_odata_type(&self) -> bool {
                    !self.#field.is_absent()
                }
            }
        });
    quote! {
        impl graphgen_runtime::support::Object for #type_name {
            const NAME: &'static str = #name;
            const MEMBERS: &'static [&'static str] = &[ #(#wire),* ];

            fn read_member<'de, A: serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                #read_body
            }

            fn write_members<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                #write_body
            }

            fn additional(&self) -> &serde_json::Map<String, serde_json::Value> {
                &self.#additional
            }

            fn additional_mut(&mut self) -> &mut serde_json::Map<String, serde_json::Value> {
                &mut self.#additional
            }

            #carries_tag
        }

        graphgen_runtime::serde_via_object!(#type_name);
    }
}
