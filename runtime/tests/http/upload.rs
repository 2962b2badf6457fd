//! Upload sessions against a session endpoint on 127.0.0.1 that drops the connection
//! half-way through a range, refuses ranges, and expires.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use graphgen_runtime::upload::{UploadTask, CHUNK_UNIT};
use graphgen_runtime::Error;
use serde_json::json;

use crate::client_for;
use crate::server::{Recorded, Reply, TestServer};

/// What the session has received, and which PUT (0-based) to break off half-way.
struct Session {
    received: Vec<u8>,
    total: usize,
    puts: usize,
    break_put: Option<usize>,
}

fn content(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i * 31 % 251) as u8).collect()
}

fn status(received: usize) -> Reply {
    Reply::json(
        200,
        &json!({"expirationDateTime": "2030-01-01T00:00:00Z", "nextExpectedRanges": [format!("{received}-")]}).to_string(),
    )
}

/// A driveItem-like upload session at `/up/session-1`.
fn session_server(
    total: usize,
    break_put: Option<usize>,
) -> (Arc<Mutex<Session>>, impl Fn(usize, &Recorded) -> Reply) {
    let state = Arc::new(Mutex::new(Session {
        received: Vec::new(),
        total,
        puts: 0,
        break_put,
    }));
    let shared = state.clone();
    let handler = move |_: usize, request: &Recorded| {
        let Ok(mut session) = shared.lock() else {
            return Reply::Reset;
        };
        match request.method.as_str() {
            "GET" => status(session.received.len()),
            "PUT" => {
                let range = request
                    .header("content-range")
                    .unwrap_or_default()
                    .to_string();
                let Some((start, end, total)) = parse_range(&range) else {
                    return Reply::json(400, r#"{"error":{"code":"invalidRange"}}"#);
                };
                if start != session.received.len()
                    || total != session.total
                    || end + 1 - start != request.body.len()
                {
                    return Reply::json(416, r#"{"error":{"code":"invalidRange"}}"#);
                }
                let this_put = session.puts;
                session.puts += 1;
                if session.break_put == Some(this_put) {
                    // Half the range arrives, then the connection drops.
                    let half = request.body.len() / 2;
                    session.received.extend_from_slice(&request.body[..half]);
                    return Reply::Reset;
                }
                session.received.extend_from_slice(&request.body);
                if session.received.len() == session.total {
                    Reply::json(
                        201,
                        &json!({"id": "item-1", "name": "big.bin", "size": total}).to_string(),
                    )
                } else {
                    Reply::json(
                        202,
                        &json!({"nextExpectedRanges": [format!("{}-", session.received.len())]})
                            .to_string(),
                    )
                }
            }
            "DELETE" => Reply::Respond {
                status: 204,
                headers: vec![],
                body: vec![],
            },
            _ => Reply::json(405, "{}"),
        }
    };
    (state, handler)
}

fn parse_range(value: &str) -> Option<(usize, usize, usize)> {
    let (range, total) = value.strip_prefix("bytes ")?.split_once('/')?;
    let (start, end) = range.split_once('-')?;
    Some((start.parse().ok()?, end.parse().ok()?, total.parse().ok()?))
}

#[tokio::test]
async fn a_connection_dropped_mid_range_resumes_from_the_next_expected_range() {
    let total = 3 * CHUNK_UNIT + 1000;
    let data = content(total);
    let (state, handler) = session_server(total, Some(1));
    let uploads = TestServer::start(handler).await;
    let graph = TestServer::start(|_, _| Reply::json(500, "{}")).await;
    let progress = Arc::new(Mutex::new(Vec::new()));
    let seen = progress.clone();
    let outcome = UploadTask::new(
        &client_for(&graph),
        format!("http://{}/up/session-1?tempauth=xyz", uploads.addr),
        total as u64,
    )
    .chunk_size(CHUNK_UNIT)
    .expect("chunk size")
    .on_progress(move |sent, all| {
        if let Ok(mut p) = seen.lock() {
            p.push((sent, all));
        }
    })
    .upload_bytes::<serde_json::Value>(&data)
    .await
    .expect("uploaded");
    assert_eq!(outcome.status, 201);
    assert_eq!(
        outcome.item.map(|item| item["id"].clone()),
        Some(json!("item-1"))
    );
    assert_eq!(
        state.lock().map(|s| s.received == data).ok(),
        Some(true),
        "the bytes arrived whole and in order"
    );

    let requests = uploads.requests();
    assert!(
        requests.iter().all(|r| r.header("authorization").is_none()),
        "no Graph token to the upload URL"
    );
    assert!(requests
        .iter()
        .all(|r| r.target == "/up/session-1?tempauth=xyz"));
    assert!(graph.requests().is_empty());
    let methods: Vec<&str> = requests.iter().map(|r| r.method.as_str()).collect();
    // 0..U, U..1.5U (broken), status, 1.5U..2.5U, 2.5U..end.
    assert_eq!(methods, ["PUT", "PUT", "GET", "PUT", "PUT"]);
    let half = CHUNK_UNIT + CHUNK_UNIT / 2;
    assert_eq!(
        requests[3].header("content-range").map(str::to_string),
        Some(format!("bytes {half}-{}/{total}", half + CHUNK_UNIT - 1)),
        "resumed from the middle of the broken range"
    );
    let reported = progress.lock().map(|p| p.clone()).unwrap_or_default();
    assert!(
        reported.windows(2).all(|w| w[0].0 <= w[1].0),
        "{reported:?}"
    );
    assert_eq!(reported.last(), Some(&(total as u64, total as u64)));
}

#[tokio::test]
async fn a_stream_of_odd_pieces_uploads_and_resumes() {
    let total = 2 * CHUNK_UNIT + 12_345;
    let data = content(total);
    let (state, handler) = session_server(total, Some(2));
    let uploads = TestServer::start(handler).await;
    let pieces: Vec<Result<Bytes, std::io::Error>> = data
        .chunks(4093)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    let outcome = UploadTask::new(
        &client_for(&uploads),
        format!("http://{}/up/s", uploads.addr),
        total as u64,
    )
    .chunk_size(CHUNK_UNIT)
    .expect("chunk size")
    .upload_stream::<serde_json::Value, _, _>(futures_util::stream::iter(pieces))
    .await
    .expect("uploaded");
    assert_eq!(outcome.status, 201);
    assert_eq!(state.lock().map(|s| s.received == data).ok(), Some(true));
}

#[tokio::test]
async fn an_attachment_session_ends_with_a_location_and_no_body() {
    let total = 1000;
    let uploads = TestServer::start(|_, _| Reply::Respond {
        status: 201,
        headers: vec![(
            "Location".into(),
            "https://outlook.office.com/api/v2.0/Users('a')/Messages('m')/Attachments('x')".into(),
        )],
        body: vec![],
    })
    .await;
    let outcome = UploadTask::new(
        &client_for(&uploads),
        format!("http://{}/up/att", uploads.addr),
        total,
    )
    .upload_bytes::<serde_json::Value>(&content(1000))
    .await
    .expect("uploaded");
    assert_eq!(outcome.item, None);
    assert!(outcome
        .location
        .unwrap_or_default()
        .contains("Attachments('x')"));
    assert_eq!(
        uploads.requests()[0].header("content-range"),
        Some("bytes 0-999/1000")
    );
}

#[tokio::test]
async fn an_expired_session_and_a_refusal_end_the_upload() {
    // Every PUT fails with 503; the status query then finds the session gone.
    let uploads = TestServer::start(|_, request| match request.method.as_str() {
        "PUT" => Reply::json(503, "{}"),
        _ => Reply::json(404, r#"{"error":{"code":"itemNotFound"}}"#),
    })
    .await;
    let error = UploadTask::new(
        &client_for(&uploads),
        format!("http://{}/up/old", uploads.addr),
        10,
    )
    .upload_bytes::<serde_json::Value>(&[0; 10])
    .await
    .expect_err("expired");
    assert!(
        matches!(&error, Error::Upload { message } if message.contains("expired")),
        "{error}"
    );

    let forbidden =
        TestServer::start(|_, _| Reply::json(403, r#"{"error":{"code":"accessDenied"}}"#)).await;
    let error = UploadTask::new(
        &client_for(&forbidden),
        format!("http://{}/up/x", forbidden.addr),
        10,
    )
    .upload_bytes::<serde_json::Value>(&[0; 10])
    .await
    .expect_err("refused");
    assert_eq!(error.status(), Some(403));
    assert_eq!(forbidden.requests().len(), 1, "a refusal is not resumed");
}

#[tokio::test]
async fn content_shorter_than_announced_is_an_error() {
    let (_, handler) = session_server(2000, None);
    let uploads = TestServer::start(handler).await;
    let error = UploadTask::new(
        &client_for(&uploads),
        format!("http://{}/up/s", uploads.addr),
        2000,
    )
    .upload_bytes::<serde_json::Value>(&content(1500))
    .await
    .expect_err("short");
    assert!(error.to_string().contains("ended at byte 1500"), "{error}");
    assert!(uploads.requests().is_empty());
}

#[tokio::test]
async fn cancel_deletes_the_session_and_plain_http_needs_permission() {
    let uploads = TestServer::start(|_, _| Reply::Respond {
        status: 204,
        headers: vec![],
        body: vec![],
    })
    .await;
    UploadTask::new(
        &client_for(&uploads),
        format!("http://{}/up/s", uploads.addr),
        1,
    )
    .cancel()
    .await
    .expect("cancelled");
    assert_eq!(uploads.requests()[0].method, "DELETE");
    let strict = graphgen_runtime::Client::builder().build().expect("client");
    let error = UploadTask::new(&strict, format!("http://{}/up/s", uploads.addr), 1)
        .upload_bytes::<serde_json::Value>(&[1])
        .await
        .expect_err("plain http");
    assert!(matches!(error, Error::InsecureUrl { .. }), "{error:?}");
}

#[tokio::test]
async fn a_throttled_range_waits_then_resumes_from_the_session_status() {
    let total = CHUNK_UNIT + 10;
    let data = content(total);
    let (state, inner) = session_server(total, None);
    let throttled_once = Arc::new(Mutex::new(false));
    let uploads = TestServer::start(move |index, request| {
        let mut throttled = match throttled_once.lock() {
            Ok(t) => t,
            Err(_) => return Reply::Reset,
        };
        if request.method == "PUT" && index == 1 && !*throttled {
            *throttled = true;
            return Reply::json(429, "{}").with_header("Retry-After", "1");
        }
        inner(index, request)
    })
    .await;
    let started = std::time::Instant::now();
    let outcome = UploadTask::new(
        &client_for(&uploads),
        format!("http://{}/up/s", uploads.addr),
        total as u64,
    )
    .chunk_size(CHUNK_UNIT)
    .expect("chunk size")
    .upload_bytes::<serde_json::Value>(&data)
    .await
    .expect("uploaded");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(950),
        "honoured Retry-After"
    );
    assert_eq!(outcome.status, 201);
    assert_eq!(state.lock().map(|s| s.received == data).ok(), Some(true));
    let methods: Vec<String> = uploads
        .requests()
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(methods, ["PUT", "PUT", "GET", "PUT"]);
}
