//! Request lines (`GET /me/chats/{chat-id}`) and path templates split into typed segments.

use crate::model::{Method, PathTemplate, Segment, SegmentPart};

/// `(method, url)` when `line` starts with an HTTP method, written in any case.
pub fn request_line(line: &str) -> Option<(Method, String)> {
    let trimmed = line.trim();
    let (method, rest) = trimmed.split_once(char::is_whitespace)?;
    let method = Method::parse(method)?;
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
        if let Some(after) = rest
            .get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .and_then(|_| rest.get(scheme.len()..))
        {
            rest = after
                .find('/')
                .and_then(|slash| after.get(slash..))
                .unwrap_or("/");
            break;
        }
    }
    let rest = rest.trim_start_matches('/');
    let rest = ["v1.0/", "beta/"]
        .iter()
        .find_map(|version| {
            rest.get(..version.len())
                .filter(|head| head.eq_ignore_ascii_case(version))
                .and_then(|_| rest.get(version.len()..))
        })
        .unwrap_or(
            if rest.eq_ignore_ascii_case("v1.0") || rest.eq_ignore_ascii_case("beta") {
                ""
            } else {
                rest
            },
        );
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
        let piece = with_braced_stand_ins(piece);
        segments.push(Segment {
            parts: segment_parts(&piece, in_path),
        });
        if ends_with_colon {
            colon_open = !in_path;
        }
    }
    let fixed_query = query
        .map(|q| {
            q.split('&')
                .filter(|pair| !pair.trim().is_empty())
                // Pages write the query encoded (`$filter=JoinWebUrl%20eq%20'{joinWebUrl}'`);
                // the model holds it decoded, as sent values are, so it is encoded once.
                .map(|pair| match pair.split_once('=') {
                    Some((name, value)) => (
                        decode_query_component(name.trim()),
                        decode_query_component(value.trim()),
                    ),
                    None => (decode_query_component(pair.trim()), String::new()),
                })
                .collect()
        })
        .unwrap_or_default();
    distinguish_repeated_placeholders(&mut segments);
    PathTemplate {
        raw,
        segments,
        fixed_query,
    }
}

