//! [`Client`]: sends [`Request`]s to Graph with a bearer token, retries and a timeout.
//!
//! ```no_run
//! use graphgen_runtime::{Client, Json, Method, Path, Request};
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct ChatMessage { body: serde_json::Value }
//!
//! # async fn run() -> Result<(), graphgen_runtime::Error> {
//! let client = Client::builder().bearer_token("eyJ0eXAi...").build()?;
//! let message = ChatMessage { body: serde_json::json!({"content": "Hello world"}) };
//! let request: Request<Json<ChatMessage>> =
//!     Request::new(Method::Post, Path::new().literal("chats").value("19:abc@thread.v2").literal("messages"))
//!         .json(&message);
//! let sent: ChatMessage = client.send(request).await?;
//! # let _ = sent; Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::{StaticToken, TokenProvider};
use crate::error::{snippet, Error, GraphError};
use crate::request::{Body, Method, Request, ResponseKind};
use crate::retry::RetryPolicy;
use crate::safety::{check_header, check_path};
use futures_util::StreamExt;

use crate::transport::{HttpRequest, HttpResponse, ReqwestTransport, StreamingResponse, Transport};

/// The Graph deployment to talk to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cloud {
    /// `https://graph.microsoft.com`
    Global,
    /// US Government L4: `https://graph.microsoft.us`
    UsGov,
    /// US Government L5 (DoD): `https://dod-graph.microsoft.us`
    UsGovDod,
    /// China, operated by 21Vianet: `https://microsoftgraph.chinacloudapi.cn`
    China,
}

impl Cloud {
    pub fn host_url(&self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGov => "https://graph.microsoft.us",
            Cloud::UsGovDod => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The Microsoft identity platform host that issues tokens for this cloud.
    pub fn login_host_url(&self) -> &'static str {
        match self {
            Cloud::Global => "https://login.microsoftonline.com",
            Cloud::UsGov | Cloud::UsGovDod => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The scope that asks for every application permission granted on this cloud's Graph
    /// (`https://graph.microsoft.com/.default`).
    pub fn default_scope(&self) -> String {
        format!("{}/.default", self.host_url())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiVersion {
    V1,
    Beta,
}

impl ApiVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }
}

/// Sets up a [`Client`].
pub struct ClientBuilder {
    cloud: Cloud,
    version: ApiVersion,
    base_url: Option<String>,
    token: Option<Arc<dyn TokenProvider>>,
    transport: Option<Arc<dyn Transport>>,
    timeout: Duration,
    retry: RetryPolicy,
    allow_insecure_http: bool,
    user_agent: String,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            cloud: Cloud::Global,
            version: ApiVersion::V1,
            base_url: None,
            token: None,
            transport: None,
            timeout: Duration::from_secs(100),
            retry: RetryPolicy::default(),
            allow_insecure_http: false,
            user_agent: DEFAULT_USER_AGENT.to_string(),
        }
    }
}

impl ClientBuilder {
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// The full service root, e.g. `https://graph.microsoft.com/beta` or a mock server's
    /// `http://127.0.0.1:8080/v1.0`; replaces `cloud` and `version`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends `Authorization: Bearer <token>` from this provider. Without one the client
    /// sends no `Authorization` header (mock servers).
    pub fn token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token = Some(Arc::new(provider));
        self
    }

    /// Shorthand for a [`StaticToken`].
    pub fn bearer_token(self, secret: impl Into<String>) -> Self {
        self.token_provider(StaticToken::new(secret))
    }

    /// Replaces the reqwest transport.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// How long one attempt may take, from sending to the last byte of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Allows plain `http` URLs. Only for loopback tests and mock servers: the token
    /// would otherwise travel in clear text.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The `User-Agent` sent with every request (default `graphgen-runtime/<version>`);
    /// a request's own `User-Agent` header wins.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        check_header("User-Agent", &self.user_agent)?;
        let raw = self
            .base_url
            .unwrap_or_else(|| format!("{}/{}", self.cloud.host_url(), self.version.as_str()));
        let base = reqwest::Url::parse(&raw).map_err(|e| Error::InvalidUrl {
            url: raw.clone(),
            reason: e.to_string(),
        })?;
        check_scheme(&base, self.allow_insecure_http)?;
        if base.query().is_some() || base.fragment().is_some() || base.host_str().is_none() {
            return Err(Error::InvalidUrl {
                url: raw,
                reason: "a service root has a host and no query or fragment".into(),
            });
        }
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(ReqwestTransport::new(self.allow_insecure_http)?),
        };
        Ok(Client {
            shared: Arc::new(Shared {
                root: base.as_str().trim_end_matches('/').to_string(),
                base,
                token: self.token,
                transport,
                allow_insecure_http: self.allow_insecure_http,
                user_agent: self.user_agent,
            }),
            timeout: self.timeout,
            retry: self.retry,
        })
    }
}

