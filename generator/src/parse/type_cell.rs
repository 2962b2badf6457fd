//! Type cells in all their spellings: `String`, `` `string` ``, `Edm.String`, `X collection`,
//! `Collection(X)`, `[x](x.md)`, `[x][]`, `[a](a.md) or [b](b.md)`.

use super::text::{link_page_stem, links, matching_bracket, strip_inline_markup};
use crate::model::Primitive;

/// A type as written, before cross-page resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeName {
    Primitive(Primitive),
    /// A type named by a link or by its (possibly qualified) name.
    Named {
        name: String,
        /// File stem of the linked page, lower-cased, when the cell links to one.
        link: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeCell {
    pub name: TypeName,
    pub collection: bool,
    /// The cell named more than one type (`[a](a.md) or [b](b.md)`); the first is kept.
    pub alternatives: usize,
}

/// The OData primitive a spelling stands for: `String`, `Edm.Int32`, `dateTimeOffset`, ...
pub fn primitive(name: &str) -> Option<Primitive> {
    let lower = name.trim().trim_matches('`').to_ascii_lowercase();
    let lower = lower.strip_prefix("edm.").unwrap_or(&lower);
    let primitive = match lower {
        "string" | "str" | "text" => Primitive::String,
        "boolean" | "bool" => Primitive::Boolean,
        "byte" => Primitive::Byte,
        "sbyte" => Primitive::SByte,
        "int16" | "short" => Primitive::Int16,
        "int32" | "int" | "integer" | "number" => Primitive::Int32,
        "int64" | "long" => Primitive::Int64,
        "single" | "float" => Primitive::Single,
        "double" => Primitive::Double,
        "decimal" => Primitive::Decimal,
        "guid" | "uuid" => Primitive::Guid,
        "datetimeoffset" | "datetime" | "timestamp" => Primitive::DateTimeOffset,
        "date" => Primitive::Date,
        "timeofday" => Primitive::TimeOfDay,
        "duration" | "timespan" => Primitive::Duration,
        "binary" | "base64" | "base64url" | "byte[]" => Primitive::Binary,
        "stream" => Primitive::Stream,
        "json" | "untyped" | "object" | "any" => Primitive::Untyped,
        _ => return None,
    };
    Some(primitive)
}

/// Reads a type cell; `None` when nothing in it looks like a type.
pub fn parse(cell: &str) -> Option<TypeCell> {
    // Only words outside links say "collection": a link's own text may contain the word
    // (`[siteCollection](sitecollection.md)`), and a reference link ends in `[]` (`[file][]`).
    let around = text_around_links(cell);
    let mut collection =
        around.to_ascii_lowercase().contains("collection") || around.trim_end().ends_with("[]");
    let found_links: Vec<_> = links(cell)
        .into_iter()
        .filter(|l| !l.text.trim().is_empty())
        .collect();
    if let Some(first) = found_links.first() {
        let text = first.text.trim().trim_matches('`').to_string();
        let name = match primitive(&text) {
            Some(p) => TypeName::Primitive(p),
            None => TypeName::Named {
                name: text,
                link: link_page_stem(&first.target),
            },
        };
        return Some(TypeCell {
            name,
            collection,
            alternatives: found_links.len(),
        });
    }
    let plain = strip_inline_markup(cell);
    let mut inner = plain.as_str();
    if let Some(rest) = strip_prefix_ignore_case(inner, "collection(") {
        collection = true;
        inner = rest.trim_end().trim_end_matches(')');
    }
    if let Some(rest) = strip_prefix_ignore_case(inner, "collection of ") {
        collection = true;
        inner = rest;
    }
    let word = inner
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '/'))
        .find(|w| !w.is_empty() && !w.eq_ignore_ascii_case("collection"))?;
    let word = word
        .trim_end_matches("[]")
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'));
    if word.is_empty() || !word.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = match primitive(word) {
        Some(p) => TypeName::Primitive(p),
        None => TypeName::Named {
            name: word.to_string(),
            link: None,
        },
    };
    Some(TypeCell {
        name,
        collection,
        alternatives: 1,
    })
}

/// `cell` with every inline link (`[text](target)`) and reference link (`[text][]`,
/// `[text][ref]`) left out; other brackets (`String[]`) stay.
fn text_around_links(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(open) = rest.find('[') {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        // `from_open` starts with the `[`; the match is searched after it.
        let close = matching_bracket(from_open.get(1..).unwrap_or("")).map(|i| i + 1);
        let link_end = close.and_then(|close| {
            let after_text = from_open.get(close + 1..)?;
            let closer = match after_text.chars().next()? {
                '(' => ')',
                '[' => ']',
                _ => return None,
            };
            let end = after_text.find(closer)?;
            Some(close + 1 + end + 1)
        });
        match link_end {
            Some(end) => rest = from_open.get(end..).unwrap_or(""),
            None => {
                out.push('[');
                rest = from_open.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, link: Option<&str>) -> TypeName {
        TypeName::Named {
            name: name.to_string(),
            link: link.map(str::to_string),
        }
    }

    #[test]
    fn reads_primitive_spellings() {
        for cell in [
            "String",
            "string",
            "`string`",
            "Edm.String",
            "String (identifier)",
        ] {
            assert_eq!(
                parse(cell).map(|c| c.name),
                Some(TypeName::Primitive(Primitive::String)),
                "{cell}"
            );
        }
        assert_eq!(
            parse("dateTimeOffset").map(|c| c.name),
            Some(TypeName::Primitive(Primitive::DateTimeOffset))
        );
    }

    #[test]
    fn reads_collections_and_links() {
        let cell = parse("[chatMessage](../resources/ChatMessage.md) collection").expect("type");
        assert_eq!(cell.name, named("chatMessage", Some("chatmessage")));
        assert!(cell.collection);
        let cell = parse("Collection(microsoft.graph.user)").expect("type");
        assert_eq!(cell.name, named("microsoft.graph.user", None));
        assert!(cell.collection);
        let cell = parse("String collection").expect("type");
        assert_eq!(cell.name, TypeName::Primitive(Primitive::String));
        assert!(cell.collection);
    }

    #[test]
    fn reads_reference_links_and_alternatives() {
        let cell = parse("[identitySet][]").expect("type");
        assert_eq!(cell.name, named("identitySet", None));
        assert!(
            !cell.collection,
            "a reference link's `[]` is not an array suffix"
        );
        assert!(
            parse("[identitySet][] collection")
                .expect("type")
                .collection
        );
        assert!(parse("String[]").expect("type").collection);
        let cell = parse("[user](user.md) or [group](group.md)").expect("type");
        assert_eq!(cell.name, named("user", Some("user")));
        assert_eq!(cell.alternatives, 2);
    }

    #[test]
    fn link_text_naming_a_collection_type_is_not_a_collection() {
        let cell = parse("[siteCollection](sitecollection.md)").expect("type");
        assert_eq!(cell.name, named("siteCollection", Some("sitecollection")));
        assert!(!cell.collection);
        assert!(
            parse("Collection([user](user.md))")
                .expect("type")
                .collection
        );
        assert!(
            parse("[windowsInformationProtectionResourceCollection](x.md) collection")
                .expect("type")
                .collection
        );
    }

    #[test]
    fn rejects_cells_without_a_type() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("  -  "), None);
    }
}
