//! The client over real HTTP on 127.0.0.1: typed bodies, paging, retries, timeouts and
//! every kind of failure a caller must be able to tell apart.

mod batch;
mod identity;
mod middleware;
mod notifications;
mod server;
mod streaming;
mod upload;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use futures_util::{FutureExt, StreamExt};
use graphgen_runtime::{
    AccessToken, Client, Error, HttpRequest, HttpResponse, Json, Method, NoContent, Page, Path,
    QueryOptions, RefreshingToken, Request, RetryPolicy, Transport,
};
use serde::{Deserialize, Serialize};
use server::{Reply, TestServer};

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct ItemBody {
    content_type: String,
    content: String,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct ChatMessage {
    #[serde(default)]
    id: Option<String>,
    body: ItemBody,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct User {
    id: String,
    display_name: String,
}

fn client_for(server: &TestServer) -> Client {
    client_with(server, RetryPolicy::default(), Duration::from_secs(5))
}

fn client_with(server: &TestServer, retry: RetryPolicy, timeout: Duration) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .allow_insecure_http(true)
        .bearer_token("test-token-5f3a")
        .retry(retry)
        .timeout(timeout)
        .build()
        .expect("client")
}

fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(2),
        ..RetryPolicy::default()
    }
}

fn send_chat_message() -> Request<Json<ChatMessage>> {
    let message = ChatMessage {
        id: None,
        body: ItemBody {
            content_type: "text".into(),
            content: "Hello world".into(),
        },
    };
    Request::new(
        Method::Post,
        Path::new()
            .literal("chats")
            .value("19:2da4c29f@thread.v2")
            .literal("messages"),
    )
    .json(&message)
}

fn users_request() -> Request<Json<Page<User>>> {
    Request::new(Method::Get, Path::new().literal("users"))
}

const MESSAGE: &str = r#"{"@odata.context":"x","id":"1616990032035","body":{"contentType":"text","content":"Hello world"}}"#;
const GRAPH_ERROR: &str = r#"{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store.","innerError":{"date":"2024-05-01T10:00:00","request-id":"req-42","client-request-id":"client-7"}}}"#;

#[tokio::test]
async fn a_post_returns_a_typed_message() {
    let server = TestServer::start(|_, _| Reply::json(201, MESSAGE)).await;
    let message = client_for(&server)
        .send(send_chat_message())
        .await
        .expect("message");
    assert_eq!(message.id.as_deref(), Some("1616990032035"));
    assert_eq!(message.body.content, "Hello world");

    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].target, "/v1.0/chats/19:2da4c29f@thread.v2/messages");
    assert_eq!(
        sent[0].header("authorization"),
        Some("Bearer test-token-5f3a")
    );
    assert_eq!(sent[0].header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&sent[0].body).expect("JSON body");
    assert_eq!(body["body"]["content"], "Hello world");
}

#[tokio::test]
async fn a_delete_reads_no_content() {
    let server = TestServer::start(|_, _| Reply::Respond {
        status: 204,
        headers: vec![],
        body: vec![],
    })
    .await;
    let request: Request<NoContent> = Request::new(
        Method::Delete,
        Path::new().literal("me").literal("messages").value("AAMk="),
    );
    assert!(client_for(&server).send(request).await.is_ok());
    assert_eq!(server.requests()[0].target, "/v1.0/me/messages/AAMk=");
}

#[tokio::test]
async fn a_list_spans_three_pages_through_next_links() {
    let (server, _) = three_page_server().await;
    let client = client_for(&server);
    let request = users_request().with_options(&QueryOptions::new().top(2).count(true));
    let names: Vec<String> = client
        .items(request)
        .map(|item| {
            item.map(|user| user.display_name)
                .unwrap_or_else(|e| format!("error: {e}"))
        })
        .collect()
        .await;
    assert_eq!(names, ["Ada", "Bo", "Cy"]);
    let sent = server.requests();
    let targets: Vec<&str> = sent.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/v1.0/users?$top=2&$count=true",
            "/v1.0/users?$skiptoken=p2",
            "/v1.0/users?$skiptoken=p3"
        ]
    );
    assert!(
        sent.iter()
            .all(|r| r.header("consistencylevel") == Some("eventual")),
        "every page carries ConsistencyLevel"
    );
}

