//! The seed page's call, end to end: the committed client sends a chat message over real
//! HTTP to the docs-driven mock service and gets a typed message back.

use std::path::Path;
use std::sync::Arc;

use graphgen_runtime::{Client, Field};
use msgraph::types::{ChatMessage, ItemBody};
use msgraph::Graph;

#[tokio::test]
async fn sending_a_chat_message_returns_the_typed_message() {
    let model = graphgen::Config::new()
        .docs(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input/v1.0"))
        .read_model()
        .expect("docs-input/v1.0 reads");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let address = listener.local_addr().expect("local address");
    let index = Arc::new(graphgen::mock::MockIndex::new(&model));
    let server = tokio::spawn(graphgen::mock::serve_listener(index, listener));

    let client = Client::builder()
        .base_url(format!("http://{address}/v1.0"))
        .allow_insecure_http(true)
        .bearer_token("test-token")
        .build()
        .expect("client");

    let message = ChatMessage {
        body: Field::Value(ItemBody {
            content: "Hello world".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let chat = "19:2da4c29f6d7041eca70b638b43d45437@thread.v2";
    let request = Graph.chats().id(chat).messages().create(&message);
    let sent: ChatMessage = client
        .send(request)
        .await
        .expect("the mock answers with the documented message");

    assert_eq!(sent.id.value().map(String::as_str), Some("1616991463150"));
    assert_eq!(
        sent.chat_id.value().map(String::as_str),
        Some("19:2da4c29f6d7041eca70b638b43d45437@thread.v2")
    );
    assert!(
        sent.reply_to_id.is_null(),
        "null members stay null, not absent"
    );
    let content = sent
        .body
        .value()
        .and_then(|b| b.content.value())
        .map(String::as_str);
    assert_eq!(content, Some("Hello World"));
    server.abort();
}
