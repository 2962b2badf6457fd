//! [`Error`]: everything that can go wrong between building a request and reading its answer.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// How many characters of a body an error keeps, so that a huge body never ends up in a log.
const SNIPPET_CHARS: usize = 240;

/// Why a call failed. Match on the variant; every variant prints a one-line explanation.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status outside 2xx.
    Graph(Box<GraphError>),
    /// The service answered 2xx, but the body is not what the response type says.
    Decode {
        status: u16,
        /// What the JSON reader objected to.
        message: String,
        /// The start of the body.
        snippet: String,
    },
    /// No answer within the per-request timeout.
    Timeout { after: Duration },
    /// The connection could not be made, or broke before a full answer arrived.
    Connection { message: String },
    /// A header name is not a valid token, or its value holds CR, LF or NUL. The value is
    /// never printed: it may be a secret.
    InvalidHeader { name: String, reason: &'static str },
    /// The URL uses plain `http` and the client was not built with `allow_insecure_http`.
    InsecureUrl { url: String },
    /// The URL cannot be parsed, or would not address what it seems to (dot segments, a
    /// next link that leaves the service host).
    InvalidUrl { url: String, reason: String },
    /// The token provider could not supply a token.
    Token { message: String },
    /// The request body could not be written as JSON.
    Encode { message: String },
    /// The transport could not be set up (TLS backend, resolver).
    Setup { message: String },
    /// One item of a `$batch` answer is missing or unreadable (the whole answer, when
    /// `id` is empty).
    Batch { id: String, message: String },
    /// An upload session could not go on (expired, refused a range, lost its place).
    Upload { message: String },
    /// A change notification is unreadable, fails its `clientState` check, or its
    /// encrypted content does not decrypt or verify.
    Notification { message: String },
}

impl Error {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Graph(graph) => Some(graph.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The Graph error, when the service answered with a status outside 2xx.
    pub fn graph(&self) -> Option<&GraphError> {
        match self {
            Error::Graph(graph) => Some(graph),
            _ => None,
        }
    }

    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    pub fn is_connection(&self) -> bool {
        matches!(self, Error::Connection { .. })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Graph(graph) => graph.fmt(f),
            Error::Decode {
                status,
                message,
                snippet,
            } => {
                write!(
                    f,
                    "response body (status {status}) is not the expected type: {message}; body starts {snippet:?}"
                )
            }
            Error::Timeout { after } => write!(f, "no response within {} ms", after.as_millis()),
            Error::Connection { message } => write!(f, "connection failed: {message}"),
            Error::InvalidHeader { name, reason } => write!(f, "header {name:?} refused: {reason}"),
            Error::InsecureUrl { url } => {
                write!(
                    f,
                    "refused plain http URL {url:?}; build the client with allow_insecure_http for loopback tests"
                )
            }
            Error::InvalidUrl { url, reason } => write!(f, "URL {url:?} refused: {reason}"),
            Error::Token { message } => write!(f, "no access token: {message}"),
            Error::Encode { message } => write!(f, "request body could not be encoded: {message}"),
            Error::Setup { message } => write!(f, "transport could not be set up: {message}"),
            Error::Batch { id, message } if id.is_empty() => {
                write!(f, "batch answer unreadable: {message}")
            }
            Error::Batch { id, message } => write!(f, "batch item {id:?}: {message}"),
            Error::Upload { message } => write!(f, "upload failed: {message}"),
            Error::Notification { message } => write!(f, "change notification refused: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// A response with a status outside 2xx, with what Graph's error body says about it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GraphError {
    pub status: u16,
    /// `error.code`, e.g. `Request_ResourceNotFound`.
    pub code: Option<String>,
    /// `error.message`.
    pub message: Option<String>,
    /// `error.innerError.request-id`, else the `request-id` response header.
    pub request_id: Option<String>,
    /// `error.innerError.client-request-id`, else the `client-request-id` response header.
    pub client_request_id: Option<String>,
    /// `error.innerError.date`, as written.
    pub date: Option<String>,
    /// How long the service asked the caller to wait (`Retry-After`), when it said.
    pub retry_after: Option<Duration>,
    /// The start of the body when it is not a Graph error body.
    pub body_snippet: Option<String>,
}

impl GraphError {
    /// Reads a non-2xx response. A body that is not Graph's error shape is kept as a snippet.
    pub fn from_response(status: u16, headers: &[(String, String)], body: &[u8]) -> GraphError {
        let header = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let mut error = GraphError {
            status,
            retry_after: header("retry-after").and_then(|v| crate::retry::parse_retry_after(&v)),
            ..GraphError::default()
        };
        match serde_json::from_slice::<ErrorEnvelope>(body) {
            Ok(ErrorEnvelope {
                error: Some(detail),
            }) => {
                let inner = detail.inner_error.unwrap_or_default();
                error.code = detail.code;
                error.message = detail.message;
                error.request_id = inner.request_id;
                error.client_request_id = inner.client_request_id;
                error.date = inner.date;
            }
            _ if body.is_empty() => {}
            _ => error.body_snippet = Some(snippet(body)),
        }
        error.request_id = error.request_id.or_else(|| header("request-id"));
        error.client_request_id = error
            .client_request_id
            .or_else(|| header("client-request-id"));
        error
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "service answered {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request-id {id})")?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: Option<ErrorDetail>,
}

#[derive(Deserialize)]
struct ErrorDetail {
    code: Option<String>,
    message: Option<String>,
    // Graph writes `innerError`; some services write `innererror`.
    #[serde(rename = "innerError", alias = "innererror")]
    inner_error: Option<InnerError>,
}

#[derive(Deserialize, Default)]
struct InnerError {
    #[serde(rename = "request-id")]
    request_id: Option<String>,
    #[serde(rename = "client-request-id")]
    client_request_id: Option<String>,
    date: Option<String>,
}

/// The start of a body as text, cut on a character boundary.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().nth(SNIPPET_CHARS).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_graph_error_bodies() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"gone","innerError":{"date":"2024-01-01T00:00:00","request-id":"r-1","client-request-id":"c-1"}}}"#;
        let error = GraphError::from_response(404, &[], body);
        assert_eq!(error.code.as_deref(), Some("Request_ResourceNotFound"));
        assert_eq!(error.message.as_deref(), Some("gone"));
        assert_eq!(error.request_id.as_deref(), Some("r-1"));
        assert_eq!(error.client_request_id.as_deref(), Some("c-1"));
        assert_eq!(error.date.as_deref(), Some("2024-01-01T00:00:00"));
        assert_eq!(error.body_snippet, None);
    }

    #[test]
    fn other_bodies_become_snippets_and_headers_fill_ids() {
        let headers = vec![
            ("Request-Id".to_string(), "hdr-1".to_string()),
            ("Retry-After".into(), "7".into()),
        ];
        let error = GraphError::from_response(502, &headers, "<html>é".repeat(100).as_bytes());
        assert_eq!(error.code, None);
        assert_eq!(error.request_id.as_deref(), Some("hdr-1"));
        assert_eq!(error.retry_after, Some(Duration::from_secs(7)));
        let snippet = error.body_snippet.unwrap_or_default();
        assert_eq!(snippet.chars().count(), SNIPPET_CHARS + 1);
        assert!(snippet.starts_with("<html>é"));
    }
}
