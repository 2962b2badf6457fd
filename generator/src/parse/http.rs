//! Request lines (`GET /me/chats/{chat-id}`) and path templates split into typed segments.

use crate::model::{PathTemplate, Segment, SegmentPart};

pub const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// `(method, url)` when `line` starts with an HTTP method; the method is upper-cased.
pub fn request_line(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim();
    let (method, rest) = trimmed.split_once(char::is_whitespace)?;
    let method = method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let mut url = rest.trim();
    // A trailing protocol marker (`GET /me HTTP/1.1`) is not part of the path.
    if let Some((before, after)) = url.rsplit_once(char::is_whitespace) {
        if after.to_ascii_uppercase().starts_with("HTTP/") {
            url = before.trim();
        }
    }
    if url.is_empty() {
        return None;
    }
    Some((method, url.to_string()))
}

/// Removes the scheme, host and version prefix (`https://graph.microsoft.com/v1.0`) and makes
/// sure the rest starts with `/`.
pub fn strip_host(url: &str) -> String {
    let mut rest = url.trim();
    for scheme in ["https://", "http://"] {
        if let Some(after) = rest.get(..scheme.len()).filter(|head| head.eq_ignore_ascii_case(scheme)).and_then(|_| rest.get(scheme.len()..)) {
            rest = after.find('/').and_then(|slash| after.get(slash..)).unwrap_or("/");
            break;
        }
    }
    let rest = rest.trim_start_matches('/');
    let rest = ["v1.0/", "beta/"]
        .iter()
        .find_map(|version| rest.get(..version.len()).filter(|head| head.eq_ignore_ascii_case(version)).and_then(|_| rest.get(version.len()..)))
        .unwrap_or(if rest.eq_ignore_ascii_case("v1.0") || rest.eq_ignore_ascii_case("beta") { "" } else { rest });
    format!("/{rest}")
}

