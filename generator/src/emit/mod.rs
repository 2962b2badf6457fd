//! From the model to Rust: names, shapes, token streams, a formatted crate.
//!
//! Three steps, each with plain data at its boundary:
//! 1. [`plan()`] decides every Rust name and shape ([`plan::RustApi`]), following the rule in
//!    [`naming`];
//! 2. [`tokens`] turns planned items into `quote!` token streams, one `syn::File` per file;
//! 3. [`generate_crate`] formats each file once with `prettyplease` and returns the file map,
//!    with `Cargo.toml` and `README.md` beside the sources. Writing files is the caller's job.

mod cargo;
mod doc_wrap;
pub mod docs;
pub mod naming;
pub mod plan;
mod readme;
pub mod summary;
pub mod tokens;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::Model;
pub use cargo::{PackageMetadata, RuntimeDependency, DEFAULT_LICENSE};
pub use plan::{plan, RustApi};

/// How the crate is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// The package name in `Cargo.toml` (`msgraph`).
    pub crate_name: String,
    pub crate_version: String,
    /// Where `graphgen-runtime` comes from: a path, a registry version, or both.
    pub runtime_dependency: RuntimeDependency,
    /// Description, licence and the other fields a registry shows.
    pub package: PackageMetadata,
    /// Writes an empty `[workspace]` table, so the crate is its own workspace root even when
    /// it lies inside another workspace's directory.
    pub own_workspace: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            crate_name: "msgraph".to_string(),
            crate_version: "0.1.0".to_string(),
            runtime_dependency: RuntimeDependency::default(),
            package: PackageMetadata::default(),
            own_workspace: true,
        }
    }
}

/// A generated crate, ready to be written.
#[derive(Debug, Clone, Default)]
pub struct GeneratedCrate {
    /// File contents by path relative to the crate root, with `/`.
    pub files: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One output file to build.
enum Job<'a> {
    Lib,
    Namespace(&'a plan::RustNamespace),
    Type(&'a plan::RustType),
    EndpointsIndex,
    Query,
    Area(&'a plan::RustArea, Vec<&'a plan::RustEndpoint>),
    TreeIndex(&'a [String]),
    TreeModule(&'a str),
}

/// Plans, builds and formats the whole crate.
pub fn generate_crate(model: &Model, options: &EmitOptions) -> GeneratedCrate {
    generate_crate_from_plan(model, &plan(model), options)
}

/// Builds and formats the crate from a plan already made (when the caller also needs it).
pub fn generate_crate_from_plan(
    model: &Model,
    api: &RustApi,
    options: &EmitOptions,
) -> GeneratedCrate {
    let mut diagnostics = api.diagnostics.clone();

    let mut jobs: Vec<(String, Job<'_>)> = vec![("src/lib.rs".to_string(), Job::Lib)];
    for namespace in &api.namespaces {
        jobs.push((
            module_dir("src/types", &namespace.path) + "/mod.rs",
            Job::Namespace(namespace),
        ));
    }
    for ty in &api.types {
        let dir = module_dir("src/types", &ty.path.namespace);
        jobs.push((
            format!("{dir}/{}.rs", naming::unraw(&ty.file_module)),
            Job::Type(ty),
        ));
    }
    jobs.push(("src/endpoints/mod.rs".to_string(), Job::EndpointsIndex));
    jobs.push(("src/query.rs".to_string(), Job::Query));
    for area in &api.areas {
        let endpoints: Vec<_> = api
            .endpoints
            .iter()
            .filter(|e| e.area_module == area.module)
            .collect();
        jobs.push((
            format!("src/endpoints/{}.rs", naming::unraw(&area.module)),
            Job::Area(area, endpoints),
        ));
    }

    let tree_modules = tokens::tree::tree_modules(api);
    let leaf_paths = tokens::tree::leaf_paths(api);
    jobs.push(("src/tree/mod.rs".to_string(), Job::TreeIndex(&tree_modules)));
    for module in &tree_modules {
        jobs.push((
            format!("src/tree/{}.rs", naming::unraw(module)),
            Job::TreeModule(module),
        ));
    }

    // Token streams cannot cross threads, so each file is built and formatted where it runs.
    let formatted: Vec<(String, Result<String, String>)> = jobs
        .into_par_iter()
        .map(|(path, job)| {
            let tokens = match job {
                Job::Lib => tokens::modules::lib_file(api),
                Job::Namespace(namespace) => tokens::modules::namespace_file(api, namespace),
                Job::Type(ty) => tokens::types::type_file(ty),
                Job::EndpointsIndex => tokens::modules::endpoints_index(&api.areas),
                Job::Query => tokens::query::query_file(&api.option_markers),
                Job::Area(area, endpoints) => {
                    tokens::endpoints::area_file(area, &endpoints, model, &leaf_paths)
                }
                Job::TreeIndex(modules) => tokens::tree::tree_index(api, modules),
                Job::TreeModule(module) => tokens::tree::tree_file(api, model, module),
            };
            (path, format_file(tokens).map_err(|error| error.to_string()))
        })
        .collect();

    let mut files = BTreeMap::new();
    files.insert(
        "Cargo.toml".to_string(),
        cargo::manifest(options, &api.areas, &api.feature_sets),
    );
    files.insert("README.md".to_string(), readme::readme(options, &api.areas));
    for (path, result) in formatted {
        match result {
            Ok(text) => {
                files.insert(path, text);
            }
            Err(error) => diagnostics.push(Diagnostic::error(
                plan::codes::INVALID_TOKENS,
                &path,
                0,
                format!("generated code does not parse: {error}"),
            )),
        }
    }
    GeneratedCrate { files, diagnostics }
}

fn module_dir(root: &str, path: &[String]) -> String {
    let mut dir = root.to_string();
    for module in path {
        dir.push('/');
        dir.push_str(naming::unraw(module));
    }
    dir
}

/// Parses a file's tokens and prints them the one way `prettyplease` does, with a blank
/// line between top-level items.
pub fn format_file(tokens: TokenStream) -> Result<String, syn::Error> {
    let file = syn::parse2::<syn::File>(tokens)?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// Puts a blank line before each top-level item that follows a finished one, keeping runs
/// of `use` and `mod` declarations together. Works on `prettyplease` output, where a
/// top-level item starts in column 0 and the generated code has no multi-line literals.
fn space_items(text: &str) -> String {
    fn is_declaration(line: &str) -> bool {
        ["use ", "pub use ", "mod ", "pub mod "]
            .iter()
            .any(|p| line.starts_with(p))
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(prev) = previous {
            let at_top = !line.is_empty() && !line.starts_with([' ', '}', ')', ']']);
            let prev_code = !prev.starts_with(' ') && !prev.starts_with("//");
            let prev_finished = prev_code && (prev.ends_with('}') || prev.ends_with(';'));
            let prev_inner_doc = prev.starts_with("//!") || prev.starts_with("#![");
            let inner_doc_ends =
                prev_inner_doc && !(line.starts_with("//!") || line.starts_with("#!["));
            if at_top
                && ((prev_finished && !(is_declaration(prev) && is_declaration(line)))
                    || inner_doc_ends)
            {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}
