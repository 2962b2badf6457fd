//! Snapshots of generated crates for hand-built models, and checks of their shape.

mod emit_fixtures;

use emit_fixtures::*;

#[test]
fn types_crate() {
    let generated = generate(&types_model());
    assert_crate_snapshots("types_crate", &generated);
}

#[test]
fn naming_crate() {
    let generated = generate(&naming_model());
    assert_crate_snapshots("naming_crate", &generated);
}

#[test]
fn endpoints_crate() {
    let generated = generate(&endpoints_model());
    assert_crate_snapshots("endpoints_crate", &generated);
}

#[test]
fn odd_crate() {
    let generated = generate(&odd_model());
    assert_crate_snapshots("odd_crate", &generated);
}

#[test]
fn output_is_the_same_every_time() {
    let model = endpoints_model();
    assert_eq!(show(&generate(&model)), show(&generate(&model)));
}

#[test]
fn an_empty_model_still_makes_a_whole_crate() {
    let generated = generate(&graphgen::model::Model::default());
    let paths: Vec<&str> = generated.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "README.md",
            "src/endpoints/mod.rs",
            "src/lib.rs",
            "src/query.rs",
            "src/tree/mod.rs",
            "src/types/mod.rs"
        ]
    );
    assert!(generated.diagnostics.is_empty());
}
