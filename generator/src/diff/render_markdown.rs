//! The diff as Markdown for a pull request: a summary with counts, then every change by
//! impact and kind, with the page and line on each side, then the pages.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{ApiDiff, Change, ChangeKind, Impact, Location};

/// The whole report.
pub fn markdown(diff: &ApiDiff) -> String {
    let mut out = summary(diff);
    for impact in [Impact::Breaking, Impact::Additive] {
        let mut by_kind: BTreeMap<ChangeKind, Vec<&Change>> = BTreeMap::new();
        for change in diff.changes.iter().filter(|c| c.impact == impact) {
            by_kind.entry(change.kind).or_default().push(change);
        }
        if by_kind.is_empty() {
            continue;
        }
        let heading = match impact {
            Impact::Breaking => "Breaking changes",
            Impact::Additive => "Additive changes",
        };
        let _ = write!(out, "\n### {heading}\n");
        for (kind, changes) in by_kind {
            let _ = write!(
                out,
                "\n#### {} ({})\n\n",
                capitalized(kind.label()),
                changes.len()
            );
            let with_values = changes
                .iter()
                .any(|c| c.before.is_some() || c.after.is_some());
            if with_values {
                out.push_str(
                    "| item | before | after | old docs | new docs |\n|---|---|---|---|---|\n",
                );
            } else {
                out.push_str("| item | old docs | new docs |\n|---|---|---|\n");
            }
            for change in changes {
                let _ = write!(out, "| {} ", code(&change.item));
                if with_values {
                    let _ = write!(
                        out,
                        "| {} | {} ",
                        change.before.as_deref().map(code).unwrap_or_default(),
                        change.after.as_deref().map(code).unwrap_or_default()
                    );
                }
                let _ = writeln!(
                    out,
                    "| {} | {} |",
                    location(&change.old),
                    location(&change.new)
                );
            }
        }
    }
    pages(diff, &mut out);
    out
}

/// The opening section: impact, item counts, and the number of changes of each kind.
pub fn summary(diff: &ApiDiff) -> String {
    let s = &diff.summary;
    let mut out = String::from("## API changes\n\n");
    let verdict = match diff.impact() {
        Some(Impact::Breaking) => "**Breaking**: a semver-major change of the generated crate.",
        Some(Impact::Additive) => "**Additive**: a semver-minor change of the generated crate.",
        None => "No change to the API.",
    };
    let _ = writeln!(out, "{verdict}\n");
    let _ = writeln!(
        out,
        "{} breaking and {} additive changes. Operations: {} → {}; types: {} → {}; pages: {} added, {} removed, {} renamed.",
        s.breaking,
        s.additive,
        s.operations.old,
        s.operations.new,
        s.types.old,
        s.types.new,
        s.pages.added,
        s.pages.removed,
        s.pages.renamed
    );
    if !s.by_kind.is_empty() {
        out.push_str("\n| change | impact | count |\n|---|---|---:|\n");
        for (kind, count) in &s.by_kind {
            let impact = super::classify::impact(*kind).label();
            let _ = writeln!(out, "| {} | {impact} | {count} |", kind.label());
        }
    }
    out
}

fn pages(diff: &ApiDiff, out: &mut String) {
    let pages = &diff.pages;
    if pages.renamed.is_empty() && pages.added.is_empty() && pages.removed.is_empty() {
        return;
    }
    out.push_str("\n### Pages\n\nPages that document operations or types; a renamed page is one whose items all, or mostly, moved to one new page (they are compared where they now are, not removed).\n");
    if !pages.renamed.is_empty() {
        let _ = write!(
            out,
            "\n#### Renamed ({})\n\n| old | new | items moved |\n|---|---|---:|\n",
            pages.renamed.len()
        );
        for rename in &pages.renamed {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                code(&rename.old),
                code(&rename.new),
                rename.items
            );
        }
    }
    for (title, list) in [("Added", &pages.added), ("Removed", &pages.removed)] {
        if !list.is_empty() {
            let _ = write!(out, "\n#### {title} ({})\n\n", list.len());
            for page in list {
                let _ = writeln!(out, "- {}", code(page));
            }
        }
    }
}

fn location(location: &Option<Location>) -> String {
    location
        .as_ref()
        .map(|l| code(&l.to_string()))
        .unwrap_or_default()
}

/// A code span safe inside a table cell.
fn code(text: &str) -> String {
    let ticks = if text.contains('`') { "``" } else { "`" };
    format!("{ticks}{}{ticks}", text.replace('|', "\\|"))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
