use std::sync::Arc;

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;
use crate::model::{
    Example, ExampleBody, ExampleRequest, ExampleResponse, Method, Operation, PathTemplate,
    Permissions, RequestBody, Response as Documented, Segment, SegmentPart, Source,
};

/// A template from text: `{name}` pieces are placeholders, `{*name}` a drive path, the rest literal.
fn template(raw: &str) -> PathTemplate {
    let segments = raw
        .split('/')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let parts = match piece.strip_prefix('{').and_then(|p| p.split_once('}')) {
                Some((name, rest)) => {
                    let path = name.starts_with('*');
                    let mut parts = vec![SegmentPart::Param {
                        name: name.trim_start_matches('*').into(),
                        quoted: false,
                        path,
                    }];
                    if !rest.is_empty() {
                        parts.push(SegmentPart::Literal { text: rest.into() });
                    }
                    parts
                }
                None => vec![SegmentPart::Literal { text: piece.into() }],
            };
            Segment { parts }
        })
        .collect();
    PathTemplate {
        raw: raw.into(),
        segments,
        fixed_query: Vec::new(),
    }
}

fn operation(method: &str, raw: &str, status: u16, examples: Vec<Example>) -> Operation {
    Operation {
        title: format!("{method} {raw}"),
        description: String::new(),
        page: "page".into(),
        area: String::new(),
        method: Method::parse(method).expect("method"),
        path: template(raw),
        path_params: Vec::new(),
        query_params: Vec::new(),
        query_options: Default::default(),
        header_params: Vec::new(),
        permissions: Permissions::default(),
        request: RequestBody::None,
        mime_body: false,
        response: Documented {
            status,
            type_ref: None,
            collection: false,
        },
        examples,
        source: Source::default(),
        alias_of: None,
        from_example: None,
        also_documented_by: Vec::new(),
    }
}

fn example(
    name: &str,
    request: Option<(&str, &str)>,
    status: Option<u16>,
    headers: &[(&str, &str)],
    body: Option<ExampleBody>,
) -> Example {
    Example {
        name: name.into(),
        request: request.map(|(method, url)| ExampleRequest {
            method: Method::parse(method).expect("method"),
            url: url.into(),
            headers: Vec::new(),
            body: None,
            source: Source::default(),
        }),
        response: Some(ExampleResponse {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body,
            odata_type: None,
            collection: false,
            truncated: false,
            source: Source::default(),
        }),
    }
}

fn json_body(value: serde_json::Value) -> Option<ExampleBody> {
    Some(ExampleBody {
        text: value.to_string(),
        json: Some(value),
        lenient: false,
    })
}

fn index(operations: Vec<Operation>) -> MockIndex {
    MockIndex::new(&Model {
        operations,
        ..Model::default()
    })
}

fn body_json(response: &MockResponse) -> serde_json::Value {
    serde_json::from_slice(&response.body).unwrap_or(serde_json::Value::Null)
}

fn chat_index() -> MockIndex {
    let message =
        json!({"id": "1616990032035", "body": {"contentType": "text", "content": "Hello world"}});
    index(vec![operation(
        "POST",
        "/chats/{chat-id}/messages",
        201,
        vec![example(
            "post_chatmessage",
            Some((
                "POST",
                "https://graph.microsoft.com/v1.0/chats/19:2da4c29f@thread.v2/messages",
            )),
            Some(201),
            &[
                ("Content-Type", "application/json"),
                ("Content-Length", "999"),
                ("X-Bad", "a\r\nX-Injected: 1"),
            ],
            json_body(message),
        )],
    )])
}

#[test]
fn a_documented_request_gets_its_documented_response() {
    let answer = respond(
        &chat_index(),
        "POST",
        "/v1.0/chats/19%3A2da4c29f%40thread.v2/messages",
    );
    assert_eq!(answer.status, 201);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert_eq!(body_json(&answer)["body"]["content"], "Hello world");
    assert_eq!(
        answer.header("content-length"),
        None,
        "the server sets the real length"
    );
    assert_eq!(
        answer.header("x-bad"),
        None,
        "a value with CR/LF is dropped"
    );
    assert_eq!(
        answer.header("x-graphgen-example"),
        Some("post_chatmessage")
    );
    // Without the version prefix, lower-case method, and with a query: the same answer.
    assert_eq!(
        respond(&chat_index(), "post", "/chats/other/messages?$top=1"),
        answer
    );
}

#[test]
fn anything_undocumented_gets_a_graph_style_404() {
    for (method, target) in [
        ("GET", "/v1.0/chats/19:x/messages"),
        ("POST", "/v1.0/chats/19:x"),
        ("POST", "/v1.0/teams/1/messages"),
        ("POST", "/"),
    ] {
        let answer = respond(&chat_index(), method, target);
        assert_eq!(answer.status, 404, "{method} {target}");
        let body = body_json(&answer);
        assert_eq!(body["error"]["code"], "ResourceNotFound");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains(method));
        assert!(body["error"]["innerError"]["request-id"].is_string());
    }
}