/// A server whose pages link to itself: `NEXT` in a page body becomes the server's own URL.
async fn three_page_server() -> (TestServer, Arc<Mutex<String>>) {
    let base = Arc::new(Mutex::new(String::new()));
    let shared = base.clone();
    let server = TestServer::start(move |index, _| {
        let (items, link) = match index {
            0 => (
                "{\"id\":\"1\",\"displayName\":\"Ada\"}",
                "\"@odata.nextLink\":\"NEXT?$skiptoken=p2\"",
            ),
            1 => (
                "{\"id\":\"2\",\"displayName\":\"Bo\"}",
                "\"@odata.nextLink\":\"NEXT?$skiptoken=p3\"",
            ),
            _ => (
                "{\"id\":\"3\",\"displayName\":\"Cy\"}",
                "\"@odata.deltaLink\":\"NEXT?$deltatoken=d1\"",
            ),
        };
        let base = shared.lock().map(|b| b.clone()).unwrap_or_default();
        Reply::json(
            200,
            &format!("{{\"value\":[{items}],{link}}}").replace("NEXT", &format!("{base}/users")),
        )
    })
    .await;
    if let Ok(mut slot) = base.lock() {
        *slot = server.base_url();
    }
    (server, base)
}

#[tokio::test]
async fn collect_all_keeps_the_delta_link() {
    let (server, base) = three_page_server().await;
    let collected = client_for(&server)
        .collect_all(users_request())
        .await
        .expect("all pages");
    assert_eq!(collected.pages, 3);
    assert_eq!(
        collected
            .items
            .iter()
            .map(|u| u.id.as_str())
            .collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    let expected = format!(
        "{}/users?$deltatoken=d1",
        base.lock().map(|b| b.clone()).unwrap_or_default()
    );
    assert_eq!(collected.delta_link.as_deref(), Some(expected.as_str()));
}

#[tokio::test]
async fn send_page_and_next_page_walk_by_hand() {
    let (server, _) = three_page_server().await;
    let client = client_for(&server);
    let mut page = client.send_page(users_request()).await.expect("first page");
    let mut seen = page.value.len();
    while let Some(next) = client.next_page(&page, &[]).await.expect("next page") {
        seen += next.value.len();
        page = next;
    }
    assert_eq!(seen, 3);
    assert!(page.delta_link.is_some());
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let server = TestServer::start(|_, _| {
        Reply::json(200, r#"{"value":[{"id":"1","displayName":"Ada"}],"@odata.nextLink":"https://collector.example/v1.0/users?$skiptoken=x"}"#)
    })
    .await;
    let results: Vec<Result<User, Error>> =
        client_for(&server).items(users_request()).collect().await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(
        matches!(&results[1], Err(Error::InvalidUrl { .. })),
        "{:?}",
        results[1]
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_and_succeeds() {
    let server = TestServer::start(|index, _| match index {
        0 => Reply::json(429, GRAPH_ERROR).with_header("Retry-After", "1"),
        _ => Reply::json(201, MESSAGE),
    })
    .await;
    let started = Instant::now();
    let message = client_for(&server)
        .send(send_chat_message())
        .await
        .expect("retried");
    let waited = started.elapsed();
    assert_eq!(message.body.content, "Hello world");
    assert_eq!(server.requests().len(), 2);
    assert!(
        waited >= Duration::from_millis(950),
        "honoured Retry-After: waited {waited:?}"
    );
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    // The body is sent again, whole, on the retry.
    assert_eq!(server.requests()[0].body, server.requests()[1].body);
}

#[tokio::test]
async fn a_retry_after_date_in_the_past_means_now() {
    let server = TestServer::start(|index, _| match index {
        0 => Reply::json(503, "{}").with_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
        _ => Reply::json(200, MESSAGE),
    })
    .await;
    let started = Instant::now();
    let result = client_with(&server, RetryPolicy::default(), Duration::from_secs(5))
        .send(send_chat_message())
        .await;
    assert!(result.is_ok(), "{result:?}");
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn a_persistent_503_fails_after_the_configured_attempts() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            503,
            r#"{"error":{"code":"serviceNotAvailable","message":"busy"}}"#,
        )
        .with_header("Retry-After", "0")
    })
    .await;
    let error = client_with(&server, fast_retries(3), Duration::from_secs(5))
        .send(send_chat_message())
        .await
        .expect_err("must fail");
    assert_eq!(server.requests().len(), 3);
    let graph = error.graph().expect("Graph error");
    assert_eq!(graph.status, 503);
    assert_eq!(graph.code.as_deref(), Some("serviceNotAvailable"));
}

#[tokio::test]
async fn a_post_is_sent_again_only_when_the_service_says_when() {
    for (status, retry_after) in [(503, None), (504, None), (504, Some("0"))] {
        let server = TestServer::start(move |_, _| {
            let reply = Reply::json(status, "{}");
            match retry_after {
                Some(value) => reply.with_header("Retry-After", value),
                None => reply,
            }
        })
        .await;
        let client = client_with(&server, fast_retries(3), Duration::from_secs(5));
        let error = client.send(send_chat_message()).await.expect_err("fails");
        assert_eq!(error.status(), Some(status));
        assert_eq!(
            server.requests().len(),
            1,
            "POST {status} {retry_after:?} was sent again"
        );
        // The same answer to a GET is retried.
        let get: Request<Json<serde_json::Value>> =
            Request::new(Method::Get, Path::new().literal("me"));
        assert!(client.send(get).await.is_err());
        assert_eq!(server.requests().len(), 4, "GET {status} was not retried");
    }
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_is_handed_to_the_caller() {
    let server =
        TestServer::start(|_, _| Reply::json(429, GRAPH_ERROR).with_header("Retry-After", "3600"))
            .await;
    let started = Instant::now();
    let error = client_with(&server, fast_retries(5), Duration::from_secs(5))
        .send(send_chat_message())
        .await
        .expect_err("429");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(
        error.graph().and_then(|g| g.retry_after),
        Some(Duration::from_secs(3600))
    );
}

#[tokio::test]
async fn a_graph_error_body_becomes_a_typed_error() {
    let server = TestServer::start(|_, _| Reply::json(404, GRAPH_ERROR)).await;
    let error = client_for(&server)
        .send(send_chat_message())
        .await
        .expect_err("404");
    assert_eq!(server.requests().len(), 1, "404 is not retried");
    match &error {
        Error::Graph(graph) => {
            assert_eq!(graph.status, 404);
            assert_eq!(graph.code.as_deref(), Some("ErrorItemNotFound"));
            assert_eq!(
                graph.message.as_deref(),
                Some("The specified object was not found in the store.")
            );
            assert_eq!(graph.request_id.as_deref(), Some("req-42"));
            assert_eq!(graph.client_request_id.as_deref(), Some("client-7"));
            assert_eq!(graph.date.as_deref(), Some("2024-05-01T10:00:00"));
        }
        other => panic!("expected a Graph error, got {other:?}"),
    }
    assert!(error.to_string().contains("ErrorItemNotFound"));
}

#[tokio::test]
async fn malformed_or_mistyped_json_is_a_decode_error() {
    for body in [
        r#"{"id":"1","body":{"contentType":"te"#,
        r#"{"id":"1","body":"not an object"}"#,
    ] {
        let server = TestServer::start(move |_, _| Reply::json(200, body)).await;
        let error = client_for(&server)
            .send(send_chat_message())
            .await
            .expect_err("decode error");
        match error {
            Error::Decode {
                status, snippet, ..
            } => {
                assert_eq!(status, 200);
                assert!(body.starts_with(&snippet), "snippet {snippet:?}");
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = TestServer::start(|_, _| {
        Reply::After(Duration::from_secs(3), Box::new(Reply::json(200, MESSAGE)))
    })
    .await;
    let started = Instant::now();
    let error = client_with(&server, fast_retries(3), Duration::from_millis(200))
        .send(send_chat_message())
        .await
        .expect_err("timeout");
    assert!(
        matches!(error, Error::Timeout { after } if after == Duration::from_millis(200)),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.requests().len(), 1, "a timeout is not retried");
}

#[tokio::test]
async fn a_reset_connection_is_a_connection_error() {
    let server = TestServer::start(|_, _| Reply::Reset).await;
    let error = client_for(&server)
        .send(send_chat_message())
        .await
        .expect_err("reset");
    assert!(error.is_connection(), "{error:?}");
}

#[tokio::test]
async fn a_refused_connection_is_a_connection_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{addr}/v1.0"))
        .allow_insecure_http(true)
        .build()
        .expect("client");
    let error = client.send(send_chat_message()).await.expect_err("refused");
    assert!(error.is_connection(), "{error:?}");
}

#[tokio::test]
async fn header_values_with_cr_or_lf_never_leave_the_client() {
    let server = TestServer::start(|_, _| Reply::json(201, MESSAGE)).await;
    let request =
        send_chat_message().header("Prefer", "include-unknown-enum-members\r\nX-Injected: 1");
    let error = client_for(&server)
        .send(request)
        .await
        .expect_err("refused");
    assert!(
        matches!(error, Error::InvalidHeader { ref name, .. } if name == "Prefer"),
        "{error:?}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn plain_http_needs_explicit_permission() {
    let server = TestServer::start(|_, _| Reply::json(201, MESSAGE)).await;
    let refused = Client::builder()
        .base_url(server.base_url())
        .bearer_token("t")
        .build();
    assert!(matches!(refused, Err(Error::InsecureUrl { .. })));
}

#[tokio::test]
async fn the_token_never_shows_in_debug_output() {
    let server = TestServer::start(|_, _| Reply::json(404, GRAPH_ERROR)).await;
    let client = client_for(&server);
    let error = client.send(send_chat_message()).await.expect_err("404");
    for shown in [
        format!("{client:?}"),
        format!("{error:?}"),
        format!("{error}"),
        format!("{:?}", AccessToken::new("test-token-5f3a")),
    ] {
        assert!(!shown.contains("test-token-5f3a"), "token in {shown}");
    }
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Bearer test-token-5f3a"),
        "but it is sent"
    );
}

/// A client whose refreshing token is `{prefix}1`, `{prefix}2`, ...; the count of fetches beside it.
fn refreshing_client(server: &TestServer, prefix: &'static str) -> (Client, Arc<Mutex<u32>>) {
    let calls = Arc::new(Mutex::new(0u32));
    let counter = calls.clone();
    let client = Client::builder()
        .base_url(server.base_url())
        .allow_insecure_http(true)
        .token_provider(RefreshingToken::new(move || {
            let n = counter
                .lock()
                .map(|mut c| {
                    *c += 1;
                    *c
                })
                .unwrap_or(0);
            async move { Ok(AccessToken::new(format!("{prefix}{n}"))) }
        }))
        .build()
        .expect("client");
    (client, calls)
}

#[tokio::test]
async fn a_refreshing_token_is_fetched_once_for_many_requests() {
    let server = TestServer::start(|_, _| Reply::json(201, MESSAGE)).await;
    let (client, calls) = refreshing_client(&server, "fresh-");
    for _ in 0..3 {
        client.send(send_chat_message()).await.expect("sent");
    }
    assert_eq!(calls.lock().map(|c| *c).unwrap_or(0), 1);
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("authorization") == Some("Bearer fresh-1")));
}

/// A transport that answers from memory: the seam works without any network.
struct Canned {
    seen: Arc<Mutex<Vec<HttpRequest>>>,
}

impl Transport for Canned {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        if let Ok(mut seen) = self.seen.lock() {
            seen.push(request);
        }
        futures_util::future::ready(Ok(HttpResponse {
            status: 201,
            headers: vec![],
            body: MESSAGE.as_bytes().to_vec(),
        }))
        .boxed()
    }
}

#[tokio::test]
async fn another_transport_can_be_plugged_in() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = Client::builder()
        .bearer_token("canned-secret")
        .transport(Canned { seen: seen.clone() })
        .build()
        .expect("client");
    let message = client.send(send_chat_message()).await.expect("canned");
    assert_eq!(message.body.content, "Hello world");
    let seen = seen.lock().map(|s| s.clone()).unwrap_or_default();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].url,
        "https://graph.microsoft.com/v1.0/chats/19:2da4c29f@thread.v2/messages"
    );
    assert!(seen[0]
        .headers
        .iter()
        .any(|(n, v)| n == "Authorization" && v == "Bearer canned-secret"));
    assert!(!format!("{:?}", seen[0]).contains("canned-secret"));
}

