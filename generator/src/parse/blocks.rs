//! The block structure of a page: headings (with their nesting), fenced code blocks and the
//! JSON annotations (`<!-- { "blockType": ... } -->`) written just before them.

use serde_json::Value;

use super::source::SourceLine;
use super::text::squash;
use crate::diagnostics::{codes, Diagnostic};

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: usize,
    /// The heading text, trimmed.
    pub title: String,
    /// Lower-cased letters and digits of the title, for comparisons.
    pub key: String,
    /// Index of the heading line in the page lines.
    pub index: usize,
    /// Index one past the last line of the section (next heading of the same or a higher level).
    pub end: usize,
    /// Index one past the section's own text (the next heading of any level).
    pub text_end: usize,
    /// The heading or one of its parents is an `Example`/`Examples` heading.
    pub in_example: bool,
}

#[derive(Debug, Clone)]
pub struct Fence {
    /// Index of the opening fence line.
    pub index: usize,
    /// Info string, lower-cased and trimmed (`http`, `json`, `msgraph-interactive`, ``).
    pub lang: String,
    /// The lines inside the fence.
    pub body: Vec<SourceLine>,
    pub annotation: Option<Annotation>,
}

/// A JSON comment in front of a code block.
#[derive(Debug, Clone)]
pub struct Annotation {
    pub value: Value,
    pub line: u32,
}

impl Annotation {
    pub fn block_type(&self) -> String {
        self.string("blockType").to_ascii_lowercase()
    }

    /// A string member; numbers and booleans are written out, arrays give their first string.
    pub fn string(&self, key: &str) -> String {
        match self.value.get(key) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .find_map(Value::as_str)
                .unwrap_or("")
                .trim()
                .to_string(),
            _ => String::new(),
        }
    }

    /// A boolean member, accepting `"true"` written as a string.
    pub fn flag(&self, key: &str) -> bool {
        match self.value.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
            _ => false,
        }
    }

    /// The strings of an array member (or the one string of a string member).
    pub fn strings(&self, key: &str) -> Vec<String> {
        match self.value.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_string())
                .collect(),
            Some(Value::String(s)) => vec![s.trim().to_string()],
            _ => Vec::new(),
        }
    }
}

/// Tab headings (`# [HTTP](#tab/http)`) are not part of the outline.
fn is_tab_marker(title: &str) -> bool {
    title.starts_with('[') && title.contains("(#tab/")
}

fn fence_marker(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_start();
    let indent = text.len() - trimmed.len();
    if indent > 3 {
        return None;
    }
    for marker in ["```", "~~~"] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            let info = rest.trim_start_matches(marker.chars().next().unwrap_or('`'));
            return Some((marker, info));
        }
    }
    None
}

/// Everything a page reader needs to find its way around a page.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub fences: Vec<Fence>,
    /// For each line index: inside a fence (including the fence lines themselves).
    pub in_fence: Vec<bool>,
}

pub fn outline(
    file: &str,
    lines: &[SourceLine],
    start: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Outline {
    let mut in_fence = vec![false; lines.len()];
    let mut headings: Vec<Heading> = Vec::new();
    let mut fences = Vec::new();
    let mut pending_annotation: Option<(Annotation, usize)> = None;
    let mut index = start;
    while index < lines.len() {
        let text = lines[index].text.as_str();
        if let Some((marker, info)) = fence_marker(text) {
            let open = index;
            let mut body = Vec::new();
            index += 1;
            while index < lines.len() {
                let inner = lines[index].text.as_str();
                if inner.trim_start().starts_with(marker)
                    && inner
                        .trim()
                        .trim_start_matches(marker.chars().next().unwrap_or('`'))
                        .is_empty()
                {
                    break;
                }
                body.push(lines[index].clone());
                index += 1;
            }
            if index >= lines.len() {
                // Markdown runs an unclosed block to the end of the page, swallowing what follows.
                diagnostics.push(
                    Diagnostic::warning(codes::UNCLOSED_FENCE, file, lines[open].line, format!("code block opened with {marker} is never closed; it runs to the end of the page"))
                        .with_hint(format!("close the block with a {marker} line")),
                );
            }
            let close = index.min(lines.len().saturating_sub(1));
            for flag in in_fence.iter_mut().take(close + 1).skip(open) {
                *flag = true;
            }
            let annotation = pending_annotation.take().map(|(annotation, _)| annotation);
            fences.push(Fence {
                index: open,
                lang: info.trim().to_ascii_lowercase(),
                body,
                annotation,
            });
            index += 1;
            continue;
        }
        let trimmed = text.trim();
        if trimmed.starts_with("<!--") {
            let (comment, last) = comment_at(lines, index);
            if let Some(annotation) =
                read_annotation(file, &comment, lines[index].line, diagnostics)
            {
                pending_annotation = Some((annotation, last));
            }
            index = last + 1;
            continue;
        }
        if let Some(level) = heading_level(trimmed) {
            let title = trimmed[level..]
                .trim()
                .trim_end_matches('#')
                .trim()
                .to_string();
            if is_tab_marker(&title) {
                index += 1;
                continue;
            }
            pending_annotation = None;
            headings.push(Heading {
                level,
                key: squash(&title),
                title,
                index,
                end: lines.len(),
                text_end: lines.len(),
                in_example: false,
            });
        } else if !trimmed.is_empty() && !trimmed.starts_with("[!INCLUDE") {
            pending_annotation = None;
        }
        index += 1;
    }
    finish_headings(&mut headings);
    Outline {
        headings,
        fences,
        in_fence,
    }
}

fn heading_level(trimmed: &str) -> Option<usize> {
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&level) && trimmed[level..].starts_with([' ', '\t']) {
        Some(level)
    } else {
        None
    }
}

