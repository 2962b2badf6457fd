//! The OData system query options (`$select`, `$filter`, ...) a method page says its request
//! takes, as plain data: what the page states, and the set that statement comes to.

use std::collections::BTreeSet;

use serde::Serialize;

/// One OData system query option the client can set on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SystemQueryOption {
    #[serde(rename = "$select")]
    Select,
    #[serde(rename = "$expand")]
    Expand,
    #[serde(rename = "$filter")]
    Filter,
    #[serde(rename = "$orderby")]
    OrderBy,
    #[serde(rename = "$top")]
    Top,
    #[serde(rename = "$skip")]
    Skip,
    #[serde(rename = "$count")]
    Count,
    #[serde(rename = "$search")]
    Search,
}

impl SystemQueryOption {
    pub const ALL: [SystemQueryOption; 8] = [
        SystemQueryOption::Select,
        SystemQueryOption::Expand,
        SystemQueryOption::Filter,
        SystemQueryOption::OrderBy,
        SystemQueryOption::Top,
        SystemQueryOption::Skip,
        SystemQueryOption::Count,
        SystemQueryOption::Search,
    ];

    /// The option a name stands for, with or without its `$`, in any case (`$orderBy`,
    /// `select`); `None` for options the client does not set itself (`$skipToken`, `$format`).
    pub fn parse(name: &str) -> Option<SystemQueryOption> {
        let bare = name.trim().trim_start_matches('$');
        SystemQueryOption::ALL
            .into_iter()
            .find(|option| option.parameter()[1..].eq_ignore_ascii_case(bare))
    }

    /// The query parameter, as the docs spell it in lower case (`$orderby`).
    pub fn parameter(self) -> &'static str {
        match self {
            SystemQueryOption::Select => "$select",
            SystemQueryOption::Expand => "$expand",
            SystemQueryOption::Filter => "$filter",
            SystemQueryOption::OrderBy => "$orderby",
            SystemQueryOption::Top => "$top",
            SystemQueryOption::Skip => "$skip",
            SystemQueryOption::Count => "$count",
            SystemQueryOption::Search => "$search",
        }
    }

    /// Whether the option only makes sense on a collection (`$top`, `$filter`, ...), as
    /// opposed to shaping one object (`$select`, `$expand`).
    pub fn narrows_a_collection(self) -> bool {
        !matches!(self, SystemQueryOption::Select | SystemQueryOption::Expand)
    }
}

/// What a page says of the query options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum QueryStatement {
    /// No section or sentence says anything.
    #[default]
    Silent,
    /// "This method does not support the OData query parameters."
    NoneSupported,
    /// "This method supports the OData query parameters", naming none (or naming some as
    /// examples, "including `$filter`"): every option that fits the response.
    AllSupported,
    /// The options it names (`supports the $select and $filter query parameters`).
    Named,
}

/// The page's statement, with the options it names or rules out, and where it says so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentedQueryOptions {
    pub statement: QueryStatement,
    /// Named as supported (for `Named`, and as examples for `AllSupported`).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub named: BTreeSet<SystemQueryOption>,
    /// Named as not supported (`$filter is not supported here`).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub ruled_out: BTreeSet<SystemQueryOption>,
    /// The line of the section or sentence; 0 when silent.
    pub line: u32,
}

impl DocumentedQueryOptions {
    /// The options a request may take: those named; or, where the page supports them all,
    /// `$select` and `$expand` on one object and every option on a collection; minus those
    /// ruled out.
    pub fn options(&self, answers_a_collection: bool) -> BTreeSet<SystemQueryOption> {
        let stated: BTreeSet<SystemQueryOption> = match self.statement {
            QueryStatement::Silent | QueryStatement::NoneSupported => BTreeSet::new(),
            QueryStatement::Named => self.named.clone(),
            QueryStatement::AllSupported => SystemQueryOption::ALL
                .into_iter()
                .filter(|option| answers_a_collection || !option.narrows_a_collection())
                .chain(self.named.iter().copied())
                .collect(),
        };
        stated.difference(&self.ruled_out).copied().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_with_or_without_dollar_in_any_case() {
        assert_eq!(
            SystemQueryOption::parse("$orderBy"),
            Some(SystemQueryOption::OrderBy)
        );
        assert_eq!(
            SystemQueryOption::parse("select"),
            Some(SystemQueryOption::Select)
        );
        assert_eq!(SystemQueryOption::parse("$skipToken"), None);
    }

    #[test]
    fn all_supported_fits_the_response_and_drops_what_is_ruled_out() {
        let documented = DocumentedQueryOptions {
            statement: QueryStatement::AllSupported,
            named: BTreeSet::new(),
            ruled_out: [SystemQueryOption::Filter].into(),
            line: 3,
        };
        assert_eq!(
            documented.options(false),
            [SystemQueryOption::Select, SystemQueryOption::Expand].into()
        );
        let on_collection = documented.options(true);
        assert_eq!(on_collection.len(), 7);
        assert!(!on_collection.contains(&SystemQueryOption::Filter));
    }

    #[test]
    fn silence_and_refusal_allow_nothing() {
        let silent = DocumentedQueryOptions::default();
        assert!(silent.options(true).is_empty());
        let refused = DocumentedQueryOptions {
            statement: QueryStatement::NoneSupported,
            ..DocumentedQueryOptions::default()
        };
        assert!(refused.options(true).is_empty());
    }
}
