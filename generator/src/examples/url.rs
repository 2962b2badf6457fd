//! Matching a documented example URL against a path template, extracting argument values.
//!
//! This is the one place a documented URL is read: the scheme, host and service root
//! (`/v1.0`, `/beta`) are dropped, the path is split at `/` and each segment percent-decoded,
//! and the query is split into percent-decoded pairs (`+` read as a space). A key written in
//! parentheses (`events('AAMk...')`) can be rewritten as the segment it stands for. The generated
//! example tests compare a built request with these segments and pairs.

use std::collections::BTreeMap;

use crate::model::{PathTemplate, SegmentPart};
use crate::parse::http::{decode_percent, decode_query_component};

/// Longer paths are never documented; refusing them bounds the matching work.
const MAX_SEGMENTS: usize = 64;
/// Longer segments are not matched, for the same reason.
const MAX_SEGMENT_CHARS: usize = 2048;

/// A documented URL, split and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleUrl {
    /// Percent-decoded path segments below the service root.
    pub segments: Vec<String>,
    /// Percent-decoded query pairs, in documented order.
    pub query: Vec<(String, String)>,
}

/// What a successful match found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlMatch {
    /// Value of each placeholder, by its name in the template, decoded (quotes un-doubled).
    pub args: BTreeMap<String, String>,
    /// Query pairs of the URL not consumed by the template's own query, in documented order.
    pub query: Vec<(String, String)>,
    /// How specific the match is: literal characters matched, plus one per fixed query pair.
    /// Among templates that match a URL, the highest score is the best.
    pub score: usize,
}

/// Splits a documented URL (absolute, relative, with or without a query).
pub fn split_example_url(url: &str) -> ExampleUrl {
    let trimmed = url.trim();
    let without_scheme = match trimmed.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .and_then(|slash| rest.get(slash..))
            .unwrap_or(""),
        None => trimmed,
    };
    let (path, query) = without_scheme
        .split_once('?')
        .unwrap_or((without_scheme, ""));
    let path = path.split('#').next().unwrap_or(path);
    let query = query.split('#').next().unwrap_or(query);
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode_percent)
        .collect();
    let versioned = segments.first().is_some_and(|first| is_service_root(first));
    if versioned {
        segments.remove(0);
    }
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_query_component(name), decode_query_component(value))
        })
        .collect();
    ExampleUrl { segments, query }
}

fn is_service_root(segment: &str) -> bool {
    segment.eq_ignore_ascii_case("v1.0") || segment.eq_ignore_ascii_case("beta")
}

/// The URL with keys in parentheses as segments (`/me/events('AAMk')` → `/me/events/AAMk`);
/// `None` when it has none. A call with named arguments (`range(address='A1')`) is no key.
pub fn key_as_segment(url: &str) -> Option<String> {
    let (path, query) = match url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (url, None),
    };
    let mut changed = false;
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            let key = segment
                .strip_suffix(')')
                .and_then(|head| head.split_once('('))
                .filter(|(name, key)| {
                    !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !key.is_empty()
                        && if key.starts_with('\'') {
                            // A quoted key may hold anything but another argument.
                            key.len() >= 2 && key.ends_with('\'') && !key.contains("',")
                        } else {
                            !key.contains(['=', ',', '(', ')', '\''])
                        }
                });
            match key {
                Some((name, key)) => {
                    changed = true;
                    let key = key
                        .strip_prefix('\'')
                        .and_then(|k| k.strip_suffix('\''))
                        .map_or_else(|| key.to_string(), |k| k.replace("''", "'"));
                    format!("{name}/{key}")
                }
                None => segment.to_string(),
            }
        })
        .collect();
    changed.then(|| match query {
        Some(query) => format!("{}?{query}", segments.join("/")),
        None => segments.join("/"),
    })
}

/// Hosts of the Graph service in its national clouds; a URL on another host (a bot's
/// callback, a notification endpoint) is not a request to Graph.
const GRAPH_HOSTS: [&str; 5] = [
    "graph.microsoft.com",
    "graph.microsoft.us",
    "dod-graph.microsoft.us",
    "microsoftgraph.chinacloudapi.cn",
    "graph.microsoft.de",
];

