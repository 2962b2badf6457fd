//! A mock Graph service driven by the docs: each documented request gets its documented
//! response, so a client can be contract-tested without the real service.
//!
//! [`respond`] decides the answer (pure, testable without a socket); [`serve`] puts it
//! on HTTP/1.1.

mod respond;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::model::Model;

pub use respond::{respond, MockIndex, MockResponse};

/// Serves the model's examples on `addr` until the process ends. Fails only when the
/// address cannot be bound.
pub async fn serve(model: Model, addr: SocketAddr) -> std::io::Result<()> {
    let listener = TcpListener::bind(addr).await?;
    serve_listener(Arc::new(MockIndex::new(&model)), listener).await
}

/// Serves on a listener the caller bound (port 0 in tests, to learn the port first).
pub async fn serve_listener(index: Arc<MockIndex>, listener: TcpListener) -> std::io::Result<()> {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a moment instead of spinning.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let index = index.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let target = request
                    .uri()
                    .path_and_query()
                    .map(|pq| pq.as_str().to_string())
                    .unwrap_or_default();
                let answer = respond(&index, request.method().as_str(), &target);
                async move { Ok::<_, Infallible>(to_hyper(answer)) }
            });
            // A client that hangs up mid-request is its own business.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn to_hyper(answer: MockResponse) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    for (name, value) in answer.headers {
        // `respond` already filtered the headers; anything hyper still refuses is dropped.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests;
