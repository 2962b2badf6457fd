//! The JSON Graph posts to a notification endpoint.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// The body of a notification request: one or more notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeNotificationCollection {
    pub value: Vec<ChangeNotification>,
    /// Tokens (JWTs) Graph signs for notifications with resource data, to be validated by
    /// the receiver. Not validated here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub validation_tokens: Vec<String>,
}

/// One change notification, or a lifecycle notification when `lifecycle_event` is set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeNotification {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub subscription_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_expiration_date_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_type: Option<ChangeType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The changed resource's id and type, or (rich notifications) more of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_data: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_event: Option<LifecycleEvent>,
    /// The resource itself, encrypted with the subscription's certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_content: Option<EncryptedContent>,
}

/// `encryptedContent`: see [`crate::notifications::DecryptionKey`] (feature `rich-notifications`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EncryptedContent {
    /// Base64 AES-256-CBC ciphertext.
    pub data: String,
    /// Base64 HMAC-SHA256 of the ciphertext.
    pub data_signature: String,
    /// Base64 symmetric key, RSA-OAEP encrypted to the subscription's certificate.
    pub data_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_certificate_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_certificate_thumbprint: Option<String>,
}

impl ChangeNotificationCollection {
    /// Reads a notification request's body.
    pub fn from_slice(body: &[u8]) -> Result<Self, Error> {
        serde_json::from_slice(body).map_err(|e| Error::Notification {
            message: format!("the body is not a change notification collection: {e}"),
        })
    }

    /// Every notification must carry the `clientState` the subscription was created with;
    /// one that does not was not sent by Graph for this subscription. The comparison takes
    /// the same time wherever the values differ.
    pub fn check_client_state(&self, expected: &str) -> Result<(), Error> {
        let wrong: Vec<String> = self
            .value
            .iter()
            .filter(|n| {
                !n.client_state
                    .as_deref()
                    .is_some_and(|state| same_secret(state, expected))
            })
            .map(|n| n.subscription_id.clone())
            .collect();
        if wrong.is_empty() {
            Ok(())
        } else {
            Err(Error::Notification {
                message: format!(
                    "clientState missing or wrong for subscription(s) {}",
                    wrong.join(", ")
                ),
            })
        }
    }

    /// The lifecycle notifications (subscription removed, reauthorization required, missed).
    pub fn lifecycle(&self) -> impl Iterator<Item = &ChangeNotification> {
        self.value.iter().filter(|n| n.lifecycle_event.is_some())
    }
}

fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut differ = a.len() ^ b.len();
    for (i, byte) in a.iter().enumerate() {
        differ |= usize::from(byte ^ b.get(i % b.len().max(1)).copied().unwrap_or(0));
    }
    differ == 0
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, kept as sent.
            Other(String),
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)*
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok($name::from(value.as_str()))
            }
        }
    };
}

string_enum!(
    /// What happened to the resource.
    ChangeType {
        Created = "created",
        Updated = "updated",
        Deleted = "deleted",
    }
);

string_enum!(
    /// Lifecycle notifications, sent to the subscription's `lifecycleNotificationUrl`.
    LifecycleEvent {
        /// The access token will expire: reauthorize the subscription (`POST .../reauthorize`).
        ReauthorizationRequired = "reauthorizationRequired",
        /// The subscription is gone: create it again.
        SubscriptionRemoved = "subscriptionRemoved",
        /// Some notifications were not delivered: resynchronize (a delta query).
        Missed = "missed",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_notifications_read_as_typed_events() {
        let body = br#"{"value":[
            {"subscriptionId":"s1","lifecycleEvent":"reauthorizationRequired","clientState":"cs","resource":"users/x/messages","tenantId":"t","subscriptionExpirationDateTime":"2030-01-01T00:00:00Z"},
            {"subscriptionId":"s2","lifecycleEvent":"somethingNew","clientState":"cs"},
            {"subscriptionId":"s3","changeType":"updated","clientState":"cs","resourceData":{"id":"m1"}}
        ]}"#;
        let read = ChangeNotificationCollection::from_slice(body);
        let Ok(read) = read else { panic!("{read:?}") };
        let events: Vec<_> = read
            .lifecycle()
            .filter_map(|n| n.lifecycle_event.clone())
            .collect();
        assert_eq!(
            events,
            [
                LifecycleEvent::ReauthorizationRequired,
                LifecycleEvent::Other("somethingNew".into())
            ]
        );
        assert_eq!(read.value[2].change_type, Some(ChangeType::Updated));
        assert!(read.check_client_state("cs").is_ok());
        let round_trip = serde_json::to_value(&read).ok();
        assert_eq!(
            round_trip
                .as_ref()
                .map(|v| v["value"][0]["lifecycleEvent"].clone()),
            Some("reauthorizationRequired".into())
        );
    }

    #[test]
    fn a_wrong_or_missing_client_state_names_the_subscription() {
        let body = br#"{"value":[{"subscriptionId":"good","clientState":"cs"},{"subscriptionId":"bad","clientState":"cs2"},{"subscriptionId":"none"}]}"#;
        let read = ChangeNotificationCollection::from_slice(body).ok();
        let error = read
            .map(|r| r.check_client_state("cs"))
            .and_then(Result::err)
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("bad, none"), "{error}");
        assert!(!error.contains("good"), "{error}");
        assert!(same_secret("abc", "abc"));
        for other in ["abd", "ab", "abcd", ""] {
            assert!(!same_secret("abc", other), "{other}");
        }
    }

    #[test]
    fn a_body_that_is_not_a_collection_is_an_error() {
        assert!(ChangeNotificationCollection::from_slice(b"{\"value\":3}").is_err());
        assert!(ChangeNotificationCollection::from_slice(b"<html>").is_err());
    }
}