/// Whether a documented URL is addressed to Graph: relative, or on a Graph host.
pub fn is_graph_url(url: &str) -> bool {
    let Some((_, rest)) = url.trim().split_once("://") else {
        return true;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    GRAPH_HOSTS
        .iter()
        .any(|graph| host.eq_ignore_ascii_case(graph))
}

/// Matches a documented URL against a template; `None` when it does not fit.
pub fn match_url(template: &PathTemplate, url: &str) -> Option<UrlMatch> {
    match_example_url(template, &split_example_url(url))
}

/// [`match_url`] for a URL already split.
pub fn match_example_url(template: &PathTemplate, url: &ExampleUrl) -> Option<UrlMatch> {
    if url.segments.len() > MAX_SEGMENTS
        || url
            .segments
            .iter()
            .any(|s| s.chars().count() > MAX_SEGMENT_CHARS)
    {
        return None;
    }
    let mut args = BTreeMap::new();
    let mut score = match_segments(template, &url.segments, &mut args)?;
    let mut query = url.query.clone();
    for (name, value_template) in &template.fixed_query {
        let position = query.iter().position(|(documented, value)| {
            documented.eq_ignore_ascii_case(name)
                && match_text(
                    &query_value_parts(value_template),
                    value,
                    &mut BTreeMap::new(),
                )
                .is_some()
        })?;
        let (_, value) = query.remove(position);
        let mut found = BTreeMap::new();
        match_text(&query_value_parts(value_template), &value, &mut found)?;
        for (name, value) in found {
            if !agree(&mut args, name, value) {
                return None;
            }
        }
        score += 1;
    }
    Some(UrlMatch { args, query, score })
}

/// Records an argument value; a placeholder used twice must have one value.
fn agree(args: &mut BTreeMap<String, String>, name: String, value: String) -> bool {
    match args.get(&name) {
        Some(existing) => *existing == value,
        None => {
            args.insert(name, value);
            true
        }
    }
}

/// Matches the path; returns the number of literal characters matched.
fn match_segments(
    template: &PathTemplate,
    segments: &[String],
    args: &mut BTreeMap<String, String>,
) -> Option<usize> {
    // Depth-first over where each template segment ends. Only drive-path segments may
    // absorb more than one URL segment, and a template has at most one or two of them,
    // so the search stays small; `MAX_SEGMENTS` bounds it regardless.
    fn step(
        template: &[crate::model::Segment],
        segments: &[String],
        args: &BTreeMap<String, String>,
    ) -> Option<(BTreeMap<String, String>, usize)> {
        let Some((first, rest)) = template.split_first() else {
            return segments.is_empty().then(|| (args.clone(), 0));
        };
        let spans = first
            .parts
            .iter()
            .any(|part| matches!(part, SegmentPart::Param { path: true, .. }));
        let widest = if spans {
            segments.len()
        } else {
            segments.len().min(1)
        };
        for taken in 1..=widest {
            let Some(pieces) = segments.get(..taken) else {
                break;
            };
            let text = pieces.join("/");
            let mut found = args.clone();
            let parts: Vec<Piece<'_>> = first.parts.iter().map(Piece::from_part).collect();
            let Some(literal_chars) = match_text(&parts, &text, &mut found) else {
                continue;
            };
            if let Some((done, more)) = step(rest, segments.get(taken..).unwrap_or(&[]), &found) {
                return Some((done, literal_chars + more));
            }
        }
        None
    }
    let (found, score) = step(&template.segments, segments, args)?;
    *args = found;
    Some(score)
}

/// A piece of a segment or of a fixed query value.
#[derive(Debug, Clone, Copy)]
enum Piece<'a> {
    Literal(&'a str),
    Param { name: &'a str, quoted: bool },
}

impl<'a> Piece<'a> {
    fn from_part(part: &'a SegmentPart) -> Self {
        match part {
            SegmentPart::Literal { text } => Piece::Literal(text),
            SegmentPart::Param { name, quoted, .. } => Piece::Param {
                name,
                quoted: *quoted,
            },
        }
    }
}

/// Splits a fixed query value such as `startswith(name,'{text}')` into pieces.
fn query_value_parts(value: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest
            .get(open..)
            .and_then(|tail| tail.find('}'))
            .map(|c| c + open)
        else {
            break;
        };
        let (Some(before), Some(name), Some(after)) = (
            rest.get(..open),
            rest.get(open + 1..close),
            rest.get(close + 1..),
        ) else {
            break;
        };
        if !before.is_empty() {
            pieces.push(Piece::Literal(before));
        }
        let quoted = before.ends_with('\'') && after.starts_with('\'');
        pieces.push(Piece::Param {
            name: name.trim(),
            quoted,
        });
        rest = after;
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest));
    }
    pieces
}

