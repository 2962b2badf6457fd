//! The committed client in `generated/` is exactly what `docs-input/` generates.

use std::path::Path;

#[test]
fn committed_client_matches_docs_input() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, changes) = graphgen::Config::new()
        .docs(root.join("docs-input"))
        .out_dir(root.join("generated"))
        .emit_options(graphgen::emit::EmitOptions { own_workspace: false, ..Default::default() })
        .check()
        .expect("docs-input reads and generates");
    assert!(
        changes.is_empty(),
        "generated/ is stale; run `cargo run -p graphgen -- generate --docs docs-input --out generated --workspace-member`:\n{}",
        changes.summary()
    );
}
