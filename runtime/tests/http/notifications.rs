//! A notification endpoint on 127.0.0.1 built from the helpers, called as Graph calls it:
//! the validation handshake, notifications with the right and a wrong clientState, rich
//! notifications decrypted.

use std::sync::{Arc, Mutex};

use graphgen_runtime::notifications::{
    validation_response, ChangeNotificationCollection, ChangeType,
};

use crate::server::{Reply, TestServer};

const RICH: &str = include_str!("../fixtures/rich-notification.json");
const CLIENT_STATE: &str = "secret-client-state";

/// An endpoint that answers validations, checks clientState, and keeps what it accepted.
async fn endpoint(accepted: Arc<Mutex<Vec<ChangeNotificationCollection>>>) -> TestServer {
    TestServer::start(move |_, request| {
        if let Some(answer) = validation_response(&request.target) {
            return Reply::Respond {
                status: answer.status,
                headers: vec![("Content-Type".into(), answer.content_type.into())],
                body: answer.body.into_bytes(),
            };
        }
        let checked = ChangeNotificationCollection::from_slice(&request.body)
            .and_then(|n| n.check_client_state(CLIENT_STATE).map(|()| n));
        match checked {
            Ok(notifications) => {
                if let Ok(mut all) = accepted.lock() {
                    all.push(notifications);
                }
                Reply::Respond {
                    status: 202,
                    headers: vec![],
                    body: vec![],
                }
            }
            Err(error) => Reply::Respond {
                status: 400,
                headers: vec![],
                body: error.to_string().into_bytes(),
            },
        }
    })
    .await
}

#[tokio::test]
async fn the_endpoint_passes_validation_and_checks_client_state() {
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let server = endpoint(accepted.clone()).await;
    let graph = reqwest::Client::new();
    let base = format!("http://{}/api/notify", server.addr);

    let validation = graph
        .post(format!("{base}?validationToken=Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+b6c9"))
        .send()
        .await
        .expect("validation");
    assert_eq!(validation.status().as_u16(), 200);
    assert_eq!(
        validation
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/plain")
    );
    assert_eq!(
        validation.text().await.expect("body"),
        "Validation: Testing client application reachability for subscription Request-Id: b6c9"
    );

    let notified = graph
        .post(&base)
        .header("Content-Type", "application/json")
        .body(RICH)
        .send()
        .await
        .expect("notification");
    assert_eq!(notified.status().as_u16(), 202);

    let forged = RICH.replace(CLIENT_STATE, "guessed-state");
    let refused = graph.post(&base).body(forged).send().await.expect("forged");
    assert_eq!(refused.status().as_u16(), 400);
    assert!(refused
        .text()
        .await
        .unwrap_or_default()
        .contains("10493aa0-4d29-4df5-bc0c-ef742cc6cd7f"));

    let accepted = accepted.lock().map(|a| a.clone()).unwrap_or_default();
    assert_eq!(accepted.len(), 1);
    let notification = &accepted[0].value[0];
    assert_eq!(notification.change_type, Some(ChangeType::Created));
    assert_eq!(
        notification.tenant_id.as_deref(),
        Some("84bd8158-6d4d-4958-8b9f-9d6445542f95")
    );
    assert!(notification.encrypted_content.is_some());
    assert_eq!(accepted[0].validation_tokens.len(), 1);
}

#[cfg(feature = "rich-notifications")]
mod rich {
    use graphgen_runtime::notifications::{
        ChangeNotificationCollection, DecryptionKey, EncryptedContent,
    };
    use graphgen_runtime::Error;

    use super::RICH;

    const KEY: &str = include_str!("../fixtures/test-key.pem");
    const CERT: &str = include_str!("../fixtures/test-cert.pem");
    const PLAIN: &str = include_str!("../fixtures/rich-notification-content.json");

    fn content() -> EncryptedContent {
        ChangeNotificationCollection::from_slice(RICH.as_bytes())
            .ok()
            .and_then(|n| n.value.into_iter().next())
            .and_then(|n| n.encrypted_content)
            .expect("fixture has encrypted content")
    }

    #[derive(serde::Deserialize)]
    struct ChatMessage {
        id: String,
        body: serde_json::Value,
    }

    #[test]
    fn content_encrypted_by_openssl_decrypts_and_verifies() {
        let key = DecryptionKey::from_pem(KEY)
            .expect("key")
            .with_certificate(CERT)
            .expect("certificate");
        assert_eq!(
            key.decrypt(&content()).expect("decrypted"),
            PLAIN.as_bytes()
        );
        let message: ChatMessage = key.decrypt_json(&content()).expect("typed");
        assert_eq!(message.id, "1625667812345");
        assert_eq!(message.body["content"], "The plan is ready");
    }

    #[test]
    fn altered_content_or_another_key_is_refused() {
        let key = DecryptionKey::from_pem(KEY).expect("key");
        let mut altered = content();
        // Another ciphertext of the same length: the signature no longer matches.
        let mut bytes = base64_decode(&altered.data);
        bytes[0] ^= 1;
        altered.data = base64_encode(&bytes);
        let error = key.decrypt(&altered).expect_err("altered");
        assert!(
            matches!(&error, Error::Notification { message } if message.contains("dataSignature")),
            "{error}"
        );

        let mut resigned = content();
        resigned.data_signature = base64_encode(&[0; 32]);
        assert!(key.decrypt(&resigned).is_err());

        let mut other_cert = content();
        other_cert.encryption_certificate_thumbprint = Some("00".repeat(20));
        let checked = DecryptionKey::from_pem(KEY)
            .expect("key")
            .with_certificate(CERT)
            .expect("cert");
        let error = checked
            .decrypt(&other_cert)
            .expect_err("other certificate")
            .to_string();
        assert!(error.contains("not this one"), "{error}");

        let mut wrapped_for_someone_else = content();
        wrapped_for_someone_else.data_key = base64_encode(&[7; 256]);
        assert!(key.decrypt(&wrapped_for_someone_else).is_err());
        assert!(DecryptionKey::from_pem(CERT).is_err());
    }

    fn base64_decode(text: &str) -> Vec<u8> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .expect("base64")
    }

    fn base64_encode(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }
}
