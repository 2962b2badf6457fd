//! A page as numbered lines, with DocFX `[!INCLUDE [..](path)]` lines replaced by the included text.

use crate::diagnostics::{codes, Diagnostic};

/// One line of a page after includes were inlined. Included lines carry the line number of the
/// `[!INCLUDE]` line in the including page, so diagnostics point at something the reader can find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub text: String,
    pub line: u32,
}

impl SourceLine {
    /// The lines of a text with no includes, numbered from 1 (for tests of the readers).
    #[cfg(test)]
    pub fn numbered(text: &str) -> Vec<SourceLine> {
        text.lines()
            .enumerate()
            .map(|(i, t)| SourceLine {
                text: t.to_string(),
                line: i as u32 + 1,
            })
            .collect()
    }
}

/// Reads an included file, given its path relative to the docs root; `None` when it is missing.
pub type IncludeLoader<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

/// Includes nest rarely; the bound keeps a self-including file from recursing forever.
const MAX_INCLUDE_DEPTH: usize = 4;

/// Splits `text` into lines and inlines includes found on lines of their own.
pub fn page_lines(
    file: &str,
    text: &str,
    load: IncludeLoader<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SourceLine> {
    let mut out = Vec::new();
    expand(file, file, text, None, load, 0, &mut out, diagnostics);
    out
}

#[allow(clippy::too_many_arguments)]
fn expand(
    page: &str,
    current: &str,
    text: &str,
    fixed_line: Option<u32>,
    load: IncludeLoader<'_>,
    depth: usize,
    out: &mut Vec<SourceLine>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (index, raw) in text.lines().enumerate() {
        let line = fixed_line.unwrap_or_else(|| crate::parse::text::to_u32(index + 1));
        let Some(target) = include_target(raw) else {
            out.push(SourceLine {
                text: raw.to_string(),
                line,
            });
            continue;
        };
        let resolved = resolve_relative(current, &target);
        let loaded = match &resolved {
            Some(path) if depth < MAX_INCLUDE_DEPTH => load(path),
            _ => None,
        };
        match (loaded, resolved) {
            (Some(included), Some(path)) => expand(
                page,
                &path,
                without_front_matter(&included),
                Some(line),
                load,
                depth + 1,
                out,
                diagnostics,
            ),
            _ if is_sdk_snippet(&target) => {}
            _ => diagnostics.push(
                Diagnostic::warning(
                    codes::MISSING_INCLUDE,
                    page,
                    line,
                    format!("included file `{target}` is missing; nothing was inlined"),
                )
                .with_hint("add the file next to the docs, or remove the [!INCLUDE] line"),
            ),
        }
    }
}

/// An included file's text without its own front matter (`description: "Automatically
/// generated file. DO NOT MODIFY"`), which inlined would read as a heading of the page.
fn without_front_matter(text: &str) -> &str {
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim) != Some("---") {
        return text;
    }
    let mut offset = text.find('\n').map_or(text.len(), |n| n + 1);
    for line in lines {
        offset += line.len();
        if line.trim() == "---" {
            return text.get(offset..).unwrap_or("");
        }
    }
    // No closing marker: not front matter after all.
    text
}

/// The path of a line that is only an include: `[!INCLUDE [name](../includes/x.md)]`.
fn include_target(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let rest = trimmed
        .strip_prefix("[!INCLUDE")
        .or_else(|| trimmed.strip_prefix("[!include"))?;
    let open = rest.find("](")?;
    let after = rest.get(open + 2..)?;
    let close = after.find(')')?;
    let target = after.get(..close)?.trim();
    if target.is_empty() {
        return None;
    }
    Some(target.to_string())
}

/// Code-sample includes point at SDK snippets the docs tree often does not ship.
fn is_sdk_snippet(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.contains("includes/snippets/") || lower.contains("snippets-sdk-documentation")
}

/// Resolves `target` relative to the folder of `from` (both relative to the docs root, with `/`).
/// `None` when the target climbs above the root or is absolute.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    if target.starts_with('/') || target.contains("://") {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths() {
        assert_eq!(
            resolve_relative("api/a.md", "../includes/x.md"),
            Some("includes/x.md".to_string())
        );
        assert_eq!(resolve_relative("a.md", "../x.md"), None);
    }

    #[test]
    fn drops_the_front_matter_of_included_files() {
        let load = |path: &str| match path {
            "includes/a.md" => Some(
                "---\ndescription: \"Automatically generated file. DO NOT MODIFY\"\n---\n|x|y|"
                    .to_string(),
            ),
            "includes/b.md" => Some("---\nno end".to_string()),
            _ => None,
        };
        let mut diagnostics = Vec::new();
        let text = "[!INCLUDE [a](../includes/a.md)]\n[!INCLUDE [b](../includes/b.md)]";
        let lines = page_lines("api/p.md", text, &load, &mut diagnostics);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["|x|y|", "---", "no end"]);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn inlines_includes_and_reports_missing_ones() {
        let load =
            |path: &str| (path == "includes/perm.md").then(|| "| a | b |\n| c | d |".to_string());
        let mut diagnostics = Vec::new();
        let text = "one\n[!INCLUDE [perm](../includes/perm.md)]\n[!INCLUDE [x](../includes/gone.md)]\n[!INCLUDE [sample-code](../includes/snippets/csharp/x.md)]\nend";
        let lines = page_lines("api/p.md", text, &load, &mut diagnostics);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["one", "| a | b |", "| c | d |", "end"]);
        assert_eq!(lines[2].line, 2);
        assert_eq!(lines[3].line, 5);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "GG0102");
        assert_eq!(diagnostics[0].line, 3);
    }
}
