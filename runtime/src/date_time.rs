//! [`DateTimeOffset`]: `Edm.DateTimeOffset`, read in every spelling Graph writes.
//!
//! Graph's timestamps are not always strict RFC 3339: some services leave the offset out
//! (`2020-02-04T07:00:00.0000000`, meant as UTC), write seven fractional digits, or a
//! lower-case `z`. `chrono::DateTime<Utc>` rejects the first, so generated types use this
//! wrapper, which reads all of them and writes RFC 3339 in UTC. Text that is not a
//! timestamp at all (`"datetime-value"`) is still an error.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant, kept in UTC; dereferences to `chrono::DateTime<Utc>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTimeOffset(pub DateTime<Utc>);

/// Layouts of timestamps written without an offset, which Graph means as UTC.
const WITHOUT_OFFSET: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"];

impl DateTimeOffset {
    /// Reads RFC 3339 (any precision, `Z` or `z`, `T` or `t`) or a timestamp without an
    /// offset, taken as UTC.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Ok(DateTimeOffset(instant.with_timezone(&Utc)));
        }
        let upper = text.to_ascii_uppercase();
        WITHOUT_OFFSET
            .iter()
            .find_map(|layout| NaiveDateTime::parse_from_str(&upper, layout).ok())
            .map(|naive| DateTimeOffset(naive.and_utc()))
            .ok_or_else(|| {
                format!("`{text}` is not a date and time (expected e.g. `2021-03-29T04:17:43Z`)")
            })
    }

    /// The instant as `chrono::DateTime<Utc>`.
    pub fn into_inner(self) -> DateTime<Utc> {
        self.0
    }
}

impl Deref for DateTimeOffset {
    type Target = DateTime<Utc>;
    fn deref(&self) -> &DateTime<Utc> {
        &self.0
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(instant: DateTime<Utc>) -> Self {
        DateTimeOffset(instant)
    }
}

impl From<DateTimeOffset> for DateTime<Utc> {
    fn from(value: DateTimeOffset) -> Self {
        value.0
    }
}

impl FromStr for DateTimeOffset {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        DateTimeOffset::parse(text)
    }
}

impl fmt::Display for DateTimeOffset {
    /// RFC 3339 in UTC with as many fractional digits as needed: `2021-03-29T04:17:43.15Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}

impl Serialize for DateTimeOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        DateTimeOffset::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn read(text: &str) -> Result<DateTimeOffset, String> {
        serde_json::from_value(serde_json::Value::String(text.to_string()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn every_spelling_graph_writes_is_read() {
        let expected = Utc
            .with_ymd_and_hms(2020, 2, 4, 7, 0, 0)
            .single()
            .expect("valid");
        for text in [
            "2020-02-04T07:00:00Z",
            "2020-02-04T07:00:00z",
            "2020-02-04t07:00:00Z",
            "2020-02-04T07:00:00.0000000Z",
            "2020-02-04T07:00:00.0000000",
            "2020-02-04T07:00:00",
            "2020-02-04T07:00",
            "2020-02-04T08:00:00+01:00",
            "2020-02-04T07:00:00.000+00:00",
        ] {
            assert_eq!(
                read(text).map(DateTimeOffset::into_inner),
                Ok(expected),
                "{text}"
            );
        }
    }

    #[test]
    fn seven_fractional_digits_keep_their_value() {
        let read = read("2017-10-19T10:37:00.1234567").expect("timestamp");
        assert_eq!(read.timestamp_subsec_nanos(), 123_456_700);
        assert_eq!(read.to_string(), "2017-10-19T10:37:00.123456700Z");
    }

    #[test]
    fn placeholders_are_rejected() {
        for text in [
            "datetime-value",
            "String (timestamp)",
            "",
            "2020-02-04",
            "timestamp",
        ] {
            assert!(read(text).is_err(), "{text}");
        }
    }

    #[test]
    fn written_as_rfc3339_in_utc() {
        let value = read("2021-03-29T06:17:43.15+02:00").expect("timestamp");
        assert_eq!(
            serde_json::to_value(value).expect("json"),
            serde_json::json!("2021-03-29T04:17:43.150Z")
        );
        let from_chrono: DateTimeOffset = value.into_inner().into();
        assert_eq!(from_chrono, value);
        assert_eq!(
            "2021-03-29T04:17:43.150Z".parse::<DateTimeOffset>(),
            Ok(value)
        );
    }
}
