//! Random identifiers: `client-request-id` values, JWT ids. Unique, not secret.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// A random number good enough for ids and jitter: std seeds every `RandomState` with fresh keys.
pub(crate) fn random_u64() -> u64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x9e37_79b9_7f4a_7c15);
    hasher.finish()
}

/// A random (version 4) UUID, e.g. for `client-request-id`.
pub(crate) fn random_uuid() -> uuid::Uuid {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&random_u64().to_le_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_differ() {
        let a = random_uuid();
        let b = random_uuid();
        assert_ne!(a, b);
        assert_eq!(a.get_version_num(), 4);
    }
}
