//! [`Request`]: a request built by a generated endpoint, ready to be inspected or sent.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Sending the request twice has the effect of sending it once (RFC 9110, 9.2.2): it
    /// may be sent again when the first answer was lost.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }
}

/// What a request carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Empty,
    Json(serde_json::Value),
    Bytes { content_type: String, data: Vec<u8> },
}

/// How the response to a request is read; `R` in [`Request<R>`].
pub trait ResponseKind {
    /// What a successful response becomes.
    type Output;
    /// Reads a successful response body.
    fn decode(body: &[u8]) -> Result<Self::Output, serde_json::Error>;
}

/// The response is a JSON body of type `T`.
pub struct Json<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> ResponseKind for Json<T> {
    type Output = T;
    fn decode(body: &[u8]) -> Result<T, serde_json::Error> {
        serde_json::from_slice(body)
    }
}

/// The response has no body (`204 No Content`, `202 Accepted`).
pub struct NoContent;

impl ResponseKind for NoContent {
    type Output = ();
    fn decode(_body: &[u8]) -> Result<(), serde_json::Error> {
        Ok(())
    }
}

/// The response is raw content (a file, a photo, a report stream).
pub struct RawBytes;

impl ResponseKind for RawBytes {
    type Output = Vec<u8>;
    fn decode(body: &[u8]) -> Result<Vec<u8>, serde_json::Error> {
        Ok(body.to_vec())
    }
}

/// The response is a JSON body of type `T`, or none at all: operations that answer
/// `204 No Content` unless the request asks for the changed object
/// (`Prefer: return=representation`, see [`Request::prefer_representation`]), which then
/// comes back with `200 OK`. An empty body reads as `None`.
pub struct OptionalJson<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> ResponseKind for OptionalJson<T> {
    type Output = Option<T>;
    fn decode(body: &[u8]) -> Result<Option<T>, serde_json::Error> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(body).map(Some)
    }
}

/// The response is the plain-text number a `$count` segment answers with (`893`).
pub struct Count;

impl ResponseKind for Count {
    type Output = u64;
    fn decode(body: &[u8]) -> Result<u64, serde_json::Error> {
        // `text/plain` digits are also a JSON number; a byte-order mark is not.
        let body = body
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(body);
        serde_json::from_slice(body)
    }
}

/// A request to Graph, relative to the service root (`https://graph.microsoft.com/v1.0`).
///
/// `R` says how the response is read. `Q` names the OData query options the operation's page
/// documents (a marker type of the generated crate's `query` module): the typed option methods
/// ([`Request::select`], [`Request::filter`], ...) exist only for those. A request built by hand
/// documents none; [`Request::with_options`] adds any option to any request.
pub struct Request<R, Q = NotDocumented> {
    method: Method,
    path: Path,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Body,
    response: PhantomData<fn() -> (R, Q)>,
}

/// The documented-options marker of a request built by hand: no typed option methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotDocumented;

impl<R, Q> Clone for Request<R, Q> {
    fn clone(&self) -> Self {
        Request {
            method: self.method,
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            response: PhantomData,
        }
    }
}

impl<R, Q> std::fmt::Debug for Request<R, Q> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}

impl<R: ResponseKind> Request<R> {
    pub fn new(method: Method, path: Path) -> Self {
        Request::documenting(method, path)
    }
}

impl<R: ResponseKind, Q> Request<R, Q> {
    /// A request whose operation documents the query options `Q`; generated endpoints
    /// build theirs this way.
    pub fn documenting(method: Method, path: Path) -> Self {
        Request {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
            response: PhantomData,
        }
    }

    /// The same request without its documented-options marker, as one built by hand.
    pub fn into_undocumented(self) -> Request<R> {
        Request {
            method: self.method,
            path: self.path,
            query: self.query,
            headers: self.headers,
            body: self.body,
            response: PhantomData,
        }
    }

