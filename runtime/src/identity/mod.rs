//! Token providers for the Microsoft identity platform: client credentials (secret or
//! certificate), device code, refresh token, and one configured from the environment.
//!
//! Each is a [`TokenProvider`](crate::TokenProvider) that caches its token and fetches a
//! new one shortly before it expires; concurrent callers wait for one fetch.
//!
//! ```no_run
//! use graphgen_runtime::identity::{ClientSecretCredential, TokenOptions};
//! use graphgen_runtime::{Client, Cloud};
//!
//! # fn run() -> Result<(), graphgen_runtime::Error> {
//! let options = TokenOptions::new(Cloud::UsGov);
//! let credential = ClientSecretCredential::new(&options, "contoso.onmicrosoft.com", "client-id", "secret")?;
//! let client = Client::builder().cloud(Cloud::UsGov).token_provider(credential).build()?;
//! # let _ = client; Ok(()) }
//! ```

mod cached;
#[cfg(feature = "certificate")]
mod certificate;
mod device_code;
mod endpoint;
mod environment;
mod options;
mod refresh_token;
mod secret;

#[cfg(feature = "certificate")]
pub use certificate::ClientCertificateCredential;
pub use device_code::{DeviceCodeCredential, DeviceCodePrompt};
pub use environment::EnvironmentCredential;
pub use options::TokenOptions;
pub use refresh_token::RefreshTokenCredential;
pub use secret::ClientSecretCredential;
