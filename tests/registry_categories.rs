//! The generator writes registry categories and the runtime checks them: one list.

#[test]
fn generator_and_runtime_know_the_same_categories() {
    let generator: Vec<&str> = graphgen::examples::registry::Category::ALL
        .iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(generator, graphgen_runtime::verify::CATEGORIES);
}
