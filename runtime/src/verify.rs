//! Checks that documented examples hold for the generated client.
//!
//! Generated example tests call these: a request example is rebuilt through its endpoint
//! and compared with the documented request; a response example is read into its type,
//! written back, and compared with the documented JSON. Comparison is on meaning, not
//! spelling: object member order, `1` against `1.0`, and timestamps written with other
//! precision or offset (`04:17:43.15Z` against `04:17:43.150Z`) are the same value.
//! Anything dropped, added or changed otherwise is a difference.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::path::decode_segments;
use crate::request::{Body, Request, ResponseKind};

/// Reads `documented` into `T`, writes it back, and reports the first difference.
pub fn response_round_trip<T: DeserializeOwned + Serialize>(documented: &str) -> Result<(), String> {
    let original: Value = serde_json::from_str(documented).map_err(|e| format!("documented JSON: {e}"))?;
    let typed: T = serde_json::from_value(original.clone()).map_err(|e| format!("does not deserialize: {e}"))?;
    let written = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    difference("$", &original, &written).map_or(Ok(()), Err)
}

/// Reads a documented request body into `T` for the endpoint call.
pub fn request_body<T: DeserializeOwned>(documented: &str) -> Result<T, String> {
    serde_json::from_str(documented).map_err(|e| format!("request body does not deserialize: {e}"))
}

/// Compares a built request with the documented one: method, path segment by segment
/// (decoded), query pairs (decoded, any order) and JSON body.
pub fn request_matches<R: ResponseKind>(built: &Request<R>, method: &str, url: &str, body: Option<&str>) -> Result<(), String> {
    if !built.method().as_str().eq_ignore_ascii_case(method) {
        return Err(format!("method: built {}, documented {method}", built.method().as_str()));
    }
    let (documented_path, documented_query) = split_url(url);
    let documented_segments = decode_segments(&documented_path);
    let built_segments = built.path_segments();
    if built_segments != documented_segments {
        return Err(format!("path: built {built_segments:?}, documented {documented_segments:?}"));
    }
    let mut built_query: Vec<(String, String)> = built.query_pairs().to_vec();
    let mut documented_query = documented_query;
    built_query.sort();
    documented_query.sort();
    if built_query != documented_query {
        return Err(format!("query: built {built_query:?}, documented {documented_query:?}"));
    }
    match (built.body(), body) {
        (Body::Empty, None) => Ok(()),
        (Body::Json(built_body), Some(documented)) => {
            let documented: Value = serde_json::from_str(documented).map_err(|e| format!("documented body: {e}"))?;
            difference("$", &documented, built_body).map_or(Ok(()), |d| Err(format!("body: {d}")))
        }
        (Body::Bytes { .. }, Some(_)) => Ok(()),
        (built, documented) => Err(format!("body: built {built:?}, documented {documented:?}")),
    }
}

/// Splits a documented URL (absolute, or a path) into its path below the service root
/// (`/v1.0`, `/beta`) and its decoded query pairs.
pub fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let (path, query) = without_scheme.split_once('?').unwrap_or((without_scheme, ""));
    let path = path.split('#').next().unwrap_or(path);
    let path = ["/v1.0", "/beta"]
        .iter()
        .find_map(|root| path.strip_prefix(root).filter(|rest| rest.is_empty() || rest.starts_with('/')))
        .unwrap_or(path);
    let pairs = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_query(name), decode_query(value))
        })
        .collect();
    (format!("/{}", path.trim_start_matches('/')), pairs)
}

fn decode_query(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// The first place where `written` does not mean what `documented` means, as `$.a[2].b: ...`.
pub fn difference(at: &str, documented: &Value, written: &Value) -> Option<String> {
    match (documented, written) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                match b.get(key) {
                    Some(other) => {
                        if let Some(d) = difference(&format!("{at}.{key}"), value, other) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{at}.{key}: dropped")),
                }
            }
            b.keys().find(|key| !a.contains_key(*key)).map(|key| format!("{at}.{key}: added"))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!("{at}: {} items documented, {} written", a.len(), b.len()));
            }
            a.iter().zip(b).enumerate().find_map(|(i, (x, y))| difference(&format!("{at}[{i}]"), x, y))
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (Value::String(a), Value::String(b)) if a == b || same_meaning(a, b) => None,
        (a, b) if a == b => None,
        (a, b) => Some(format!("{at}: documented {a}, written {b}")),
    }
}

/// Two spellings of one timestamp, date, GUID or base64 payload.
fn same_meaning(a: &str, b: &str) -> bool {
    use chrono::DateTime;
    if let (Ok(x), Ok(y)) = (DateTime::parse_from_rfc3339(a), DateTime::parse_from_rfc3339(b)) {
        return x == y;
    }
    if let (Ok(x), Ok(y)) = (parse_loose_timestamp(a), parse_loose_timestamp(b)) {
        return x == y;
    }
    if let (Ok(x), Ok(y)) = (uuid::Uuid::parse_str(a), uuid::Uuid::parse_str(b)) {
        return x == y;
    }
    use base64::Engine;
    let lenient = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new().with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    matches!((lenient.decode(a), lenient.decode(b)), (Ok(x), Ok(y)) if x == y && !x.is_empty())
}

/// Timestamps without an offset (`2021-03-29T04:17:43`) are read as UTC, as Graph does.
fn parse_loose_timestamp(text: &str) -> Result<chrono::NaiveDateTime, chrono::ParseError> {
    let trimmed = text.trim_end_matches('Z');
    chrono::NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M:%S%.f")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn member_order_and_number_spelling_do_not_matter() {
        assert_eq!(difference("$", &json!({"a": 1, "b": [1.0]}), &json!({"b": [1], "a": 1.0})), None);
    }

    #[test]
    fn timestamps_compare_as_instants() {
        assert_eq!(difference("$", &json!("2021-03-29T04:17:43.15Z"), &json!("2021-03-29T04:17:43.150Z")), None);
        assert!(difference("$", &json!("2021-03-29T04:17:43Z"), &json!("2021-03-29T04:17:44Z")).is_some());
    }

    #[test]
    fn dropped_added_and_changed_members_are_reported() {
        assert_eq!(difference("$", &json!({"a": {"b": 1}}), &json!({"a": {}})).as_deref(), Some("$.a.b: dropped"));
        assert_eq!(difference("$", &json!({}), &json!({"x": null})).as_deref(), Some("$.x: added"));
        assert_eq!(
            difference("$", &json!({"a": null}), &json!({"a": "x"})).as_deref(),
            Some("$.a: documented null, written \"x\"")
        );
    }

    #[test]
    fn urls_split_into_path_below_the_root_and_decoded_query() {
        let (path, query) = split_url("https://graph.microsoft.com/v1.0/me/messages?$top=5&$filter=name%20eq%20'a'");
        assert_eq!(path, "/me/messages");
        assert_eq!(query, vec![("$top".into(), "5".into()), ("$filter".into(), "name eq 'a'".into())]);
        assert_eq!(split_url("/beta/chats").0, "/chats");
        assert_eq!(split_url("users/{id}").0, "/users/{id}");
    }
}
