//! Raw responses read as a stream, with their content type and length.

use std::time::Duration;

use graphgen_runtime::{Method, Path, RawBytes, Request};

use crate::server::{Reply, TestServer};
use crate::{client_for, client_with, fast_retries};

fn photo() -> Request<RawBytes> {
    Request::new(
        Method::Get,
        Path::new().literal("me").literal("photo").literal("$value"),
    )
}

fn jpeg(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 253) as u8).collect()
}

#[tokio::test]
async fn content_arrives_in_chunks_with_its_type_and_length() {
    let body = jpeg(3 << 20);
    let served = body.clone();
    let server = TestServer::start(move |_, _| Reply::Respond {
        status: 200,
        headers: vec![("Content-Type".into(), "image/jpeg".into())],
        body: served.clone(),
    })
    .await;
    let mut response = client_for(&server)
        .send_streaming(photo())
        .await
        .expect("response");
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_type(), Some("image/jpeg"));
    assert_eq!(response.content_length(), Some(body.len() as u64));
    let mut received = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = response.next_chunk().await {
        received.extend_from_slice(&chunk.expect("chunk"));
        chunks += 1;
    }
    assert_eq!(received, body);
    assert!(chunks > 1, "read as it arrived, not in one piece");
    let request = &server.requests()[0];
    assert_eq!(request.target, "/v1.0/me/photo/$value");
    assert_eq!(
        request.header("authorization"),
        Some("Bearer test-token-5f3a")
    );
}

#[tokio::test]
async fn throttling_before_the_body_is_retried_and_errors_are_typed() {
    let server = TestServer::start(|index, _| match index {
        0 => Reply::json(429, "{}").with_header("Retry-After", "0"),
        1 => Reply::Respond {
            status: 200,
            headers: vec![("Content-Type".into(), "text/csv".into())],
            body: b"a,b\n1,2\n".to_vec(),
        },
        _ => Reply::json(404, r#"{"error":{"code":"itemNotFound","message":"gone"}}"#),
    })
    .await;
    let client = client_with(&server, fast_retries(3), Duration::from_secs(5));
    let response = client.send_streaming(photo()).await.expect("after 429");
    assert_eq!(response.content_type(), Some("text/csv"));
    assert_eq!(response.bytes().await.expect("body"), b"a,b\n1,2\n");
    let error = client.send_streaming(photo()).await.expect_err("404");
    assert_eq!(
        error.graph().and_then(|g| g.code.clone()).as_deref(),
        Some("itemNotFound")
    );
}

#[tokio::test]
async fn a_download_url_gets_no_graph_token() {
    let server = TestServer::start(|_, _| Reply::Respond {
        status: 200,
        headers: vec![("Content-Type".into(), "application/pdf".into())],
        body: b"%PDF-1.7".to_vec(),
    })
    .await;
    let url = format!("http://{}/download.aspx?tempauth=abc", server.addr);
    let response = client_for(&server)
        .download_url(&url)
        .await
        .expect("download");
    assert_eq!(response.content_type(), Some("application/pdf"));
    assert_eq!(response.bytes().await.expect("body"), b"%PDF-1.7");
    let request = &server.requests()[0];
    assert_eq!(request.target, "/download.aspx?tempauth=abc");
    assert_eq!(request.header("authorization"), None);
}
