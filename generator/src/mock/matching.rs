//! Does a concrete request path fit a documented path template?
//!
//! Matching works on percent-decoded segments, so `/users/a%2Fb` is one segment `a/b`,
//! except where a template placeholder stands for a drive path (`root:/{path}:`), which
//! may span several segments.

use std::collections::BTreeSet;

use crate::model::{Segment, SegmentPart};

/// Longer request paths are never documented; refusing them bounds the work per request.
pub const MAX_SEGMENTS: usize = 64;
/// Longer segments are not matched, for the same reason.
const MAX_SEGMENT_BYTES: usize = 4096;

/// The path of a request target, without scheme, host, query, fragment or version prefix
/// (`/v1.0`, `/beta`), split into percent-decoded segments.
pub fn request_segments(target: &str) -> Vec<String> {
    let mut rest = target.trim();
    for scheme in ["https://", "http://"] {
        let has_scheme = rest.get(..scheme.len()).is_some_and(|head| head.eq_ignore_ascii_case(scheme));
        if has_scheme {
            let after = rest.get(scheme.len()..).unwrap_or("");
            rest = after.find('/').and_then(|slash| after.get(slash..)).unwrap_or("/");
        }
    }
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect();
    let versioned =
        segments.first().is_some_and(|first| first.eq_ignore_ascii_case("v1.0") || first.eq_ignore_ascii_case("beta"));
    if versioned {
        segments.remove(0);
    }
    segments
}

/// Percent-decodes one segment; invalid escapes stay as written, invalid UTF-8 is replaced.
fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let escaped = bytes
            .get(index + 1..index + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (byte, escaped) {
            (b'%', Some(value)) => {
                out.push(value);
                index += 3;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether the decoded request segments fit the template's segments.
pub fn matches(template: &[Segment], request: &[String]) -> bool {
    if request.len() > MAX_SEGMENTS {
        return false;
    }
    // `reachable` holds how many request segments the template segments so far can consume.
    let mut reachable = BTreeSet::from([0usize]);
    for segment in template {
        let spans = segment.parts.iter().any(|part| matches!(part, SegmentPart::Param { path: true, .. }));
        let mut next = BTreeSet::new();
        for &start in &reachable {
            let longest =
                if spans { request.len().saturating_sub(start) } else { 1.min(request.len().saturating_sub(start)) };
            for taken in 1..=longest {
                let text = request.get(start..start + taken).map(|pieces| pieces.join("/")).unwrap_or_default();
                if segment_matches(&segment.parts, &text) {
                    next.insert(start + taken);
                }
            }
        }
        if next.is_empty() {
            return false;
        }
        reachable = next;
    }
    reachable.contains(&request.len())
}

/// Whether one segment's text fits its parts: literals exactly (ASCII case aside), each
/// placeholder one or more characters.
fn segment_matches(parts: &[SegmentPart], text: &str) -> bool {
    if text.len() > MAX_SEGMENT_BYTES {
        return false;
    }
    let boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
    let mut positions = BTreeSet::from([0usize]);
    for part in parts {
        let mut next = BTreeSet::new();
        for &at in &positions {
            match part {
                SegmentPart::Literal { text: literal } => {
                    let end = at + literal.len();
                    if text.get(at..end).is_some_and(|piece| piece.eq_ignore_ascii_case(literal)) {
                        next.insert(end);
                    }
                }
                SegmentPart::Param { .. } => next.extend(boundaries.iter().copied().filter(|&b| b > at)),
            }
        }
        if next.is_empty() {
            return false;
        }
        positions = next;
    }
    positions.contains(&text.len())
}

/// How specific a template is: literal characters first (so `/me/events/delta` beats
/// `/me/events/{id}`), then fewer placeholders.
pub fn specificity(template: &[Segment]) -> (usize, std::cmp::Reverse<usize>) {
    let mut literal_chars = 0;
    let mut params = 0;
    for part in template.iter().flat_map(|segment| &segment.parts) {
        match part {
            SegmentPart::Literal { text } => literal_chars += text.chars().count(),
            SegmentPart::Param { .. } => params += 1,
        }
    }
    (literal_chars, std::cmp::Reverse(params))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str) -> SegmentPart {
        SegmentPart::Literal { text: text.to_string() }
    }

    fn param(path: bool) -> SegmentPart {
        SegmentPart::Param { name: "p".into(), quoted: false, path }
    }

    fn seg(parts: Vec<SegmentPart>) -> Segment {
        Segment { parts }
    }

    #[test]
    fn request_targets_lose_host_version_and_query() {
        assert_eq!(
            request_segments("/v1.0/chats/19%3Aabc%40thread.v2/messages?$top=5"),
            ["chats", "19:abc@thread.v2", "messages"]
        );
        assert_eq!(request_segments("https://graph.microsoft.com/beta/me"), ["me"]);
        assert_eq!(request_segments("/users/a%2Fb/%zz%E2%82"), ["users", "a/b", "%zz\u{fffd}"]);
        assert!(request_segments("/").is_empty());
    }

    #[test]
    fn placeholders_take_one_segment_drive_paths_several() {
        let chat = [seg(vec![lit("chats")]), seg(vec![param(false)]), seg(vec![lit("messages")])];
        assert!(matches(&chat, &request_segments("/chats/19:abc/messages")));
        assert!(matches(&chat, &request_segments("/CHATS/a%2Fb/Messages")));
        assert!(!matches(&chat, &request_segments("/chats/a/b/messages")));
        assert!(!matches(&chat, &request_segments("/chats/messages")));

        let drive = [
            seg(vec![lit("me")]),
            seg(vec![lit("drive")]),
            seg(vec![lit("root:")]),
            seg(vec![param(true), lit(":")]),
            seg(vec![lit("content")]),
        ];
        assert!(matches(&drive, &request_segments("/me/drive/root:/Documents/2024/report.docx:/content")));
        assert!(matches(&drive, &request_segments("/me/drive/root:/a.txt:/content")));
        assert!(!matches(&drive, &request_segments("/me/drive/root:/content")));
    }

    #[test]
    fn functions_with_quoted_arguments_match_inside_a_segment() {
        let report =
            [seg(vec![lit("reports")]), seg(vec![lit("getEmailActivityUserDetail(period='"), param(false), lit("')")])];
        assert!(matches(&report, &request_segments("/reports/getEmailActivityUserDetail(period=%27D7%27)")));
        assert!(!matches(&report, &request_segments("/reports/getEmailActivityUserDetail(period='')")));
        assert!(!matches(&report, &request_segments("/reports/getOther(period='D7')")));
    }

    #[test]
    fn literal_templates_are_more_specific() {
        let delta = [seg(vec![lit("me")]), seg(vec![lit("events")]), seg(vec![lit("delta")])];
        let by_id = [seg(vec![lit("me")]), seg(vec![lit("events")]), seg(vec![param(false)])];
        assert!(specificity(&delta) > specificity(&by_id));
    }
}
