//! JSON batching (`POST /$batch`): many typed [`Request`]s in one round trip, split into
//! calls of at most 20, with `dependsOn`, typed answers per item and per-item retries of
//! throttled items.
//!
//! ```no_run
//! use graphgen_runtime::{Batch, Client, Json, Method, Path, Request};
//!
//! # async fn run(client: Client) -> Result<(), graphgen_runtime::Error> {
//! let mut batch = Batch::new();
//! let me = batch.add(Request::<Json<serde_json::Value>>::new(Method::Get, Path::new().literal("me")));
//! let drive = batch.add_after(
//!     Request::<Json<serde_json::Value>>::new(Method::Get, Path::new().literal("me").literal("drive")),
//!     &[me.id()],
//! )?;
//! let answers = client.send_batch(batch).await?;
//! let me: serde_json::Value = answers.get(&me)?;
//! let drive = answers.get(&drive)?;
//! # let _ = (me, drive); Ok(()) }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::marker::PhantomData;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Map, Value};

use crate::client::Client;
use crate::error::{snippet, Error, GraphError};
use crate::request::{Body, Method, Request, ResponseKind};

/// Graph takes at most 20 requests per `$batch` call.
pub const MAX_BATCH_SIZE: usize = 20;

/// Requests to send together. Each [`Batch::add`] gives a [`BatchKey`] that reads that
/// request's typed answer from the [`BatchResponses`].
#[derive(Debug, Default, Clone)]
pub struct Batch {
    items: Vec<Item>,
}

#[derive(Debug, Clone)]
struct Item {
    id: String,
    method: Method,
    /// Relative to the service root: `/me/messages?$top=5`.
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    depends_on: Vec<String>,
}

/// Names one request of a batch and the type its answer reads as.
pub struct BatchKey<R> {
    id: String,
    response: PhantomData<fn() -> R>,
}

impl<R> BatchKey<R> {
    /// The item's `id` in the batch.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<R> Clone for BatchKey<R> {
    fn clone(&self) -> Self {
        BatchKey {
            id: self.id.clone(),
            response: PhantomData,
        }
    }
}

impl<R> std::fmt::Debug for BatchKey<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BatchKey").field(&self.id).finish()
    }
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds a request; the service may run it in any order with the others.
    pub fn add<R: ResponseKind, Q>(&mut self, request: Request<R, Q>) -> BatchKey<R> {
        let id = (self.items.len() + 1).to_string();
        let mut headers = request.headers().to_vec();
        let body = match request.body() {
            Body::Empty => None,
            Body::Json(value) => {
                set_content_type(&mut headers, "application/json");
                Some(value.clone())
            }
            // Graph reads a non-JSON body of a batch item as base64.
            Body::Bytes { content_type, data } => {
                set_content_type(&mut headers, content_type);
                Some(Value::String(STANDARD.encode(data)))
            }
        };
        self.items.push(Item {
            id: id.clone(),
            method: request.method(),
            url: request.path_and_query(),
            headers,
            body,
            depends_on: Vec::new(),
        });
        BatchKey {
            id,
            response: PhantomData,
        }
    }

    /// Adds a request that runs only after the items `after` (their ids, from
    /// [`BatchKey::id`]) have succeeded; when one fails, this one answers
    /// `424 Failed Dependency`.
    pub fn add_after<R: ResponseKind, Q>(
        &mut self,
        request: Request<R, Q>,
        after: &[&str],
    ) -> Result<BatchKey<R>, Error> {
        for id in after {
            if !self.items.iter().any(|item| item.id == *id) {
                return Err(Error::Batch {
                    id: (*id).to_string(),
                    message: "dependsOn names an item not added before".into(),
                });
            }
        }
        let key = self.add(request);
        if let Some(item) = self.items.last_mut() {
            item.depends_on = after.iter().map(|id| (*id).to_string()).collect();
        }
        Ok(key)
    }
}

fn set_content_type(headers: &mut Vec<(String, String)>, content_type: &str) {
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"))
    {
        headers.push(("Content-Type".into(), content_type.to_string()));
    }
}

/// One item's answer as the service gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchItemResponse {
    pub status: u16,
    /// Header names as the service wrote them.
    pub headers: Vec<(String, String)>,
    /// The body as bytes: JSON written out, base64 content decoded.
    pub body: Vec<u8>,
}

impl BatchItemResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Every item's answer, by id.
#[derive(Debug, Clone, Default)]
pub struct BatchResponses {
    answers: BTreeMap<String, BatchItemResponse>,
}

impl BatchResponses {
    /// The item's typed answer: its decoded body on 2xx, else the Graph error it carries.
    pub fn get<R: ResponseKind>(&self, key: &BatchKey<R>) -> Result<R::Output, Error> {
        let answer = self.raw(key.id()).ok_or_else(|| Error::Batch {
            id: key.id.clone(),
            message: "no answer for this item".into(),
        })?;
        if !(200..300).contains(&answer.status) {
            let error = GraphError::from_response(answer.status, &answer.headers, &answer.body);
            return Err(Error::Graph(Box::new(error)));
        }
        R::decode(&answer.body).map_err(|e| Error::Batch {
            id: key.id.clone(),
            message: format!(
                "status {}: the body is not the expected type: {e}; body starts {:?}",
                answer.status,
                snippet(&answer.body)
            ),
        })
    }

