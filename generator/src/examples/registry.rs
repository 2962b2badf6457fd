//! The registry of documented examples known to be wrong.
//!
//! A checked-in JSON file lists the examples that cannot pass because the docs are wrong.
//! Each entry names one example side, one category from a fixed set, and the specific
//! defect:
//!
//! ```json
//! {
//!   "entries": [
//!     {
//!       "example": "api/user-get.md#get_user_2/response",
//!       "category": "wrong-json-kind",
//!       "reason": "`businessPhones` is documented as a collection but the example gives a string"
//!     }
//!   ]
//! }
//! ```
//!
//! - `example` is the stable id of one side of one example: the page file relative to the docs
//!   root (with `/`), `#`, the example's name, and `/request` or `/response`. When a page gives
//!   two examples the same name, the second is `name~2`, the third `name~3`, in page order.
//! - `category` is one of [`Category`]'s kebab-case names; each names one kind of docs defect.
//! - `reason` says what is wrong in this example; it must not be empty.
//!
//! Entries are unique by `example`. The generated example tests fail for every example that
//! fails and is not listed, and for every listed example that passes, so the list cannot go
//! stale.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The kinds of docs defect an example can be registered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A placeholder (`{id}`, `<value>`, `string`) stands where a typed value belongs.
    PlaceholderValue,
    /// A value of the wrong JSON kind for its documented type (a string for a number, an
    /// object for a collection).
    WrongJsonKind,
    /// A value of the right kind that its type rejects (a malformed date, GUID, duration or
    /// base64 payload, a number out of range).
    InvalidValue,
    /// A body meant as JSON that no lenient reading rescues.
    NotJson,
    /// The example URL fits none of the page's documented request lines.
    UrlMatchesNoRequestLine,
    /// The response example shows another type than the one the page documents (a single
    /// object for a collection, an unrelated type).
    ResponseTypeMismatch,
    /// A response body where the page documents none (`204 No Content`, a raw stream).
    BodyWhereNoneDocumented,
    /// A request body whose members do not fit the documented body type.
    BodyNotInType,
    /// The request sends a body the page does not document.
    RequestBodyUndocumented,
    /// The request omits a body the page documents.
    RequestBodyMissing,
    /// A documented required query parameter is missing from the example URL.
    RequiredQueryMissing,
    /// A query parameter value does not fit its documented type.
    QueryValueNotOfType,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Category::PlaceholderValue,
        Category::WrongJsonKind,
        Category::InvalidValue,
        Category::NotJson,
        Category::UrlMatchesNoRequestLine,
        Category::ResponseTypeMismatch,
        Category::BodyWhereNoneDocumented,
        Category::BodyNotInType,
        Category::RequestBodyUndocumented,
        Category::RequestBodyMissing,
        Category::RequiredQueryMissing,
        Category::QueryValueNotOfType,
    ];

    /// The kebab-case name used in the registry file.
    pub fn name(self) -> &'static str {
        match self {
            Category::PlaceholderValue => "placeholder-value",
            Category::WrongJsonKind => "wrong-json-kind",
            Category::InvalidValue => "invalid-value",
            Category::NotJson => "not-json",
            Category::UrlMatchesNoRequestLine => "url-matches-no-request-line",
            Category::ResponseTypeMismatch => "response-type-mismatch",
            Category::BodyWhereNoneDocumented => "body-where-none-documented",
            Category::BodyNotInType => "body-not-in-type",
            Category::RequestBodyUndocumented => "request-body-undocumented",
            Category::RequestBodyMissing => "request-body-missing",
            Category::RequiredQueryMissing => "required-query-missing",
            Category::QueryValueNotOfType => "query-value-not-of-type",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.name() == name)
    }
}

/// One registered example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownBrokenEntry {
    pub example: String,
    pub category: Category,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    entries: Vec<KnownBrokenEntry>,
}

/// The registry, by example id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownBroken {
    pub entries: BTreeMap<String, KnownBrokenEntry>,
}

impl KnownBroken {
    /// Reads the registry file; any malformed entry is an error naming it.
    pub fn load(path: &Path) -> Result<KnownBroken, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        KnownBroken::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads the registry from its JSON text.
    pub fn parse(text: &str) -> Result<KnownBroken, String> {
        let file: RegistryFile = serde_json::from_str(text)
            .map_err(|e| format!("not a registry of known-broken examples: {e}"))?;
        let mut entries = BTreeMap::new();
        for entry in file.entries {
            check_id(&entry.example)?;
            if entry.reason.trim().is_empty() {
                return Err(format!(
                    "`{}`: the reason is empty; say what is wrong in this example",
                    entry.example
                ));
            }
            let id = entry.example.clone();
            if entries.insert(id.clone(), entry).is_some() {
                return Err(format!("`{id}` is listed twice"));
            }
        }
        Ok(KnownBroken { entries })
    }

    pub fn get(&self, id: &str) -> Option<&KnownBrokenEntry> {
        self.entries.get(id)
    }

    /// The registry file text for these entries, sorted by id.
    pub fn to_json(&self) -> String {
        let entries: Vec<&KnownBrokenEntry> = self.entries.values().collect();
        let value = serde_json::json!({ "entries": entries });
        serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
    }
}

/// `page.md#name/request`: a page path, a non-empty name, a side.
fn check_id(id: &str) -> Result<(), String> {
    let malformed =
        || format!("`{id}` is not an example id (`<page file>#<example name>/request|response`)");
    let (page, rest) = id.split_once('#').ok_or_else(malformed)?;
    let (name, side) = rest.rsplit_once('/').ok_or_else(malformed)?;
    if page.is_empty()
        || !page.ends_with(".md")
        || name.is_empty()
        || !matches!(side, "request" | "response")
    {
        return Err(malformed());
    }
    Ok(())
}

/// The id of one side of an example (see the module documentation).
pub fn example_id(file: &str, name: &str, side: Side) -> String {
    format!("{file}#{name}/{}", side.name())
}

/// Which half of an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    Request,
    Response,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_name_reads_back() {
        for category in Category::ALL {
            assert_eq!(Category::from_name(category.name()), Some(category));
            let json = serde_json::to_string(&category).expect("serializes");
            assert_eq!(json, format!("\"{}\"", category.name()));
        }
        assert_eq!(Category::from_name("does-not-work"), None);
    }

    #[test]
    fn ids_are_page_name_and_side() {
        assert_eq!(
            example_id("api/user-get.md", "get_user", Side::Response),
            "api/user-get.md#get_user/response"
        );
        assert!(check_id("api/user-get.md#get_user/request").is_ok());
        assert!(check_id("api/user-get.md#a/b/response").is_ok());
        for bad in [
            "api/user-get.md",
            "api/user-get.md#/request",
            "#x/request",
            "api/x.md#x/both",
            "api/x.txt#x/request",
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }
}
