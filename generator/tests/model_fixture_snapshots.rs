//! The model read from each fixture page, snapshotted as JSON: what every field became, not
//! only the fields the hand-written tests look at. One snapshot per page, so a review diff
//! names the page whose reading changed.

use std::path::Path;

use graphgen::model::build::read_docs;
use serde_json::{json, Value};

/// The part of the model a page produced: its types, its operations, its diagnostics.
fn page_part(model: &Value, page: &str) -> Value {
    let from_page = |items: &Value| -> Vec<Value> {
        items
            .as_array()
            .into_iter()
            .flatten()
            .filter(|item| item["source"]["file"] == page || item["file"] == page)
            .cloned()
            .collect()
    };
    json!({
        "types": from_page(&model["types"]),
        "operations": from_page(&model["operations"]),
        "diagnostics": from_page(&model["diagnostics"]),
    })
}

fn pages(root: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    for folder in ["api", "resources"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                pages.push(format!("{folder}/{name}"));
            }
        }
    }
    pages.sort();
    pages
}

#[test]
fn each_fixture_page_reads_into_its_snapshotted_model() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let model: Value = serde_json::from_str(&graphgen::model::build::model_json(&read_docs(&root)))
        .expect("model JSON");
    let pages = pages(&root);
    assert!(pages.len() >= 10, "fixture pages: {pages:?}");
    insta::with_settings!({
        snapshot_path => "snapshots/model_pages",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        for page in &pages {
            let part = page_part(&model, page);
            insta::assert_snapshot!(
                page.replace('/', "__"),
                serde_json::to_string_pretty(&part).expect("JSON")
            );
        }
    });
}
