//! [`Path`]: a request path built segment by segment, so a caller's value can never
//! change the route.

use percent_encoding::{percent_encode, utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters that must be escaped inside one path segment: everything that is not an
/// RFC 3986 `pchar`, plus `%` so that a value is never taken as an escape, plus `'` so
/// that a quoted function argument cannot be closed early.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'\'');

/// One piece of a segment that mixes fixed text and values, such as
/// `getEmailActivityUserDetail(period='D7')`.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// Fixed text from the template, written as is.
    Literal(&'a str),
    /// A value, encoded.
    Value(&'a str),
    /// A value inside `'...'`: `'` is doubled (OData's rule), then the value is encoded.
    Quoted(&'a str),
    /// A drive path in `root:/{path}:` addressing: each `/`-separated piece is encoded,
    /// the `/` between them kept.
    DrivePath(&'a str),
}

/// An encoded request path, starting with `/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path {
    encoded: String,
}

impl Path {
    pub fn new() -> Self {
        Path::default()
    }

    /// Appends a fixed segment from the template (already valid in a path).
    pub fn literal(mut self, segment: &str) -> Self {
        self.encoded.push('/');
        self.encoded.push_str(segment);
        self
    }

    /// Appends one segment holding `value`, encoded so that it stays one segment.
    pub fn value(mut self, value: &str) -> Self {
        self.encoded.push('/');
        push_encoded(&mut self.encoded, value);
        self
    }

    /// Appends one segment made of several parts.
    pub fn segment(mut self, parts: &[Part<'_>]) -> Self {
        self.encoded.push('/');
        for part in parts {
            match *part {
                Part::Literal(text) => self.encoded.push_str(text),
                Part::Value(value) => push_encoded(&mut self.encoded, value),
                Part::Quoted(value) => push_encoded(&mut self.encoded, &value.replace('\'', "''")),
                Part::DrivePath(path) => {
                    for (i, piece) in path.trim_start_matches('/').split('/').enumerate() {
                        if i > 0 {
                            self.encoded.push('/');
                        }
                        push_encoded(&mut self.encoded, piece);
                    }
                }
            }
        }
        self
    }

    /// The encoded path, e.g. `/chats/19:abc@thread.v2/messages`.
    pub fn as_str(&self) -> &str {
        if self.encoded.is_empty() {
            "/"
        } else {
            &self.encoded
        }
    }

    /// The segments, percent-decoded.
    pub fn decoded_segments(&self) -> Vec<String> {
        decode_segments(self.as_str())
    }
}

fn push_encoded(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, SEGMENT));
}

/// Percent-encodes a query name or value (everything but unreserved characters and `$`).
pub fn encode_query_component(value: &str) -> String {
    const QUERY: &AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'$');
    percent_encode(value.as_bytes(), QUERY).to_string()
}

/// Splits an encoded path (without query) into its percent-decoded segments.
pub fn decode_segments(path: &str) -> Vec<String> {
    path.trim_start_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_stays_one_segment_whatever_it_holds() {
        for hostile in ["a/b", "a?b", "a#b", "a%2Fb", "a b", "o'neil", "../x"] {
            let path = Path::new()
                .literal("users")
                .value(hostile)
                .literal("messages");
            assert_eq!(
                path.decoded_segments(),
                vec!["users".to_string(), hostile.to_string(), "messages".into()]
            );
        }
    }

    #[test]
    fn chat_ids_keep_their_meaning() {
        let path = Path::new()
            .literal("chats")
            .value("19:2da4c29f@thread.v2")
            .literal("messages");
        assert_eq!(path.as_str(), "/chats/19:2da4c29f@thread.v2/messages");
    }

    #[test]
    fn quoted_arguments_double_their_quotes() {
        let path = Path::new().literal("reports").segment(&[
            Part::Literal("getReport(period='"),
            Part::Quoted("it's"),
            Part::Literal("')"),
        ]);
        assert_eq!(path.decoded_segments()[1], "getReport(period='it''s')");
    }

    #[test]
    fn drive_paths_keep_their_slashes_only() {
        let path = Path::new().literal("me").literal("drive").segment(&[
            Part::Literal("root:/"),
            Part::DrivePath("Documents/a?b.txt"),
            Part::Literal(":"),
        ]);
        assert_eq!(path.as_str(), "/me/drive/root:/Documents/a%3Fb.txt:");
    }
}
