//! End to end: generate the client for `docs-input` with its example tests, and run them.
//!
//! The crate is written under the workspace's `target/` (its own workspace, built with a
//! shared target directory there) and `cargo test` must pass: every documented example of the
//! seed pages is verified or registered.

use std::path::{Path, PathBuf};
use std::process::Command;

use graphgen::emit::{generate_crate, plan, EmitOptions};
use graphgen::examples::{example_tests, KnownBroken};
use graphgen::model::build::read_docs;
use graphgen::model::infer::infer_missing_types;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn seed_examples_pass_against_the_generated_client() {
    let workspace = workspace().canonicalize().expect("workspace root");
    let mut model = read_docs(&workspace.join("docs-input"));
    infer_missing_types(&mut model);
    let runtime = workspace.join("runtime");
    let options = EmitOptions {
        runtime_dependency: format!("{{ path = {:?} }}", runtime.display().to_string()),
        own_workspace: true,
        ..EmitOptions::default()
    };
    let generated = generate_crate(&model, &options);
    let registry = KnownBroken::load(&workspace.join("tests/known-broken-examples.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let tests = example_tests(&model, &plan(&model), &registry, &options.crate_name);
    assert!(
        tests.summary.cases > 0,
        "the seed pages have examples: {:?}",
        tests.summary
    );

    let out = workspace.join("target/examples-seed/graph-client");
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("clear the previous crate");
    }
    for (path, text) in generated
        .files
        .iter()
        .chain([(&"tests/examples.rs".to_string(), &tests.file)])
    {
        let file = out.join(path);
        std::fs::create_dir_all(file.parent().expect("a parent")).expect("create dirs");
        std::fs::write(&file, text).expect("write file");
    }
    // The workspace's lock file pins the same dependency versions, so no resolution is needed.
    std::fs::copy(workspace.join("Cargo.lock"), out.join("Cargo.lock")).expect("copy Cargo.lock");

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "test",
            "--offline",
            "--test",
            "examples",
            "--",
            "--nocapture",
        ])
        .current_dir(&out)
        .env(
            "CARGO_TARGET_DIR",
            workspace.join("target/examples-seed/target"),
        )
        .output()
        .expect("run cargo test");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "example tests failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("documented examples:"), "{stdout}");
}
