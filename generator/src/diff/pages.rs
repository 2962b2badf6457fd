//! Pages added, removed and renamed, as the API items they document tell: a page gone from
//! the old docs whose items (operations by line key, types by name) are now, at least half
//! of them, on one page new to the docs, was renamed to it. A page that only documents
//! lines other pages own counts as present (with no items of its own).

use std::collections::{BTreeMap, BTreeSet};

use super::surface::ApiSurface;
use super::{PageChanges, PageRename};

/// Each item of a surface (`operation get/users`, `type microsoft.graph.user`) by the page
/// that documents it.
fn items_by_page(surface: &ApiSurface) -> BTreeMap<&str, Vec<String>> {
    let mut pages: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (key, operation) in &surface.operations {
        pages
            .entry(operation.source.file.as_str())
            .or_default()
            .push(format!("operation {key}"));
    }
    for (name, ty) in &surface.types {
        pages
            .entry(ty.source.file.as_str())
            .or_default()
            .push(format!("type {name}"));
    }
    for page in &surface.other_pages {
        pages.entry(page.as_str()).or_default();
    }
    pages
}

/// The page of each item.
fn page_of_item<'a>(pages: &'a BTreeMap<&'a str, Vec<String>>) -> BTreeMap<&'a String, &'a str> {
    pages
        .iter()
        .flat_map(|(page, items)| items.iter().map(move |item| (item, *page)))
        .collect()
}

pub fn page_changes(old: &ApiSurface, new: &ApiSurface) -> PageChanges {
    let old_pages = items_by_page(old);
    let new_pages = items_by_page(new);
    let new_page_of = page_of_item(&new_pages);
    let mut removed: BTreeSet<&str> = old_pages
        .keys()
        .filter(|page| !new_pages.contains_key(*page))
        .copied()
        .collect();
    let mut added: BTreeSet<&str> = new_pages
        .keys()
        .filter(|page| !old_pages.contains_key(*page))
        .copied()
        .collect();

    // Candidates (items moved, old page, new page), most items first.
    let mut candidates: Vec<(usize, &str, &str)> = Vec::new();
    for page in &removed {
        let items = &old_pages[page];
        if items.is_empty() {
            continue;
        }
        let mut targets: BTreeMap<&str, usize> = BTreeMap::new();
        for item in items {
            if let Some(target) = new_page_of.get(item).filter(|t| added.contains(**t)) {
                *targets.entry(target).or_insert(0) += 1;
            }
        }
        for (target, moved) in targets {
            if moved * 2 >= items.len() {
                candidates.push((moved, page, target));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)).then(a.2.cmp(b.2)));
    let mut renamed = Vec::new();
    for (items, old_page, new_page) in candidates {
        if removed.contains(old_page) && added.contains(new_page) {
            removed.remove(old_page);
            added.remove(new_page);
            renamed.push(PageRename {
                old: old_page.to_string(),
                new: new_page.to_string(),
                items,
            });
        }
    }
    renamed.sort();
    PageChanges {
        added: added.into_iter().map(String::from).collect(),
        removed: removed.into_iter().map(String::from).collect(),
        renamed,
    }
}
