//! Rendering diagnostics for people (rustc-style, with the source line) and for tools (JSON).

use std::collections::BTreeMap;
use std::path::PathBuf;

use annotate_snippets::{Level, Renderer, Snippet};

use super::{Diagnostic, Severity};

/// How many diagnostics are shown in full before the rest are only counted.
const SHOWN_IN_FULL: usize = 20;

/// Renders diagnostics like rustc: the first ones in full with their source line, then
/// counts by code. `roots` are the docs folders the files are relative to.
pub fn human(diagnostics: &[Diagnostic], roots: &[PathBuf]) -> String {
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    // Errors first, so the ones that matter are not lost past the cut.
    ordered.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.code).cmp(&(b.severity, &b.file, b.line, b.code))
    });
    let renderer = Renderer::plain();
    let mut out = String::new();
    for diagnostic in ordered.iter().take(SHOWN_IN_FULL) {
        out.push_str(&render_one(&renderer, diagnostic, roots));
        out.push_str("\n\n");
    }
    if diagnostics.len() > SHOWN_IN_FULL {
        out.push_str(&format!(
            "... and {} more\n",
            diagnostics.len() - SHOWN_IN_FULL
        ));
    }
    if !diagnostics.is_empty() {
        out.push_str(&counts(diagnostics));
    }
    out
}

fn render_one(renderer: &Renderer, diagnostic: &Diagnostic, roots: &[PathBuf]) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    let source_line = source_line(diagnostic, roots);
    let location = diagnostic.file.clone();
    let mut message = level.title(&diagnostic.message).id(diagnostic.code);
    let hint;
    if let Some(text) = &diagnostic.hint {
        hint = text.clone();
        message = message.footer(Level::Help.title(&hint));
    }
    match &source_line {
        Some(line) if !line.trim().is_empty() => {
            let start = (diagnostic.column.max(1) as usize - 1).min(line.len().saturating_sub(1));
            let start = floor_char_boundary(line, start);
            let end = (start + 1..=line.len())
                .find(|&i| line.is_char_boundary(i))
                .unwrap_or(line.len());
            let snippet = Snippet::source(line)
                .line_start(diagnostic.line as usize)
                .origin(&location)
                .annotation(level.span(start..end.max(start)));
            renderer.render(message.snippet(snippet)).to_string()
        }
        _ => {
            let snippet = Snippet::source("")
                .line_start(diagnostic.line.max(1) as usize)
                .origin(&location);
            renderer.render(message.snippet(snippet)).to_string()
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The diagnostic's line, read again from the first docs folder that has the file.
fn source_line(diagnostic: &Diagnostic, roots: &[PathBuf]) -> Option<String> {
    if diagnostic.line == 0 {
        return None;
    }
    roots.iter().find_map(|root| {
        let bytes = std::fs::read(root.join(&diagnostic.file)).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        text.lines()
            .nth(diagnostic.line as usize - 1)
            .map(|l| l.replace('\t', "    "))
    })
}

/// One line per code: `  GG0101  12  <first message>`.
pub fn counts(diagnostics: &[Diagnostic]) -> String {
    let mut by_code: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for d in diagnostics {
        let entry = by_code.entry(d.code).or_insert((0, d.severity));
        entry.0 += 1;
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let mut out = format!(
        "{} errors, {} warnings\n",
        errors,
        diagnostics.len() - errors
    );
    for (code, (count, severity)) in by_code {
        let kind = if severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        out.push_str(&format!("  {code:<8} {kind:<8} {count}\n"));
    }
    out
}

/// All diagnostics as a JSON array, in a stable order.
pub fn json(diagnostics: &[Diagnostic]) -> String {
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    ordered.sort();
    serde_json::to_string_pretty(&ordered).unwrap_or_else(|_| "[]".into())
}
