//! Robustness of the lenient JSON reader: it never panics, agrees with `serde_json` on strict
//! JSON, reads its own output back unchanged, and reads the real docs' example bodies.

use graphgen::lenient_json::{self, RepairKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/graph-docs/api-reference/v1.0");

/// The JSON bodies of a page's fenced `http` and `json` blocks, each with its first line number.
fn fenced_bodies(page: &str) -> Vec<(usize, String)> {
    let mut bodies = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else { continue };
        let info = info.trim().to_ascii_lowercase();
        let mut block = Vec::new();
        for (number, inner) in lines.by_ref() {
            if inner.trim_start().starts_with("```") {
                break;
            }
            block.push((number + 1, inner));
        }
        if info != "http" && info != "json" {
            continue;
        }
        let start = block.iter().position(|(_, inner)| inner.trim_start().starts_with(['{', '[']));
        if let Some((first_line, _)) = start.and_then(|start| block.get(start)) {
            let text: Vec<&str> = block.iter().skip(start.unwrap_or(0)).map(|(_, inner)| *inner).collect();
            bodies.push((*first_line, text.join("\n")));
        }
    }
    bodies
}

fn corpus_pages() -> Option<Vec<PathBuf>> {
    let mut pages = Vec::new();
    for folder in ["api", "resources"] {
        let entries = std::fs::read_dir(Path::new(DOCS).join(folder)).ok()?;
        pages.extend(entries.flatten().map(|entry| entry.path()).filter(|path| path.extension().is_some_and(|ext| ext == "md")));
    }
    pages.sort();
    Some(pages)
}

/// Reads every fenced example body of the v1.0 corpus and prints how many are strict JSON,
/// repaired (by kind) and unrecoverable. Run with `--nocapture` to see the counts.
#[test]
fn corpus_example_bodies_are_mostly_readable() {
    let Some(pages) = corpus_pages() else {
        println!("skipped: the docs corpus is not at {DOCS}");
        return;
    };
    let (mut strict, mut repaired, mut unrecoverable) = (0usize, 0usize, 0usize);
    let mut repairs_by_kind: BTreeMap<RepairKind, (usize, usize)> = BTreeMap::new();
    let mut errors_by_message: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for page in &pages {
        let Ok(text) = std::fs::read_to_string(page) else { continue };
        let name = page.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        for (first_line, body) in fenced_bodies(&text) {
            match lenient_json::parse(&body) {
                Ok(read) if read.repairs.is_empty() => strict += 1,
                Ok(read) => {
                    repaired += 1;
                    let mut kinds: Vec<RepairKind> = read.repairs.iter().map(|repair| repair.kind).collect();
                    for kind in &kinds {
                        repairs_by_kind.entry(*kind).or_default().1 += 1;
                    }
                    kinds.dedup();
                    kinds.sort();
                    kinds.dedup();
                    for kind in kinds {
                        repairs_by_kind.entry(kind).or_default().0 += 1;
                    }
                }
                Err(error) => {
                    unrecoverable += 1;
                    let general: String = error.message.split(", found").next().unwrap_or_default().to_string();
                    let line = first_line as u32 + error.line - 1;
                    errors_by_message.entry(general).or_default().push(format!("{name}:{line}:{} {}", error.column, error.message));
                }
            }
        }
    }
    let total = strict + repaired + unrecoverable;
    println!("example bodies: {total} total, {strict} strict, {repaired} repaired, {unrecoverable} unrecoverable");
    for (kind, (bodies, occurrences)) in &repairs_by_kind {
        println!("  {kind:?}: {bodies} bodies, {occurrences} repairs");
    }
    for (message, places) in &errors_by_message {
        println!("  error {message}: {}", places.len());
        for place in places.iter().take(6) {
            println!("      {place}");
        }
    }
    assert!(total > 1000, "expected the corpus to hold over a thousand example bodies, found {total}");
    assert!(unrecoverable * 20 < total, "more than 5% of example bodies unrecoverable: {unrecoverable} of {total}");
}