    /// The item's answer as the service gave it.
    pub fn raw(&self, id: &str) -> Option<&BatchItemResponse> {
        self.answers.get(id)
    }

    /// The ids of every item, in order of their id.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.answers.keys().map(String::as_str)
    }
}

impl Client {
    /// Sends the batch in calls of at most [`MAX_BATCH_SIZE`], one after another, and
    /// sends again, in a later call, the items the service throttled (429, or 503 with
    /// `Retry-After`; 503 and 504 also without it for GET, PUT and DELETE), after the
    /// longest `Retry-After` among them, within the client's [`crate::RetryPolicy`].
    ///
    /// An item whose dependency lies in an earlier call and failed is answered
    /// `424 Failed Dependency` here without being sent.
    pub async fn send_batch(&self, batch: Batch) -> Result<BatchResponses, Error> {
        let mut responses = BatchResponses::default();
        let mut pending: Vec<Item> = batch.items;
        let mut attempt = 1;
        while !pending.is_empty() {
            let mut throttled = Vec::new();
            let mut wait: Option<Duration> = None;
            for chunk in pending.chunks(MAX_BATCH_SIZE) {
                let chunk = settle_dependencies(chunk, &mut responses, &mut throttled);
                if chunk.is_empty() {
                    continue;
                }
                let answers = self.send_chunk(&chunk).await?;
                for item in chunk {
                    let answer = answers.get(&item.id).cloned().ok_or_else(|| Error::Batch {
                        id: item.id.clone(),
                        message: "the batch answer has no response for this item".into(),
                    })?;
                    if let Some(after) = self.retry_delay(&item, &answer, attempt) {
                        wait = Some(wait.map_or(after, |w| w.max(after)));
                        throttled.push(item);
                    } else {
                        responses.answers.insert(item.id.clone(), answer);
                    }
                }
            }
            if let Some(wait) = wait {
                tokio::time::sleep(wait).await;
            }
            attempt += 1;
            pending = throttled;
        }
        Ok(responses)
    }

    /// How long to wait before sending a throttled item again; `None` when it is not
    /// retried (answered, not throttled, or out of attempts).
    fn retry_delay(
        &self,
        item: &Item,
        answer: &BatchItemResponse,
        attempt: u32,
    ) -> Option<Duration> {
        let retry_after = answer
            .header("retry-after")
            .and_then(crate::retry::parse_retry_after);
        if !crate::retry::RetryPolicy::may_resend(item.method, answer.status, retry_after) {
            return None;
        }
        self.retry_policy().delay_after(attempt, retry_after)
    }

    async fn send_chunk(
        &self,
        chunk: &[Item],
    ) -> Result<BTreeMap<String, BatchItemResponse>, Error> {
        let requests: Vec<Value> = chunk.iter().map(item_json).collect();
        let body =
            serde_json::to_vec(&json!({ "requests": requests })).map_err(|e| Error::Encode {
                message: e.to_string(),
            })?;
        let url = format!("{}/$batch", self.base_url());
        let headers = vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("Accept".to_string(), "application/json".to_string()),
        ];
        let response = self.execute(Method::Post, url, headers, body).await?;
        read_answer(chunk, &response.body)
    }
}

/// Drops dependencies on items answered in earlier calls: satisfied ones vanish, a failed
/// one fails the item with 424, a throttled one defers the item with it. Dependencies on
/// items of this call stay.
fn settle_dependencies(
    chunk: &[Item],
    responses: &mut BatchResponses,
    deferred: &mut Vec<Item>,
) -> Vec<Item> {
    let here: BTreeSet<&str> = chunk.iter().map(|item| item.id.as_str()).collect();
    let mut kept = Vec::new();
    for item in chunk {
        let elsewhere = item
            .depends_on
            .iter()
            .filter(|id| !here.contains(id.as_str()));
        let mut defer = false;
        let mut failed = None;
        for id in elsewhere {
            match responses.answers.get(id) {
                Some(answer) if (200..300).contains(&answer.status) => {}
                Some(_) => failed = Some(id.clone()),
                None if deferred.iter().any(|d| &d.id == id) => defer = true,
                None => failed = Some(id.clone()),
            }
        }
        if let Some(failed) = failed {
            responses
                .answers
                .insert(item.id.clone(), failed_dependency(&failed));
        } else if defer {
            deferred.push(item.clone());
        } else {
            let mut item = item.clone();
            item.depends_on.retain(|id| here.contains(id.as_str()));
            kept.push(item);
        }
    }
    kept
}

fn failed_dependency(failed: &str) -> BatchItemResponse {
    let body = json!({"error": {
        "code": "FailedDependency",
        "message": format!("item {failed} this one depends on did not succeed"),
    }});
    BatchItemResponse {
        status: 424,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.to_string().into_bytes(),
    }
}