    /// Sets a JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        // Serializing a generated type into a `Value` cannot fail: its maps have string keys.
        self.body = Body::Json(serde_json::to_value(body).unwrap_or(serde_json::Value::Null));
        self
    }

    /// Sets a raw body.
    pub fn bytes(mut self, content_type: impl Into<String>, data: Vec<u8>) -> Self {
        self.body = Body::Bytes {
            content_type: content_type.into(),
            data,
        };
        self
    }

    /// Adds a query parameter (decoded; it is encoded when the URL is built).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets an OData option: a list option (`$select`, `$expand`, `$orderby`) adds to the
    /// values already set, another replaces its value.
    pub(crate) fn set_option(mut self, name: &str, value: String) -> Self {
        let list = ["$select", "$expand", "$orderby"].contains(&name);
        match self.query.iter_mut().find(|(n, _)| n == name) {
            Some((_, old)) if list => {
                old.push(',');
                old.push_str(&value);
            }
            Some((_, old)) => *old = value,
            None => self.query.push((name.to_string(), value)),
        }
        self
    }

    /// Adds a header unless one of that name (in any case) is already set.
    pub(crate) fn unless_set(self, name: &str, value: &str) -> Self {
        if self
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            self
        } else {
            self.header(name, value)
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn method(&self) -> Method {
        self.method
    }

    /// The encoded path, starting with `/`.
    pub fn path(&self) -> &str {
        self.path.as_str()
    }

    /// The path's segments, percent-decoded.
    pub fn path_segments(&self) -> Vec<String> {
        self.path.decoded_segments()
    }

    /// Query parameters, decoded, in the order they were added.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    pub fn body(&self) -> &Body {
        &self.body
    }

    /// Path and encoded query, e.g. `/me/messages?$top=5`.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.as_str().to_string();
        for (i, (name, value)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            out.push_str(&crate::path::encode_query_component(name));
            out.push('=');
            out.push_str(&crate::path::encode_query_component(value));
        }
        out
    }
}

impl<T: DeserializeOwned, Q> Request<OptionalJson<T>, Q> {
    /// Asks for the changed object in the response (`Prefer: return=representation`) instead
    /// of an empty `204 No Content`.
    pub fn prefer_representation(self) -> Self {
        self.header("Prefer", "return=representation")
    }
}

/// Requests on a collection can be narrowed to one derived type, or asked for their size.
impl<T: DeserializeOwned, Q> Request<Json<crate::Page<T>>, Q> {
    /// Narrows the collection to the members of a derived type, by its qualified name
    /// (`/memberOf/microsoft.graph.group`). The items keep the collection's item type, which
    /// reads every derived type.
    pub fn cast(mut self, qualified_type_name: &str) -> Self {
        self.path = self.path.value(qualified_type_name);
        self
    }

    /// Asks for the number of items instead of the items (`/users/$count`), which Graph
    /// answers as plain text. Directory collections count only with the advanced query
    /// capabilities, so `ConsistencyLevel: eventual` is sent.
    pub fn count(self) -> Request<Count> {
        let counted = self.unless_set("ConsistencyLevel", "eventual");
        Request {
            method: counted.method,
            path: counted.path.literal("$count"),
            query: counted.query,
            headers: counted.headers,
            body: counted.body,
            response: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_json_reads_an_empty_body_as_none() {
        assert_eq!(
            <OptionalJson<serde_json::Value> as ResponseKind>::decode(b"").ok(),
            Some(None)
        );
        assert_eq!(
            <OptionalJson<serde_json::Value> as ResponseKind>::decode(b" \r\n").ok(),
            Some(None)
        );
        let read =
            <OptionalJson<serde_json::Value> as ResponseKind>::decode(br#"{"title":"a"}"#).ok();
        assert_eq!(read, Some(Some(serde_json::json!({"title": "a"}))));
        assert!(<OptionalJson<u32> as ResponseKind>::decode(b"{}").is_err());
    }

    #[test]
    fn representation_is_asked_for_with_prefer() {
        let request: Request<OptionalJson<serde_json::Value>> = Request::new(
            Method::Patch,
            Path::new().literal("planner").literal("tasks").value("t1"),
        );
        let asked = request.prefer_representation();
        assert_eq!(
            asked.headers(),
            &[("Prefer".to_string(), "return=representation".to_string())]
        );
    }

    #[test]
    fn raw_bytes_pass_through() {
        let body = b"{\"a\": 1}\n\x00\xff";
        assert_eq!(
            <RawBytes as ResponseKind>::decode(body).ok().as_deref(),
            Some(body.as_slice())
        );
    }
}
