//! [`Transport`]: the seam between the client's logic (auth, retries, errors) and the wire.
//!
//! [`ReqwestTransport`] is the real one; a test double or another HTTP stack implements
//! the same trait and is handed to [`crate::ClientBuilder::transport`].

use std::fmt;

use bytes::Bytes;
use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream};
use futures_util::{FutureExt, StreamExt, TryStreamExt};

use crate::error::Error;
use crate::request::Method;

/// One HTTP exchange as the transport sees it: an absolute URL, checked headers, bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Absolute, already encoded URL.
    pub url: String,
    /// Header names and values; the client has refused CR, LF and NUL in them.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case("authorization") {
                    "<redacted>"
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// A complete HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A response whose body arrives as a stream of byte chunks.
pub struct StreamingResponse {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: BoxStream<'static, Result<Bytes, Error>>,
}

impl fmt::Debug for StreamingResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamingResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl StreamingResponse {
    /// Reads the rest of the body.
    pub async fn collect(self) -> Result<HttpResponse, Error> {
        let mut body = Vec::new();
        let mut chunks = self.body;
        while let Some(chunk) = chunks.next().await {
            body.extend_from_slice(&chunk?);
        }
        Ok(HttpResponse {
            status: self.status,
            headers: self.headers,
            body,
        })
    }
}

/// Sends one request and reads the whole response. The client wraps each call in its
/// timeout and decides about retries, so a transport only moves bytes; it reports
/// failures as [`Error::Connection`] (or [`Error::Timeout`] if it has its own clock).
pub trait Transport: Send + Sync {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>>;

    /// Sends one request and hands back the body as it arrives. The default reads it
    /// whole with [`Transport::execute`] and yields it as one chunk.
    fn execute_streaming(
        &self,
        request: HttpRequest,
    ) -> BoxFuture<'_, Result<StreamingResponse, Error>> {
        async move {
            let response = self.execute(request).await?;
            let body = Bytes::from(response.body);
            Ok(StreamingResponse {
                status: response.status,
                headers: response.headers,
                body: stream::once(async move { Ok(body) }).boxed(),
            })
        }
        .boxed()
    }
}

/// The real transport: reqwest with rustls.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// `allow_insecure_http` lets redirects and requests use plain `http` (loopback tests only).
    pub fn new(allow_insecure_http: bool) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .use_rustls_tls()
            .https_only(!allow_insecure_http)
            .redirect(graph_redirects())
            .build()
            .map_err(|e| Error::Setup {
                message: e.to_string(),
            })?;
        Ok(ReqwestTransport { client })
    }

    /// Wraps a reqwest client configured by the caller (proxy, pool sizes, ...).
    pub fn from_client(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }
}

impl ReqwestTransport {
    async fn start(&self, request: HttpRequest) -> Result<reqwest::Response, Error> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if !request.body.is_empty() {
            builder = builder.body(request.body);
        }
        builder.send().await.map_err(connection_error)
    }
}

fn response_headers(response: &reqwest::Response) -> Vec<(String, String)> {
    response
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

impl Transport for ReqwestTransport {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        async move {
            let response = self.start(request).await?;
            let status = response.status().as_u16();
            let headers = response_headers(&response);
            let body = response.bytes().await.map_err(connection_error)?.to_vec();
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        }
        .boxed()
    }

    fn execute_streaming(
        &self,
        request: HttpRequest,
    ) -> BoxFuture<'_, Result<StreamingResponse, Error>> {
        async move {
            let response = self.start(request).await?;
            Ok(StreamingResponse {
                status: response.status().as_u16(),
                headers: response_headers(&response),
                body: response.bytes_stream().map_err(connection_error).boxed(),
            })
        }
        .boxed()
    }
}

/// Follows a redirect only to the same origin or to a Graph host over https; any other
/// is handed back to the client (which follows a GET there without the token).
fn graph_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error("more than 10 redirects");
        }
        let target = attempt.url();
        let same_origin = attempt.previous().first().is_some_and(|first| {
            first.scheme() == target.scheme()
                && first.host_str() == target.host_str()
                && first.port_or_known_default() == target.port_or_known_default()
        });
        let graph = target.scheme() == "https"
            && target.host_str().is_some_and(crate::client::is_graph_host);
        if same_origin || graph {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

fn connection_error(error: reqwest::Error) -> Error {
    // reqwest's top-level message is terse ("error sending request"); the cause says why.
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Connection { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_authorization_header() {
        let request = HttpRequest {
            method: Method::Get,
            url: "https://graph.microsoft.com/v1.0/me".into(),
            headers: vec![
                ("Authorization".into(), "Bearer secret-token".into()),
                ("Accept".into(), "application/json".into()),
            ],
            body: Vec::new(),
        };
        let shown = format!("{request:?}");
        assert!(!shown.contains("secret-token"), "{shown}");
        assert!(shown.contains("application/json"));
    }
}