fn item_json(item: &Item) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), Value::String(item.id.clone()));
    out.insert("method".into(), Value::String(item.method.as_str().into()));
    out.insert("url".into(), Value::String(item.url.clone()));
    if !item.headers.is_empty() {
        let headers: Map<String, Value> = item
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), Value::String(v.clone())))
            .collect();
        out.insert("headers".into(), Value::Object(headers));
    }
    if let Some(body) = &item.body {
        out.insert("body".into(), body.clone());
    }
    if !item.depends_on.is_empty() {
        out.insert("dependsOn".into(), json!(item.depends_on));
    }
    Value::Object(out)
}

/// Reads `{"responses": [{"id", "status", "headers", "body"}]}`; an entry that cannot be
/// read, or names no item of the call, is an error naming it.
fn read_answer(chunk: &[Item], body: &[u8]) -> Result<BTreeMap<String, BatchItemResponse>, Error> {
    let whole = |message: String| Error::Batch {
        id: String::new(),
        message,
    };
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| whole(format!("not JSON ({e}); body starts {:?}", snippet(body))))?;
    let entries = value
        .get("responses")
        .and_then(Value::as_array)
        .ok_or_else(|| whole("no `responses` array".into()))?;
    let asked: BTreeSet<&str> = chunk.iter().map(|item| item.id.as_str()).collect();
    let mut answers = BTreeMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let id = entry
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| whole(format!("response #{index} has no string `id`")))?;
        let item_error = |message: String| Error::Batch {
            id: id.to_string(),
            message,
        };
        if !asked.contains(id) {
            return Err(item_error(
                "the answer names an item that was not sent".into(),
            ));
        }
        let status = entry
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .filter(|s| (100..600).contains(s))
            .ok_or_else(|| item_error("no valid `status`".into()))?;
        let headers: Vec<(String, String)> = match entry.get("headers") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(map)) => map
                .iter()
                .map(|(n, v)| {
                    let v = v
                        .as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string());
                    (n.clone(), v)
                })
                .collect(),
            Some(_) => return Err(item_error("`headers` is not an object".into())),
        };
        let body = item_body(&headers, entry.get("body")).map_err(item_error)?;
        answers.insert(
            id.to_string(),
            BatchItemResponse {
                status,
                headers,
                body,
            },
        );
    }
    Ok(answers)
}

/// A JSON body written out; a string body of a non-JSON content type is base64 (binary)
/// or, for `text/*`, the text itself.
fn item_body(headers: &[(String, String)], body: Option<&Value>) -> Result<Vec<u8>, String> {
    let content_type = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.to_ascii_lowercase())
        .unwrap_or_default();
    match body {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(text)) if content_type.starts_with("text/") => {
            Ok(text.clone().into_bytes())
        }
        Some(Value::String(text)) if !content_type.contains("json") => STANDARD
            .decode(text)
            .map_err(|e| format!("body of type {content_type:?} is not base64: {e}")),
        Some(value) => serde_json::to_vec(value).map_err(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Json, Path};

    #[test]
    fn items_carry_method_url_headers_body_and_dependencies() {
        let mut batch = Batch::new();
        let first = batch.add(
            Request::<Json<Value>>::new(Method::Post, Path::new().literal("me").literal("events"))
                .json(&json!({"subject": "x"})),
        );
        let second = batch
            .add_after(
                Request::<Json<Value>>::new(Method::Get, Path::new().literal("me"))
                    .query("$select", "id")
                    .header("ConsistencyLevel", "eventual"),
                &[first.id()],
            )
            .ok();
        assert_eq!(second.as_ref().map(BatchKey::id), Some("2"));
        assert_eq!(
            item_json(&batch.items[0]),
            json!({"id": "1", "method": "POST", "url": "/me/events",
                   "headers": {"Content-Type": "application/json"}, "body": {"subject": "x"}})
        );
        assert_eq!(
            item_json(&batch.items[1]),
            json!({"id": "2", "method": "GET", "url": "/me?$select=id",
                   "headers": {"ConsistencyLevel": "eventual"}, "dependsOn": ["1"]})
        );
        assert!(batch
            .add_after(
                Request::<Json<Value>>::new(Method::Get, Path::new()),
                &["9"]
            )
            .is_err());
    }

    #[test]
    fn binary_bodies_go_as_base64_and_come_back_as_bytes() {
        let mut batch = Batch::new();
        batch.add(
            Request::<crate::NoContent>::new(Method::Put, Path::new().literal("x"))
                .bytes("image/png", vec![0, 255]),
        );
        assert_eq!(batch.items[0].body, Some(json!("AP8=")));
        let headers = vec![("Content-Type".to_string(), "image/png".to_string())];
        assert_eq!(item_body(&headers, Some(&json!("AP8="))), Ok(vec![0, 255]));
        let text = vec![("content-type".to_string(), "text/plain".to_string())];
        assert_eq!(item_body(&text, Some(&json!("42"))), Ok(b"42".to_vec()));
    }
}