fn finish_headings(headings: &mut [Heading]) {
    let count = headings.len();
    for current in 0..count {
        let level = headings[current].level;
        if let Some(next) = headings.get(current + 1) {
            headings[current].text_end = next.index;
        }
        if let Some(end) = headings[current + 1..]
            .iter()
            .find(|h| h.level <= level)
            .map(|h| h.index)
        {
            headings[current].end = end;
        }
    }
    let mut stack: Vec<(usize, bool)> = Vec::new();
    for heading in headings.iter_mut() {
        while stack
            .last()
            .is_some_and(|(level, _)| *level >= heading.level)
        {
            stack.pop();
        }
        let parent_in_example = stack.last().is_some_and(|(_, in_example)| *in_example);
        heading.in_example = parent_in_example || heading.key.starts_with("example");
        stack.push((heading.level, heading.in_example));
    }
}

/// The text of the HTML comment starting at `start`, and the index of its last line.
fn comment_at(lines: &[SourceLine], start: usize) -> (String, usize) {
    let mut text = String::new();
    for (offset, line) in lines[start..].iter().enumerate() {
        text.push_str(&line.text);
        text.push('\n');
        if line.text.contains("-->") {
            return (text, start + offset);
        }
        if offset > 200 {
            break;
        }
    }
    (text, start)
}

fn read_annotation(
    file: &str,
    comment: &str,
    line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Annotation> {
    let inner = comment.trim().strip_prefix("<!--")?;
    let inner = inner
        .rfind("-->")
        .and_then(|end| inner.get(..end))
        .unwrap_or(inner)
        .trim();
    if !inner.starts_with('{') {
        return None;
    }
    match crate::lenient_json::parse(inner) {
        Ok(parsed) if parsed.value.is_object() => Some(Annotation {
            value: parsed.value,
            line,
        }),
        Ok(_) => None,
        Err(error) => {
            diagnostics.push(
                Diagnostic::warning(codes::UNREADABLE_ANNOTATION, file, line + error.line.saturating_sub(1), format!("annotation is not readable JSON: {}", error.message))
                    .with_hint("write the annotation as a JSON object, e.g. <!-- { \"blockType\": \"request\" } -->"),
            );
            None
        }
    }
}

impl Outline {
    /// Headings whose squashed title satisfies `matches`.
    pub fn find<'a>(
        &'a self,
        matches: impl Fn(&Heading) -> bool + 'a,
    ) -> impl Iterator<Item = &'a Heading> + 'a {
        self.headings.iter().filter(move |h| matches(h))
    }

    /// The fences whose opening line lies in `start..end`.
    pub fn fences_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Fence> {
        self.fences
            .iter()
            .filter(move |f| f.index >= start && f.index < end)
    }

    /// The innermost heading that contains line `index`.
    pub fn heading_of(&self, index: usize) -> Option<&Heading> {
        // Headings are in page order: a binary search keeps pages with many examples linear.
        let after = self.headings.partition_point(|h| h.index <= index);
        after
            .checked_sub(1)
            .and_then(|last| self.headings.get(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        SourceLine::numbered(text)
    }

    #[test]
    fn skips_tab_headings_and_fenced_hashes() {
        let page = lines("# Title\n## Example\n### Request\n# [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\", \"name\": [\"a\"] } -->\n\n```http\n# not a heading\nGET /me\n```\n## See also\n");
        let mut diagnostics = Vec::new();
        let outline = outline("p.md", &page, 0, &mut diagnostics);
        let titles: Vec<&str> = outline.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, ["Title", "Example", "Request", "See also"]);
        assert!(outline.headings[2].in_example);
        assert!(!outline.headings[3].in_example);
        assert_eq!(outline.fences.len(), 1);
        let annotation = outline.fences[0].annotation.as_ref().expect("annotation");
        assert_eq!(annotation.block_type(), "request");
        assert_eq!(annotation.string("name"), "a");
        assert!(diagnostics.is_empty());
    }
}
