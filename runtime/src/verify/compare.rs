//! One documented example against what the client builds or reads.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::date_time::DateTimeOffset;
use crate::error::GraphError;
use crate::request::{Body, Count, OptionalJson, RawBytes, Request, ResponseKind};

/// Reads `documented` into `T`, writes it back, and reports the first difference.
pub fn response_round_trip<T: DeserializeOwned + Serialize>(
    documented: &str,
) -> Result<(), String> {
    let original: Value =
        serde_json::from_str(documented).map_err(|e| format!("documented JSON: {e}"))?;
    let typed: T = serde_json::from_value(original.clone())
        .map_err(|e| format!("does not deserialize: {e}"))?;
    let written = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    difference("$", &original, &written).map_or(Ok(()), Err)
}

/// Reads `documented` the way [`OptionalJson<T>`] reads a response that has a body (the
/// `200` answer to `Prefer: return=representation`), writes the object back, and reports
/// the first difference.
pub fn optional_response_round_trip<T: DeserializeOwned + Serialize>(
    documented: &str,
) -> Result<(), String> {
    let original: Value =
        serde_json::from_str(documented).map_err(|e| format!("documented JSON: {e}"))?;
    let typed = <OptionalJson<T> as ResponseKind>::decode(documented.as_bytes())
        .map_err(|e| format!("does not deserialize: {e}"))?
        .ok_or_else(|| "a documented body read as no body".to_string())?;
    let written = serde_json::to_value(&typed).map_err(|e| format!("does not serialize: {e}"))?;
    difference("$", &original, &written).map_or(Ok(()), Err)
}

/// Reads documented raw content (a report stream, a file) the way [`RawBytes`] reads it:
/// the body must come through byte for byte, whatever it looks like.
pub fn raw_response(documented: &str) -> Result<(), String> {
    let read = <RawBytes as ResponseKind>::decode(documented.as_bytes())
        .map_err(|e| format!("raw content does not read: {e}"))?;
    if read.as_slice() == documented.as_bytes() {
        Ok(())
    } else {
        Err(format!(
            "raw content: documented {} bytes, read {} that differ",
            documented.len(),
            read.len()
        ))
    }
}

/// Reads a documented error answer (status 400 and up) through [`GraphError::from_response`]
/// and checks that it yields the status, `error.code` and `error.message` the body documents.
pub fn error_response(status: u16, documented: &str) -> Result<(), String> {
    if !(400..=599).contains(&status) {
        return Err(format!("status {status} is not an error status"));
    }
    let original: Value =
        serde_json::from_str(documented).map_err(|e| format!("documented JSON: {e}"))?;
    let detail = original
        .get("error")
        .filter(|e| e.is_object())
        .ok_or_else(|| {
            "response-type-mismatch: the error body has no `error` object".to_string()
        })?;
    let member = |name: &str| -> Result<Option<String>, String> {
        match detail.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(other) => Err(format!(
                "wrong-json-kind: `error.{name}` is {other}, not a string"
            )),
        }
    };
    let (code, message) = (member("code")?, member("message")?);
    if code.is_none() {
        return Err("response-type-mismatch: the error body has no `error.code`".to_string());
    }
    let read = GraphError::from_response(status, &[], documented.as_bytes());
    if read.status != status {
        return Err(format!(
            "error status: documented {status}, read {}",
            read.status
        ));
    }
    if read.code != code {
        return Err(format!(
            "error code: documented {code:?}, read {:?}",
            read.code
        ));
    }
    if read.message != message {
        return Err(format!(
            "error message: documented {message:?}, read {:?}",
            read.message
        ));
    }
    Ok(())
}

/// Reads a documented `$count` answer (plain-text digits) the way [`Count`] reads it.
pub fn count_response(documented: &str) -> Result<(), String> {
    let count = <Count as ResponseKind>::decode(documented.trim().as_bytes())
        .map_err(|e| format!("does not read as a count: {e}"))?;
    if count.to_string() == documented.trim() {
        Ok(())
    } else {
        Err(format!(
            "count: documented {}, read {count}",
            documented.trim()
        ))
    }
}

