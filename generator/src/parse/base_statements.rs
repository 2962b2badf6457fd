//! What a type page's prose says about inheritance: its own base ("Inherits from
//! [entity](entity.md)", "derives from [x]"), the types derived from it ("the derived types
//! are [a](a.md), [b](b.md)", "the base type for [printer](printer.md) and [printerShare](..)",
//! "Supported derived types:" and a list), and the type a property row says it repeats
//! ("Inherited from [directoryObject](directoryobject.md)").
//!
//! A phrase counts only when its links follow it closely ("base class for apply actions in
//! the [settings](..)" names where the type is used, not a derived type).

use super::page_text::PageText;
use super::resource::TypeMention;
use super::text::{link_page_stem, strip_inline_markup};

/// Phrases after which a page names its own base.
const BASE_PHRASES: &[&str] = &[
    "inherits from",
    "derives from",
    "derived from",
    "is a derived type of",
];

/// Phrases after which a page names the types derived from it.
const DERIVED_PHRASES: &[&str] = &[
    "derived types are",
    "derived type is",
    "base type for",
    "base type of",
    "base class for",
    "inherited by",
];

/// Plain words allowed between a phrase and its first link ("richer location types such as").
const MAX_WORDS_BEFORE_LINK: usize = 6;

/// The base the page's prose names for its type: the first introduced link outside front
/// matter, tables and code.
pub fn inherits_from(page: &PageText<'_>) -> Option<TypeMention> {
    prose_lines(page).find_map(|(text, line)| {
        let link = introduced_links(text, BASE_PHRASES).into_iter().next()?;
        Some(mention(link, line))
    })
}

/// The types the page's prose names as derived from its type.
pub fn derived_types(page: &PageText<'_>) -> Vec<TypeMention> {
    let mut found = Vec::new();
    let mut in_list = false;
    for (text, line) in prose_lines(page) {
        let trimmed = text.trim();
        let bullet = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "));
        match bullet {
            // "Supported derived types:" then one bullet per type, each starting with its link.
            Some(item) if in_list => {
                if let Some((link, _)) = link_at(item.trim_start()) {
                    found.push(mention(link, line));
                }
                continue;
            }
            _ if in_list && trimmed.is_empty() => continue,
            _ => in_list = false,
        }
        let lower = trimmed.to_ascii_lowercase();
        if lower.ends_with("derived types:") || lower.ends_with("derived types are:") {
            in_list = true;
            continue;
        }
        if found.is_empty() {
            found.extend(
                introduced_links(text, DERIVED_PHRASES)
                    .into_iter()
                    .map(|link| mention(link, line)),
            );
        }
    }
    found.dedup_by(|a, b| a.name.eq_ignore_ascii_case(&b.name));
    found
}

/// The type a property description says the property comes from ("Inherited from [x](x.md)").
pub fn inherited_from(description: &str) -> Option<TypeMention> {
    let link = introduced_links(description, &["inherited from"])
        .into_iter()
        .next()?;
    Some(mention(link, 0))
}

/// Lines of prose with their line numbers: not front matter, code or tables.
fn prose_lines<'a>(page: &'a PageText<'_>) -> impl Iterator<Item = (&'a str, u32)> + 'a {
    let body_start = page.front.body_start;
    page.lines
        .iter()
        .enumerate()
        .skip(body_start)
        .filter(move |(index, line)| {
            !page.outline.in_fence.get(*index).copied().unwrap_or(false)
                && !line.text.trim_start().starts_with('|')
        })
        .map(|(_, line)| (line.text.as_str(), line.line))
}

fn mention((text, target): (String, String), line: u32) -> TypeMention {
    TypeMention {
        name: text,
        link: link_page_stem(&target),
        line,
    }
}

/// The links a phrase introduces: the first when at most a few plain words stand between it and
/// the phrase, then each further link joined to it by `,`, `and` or `or`. Links whose text is
/// not one word are not type names and end the list.
fn introduced_links(text: &str, phrases: &[&str]) -> Vec<(String, String)> {
    let lower = text.to_ascii_lowercase();
    let Some(after) = phrases
        .iter()
        .filter_map(|phrase| lower.find(phrase).map(|at| at + phrase.len()))
        .min()
        .and_then(|at| text.get(at..))
    else {
        return Vec::new();
    };
    let Some(open) = after.find('[') else {
        return Vec::new();
    };
    let gap = &after[..open];
    let padded = format!(" {} ", gap.to_ascii_lowercase());
    let words = gap.split_whitespace().count();
    if words > MAX_WORDS_BEFORE_LINK
        || gap.contains(['.', ';', ':', '('])
        || [" in ", " of ", " to ", " with ", " by ", " from "]
            .iter()
            .any(|w| padded.contains(w))
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut rest = &after[open..];
    while let Some((link, used)) = link_at(rest) {
        if link.0.is_empty() || link.0.contains(char::is_whitespace) {
            break;
        }
        found.push(link);
        rest = &rest[used..];
        let next = rest.find('[').unwrap_or(rest.len());
        let joiner = rest[..next].to_ascii_lowercase();
        let only_joins = joiner
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '*' | '`'))
            .all(|word| word.is_empty() || word == "and" || word == "or");
        if !only_joins || next == rest.len() {
            break;
        }
        rest = &rest[next..];
    }
    found
}

/// The inline link `[text](target)` at the start of `text`, and the bytes it spans.
fn link_at(text: &str) -> Option<((String, String), usize)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find("](")?;
    let after = &inner[close + 2..];
    let end = after.find(')')?;
    let target = after[..end].split_whitespace().next().unwrap_or("");
    let label = strip_inline_markup(&inner[..close]).trim().to_string();
    Some(((label, target.to_string()), 1 + close + 2 + end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, phrases: &[&str]) -> Vec<String> {
        introduced_links(text, phrases)
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn reads_links_that_follow_the_phrase() {
        assert_eq!(
            names(
                "Represents a base type for [printer](printer.md) and [printerShare](printerShare.md) entity types.",
                DERIVED_PHRASES
            ),
            ["printer", "printerShare"]
        );
        assert_eq!(
            names(
                "This is the base type for richer location types such as [room](room.md) and [roomList](roomlist.md).",
                DERIVED_PHRASES
            ),
            ["room", "roomList"]
        );
        assert_eq!(
            names(
                "Inherits from [directoryObject](/graph/api/resources/directoryobject?view=graph-rest-v1.0).",
                BASE_PHRASES
            ),
            ["directoryObject"]
        );
    }

    #[test]
    fn ignores_links_the_phrase_does_not_introduce() {
        assert!(names(
            "Represents a base class for apply actions in the [accessReviewScheduleSettings](a.md) of an [accessReviewScheduleDefinition](b.md).",
            DERIVED_PHRASES
        )
        .is_empty());
        assert!(names(
            "It's a singleton that inherits from base policy type, and always exists. See [policy](p.md).",
            BASE_PHRASES
        )
        .is_empty());
        assert!(names(
            "A two-letter code derived from ISO 639-1. See [the list](iso.md).",
            BASE_PHRASES
        )
        .is_empty());
    }

    #[test]
    fn a_property_row_names_the_type_it_comes_from() {
        let found =
            inherited_from("The identifier. Inherited from [entity](entity.md). Read-only.")
                .expect("mention");
        assert_eq!(
            (found.name.as_str(), found.link.as_deref()),
            ("entity", Some("entity"))
        );
        assert!(inherited_from("Inherited from the base type.").is_none());
    }
}
