//! The cache every credential shares: a [`RefreshingToken`] over the credential's fetch.

use std::sync::Arc;

use futures_util::future::BoxFuture;

use crate::auth::{AccessToken, RefreshingToken};
use crate::error::Error;
use crate::identity::options::TokenOptions;

/// Fetches a new token from the identity platform.
pub(crate) trait Fetch: Send + Sync + 'static {
    fn fetch(self: Arc<Self>) -> BoxFuture<'static, Result<AccessToken, Error>>;
}

/// A token cache that calls `state.fetch()` when empty or within the refresh margin;
/// concurrent callers wait for one fetch.
pub(crate) fn cache<S: Fetch>(state: Arc<S>, options: &TokenOptions) -> RefreshingToken {
    RefreshingToken::new(move || state.clone().fetch()).refresh_margin(options.refresh_margin)
}

/// `TokenProvider` for a credential whose `cache` field is a [`cache`].
macro_rules! provide_from_cache {
    ($credential:ty) => {
        impl $crate::auth::TokenProvider for $credential {
            fn token(
                &self,
            ) -> futures_util::future::BoxFuture<
                '_,
                Result<$crate::auth::AccessToken, $crate::error::Error>,
            > {
                self.cache.token()
            }

            fn reject(
                &self,
                rejected: &$crate::auth::AccessToken,
            ) -> futures_util::future::BoxFuture<'_, bool> {
                self.cache.reject(rejected)
            }
        }
    };
}
pub(crate) use provide_from_cache;