/// Reads a documented request body into `T` for the endpoint call.
///
/// A tag (`@odata.type`) that picks a derived type is dropped once read, as a caller building
/// the value does not write one: the body then names the type only if the client writes the
/// tag itself, and a documented tag it does not write is a `dropped` difference.
pub fn request_body<T: DeserializeOwned>(documented: &str) -> Result<T, String> {
    crate::support::tags_left_to_writer(|| serde_json::from_str(documented))
        .map_err(|e| format!("request body does not deserialize: {e}"))
}

/// Compares a built request with the documented one: method, path segment by segment
/// and query pairs (both as the generator read them from the documented URL: below the
/// service root, percent-decoded), and the body.
pub fn request_matches<R: ResponseKind, Q>(
    built: &Request<R, Q>,
    method: &str,
    path: &[&str],
    query: &[(&str, &str)],
    body: Option<&str>,
) -> Result<(), String> {
    if !built.method().as_str().eq_ignore_ascii_case(method) {
        return Err(format!(
            "method: built {}, documented {method}",
            built.method().as_str()
        ));
    }
    let built_segments = built.path_segments();
    // Graph reads its resource and function names without regard to case, and the docs
    // spell them both ways (`/me/Messages`); only case may differ, never a value's text.
    let same_path = built_segments.len() == path.len()
        && built_segments
            .iter()
            .zip(path)
            .all(|(a, b)| a.eq_ignore_ascii_case(b));
    if !same_path {
        return Err(format!(
            "path: built {built_segments:?}, documented {path:?}"
        ));
    }
    // Graph reads query option names without regard to case (`$orderBy`, `startdatetime`).
    let by_lower_name = |pairs: Vec<(String, String)>| -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = pairs
            .into_iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .collect();
        pairs.sort();
        pairs
    };
    let built_query = by_lower_name(built.query_pairs().to_vec());
    let documented_query = by_lower_name(
        query
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
    );
    if built_query != documented_query {
        return Err(format!(
            "query: built {built_query:?}, documented {documented_query:?}"
        ));
    }
    match (built.body(), body) {
        (Body::Empty, None) => Ok(()),
        (Body::Json(built_body), Some(documented)) => {
            let documented: Value =
                serde_json::from_str(documented).map_err(|e| format!("documented body: {e}"))?;
            difference("$", &documented, built_body).map_or(Ok(()), |d| Err(format!("body: {d}")))
        }
        (Body::Bytes { data, .. }, Some(documented))
            if data.as_slice() == documented.as_bytes() =>
        {
            Ok(())
        }
        (Body::Bytes { data, .. }, Some(_)) => Err(format!(
            "body: built {} bytes that differ from the documented content",
            data.len()
        )),
        (built, documented) => Err(format!("body: built {built:?}, documented {documented:?}")),
    }
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
            b.keys()
                .find(|key| !a.contains_key(*key))
                .map(|key| format!("{at}.{key}: added"))
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!(
                    "{at}: {} items documented, {} written",
                    a.len(),
                    b.len()
                ));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| difference(&format!("{at}[{i}]"), x, y))
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (Value::String(a), Value::String(b)) if a == b || same_meaning(a, b) => None,
        // A type tag names the same type with or without the leading `#`.
        (Value::String(a), Value::String(b))
            if at.ends_with(".@odata.type")
                && a.trim_start_matches('#') == b.trim_start_matches('#') =>
        {
            None
        }
        (a, b) if a == b => None,
        (a, b) => Some(format!("{at}: documented {a}, written {b}")),
    }
}

