//! Response prose that calls a single object a collection.
//!
//! A few get pages say "returns a collection of \[chat\] objects" for `GET /chats/{chat-id}`,
//! while their response examples are annotated with the type alone and show one object.
//! Typed as a collection, the endpoint would fail on every real response. When every
//! response example of an operation agrees (annotated with the documented type, not as a
//! collection, and a body without the `value` array that wraps collections), the examples
//! settle the shape: one object. The disagreement is reported.

use serde_json::Value;

use super::{Operation, TypeRef};
use crate::diagnostics::Diagnostic;

/// Makes documented collections single where all the operation's response examples show one object.
pub fn settle_single_responses(operations: &mut [Operation], diagnostics: &mut Vec<Diagnostic>) {
    for operation in operations {
        if !operation.response.collection {
            continue;
        }
        let Some(TypeRef::Named(name)) = &operation.response.type_ref else { continue };
        let simple = name.rsplit('.').next().unwrap_or(name);
        let responses: Vec<_> = operation.examples.iter().filter_map(|e| e.response.as_ref()).filter(|r| r.status.map_or(true, |s| (200..300).contains(&s))).collect();
        let shows_one = |response: &&crate::model::ExampleResponse| {
            let annotated_single = !response.collection
                && response.odata_type.as_deref().is_some_and(|t| t.rsplit('.').next().is_some_and(|s| s.eq_ignore_ascii_case(simple)));
            let body_single = response.body.as_ref().and_then(|b| b.json.as_ref()).and_then(Value::as_object).is_some_and(|o| !o.contains_key("value"));
            annotated_single && body_single
        };
        if responses.is_empty() || !responses.iter().all(shows_one) {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                "GG0213",
                &operation.source.file,
                operation.source.line,
                format!("the Response section says a collection of `{name}`, but every response example is one `{name}` object; read as one object"),
            )
            .with_hint("say \"a [type] object\" in the Response section, or annotate the examples with \"isCollection\": true"),
        );
        operation.response.collection = false;
    }
}
