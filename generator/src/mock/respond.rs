//! What the mock answers to one request: pure data in, pure data out.

use crate::model::{Example, ExampleResponse, Model, Operation};

use crate::examples::url::{match_url, split_example_url};

/// Headers the mock never copies from an example: the server sets them from the real body.
const HOP_HEADERS: [&str; 3] = ["content-length", "transfer-encoding", "connection"];

/// A response the mock sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl MockResponse {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The operations of a model, ready to be matched against requests.
#[derive(Debug, Clone, Default)]
pub struct MockIndex {
    operations: Vec<Operation>,
}

impl MockIndex {
    pub fn new(model: &Model) -> Self {
        MockIndex {
            operations: model.operations.clone(),
        }
    }

    pub fn len(&self) -> usize {
        self.operations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }
}

/// Answers `method target` (`target` as in the request line: path and optional query, with
/// or without a `/v1.0` or `/beta` prefix) with the documented response of the operation
/// whose method and path template match; the most specific template wins, then model order.
/// Anything else gets a 404 with a Graph-style error body.
pub fn respond(index: &MockIndex, method: &str, target: &str) -> MockResponse {
    let segments = split_example_url(target).segments;
    let mut candidates: Vec<(&Operation, usize)> = index
        .operations
        .iter()
        .filter(|op| op.method.as_str().eq_ignore_ascii_case(method))
        .filter_map(|op| match_url(&op.path, target).map(|found| (op, found.score)))
        .collect();
    // A stable sort keeps model order among equally specific templates.
    candidates.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
    let candidates: Vec<&Operation> = candidates.into_iter().map(|(op, _)| op).collect();
    let answered = candidates.iter().find_map(|op| {
        pick_example(op, method, &segments)
            .map(|(example, response)| from_example(op, example, response))
    });
    match (answered, candidates.first()) {
        (Some(response), _) => response,
        (None, Some(op)) => without_example(op),
        (None, None) => not_found(method, target),
    }
}

/// The example to answer with: one whose request is exactly this one, else the first whose
/// request fits the operation (or has no request), else the first with a response at all.
fn pick_example<'a>(
    op: &'a Operation,
    method: &str,
    segments: &[String],
) -> Option<(&'a Example, &'a ExampleResponse)> {
    let rank = |example: &Example| match &example.request {
        Some(request) if !request.method.as_str().eq_ignore_ascii_case(method) => 2,
        Some(request) => {
            if split_example_url(&request.url).segments == segments {
                0
            } else if match_url(&op.path, &request.url).is_some() {
                1
            } else {
                2
            }
        }
        None => 1,
    };
    op.examples
        .iter()
        .filter_map(|example| {
            example
                .response
                .as_ref()
                .map(|response| (example, response))
        })
        .min_by_key(|(example, _)| rank(example))
}

fn from_example(op: &Operation, example: &Example, response: &ExampleResponse) -> MockResponse {
    let status = valid_status(response.status)
        .or(valid_status(Some(op.response.status)))
        .unwrap_or(200);
    let mut headers: Vec<(String, String)> = response
        .headers
        .iter()
        .filter(|(name, value)| {
            is_token(name)
                && !HOP_HEADERS.contains(&name.to_ascii_lowercase().as_str())
                && is_clean(value)
        })
        .cloned()
        .collect();
    let has_type = headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));
    let mut body = Vec::new();
    if may_have_body(status) {
        if let Some(documented) = &response.body {
            match &documented.json {
                Some(json) => {
                    body = serde_json::to_vec(json).unwrap_or_default();
                    if !has_type {
                        headers.push(("Content-Type".into(), "application/json".into()));
                    }
                }
                None if !documented.text.trim().is_empty() => {
                    body = documented.text.clone().into_bytes();
                    if !has_type {
                        headers.push(("Content-Type".into(), "text/plain; charset=utf-8".into()));
                    }
                }
                None => {}
            }
        }
    }
    if is_clean(&example.name) {
        headers.push(("x-graphgen-example".into(), example.name.clone()));
    }
    MockResponse {
        status,
        headers,
        body,
    }
}

/// An operation that matched but documents no response example: its documented status, no body.
fn without_example(op: &Operation) -> MockResponse {
    let status = valid_status(Some(op.response.status)).unwrap_or(200);
    MockResponse {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    }
}

fn not_found(method: &str, target: &str) -> MockResponse {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let body = serde_json::json!({
        "error": {
            "code": "ResourceNotFound",
            "message": format!("No documented operation matches {method} {path}"),
            "innerError": { "request-id": "graphgen-mock", "client-request-id": "graphgen-mock" }
        }
    });
    MockResponse {
        status: 404,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: serde_json::to_vec(&body).unwrap_or_default(),
    }
}

fn valid_status(status: Option<u16>) -> Option<u16> {
    status.filter(|s| (200..=599).contains(s))
}

fn may_have_body(status: u16) -> bool {
    status != 204 && status != 304
}

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
}

/// A header value that cannot smuggle another header: visible ASCII, spaces and tabs only.
fn is_clean(value: &str) -> bool {
    value.chars().all(|c| c == '\t' || (' '..='~').contains(&c))
}