/// Two spellings of one timestamp, date, GUID or base64 payload.
fn same_meaning(a: &str, b: &str) -> bool {
    // Read the way generated types read them: any precision, offset or none (UTC).
    if let (Ok(x), Ok(y)) = (DateTimeOffset::parse(a), DateTimeOffset::parse(b)) {
        return x == y;
    }
    // Times of day: `09:00:00.0000000` and `09:00:00` are one time.
    if let (Ok(x), Ok(y)) = (
        chrono::NaiveTime::parse_from_str(a, "%H:%M:%S%.f"),
        chrono::NaiveTime::parse_from_str(b, "%H:%M:%S%.f"),
    ) {
        return x == y;
    }
    if let (Ok(x), Ok(y)) = (uuid::Uuid::parse_str(a), uuid::Uuid::parse_str(b)) {
        return x == y;
    }
    use base64::Engine;
    let lenient = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    matches!((lenient.decode(a), lenient.decode(b)), (Ok(x), Ok(y)) if x == y && !x.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::registry::suggested_category;
    use serde_json::json;

    #[test]
    fn member_order_and_number_spelling_do_not_matter() {
        assert_eq!(
            difference(
                "$",
                &json!({"a": 1, "b": [1.0]}),
                &json!({"b": [1], "a": 1.0})
            ),
            None
        );
    }

    #[test]
    fn timestamps_compare_as_instants() {
        assert_eq!(
            difference(
                "$",
                &json!("2021-03-29T04:17:43.15Z"),
                &json!("2021-03-29T04:17:43.150Z")
            ),
            None
        );
        assert!(difference(
            "$",
            &json!("2021-03-29T04:17:43Z"),
            &json!("2021-03-29T04:17:44Z")
        )
        .is_some());
    }

    #[test]
    fn times_of_day_compare_as_times() {
        assert_eq!(
            difference("$", &json!("09:00:00.0000000"), &json!("09:00:00")),
            None
        );
        assert_eq!(
            difference("$", &json!("11:59:09.3130000"), &json!("11:59:09.313")),
            None
        );
        assert!(difference("$", &json!("09:00:00"), &json!("09:00:01")).is_some());
    }

    #[test]
    fn type_tags_compare_without_their_hash() {
        let documented = json!({"@odata.type": "microsoft.graph.fileAttachment"});
        assert_eq!(
            difference(
                "$",
                &documented,
                &json!({"@odata.type": "#microsoft.graph.fileAttachment"})
            ),
            None
        );
        assert!(difference(
            "$",
            &documented,
            &json!({"@odata.type": "#microsoft.graph.itemAttachment"})
        )
        .is_some());
        // Elsewhere a `#` is part of the text.
        assert!(difference("$", &json!({"name": "a"}), &json!({"name": "#a"})).is_some());
    }

    #[test]
    fn dropped_added_and_changed_members_are_reported() {
        assert_eq!(
            difference("$", &json!({"a": {"b": 1}}), &json!({"a": {}})).as_deref(),
            Some("$.a.b: dropped")
        );
        assert_eq!(
            difference("$", &json!({}), &json!({"x": null})).as_deref(),
            Some("$.x: added")
        );
        assert_eq!(
            difference("$", &json!({"a": null}), &json!({"a": "x"})).as_deref(),
            Some("$.a: documented null, written \"x\"")
        );
    }

    #[test]
    fn literal_case_and_raw_content_are_compared() {
        use crate::path::Path;
        use crate::request::{Method, NoContent};
        let request: Request<NoContent> = Request::new(
            Method::Put,
            Path::new().literal("me").literal("photo").literal("$value"),
        )
        .bytes("image/jpeg", b"binary".to_vec());
        assert_eq!(
            request_matches(
                &request,
                "PUT",
                &["me", "Photo", "$value"],
                &[],
                Some("binary")
            ),
            Ok(())
        );
        let path = ["me", "photo", "$value"];
        assert!(request_matches(&request, "PUT", &path, &[], Some("other")).is_err());
        assert!(request_matches(
            &request,
            "PUT",
            &["me", "photo", "x", "$value"],
            &[],
            Some("binary")
        )
        .is_err());
        assert!(request_matches(
            &request,
            "PUT",
            &["me", "photo", "$VALUE"],
            &[],
            Some("binary")
        )
        .is_ok());
    }

    #[test]
    fn counts_and_casts_extend_collection_requests() {
        use crate::path::Path;
        use crate::request::{Json, Method};
        use crate::Page;
        let members: Request<Json<Page<Value>>> = Request::new(
            Method::Get,
            Path::new().literal("groups").value("g1").literal("members"),
        );
        let counted = members
            .clone()
            .cast("microsoft.graph.user")
            .count()
            .query("$search", "\"displayName:Pr\"");
        assert_eq!(
            request_matches(
                &counted,
                "GET",
                &["groups", "g1", "members", "microsoft.graph.user", "$count"],
                &[("$Search", "\"displayName:Pr\"")],
                None
            ),
            Ok(())
        );
        assert!(counted
            .headers()
            .iter()
            .any(|(name, value)| name == "ConsistencyLevel" && value == "eventual"));
        assert!(request_matches(
            &members.count(),
            "GET",
            &["groups", "g1", "members"],
            &[],
            None
        )
        .is_err());
        assert_eq!(count_response("893\n"), Ok(()));
        assert!(count_response("{\"value\": 1}").is_err());
        assert!(count_response("-1").is_err());
    }

    #[test]
    fn optional_bodies_round_trip_when_present() {
        #[derive(serde::Deserialize, serde::Serialize)]
        struct Task {
            title: String,
        }
        assert_eq!(
            optional_response_round_trip::<Task>(r#"{"title":"a"}"#),
            Ok(())
        );
        let dropped = optional_response_round_trip::<Task>(r#"{"title":"a","x":1}"#);
        assert_eq!(dropped, Err("$.x: dropped".to_string()));
        assert!(optional_response_round_trip::<Task>("").is_err());
        assert!(optional_response_round_trip::<Task>(r#"{"title":1}"#).is_err());
    }

    #[test]
    fn raw_content_passes_through() {
        assert_eq!(raw_response("{\"value\": [\"a\", 1]}\n"), Ok(()));
        assert_eq!(raw_response("Binary data for the image"), Ok(()));
    }

    #[test]
    fn documented_errors_read_through_the_error_reader() {
        let body = r#"{"error":{"code":"ErrorMimeContentInvalidBase64String","message":"Invalid base64 string for MIME content.","innerError":{"request-id":"r"}}}"#;
        assert_eq!(error_response(400, body), Ok(()));
        assert_eq!(
            error_response(422, r#"{"error":{"code":"Request_UnprocessableEntity"}}"#),
            Ok(())
        );
        assert!(error_response(200, body).is_err());
        let no_code = error_response(400, r#"{"error":{"message":"m"}}"#).expect_err("no code");
        assert_eq!(suggested_category(&no_code), "response-type-mismatch");
        let not_error = error_response(400, r#"{"message":"m"}"#).expect_err("no error object");
        assert_eq!(suggested_category(&not_error), "response-type-mismatch");
        let numeric = error_response(400, r#"{"error":{"code":7}}"#).expect_err("a number");
        assert_eq!(suggested_category(&numeric), "wrong-json-kind");
        assert!(error_response(400, "not json").is_err());
    }

    #[test]
    fn query_names_compare_without_case_but_values_with_it() {
        use crate::path::Path;
        use crate::request::{Method, NoContent};
        let request: Request<NoContent> =
            Request::new(Method::Get, Path::new().literal("me")).query("startDateTime", "A");
        assert_eq!(
            request_matches(&request, "GET", &["me"], &[("startdatetime", "A")], None),
            Ok(())
        );
        assert!(
            request_matches(&request, "GET", &["me"], &[("startDateTime", "a")], None).is_err()
        );
    }
}
