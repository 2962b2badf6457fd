//! What goes with every request: User-Agent, client-request-id, gzip, redirects kept to
//! Graph hosts.

use std::io::Write;
use std::time::Duration;

use graphgen_runtime::{Client, Error, Json, Method, Path, RawBytes, Request};

use crate::server::{Reply, TestServer};
use crate::{client_for, client_with, fast_retries, send_chat_message, MESSAGE};

fn me() -> Request<Json<serde_json::Value>> {
    Request::new(Method::Get, Path::new().literal("me"))
}

#[tokio::test]
async fn every_request_has_a_user_agent_and_its_own_client_request_id() {
    let server = TestServer::start(|index, _| match index {
        0 => Reply::json(429, "{}").with_header("Retry-After", "0"),
        _ => Reply::json(200, r#"{"id":"1"}"#),
    })
    .await;
    let client = client_with(&server, fast_retries(3), Duration::from_secs(5));
    client.send(me()).await.expect("after a retry");
    client.send(me()).await.expect("second");
    client
        .send(me().header("client-request-id", "caller-chosen"))
        .await
        .expect("third");
    let sent = server.requests();
    let ids: Vec<&str> = sent
        .iter()
        .map(|r| r.header("client-request-id").unwrap_or_default())
        .collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(ids[0], ids[1], "a retry carries the same id");
    assert_ne!(ids[1], ids[2], "another request, another id");
    assert_eq!(ids[3], "caller-chosen");
    let parsed = uuid::Uuid::parse_str(ids[0]).expect("a UUID");
    assert_eq!(parsed.get_version_num(), 4);
    let agent = sent[0].header("user-agent").unwrap_or_default();
    assert!(agent.starts_with("graphgen-runtime/"), "{agent}");

    let custom = Client::builder()
        .base_url(server.base_url())
        .allow_insecure_http(true)
        .user_agent("contoso-sync/2.1")
        .build()
        .expect("client");
    custom.send(me()).await.expect("sent");
    assert_eq!(
        server.requests()[4].header("user-agent"),
        Some("contoso-sync/2.1")
    );
    assert!(Client::builder()
        .user_agent("bad\r\nX-Injected: 1")
        .build()
        .is_err());
}

#[cfg(feature = "gzip")]
#[tokio::test]
async fn gzip_answers_are_decompressed() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(MESSAGE.as_bytes()).expect("compress");
    let compressed = encoder.finish().expect("compressed");
    let server = TestServer::start(move |_, _| Reply::Respond {
        status: 201,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("Content-Encoding".into(), "gzip".into()),
        ],
        body: compressed.clone(),
    })
    .await;
    let message = client_for(&server)
        .send(send_chat_message())
        .await
        .expect("decompressed");
    assert_eq!(message.body.content, "Hello world");
    let accepted = server.requests()[0]
        .header("accept-encoding")
        .unwrap_or_default()
        .to_string();
    assert!(accepted.contains("gzip"), "{accepted}");
}

#[tokio::test]
async fn redirects_keep_the_token_on_the_service_host_only() {
    let download = TestServer::start(|_, _| Reply::Respond {
        status: 200,
        headers: vec![("Content-Type".into(), "application/octet-stream".into())],
        body: b"file bytes".to_vec(),
    })
    .await;
    let foreign = format!("http://{}/download.aspx?tempauth=t1", download.addr);
    let graph = TestServer::start(move |_, request| match request.target.as_str() {
        "/v1.0/me/drive/items/1/content" => Reply::Respond {
            status: 302,
            headers: vec![("Location".into(), foreign.clone())],
            body: vec![],
        },
        "/v1.0/users/old" => Reply::Respond {
            status: 301,
            headers: vec![("Location".into(), "/v1.0/users/new".into())],
            body: vec![],
        },
        "/v1.0/users/new" => Reply::json(200, r#"{"id":"new"}"#),
        _ => Reply::Respond {
            status: 307,
            headers: vec![("Location".into(), foreign.clone())],
            body: vec![],
        },
    })
    .await;
    let client = client_for(&graph);

    let content: Request<RawBytes> = Request::new(
        Method::Get,
        Path::new()
            .literal("me")
            .literal("drive")
            .literal("items")
            .value("1")
            .literal("content"),
    );
    assert_eq!(client.send(content).await.expect("followed"), b"file bytes");
    let fetched = &download.requests()[0];
    assert_eq!(fetched.target, "/download.aspx?tempauth=t1");
    assert_eq!(
        fetched.header("authorization"),
        None,
        "no token off the service host"
    );

    let moved: Request<Json<serde_json::Value>> =
        Request::new(Method::Get, Path::new().literal("users").value("old"));
    assert_eq!(client.send(moved).await.expect("followed")["id"], "new");
    let on_host = graph.requests();
    let new = on_host
        .iter()
        .find(|r| r.target == "/v1.0/users/new")
        .expect("followed on host");
    assert_eq!(new.header("authorization"), Some("Bearer test-token-5f3a"));

    let error = client
        .send(send_chat_message())
        .await
        .expect_err("a POST is not sent elsewhere");
    assert!(
        matches!(&error, Error::Graph(g) if g.status == 307),
        "{error:?}"
    );
    assert_eq!(download.requests().len(), 1);
}
