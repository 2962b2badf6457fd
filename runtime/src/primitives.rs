//! Wire types for OData primitives that no common crate covers exactly.
//!
//! Dates and times of day use `chrono`, GUIDs `uuid`; timestamps use [`DateTimeOffset`]
//! (a lenient reader over `chrono::DateTime<Utc>`), and these two complete the set.

use std::fmt;

use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::date_time::DateTimeOffset;

/// `Edm.Binary`: bytes, base64 on the wire.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64Bytes(pub Vec<u8>);

impl fmt::Debug for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Bytes({} bytes)", self.0.len())
    }
}

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        // Graph writes standard base64, sometimes without padding.
        let engine = base64::engine::GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            base64::engine::GeneralPurposeConfig::new()
                .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
        );
        engine
            .decode(text.trim())
            .map(Base64Bytes)
            .map_err(serde::de::Error::custom)
    }
}

/// `Edm.Duration`: an ISO 8601 duration such as `PT1H30M` or `P1DT2S`.
///
/// Kept as its validated text, since months and years have no fixed length; [`Self::to_std`]
/// converts durations made of days and smaller units.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IsoDuration(String);

impl IsoDuration {
    pub fn parse(text: &str) -> Result<Self, String> {
        parse_components(text).map(|_| IsoDuration(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The duration in seconds, when it uses no years or months.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let c = parse_components(&self.0).ok()?;
        if c.years != 0.0 || c.months != 0.0 || c.negative {
            return None;
        }
        let secs =
            ((c.weeks * 7.0 + c.days) * 24.0 + c.hours) * 3600.0 + c.minutes * 60.0 + c.seconds;
        std::time::Duration::try_from_secs_f64(secs).ok()
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Default)]
struct Components {
    negative: bool,
    years: f64,
    months: f64,
    weeks: f64,
    days: f64,
    hours: f64,
    minutes: f64,
    seconds: f64,
}

fn parse_components(text: &str) -> Result<Components, String> {
    let err = || format!("`{text}` is not an ISO 8601 duration");
    let mut c = Components::default();
    let mut rest = text;
    if let Some(r) = rest.strip_prefix('-') {
        c.negative = true;
        rest = r;
    }
    rest = rest.strip_prefix('P').ok_or_else(err)?;
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    for ch in rest.chars() {
        match ch {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' | '.' | ',' => number.push(if ch == ',' { '.' } else { ch }),
            unit => {
                let value: f64 = number.parse().map_err(|_| err())?;
                number.clear();
                any = true;
                let slot = match (in_time, unit) {
                    (false, 'Y') => &mut c.years,
                    (false, 'M') => &mut c.months,
                    (false, 'W') => &mut c.weeks,
                    (false, 'D') => &mut c.days,
                    (true, 'H') => &mut c.hours,
                    (true, 'M') => &mut c.minutes,
                    (true, 'S') => &mut c.seconds,
                    _ => return Err(err()),
                };
                *slot = value;
            }
        }
    }
    if !any || !number.is_empty() {
        return Err(err());
    }
    Ok(c)
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for IsoDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        IsoDuration::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_convert() {
        assert_eq!(
            IsoDuration::parse("PT1H30M").unwrap().to_std(),
            Some(std::time::Duration::from_secs(5400))
        );
        assert_eq!(
            IsoDuration::parse("P1D").unwrap().to_std(),
            Some(std::time::Duration::from_secs(86400))
        );
        assert!(IsoDuration::parse("P1Y").unwrap().to_std().is_none());
        assert!(IsoDuration::parse("1 hour").is_err());
        assert!(IsoDuration::parse("P").is_err());
    }

    #[test]
    fn base64_round_trips() {
        let bytes: Base64Bytes = serde_json::from_str("\"aGVsbG8\"").unwrap();
        assert_eq!(bytes.0, b"hello");
        assert_eq!(serde_json::to_string(&bytes).unwrap(), "\"aGVsbG8=\"");
    }
}
