//! `$batch` against a batch endpoint on 127.0.0.1: splitting, dependsOn, typed answers,
//! per-item retries, malformed answers.

use std::time::{Duration, Instant};

use graphgen_runtime::{Batch, Error, Json, Method, NoContent, Path, Request};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::server::{Recorded, Reply, TestServer};
use crate::{client_for, client_with, fast_retries};

#[derive(Debug, Deserialize, PartialEq)]
struct Echo {
    url: String,
    method: String,
}

fn user(n: usize) -> Request<Json<Echo>> {
    Request::new(
        Method::Get,
        Path::new().literal("users").value(&format!("u{n}")),
    )
}

/// The `requests` of a recorded batch call.
fn items(request: &Recorded) -> Vec<Value> {
    let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
    body["requests"].as_array().cloned().unwrap_or_default()
}

/// Answers every item 200 with its method and URL, unless `special` says otherwise.
fn echo_all(request: &Recorded, special: impl Fn(&Value) -> Option<Value>) -> Reply {
    let responses: Vec<Value> = items(request)
        .iter()
        .map(|item| {
            special(item).unwrap_or_else(|| {
                json!({"id": item["id"], "status": 200,
                       "headers": {"Content-Type": "application/json"},
                       "body": {"url": item["url"], "method": item["method"]}})
            })
        })
        .collect();
    Reply::json(200, &json!({ "responses": responses }).to_string())
}

#[tokio::test]
async fn forty_five_requests_go_in_three_calls_with_typed_answers() {
    let server = TestServer::start(|_, request| echo_all(request, |_| None)).await;
    let mut batch = Batch::new();
    let keys: Vec<_> = (0..45).map(|n| batch.add(user(n))).collect();
    let answers = client_for(&server).send_batch(batch).await.expect("batch");
    for (n, key) in keys.iter().enumerate() {
        let echo = answers.get(key).expect("typed answer");
        assert_eq!(
            echo,
            Echo {
                url: format!("/users/u{n}"),
                method: "GET".into()
            }
        );
    }
    let calls = server.requests();
    assert_eq!(calls.len(), 3);
    assert!(calls
        .iter()
        .all(|c| c.method == "POST" && c.target == "/v1.0/$batch"));
    assert!(calls
        .iter()
        .all(|c| c.header("authorization") == Some("Bearer test-token-5f3a")));
    let sizes: Vec<usize> = calls.iter().map(|c| items(c).len()).collect();
    assert_eq!(sizes, [20, 20, 5]);
}

#[tokio::test]
async fn depends_on_is_sent_and_bodies_travel_as_json() {
    let server = TestServer::start(|_, request| echo_all(request, |_| None)).await;
    let mut batch = Batch::new();
    let create = batch.add(
        Request::<Json<Echo>>::new(Method::Post, Path::new().literal("me").literal("events"))
            .json(&json!({"subject": "Review"})),
    );
    let list = batch
        .add_after(
            Request::<Json<Echo>>::new(Method::Get, Path::new().literal("me").literal("events")),
            &[create.id()],
        )
        .expect("known dependency");
    let answers = client_for(&server).send_batch(batch).await.expect("batch");
    assert_eq!(answers.get(&list).expect("list").method, "GET");
    let sent = items(&server.requests()[0]);
    assert_eq!(sent[0]["body"], json!({"subject": "Review"}));
    assert_eq!(sent[0]["headers"]["Content-Type"], "application/json");
    assert_eq!(sent[1]["dependsOn"], json!([create.id()]));
}

#[tokio::test]
async fn a_throttled_item_alone_is_sent_again_after_its_retry_after() {
    let server = TestServer::start(|index, request| {
        echo_all(request, |item| {
            (index == 0 && item["id"] == "2").then(|| {
                json!({"id": "2", "status": 429, "headers": {"Retry-After": "1"},
                       "body": {"error": {"code": "TooManyRequests", "message": "slow down"}}})
            })
        })
    })
    .await;
    let mut batch = Batch::new();
    let keys: Vec<_> = (0..3).map(|n| batch.add(user(n))).collect();
    let started = Instant::now();
    let answers = client_for(&server).send_batch(batch).await.expect("batch");
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "honoured Retry-After"
    );
    assert_eq!(answers.get(&keys[1]).expect("retried").url, "/users/u1");
    let calls = server.requests();
    assert_eq!(calls.len(), 2);
    let again = items(&calls[1]);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0]["id"], "2");
}

