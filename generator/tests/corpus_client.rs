//! The whole v1.0 corpus, the way a user generates it (`Config`: read, infer, emit, example
//! tests, stamp, write), must give a crate that is clippy-clean with `-D warnings`, documents
//! without warnings, and compiles with each of its features alone. Its documented-example
//! tests run as the committed crate's own tests.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace root")
}

/// Runs cargo in the generated crate with a target directory shared by the compile tests.
fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let started = Instant::now();
    let mut command = Command::new(env!("CARGO"));
    command.args(args).current_dir(dir).env(
        "CARGO_TARGET_DIR",
        workspace_root().join("target/emit-check"),
    );
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run cargo");
    println!("cargo {args:?}: {:?}", started.elapsed());
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn shown(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("Checking ") && !l.trim_start().starts_with("Compiling ")
        })
        .take(200)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn corpus_client_is_clean_and_proves_its_examples() {
    let root = workspace_root();
    let docs = root.join("docs-input/v1.0");
    assert!(
        docs.is_dir(),
        "the vendored docs are missing at {}",
        docs.display()
    );
    let dir = root.join("target/corpus-client/msgraph");
    let options = graphgen::emit::EmitOptions {
        runtime_dependency: graphgen::emit::RuntimeDependency::path(
            root.join("runtime").display().to_string(),
        ),
        ..Default::default()
    };
    let started = Instant::now();
    let (generated, _) = graphgen::Config::new()
        .docs(&docs)
        .out_dir(&dir)
        .emit_options(options)
        .known_broken_examples(root.join("tests/known-broken-examples.json"))
        .generate()
        .expect("the corpus generates");
    let lines: usize = generated.files.values().map(|f| f.lines().count()).sum();
    println!(
        "generated {} files, {lines} lines in {:?}; examples: {}",
        generated.files.len(),
        started.elapsed(),
        serde_json::to_string(&generated.examples).unwrap_or_default()
    );
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy the lock file");

    let (ok, _, stderr) = cargo(
        &dir,
        &[
            "clippy",
            "--offline",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    assert!(
        ok && !stderr.contains("warning:"),
        "clippy:\n{}",
        shown(&stderr)
    );
    let (ok, _, stderr) = cargo(
        &dir,
        &["doc", "--offline", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    assert!(
        ok && !stderr.contains("warning:"),
        "doc:\n{}",
        shown(&stderr)
    );
    // The documented examples run where the workspace tests the committed `msgraph` crate
    // (its `tests/examples.rs`), which `tests/generated_is_fresh.rs` holds equal to this one:
    // building the large test file twice would double the slowest step of the test command.

    // Types are gated by the features that reach them: every feature alone must compile.
    let manifest = generated
        .files
        .get("Cargo.toml")
        .cloned()
        .unwrap_or_default();
    let features = feature_names(&manifest);
    assert!(features.len() > 20, "{features:?}");
    for feature in &features {
        let (ok, _, stderr) = cargo(
            &dir,
            &[
                "check",
                "--offline",
                "--no-default-features",
                "--features",
                feature,
            ],
            &[],
        );
        assert!(ok, "the `{feature}` feature alone:\n{}", shown(&stderr));
    }
}

/// The public features a generated manifest declares: neither `default` nor the hidden
/// `_types_…` sets, which only the others turn on.
fn feature_names(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[features]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_once(" = "))
        .map(|(name, _)| name.trim().to_string())
        .filter(|name| name != "default" && !name.starts_with('_'))
        .collect()
}
