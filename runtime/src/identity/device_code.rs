//! The device code flow: the user signs in on another device with a code this one shows.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use serde::Deserialize;

use crate::auth::{AccessToken, RefreshingToken};
use crate::error::Error;
use crate::identity::cached::{cache, provide_from_cache, Fetch};
use crate::identity::endpoint::{read_token, refusal, Answer, TokenEndpoint};
use crate::identity::options::TokenOptions;

const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// What to show the user: "go to `verification_uri` and enter `user_code`" (`message`
/// says it in the user's language).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DeviceCodePrompt {
    pub user_code: String,
    pub verification_uri: String,
    #[serde(default)]
    pub message: String,
    /// Seconds the code stays valid.
    pub expires_in: u64,
}

#[derive(Deserialize)]
struct DeviceCodeAnswer {
    device_code: String,
    #[serde(default = "default_interval")]
    interval: u64,
    #[serde(flatten)]
    prompt: DeviceCodePrompt,
}

fn default_interval() -> u64 {
    5
}

type Prompt = dyn Fn(&DeviceCodePrompt) + Send + Sync;

/// A delegated token through the device code flow. The first token asks the user (through
/// the `prompt` callback) and polls until they have signed in; later ones redeem the
/// refresh token that came with it, and ask again only when that is refused.
pub struct DeviceCodeCredential {
    cache: RefreshingToken,
    client_id: String,
}

struct State {
    endpoint: TokenEndpoint,
    device_url: String,
    token_url: String,
    client_id: String,
    scope: String,
    prompt: Box<Prompt>,
    refresh_token: Mutex<Option<String>>,
}

impl DeviceCodeCredential {
    pub fn new(
        options: &TokenOptions,
        tenant: &str,
        client_id: impl Into<String>,
        prompt: impl Fn(&DeviceCodePrompt) + Send + Sync + 'static,
    ) -> Result<Self, Error> {
        let client_id = client_id.into();
        let state = Arc::new(State {
            endpoint: TokenEndpoint::new(options)?,
            device_url: options.endpoint(tenant, "devicecode")?,
            token_url: options.endpoint(tenant, "token")?,
            client_id: client_id.clone(),
            scope: options.scope_value(&["offline_access"]),
            prompt: Box::new(prompt),
            refresh_token: Mutex::new(None),
        });
        Ok(DeviceCodeCredential {
            cache: cache(state, options),
            client_id,
        })
    }
}

impl State {
    fn take_refresh_token(&self) -> Option<String> {
        self.refresh_token.lock().ok().and_then(|mut t| t.take())
    }

    fn keep_refresh_token(&self, token: Option<String>) {
        if let (Some(token), Ok(mut held)) = (token, self.refresh_token.lock()) {
            *held = Some(token);
        }
    }

    async fn redeem(&self, refresh_token: &str) -> Result<AccessToken, Error> {
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", self.client_id.as_str()),
            ("refresh_token", refresh_token),
            ("scope", self.scope.as_str()),
        ];
        let answer = self.endpoint.token(&self.token_url, &form).await?;
        let token = answer.access_token();
        self.keep_refresh_token(answer.refresh_token);
        Ok(token)
    }

    async fn sign_in(&self) -> Result<AccessToken, Error> {
        let form = [
            ("client_id", self.client_id.as_str()),
            ("scope", self.scope.as_str()),
        ];
        let answer: DeviceCodeAnswer = match self.endpoint.post(&self.device_url, &form).await? {
            Answer::Ok(value) => serde_json::from_value(value).map_err(|e| Error::Token {
                message: format!(
                    "device code answer from {} is unusable: {e}",
                    self.device_url
                ),
            })?,
            Answer::Refused { status, error } => {
                return Err(refusal(&self.device_url, status, &error))
            }
        };
        (self.prompt)(&answer.prompt);
        let deadline = Instant::now() + Duration::from_secs(answer.prompt.expires_in);
        let mut interval = Duration::from_secs(answer.interval);
        let form = [
            ("grant_type", DEVICE_CODE_GRANT),
            ("client_id", self.client_id.as_str()),
            ("device_code", answer.device_code.as_str()),
        ];
        loop {
            tokio::time::sleep(interval).await;
            match self.endpoint.post(&self.token_url, &form).await? {
                Answer::Ok(value) => {
                    let answer = read_token(&self.token_url, value)?;
                    let token = answer.access_token();
                    self.keep_refresh_token(answer.refresh_token);
                    return Ok(token);
                }
                // RFC 8628 3.5: keep polling; `slow_down` adds five seconds to the interval.
                Answer::Refused { error, .. } if error.error == "authorization_pending" => {}
                Answer::Refused { error, .. } if error.error == "slow_down" => {
                    interval += Duration::from_secs(5);
                }
                Answer::Refused { status, error } => {
                    return Err(refusal(&self.token_url, status, &error))
                }
            }
            if Instant::now() + interval > deadline {
                return Err(Error::Token {
                    message: "the device code expired before the user signed in".into(),
                });
            }
        }
    }
}

impl Fetch for State {
    fn fetch(self: Arc<Self>) -> BoxFuture<'static, Result<AccessToken, Error>> {
        async move {
            if let Some(refresh_token) = self.take_refresh_token() {
                if let Ok(token) = self.redeem(&refresh_token).await {
                    return Ok(token);
                }
            }
            self.sign_in().await
        }
        .boxed()
    }
}

provide_from_cache!(DeviceCodeCredential);

impl fmt::Debug for DeviceCodeCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceCodeCredential")
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}