#[tokio::test]
async fn failed_posts_are_not_sent_again_unless_the_service_says_so() {
    // POST answered 503 without Retry-After: it may have run; GET with the same answer is repeated.
    let server = TestServer::start(|index, request| {
        echo_all(request, |item| {
            (index == 0).then(
                || json!({"id": item["id"], "status": 503, "body": {"error": {"code": "busy"}}}),
            )
        })
    })
    .await;
    let mut batch = Batch::new();
    let post = batch.add(
        Request::<Json<Echo>>::new(Method::Post, Path::new().literal("me").literal("events"))
            .json(&json!({})),
    );
    let get = batch.add(user(7));
    let answers = client_with(&server, fast_retries(3), Duration::from_secs(5))
        .send_batch(batch)
        .await
        .expect("batch");
    assert_eq!(answers.get(&post).expect_err("503").status(), Some(503));
    assert_eq!(answers.get(&get).expect("retried").url, "/users/u7");
    let calls = server.requests();
    assert_eq!(calls.len(), 2);
    assert_eq!(items(&calls[1]).len(), 1);
    assert_eq!(items(&calls[1])[0]["method"], "GET");
}

#[tokio::test]
async fn item_errors_are_typed_and_a_failed_dependency_in_an_earlier_call_stops_the_next() {
    let server = TestServer::start(|_, request| {
        echo_all(request, |item| {
            (item["id"] == "20").then(|| {
                json!({"id": "20", "status": 404, "headers": {"Content-Type": "application/json"},
                       "body": {"error": {"code": "Request_ResourceNotFound", "message": "gone"}}})
            })
        })
    })
    .await;
    let mut batch = Batch::new();
    let keys: Vec<_> = (0..20).map(|n| batch.add(user(n))).collect();
    let dependent: graphgen_runtime::BatchKey<NoContent> = batch
        .add_after(
            Request::new(Method::Delete, Path::new().literal("users").value("u19")),
            &[keys[19].id()],
        )
        .expect("dependency");
    let answers = client_for(&server).send_batch(batch).await.expect("batch");
    let error = answers.get(&keys[19]).expect_err("404");
    let graph = error.graph().expect("Graph error");
    assert_eq!(graph.code.as_deref(), Some("Request_ResourceNotFound"));
    assert_eq!(
        answers.get(&dependent).expect_err("424").status(),
        Some(424)
    );
    assert_eq!(
        server.requests().len(),
        1,
        "the dependent item was never sent"
    );
}

#[tokio::test]
async fn malformed_answers_name_the_item() {
    let cases: Vec<(&'static str, &'static str)> = vec![
        (
            r#"{"responses":[{"id":"1","status":200,"body":{"url":"/users/u0","method":"GET"}},{"id":"2","body":{}}]}"#,
            "\"2\"",
        ),
        (
            r#"{"responses":[{"id":"1","status":200,"body":{}},{"id":"9","status":200,"body":{}}]}"#,
            "\"9\"",
        ),
        (
            r#"{"responses":[{"id":"1","status":200,"body":{"url":"/users/u0","method":"GET"}}]}"#,
            "\"2\"",
        ),
        (r#"<html>gateway</html>"#, "unreadable"),
        (r#"{"value":[]}"#, "responses"),
    ];
    for (answer, named) in cases {
        let server = TestServer::start(move |_, _| Reply::json(200, answer)).await;
        let mut batch = Batch::new();
        batch.add(user(0));
        batch.add(user(1));
        let error = client_for(&server)
            .send_batch(batch)
            .await
            .expect_err(answer);
        assert!(matches!(error, Error::Batch { .. }), "{error:?}");
        let shown = error.to_string();
        assert!(shown.contains(named), "{answer}: {shown}");
    }
}

#[tokio::test]
async fn an_item_body_of_the_wrong_type_is_an_error_naming_it() {
    let server = TestServer::start(|_, request| {
        echo_all(request, |item| {
            (item["id"] == "2").then(|| json!({"id": "2", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"url": 5}}))
        })
    })
    .await;
    let mut batch = Batch::new();
    let first = batch.add(user(0));
    let second = batch.add(user(1));
    let answers = client_for(&server).send_batch(batch).await.expect("batch");
    assert!(answers.get(&first).is_ok());
    let error = answers.get(&second).expect_err("mistyped");
    assert!(
        matches!(&error, Error::Batch { id, .. } if id == "2"),
        "{error:?}"
    );
}
