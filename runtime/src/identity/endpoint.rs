//! The token endpoint over reqwest: a form POST, the answer read as a token or an OAuth error.

use std::time::{Duration, SystemTime};

use serde::Deserialize;

use crate::auth::AccessToken;
use crate::error::Error;
use crate::identity::options::TokenOptions;
use crate::retry::parse_retry_after;

/// Posts forms to the identity platform with the options' timeout and retry rule.
#[derive(Clone, Debug)]
pub(crate) struct TokenEndpoint {
    http: reqwest::Client,
    max_attempts: u32,
}

/// A successful token answer.
#[derive(Deserialize)]
pub(crate) struct TokenAnswer {
    pub access_token: String,
    #[serde(default)]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<String>,
}

impl TokenAnswer {
    pub fn access_token(&self) -> AccessToken {
        match self.expires_in {
            Some(seconds) => AccessToken::expiring(
                self.access_token.clone(),
                SystemTime::now() + Duration::from_secs(seconds),
            ),
            None => AccessToken::new(self.access_token.clone()),
        }
    }
}

/// An OAuth error answer (`{"error": "invalid_client", "error_description": ...}`).
#[derive(Deserialize, Debug, Default)]
pub(crate) struct OAuthError {
    #[serde(default)]
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
}

/// What the endpoint said: 2xx JSON, or an OAuth error with its status.
pub(crate) enum Answer {
    Ok(serde_json::Value),
    Refused { status: u16, error: OAuthError },
}

impl TokenEndpoint {
    pub fn new(options: &TokenOptions) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .https_only(!options.allow_insecure_http)
            .timeout(options.timeout)
            // A token endpoint has no business redirecting a form that carries a secret.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Setup {
                message: e.to_string(),
            })?;
        Ok(TokenEndpoint {
            http,
            max_attempts: options.max_attempts,
        })
    }

    /// Posts `form`; retried only when the service answers 429 or 503 with `Retry-After`
    /// (up to a minute), since a lost answer may have used up a one-time code or refresh token.
    pub async fn post(&self, url: &str, form: &[(&str, &str)]) -> Result<Answer, Error> {
        let body = encode_form(form);
        let mut attempt = 1;
        loop {
            let response = self
                .http
                .post(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .body(body.clone())
                .send()
                .await
                .map_err(|e| Error::Token {
                    message: format!("token request to {url} failed: {e}"),
                })?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            let bytes = response.bytes().await.map_err(|e| Error::Token {
                message: format!("token answer from {url} broke off: {e}"),
            })?;
            if (200..300).contains(&status) {
                let value = serde_json::from_slice(&bytes).map_err(|e| Error::Token {
                    message: format!("token answer from {url} is not JSON: {e}"),
                })?;
                return Ok(Answer::Ok(value));
            }
            match retry_after {
                Some(wait)
                    if matches!(status, 429 | 503)
                        && attempt < self.max_attempts
                        && wait <= Duration::from_secs(60) =>
                {
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => {
                    let error = serde_json::from_slice(&bytes).unwrap_or_default();
                    return Ok(Answer::Refused { status, error });
                }
            }
        }
    }

    /// Posts `form` and reads a token; any refusal is an [`Error::Token`].
    pub async fn token(&self, url: &str, form: &[(&str, &str)]) -> Result<TokenAnswer, Error> {
        match self.post(url, form).await? {
            Answer::Ok(value) => read_token(url, value),
            Answer::Refused { status, error } => Err(refusal(url, status, &error)),
        }
    }
}

pub(crate) fn read_token(url: &str, value: serde_json::Value) -> Result<TokenAnswer, Error> {
    serde_json::from_value(value).map_err(|e| Error::Token {
        message: format!("token answer from {url} has no usable access_token: {e}"),
    })
}

pub(crate) fn refusal(url: &str, status: u16, error: &OAuthError) -> Error {
    let code = if error.error.is_empty() {
        "no OAuth error code"
    } else {
        error.error.as_str()
    };
    // The description's first line says why; the rest is trace and correlation ids.
    let description = error
        .error_description
        .as_deref()
        .and_then(|d| d.lines().next())
        .unwrap_or("");
    Error::Token {
        message: format!("{url} answered {status} {code}: {description}"),
    }
}

/// `application/x-www-form-urlencoded`: unreserved characters kept, the rest percent-encoded.
pub(crate) fn encode_form(form: &[(&str, &str)]) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const FORM: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    form.iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                utf8_percent_encode(name, FORM),
                utf8_percent_encode(value, FORM)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_percent_encoded() {
        assert_eq!(
            encode_form(&[
                (
                    "scope",
                    "https://graph.microsoft.com/.default offline_access"
                ),
                ("s", "a+b&c=d")
            ]),
            "scope=https%3A%2F%2Fgraph.microsoft.com%2F.default%20offline_access&s=a%2Bb%26c%3Dd"
        );
    }

    #[test]
    fn refusals_keep_the_first_line_of_the_description() {
        let error = OAuthError {
            error: "invalid_client".into(),
            error_description: Some("AADSTS7000215: Invalid client secret.\r\nTrace ID: 1".into()),
        };
        let shown = refusal("https://login/t/token", 401, &error).to_string();
        assert!(
            shown.contains("401 invalid_client: AADSTS7000215: Invalid client secret."),
            "{shown}"
        );
        assert!(!shown.contains("Trace ID"), "{shown}");
    }
}