#[test]
fn the_most_specific_template_wins() {
    let by_id = operation(
        "GET",
        "/me/events/{id}",
        200,
        vec![example(
            "by_id",
            None,
            Some(200),
            &[],
            json_body(json!({"id": "e1"})),
        )],
    );
    let delta = operation(
        "GET",
        "/me/events/delta",
        200,
        vec![example(
            "delta",
            None,
            Some(200),
            &[],
            json_body(json!({"value": []})),
        )],
    );
    let index = index(vec![by_id, delta]);
    assert_eq!(
        respond(&index, "GET", "/v1.0/me/events/delta").header("x-graphgen-example"),
        Some("delta")
    );
    assert_eq!(
        respond(&index, "GET", "/v1.0/me/events/AAMk").header("x-graphgen-example"),
        Some("by_id")
    );
}

#[test]
fn the_example_for_exactly_this_request_is_preferred() {
    let examples = vec![
        example(
            "first",
            Some(("GET", "/users/87d349ed")),
            Some(200),
            &[],
            json_body(json!({"id": "87d349ed"})),
        ),
        example(
            "second",
            Some((
                "GET",
                "https://graph.microsoft.com/v1.0/users/adele@contoso.com?$select=id",
            )),
            Some(200),
            &[],
            json_body(json!({"id": "adele"})),
        ),
    ];
    let index = index(vec![operation("GET", "/users/{id}", 200, examples)]);
    assert_eq!(
        body_json(&respond(&index, "GET", "/v1.0/users/adele@contoso.com"))["id"],
        "adele"
    );
    assert_eq!(
        body_json(&respond(&index, "GET", "/v1.0/users/87d349ed"))["id"],
        "87d349ed"
    );
    assert_eq!(
        body_json(&respond(&index, "GET", "/v1.0/users/someone-else"))["id"],
        "87d349ed",
        "else the first"
    );
}

#[test]
fn no_content_and_missing_examples_answer_with_the_documented_status() {
    let delete = operation(
        "DELETE",
        "/me/messages/{id}",
        204,
        vec![example(
            "del",
            None,
            Some(204),
            &[],
            json_body(json!({"ignored": true})),
        )],
    );
    let bare = operation("PATCH", "/me/messages/{id}", 200, Vec::new());
    let index = index(vec![delete, bare]);
    let deleted = respond(&index, "DELETE", "/me/messages/x");
    assert_eq!(
        (
            deleted.status,
            deleted.body.len(),
            deleted.header("content-type")
        ),
        (204, 0, None)
    );
    let patched = respond(&index, "PATCH", "/me/messages/x");
    assert_eq!((patched.status, patched.body.len()), (200, 0));
}

#[test]
fn a_body_that_is_not_json_is_sent_as_written() {
    let text = ExampleBody {
        text: "BEGIN:VCARD".into(),
        json: None,
        lenient: false,
    };
    let index = index(vec![operation(
        "GET",
        "/me/contacts/{id}/$value",
        200,
        vec![example("vcard", None, None, &[], Some(text))],
    )]);
    let answer = respond(&index, "GET", "/me/contacts/1/$value");
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, b"BEGIN:VCARD");
    assert_eq!(
        answer.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn drive_paths_span_segments() {
    let content = operation(
        "GET",
        "/me/drive/root:/{*item-path}:/content",
        302,
        vec![example(
            "redirect",
            None,
            Some(302),
            &[("Location", "https://download.example/file")],
            None,
        )],
    );
    let index = index(vec![content]);
    let answer = respond(
        &index,
        "GET",
        "/v1.0/me/drive/root:/Documents/2024/q1.xlsx:/content",
    );
    assert_eq!(answer.status, 302);
    assert_eq!(
        answer.header("location"),
        Some("https://download.example/file")
    );
}

/// Sends one raw HTTP/1.1 request and returns the whole response as text.
async fn exchange(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to the mock");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = Vec::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read_to_end(&mut response),
    )
    .await;
    assert!(read.is_ok(), "the mock answered within 5 s");
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn serves_over_http_on_loopback() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let server = tokio::spawn(serve_listener(Arc::new(chat_index()), listener));

    let body = "{\"body\":{\"content\":\"Hello world\"}}";
    let post = format!(
        "POST /v1.0/chats/19:abc@thread.v2/messages HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let answer = exchange(addr, &post).await;
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(answer.contains("\"content\":\"Hello world\""), "{answer}");

    let answer = exchange(
        addr,
        &format!("GET /v1.0/nowhere HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(answer.contains("ResourceNotFound"), "{answer}");
    server.abort();
}
