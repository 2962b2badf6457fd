//! The runtime and a generated crate are packageable as crates.io takes them, offline.
//!
//! `cargo package --no-verify` skips the build but still resolves the dependency graph, to
//! write the packaged `Cargo.lock`. A generated crate meant for crates.io depends on
//! `graphgen-runtime = "0.1"` by version only, and offline (or before the runtime is
//! published) no registry has it. So the run passes `[patch.crates-io]` on the command line:
//! resolution finds this checkout's runtime under that version, while the manifest that is
//! packaged stays exactly the generated one (the patch is not part of it). The copied
//! workspace lock file keeps every other dependency at a version already downloaded for the
//! workspace, so nothing is fetched.

use std::path::{Path, PathBuf};
use std::process::Command;

use graphgen::emit::RuntimeDependency;
use graphgen::settings::CrateSettings;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs cargo; panics with its stderr when it fails.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{stderr}",
        args.join(" "),
        dir.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn manifest(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `[package]` fields a registry shows are present and written out, not inherited.
fn assert_publishable_metadata(package: &toml::Table, what: &str) {
    for key in [
        "name",
        "version",
        "edition",
        "rust-version",
        "description",
        "license",
        "readme",
    ] {
        let value = package
            .get(key)
            .unwrap_or_else(|| panic!("{what}: no `{key}`"));
        assert!(
            value.is_str(),
            "{what}: `{key}` must be written out, not inherited: {value:?}"
        );
    }
    assert_ne!(
        package.get("publish").and_then(toml::Value::as_bool),
        Some(false),
        "{what}: publish = false"
    );
    let docs_rs = package
        .get("metadata")
        .and_then(|m| m.get("docs"))
        .and_then(|d| d.get("rs"));
    assert_eq!(
        docs_rs
            .and_then(|d| d.get("all-features"))
            .and_then(toml::Value::as_bool),
        Some(true),
        "{what}: docs.rs all-features"
    );
}

#[test]
fn the_runtime_packages_with_its_own_metadata() {
    let root = root();
    let runtime = manifest(&root.join("runtime/Cargo.toml"));
    assert_publishable_metadata(runtime["package"].as_table().unwrap(), "runtime/Cargo.toml");

    let target = tempfile::tempdir().unwrap();
    let target_dir = target.path().to_str().unwrap();
    let list = cargo(
        &root,
        &[
            "package",
            "--list",
            "--allow-dirty",
            "--offline",
            "-p",
            "graphgen-runtime",
        ],
    );
    assert!(
        list.lines().any(|f| f == "README.md"),
        "README.md not packaged:\n{list}"
    );
    cargo(
        &root,
        &[
            "package",
            "--no-verify",
            "--allow-dirty",
            "--offline",
            "-p",
            "graphgen-runtime",
            "--target-dir",
            target_dir,
        ],
    );
    let version = runtime["package"]["version"].as_str().unwrap();
    assert!(target
        .path()
        .join(format!("package/graphgen-runtime-{version}.crate"))
        .is_file());
}

#[test]
fn a_generated_crate_with_a_versioned_runtime_packages() {
    let root = root();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("msgraph");
    let settings = CrateSettings {
        docs: vec![root.join("generator/tests/fixtures/seed")],
        out: Some(out.clone()),
        runtime: RuntimeDependency::version("0.1"),
        ..CrateSettings::default()
    };
    settings
        .config()
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));

    let generated = manifest(&out.join("Cargo.toml"));
    assert_publishable_metadata(
        generated["package"].as_table().unwrap(),
        "generated Cargo.toml",
    );
    let dependencies = generated["dependencies"].as_table().unwrap();
    for (name, spec) in dependencies {
        let version = spec
            .as_str()
            .or_else(|| spec.get("version").and_then(toml::Value::as_str));
        assert!(version.is_some(), "`{name}` has no version: {spec:?}");
        assert!(
            spec.get("path").is_none(),
            "`{name}` is a path dependency: {spec:?}"
        );
    }
    assert_eq!(
        dependencies["graphgen-runtime"]
            .get("version")
            .and_then(toml::Value::as_str),
        Some("0.1")
    );

    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let runtime = root.join("runtime").canonicalize().unwrap();
    let patch = format!(
        "patch.crates-io.graphgen-runtime.path={:?}",
        runtime.to_str().unwrap()
    );
    let target_dir = work.path().join("target");
    let target_dir = target_dir.to_str().unwrap();
    let common = ["--offline", "--allow-dirty", "--config", patch.as_str()];
    let list = cargo(&out, &[&["package", "--list"][..], &common].concat());
    for file in ["Cargo.toml", "README.md", "src/lib.rs", "tests/examples.rs"] {
        assert!(
            list.lines().any(|f| f == file),
            "{file} not packaged:\n{list}"
        );
    }
    cargo(
        &out,
        &[
            &["package", "--no-verify", "--target-dir", target_dir][..],
            &common,
        ]
        .concat(),
    );
    assert!(work
        .path()
        .join("target/package/msgraph-0.1.0.crate")
        .is_file());
}
