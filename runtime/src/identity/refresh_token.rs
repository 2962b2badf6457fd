//! A delegated token from a refresh token obtained earlier (an authorization-code flow
//! run elsewhere, a saved session).

use std::fmt;
use std::sync::{Arc, Mutex};

use futures_util::future::BoxFuture;
use futures_util::FutureExt;

use crate::auth::{AccessToken, RefreshingToken};
use crate::error::Error;
use crate::identity::cached::{cache, provide_from_cache, Fetch};
use crate::identity::endpoint::{TokenAnswer, TokenEndpoint};
use crate::identity::options::TokenOptions;

/// Redeems a refresh token (`grant_type=refresh_token`). When the service rotates it, the
/// new one is used from then on; [`RefreshTokenCredential::refresh_token`] gives it, to save.
pub struct RefreshTokenCredential {
    cache: RefreshingToken,
    state: Arc<State>,
}

pub(crate) struct State {
    endpoint: TokenEndpoint,
    url: String,
    client_id: String,
    client_secret: Option<String>,
    scope: String,
    refresh_token: Mutex<String>,
}

impl RefreshTokenCredential {
    /// For a public client (no secret). `offline_access` is added to the scopes so that
    /// the service keeps handing out refresh tokens.
    pub fn new(
        options: &TokenOptions,
        tenant: &str,
        client_id: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Result<Self, Error> {
        Self::build(
            options,
            tenant,
            client_id.into(),
            None,
            refresh_token.into(),
        )
    }

    /// For a confidential client, which authenticates with its secret as well.
    pub fn with_client_secret(
        options: &TokenOptions,
        tenant: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Result<Self, Error> {
        Self::build(
            options,
            tenant,
            client_id.into(),
            Some(client_secret.into()),
            refresh_token.into(),
        )
    }

    fn build(
        options: &TokenOptions,
        tenant: &str,
        client_id: String,
        client_secret: Option<String>,
        refresh_token: String,
    ) -> Result<Self, Error> {
        let state = Arc::new(State {
            endpoint: TokenEndpoint::new(options)?,
            url: options.endpoint(tenant, "token")?,
            client_id,
            client_secret,
            scope: options.scope_value(&["offline_access"]),
            refresh_token: Mutex::new(refresh_token),
        });
        Ok(RefreshTokenCredential {
            cache: cache(state.clone(), options),
            state,
        })
    }

    /// The refresh token in use: the latest one the service issued.
    pub fn refresh_token(&self) -> String {
        self.state.current()
    }
}

impl State {
    fn current(&self) -> String {
        self.refresh_token
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default()
    }

    /// Keeps a rotated refresh token.
    fn keep(&self, answer: &TokenAnswer) {
        if let (Some(new), Ok(mut held)) = (&answer.refresh_token, self.refresh_token.lock()) {
            held.clone_from(new);
        }
    }
}

impl Fetch for State {
    fn fetch(self: Arc<Self>) -> BoxFuture<'static, Result<AccessToken, Error>> {
        async move {
            let refresh_token = self.current();
            let mut form = vec![
                ("grant_type", "refresh_token"),
                ("client_id", self.client_id.as_str()),
                ("refresh_token", refresh_token.as_str()),
                ("scope", self.scope.as_str()),
            ];
            if let Some(secret) = &self.client_secret {
                form.push(("client_secret", secret.as_str()));
            }
            let answer = self.endpoint.token(&self.url, &form).await?;
            self.keep(&answer);
            Ok(answer.access_token())
        }
        .boxed()
    }
}

provide_from_cache!(RefreshTokenCredential);

impl fmt::Debug for RefreshTokenCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshTokenCredential")
            .field("client_id", &self.state.client_id)
            .finish_non_exhaustive()
    }
}
