//! A client generated at build time from `docs-input/v1.0` (see `build.rs`), used like any module.

include!(concat!(env!("OUT_DIR"), "/graph/src/module.rs"));

#[cfg(test)]
mod tests {
    use crate::endpoints::microsoft_teams::post_chats_by_id_messages;
    use crate::types::{ChatMessage, ItemBody};
    use graphgen_runtime::{Body, Field, Method};

    #[test]
    fn the_build_step_client_builds_the_seed_request() {
        let message = ChatMessage {
            body: Field::Value(ItemBody {
                content: "Hello world".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let request = post_chats_by_id_messages("19:abc@thread.v2", &message);
        assert_eq!(request.method(), Method::Post);
        assert_eq!(request.path(), "/chats/19:abc@thread.v2/messages");
        assert_eq!(
            request.body(),
            &Body::Json(serde_json::json!({"body": {"content": "Hello world"}}))
        );
    }
}
