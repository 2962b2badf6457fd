//! Client credentials with a certificate: a JWT client assertion signed (RS256) with the
//! certificate's private key and naming the certificate by its SHA-1 thumbprint (`x5t`).

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::RsaPrivateKey;
use sha1::{Digest, Sha1};

use crate::auth::{AccessToken, RefreshingToken};
use crate::error::Error;
use crate::identity::cached::{cache, provide_from_cache, Fetch};
use crate::identity::endpoint::TokenEndpoint;
use crate::identity::options::TokenOptions;

const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// How long an assertion is valid; each token request signs a new one.
const ASSERTION_LIFETIME_SECS: u64 = 600;

/// An application's token from its tenant, client id and a certificate registered for it.
pub struct ClientCertificateCredential {
    cache: RefreshingToken,
    client_id: String,
    thumbprint: String,
}

struct State {
    endpoint: TokenEndpoint,
    url: String,
    client_id: String,
    scope: String,
    signer: SigningKey<sha2::Sha256>,
    x5t: String,
}

impl ClientCertificateCredential {
    /// From one PEM text holding the certificate (`CERTIFICATE`) and its unencrypted RSA
    /// private key (`PRIVATE KEY` or `RSA PRIVATE KEY`), as in `AZURE_CLIENT_CERTIFICATE_PATH`.
    pub fn from_pem(
        options: &TokenOptions,
        tenant: &str,
        client_id: impl Into<String>,
        pem: &str,
    ) -> Result<Self, Error> {
        Self::new(options, tenant, client_id, pem, pem)
    }

    /// From the private key and the certificate as separate PEM texts.
    pub fn new(
        options: &TokenOptions,
        tenant: &str,
        client_id: impl Into<String>,
        private_key_pem: &str,
        certificate_pem: &str,
    ) -> Result<Self, Error> {
        let key = read_private_key(private_key_pem)?;
        let certificate = pem_block(certificate_pem, "CERTIFICATE")?;
        let x5t = URL_SAFE_NO_PAD.encode(Sha1::digest(&certificate));
        let client_id = client_id.into();
        let state = Arc::new(State {
            endpoint: TokenEndpoint::new(options)?,
            url: options.endpoint(tenant, "token")?,
            client_id: client_id.clone(),
            scope: options.scope_value(&[]),
            signer: SigningKey::new(key),
            x5t: x5t.clone(),
        });
        Ok(ClientCertificateCredential {
            cache: cache(state, options),
            client_id,
            thumbprint: x5t,
        })
    }

    /// The certificate's SHA-1 thumbprint, base64url (the assertion's `x5t`).
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }
}

impl State {
    /// header.claims.signature, each base64url.
    fn assertion(&self) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "x5t": self.x5t});
        let claims = serde_json::json!({
            "aud": self.url,
            "iss": self.client_id,
            "sub": self.client_id,
            "jti": crate::ids::random_uuid().to_string(),
            "nbf": now,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME_SECS,
        });
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = self.signer.sign(signed.as_bytes()).to_vec();
        format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
    }
}

impl Fetch for State {
    fn fetch(self: Arc<Self>) -> BoxFuture<'static, Result<AccessToken, Error>> {
        async move {
            let assertion = self.assertion();
            let form = [
                ("grant_type", "client_credentials"),
                ("client_id", self.client_id.as_str()),
                ("scope", self.scope.as_str()),
                ("client_assertion_type", ASSERTION_TYPE),
                ("client_assertion", assertion.as_str()),
            ];
            Ok(self.endpoint.token(&self.url, &form).await?.access_token())
        }
        .boxed()
    }
}

provide_from_cache!(ClientCertificateCredential);

impl fmt::Debug for ClientCertificateCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCertificateCredential")
            .field("client_id", &self.client_id)
            .field("thumbprint", &self.thumbprint)
            .finish_non_exhaustive()
    }
}

fn read_private_key(pem: &str) -> Result<RsaPrivateKey, Error> {
    let refused = |e: String| Error::Token {
        message: format!("the certificate's private key cannot be read: {e}"),
    };
    if let Ok(der) = pem_block(pem, "PRIVATE KEY") {
        return RsaPrivateKey::from_pkcs8_der(&der).map_err(|e| refused(e.to_string()));
    }
    if let Ok(der) = pem_block(pem, "RSA PRIVATE KEY") {
        return RsaPrivateKey::from_pkcs1_der(&der).map_err(|e| refused(e.to_string()));
    }
    Err(refused(
        "no unencrypted PRIVATE KEY or RSA PRIVATE KEY block".into(),
    ))
}

fn pem_block(pem: &str, label: &str) -> Result<Vec<u8>, Error> {
    crate::pem::pem_block(pem, label).map_err(|message| Error::Token { message })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pem_without_a_key_is_refused() {
        let pem = "junk\n-----BEGIN CERTIFICATE-----\nAAEC\nAw==\n-----END CERTIFICATE-----\n";
        assert!(read_private_key(pem).is_err());
    }
}