/// Splits `text` at `separator` where it is not inside `{}`, `()` or `'...'`.
fn split_outside(text: &str, separator: char, first_only: bool) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut braces, mut parens, mut quoted) = (0usize, 0usize, false);
    let mut start = 0;
    for (index, ch) in text.char_indices() {
        match ch {
            '{' => braces += 1,
            '}' => braces = braces.saturating_sub(1),
            '(' if !quoted => parens += 1,
            ')' if !quoted => parens = parens.saturating_sub(1),
            '\'' => quoted = !quoted,
            _ if ch == separator && braces == 0 && parens == 0 && !quoted => {
                pieces.push(&text[start..index]);
                start = index + ch.len_utf8();
                if first_only {
                    break;
                }
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Reads a path template as written in a request line.
pub fn template(url: &str) -> PathTemplate {
    let raw = strip_host(url);
    let mut halves = split_outside(&raw, '?', true).into_iter();
    let path = halves.next().unwrap_or("");
    let query = halves.next();
    let mut segments = Vec::new();
    let mut colon_open = false;
    for piece in split_outside(path, '/', false) {
        if piece.is_empty() {
            continue;
        }
        let ends_with_colon = piece.ends_with(':');
        // Between `root:` and the closing `...:`, a placeholder names a drive path that may hold `/`.
        let in_path = colon_open && ends_with_colon;
        segments.push(Segment { parts: segment_parts(piece, in_path) });
        if ends_with_colon {
            colon_open = !in_path;
        }
    }
    let fixed_query = query
        .map(|q| {
            q.split('&')
                .filter(|pair| !pair.trim().is_empty())
                .map(|pair| match pair.split_once('=') {
                    Some((name, value)) => (name.trim().to_string(), value.trim().to_string()),
                    None => (pair.trim().to_string(), String::new()),
                })
                .collect()
        })
        .unwrap_or_default();
    PathTemplate { raw, segments, fixed_query }
}

fn segment_parts(piece: &str, in_path: bool) -> Vec<SegmentPart> {
    let mut parts = Vec::new();
    let mut rest = piece;
    while let Some(open) = rest.find('{') {
        let Some(close_rel) = rest[open..].find('}') else { break };
        let close = open + close_rel;
        let before = &rest[..open];
        let name = rest[open + 1..close].trim();
        let after = &rest[close + 1..];
        if name.is_empty() {
            parts.push(SegmentPart::Literal { text: rest[..close + 1].to_string() });
            rest = after;
            continue;
        }
        if !before.is_empty() {
            parts.push(SegmentPart::Literal { text: before.to_string() });
        }
        let quoted = before.ends_with('\'') && after.starts_with('\'');
        parts.push(SegmentPart::Param { name: name.to_string(), quoted, path: in_path && !quoted });
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(SegmentPart::Literal { text: rest.to_string() });
    }
    merge_literals(parts)
}

fn merge_literals(parts: Vec<SegmentPart>) -> Vec<SegmentPart> {
    let mut merged: Vec<SegmentPart> = Vec::with_capacity(parts.len());
    for part in parts {
        if let (Some(SegmentPart::Literal { text: previous }), SegmentPart::Literal { text }) = (merged.last_mut(), &part) {
            previous.push_str(text);
            continue;
        }
        merged.push(part);
    }
    merged
}

/// The distinct placeholder names of a template, in path order.
pub fn placeholders(template: &PathTemplate) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for segment in &template.segments {
        for part in &segment.parts {
            if let SegmentPart::Param { name, .. } = part {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> SegmentPart {
        SegmentPart::Literal { text: text.to_string() }
    }

    fn param(name: &str, quoted: bool, path: bool) -> SegmentPart {
        SegmentPart::Param { name: name.to_string(), quoted, path }
    }

    #[test]
    fn reads_request_lines() {
        assert_eq!(request_line("post /chats/{chat-id}/messages"), Some(("POST".to_string(), "/chats/{chat-id}/messages".to_string())));
        assert_eq!(request_line("GET /me HTTP/1.1"), Some(("GET".to_string(), "/me".to_string())));
        assert_eq!(request_line("Content-Type: application/json"), None);
        assert_eq!(request_line("or"), None);
    }

    #[test]
    fn strips_hosts_and_versions() {
        assert_eq!(strip_host("https://graph.microsoft.com/v1.0/me/chats"), "/me/chats");
        assert_eq!(strip_host("https://graph.microsoft.com/beta/me"), "/me");
        assert_eq!(strip_host("me/chats"), "/me/chats");
    }

    #[test]
    fn splits_functions_keys_and_placeholders() {
        let path = template("/reports/getEmailActivityUserDetail(period='{period_value}')");
        assert_eq!(path.segments[1].parts, [literal("getEmailActivityUserDetail(period='"), param("period_value", true, false), literal("')")]);
        let path = template("/users/{id | userPrincipalName}/photo/$value");
        assert_eq!(path.segments[1].parts, [param("id | userPrincipalName", false, false)]);
        assert_eq!(path.segments[3].parts, [literal("$value")]);
        let path = template("/groups/{tenant id}/members/$ref?$filter=a eq 'b/c'");
        assert_eq!(path.segments.len(), 4);
        assert_eq!(path.fixed_query, [("$filter".to_string(), "a eq 'b/c'".to_string())]);
    }

    #[test]
    fn marks_drive_paths() {
        let path = template("/drives/{drive-id}/root:/{item-path}:/content");
        assert_eq!(path.segments[2].parts, [literal("root:")]);
        assert_eq!(path.segments[3].parts, [param("item-path", false, true), literal(":")]);
        assert_eq!(path.segments[4].parts, [literal("content")]);
        let path = template("/me/drive/items/{parent-id}:/{filename}:/content");
        assert_eq!(path.segments[3].parts, [param("parent-id", false, false), literal(":")]);
        assert_eq!(path.segments[4].parts, [param("filename", false, true), literal(":")]);
        assert_eq!(placeholders(&path), ["parent-id", "filename"]);
    }
}