struct Shared {
    base: reqwest::Url,
    /// The service root without a trailing `/`; request paths are appended to it.
    root: String,
    token: Option<Arc<dyn TokenProvider>>,
    transport: Arc<dyn Transport>,
    allow_insecure_http: bool,
    user_agent: String,
}

/// Sends requests to one Graph service root. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    timeout: Duration,
    retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.shared.root)
            .field("authenticated", &self.shared.token.is_some())
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The service root, e.g. `https://graph.microsoft.com/v1.0`.
    pub fn base_url(&self) -> &str {
        &self.shared.root
    }

    /// The same client with another per-attempt timeout (for one slow call, say).
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client {
            timeout,
            ..self.clone()
        }
    }

    /// The same client with another retry policy.
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        Client {
            retry,
            ..self.clone()
        }
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Sends a request and reads its response as its type says.
    pub async fn send<R: ResponseKind, Q>(
        &self,
        request: Request<R, Q>,
    ) -> Result<R::Output, Error> {
        let exchange = self.prepare(&request)?;
        let response = self
            .execute(
                exchange.method,
                exchange.url,
                exchange.headers,
                exchange.body,
            )
            .await?;
        R::decode(&response.body).map_err(|e| Error::Decode {
            status: response.status,
            message: e.to_string(),
            snippet: snippet(&response.body),
        })
    }

    /// The URL, headers and body a request goes out with.
    pub(crate) fn prepare<R: ResponseKind, Q>(
        &self,
        request: &Request<R, Q>,
    ) -> Result<Exchange, Error> {
        check_path(request.path())?;
        let url = format!("{}{}", self.shared.root, request.path_and_query());
        let (content_type, body) = match request.body() {
            Body::Empty => (None, Vec::new()),
            Body::Json(value) => {
                let bytes = serde_json::to_vec(value).map_err(|e| Error::Encode {
                    message: e.to_string(),
                })?;
                (Some("application/json".to_string()), bytes)
            }
            Body::Bytes { content_type, data } => (Some(content_type.clone()), data.clone()),
        };
        let mut headers = request.headers().to_vec();
        if let Some(content_type) = content_type {
            if !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            {
                headers.push(("Content-Type".into(), content_type));
            }
        }
        Ok(Exchange {
            method: request.method(),
            url,
            headers,
            body,
            authorize: true,
            redirects: MAX_FOREIGN_REDIRECTS,
        })
    }

    /// Sends a `GET` to an absolute link the service returned (`@odata.nextLink`,
    /// `@odata.deltaLink`), which must stay on the service root's scheme, host and port.
    pub async fn get_link<R: ResponseKind>(
        &self,
        link: &str,
        headers: &[(String, String)],
    ) -> Result<R::Output, Error> {
        let url = self.check_link(link)?;
        let response = self
            .execute(Method::Get, url, headers.to_vec(), Vec::new())
            .await?;
        R::decode(&response.body).map_err(|e| Error::Decode {
            status: response.status,
            message: e.to_string(),
            snippet: snippet(&response.body),
        })
    }

    fn check_link(&self, link: &str) -> Result<String, Error> {
        let url = reqwest::Url::parse(link).map_err(|e| Error::InvalidUrl {
            url: link.to_string(),
            reason: e.to_string(),
        })?;
        check_scheme(&url, self.shared.allow_insecure_http)?;
        let base = &self.shared.base;
        let same_origin = url.scheme() == base.scheme()
            && url.host_str() == base.host_str()
            && url.port_or_known_default() == base.port_or_known_default();
        if !same_origin {
            return Err(Error::InvalidUrl {
                url: link.to_string(),
                reason: format!("a link must stay on {}", self.shared.root),
            });
        }
        Ok(url.to_string())
    }

    /// Auth, header checks, the timeout and the retries; a non-2xx answer becomes [`Error::Graph`].
    pub(crate) async fn execute(
        &self,
        method: Method,
        url: String,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Result<HttpResponse, Error> {
        let exchange = Exchange {
            method,
            url,
            headers,
            body,
            authorize: true,
            redirects: MAX_FOREIGN_REDIRECTS,
        };
        match self.run(exchange, false).await? {
            Answer::Whole(response) => Ok(response),
            Answer::Streaming(response) => response.collect().await,
        }
    }

    /// Like [`Client::execute`], the 2xx body handed back as it arrives; `authorize: false`
    /// sends no `Authorization` header (pre-authenticated URLs).
    pub(crate) async fn execute_streaming(
        &self,
        exchange: Exchange,
    ) -> Result<StreamingResponse, Error> {
        match self.run(exchange, true).await? {
            Answer::Streaming(response) => Ok(response),
            Answer::Whole(response) => Ok(whole_as_stream(response)),
        }
    }

    /// Sends to an absolute URL outside the service root — an upload session's `uploadUrl`,
    /// a pre-authenticated download URL — with any method and without the Graph token
    /// (such URLs carry their own authorization, and the token must not leak to their
    /// host). `https` only, unless the client allows plain `http`. Timeout and retries as
    /// for any request; a non-2xx answer is an [`Error::Graph`].
    pub async fn send_to_url(
        &self,
        method: Method,
        url: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Result<HttpResponse, Error> {
        let exchange = self.external(method, url, headers, body)?;
        match self.run(exchange, false).await? {
            Answer::Whole(response) => Ok(response),
            Answer::Streaming(response) => response.collect().await,
        }
    }

    pub(crate) fn external(
        &self,
        method: Method,
        url: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Result<Exchange, Error> {
        let parsed = reqwest::Url::parse(url).map_err(|e| Error::InvalidUrl {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        check_scheme(&parsed, self.shared.allow_insecure_http)?;
        if headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("authorization"))
        {
            return Err(Error::InvalidHeader {
                name: "Authorization".into(),
                reason: "never sent to a URL outside the service root",
            });
        }
        Ok(Exchange {
            method,
            url: parsed.to_string(),
            headers: headers.to_vec(),
            body,
            authorize: false,
            redirects: MAX_FOREIGN_REDIRECTS,
        })
    }

    /// The exchange with its retries. With `streaming`, a 2xx answer comes back before its
    /// body has arrived (the timeout covers the wait for the headers); otherwise whole.
    async fn run(&self, exchange: Exchange, streaming: bool) -> Result<Answer, Error> {
        let Exchange {
            method,
            url,
            headers,
            body,
            authorize,
            redirects,
        } = exchange;
        if !url.starts_with("https://") && !self.shared.allow_insecure_http {
            return Err(Error::InsecureUrl { url });
        }
        for (name, value) in &headers {
            check_header(name, value)?;
        }
        let mut headers = with_client_request_id(headers);
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("user-agent"))
        {
            headers.push(("User-Agent".into(), self.shared.user_agent.clone()));
        }
        let token_provider = self.shared.token.as_ref().filter(|_| authorize);
        let mut attempt = 1;
        let mut token_rejected = false;
        loop {
            let mut sent = headers.clone();
            let mut token = None;
            if let Some(provider) = token_provider {
                let fetched = provider.token().await?;
                let value = format!("Bearer {}", fetched.secret());
                check_header("Authorization", &value)?;
                sent.push(("Authorization".into(), value));
                token = Some(fetched);
            }
            let request = HttpRequest {
                method,
                url: url.clone(),
                headers: sent,
                body: body.clone(),
            };
            let transport = &self.shared.transport;
            let one = async {
                if !streaming {
                    return transport.execute(request).await.map(Answer::Whole);
                }
                let response = transport.execute_streaming(request).await?;
                if (200..300).contains(&response.status) {
                    Ok(Answer::Streaming(response))
                } else {
                    response.collect().await.map(Answer::Whole)
                }
            };
            let answer = tokio::time::timeout(self.timeout, one)
                .await
                .map_err(|_| Error::Timeout {
                    after: self.timeout,
                })
                .and_then(|sent| sent);
            let response = match answer {
                Ok(Answer::Whole(response)) => response,
                Ok(streamed) => return Ok(streamed),
                Err(lost)
                    if self.retry.retry_lost_answers
                        && method.is_idempotent()
                        && (lost.is_connection() || lost.is_timeout()) =>
                {
                    match self.retry.delay_after(attempt, None) {
                        Some(delay) => tokio::time::sleep(delay).await,
                        None => return Err(lost),
                    }
                    attempt += 1;
                    continue;
                }
                Err(error) => return Err(error),
            };
            if (200..300).contains(&response.status) {
                return Ok(Answer::Whole(response));
            }
            // The transport follows redirects only among Graph hosts; a GET sent elsewhere
            // (a pre-authenticated download URL) is followed here, without the token.
            if let (Some(location), Method::Get, 1..) =
                (redirect_location(&url, &response), method, redirects)
            {
                let mut next = self.external(Method::Get, &location, &[], Vec::new())?;
                next.headers = headers
                    .iter()
                    .filter(|(name, _)| !name.eq_ignore_ascii_case("authorization"))
                    .cloned()
                    .collect();
                next.redirects = redirects - 1;
                return Box::pin(self.run(next, streaming)).await;
            }
            let error =
                GraphError::from_response(response.status, &response.headers, &response.body);
            // A token the service rejects is dropped and the request sent once more with a new one.
            if let (401, Some(provider), Some(rejected), false) =
                (response.status, token_provider, &token, token_rejected)
            {
                token_rejected = true;
                if provider.reject(rejected).await {
                    continue;
                }
            }
            if !RetryPolicy::may_resend(method, response.status, error.retry_after) {
                return Err(Error::Graph(Box::new(error)));
            }
            match self.retry.delay_after(attempt, error.retry_after) {
                Some(delay) => tokio::time::sleep(delay).await,
                None => return Err(Error::Graph(Box::new(error))),
            }
            attempt += 1;
        }
    }
}

/// One request as the client sends it, before auth and retries.
pub(crate) struct Exchange {
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the Graph token goes with it.
    pub authorize: bool,
    /// How many more redirects off the Graph hosts the client may follow.
    pub redirects: u8,
}

enum Answer {
    Whole(HttpResponse),
    Streaming(StreamingResponse),
}

fn whole_as_stream(response: HttpResponse) -> StreamingResponse {
    let body = bytes::Bytes::from(response.body);
    StreamingResponse {
        status: response.status,
        headers: response.headers,
        body: futures_util::stream::once(async move { Ok(body) }).boxed(),
    }
}

const DEFAULT_USER_AGENT: &str = concat!("graphgen-runtime/", env!("CARGO_PKG_VERSION"));

/// Redirects off the Graph hosts a request may follow (they are followed without the token).
const MAX_FOREIGN_REDIRECTS: u8 = 5;

/// The absolute target of a redirect answer.
fn redirect_location(url: &str, response: &HttpResponse) -> Option<String> {
    if !matches!(response.status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = response.header("location")?;
    let base = reqwest::Url::parse(url).ok()?;
    base.join(location).ok().map(String::from)
}

/// The hosts of Graph itself, in every cloud: redirects among them keep the token.
pub(crate) fn is_graph_host(host: &str) -> bool {
    [Cloud::Global, Cloud::UsGov, Cloud::UsGovDod, Cloud::China]
        .iter()
        .any(|cloud| cloud.host_url().strip_prefix("https://") == Some(host))
}

/// Adds a `client-request-id` (a random UUID) unless the caller set one: the service logs
/// it, and every retry of the request carries the same one.
fn with_client_request_id(mut headers: Vec<(String, String)>) -> Vec<(String, String)> {
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("client-request-id"))
    {
        headers.push((
            "client-request-id".into(),
            crate::ids::random_uuid().to_string(),
        ));
    }
    headers
}

fn check_scheme(url: &reqwest::Url, allow_insecure_http: bool) -> Result<(), Error> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if allow_insecure_http => Ok(()),
        "http" => Err(Error::InsecureUrl {
            url: url.to_string(),
        }),
        other => Err(Error::InvalidUrl {
            url: url.to_string(),
            reason: format!("scheme {other:?} is not http(s)"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_roots_follow_cloud_and_version() {
        let client = Client::builder()
            .cloud(Cloud::China)
            .version(ApiVersion::Beta)
            .build();
        assert_eq!(
            client.map(|c| c.base_url().to_string()).ok().as_deref(),
            Some("https://microsoftgraph.chinacloudapi.cn/beta")
        );
        let client = Client::builder().build();
        assert_eq!(
            client.map(|c| c.base_url().to_string()).ok().as_deref(),
            Some("https://graph.microsoft.com/v1.0")
        );
    }

    #[test]
    fn plain_http_is_refused_unless_allowed() {
        let refused = Client::builder()
            .base_url("http://127.0.0.1:9/v1.0")
            .build();
        assert!(matches!(refused, Err(Error::InsecureUrl { .. })));
        let allowed = Client::builder()
            .base_url("http://127.0.0.1:9/v1.0/")
            .allow_insecure_http(true)
            .build();
        assert_eq!(
            allowed.map(|c| c.base_url().to_string()).ok().as_deref(),
            Some("http://127.0.0.1:9/v1.0")
        );
        assert!(matches!(
            Client::builder().base_url("ftp://x/v1.0").build(),
            Err(Error::InvalidUrl { .. })
        ));
    }

    #[test]
    fn links_must_stay_on_the_service_host() {
        let client = match Client::builder().build() {
            Ok(client) => client,
            Err(e) => panic!("{e}"),
        };
        assert!(client
            .check_link("https://graph.microsoft.com/v1.0/users?$skiptoken=abc")
            .is_ok());
        for foreign in [
            "https://evil.example/v1.0/users",
            "https://graph.microsoft.com.evil.example/v1.0/users",
            "http://graph.microsoft.com/v1.0/users",
            "https://graph.microsoft.com:8443/v1.0/users",
            "/v1.0/users",
        ] {
            assert!(client.check_link(foreign).is_err(), "{foreign} accepted");
        }
    }

    #[test]
    fn absolute_urls_never_take_an_authorization_header() {
        let Ok(client) = Client::builder().bearer_token("t").build() else {
            panic!("client")
        };
        let auth = [("authorization".to_string(), "Bearer x".to_string())];
        assert!(matches!(
            client.external(Method::Put, "https://up.example/s", &auth, Vec::new()),
            Err(Error::InvalidHeader { .. })
        ));
        assert!(matches!(
            client.external(Method::Put, "http://up.example/s", &[], Vec::new()),
            Err(Error::InsecureUrl { .. })
        ));
        let ok = client.external(Method::Put, "https://up.example/s?a=1", &[], Vec::new());
        assert!(ok.is_ok_and(|e| !e.authorize && e.url == "https://up.example/s?a=1"));
        assert!(is_graph_host("graph.microsoft.com"));
        assert!(is_graph_host("microsoftgraph.chinacloudapi.cn"));
        assert!(!is_graph_host("graph.microsoft.com.evil.example"));
    }

    #[test]
    fn debug_hides_the_token() {
        let client = Client::builder().bearer_token("very-secret-token").build();
        let shown = format!("{client:?}");
        assert!(!shown.contains("very-secret-token"), "{shown}");
        assert!(shown.contains("graph.microsoft.com"));
    }
}
