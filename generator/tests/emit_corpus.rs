//! The whole v1.0 corpus generates into a crate that passes `cargo check`, `cargo clippy
//! -- -D warnings` and `cargo doc` without warnings.

mod emit_fixtures;

use std::path::Path;
use std::time::Instant;

use emit_fixtures::*;

fn count_items(files: &std::collections::BTreeMap<String, String>) -> (usize, usize, usize) {
    let mut lines = 0;
    let mut items = 0;
    for content in files.values() {
        for line in content.lines() {
            lines += 1;
            let line = line.trim_start();
            if ["pub fn ", "pub struct ", "pub enum "].iter().any(|p| line.starts_with(p)) {
                items += 1;
            }
        }
    }
    (files.len(), items, lines)
}

#[test]
fn corpus_crate_compiles_clean() {
    let docs = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/graph-docs/api-reference/v1.0"));
    if !docs.is_dir() {
        println!("skipped: {} is absent", docs.display());
        return;
    }
    let started = Instant::now();
    let model = graphgen::model::build::read_docs(docs);
    let read = started.elapsed();
    let dir = workspace_root().join("target").join("emit-corpus").join("graph-client");
    let started = Instant::now();
    let generated = write_crate(&model, &dir, "graph-client");
    let emitted = started.elapsed();
    let (files, items, lines) = count_items(&generated.files);
    println!(
        "corpus: {} types, {} operations; read {read:?}, emitted {emitted:?}; {files} files, {items} public items, {lines} lines; {} emit diagnostics",
        model.types.len(),
        model.operations.len(),
        generated.diagnostics.len()
    );
    assert!(
        !generated.diagnostics.iter().any(|d| d.code == graphgen::emit::plan::codes::INVALID_TOKENS),
        "some files did not parse: {:?}",
        generated.diagnostics
    );

    for (args, env) in [
        (vec!["check"], vec![]),
        (vec!["clippy", "--", "-D", "warnings"], vec![]),
        (vec!["doc", "--no-deps"], vec![("RUSTDOCFLAGS", "-D warnings")]),
    ] {
        let (ok, stderr, took) = cargo(&dir, &args, &env);
        let shown: String = stderr
            .lines()
            .filter(|l| !l.trim_start().starts_with("Checking "))
            .take(200)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(ok, "cargo {args:?} failed:\n{shown}");
        assert!(!stderr.contains("warning:"), "cargo {args:?} warned:\n{shown}");
        println!("cargo {args:?}: {took:?}");
    }
}
