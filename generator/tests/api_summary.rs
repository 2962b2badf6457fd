//! The API summary of the client generated from `docs-input/`: the file a reviewer reads
//! when the docs change, one line per public item.

use std::path::Path;

#[test]
fn seed_api_summary() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let generated = graphgen::Config::new().docs(docs).without_example_tests().render().expect("docs-input generates");
    let summary = &generated.files[graphgen::config::API_SUMMARY];
    assert!(summary.contains("fn microsoft_teams::post_chats_by_chat_id_messages(chat_id: &str, body: &ChatMessage) -> ChatMessage  POST /chats/{chat-id}/messages"));
    insta::assert_snapshot!(summary);
}
