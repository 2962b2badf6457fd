//! Rust identifiers for documented names: one rule, applied everywhere.
//!
//! # Words
//! A name is split into words, then the words are joined in the wanted case:
//! - every character that is not an ASCII letter or digit (`@`, `.`, `-`, `_`, `$`, spaces,
//!   non-ASCII letters) separates words and is dropped: `@odata.type` → `odata`, `type`;
//! - inside a run of letters and digits, a word starts at an upper-case letter that follows a
//!   lower-case letter or a digit (`displayName` → `display`, `name`; `ipv4Address` → `ipv4`,
//!   `address`), and at the last capital of an acronym followed by a lower-case letter
//!   (`HTMLBody` → `html`, `body`); digits stay with the letters before them (`office365`);
//! - words are lower-cased; snake case joins them with `_`, Pascal case capitalizes each.
//!
//! # Always legal
//! - Nothing left (a name of punctuation only): `unnamed` / `Unnamed`.
//! - A leading digit gets the prefix `n` / `N`: `1080p` → `n1080p` / `N1080p`.
//! - A Pascal-case name of capitals only (single-letter words, `a-b` → `AB`) keeps only its
//!   first capital (`Ab`), so that it does not read as an acronym.
//! - Snake-case keywords become raw identifiers (`type` → `r#type`), except the ones a raw
//!   identifier cannot spell (`self`, `Self`, `super`, `crate`), which get a trailing `_`.
//! - Pascal-case type names never shadow a prelude, `std`, serde, chrono, uuid or runtime
//!   name the generated code uses (`Option`, `Result`, `String`, `Box`, `Vec`, `Some`, `None`,
//!   `Field`, `Page`, `Value`, ... see [`RESERVED_TYPE_NAMES`]) nor `Self`: they get the suffix
//!   `Type` (`Option` → `OptionType`). Enum variants only avoid `Self` (→ `SelfValue`).
//!
//! # Never colliding
//! Names are claimed in a [`Scope`] (one per Rust namespace: the types of an OData namespace,
//! the fields of a struct, the variants of an enum, the arguments of a function, the endpoint
//! functions of the crate). Claims are made in a documented, deterministic order (types by
//! full OData name, fields base-first in documented order, operations in model order); the
//! first claimant keeps the name and later ones get the first free numeric suffix starting at
//! 2: `name_2`, `name_3` in snake case, `Name2`, `Name3` in Pascal case. Comparison ignores
//! the `r#` prefix.
//!
//! # Endpoint functions
//! `{method}_{segment}_{segment}...`: the lower-case HTTP method, then per path segment
//! - a literal segment in snake case (`messages`, `calendarView` → `calendar_view`,
//!   `$ref`/`$value`/`$count` → `ref`/`value`/`count`, `root:` → `root`, `...` → `nested`);
//! - a function or key segment (`getByPath(path='{path}')`, `delta()`) by its function name,
//!   without namespace qualifier, in snake case (`get_by_path`, `delta`);
//! - the key of a collection (`{chat-id}` after `chats`) as `by_id`, whatever the page calls
//!   it; another placeholder segment as `by_{param}`;
//!
//! then, for query parameters written into the template itself, `with_{name}`.
//! `POST /chats/{chat-id}/messages` → `post_chats_by_id_messages`,
//! `GET /me/messages` → `get_me_messages`. The key argument is named after the collection,
//! singular (`chat_id`, `user_id` for `/users/{id | userPrincipalName}`).
//!
//! Request lines that would share a name are named after what differs, each group at the
//! least detail that tells its members apart: first the parameter names of functions
//! (`..._image_with_width_height`) and the words of a written query value before any `(`
//! (`..._with_expand_extensions`); then the documented placeholder names (`by_user_principal_name`)
//! and the whole written query value. Request lines with the same method and the same path once
//! placeholder names are erased and literals lower-cased are emitted once (the first in model
//! order); what still clashes gets the numeric suffix above.
//!
//! # The resource tree
//! See `plan::tree`: steps are named like segments (`messages()`, `id(..)`, `root_path(..)`,
//! `as_group()`), leaves after the verb's meaning, node structs after the steps that reach
//! them (`UserMessages`), at most 60 characters.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span};

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords a raw identifier cannot spell.
const UNRAWABLE_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

