//! Small text helpers shared by the page readers: Markdown links, HTML entities, cell clean-up.

/// A Markdown link `[text](target)` or reference link `[text][]` / `[text][ref]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    /// The target as written (`../resources/chat.md#anchor`); empty for reference links.
    pub target: String,
}

/// Every inline link in `text`, in order.
pub fn links(text: &str) -> Vec<Link> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after_open = &rest[open + 1..];
        let Some(close) = matching_bracket(after_open) else {
            break;
        };
        let link_text = &after_open[..close];
        let after_text = &after_open[close + 1..];
        if let Some(inner) = after_text.strip_prefix('(') {
            if let Some(end) = inner.find(')') {
                let target = inner[..end].split_whitespace().next().unwrap_or("");
                found.push(Link {
                    text: strip_inline_markup(link_text),
                    target: target.to_string(),
                });
                rest = &inner[end + 1..];
                continue;
            }
        } else if let Some(inner) = after_text.strip_prefix('[') {
            if let Some(end) = inner.find(']') {
                found.push(Link {
                    text: strip_inline_markup(link_text),
                    target: String::new(),
                });
                rest = &inner[end + 1..];
                continue;
            }
        }
        rest = after_open;
    }
    found
}

/// Position of the `]` that closes an already opened `[`, allowing nested brackets.
pub fn matching_bracket(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, ch) in text.char_indices() {
        match ch {
            '[' => depth += 1,
            ']' if depth == 0 => return Some(index),
            ']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The file stem a link points at, lower-cased: `../resources/chatMessage.md#x` → `chatmessage`.
/// `None` for links that are not to a Markdown page.
pub fn link_page_stem(target: &str) -> Option<String> {
    let without_anchor = target.split('#').next().unwrap_or("");
    let without_query = without_anchor.split('?').next().unwrap_or("");
    let file = without_query.rsplit('/').next().unwrap_or("");
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))?;
    if stem.is_empty() {
        return None;
    }
    Some(stem.to_ascii_lowercase())
}

/// Replaces Markdown links by their text, and drops emphasis and code markers.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after_open = &rest[open + 1..];
        let Some(close) = matching_bracket(after_open) else {
            out.push('[');
            rest = after_open;
            continue;
        };
        let link_text = &after_open[..close];
        let after_text = &after_open[close + 1..];
        if let Some(inner) = after_text.strip_prefix('(') {
            if let Some(end) = inner.find(')') {
                out.push_str(link_text);
                rest = &inner[end + 1..];
                continue;
            }
        }
        if let Some(inner) = after_text.strip_prefix("[]") {
            out.push_str(link_text);
            rest = inner;
            continue;
        }
        out.push('[');
        rest = after_open;
    }
    out.push_str(rest);
    strip_inline_markup(&out)
}

/// Drops `**`, `__`, `` ` `` and `*` markers.
pub fn strip_inline_markup(text: &str) -> String {
    text.chars()
        .filter(|ch| !matches!(ch, '*' | '`'))
        .collect::<String>()
        .replace("__", "")
        .trim()
        .to_string()
}

/// Decodes the HTML entities the docs use, turns `<br>` into a space and tabs into spaces.
pub fn clean_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['&', '<', '\t']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if let Some(after_tab) = tail.strip_prefix('\t') {
            out.push(' ');
            rest = after_tab;
        } else if let Some(after_angle) = tail.strip_prefix('<') {
            let lower: String = tail
                .chars()
                .take(6)
                .collect::<String>()
                .to_ascii_lowercase();
            if lower.starts_with("<br") {
                match tail.find('>') {
                    Some(end) => {
                        out.push(' ');
                        rest = &tail[end + 1..];
                    }
                    None => {
                        out.push('<');
                        rest = after_angle;
                    }
                }
            } else {
                out.push('<');
                rest = after_angle;
            }
        } else {
            match decode_entity(tail) {
                Some((decoded, used)) => {
                    out.push_str(decoded);
                    rest = tail.get(used..).unwrap_or("");
                }
                None => {
                    out.push('&');
                    rest = &tail[1..];
                }
            }
        }
    }
    out.push_str(rest);
    collapse_spaces(&out)
}

fn decode_entity(text: &str) -> Option<(&'static str, usize)> {
    const ENTITIES: [(&str, &str); 9] = [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&#124;", "|"),
        ("&vert;", "|"),
    ];
    let lower: String = text
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    ENTITIES
        .iter()
        .find(|(entity, _)| lower.starts_with(entity))
        .map(|(entity, decoded)| (*decoded, entity.len()))
}

/// Trims and collapses runs of whitespace into one space.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cased text with everything but letters and digits removed: for comparing headings.
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|ch| ch.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text holds `word` as a word of its own, ASCII case aside: "a collection of" does,
/// the type name `appLogCollectionRequest` does not.
pub fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Converts a byte count to the `u32` line numbers the model uses, saturating.
pub fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stand_alone() {
        assert!(has_word(
            "returns a collection of [user](user.md) objects",
            "collection"
        ));
        assert!(has_word("Collection(microsoft.graph.user)", "collection"));
        assert!(!has_word(
            "a [appLogCollectionRequest](x.md) object",
            "collection"
        ));
    }

    #[test]
    fn finds_inline_and_reference_links() {
        let found = links("[chat](../resources/chat.md) or [user][] and [x] alone");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].target, "../resources/chat.md");
        assert_eq!(found[1].text, "user");
        assert_eq!(found[1].target, "");
    }

    #[test]
    fn page_stem_is_lowercase_without_anchor() {
        assert_eq!(
            link_page_stem("../resources/chatMessage.md#props"),
            Some("chatmessage".to_string())
        );
        assert_eq!(link_page_stem("https://example.com/x"), None);
    }

    #[test]
    fn cleans_entities_breaks_and_tabs() {
        assert_eq!(clean_cell("a&lt;b&gt;<br/>c\td &amp; e"), "a<b> c d & e");
        assert_eq!(clean_cell("&unknown; ok"), "&unknown; ok");
    }

    #[test]
    fn plain_text_drops_links_and_markup() {
        assert_eq!(
            plain_text("**Read-only.** See [chat](chat.md) and `code`"),
            "Read-only. See chat and code"
        );
    }
}
