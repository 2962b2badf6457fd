//! A credential chosen by environment variables, as Azure tooling sets them.

use std::fmt;

use futures_util::future::BoxFuture;

use crate::auth::{AccessToken, TokenProvider};
use crate::error::Error;
use crate::identity::options::TokenOptions;
use crate::identity::secret::ClientSecretCredential;

/// `AZURE_TENANT_ID` and `AZURE_CLIENT_ID`, with `AZURE_CLIENT_SECRET` (client secret) or
/// `AZURE_CLIENT_CERTIFICATE_PATH` (a PEM file with the certificate and its key; needs the
/// `certificate` feature). `AZURE_AUTHORITY_HOST` replaces the cloud's login host.
pub enum EnvironmentCredential {
    Secret(ClientSecretCredential),
    #[cfg(feature = "certificate")]
    Certificate(crate::identity::ClientCertificateCredential),
}

impl EnvironmentCredential {
    /// Reads the process environment.
    pub fn from_env(options: &TokenOptions) -> Result<Self, Error> {
        Self::from_lookup(options, |name| std::env::var(name).ok())
    }

    /// Reads the variables through `lookup` (a map in tests, a settings file).
    pub fn from_lookup(
        options: &TokenOptions,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let required = |name: &str| {
            get(name).ok_or_else(|| Error::Token {
                message: format!("environment variable {name} is not set"),
            })
        };
        let tenant = required("AZURE_TENANT_ID")?;
        let client_id = required("AZURE_CLIENT_ID")?;
        let mut options = options.clone();
        if let Some(host) = get("AZURE_AUTHORITY_HOST") {
            options = options.authority_host(host);
        }
        if let Some(secret) = get("AZURE_CLIENT_SECRET") {
            return ClientSecretCredential::new(&options, &tenant, client_id, secret)
                .map(EnvironmentCredential::Secret);
        }
        if let Some(path) = get("AZURE_CLIENT_CERTIFICATE_PATH") {
            return certificate(&options, &tenant, client_id, &path);
        }
        Err(Error::Token {
            message: "neither AZURE_CLIENT_SECRET nor AZURE_CLIENT_CERTIFICATE_PATH is set".into(),
        })
    }
}

#[cfg(feature = "certificate")]
fn certificate(
    options: &TokenOptions,
    tenant: &str,
    client_id: String,
    path: &str,
) -> Result<EnvironmentCredential, Error> {
    let pem = std::fs::read_to_string(path).map_err(|e| Error::Token {
        message: format!("AZURE_CLIENT_CERTIFICATE_PATH {path}: {e}"),
    })?;
    crate::identity::ClientCertificateCredential::from_pem(options, tenant, client_id, &pem)
        .map(EnvironmentCredential::Certificate)
}

#[cfg(not(feature = "certificate"))]
fn certificate(
    _options: &TokenOptions,
    _tenant: &str,
    _client_id: String,
    _path: &str,
) -> Result<EnvironmentCredential, Error> {
    Err(Error::Token {
        message: "AZURE_CLIENT_CERTIFICATE_PATH needs graphgen-runtime's `certificate` feature"
            .into(),
    })
}

impl TokenProvider for EnvironmentCredential {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, Error>> {
        match self {
            EnvironmentCredential::Secret(c) => c.token(),
            #[cfg(feature = "certificate")]
            EnvironmentCredential::Certificate(c) => c.token(),
        }
    }

    fn reject(&self, rejected: &AccessToken) -> BoxFuture<'_, bool> {
        match self {
            EnvironmentCredential::Secret(c) => c.reject(rejected),
            #[cfg(feature = "certificate")]
            EnvironmentCredential::Certificate(c) => c.reject(rejected),
        }
    }
}

impl fmt::Debug for EnvironmentCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvironmentCredential::Secret(c) => c.fmt(f),
            #[cfg(feature = "certificate")]
            EnvironmentCredential::Certificate(c) => c.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn missing_variables_are_named() {
        let options = TokenOptions::default();
        let error =
            EnvironmentCredential::from_lookup(&options, lookup(&[("AZURE_TENANT_ID", "t")]))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
        assert!(error.contains("AZURE_CLIENT_ID"), "{error}");
        let error = EnvironmentCredential::from_lookup(
            &options,
            lookup(&[("AZURE_TENANT_ID", "t"), ("AZURE_CLIENT_ID", "c")]),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(error.contains("AZURE_CLIENT_SECRET"), "{error}");
    }

    #[test]
    fn a_secret_makes_a_secret_credential() {
        let vars = [
            ("AZURE_TENANT_ID", "t"),
            ("AZURE_CLIENT_ID", "c"),
            ("AZURE_CLIENT_SECRET", "s3cr3t"),
        ];
        let credential =
            EnvironmentCredential::from_lookup(&TokenOptions::default(), lookup(&vars));
        assert!(matches!(credential, Ok(EnvironmentCredential::Secret(_))));
        let shown = format!("{credential:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }
}
