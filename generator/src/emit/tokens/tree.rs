//! The resource tree: `src/tree/mod.rs` (the root, [`Graph`](crate::emit::plan::tree)) and one
//! file per first path segment, each node a small `Copy` struct holding its path arguments.
//! Every leaf calls its endpoint function, which alone builds the request.

use proc_macro2::TokenStream;
use quote::quote;

use super::endpoints::{arg_doc_line, body_arg_type, endpoint_doc, query_arg_type, DocFor, Uses};
use super::Doc;
use crate::emit::docs;
use crate::emit::naming::{ident, unraw};
use crate::emit::plan::tree::{RustChild, RustLeaf, RustNode};
use crate::emit::plan::{RustApi, RustArgKind, RustBody, RustEndpoint};
use crate::model::Model;

/// `#[cfg(...)]` for a set of features (one feature, or any of several).
fn gate(features: &[String]) -> TokenStream {
    match features {
        [one] => quote! { #[cfg(feature = #one)] },
        many => quote! { #[cfg(any(#(feature = #many),*))] },
    }
}

/// `src/tree/mod.rs`: the root and the modules below it.
pub fn tree_index(api: &RustApi, modules: &[String]) -> TokenStream {
    let doc = Doc::new()
        .line(
            "The resource tree: the URL space of the API as methods, from the root [`Graph`] down to \
             the request you want.",
        )
        .line(
            "`Graph.users().id(\"48d31887-...\").messages().list()` builds the same \
             `graphgen_runtime::Request` as `endpoints::outlook::get_users_by_id_messages(...)`: \
             each node is a small `Copy` struct holding the path arguments so far, and each leaf \
             (`get`, `list`, `create`, `post`, `update`, `put`, `delete`) calls its endpoint function. \
             A key of a collection is `id(..)`; an alternate key, a function with parameters or a \
             drive path is a method taking them (`directory_roles().role_template_id(..)`, \
             `reports().get_email_activity_counts(period)`, `drive().root_path(path)`); a cast is \
             `as_{type}()`.",
        )
        .line(
            "A node exists only when a cargo feature of an area with a request below it is on, a \
             leaf only with its own area's feature.",
        )
        .inner();
    let root = &api.tree.nodes[0];
    let children = root
        .children
        .iter()
        .map(|child| child_tokens(api, root, child));
    let root_doc = Doc::new()
        .line("The root of the resource tree; start every request here (`Graph.me()`).")
        .block(&child_links(api, root))
        .outer();
    let mods = modules.iter().filter_map(|module| {
        let features = module_features(api, module);
        if features.is_empty() {
            return None;
        }
        let gate = gate(&features);
        let name = ident(module);
        Some(quote! {
            #gate mod #name;
            #gate pub use #name::*;
        })
    });
    quote! {
        #doc
        #(#mods)*
        #root_doc
        #[derive(Debug, Clone, Copy, Default)]
        pub struct Graph;
        impl Graph {
            #(#children)*
        }
    }
}

/// The features of every node of one module.
fn module_features(api: &RustApi, module: &str) -> Vec<String> {
    let mut features: Vec<String> = api
        .tree
        .nodes
        .iter()
        .filter(|node| node.module == module)
        .flat_map(|node| node.features.iter().cloned())
        .collect();
    features.sort();
    features.dedup();
    features
}

/// The path of each endpoint function's leaf (`crate::tree::UserMessages::list`), by function name.
pub fn leaf_paths(api: &RustApi) -> std::collections::BTreeMap<String, String> {
    let mut paths = std::collections::BTreeMap::new();
    for node in api.tree.nodes.iter().skip(1) {
        for leaf in &node.leaves {
            if let Some(endpoint) = api.endpoints.get(leaf.endpoint) {
                paths.insert(
                    endpoint.fn_name.clone(),
                    format!("crate::tree::{}::{}", node.name, leaf.method),
                );
            }
        }
    }
    paths
}

/// The modules of the tree, sorted.
pub fn tree_modules(api: &RustApi) -> Vec<String> {
    let mut modules: Vec<String> = api
        .tree
        .nodes
        .iter()
        .skip(1)
        .map(|node| node.module.clone())
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

/// `src/tree/{module}.rs`: the nodes below one first segment.
pub fn tree_file(api: &RustApi, model: &Model, module: &str) -> TokenStream {
    let mut uses = Uses::default();
    let nodes: Vec<TokenStream> = api
        .tree
        .nodes
        .iter()
        .skip(1)
        .filter(|node| node.module == module)
        .map(|node| node_tokens(api, model, node, &mut uses))
        .collect();
    let runtime: Vec<_> = uses.runtime.iter().map(|name| ident(name)).collect();
    let doc = Doc::new()
        .line(format!(
            "Nodes of the resource tree under `/{}`.",
            docs::code(
                api.tree
                    .nodes
                    .iter()
                    .find(|n| n.module == module)
                    .map(|n| n.path.trim_start_matches('/'))
                    .unwrap_or(module)
            )
        ))
        .inner();
    let types_use = uses.types.then(|| {
        quote! {
            #[allow(unused_imports)]
            use crate::types;
        }
    });
    quote! {
        #doc
        #[allow(unused_imports)]
        use graphgen_runtime::{ #(#runtime),* };
        #types_use
        #(#nodes)*
    }
}

/// `` [`text`](path) ``, or `` `text` `` alone when the path holds a raw identifier, which an
/// intra-doc link cannot spell.
pub(super) fn doc_link(text: &str, path: &str) -> String {
    if path.contains("r#") {
        format!("`{text}`")
    } else {
        format!("[`{text}`]({path})")
    }
}

fn child_links(api: &RustApi, node: &RustNode) -> Vec<String> {
    if node.children.is_empty() {
        return Vec::new();
    }
    let mut lines = vec!["Below it:".to_string()];
    for child in &node.children {
        let target = &api.tree.nodes[child.node];
        lines.push(format!(
            "- {}: `{}`",
            doc_link(
                &child_signature(child),
                &format!("{}::{}", node.name, child.method)
            ),
            docs::code(&target.path)
        ));
    }
    lines
}

fn child_signature(child: &RustChild) -> String {
    let args: Vec<&str> = child.args.iter().map(|a| unraw(a)).collect();
    format!("{}({})", unraw(&child.method), args.join(", "))
}

fn node_tokens(api: &RustApi, model: &Model, node: &RustNode, uses: &mut Uses) -> TokenStream {
    let name = ident(&node.name);
    let gate = gate(&node.features);
    let fields = (0..node.ids).map(|_| quote! { pub(super) &'a str });
    // A line that names one placeholder twice passes its first value; the other is held unread.
    let all_read = !node.children.is_empty()
        || (0..node.ids).all(|i| {
            node.leaves
                .iter()
                .any(|leaf| leaf.sources.contains(&Some(i)))
        });
    let unread = (!all_read).then(|| quote! { #[allow(dead_code)] });
    let (declared, implemented) = if node.ids == 0 {
        (quote! { pub struct #name; }, quote! { impl #name })
    } else {
        (
            quote! { #unread pub struct #name<'a>(#(#fields),*); },
            quote! { impl<'a> #name<'a> },
        )
    };
    let mut lines = vec![format!("`{}`", docs::code(&node.path))];
    if !node.leaves.is_empty() {
        let leaves: Vec<String> = node
            .leaves
            .iter()
            .map(|leaf| {
                doc_link(
                    unraw(&leaf.method),
                    &format!("{}::{}", node.name, leaf.method),
                )
            })
            .collect();
        lines.push(format!("Requests: {}.", leaves.join(", ")));
    }
    let doc = lines
        .into_iter()
        .fold(Doc::new(), Doc::line)
        .block(&child_links(api, node))
        .outer();
    let children = node
        .children
        .iter()
        .map(|child| child_tokens(api, node, child));
    let leaves = node
        .leaves
        .iter()
        .filter_map(|leaf| leaf_tokens(api, model, node, leaf, uses));
    quote! {
        #doc
        #gate
        #declared
        #gate
        #implemented {
            #(#children)*
            #(#leaves)*
        }
    }
}

/// A node's type as written in a signature: `UserMessages<'a>`, or `Me` when it holds nothing.
fn node_type(node: &RustNode) -> TokenStream {
    let name = ident(&node.name);
    if node.ids == 0 {
        quote! { #name }
    } else {
        quote! { #name<'a> }
    }
}

fn child_tokens(api: &RustApi, parent: &RustNode, child: &RustChild) -> TokenStream {
    let target = &api.tree.nodes[child.node];
    let method = ident(&child.method);
    let name = ident(&target.name);
    let is_root = parent.name == "Graph" && parent.ids == 0 && parent.path.is_empty();
    // Inside an impl gated alike, a gate would only repeat it (the root's impl has none).
    let gate = (is_root || target.features != parent.features).then(|| gate(&target.features));
    let doc = Doc::new()
        .line(format!(
            "[`{}`]: `{}`",
            target.name,
            docs::code(&target.path)
        ))
        .outer();
    let args: Vec<_> = child.args.iter().map(|a| ident(a)).collect();
    // Path arguments are tuple fields, so that no array length needs evaluating.
    let held = (0..parent.ids).map(|i| {
        let index = syn::Index::from(i);
        quote! { self.#index }
    });
    // A node holding nothing has no lifetime; its steps that take arguments bring one.
    let generics = (parent.ids == 0 && target.ids > 0).then(|| quote! { <'a> });
    let target_type = node_type(target);
    let body = if target.ids == 0 {
        quote! { #name }
    } else {
        quote! { #name(#(#held,)* #(#args),*) }
    };
    quote! {
        #doc
        #gate
        pub fn #method #generics(&self, #(#args: &'a str),*) -> #target_type {
            #body
        }
    }
}

fn leaf_tokens(
    api: &RustApi,
    model: &Model,
    node: &RustNode,
    leaf: &RustLeaf,
    uses: &mut Uses,
) -> Option<TokenStream> {
    let endpoint = api.endpoints.get(leaf.endpoint)?;
    let method = ident(&leaf.method);
    let feature = unraw(&endpoint.area_module);
    let gate =
        (node.features.as_slice() != [feature]).then(|| quote! { #[cfg(feature = #feature)] });
    let area = ident(&endpoint.area_module);
    let function = ident(&endpoint.fn_name);
    let mut params = Vec::new();
    let mut call = Vec::new();
    for (arg, source) in endpoint.args.iter().zip(&leaf.sources) {
        if let Some(index) = source {
            let index = syn::Index::from(*index);
            call.push(quote! { self.#index });
            continue;
        }
        let name = ident(&arg.name);
        let ty = leaf_arg_type(endpoint, &arg.kind, uses);
        params.push(quote! { #name: #ty });
        call.push(quote! { #name });
    }
    let request_type = super::endpoints::request_type(endpoint, uses);
    let own_args: Vec<String> = endpoint
        .args
        .iter()
        .zip(&leaf.sources)
        .filter(|(_, source)| source.is_none())
        .filter_map(|(arg, _)| arg_doc_line(arg))
        .collect();
    let mut doc = endpoint_doc(endpoint, model, DocFor::Leaf);
    if !own_args.is_empty() {
        doc = doc.line("Arguments:").block(&own_args);
    }
    let doc = doc
        .line(format!(
            "Builds the request of {}.",
            doc_link(
                unraw(&endpoint.fn_name),
                &format!(
                    "crate::endpoints::{}::{}",
                    endpoint.area_module, endpoint.fn_name
                )
            )
        ))
        .outer();
    Some(quote! {
        #doc
        #gate
        pub fn #method(&self, #(#params),*) -> #request_type {
            crate::endpoints::#area::#function(#(#call),*)
        }
    })
}

fn leaf_arg_type(endpoint: &RustEndpoint, kind: &RustArgKind, uses: &mut Uses) -> TokenStream {
    let area = ident(&endpoint.area_module);
    match kind {
        RustArgKind::PathParam { .. } | RustArgKind::ContentType | RustArgKind::Header { .. } => {
            quote! { &str }
        }
        RustArgKind::QueryParam { ty, .. } => query_arg_type(*ty),
        RustArgKind::Content => quote! { Vec<u8> },
        RustArgKind::Body => match &endpoint.body {
            RustBody::Parameters { struct_name, .. } => {
                let name = ident(struct_name);
                quote! { &crate::endpoints::#area::#name }
            }
            body => body_arg_type(body, uses),
        },
        RustArgKind::QueryOptions => {
            let options = endpoint
                .query_options
                .as_ref()
                .map(|o| ident(&o.struct_name));
            quote! { &crate::endpoints::#area::#options }
        }
    }
}
