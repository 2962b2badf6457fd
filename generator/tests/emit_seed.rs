//! The seed page (`tests/fixtures/seed`, a link to its copy in `docs-input/v1.0`) generates a crate in which sending a chat message is one
//! typed call; its files are snapshotted.

mod emit_fixtures;

use emit_fixtures::*;

#[test]
fn seed_page_crate() {
    let docs = workspace_root().join("generator/tests/fixtures/seed");
    let model = graphgen::model::build::read_docs(&docs);
    let generated = generate(&model);
    let teams = generated
        .files
        .get("src/endpoints/microsoft_teams.rs")
        .expect("the seed page's area module");
    // The body type is `types::ChatMessage`: read off the examples here, where the docs hold
    // no resource page for it (as `generate` settles the model), documented once they do.
    assert!(teams.contains("pub fn post_chats_by_id_messages(\n    chat_id: &str,\n    body: &"));
    assert!(teams.contains(".literal(\"chats\").value(chat_id).literal(\"messages\")"));
    assert_crate_snapshots("seed_crate", &generated);
}
