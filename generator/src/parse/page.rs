//! One page, parsed: what every page has (front matter, title, namespace, description), and the
//! method or type content that depends on its kind.

use super::blocks::{outline, Outline};
use super::front_matter::{self, FrontMatter};
use super::method::{self, MethodPage};
use super::page_text::PageText;
use super::resource::{self, ParsedType};
use super::source::{page_lines, IncludeLoader, SourceLine};
use super::text::{plain_text, squash};
use crate::diagnostics::{codes, Diagnostic};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// Documents one or more requests (`api/*.md`).
    Method,
    /// Documents one or more types (`resources/*.md`).
    Type,
    /// Neither: overviews, conceptual pages.
    Other,
}

#[derive(Debug, Clone)]
pub struct ParsedPage {
    /// Path relative to the docs root, with `/`.
    pub file: String,
    /// File stem, lower-cased (`chat-post-messages`).
    pub stem: String,
    pub kind: PageKind,
    pub front: FrontMatter,
    /// The H1 text; the front matter title when there is no H1.
    pub title: String,
    pub title_line: u32,
    /// The `Namespace:` line, when present.
    pub namespace: Option<String>,
    /// The first paragraph after the title and namespace (links reduced to their text).
    pub description: String,
    pub method: Option<MethodPage>,
    pub types: Vec<ParsedType>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one page. `file` is relative to the docs root; `load` reads included files.
pub fn parse_page(file: &str, text: &str, load: IncludeLoader<'_>) -> ParsedPage {
    let mut diagnostics = Vec::new();
    // A byte order mark would hide the front matter marker on the first line.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            diagnostics.push(
                Diagnostic::warning(
                    codes::BYTE_ORDER_MARK,
                    file,
                    1,
                    "file starts with a byte order mark; ignored",
                )
                .with_hint("save the file as UTF-8 without a byte order mark"),
            );
            rest
        }
        None => text,
    };
    if text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::warning(codes::EMPTY_PAGE, file, 0, "page is empty")
                .with_hint("write the page, or remove the file"),
        );
        return empty_page(file, diagnostics);
    }
    let lines = page_lines(file, text, load, &mut diagnostics);
    let front = front_matter::read(&lines);
    if front.used_fallback {
        diagnostics.push(
            Diagnostic::warning(
                codes::INVALID_FRONT_MATTER,
                file,
                2,
                "front matter is not valid YAML; read it line by line",
            )
            .with_hint("quote values that contain `:` or quotes"),
        );
    }
    let outline = outline(
        file,
        &lines,
        front.body_start.min(lines.len()),
        &mut diagnostics,
    );
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".md")
        .to_ascii_lowercase();
    let title_heading = outline.headings.iter().find(|h| h.level == 1);
    let title = title_heading
        .map(|h| plain_text(&h.title))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| front.title.clone());
    let title_line = title_heading
        .and_then(|h| lines.get(h.index))
        .map(|l| l.line)
        .unwrap_or(1);
    let intro_start = title_heading
        .map(|h| h.index + 1)
        .unwrap_or(front.body_start)
        .min(lines.len());
    let intro_end = outline
        .headings
        .iter()
        .find(|h| h.index >= intro_start)
        .map(|h| h.index)
        .unwrap_or(lines.len());
    let (namespace, description) = intro(&lines, &outline.in_fence, intro_start, intro_end);
    let kind = classify(file, &front, &outline);
    let context = PageText {
        file,
        stem: &stem,
        lines: &lines,
        outline: &outline,
        namespace: namespace.as_deref(),
        title: &title,
        front: &front,
    };
    let method = (kind == PageKind::Method).then(|| method::read(&context, &mut diagnostics));
    let types = if kind == PageKind::Type {
        resource::read(&context, &description, &mut diagnostics)
    } else {
        Vec::new()
    };
    if kind == PageKind::Method && method.as_ref().is_some_and(|m| !m.has_http_section) {
        diagnostics.push(
            Diagnostic::warning(
                codes::NO_HTTP_REQUEST_SECTION,
                file,
                0,
                "method page has no `HTTP request` section",
            )
            .with_hint("add a `## HTTP request` section with the request line"),
        );
    }
    ParsedPage {
        file: file.to_string(),
        stem,
        kind,
        description,
        front,
        title,
        title_line,
        namespace,
        method,
        types,
        diagnostics,
    }
}

fn empty_page(file: &str, diagnostics: Vec<Diagnostic>) -> ParsedPage {
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".md")
        .to_ascii_lowercase();
    ParsedPage {
        file: file.to_string(),
        stem,
        kind: PageKind::Other,
        description: String::new(),
        front: FrontMatter::default(),
        title: String::new(),
        title_line: 1,
        namespace: None,
        method: None,
        types: Vec::new(),
        diagnostics,
    }
}

fn classify(file: &str, front: &FrontMatter, outline: &Outline) -> PageKind {
    let folders: Vec<&str> = file.split('/').collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    if folders.iter().any(|f| f.eq_ignore_ascii_case("api")) {
        return PageKind::Method;
    }
    if folders.iter().any(|f| f.eq_ignore_ascii_case("resources")) {
        return PageKind::Type;
    }
    let doc_type = squash(&front.doc_type);
    if doc_type.starts_with("apipage")
        || outline
            .headings
            .iter()
            .any(|h| h.key.starts_with("httprequest"))
    {
        return PageKind::Method;
    }
    let has_resource = outline.fences.iter().any(|f| {
        f.annotation
            .as_ref()
            .is_some_and(|a| a.block_type() == "resource")
    });
    if doc_type.starts_with("resourcepage") || doc_type.starts_with("enumpage") || has_resource {
        return PageKind::Type;
    }
    PageKind::Other
}

/// The `Namespace:` value and the first plain paragraph of the introduction.
fn intro(
    lines: &[SourceLine],
    in_fence: &[bool],
    start: usize,
    end: usize,
) -> (Option<String>, String) {
    let mut namespace = None;
    let mut paragraph: Vec<&str> = Vec::new();
    for (index, line) in lines.iter().enumerate().take(end).skip(start) {
        if in_fence.get(index).copied().unwrap_or(false) {
            if !paragraph.is_empty() {
                break;
            }
            continue;
        }
        let text = line.text.trim();
        if namespace.is_none() {
            if let Some(rest) = text
                .strip_prefix("Namespace:")
                .or_else(|| text.strip_prefix("**Namespace:**"))
            {
                namespace = Some(plain_text(rest).trim().to_string()).filter(|n| !n.is_empty());
                continue;
            }
        }
        if text.is_empty() {
            if !paragraph.is_empty() {
                break;
            }
            continue;
        }
        let decoration = text.starts_with('>')
            || text.starts_with("<!--")
            || text.starts_with("[!")
            || text.starts_with('|')
            || text.starts_with('#');
        if decoration {
            if !paragraph.is_empty() {
                break;
            }
            continue;
        }
        paragraph.push(text);
    }
    (namespace, plain_text(&paragraph.join(" ")))
}
