//! One model read from every malformed fixture at once (plus the byte-level cases written
//! here) still generates a crate that `cargo check` accepts.

use std::path::{Path, PathBuf};
use std::process::Command;

use graphgen::emit::{generate_crate, EmitOptions};
use graphgen::model::build::read_docs;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/malformed");

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy fixture");
        }
    }
}

fn write(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    std::fs::write(path, bytes).expect("write page");
}

/// The fixtures, and the cases that are written byte by byte, in one docs folder.
fn all_malformed_docs() -> tempfile::TempDir {
    let docs = tempfile::tempdir().expect("tempdir");
    copy_tree(Path::new(FIXTURES), docs.path());
    let read = |relative: &str| {
        std::fs::read_to_string(Path::new(FIXTURES).join(relative)).expect("fixture")
    };
    write(
        docs.path(),
        "bytes/crlf/resources/crlfSprocket.md",
        read("crlf/resources/sprocket.md")
            .replace("sprocket", "crlfSprocket")
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    write(
        docs.path(),
        "bytes/bom/types/bomSprocket.md",
        format!(
            "\u{feff}{}",
            read("bom/types/sprocket.md").replace("sprocket", "bomSprocket")
        )
        .as_bytes(),
    );
    let utf8 = read("invalid_utf8/resources/sprocket.md").replace("sprocket", "latinSprocket");
    let mut bytes = utf8.replace("INVALID", "\u{0}").into_bytes();
    for byte in bytes.iter_mut().filter(|b| **b == 0) {
        *byte = 0xff;
    }
    write(docs.path(), "bytes/utf8/resources/latinSprocket.md", &bytes);
    write(
        docs.path(),
        "bytes/binary/resources/blob.md",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d],
    );
    write(docs.path(), "bytes/empty/api/empty.md", b"");
    let depth = 100_000;
    let deep_body = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let deep_page = format!(
        "# Create deep\n\nNamespace: microsoft.graph\n\nPosts a deeply nested body.\n\n## Permissions\n\n| Permission type | Permissions |\n|:--|:--|\n| Application | Deep.ReadWrite.All |\n\n## HTTP request\n\n```http\nPOST /deep\n```\n\n## Request body\n\nSupply a JSON representation of a [deepThing](../resources/deepthing.md) object.\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [deepThing](../resources/deepthing.md) object.\n\n## Examples\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"deep\" }} -->\n```http\nPOST https://graph.microsoft.com/v1.0/deep\nContent-type: application/json\n\n{deep_body}\n```\n"
    );
    write(
        docs.path(),
        "bytes/deep/api/deep-create.md",
        deep_page.as_bytes(),
    );
    // Valid JSON nested just below the lenient reader's limit: inferring its type must stay bounded too.
    let nested = format!("{}1{}", "{\"inner\":".repeat(200), "}".repeat(200));
    let nested_page = deep_page
        .replace("deepThing", "nestedThing")
        .replace("deepthing", "nestedthing")
        .replace("/deep", "/nested");
    let nested_page = nested_page
        .split("{\"a\":")
        .next()
        .unwrap_or_default()
        .to_string()
        + &nested
        + "\n```\n";
    write(
        docs.path(),
        "bytes/deep/api/nested-create.md",
        nested_page.as_bytes(),
    );
    // Names longer than a file name may be: the generated file names must still fit.
    let long_type = "veryLongName".repeat(30);
    let long_property = "ratherLongMember".repeat(20);
    let long_page = format!(
        "# {long_type} resource type\n\nNamespace: microsoft.graph\n\nA type with an overlong name.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| {long_property} | String | An overlong member. |\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{long_type}\" }} -->\n```json\n{{}}\n```\n"
    );
    write(
        docs.path(),
        "bytes/long/resources/long.md",
        long_page.as_bytes(),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", docs.path().join("bytes/loop")).expect("symlink");
    docs
}

#[test]
fn crate_from_all_malformed_fixtures_compiles() {
    let docs = all_malformed_docs();
    // Settled as `generate` settles it: types no page defines are inferred from the examples.
    let model = read_docs(docs.path());
    assert!(
        model.types.contains_key("microsoft.graph.nestedThing"),
        "the 200-deep example gives an inferred type"
    );
    for code in [
        "GG0003", "GG0004", "GG0005", "GG0103", "GG0104", "GG0105", "GG0106", "GG0107", "GG0303",
        "GG0501", "GG0503", "GG0505", "GG0506", "GG0507", "GG0508",
    ] {
        assert!(
            model.diagnostics.iter().any(|d| d.code == code),
            "no {code} in the combined run"
        );
    }
    assert!(model.types.contains_key("microsoft.graph.gadget"));
    assert!(model
        .operations
        .iter()
        .any(|o| o.path.raw == "/gadgets/{gadget-id}"));

    let runtime = workspace_root().join("runtime");
    let options = EmitOptions {
        crate_name: "malformed-client".to_string(),
        runtime_dependency: graphgen::emit::RuntimeDependency::path(runtime.display().to_string()),
        own_workspace: true,
        ..EmitOptions::default()
    };
    let generated = generate_crate(&model, &options);
    let broken: Vec<_> = generated
        .diagnostics
        .iter()
        .filter(|d| d.code == "GG0504")
        .collect();
    assert!(
        broken.is_empty(),
        "generated files that do not parse: {broken:?}"
    );
    assert!(
        generated.files.contains_key("Cargo.toml") && generated.files.contains_key("src/lib.rs")
    );
    assert!(generated.files["Cargo.toml"].contains("[workspace]"));

    let crate_dir = workspace_root()
        .join("target")
        .join("malformed-compiles")
        .join("malformed-client");
    if crate_dir.exists() {
        std::fs::remove_dir_all(&crate_dir).expect("remove the previous crate");
    }
    for (path, content) in &generated.files {
        write(&crate_dir, path, content.as_bytes());
    }
    // The workspace's lock file pins the versions already built in the shared target folder.
    std::fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("copy lock file");

    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline", "--all-targets"])
        .current_dir(&crate_dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target").join("emit-check"),
        )
        .output()
        .expect("run cargo check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo check failed in {}:\n{stderr}",
        crate_dir.display()
    );
    assert!(!stderr.contains("error"), "{stderr}");
}