/// Percent-decodes text; invalid escapes stay as written, invalid UTF-8 is replaced.
pub fn decode_percent(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// A query name or value as sent: `+` is a space, then percent-decoded.
pub fn decode_query_component(text: &str) -> String {
    decode_percent(&text.replace('+', " "))
}

/// The docs reuse a placeholder name for different ids (`/me/events/{id}/attachments/{id}`).
/// Each occurrence of a repeated name is renamed after the collection before it
/// (`{events-id}`, `{attachments-id}`), or numbered (`{id-2}`) when that does not tell
/// them apart, so every id is its own argument.
fn distinguish_repeated_placeholders(segments: &mut [Segment]) {
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for part in segments.iter().flat_map(|s| &s.parts) {
        if let SegmentPart::Param { name, .. } = part {
            *counts.entry(name.clone()).or_insert(0) += 1;
        }
    }
    if counts.values().all(|&n| n < 2) {
        return;
    }
    let mut taken: Vec<String> = counts
        .keys()
        .filter(|name| counts[*name] < 2)
        .cloned()
        .collect();
    let mut previous_literal: Option<String> = None;
    for segment in segments.iter_mut() {
        let whole_literal = match segment.parts.as_slice() {
            [SegmentPart::Literal { text }] => Some(text.clone()),
            _ => None,
        };
        for part in &mut segment.parts {
            let SegmentPart::Param { name, .. } = part else {
                continue;
            };
            if counts.get(name.as_str()).copied().unwrap_or(0) < 2 {
                continue;
            }
            let mut renamed = match &previous_literal {
                Some(collection) => format!("{collection}-{name}"),
                None => name.clone(),
            };
            let mut n = 2;
            while taken.contains(&renamed) {
                renamed = format!("{name}-{n}");
                n += 1;
            }
            taken.push(renamed.clone());
            *name = renamed;
        }
        previous_literal = whole_literal;
    }
}

/// Rewrites the other ways the docs write a placeholder into `{name}`: a whole segment in
/// parentheses (`(team-id)`), angle brackets (`'<address>'`), and function arguments whose
/// value is a stand-in rather than a value (`count=n`, `on='parameterValue'`,
/// `startDateTime=startDateTime-value`, `index={n}`), which are named after their argument.
fn with_braced_stand_ins(piece: &str) -> String {
    if let Some(inner) = piece
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    {
        if is_placeholder_name(inner) && inner.contains('-') {
            return format!("{{{inner}}}");
        }
    }
    let piece = angle_brackets_to_braces(piece);
    let Some(open) = piece.find('(') else {
        return piece;
    };
    let Some(close) = piece.rfind(')').filter(|close| *close > open) else {
        return piece;
    };
    let (Some(head), Some(arguments), Some(tail)) = (
        piece.get(..=open),
        piece.get(open + 1..close),
        piece.get(close..),
    ) else {
        return piece;
    };
    let rewritten: Vec<String> = split_outside(arguments, ',', false)
        .into_iter()
        .map(|argument| {
            let Some((name, value)) = argument.split_once('=') else {
                return argument.to_string();
            };
            let trimmed = value.trim();
            let quoted = trimmed.len() >= 2 && trimmed.starts_with('\'') && trimmed.ends_with('\'');
            let bare = if quoted {
                trimmed.get(1..trimmed.len() - 1).unwrap_or(trimmed)
            } else {
                trimmed
            };
            let argument_name = name.trim();
            if !is_stand_in(bare)
                || !is_placeholder_name(argument_name)
                || argument_name.starts_with('$')
            {
                return argument.to_string();
            }
            let leading = &value[..value.len() - value.trim_start().len()];
            if quoted {
                format!("{name}={leading}'{{{argument_name}}}'")
            } else {
                format!("{name}={leading}{{{argument_name}}}")
            }
        })
        .collect();
    format!("{head}{}{tail}", rewritten.join(","))
}

/// A function argument value that stands for the caller's value.
fn is_stand_in(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let single_letter_placeholder = lower
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .is_some_and(|inner| inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic()));
    lower == "n"
        || lower == "parametervalue"
        || (lower.ends_with("-value") && is_placeholder_name(value))
        || single_letter_placeholder
}

