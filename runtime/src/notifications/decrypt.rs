//! Rich notifications: `encryptedContent` decrypted with the private key of the
//! certificate the subscription named (`encryptionCertificate`).
//!
//! Graph encrypts a random 256-bit key to the certificate with RSA-OAEP (SHA-1), signs the
//! ciphertext with HMAC-SHA256 under that key, and encrypts the resource with AES-256-CBC
//! (PKCS#7 padding), the key's first 16 bytes as IV.

use std::fmt;

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, KeyIvInit};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Oaep, RsaPrivateKey};
use serde::de::DeserializeOwned;
use sha1::{Digest, Sha1};

use crate::error::Error;
use crate::notifications::EncryptedContent;

type Aes256CbcDec = cbc::Decryptor<aes::Aes256>;

/// The private key of a subscription's encryption certificate.
pub struct DecryptionKey {
    key: RsaPrivateKey,
    thumbprint: Option<String>,
}

impl fmt::Debug for DecryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecryptionKey")
            .field("thumbprint", &self.thumbprint)
            .finish_non_exhaustive()
    }
}

impl DecryptionKey {
    /// From an unencrypted RSA private key in PEM (`PRIVATE KEY` or `RSA PRIVATE KEY`).
    pub fn from_pem(pem: &str) -> Result<Self, Error> {
        let key = RsaPrivateKey::from_pkcs8_pem(pem)
            .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
            .map_err(|e| failed(format!("the private key cannot be read: {e}")))?;
        Ok(DecryptionKey {
            key,
            thumbprint: None,
        })
    }

    /// Also checks that content was encrypted for this certificate (its PEM), by the
    /// SHA-1 thumbprint Graph sends (`encryptionCertificateThumbprint`).
    pub fn with_certificate(mut self, certificate_pem: &str) -> Result<Self, Error> {
        let der = crate::pem::pem_block(certificate_pem, "CERTIFICATE").map_err(failed)?;
        let hex: String = Sha1::digest(&der)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        self.thumbprint = Some(hex);
        Ok(self)
    }

    /// The decrypted resource, after its signature is checked.
    pub fn decrypt(&self, content: &EncryptedContent) -> Result<Vec<u8>, Error> {
        if let (Some(mine), Some(theirs)) =
            (&self.thumbprint, &content.encryption_certificate_thumbprint)
        {
            if !mine.eq_ignore_ascii_case(theirs.trim()) {
                return Err(failed(format!(
                    "encrypted for certificate {theirs}, not this one ({mine})"
                )));
            }
        }
        let base64 = |name: &str, value: &str| {
            STANDARD
                .decode(value.trim())
                .map_err(|e| failed(format!("{name} is not base64: {e}")))
        };
        let wrapped = base64("dataKey", &content.data_key)?;
        let data = base64("data", &content.data)?;
        let signature = base64("dataSignature", &content.data_signature)?;
        let key = self
            .key
            .decrypt(Oaep::new::<Sha1>(), &wrapped)
            .map_err(|_| failed("dataKey does not decrypt with this key".into()))?;
        if key.len() != 32 {
            return Err(failed(format!(
                "the symmetric key is {} bytes, not 32",
                key.len()
            )));
        }
        let mut mac =
            Hmac::<sha2::Sha256>::new_from_slice(&key).map_err(|e| failed(e.to_string()))?;
        mac.update(&data);
        mac.verify_slice(&signature)
            .map_err(|_| failed("dataSignature does not match: the content was altered".into()))?;
        Aes256CbcDec::new_from_slices(&key, &key[..16])
            .map_err(|e| failed(e.to_string()))?
            .decrypt_padded_vec_mut::<Pkcs7>(&data)
            .map_err(|_| failed("the content does not decrypt (bad padding)".into()))
    }

    /// The decrypted resource read as JSON of type `T` (a `ChatMessage`, say).
    pub fn decrypt_json<T: DeserializeOwned>(
        &self,
        content: &EncryptedContent,
    ) -> Result<T, Error> {
        let plain = self.decrypt(content)?;
        serde_json::from_slice(&plain).map_err(|e| {
            failed(format!(
                "the decrypted content is not the expected JSON: {e}"
            ))
        })
    }
}

fn failed(message: String) -> Error {
    Error::Notification { message }
}
