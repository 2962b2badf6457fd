//! Reads of a line ending in `/content` or `/$value` answer raw bytes.
//!
//! `/$value` is OData's raw value of what the line before it addresses, and `content` is the
//! stream property of drive items, versions and thumbnails. A page's Response prose covers
//! all its lines, so a line of raw content can inherit a type meant for the others
//! (`GET .../thumbnails/{thumb-id}/{size}/content` took the thumbnail page's "collection of
//! [thumbnailSet]"); typed so, the client would parse an image as JSON.

use super::{Method, Operation, Primitive, Segment, TypeRef};
use crate::diagnostics::{codes, Diagnostic};

/// Types the GET reads of `/content` and `/$value` lines as `Edm.Stream`. A redirect (`302`
/// to a download URL) and `204` keep their status and no body. Only `/content` lines are
/// reported: for `/$value` the documented type is the object whose raw value is read.
pub fn read_raw_content(operations: &mut [Operation], diagnostics: &mut Vec<Diagnostic>) {
    for operation in operations.iter_mut() {
        let Some(last) = operation.path.segments.last().and_then(Segment::literal) else {
            continue;
        };
        let raw_line = last.eq_ignore_ascii_case("content") || last.eq_ignore_ascii_case("$value");
        let answers_body = operation.response.type_ref.is_some()
            && !matches!(operation.response.status, 204 | 300..=399);
        let stream = Some(TypeRef::Primitive(Primitive::Stream));
        if !raw_line
            || operation.method != Method::Get
            || !answers_body
            || operation.response.type_ref == stream
        {
            continue;
        }
        if last.eq_ignore_ascii_case("content") {
            let documented = match &operation.response.type_ref {
                Some(TypeRef::Named(name)) => name.clone(),
                Some(TypeRef::Primitive(primitive)) => primitive.edm_name().to_string(),
                None => String::new(),
            };
            let shape = if operation.response.collection {
                "a collection of "
            } else {
                ""
            };
            diagnostics.push(
                Diagnostic::warning(
                    codes::RAW_CONTENT_LINE,
                    &operation.source.file,
                    operation.source.line,
                    format!("the Response section gives {shape}`{documented}`, but `{}` reads raw content; read as a stream", operation.path.raw),
                )
                .with_hint("say what this line returns (binary content, or a redirect) in the Response section"),
            );
        }
        operation.response.type_ref = stream;
        operation.response.collection = false;
    }
}
