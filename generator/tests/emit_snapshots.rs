//! Snapshots of generated crates for hand-built models, and checks of their shape.

mod emit_fixtures;

use emit_fixtures::*;

#[test]
fn types_crate() {
    let generated = generate(&types_model());
    insta::assert_snapshot!("types_crate", show(&generated));
}

#[test]
fn naming_crate() {
    let generated = generate(&naming_model());
    insta::assert_snapshot!("naming_crate", show(&generated));
}

#[test]
fn endpoints_crate() {
    let generated = generate(&endpoints_model());
    insta::assert_snapshot!("endpoints_crate", show(&generated));
}

#[test]
fn output_is_the_same_every_time() {
    let model = endpoints_model();
    assert_eq!(show(&generate(&model)), show(&generate(&model)));
}
