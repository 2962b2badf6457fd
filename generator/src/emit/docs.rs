//! Documentation text made safe for rustdoc: no warnings from `cargo doc` or clippy.
//!
//! Descriptions come from Markdown pages, so they hold links, HTML, brackets and URLs that
//! rustdoc would read as intra-doc links, HTML tags or code blocks. [`paragraphs`] turns a
//! description into plain paragraphs:
//! - Markdown links `[text](target)` keep their text; HTML tags and comments are dropped;
//! - `[`, `]`, `<`, `>`, `*` and `\` outside code spans, and a `#` opening a line, are
//!   escaped with `\`;
//! - bare `http(s)://` URLs are wrapped in `<...>`;
//! - code fences are dropped, backticks kept only when they pair up;
//! - every non-empty line becomes its own paragraph, trimmed, so that no indentation turns
//!   into a code block and no list item has a lazy continuation line.

/// Sanitized paragraphs of a description, in order; empty input gives no paragraph.
pub fn paragraphs(text: &str) -> Vec<String> {
    let without_links = strip_links(&strip_html(text));
    without_links
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("```") && !line.starts_with("~~~"))
        .map(escape_line)
        .filter(|line| !line.is_empty())
        .collect()
}

/// One line of sanitized text (newlines become spaces).
pub fn inline(text: &str) -> String {
    paragraphs(text).join(" ")
}

/// Text for use inside a code span: backticks and newlines removed.
pub fn code(text: &str) -> String {
    text.replace(['`', '\n', '\r'], " ").trim().to_string()
}

/// HTML elements the pages use; anything else in `<...>` is text such as `<tenant-id>`.
const HTML_TAGS: &[&str] = &[
    "a",
    "b",
    "blockquote",
    "br",
    "caption",
    "center",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// Drops HTML comments and tags (`<br/>`, `<b>`, `</p>`); a `<` not starting a tag is kept.
fn strip_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = match comment.find("-->") {
                Some(end) => &comment[end + 3..],
                None => "",
            };
            continue;
        }
        let tag_name: String = after
            .chars()
            .skip(1)
            .skip_while(|&c| c == '/')
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let is_tag = HTML_TAGS.contains(&tag_name.as_str());
        match (is_tag, after.find('>')) {
            (true, Some(end)) if !after[..end].contains('\n') && !after[1..end].contains('<') => {
                if matches!(
                    tag_name.as_str(),
                    "br" | "p" | "li" | "td" | "th" | "tr" | "div"
                ) {
                    out.push(' ');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[text](target)` → `text`; `[text][ref]` → `text`. Other brackets stay (escaped later).
fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            out.push('[');
            rest = after;
            continue;
        };
        let label = &after[..close];
        let tail = &after[close + 1..];
        let target_end = match tail.chars().next() {
            Some('(') => tail.find(')').map(|end| end + 1),
            Some('[') => tail.find(']').map(|end| end + 1),
            _ => None,
        };
        match target_end {
            Some(end) if !label.contains('[') => {
                out.push_str(label);
                rest = &tail[end..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape_line(line: &str) -> String {
    let backticks = line.matches('`').count();
    let mut out = String::with_capacity(line.len() + 8);
    // A `#` opening a paragraph would make it a heading.
    if line.starts_with('#') {
        out.push('\\');
    }
    if backticks % 2 == 0 {
        for (i, piece) in line.split('`').enumerate() {
            if i % 2 == 1 {
                out.push('`');
                out.push_str(piece);
                out.push('`');
            } else {
                escape_text(piece, &mut out);
            }
        }
    } else {
        escape_text(&line.replace('`', "'"), &mut out);
    }
    out.trim().to_string()
}

fn escape_text(text: &str, out: &mut String) {
    let mut rest = text;
    loop {
        let next_url = ["https://", "http://"]
            .iter()
            .filter_map(|scheme| rest.find(scheme))
            .min();
        let (plain, url_start) = match next_url {
            Some(start) => (&rest[..start], Some(start)),
            None => (rest, None),
        };
        for c in plain.chars() {
            if matches!(c, '[' | ']' | '<' | '>' | '*' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        let Some(start) = url_start else { break };
        let after = &rest[start..];
        let mut end = after
            .find(|c: char| {
                c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`' | '\\' | '[' | ']' | '|')
            })
            .unwrap_or(after.len());
        while end > 0 && after[..end].ends_with(['.', ',', ';', ':', ')', '\'', '!', '?']) {
            end -= 1;
        }
        let url = &after[..end];
        if url.len() > "https://".len() {
            out.push('<');
            out.push_str(url);
            out.push('>');
        } else {
            out.push_str(url);
        }
        rest = &after[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_html_and_brackets_are_neutralized() {
        let text = "Send a new [chatMessage](../resources/chatmessage.md) in a <b>chat</b>.<br/>Use [x] or <y>.";
        assert_eq!(
            paragraphs(text),
            ["Send a new chatMessage in a chat. Use \\[x\\] or \\<y\\>."]
        );
    }

    #[test]
    fn urls_are_wrapped_and_code_spans_kept() {
        assert_eq!(
            paragraphs("See https://learn.microsoft.com/graph. Set `a[0]` to <x>"),
            ["See <https://learn.microsoft.com/graph>. Set `a[0]` to \\<x\\>"]
        );
        assert_eq!(paragraphs("odd ` tick [a]"), ["odd ' tick \\[a\\]"]);
    }

    #[test]
    fn lines_become_paragraphs_and_fences_vanish() {
        assert_eq!(
            paragraphs("  - one\n    two\n```\ncode\n```\n\n"),
            ["- one", "two", "code"]
        );
        assert!(paragraphs("   \n").is_empty());
        assert_eq!(paragraphs("<!-- hidden --> shown"), ["shown"]);
        assert_eq!(
            paragraphs("# not a heading\n5 * 3 # x"),
            ["\\# not a heading", "5 \\* 3 # x"]
        );
    }
}
