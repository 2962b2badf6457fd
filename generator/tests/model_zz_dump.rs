#[test]
fn dump() {
    let root = std::path::Path::new("/work/shared/graph-docs/api-reference/v1.0");
    let model = graphgen::model::build::read_docs(root);
    std::fs::write("/tmp/model.json", graphgen::model::build::model_json(&model)).unwrap();
}
