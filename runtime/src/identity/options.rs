//! [`TokenOptions`]: which identity host, which scopes, and how token requests are sent.

use std::time::Duration;

use crate::client::Cloud;
use crate::error::Error;

/// Settings shared by the credentials: the national cloud (its login host and Graph scope),
/// or another authority host; the scopes; the HTTP client for token requests.
#[derive(Debug, Clone)]
pub struct TokenOptions {
    pub(crate) cloud: Cloud,
    pub(crate) authority_host: Option<String>,
    pub(crate) scopes: Option<Vec<String>>,
    pub(crate) allow_insecure_http: bool,
    pub(crate) timeout: Duration,
    pub(crate) refresh_margin: Duration,
    pub(crate) max_attempts: u32,
}

impl Default for TokenOptions {
    fn default() -> Self {
        TokenOptions::new(Cloud::Global)
    }
}

impl TokenOptions {
    /// Tokens from `cloud`'s login host for `cloud`'s Graph.
    pub fn new(cloud: Cloud) -> Self {
        TokenOptions {
            cloud,
            authority_host: None,
            scopes: None,
            allow_insecure_http: false,
            timeout: Duration::from_secs(30),
            refresh_margin: Duration::from_secs(300),
            max_attempts: 3,
        }
    }

    /// Another authority host (`https://login.partner.example`, or a loopback test server),
    /// instead of the cloud's.
    pub fn authority_host(mut self, url: impl Into<String>) -> Self {
        self.authority_host = Some(url.into().trim_end_matches('/').to_string());
        self
    }

    /// The scopes to ask for; by default the cloud's Graph `/.default` scope.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Allows a plain `http` authority host: loopback tests only.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// How long one token request may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long before expiry a token is replaced (default five minutes).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Attempts per token request when the identity service answers 429 or 503 with
    /// `Retry-After` (default 3); nothing else is retried.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    pub(crate) fn host(&self) -> &str {
        self.authority_host
            .as_deref()
            .unwrap_or_else(|| self.cloud.login_host_url())
    }

    /// `{host}/{tenant}/oauth2/v2.0/{leaf}`.
    pub(crate) fn endpoint(&self, tenant: &str, leaf: &str) -> Result<String, Error> {
        if tenant.is_empty()
            || tenant.chars().all(|c| c == '.')
            || !tenant
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c))
        {
            return Err(Error::Token {
                message: format!("tenant {tenant:?} is not a tenant id or domain"),
            });
        }
        let url = format!("{}/{tenant}/oauth2/v2.0/{leaf}", self.host());
        let insecure = url.starts_with("http://");
        if !(url.starts_with("https://") || (insecure && self.allow_insecure_http)) {
            return Err(Error::InsecureUrl { url });
        }
        Ok(url)
    }

    /// The scopes as one space-separated value; `extra` (`offline_access`) added when missing.
    pub(crate) fn scope_value(&self, extra: &[&str]) -> String {
        let mut scopes = self
            .scopes
            .clone()
            .unwrap_or_else(|| vec![self.cloud.default_scope()]);
        for scope in extra {
            if !scopes.iter().any(|s| s == scope) {
                scopes.push((*scope).to_string());
            }
        }
        scopes.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cloud_has_its_login_host_and_graph_scope() {
        let cases = [
            (
                Cloud::Global,
                "https://login.microsoftonline.com/t1/oauth2/v2.0/token",
                "https://graph.microsoft.com/.default",
            ),
            (
                Cloud::UsGov,
                "https://login.microsoftonline.us/t1/oauth2/v2.0/token",
                "https://graph.microsoft.us/.default",
            ),
            (
                Cloud::UsGovDod,
                "https://login.microsoftonline.us/t1/oauth2/v2.0/token",
                "https://dod-graph.microsoft.us/.default",
            ),
            (
                Cloud::China,
                "https://login.chinacloudapi.cn/t1/oauth2/v2.0/token",
                "https://microsoftgraph.chinacloudapi.cn/.default",
            ),
        ];
        for (cloud, token_url, scope) in cases {
            let options = TokenOptions::new(cloud);
            assert_eq!(
                options.endpoint("t1", "token").ok().as_deref(),
                Some(token_url)
            );
            assert_eq!(options.scope_value(&[]), scope);
        }
    }

    #[test]
    fn tenants_cannot_change_the_path_and_http_needs_permission() {
        let options = TokenOptions::default();
        for tenant in ["", "a/b", "..%2f", "a?b", "..", "."] {
            assert!(options.endpoint(tenant, "token").is_err(), "{tenant:?}");
        }
        let local = TokenOptions::default().authority_host("http://127.0.0.1:1/");
        assert!(matches!(
            local.endpoint("t", "token"),
            Err(Error::InsecureUrl { .. })
        ));
        let allowed = local.allow_insecure_http(true);
        assert_eq!(
            allowed.endpoint("t", "token").ok().as_deref(),
            Some("http://127.0.0.1:1/t/oauth2/v2.0/token")
        );
        assert_eq!(
            allowed
                .scopes(["User.Read"])
                .scope_value(&["offline_access"]),
            "User.Read offline_access"
        );
    }
}