#[tokio::test]
async fn a_get_whose_connection_dropped_is_sent_again() {
    let server = TestServer::start(|n, _| {
        if n == 0 {
            Reply::Reset
        } else {
            Reply::json(200, r#"{"value":[]}"#)
        }
    })
    .await;
    let page = client_with(&server, fast_retries(3), Duration::from_secs(5))
        .send(users_request())
        .await
        .expect("second try");
    assert!(page.value.is_empty());
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_post_whose_connection_dropped_is_handed_back() {
    let server = TestServer::start(|n, _| {
        if n == 0 {
            Reply::Reset
        } else {
            Reply::json(201, MESSAGE)
        }
    })
    .await;
    let error = client_with(&server, fast_retries(3), Duration::from_secs(5))
        .send(send_chat_message())
        .await
        .expect_err("not sent twice");
    assert!(error.is_connection(), "{error:?}");
    assert_eq!(
        server.requests().len(),
        1,
        "the message may have been posted: it is not posted again"
    );
}

#[tokio::test]
async fn a_rejected_token_is_replaced_once() {
    let server = TestServer::start(|_, request| {
        if request.header("authorization") == Some("Bearer token-1") {
            Reply::json(401, r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}"#)
        } else {
            Reply::json(201, MESSAGE)
        }
    })
    .await;
    let (client, _) = refreshing_client(&server, "token-");
    client
        .send(send_chat_message())
        .await
        .expect("sent with the new token");
    let seen: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").map(str::to_string))
        .collect();
    assert_eq!(
        seen,
        [
            Some("Bearer token-1".to_string()),
            Some("Bearer token-2".to_string())
        ]
    );

    // A token that is refused again is not replaced forever: the second 401 goes to the caller.
    let refusing = TestServer::start(|_, _| Reply::json(401, GRAPH_ERROR)).await;
    let client = Client::builder()
        .base_url(refusing.base_url())
        .allow_insecure_http(true)
        .token_provider(RefreshingToken::new(|| async {
            Ok(AccessToken::new("always-refused"))
        }))
        .build()
        .expect("client");
    let error = client.send(send_chat_message()).await.expect_err("401");
    assert_eq!(error.status(), Some(401));
    assert_eq!(refusing.requests().len(), 2);
    // A fixed token cannot change: one request only.
    let error = client_for(&refusing)
        .send(send_chat_message())
        .await
        .expect_err("401");
    assert_eq!(error.status(), Some(401));
    assert_eq!(refusing.requests().len(), 3);
}

#[tokio::test]
async fn a_get_that_timed_out_is_sent_again() {
    let server = TestServer::start(|n, _| {
        let answer = Reply::json(200, r#"{"value":[]}"#);
        if n == 0 {
            Reply::After(Duration::from_secs(2), Box::new(answer))
        } else {
            answer
        }
    })
    .await;
    let started = Instant::now();
    client_with(&server, fast_retries(3), Duration::from_millis(200))
        .send(users_request())
        .await
        .expect("second try");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.requests().len(), 2);
}
