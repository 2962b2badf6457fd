//! `src/query.rs`: one marker type per set of OData query options some page documents.

use proc_macro2::TokenStream;
use quote::quote;

use super::Doc;
use crate::emit::naming::ident;
use crate::emit::plan::system_options::{code_list, pascal_name, RustOptionMarker};

/// The module of marker types a request's second type parameter names.
pub fn query_file(markers: &[RustOptionMarker]) -> TokenStream {
    let doc = Doc::new()
        .line(
            "Which OData query options each operation's page documents. An endpoint returns \
             `Request<R, Q>` with one of these markers as `Q` (`Q<T>`: `T` is the type whose \
             properties `$select` names); the request has a method for each option its marker \
             names (`.select(..)`, `.filter(..)`, `.top(..)`, ...), from \
             `graphgen_runtime::documented`.",
        )
        .line("`Request::with_options` still sets any option, for what a page leaves out.")
        .inner();
    let imports = (!markers.is_empty()).then(|| {
        quote! {
            use std::marker::PhantomData;

            use graphgen_runtime::documented;
        }
    });
    let markers = markers.iter().map(marker_tokens);
    quote! {
        #doc
        #imports
        #(#markers)*
    }
}

fn marker_tokens(marker: &RustOptionMarker) -> TokenStream {
    let name = ident(&marker.name);
    let doc = Doc::new()
        .line(format!(
            "The page documents {}.",
            code_list(&marker.options)
        ))
        .outer();
    let traits = marker.options.iter().map(|option| {
        let option_trait = ident(pascal_name(*option));
        quote! { impl<T> documented::#option_trait for #name<T> {} }
    });
    quote! {
        #doc
        pub struct #name<T>(PhantomData<fn() -> T>);

        impl<T> documented::DocumentedOptions for #name<T> {
            type Item = T;
        }

        #(#traits)*
    }
}
