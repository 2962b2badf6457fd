//! Reads what an `Optional query parameters` section says of the OData system query options:
//! "This method supports the `$select`, `$filter` and `$top` OData query parameters",
//! "supports the [OData query parameters](...)" (all of them), "does not support ..." (none),
//! "`$filter` is not supported here" (all but one).

use std::collections::BTreeSet;

use super::text::plain_text;
use crate::model::query_options::{DocumentedQueryOptions, QueryStatement, SystemQueryOption};

/// The statement of a section's prose (tables already read into `table_names`, the names in
/// their first column). `line` is the section heading's.
pub fn read(prose: &str, table_names: &[&str], line: u32) -> DocumentedQueryOptions {
    let mut named: BTreeSet<SystemQueryOption> = table_names
        .iter()
        .filter(|name| name.trim_start().starts_with('$'))
        .filter_map(|name| SystemQueryOption::parse(name))
        .collect();
    let mut ruled_out = BTreeSet::new();
    let mut supports_all = false;
    let mut supports_none = false;
    for sentence in sentences(prose) {
        let options = options_named(sentence);
        let plain = plain_text(sentence).to_ascii_lowercase();
        let generic = plain.contains("query parameter") || plain.contains("query option");
        if is_negative(&plain) {
            ruled_out.extend(options.iter().copied());
            // "Not supported." or "None." alone refuses them all, as a sentence about them does.
            let bare_refusal = plain.split_whitespace().count() <= 3;
            supports_none |= options.is_empty() && (generic || bare_refusal);
        } else {
            named.extend(options.iter().copied());
            let as_examples = options_named(before_examples(sentence)).is_empty();
            supports_all |= generic && plain.contains("support") && as_examples;
        }
    }
    let statement = if supports_all {
        QueryStatement::AllSupported
    } else if !named.is_empty() {
        QueryStatement::Named
    } else if supports_none || !ruled_out.is_empty() {
        QueryStatement::NoneSupported
    } else {
        QueryStatement::Silent
    };
    DocumentedQueryOptions {
        statement,
        named,
        ruled_out,
        line: if statement == QueryStatement::Silent {
            0
        } else {
            line
        },
    }
}

/// Sentences and list items: split at line breaks and at `. ` between words.
fn sentences(prose: &str) -> impl Iterator<Item = &str> {
    prose
        .lines()
        .flat_map(|line| line.split(". "))
        .map(str::trim)
        .filter(|sentence| !sentence.is_empty())
}

/// The part of a sentence before "including", "such as" or "for example": options named
/// after those words are examples of a general statement, not its list.
fn before_examples(sentence: &str) -> &str {
    let lower = sentence.to_ascii_lowercase();
    ["including", "such as", "for example"]
        .iter()
        .filter_map(|phrase| lower.find(phrase))
        .min()
        .map_or(sentence, |at| &sentence[..at])
}

/// "does not support", "is not (currently) supported", "isn't supported", "unsupported", or
/// a bare "None.".
fn is_negative(plain: &str) -> bool {
    let spaced = format!(" {plain}");
    let negation = [" not ", "n't ", " cannot "]
        .iter()
        .filter_map(|word| spaced.find(word))
        .min();
    ["none", "none."].contains(&plain)
        || plain.contains("unsupported")
        || negation.is_some_and(|at| spaced[at..].contains("support"))
}

/// The options a sentence names: `$select` (in code or not) and `` `select` `` in code.
fn options_named(sentence: &str) -> BTreeSet<SystemQueryOption> {
    let mut found = BTreeSet::new();
    for (at, marker) in sentence.match_indices(['$', '`']) {
        let word: String = sentence[at + marker.len()..]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        let closed_code =
            marker == "`" && sentence[at + 1 + word.len()..].starts_with('`') && !word.is_empty();
        if marker == "$" || closed_code {
            found.extend(SystemQueryOption::parse(&word));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use SystemQueryOption::*;

    fn statement(prose: &str) -> (QueryStatement, Vec<SystemQueryOption>) {
        let read = read(prose, &[], 7);
        (read.statement, read.options(true).into_iter().collect())
    }

    #[test]
    fn named_options_are_the_ones_allowed() {
        assert_eq!(
            statement("This method supports the `$select`, `$filter`, and `$top` [OData query parameters](/graph/query-parameters) to help customize the response."),
            (QueryStatement::Named, vec![Select, Filter, Top])
        );
        assert_eq!(
            statement("This method supports the `select` and `expand` [OData Query Parameters](../../concepts/query_parameters.md) to help customize the response."),
            (QueryStatement::Named, vec![Select, Expand])
        );
        assert_eq!(
            statement("You can use the [$top](/graph/query-parameters) query parameter to control the number of items per response."),
            (QueryStatement::Named, vec![Top])
        );
    }

    #[test]
    fn a_generic_statement_supports_all_but_what_it_rules_out() {
        assert_eq!(
            statement("This method supports the [OData Query Parameters](/graph/query-parameters) to help customize the response.").0,
            QueryStatement::AllSupported
        );
        let (kind, options) = statement(
            "This method supports the [OData query parameters](/graph/query-parameters) to help customize the response, including `$search`, `$count`, and `$filter`.\n\n> Note: $orderby is not supported.",
        );
        assert_eq!(kind, QueryStatement::AllSupported);
        assert!(!options.contains(&OrderBy) && options.contains(&Search));
    }

    #[test]
    fn refusals_allow_nothing() {
        for prose in [
            "This method does not support OData query parameters to customize the response.",
            "This method does **not** support any [OData query parameters](/graph/query-parameters) to help customize the response (for example, `$filter` is not supported here).",
            "This operation does not support the [OData query parameters](/graph/query-parameters) to customize the response.",
            "Not supported.",
            "None.",
            "The [OData query parameters](/graph/query-parameters) are not currently supported.",
        ] {
            assert_eq!(statement(prose), (QueryStatement::NoneSupported, vec![]), "{prose}");
        }
    }

    #[test]
    fn unrelated_negations_and_silence() {
        assert_eq!(
            statement("You can use `$select` to get specific group properties, including those that are not returned by default."),
            (QueryStatement::Named, vec![Select])
        );
        assert_eq!(
            statement("This method supports the `$select` [OData query parameter](/graph/query-parameters) to retrieve specific user properties, including those that are not returned by default."),
            (QueryStatement::Named, vec![Select])
        );
        assert_eq!(
            statement("This method requires planId to be specified."),
            (QueryStatement::Silent, vec![])
        );
        assert_eq!(read("", &[], 9).line, 0);
    }

    #[test]
    fn table_rows_name_options_and_skip_tokens_are_not_options() {
        let read = read("", &["$filter", "$skipToken", "startDateTime"], 4);
        assert_eq!(read.statement, QueryStatement::Named);
        assert_eq!(
            read.options(true).into_iter().collect::<Vec<_>>(),
            vec![Filter]
        );
        assert_eq!(read.line, 4);
    }
}