/// Type names generated types must not take: prelude and `std` items, and every name the
/// generated files import or spell unqualified.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    // prelude
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "Default",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Debug",
    "Hash",
    // std items generated code names
    "Self",
    "Display",
    "Formatter",
    "Error",
    "Cow",
    "Rc",
    "Arc",
    "HashMap",
    "BTreeMap",
    "Duration",
    // serde, serde_json, chrono, uuid
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "Value",
    "Map",
    "DateTime",
    "Utc",
    "NaiveDate",
    "NaiveTime",
    "Uuid",
    // the runtime
    "Field",
    "Page",
    "Path",
    "Part",
    "Request",
    "Json",
    "NoContent",
    "RawBytes",
    "Method",
    "Body",
    "Base64Bytes",
    "IsoDuration",
    "ValueWrapper",
];

/// Splits a documented name into lower-case words (see the module docs).
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    for run in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|run| !run.is_empty())
    {
        let chars: Vec<char> = run.chars().collect();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = if i > 0 {
                chars.get(i - 1).copied()
            } else {
                None
            };
            let next = chars.get(i + 1).copied();
            let starts_word = match prev {
                None => false,
                Some(p) if c.is_ascii_uppercase() => {
                    p.is_ascii_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
                }
                Some(_) => false,
            };
            if starts_word && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.push(c.to_ascii_lowercase());
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

fn join_snake(words: &[String]) -> String {
    let mut out = words.join("_");
    if out.is_empty() {
        out = "unnamed".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'n');
    }
    out
}

fn join_pascal(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out = "Unnamed".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    // Single-letter words would spell an all-capitals name (`a-b` → `AB`), which reads as
    // an acronym; such names keep only their first capital.
    let letters = out.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if letters > 1 && out.chars().all(|c| !c.is_ascii_lowercase()) {
        let mut chars = out.chars();
        let first = chars.next().map(String::from).unwrap_or_default();
        out = first + &chars.as_str().to_ascii_lowercase();
    }
    out
}

/// Makes a snake-case word sequence a legal identifier (raw identifier or `_` suffix for keywords).
fn legal_snake(text: String) -> String {
    if RAW_KEYWORDS.contains(&text.as_str()) {
        format!("r#{text}")
    } else if UNRAWABLE_KEYWORDS.contains(&text.as_str()) {
        format!("{text}_")
    } else {
        text
    }
}

/// The snake-case identifier for a documented name: fields, arguments, functions, modules.
pub fn snake(name: &str) -> String {
    legal_snake(join_snake(&words(name)))
}

/// The Pascal-case name for a type (never a reserved name).
pub fn type_name(name: &str) -> String {
    let text = join_pascal(&words(name));
    if RESERVED_TYPE_NAMES.contains(&text.as_str()) {
        format!("{text}Type")
    } else {
        text
    }
}

/// The Pascal-case name for an enum variant.
pub fn variant_name(name: &str) -> String {
    let text = join_pascal(&words(name));
    if text == "Self" {
        "SelfValue".to_string()
    } else {
        text
    }
}

/// The singular of an English plural word, for the item of a collection (`users` → `user`,
/// `policies` → `policy`, `children` → `child`); a word that is not plural stays as is.
pub fn singular(word: &str) -> String {
    let irregular = [
        ("children", "child"),
        ("people", "person"),
        ("data", "data"),
    ];
    if let Some((_, one)) = irregular.iter().find(|(many, _)| *many == word) {
        return (*one).to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        if stem.len() > 1 {
            return format!("{stem}y");
        }
    }
    for ending in ["sses", "shes", "ches", "xes", "zes"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    let keeps_s = ["ss", "us", "is"].iter().any(|e| word.ends_with(e));
    match word.strip_suffix('s') {
        Some(stem) if !keeps_s && stem.len() > 1 => stem.to_string(),
        _ => word.to_string(),
    }
}

/// Builds an identifier token from a name made by this module (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The name without its `r#` prefix, as used for file names and cargo features.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Which case a [`Scope`] hands out, deciding how numeric suffixes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Snake,
    Pascal,
}

