//! Generates the Graph client from the docs at build time.

use std::path::{Path, PathBuf};

fn main() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input/v1.0");
    println!("cargo:rerun-if-changed={}", docs.display());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    // A folder of its own inside OUT_DIR (the default would be OUT_DIR itself).
    let result = graphgen::Config::new()
        .docs(&docs)
        .out_dir(out_dir.join("graph"))
        .include_area("microsoft-teams")
        .module_layout()
        .generate();
    match result {
        Ok((generated, _)) => {
            for diagnostic in generated
                .diagnostics
                .iter()
                .filter(|d| d.severity == graphgen::diagnostics::Severity::Error)
            {
                println!(
                    "cargo:warning={}:{}: {}",
                    diagnostic.file, diagnostic.line, diagnostic.message
                );
            }
        }
        Err(e) => panic!("generating the Graph client failed: {e}"),
    }
}
