//! Bearer tokens: where the client gets them, and how they stay out of logs.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::future::BoxFuture;
use futures_util::FutureExt;

use crate::error::Error;

/// An access token. Its `Debug` output never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    secret: String,
    expires_at: Option<SystemTime>,
}

impl AccessToken {
    /// A token that the client treats as valid until the service rejects it.
    pub fn new(secret: impl Into<String>) -> Self {
        AccessToken {
            secret: secret.into(),
            expires_at: None,
        }
    }

    /// A token that is refreshed shortly before `expires_at`.
    pub fn expiring(secret: impl Into<String>, expires_at: SystemTime) -> Self {
        AccessToken {
            secret: secret.into(),
            expires_at: Some(expires_at),
        }
    }

    /// The secret, for the `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    fn is_fresh(&self, margin: Duration, now: SystemTime) -> bool {
        match self.expires_at {
            None => true,
            Some(at) => at
                .duration_since(now)
                .map(|left| left > margin)
                .unwrap_or(false),
        }
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Supplies the bearer token for each request.
pub trait TokenProvider: Send + Sync {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>>;

    /// The service answered `401 Unauthorized` to a request sent with `rejected` (revoked,
    /// or expired before the time it gave). A provider that can fetch another token drops
    /// this one and answers `true`: the client then sends the request once more. The
    /// default, for providers that have only the one token, answers `false`.
    fn reject(&self, rejected: &AccessToken) -> BoxFuture<'_, bool> {
        let _ = rejected;
        futures_util::future::ready(false).boxed()
    }
}

/// The same token for every request.
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    pub fn new(secret: impl Into<String>) -> Self {
        StaticToken(AccessToken::new(secret))
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        futures_util::future::ready(Ok(self.0.clone())).boxed()
    }
}

type RefreshFn = dyn Fn() -> BoxFuture<'static, Result<AccessToken, Error>> + Send + Sync;

/// A token fetched by a callback and kept until shortly before it expires.
///
/// Concurrent requests that find the token stale wait for one refresh rather than each
/// calling the callback.
pub struct RefreshingToken {
    refresh: Arc<RefreshFn>,
    cached: tokio::sync::Mutex<Option<AccessToken>>,
    margin: Duration,
}

impl RefreshingToken {
    /// `refresh` is called when there is no token yet, or the cached one expires within a minute.
    pub fn new<F, Fut>(refresh: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<AccessToken, Error>> + Send + 'static,
    {
        RefreshingToken {
            refresh: Arc::new(move || refresh().boxed()),
            cached: tokio::sync::Mutex::new(None),
            margin: Duration::from_secs(60),
        }
    }

    /// How long before expiry the token is refreshed.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }
}

impl fmt::Debug for RefreshingToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingToken")
            .field("margin", &self.margin)
            .finish_non_exhaustive()
    }
}

impl TokenProvider for RefreshingToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        async move {
            let mut cached = self.cached.lock().await;
            if let Some(token) = cached
                .as_ref()
                .filter(|t| t.is_fresh(self.margin, SystemTime::now()))
            {
                return Ok(token.clone());
            }
            let token = (self.refresh)().await?;
            *cached = Some(token.clone());
            Ok(token)
        }
        .boxed()
    }

    fn reject(&self, rejected: &AccessToken) -> BoxFuture<'_, bool> {
        let rejected = rejected.clone();
        async move {
            let mut cached = self.cached.lock().await;
            // Another request may have replaced it already; a newer token stays.
            if cached.as_ref() == Some(&rejected) {
                *cached = None;
            }
            true
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let token = AccessToken::new("eyJ-super-secret");
        assert!(!format!("{token:?}").contains("super-secret"));
        assert!(!format!("{:?}", StaticToken::new("eyJ-super-secret")).contains("super-secret"));
    }

    #[tokio::test]
    async fn refreshes_only_when_stale() {
        let calls = Arc::new(AtomicU32::new(0));
        let counter = calls.clone();
        let provider = RefreshingToken::new(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            // The first token is already inside the margin, the second lasts an hour.
            let life = if n == 0 {
                Duration::from_secs(10)
            } else {
                Duration::from_secs(3600)
            };
            async move {
                Ok(AccessToken::expiring(
                    format!("t{n}"),
                    SystemTime::now() + life,
                ))
            }
        });
        assert_eq!(
            provider.token().await.map(|t| t.secret().to_string()).ok(),
            Some("t0".into())
        );
        assert_eq!(
            provider.token().await.map(|t| t.secret().to_string()).ok(),
            Some("t1".into())
        );
        assert_eq!(
            provider.token().await.map(|t| t.secret().to_string()).ok(),
            Some("t1".into())
        );
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }
}
