//! Responses read as they arrive: `$value` content, photos, reports, pre-authenticated
//! download URLs, with their content type and length.
//!
//! ```no_run
//! use futures_util::StreamExt;
//! use graphgen_runtime::{Client, Method, Path, RawBytes, Request};
//!
//! # async fn run(client: Client) -> Result<(), graphgen_runtime::Error> {
//! let content: Request<RawBytes> =
//!     Request::new(Method::Get, Path::new().literal("me").literal("photo").literal("$value"));
//! let mut response = client.send_streaming(content).await?;
//! println!("{:?} {:?}", response.content_type(), response.content_length());
//! while let Some(chunk) = response.next_chunk().await {
//!     let _bytes = chunk?;
//! }
//! # Ok(()) }
//! ```

use std::fmt;

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::StreamExt;

use crate::client::Client;
use crate::error::Error;
use crate::request::{Method, Request, ResponseKind};
use crate::transport::StreamingResponse;

/// A 2xx response whose body is read chunk by chunk.
pub struct RawResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: BoxStream<'static, Result<Bytes, Error>>,
}

impl RawResponse {
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Header names in lower case.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `Content-Type`, as sent.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// `Content-Length`, when the service sent one (not for chunked or compressed bodies).
    pub fn content_length(&self) -> Option<u64> {
        self.header("content-length")?.trim().parse().ok()
    }

    /// The next chunk of the body; `None` at its end.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, Error>> {
        self.body.next().await
    }

    /// The body as a stream of chunks.
    pub fn into_stream(self) -> BoxStream<'static, Result<Bytes, Error>> {
        self.body
    }

    /// Reads the rest of the body into memory.
    pub async fn bytes(mut self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        while let Some(chunk) = self.body.next().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

impl From<StreamingResponse> for RawResponse {
    fn from(response: StreamingResponse) -> Self {
        RawResponse {
            status: response.status,
            headers: response.headers,
            body: response.body,
        }
    }
}

impl Client {
    /// Sends a request and hands back its body as it arrives, whatever `R` says. The
    /// timeout covers the wait for the response headers; retries happen only before the
    /// body starts. A non-2xx answer is an [`Error::Graph`], read whole.
    pub async fn send_streaming<R: ResponseKind, Q>(
        &self,
        request: Request<R, Q>,
    ) -> Result<RawResponse, Error> {
        let exchange = self.prepare(&request)?;
        self.execute_streaming(exchange)
            .await
            .map(RawResponse::from)
    }

    /// `GET`s a pre-authenticated URL (`@microsoft.graph.downloadUrl`) without the Graph
    /// token, the body as it arrives.
    pub async fn download_url(&self, url: &str) -> Result<RawResponse, Error> {
        let exchange = self.external(Method::Get, url, &[], Vec::new())?;
        self.execute_streaming(exchange)
            .await
            .map(RawResponse::from)
    }
}
