use std::path::Path;
#[test]
fn explore() {
    let docs = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/graph-docs/api-reference/v1.0"));
    let model = graphgen::model::build::read_docs(docs);
    let api = graphgen::emit::plan(&model);
    let dups: usize = api.endpoints.iter().map(|e| e.duplicates.len()).sum();
    println!("ops {} endpoints {} dups {}", model.operations.len(), api.endpoints.len(), dups);
    let mut shown = 0;
    for e in &api.endpoints {
        if e.duplicates.len() > 3 && shown < 5 {
            shown += 1;
            let o = &model.operations[e.operation];
            println!("{} {} {}:{}", o.method, o.path.raw, o.source.file, o.source.line);
            for d in &e.duplicates { let o = &model.operations[*d]; println!("   {} {} {}:{}", o.method, o.path.raw, o.source.file, o.source.line); }
        }
    }
    for d in &api.diagnostics { println!("{:?}", d); }
    let mut areas = std::collections::BTreeMap::new();
    for o in &model.operations { *areas.entry(o.area.clone()).or_insert(0) += 1; }
    println!("{:?}", areas);
}
