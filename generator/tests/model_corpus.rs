//! The model read from the real v1.0 docs snapshot must meet the documented floors.
//! Reads the vendored pages in `docs-input/v1.0`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use graphgen::model::build::read_docs;
use graphgen::model::{Model, TypeKind};

fn corpus() -> Option<PathBuf> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input/v1.0"));
    assert!(
        root.is_dir(),
        "the vendored docs are missing at {}",
        root.display()
    );
    Some(root.to_path_buf())
}

/// Method pages whose text has an `HTTP request` heading, counted straight from the files.
fn pages_with_http_section(root: &Path) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    let Ok(entries) = std::fs::read_dir(root.join("api")) else {
        return pages;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let has_section = text.lines().any(|line| {
            let trimmed = line.trim_start_matches('#');
            line.starts_with("##")
                && trimmed
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("http request")
        });
        if has_section {
            if let Some(name) = path.file_name() {
                pages.insert(format!("api/{}", name.to_string_lossy()));
            }
        }
    }
    pages
}

fn codes_by_file(model: &Model, codes: &[&str]) -> BTreeSet<String> {
    model
        .diagnostics
        .iter()
        .filter(|d| codes.contains(&d.code))
        .map(|d| d.file.clone())
        .collect()
}

#[test]
fn v1_corpus_meets_the_floors() {
    let Some(root) = corpus() else { return };
    let started = Instant::now();
    let model = read_docs(&root);
    let elapsed = started.elapsed();

    let http_pages = pages_with_http_section(&root);
    let mut ops_by_page: BTreeMap<&str, Vec<&graphgen::model::Operation>> = BTreeMap::new();
    for operation in &model.operations {
        ops_by_page
            .entry(operation.source.file.as_str())
            .or_default()
            .push(operation);
    }
    // A page whose lines another page owns still yields them (see `model::shared_lines`).
    let documenting: std::collections::BTreeSet<&str> = model
        .operations
        .iter()
        .flat_map(|op| {
            std::iter::once(op.source.file.as_str())
                .chain(op.also_documented_by.iter().map(|o| o.source.file.as_str()))
        })
        .collect();
    let pages_with_ops = http_pages
        .iter()
        .filter(|p| documenting.contains(p.as_str()))
        .count();
    let documented_lines: usize = model
        .operations
        .iter()
        .map(|op| 1 + op.also_documented_by.len())
        .sum();
    let method_pages = ops_by_page.len();
    let with_permissions = ops_by_page
        .values()
        .filter(|ops| {
            ops.iter().any(|o| {
                o.permissions.delegated_work.is_some()
                    || o.permissions.delegated_personal.is_some()
                    || o.permissions.application.is_some()
            })
        })
        .count();
    let untyped_response = codes_by_file(&model, &["GG0205", "GG0208", "GG0209"]);
    let with_response = ops_by_page
        .iter()
        .filter(|(file, ops)| {
            !untyped_response.contains(**file) && ops.iter().all(|o| o.response.status != 0)
        })
        .count();
    let enums = model
        .types
        .values()
        .filter(|t| t.kind == TypeKind::Enum)
        .count();
    let with_inherited = model
        .types
        .values()
        .filter(|t| !t.inherited.is_empty())
        .count();
    let examples: usize = model.operations.iter().map(|o| o.examples.len()).sum();
    let unattached = model
        .diagnostics
        .iter()
        .filter(|d| d.code == "GG0402" || d.code == "GG0403")
        .count();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for diagnostic in &model.diagnostics {
        *by_code.entry(diagnostic.code).or_default() += 1;
    }

    println!("read in {elapsed:?}");
    println!(
        "method pages with an HTTP request section: {}, yielding operations: {pages_with_ops}",
        http_pages.len()
    );
    println!("operations: {}", model.operations.len());
    println!("permissions: {with_permissions}/{method_pages} pages with operations");
    println!("responses: {with_response}/{method_pages} pages with operations");
    println!(
        "types: {} ({enums} enums, {with_inherited} with inherited members)",
        model.types.len()
    );
    println!("examples attached: {examples}, not attached: {unattached}");
    println!("diagnostics by code: {by_code:?}");

    assert!(
        pages_with_ops * 100 >= http_pages.len() * 99,
        "only {pages_with_ops} of {} pages yield operations",
        http_pages.len()
    );
    assert!(
        documented_lines >= 3600,
        "only {documented_lines} documented request lines"
    );
    assert!(
        with_permissions * 100 >= method_pages * 97,
        "permissions on only {with_permissions} of {method_pages} pages"
    );
    assert!(
        with_response * 100 >= method_pages * 95,
        "responses on only {with_response} of {method_pages} pages"
    );
    assert!(
        model.types.len() >= 1200,
        "only {} types",
        model.types.len()
    );
    assert!(enums > 0);
    let user = model.types.get("microsoft.graph.user").expect("user type");
    assert_eq!(
        user.base.as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    let lob_app = model
        .types
        .get("microsoft.graph.androidLobApp")
        .expect("androidLobApp type");
    assert_eq!(
        lob_app.base.as_deref(),
        Some("microsoft.graph.mobileLobApp")
    );
    assert!(
        lob_app
            .inherited
            .iter()
            .any(|p| p.property.name == "displayName" && p.from == "microsoft.graph.mobileApp"),
        "displayName comes from mobileApp"
    );
    assert!(
        !lob_app.properties.iter().any(|p| p.name == "displayName"),
        "rows marked \"Inherited from\" are not own properties"
    );
    assert_eq!(user.kind, TypeKind::Entity);
    // Bases the docs state anywhere are read: the prose, the base's page, the property rows,
    // the `id` key (352 types named a base when only the annotation and "Inherits from" on
    // the type's own page counted).
    let stats = graphgen::model::stats::model_stats(&model);
    assert!(
        stats.structured_types_with_base >= 520 && stats.entity_types_without_base <= 5,
        "{stats:?}"
    );
    let service_principal = &model.types["microsoft.graph.servicePrincipal"];
    assert_eq!(
        service_principal.base.as_deref(),
        Some("microsoft.graph.directoryObject")
    );
    let chat_message = model
        .types
        .get("microsoft.graph.chatMessage")
        .expect("chatMessage type");
    assert!(chat_message.properties.iter().any(|p| p.name == "body"));
    // The few left are requests to other hosts (bot callbacks, upload URLs) or with a method the
    // page documents no request line for; each is a GG0402 diagnostic naming the example.
    assert!(unattached <= 20, "{unattached} examples not attached");
    assert!(
        !model.diagnostics.iter().any(|d| d.code == "GG0403"),
        "every response-only example is attached"
    );
    // About 0.25 s on an idle 2-core machine; the bound leaves room for a machine shared with builds.
    if !cfg!(debug_assertions) {
        assert!(elapsed.as_secs_f64() < 2.5, "reading took {elapsed:?}");
    }
}
