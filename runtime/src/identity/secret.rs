//! Client credentials with a client secret (application permissions).

use std::fmt;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use futures_util::FutureExt;

use crate::auth::{AccessToken, RefreshingToken};
use crate::error::Error;
use crate::identity::cached::{cache, provide_from_cache, Fetch};
use crate::identity::endpoint::TokenEndpoint;
use crate::identity::options::TokenOptions;

/// An application's token from its tenant, client id and client secret
/// (`grant_type=client_credentials`).
pub struct ClientSecretCredential {
    cache: RefreshingToken,
    client_id: String,
}

struct State {
    endpoint: TokenEndpoint,
    url: String,
    client_id: String,
    secret: String,
    scope: String,
}

impl ClientSecretCredential {
    pub fn new(
        options: &TokenOptions,
        tenant: &str,
        client_id: impl Into<String>,
        secret: impl Into<String>,
    ) -> Result<Self, Error> {
        let client_id = client_id.into();
        let state = Arc::new(State {
            endpoint: TokenEndpoint::new(options)?,
            url: options.endpoint(tenant, "token")?,
            client_id: client_id.clone(),
            secret: secret.into(),
            scope: options.scope_value(&[]),
        });
        Ok(ClientSecretCredential {
            cache: cache(state, options),
            client_id,
        })
    }
}

impl Fetch for State {
    fn fetch(self: Arc<Self>) -> BoxFuture<'static, Result<AccessToken, Error>> {
        async move {
            let form = [
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.secret.as_str()),
                ("scope", self.scope.as_str()),
            ];
            Ok(self.endpoint.token(&self.url, &form).await?.access_token())
        }
        .boxed()
    }
}

provide_from_cache!(ClientSecretCredential);

impl fmt::Debug for ClientSecretCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSecretCredential")
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}