/// Matches `text` against pieces; literals compare ASCII-case-insensitively, a placeholder
/// takes one or more characters (a quoted one only text whose quotes come in pairs, which it
/// un-doubles). Returns the number of literal characters matched.
fn match_text(
    pieces: &[Piece<'_>],
    text: &str,
    args: &mut BTreeMap<String, String>,
) -> Option<usize> {
    let Some((first, rest)) = pieces.split_first() else {
        return text.is_empty().then_some(0);
    };
    match *first {
        Piece::Literal(literal) => {
            let head = text.get(..literal.len())?;
            if !head.eq_ignore_ascii_case(literal) {
                return None;
            }
            let tail = text.get(literal.len()..)?;
            match_text(rest, tail, args).map(|more| more + literal.chars().count())
        }
        Piece::Param { name, quoted } => {
            // Shortest value first, so that `{id}:` on `a:b:` still finds `a:b` by backtracking.
            for (end, _) in text
                .char_indices()
                .skip(1)
                .chain(std::iter::once((text.len(), ' ')))
            {
                let (Some(raw), Some(tail)) = (text.get(..end), text.get(end..)) else {
                    continue;
                };
                let value = if quoted {
                    match undouble_quotes(raw) {
                        Some(value) => value,
                        None => continue,
                    }
                } else {
                    raw.to_string()
                };
                let mut found = args.clone();
                if !agree(&mut found, name.to_string(), value) {
                    continue;
                }
                if let Some(more) = match_text(rest, tail, &mut found) {
                    *args = found;
                    return Some(more);
                }
            }
            None
        }
    }
}

/// `it''s` → `it's`; `None` when a quote stands alone (it would have closed the argument).
fn undouble_quotes(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() != Some(&'\'') {
                return None;
            }
            chars.next();
        }
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::http::template;

    #[test]
    fn keys_in_parentheses_become_segments() {
        assert_eq!(
            key_as_segment("https://graph.microsoft.com/v1.0/me/events('AAMk=')?$expand=x")
                .as_deref(),
            Some("https://graph.microsoft.com/v1.0/me/events/AAMk=?$expand=x")
        );
        assert_eq!(
            key_as_segment("/sites/root/lists(42)").as_deref(),
            Some("/sites/root/lists/42")
        );
        assert_eq!(
            key_as_segment("/me/messages('it''s')").as_deref(),
            Some("/me/messages/it's")
        );
        // Calls with named arguments, empty calls and plain paths have no key.
        assert_eq!(key_as_segment("/range(address='A1:B2')/format"), None);
        assert_eq!(key_as_segment("/me/calendar/events/delta()"), None);
        assert_eq!(key_as_segment("/me/events"), None);
    }

    fn args(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn splits_absolute_relative_and_query_urls() {
        let url = split_example_url(
            "https://graph.microsoft.com/v1.0/me/messages?$top=5&$filter=name%20eq%20'a+b'",
        );
        assert_eq!(url.segments, ["me", "messages"]);
        assert_eq!(
            url.query,
            [
                ("$top".to_string(), "5".to_string()),
                ("$filter".to_string(), "name eq 'a b'".to_string())
            ]
        );
        assert_eq!(split_example_url("/beta/chats/").segments, ["chats"]);
        assert_eq!(split_example_url("users/a%2Fb").segments, ["users", "a/b"]);
        assert_eq!(
            split_example_url("https://graph.microsoft.com/V1.0/me#frag").segments,
            ["me"]
        );
        assert!(split_example_url("https://graph.microsoft.com")
            .segments
            .is_empty());
    }

    #[test]
    fn literals_compare_without_case_and_values_are_decoded() {
        let found = match_url(
            &template("/chats/{chat-id}/messages"),
            "https://graph.microsoft.com/v1.0/Chats/19%3Aabc%40thread.v2/MESSAGES",
        )
        .expect("match");
        assert_eq!(found.args, args(&[("chat-id", "19:abc@thread.v2")]));
        assert_eq!(found.score, "chats".len() + "messages".len());
        assert!(match_url(&template("/chats/{chat-id}"), "/chats/1/messages").is_none());
        assert!(match_url(&template("/chats/{chat-id}/messages"), "/chats/1").is_none());
    }

    #[test]
    fn hostile_values_stay_in_their_segment() {
        let found = match_url(
            &template("/users/{id}/photo"),
            "/users/a%2F..%3Fx%23y%27z/photo",
        )
        .expect("match");
        assert_eq!(found.args, args(&[("id", "a/..?x#y'z")]));
        let found = match_url(&template("/users/{id}"), "/users/%E2%9C%93%FF").expect("match");
        assert_eq!(found.args.get("id").map(String::as_str), Some("✓\u{FFFD}"));
        // A bad escape stays as written.
        let found = match_url(&template("/users/{id}"), "/users/100%zz").expect("match");
        assert_eq!(found.args.get("id").map(String::as_str), Some("100%zz"));
    }

    #[test]
    fn function_segments_match_literal_by_literal() {
        let template = template("/reports/getEmailActivityUserDetail(period='{period_value}')");
        let found = match_url(
            &template,
            "/reports/getEmailActivityUserDetail(period='D7')",
        )
        .expect("match");
        assert_eq!(found.args, args(&[("period_value", "D7")]));
        assert!(match_url(&template, "/reports/getEmailActivityUserDetail(period=D7)").is_none());
        assert!(match_url(&template, "/reports/getOther(period='D7')").is_none());
    }

    #[test]
    fn quoted_arguments_are_undoubled() {
        let template = template("/sites/{site-id}/getByPath(path='{path}')/items('{item}')");
        let found = match_url(
            &template,
            "/sites/s1/getByPath(path='it''s%20here')/items('x''y')",
        )
        .expect("match");
        assert_eq!(
            found.args,
            args(&[("item", "x'y"), ("path", "it's here"), ("site-id", "s1")])
        );
        // A lone quote would have ended the argument.
        assert!(match_url(&template, "/sites/s1/getByPath(path='a'b')/items('x')").is_none());
        let two = template_two();
        let found = match_url(&two, "/f(a='x',b='y')").expect("match");
        assert_eq!(found.args, args(&[("a", "x"), ("b", "y")]));
    }

    fn template_two() -> PathTemplate {
        template("/f(a='{a}',b='{b}')")
    }

    #[test]
    fn drive_paths_absorb_segments_up_to_the_closing_colon() {
        let template = template("/drives/{drive-id}/root:/{item-path}:/content");
        let found = match_url(
            &template,
            "/drives/b!x/root:/Folder%20A/sub/file.txt:/content",
        )
        .expect("match");
        assert_eq!(
            found.args,
            args(&[("drive-id", "b!x"), ("item-path", "Folder A/sub/file.txt")])
        );
        let found = match_url(&template, "/drives/d/root:/file.txt:/content").expect("match");
        assert_eq!(
            found.args.get("item-path").map(String::as_str),
            Some("file.txt")
        );
        assert!(match_url(&template, "/drives/d/root:/file.txt/content").is_none());
        let item = crate::parse::http::template("/me/drive/items/{parent-id}:/{filename}:/content");
        let found = match_url(&item, "/me/drive/items/01AB:C:/a/b.txt:/content").expect("match");
        assert_eq!(
            found.args,
            args(&[("filename", "a/b.txt"), ("parent-id", "01AB:C")])
        );
    }

    #[test]
    fn fixed_query_is_matched_and_consumed() {
        let template = template("/users?$filter=startswith(displayName,'{text}')");
        let found = match_url(
            &template,
            "/users?$top=2&$filter=startswith(displayName,'Ad')",
        )
        .expect("match");
        assert_eq!(found.args, args(&[("text", "Ad")]));
        assert_eq!(found.query, [("$top".to_string(), "2".to_string())]);
        assert_eq!(found.score, "users".len() + 1);
        assert!(match_url(&template, "/users?$top=2").is_none());
    }

    #[test]
    fn literal_templates_score_above_placeholders() {
        let literal = match_url(&template("/me/events"), "/me/events").expect("match");
        let placeholder = match_url(&template("/me/{id}"), "/me/events").expect("match");
        assert!(literal.score > placeholder.score);
        assert!(match_url(&template("/users/{id}/events"), "/me/events").is_none());
    }

    #[test]
    fn graph_urls_are_told_from_other_hosts() {
        assert!(is_graph_url("https://graph.microsoft.com/v1.0/me"));
        assert!(is_graph_url("HTTPS://Graph.Microsoft.com:443/v1.0/me"));
        assert!(is_graph_url("/me/events"));
        assert!(!is_graph_url("https://bot.contoso.com/callback"));
        assert!(!is_graph_url(
            "https://graph.microsoft.com.evil.example/v1.0/me"
        ));
    }

    #[test]
    fn repeated_placeholders_are_separate_arguments() {
        let template = template("/me/events/{id}/attachments/{id}");
        assert_eq!(
            match_url(&template, "/me/events/a/attachments/b").map(|m| m.args),
            Some(args(&[("events-id", "a"), ("attachments-id", "b")]))
        );
    }

    #[test]
    fn oversized_urls_do_not_match() {
        let long = format!("/users/{}", "a/".repeat(MAX_SEGMENTS + 1));
        assert!(match_url(&template("/users/{id}"), &long).is_none());
        let wide = format!("/users/{}", "é".repeat(MAX_SEGMENT_CHARS + 1));
        assert!(match_url(&template("/users/{id}"), &wide).is_none());
    }
}
