//! Change notifications a subscription sends to an application's endpoint: the
//! validation handshake, the `clientState` check, typed payloads (lifecycle events
//! included), and, with the `rich-notifications` feature, decrypting `encryptedContent`.
//!
//! These helpers work with any HTTP server: they take the request's target and body and
//! say what to answer.
//!
//! ```
//! use graphgen_runtime::notifications::{validation_response, ChangeNotificationCollection};
//!
//! fn handle(target: &str, body: &[u8]) -> (u16, &'static str, Vec<u8>) {
//!     // Graph checks the endpoint first: echo the token, as text/plain, within 10 s.
//!     if let Some(answer) = validation_response(target) {
//!         return (answer.status, answer.content_type, answer.body.into_bytes());
//!     }
//!     let Ok(notifications) = ChangeNotificationCollection::from_slice(body) else {
//!         return (400, "text/plain", Vec::new());
//!     };
//!     if notifications.check_client_state("secret-client-state").is_err() {
//!         return (400, "text/plain", Vec::new());
//!     }
//!     // Queue the work; Graph wants 202 Accepted quickly.
//!     (202, "text/plain", Vec::new())
//! }
//! # assert_eq!(handle("/notify?validationToken=Validation%3a+Testing", b"").2, b"Validation: Testing");
//! ```

#[cfg(feature = "rich-notifications")]
mod decrypt;
mod payload;
mod validation;

#[cfg(feature = "rich-notifications")]
pub use decrypt::DecryptionKey;
pub use payload::{
    ChangeNotification, ChangeNotificationCollection, ChangeType, EncryptedContent, LifecycleEvent,
};
pub use validation::{validation_response, validation_token, ValidationResponse};
