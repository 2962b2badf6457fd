//! Every crate `graphgen.toml` lists is exactly what its docs generate: the committed
//! `generated/` is what `cargo run -p graphgen -- generate` (no flags) writes.

use std::path::Path;

#[test]
fn committed_crates_match_the_settings_file() {
    let settings = Path::new(env!("CARGO_MANIFEST_DIR")).join("graphgen.toml");
    let configs = graphgen::Config::from_settings_file(&settings).unwrap_or_else(|e| panic!("{e}"));
    assert!(!configs.is_empty());
    for config in configs {
        let (_, changes) = config
            .check()
            .unwrap_or_else(|e| panic!("{}: {e}", config.crate_name()));
        assert!(
            changes.is_empty(),
            "{} in {} is stale; run `cargo run -p graphgen -- generate`:\n{}",
            config.crate_name(),
            config
                .output_folder()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            changes.summary()
        );
    }
}
