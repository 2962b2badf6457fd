//! The API summary of a client generated from the seed page alone: the file a reviewer reads
//! when the docs change, one line per public item. (The committed clients' summaries are
//! `generated/api-summary.txt` and `generated-beta/api-summary.txt`, kept fresh by
//! `tests/generated_is_fresh.rs`.)

use std::path::Path;

#[test]
fn seed_api_summary() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input/v1.0/api/chat-post-messages.md");
    let docs = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(docs.path().join("api")).expect("api folder");
    std::fs::copy(&seed, docs.path().join("api/chat-post-messages.md"))
        .expect("copy the seed page");
    let generated = graphgen::Config::new()
        .docs(docs.path())
        .without_example_tests()
        .render()
        .expect("the seed page generates");
    let summary = &generated.files[graphgen::config::API_SUMMARY];
    assert!(summary.contains("fn microsoft_teams::post_chats_by_id_messages(chat_id: &str, body: &ChatMessage) -> ChatMessage  POST /chats/{chat-id}/messages"));
    assert!(summary.contains("tree ChatMessages  /chats/{chat_id}/messages\n    .post() -> fn microsoft_teams::post_chats_by_id_messages"));
    insta::assert_snapshot!(summary);
}