/// Letters, digits, `-` and `_`: the names the docs give placeholders.
fn is_placeholder_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// `<address>` → `{address}`.
fn angle_brackets_to_braces(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    let mut rest = piece;
    while let Some(open) = rest.find('<') {
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find('>') {
            Some(close) if after.get(..close).is_some_and(is_placeholder_name) => {
                out.push_str(rest.get(..open).unwrap_or(""));
                out.push('{');
                out.push_str(after.get(..close).unwrap_or(""));
                out.push('}');
                rest = after.get(close + 1..).unwrap_or("");
            }
            _ => {
                out.push_str(rest.get(..=open).unwrap_or(""));
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn segment_parts(piece: &str, in_path: bool) -> Vec<SegmentPart> {
    let mut parts = Vec::new();
    let mut rest = piece;
    while let Some(open) = rest.find('{') {
        let Some(close_rel) = rest[open..].find('}') else {
            break;
        };
        let close = open + close_rel;
        let before = &rest[..open];
        let name = rest[open + 1..close].trim();
        let after = &rest[close + 1..];
        if name.is_empty() {
            parts.push(SegmentPart::Literal {
                text: rest[..close + 1].to_string(),
            });
            rest = after;
            continue;
        }
        if !before.is_empty() {
            parts.push(SegmentPart::Literal {
                text: before.to_string(),
            });
        }
        let quoted = before.ends_with('\'') && after.starts_with('\'');
        parts.push(SegmentPart::Param {
            name: name.to_string(),
            quoted,
            path: in_path && !quoted,
        });
        rest = after;
    }
    if !rest.is_empty() {
        parts.push(SegmentPart::Literal {
            text: rest.to_string(),
        });
    }
    merge_literals(parts)
}

fn merge_literals(parts: Vec<SegmentPart>) -> Vec<SegmentPart> {
    let mut merged: Vec<SegmentPart> = Vec::with_capacity(parts.len());
    for part in parts {
        if let (Some(SegmentPart::Literal { text: previous }), SegmentPart::Literal { text }) =
            (merged.last_mut(), &part)
        {
            previous.push_str(text);
            continue;
        }
        merged.push(part);
    }
    merged
}

/// The function a template ends in, when it is written without its arguments
/// (`.../range/cell`): its last segment is a bare name.
pub fn bare_function_name(template: &PathTemplate) -> Option<&str> {
    let last = template.segments.last()?;
    let [SegmentPart::Literal { text }] = last.parts.as_slice() else {
        return None;
    };
    let bare = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    bare.then_some(text.as_str())
}

/// The template with its bare last segment called with `arguments` (`cell(row={row},column={column})`),
/// each a placeholder named after the argument, quoted when its value is text.
/// `None` when the template does not end in a bare function name.
pub fn with_function_arguments(
    template: &PathTemplate,
    arguments: &[(String, bool)],
) -> Option<PathTemplate> {
    let name = bare_function_name(template)?.to_string();
    if arguments.is_empty() {
        return None;
    }
    let mut call = format!("{name}(");
    for (index, (argument, quoted)) in arguments.iter().enumerate() {
        if index > 0 {
            call.push(',');
        }
        let quote = if *quoted { "'" } else { "" };
        call.push_str(&format!("{argument}={quote}{{{argument}}}{quote}"));
    }
    call.push(')');
    let mut called = template.clone();
    if let Some(last) = called.segments.last_mut() {
        last.parts = segment_parts(&call, false);
    }
    // The raw text shows the call too; its path ends where its query starts.
    let path_end = split_outside(&template.raw, '?', true)
        .first()
        .map_or(0, |path| path.len());
    let (path, query) = template.raw.split_at(path_end.min(template.raw.len()));
    let path = path.trim_end_matches('/');
    called.raw = match path
        .len()
        .checked_sub(name.len())
        .and_then(|start| path.get(start..).map(|tail| (start, tail)))
    {
        Some((start, tail)) if tail == name => {
            format!("{}{call}{query}", path.get(..start).unwrap_or(""))
        }
        _ => template.raw.clone(),
    };
    Some(called)
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

/// `name(a=1,b='x')` → `name(a={a},b='{b}')` for the arguments `replace` names; other
/// segments, other arguments and arguments already written as placeholders stay as they are.
/// A key in parentheses (`events('AAMk...')`) is no call.
pub fn arguments_as_placeholders(segment: &str, replace: impl Fn(&str) -> bool) -> String {
    let (Some(open), true) = (segment.find('('), segment.ends_with(')')) else {
        return segment.to_string();
    };
    let inner = &segment[open + 1..segment.len() - 1];
    if !inner.contains('=') {
        return segment.to_string();
    }
    let mut arguments = Vec::new();
    for argument in split_arguments(inner) {
        let Some((name, value)) = argument.split_once('=') else {
            return segment.to_string();
        };
        // The spacing stays as written, so that the example's URL fits the line.
        let lead = &name[..name.len() - name.trim_start().len()];
        let (name, value) = (name.trim(), value.trim());
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return segment.to_string();
        }
        let quoted = value.starts_with('\'');
        let bare = value.trim_matches('\'');
        let written = if !replace(name) || bare.starts_with('{') && bare.ends_with('}') {
            value.to_string()
        } else if quoted {
            format!("'{{{name}}}'")
        } else {
            format!("{{{name}}}")
        };
        arguments.push(format!("{lead}{name}={written}"));
    }
    format!("{}({})", &segment[..open], arguments.join(","))
}

/// Splits function arguments at commas outside quotes.
fn split_arguments(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (at, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_values_become_placeholders() {
        assert_eq!(
            arguments_as_placeholders("rowsAbove(count=2)", |_| true),
            "rowsAbove(count={count})"
        );
        assert_eq!(
            arguments_as_placeholders("range(address='A1:Z10')", |_| true),
            "range(address='{address}')"
        );
        assert_eq!(
            arguments_as_placeholders("f(a='x,y', b={b})", |_| true),
            "f(a='{a}', b={b})"
        );
        // Keys in parentheses, plain segments and empty calls stay.
        assert_eq!(
            arguments_as_placeholders("events('AAMk=')", |_| true),
            "events('AAMk=')"
        );
        assert_eq!(arguments_as_placeholders("children", |_| true), "children");
        assert_eq!(arguments_as_placeholders("delta()", |_| true), "delta()");
        // Only the arguments asked for.
        assert_eq!(
            arguments_as_placeholders("f(period='D7',x=1)", |name| name == "period"),
            "f(period='{period}',x=1)"
        );
    }

    #[test]
    fn repeated_placeholders_become_distinct_arguments() {
        let t = template("/me/events/{id}/attachments/{id}");
        assert_eq!(
            placeholders(&t),
            vec!["events-id".to_string(), "attachments-id".to_string()]
        );
        let t = template("/items/{id}/workbook/worksheets/{id}/charts/{name}");
        assert_eq!(
            placeholders(&t),
            vec![
                "items-id".to_string(),
                "worksheets-id".to_string(),
                "name".to_string()
            ]
        );
        let t = template("/x/{id}/{id}");
        assert_eq!(placeholders(&t), vec!["x-id".to_string(), "id".to_string()]);
        let t = template("/{id}/{id}");
        assert_eq!(placeholders(&t), vec!["id".to_string(), "id-2".to_string()]);
        assert_eq!(
            placeholders(&template("/users/{id}/messages/{message-id}")),
            vec!["id".to_string(), "message-id".to_string()]
        );
    }

    fn literal(text: &str) -> SegmentPart {
        SegmentPart::Literal {
            text: text.to_string(),
        }
    }

    fn param(name: &str, quoted: bool, path: bool) -> SegmentPart {
        SegmentPart::Param {
            name: name.to_string(),
            quoted,
            path,
        }
    }

    #[test]
    fn reads_request_lines() {
        assert_eq!(
            request_line("post /chats/{chat-id}/messages"),
            Some((Method::Post, "/chats/{chat-id}/messages".to_string()))
        );
        assert_eq!(
            request_line("GET /me HTTP/1.1"),
            Some((Method::Get, "/me".to_string()))
        );
        assert_eq!(request_line("Content-Type: application/json"), None);
        assert_eq!(request_line("or"), None);
    }

    #[test]
    fn strips_hosts_and_versions() {
        assert_eq!(
            strip_host("https://graph.microsoft.com/v1.0/me/chats"),
            "/me/chats"
        );
        assert_eq!(strip_host("https://graph.microsoft.com/beta/me"), "/me");
        assert_eq!(strip_host("me/chats"), "/me/chats");
    }

    #[test]
    fn splits_functions_keys_and_placeholders() {
        let path = template("/reports/getEmailActivityUserDetail(period='{period_value}')");
        assert_eq!(
            path.segments[1].parts,
            [
                literal("getEmailActivityUserDetail(period='"),
                param("period_value", true, false),
                literal("')")
            ]
        );
        let path = template("/users/{id | userPrincipalName}/photo/$value");
        assert_eq!(
            path.segments[1].parts,
            [param("id | userPrincipalName", false, false)]
        );
        assert_eq!(path.segments[3].parts, [literal("$value")]);
        let path = template("/groups/{tenant id}/members/$ref?$filter=a eq 'b/c'");
        assert_eq!(path.segments.len(), 4);
        assert_eq!(
            path.fixed_query,
            [("$filter".to_string(), "a eq 'b/c'".to_string())]
        );
        // An encoded query is held decoded, placeholders kept.
        let path = template("/me/onlineMeetings?$filter=JoinWebUrl%20eq%20'{joinWebUrl}'");
        assert_eq!(
            path.fixed_query,
            [(
                "$filter".to_string(),
                "JoinWebUrl eq '{joinWebUrl}'".to_string()
            )]
        );
        assert_eq!(decode_percent("a%2Fb%zz%"), "a/b%zz%");
    }

    #[test]
    fn reads_placeholders_written_other_ways() {
        let path = template("/teams/(team-id)/channels/{channel-id}");
        assert_eq!(path.segments[1].parts, [param("team-id", false, false)]);
        let path = template(
            "/me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='<address>')/cell",
        );
        assert_eq!(
            path.segments[7].parts,
            [
                literal("range(address='"),
                param("address", true, false),
                literal("')")
            ]
        );
        let path =
            template("/reports/getUserArchivedPrintJobs(userId='{id}',startDateTime=<timestamp>)");
        assert_eq!(
            path.segments[1].parts,
            [
                literal("getUserArchivedPrintJobs(userId='"),
                param("id", true, false),
                literal("',startDateTime="),
                param("timestamp", false, false),
                literal(")")
            ]
        );
        let path = template("/range/rowsAbove(count=n)");
        assert_eq!(
            path.segments[1].parts,
            [
                literal("rowsAbove(count="),
                param("count", false, false),
                literal(")")
            ]
        );
        let path = template("/x/filterByCurrentUser(on='parameterValue')");
        assert_eq!(
            path.segments[1].parts,
            [
                literal("filterByCurrentUser(on='"),
                param("on", true, false),
                literal("')")
            ]
        );
        let path = template(
            "/me/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)",
        );
        assert_eq!(placeholders(&path), ["startDateTime", "endDateTime"]);
        let path = template("/range/resizedRange(deltaRows={n}, deltaColumns={n})");
        assert_eq!(placeholders(&path), ["deltaRows", "deltaColumns"]);
        // Values, not stand-ins, stay literal.
        let path =
            template("/me/onenote/notebooks/getRecentNotebooks(includePersonalNotebooks=true)");
        assert_eq!(
            path.segments[3].parts,
            [literal("getRecentNotebooks(includePersonalNotebooks=true)")]
        );
        let path = template("/a(b)/c<d/e>f");
        assert_eq!(path.segments[0].parts, [literal("a(b)")]);
        assert_eq!(path.segments[1].parts, [literal("c<d")]);
    }

    #[test]
    fn calls_bare_functions_with_their_arguments() {
        let bare = template("/me/drive/items/{id}/workbook/names/{name}/range/cell");
        assert_eq!(bare_function_name(&bare), Some("cell"));
        let called = with_function_arguments(
            &bare,
            &[("row".to_string(), false), ("column".to_string(), false)],
        )
        .expect("a call");
        assert_eq!(
            called.raw,
            "/me/drive/items/{id}/workbook/names/{name}/range/cell(row={row},column={column})"
        );
        assert_eq!(called.segments.len(), bare.segments.len());
        assert_eq!(
            called.segments[8].parts,
            [
                literal("cell(row="),
                param("row", false, false),
                literal(",column="),
                param("column", false, false),
                literal(")")
            ]
        );
        let quoted = with_function_arguments(
            &template("/deviceManagement/getEffectivePermissions?$top=1"),
            &[("scope".to_string(), true)],
        )
        .expect("a call");
        assert_eq!(
            quoted.raw,
            "/deviceManagement/getEffectivePermissions(scope='{scope}')?$top=1"
        );
        assert_eq!(
            quoted.segments[1].parts,
            [
                literal("getEffectivePermissions(scope='"),
                param("scope", true, false),
                literal("')")
            ]
        );
        assert!(
            with_function_arguments(&template("/users/{id}"), &[("a".to_string(), false)])
                .is_none()
        );
        assert!(with_function_arguments(
            &template("/me/photo/$value"),
            &[("a".to_string(), false)]
        )
        .is_none());
        assert!(
            with_function_arguments(&template("/f(a={a})"), &[("b".to_string(), false)]).is_none()
        );
        assert!(with_function_arguments(&bare, &[]).is_none());
    }

    #[test]
    fn marks_drive_paths() {
        let path = template("/drives/{drive-id}/root:/{item-path}:/content");
        assert_eq!(path.segments[2].parts, [literal("root:")]);
        assert_eq!(
            path.segments[3].parts,
            [param("item-path", false, true), literal(":")]
        );
        assert_eq!(path.segments[4].parts, [literal("content")]);
        let path = template("/me/drive/items/{parent-id}:/{filename}:/content");
        assert_eq!(
            path.segments[3].parts,
            [param("parent-id", false, false), literal(":")]
        );
        assert_eq!(
            path.segments[4].parts,
            [param("filename", false, true), literal(":")]
        );
        assert_eq!(placeholders(&path), ["parent-id", "filename"]);
    }
}