/// One Rust namespace in which every claimed name is distinct.
#[derive(Debug, Clone)]
pub struct Scope {
    case: Case,
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new(case: Case) -> Self {
        Scope {
            case,
            taken: BTreeSet::new(),
        }
    }

    /// Claims `name` (already legal), or the first free numbered variant of it.
    pub fn claim(&mut self, name: &str) -> String {
        let plain = unraw(name).to_string();
        if self.taken.insert(plain.clone()) {
            return name.to_string();
        }
        // Keywords stop being keywords once numbered, so the suffix goes on the unraw text.
        let stem = plain.trim_end_matches('_');
        let mut n = 2u32;
        loop {
            let candidate = match self.case {
                Case::Snake => format!("{stem}_{n}"),
                Case::Pascal => format!("{stem}{n}"),
            };
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// True when `name` has been claimed.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(unraw(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_case_acronyms_and_punctuation() {
        assert_eq!(words("displayName"), ["display", "name"]);
        assert_eq!(words("HTMLBody"), ["html", "body"]);
        assert_eq!(words("ipv4Address"), ["ipv4", "address"]);
        assert_eq!(words("@odata.type"), ["odata", "type"]);
        assert_eq!(words("chat-id"), ["chat", "id"]);
        assert_eq!(
            words("oAuth2PermissionGrant"),
            ["o", "auth2", "permission", "grant"]
        );
        assert_eq!(
            words("getOffice365ActiveUserDetail"),
            ["get", "office365", "active", "user", "detail"]
        );
        assert_eq!(words("$value"), ["value"]);
        assert!(words("@.-").is_empty());
    }

    #[test]
    fn identifiers_are_always_legal() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("1080p"), "n1080p");
        assert_eq!(snake("@@"), "unnamed");
        assert_eq!(type_name("option"), "OptionType");
        assert_eq!(type_name("string"), "StringType");
        assert_eq!(type_name("self"), "SelfType");
        assert_eq!(type_name("chatMessage"), "ChatMessage");
        assert_eq!(type_name("3dModel"), "N3dModel");
        assert_eq!(variant_name("self"), "SelfValue");
        assert_eq!(variant_name("none"), "None");
        assert_eq!(variant_name("a-b"), "Ab");
        assert_eq!(variant_name("A"), "A");
        assert_eq!(ident("r#type").to_string(), "r#type");
    }

    #[test]
    fn singulars_of_collection_names() {
        for (many, one) in [
            ("users", "user"),
            ("policies", "policy"),
            ("children", "child"),
            ("addresses", "address"),
            ("branches", "branch"),
            ("mailboxes", "mailbox"),
            ("status", "status"),
            ("analysis", "analysis"),
            ("photos", "photo"),
            ("drive", "drive"),
        ] {
            assert_eq!(singular(many), one, "{many}");
        }
    }

    #[test]
    fn scopes_number_later_claimants() {
        let mut scope = Scope::new(Case::Snake);
        assert_eq!(scope.claim("display_name"), "display_name");
        assert_eq!(scope.claim("display_name"), "display_name_2");
        assert_eq!(scope.claim("display_name"), "display_name_3");
        assert_eq!(scope.claim("r#type"), "r#type");
        assert_eq!(scope.claim("r#type"), "type_2");
        assert_eq!(scope.claim("self_"), "self_");
        assert_eq!(scope.claim("self_"), "self_2");
        let mut types = Scope::new(Case::Pascal);
        assert_eq!(types.claim("Alert"), "Alert");
        assert_eq!(types.claim("Alert"), "Alert2");
    }
}
