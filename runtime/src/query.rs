//! [`QueryOptions`]: OData system query options (`$select`, `$filter`, ...) for a [`Request`].
//!
//! Values are kept decoded here; [`Request::path_and_query`] encodes them, so a `&`, `#`,
//! `+` or space inside a filter can never split or end the query.

use std::fmt;
use std::marker::PhantomData;

use crate::request::{Request, ResponseKind};

/// A property of the type `T` by its JSON name: what `$select` and `$orderby` name. Generated
/// types that an operation lets you `$select` carry one constant per property
/// (`User::DISPLAY_NAME`); [`QueryOptions::select`] and [`QueryOptions::order_by`] take them
/// as they take strings.
pub struct Property<T> {
    // Public so that generated constants are struct literals, cheaper to evaluate than calls
    // of `new`; nothing more is promised of a name than `new` promises.
    #[doc(hidden)]
    pub name: &'static str,
    #[doc(hidden)]
    pub of: PhantomData<fn() -> T>,
}

impl<T> Property<T> {
    pub const fn new(name: &'static str) -> Self {
        Property {
            name,
            of: PhantomData,
        }
    }

    /// The JSON name (`displayName`).
    pub const fn name(self) -> &'static str {
        self.name
    }
}

impl<T> Clone for Property<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Property<T> {}

impl<T> PartialEq for Property<T> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl<T> Eq for Property<T> {}

impl<T> fmt::Debug for Property<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Property").field(&self.name).finish()
    }
}

impl<T> From<Property<T>> for String {
    fn from(property: Property<T>) -> String {
        property.name.to_string()
    }
}

/// OData query options, applied to a request with [`Request::with_options`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryOptions {
    select: Vec<String>,
    expand: Vec<String>,
    filter: Option<String>,
    order_by: Vec<String>,
    top: Option<u32>,
    skip: Option<u32>,
    count: Option<bool>,
    search: Option<String>,
    eventual_consistency: bool,
}

impl QueryOptions {
    pub fn new() -> Self {
        QueryOptions::default()
    }

    /// `$select`: properties to return; repeated calls add to the list.
    pub fn select<I, S>(mut self, properties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.select.extend(properties.into_iter().map(Into::into));
        self
    }

    /// `$expand`: one navigation property (with its own options in parentheses if needed).
    pub fn expand(mut self, navigation: impl Into<String>) -> Self {
        self.expand.push(navigation.into());
        self
    }

    /// `$filter`: an OData expression; quote literal strings with [`quote`].
    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.filter = Some(expression.into());
        self
    }

    /// `$orderby`: one key, ascending.
    pub fn order_by(mut self, property: impl Into<String>) -> Self {
        self.order_by.push(property.into());
        self
    }

    /// `$orderby`: one key, descending.
    pub fn order_by_desc(mut self, property: impl Into<String>) -> Self {
        self.order_by.push(format!("{} desc", property.into()));
        self
    }

    /// `$top`: page size.
    pub fn top(mut self, count: u32) -> Self {
        self.top = Some(count);
        self
    }

    /// `$skip`: items to skip.
    pub fn skip(mut self, count: u32) -> Self {
        self.skip = Some(count);
        self
    }

    /// `$count`: whether to return `@odata.count`. On directory objects this needs
    /// eventual consistency, which `true` turns on.
    pub fn count(mut self, include: bool) -> Self {
        self.count = Some(include);
        self
    }

    /// `$search`: the expression as Graph expects it, quotes included, e.g.
    /// `"displayName:room"` (see [`search_term`]). Turns on eventual consistency.
    pub fn search(mut self, expression: impl Into<String>) -> Self {
        self.search = Some(expression.into());
        self
    }

    /// Sends `ConsistencyLevel: eventual` even without `$search` or `$count` (advanced
    /// `$filter` operators such as `endsWith` or `ne` on directory objects need it).
    pub fn eventual_consistency(mut self) -> Self {
        self.eventual_consistency = true;
        self
    }

    /// Whether the request needs `ConsistencyLevel: eventual`.
    pub fn needs_eventual_consistency(&self) -> bool {
        self.eventual_consistency || self.search.is_some() || self.count == Some(true)
    }

    /// The query pairs, decoded, in a fixed order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut push = |name: &str, value: String| pairs.push((name.to_string(), value));
        if !self.select.is_empty() {
            push("$select", self.select.join(","));
        }
        if !self.expand.is_empty() {
            push("$expand", self.expand.join(","));
        }
        if let Some(filter) = &self.filter {
            push("$filter", filter.clone());
        }
        if !self.order_by.is_empty() {
            push("$orderby", self.order_by.join(","));
        }
        if let Some(top) = self.top {
            push("$top", top.to_string());
        }
        if let Some(skip) = self.skip {
            push("$skip", skip.to_string());
        }
        if let Some(count) = self.count {
            push("$count", count.to_string());
        }
        if let Some(search) = &self.search {
            push("$search", search.clone());
        }
        pairs
    }
}

impl<R: ResponseKind, Q> Request<R, Q> {
    /// Adds the options, whatever the operation documents, and `ConsistencyLevel: eventual`
    /// when they need it and the request does not set that header itself.
    pub fn with_options(self, options: &QueryOptions) -> Self {
        let mut request = self;
        for (name, value) in options.pairs() {
            request = request.set_option(&name, value);
        }
        if options.needs_eventual_consistency() {
            request = request.unless_set("ConsistencyLevel", "eventual");
        }
        request
    }
}

/// An OData string literal: `'...'` with every `'` doubled.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// A `$search` clause `"property:term"`, with `"` and `\` in the term escaped.
pub fn search_term(property: &str, term: &str) -> String {
    let escaped = term.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{property}:{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Json, Method, Path};

    fn users() -> Request<Json<serde_json::Value>> {
        Request::new(Method::Get, Path::new().literal("users"))
    }

    #[test]
    fn options_are_encoded_once_and_in_order() {
        let options = QueryOptions::new()
            .select(["id", "displayName"])
            .filter(format!(
                "startswith(displayName,{})",
                quote("R&D #1 + o'neil")
            ))
            .order_by_desc("createdDateTime")
            .top(5)
            .skip(10)
            .expand("manager($select=id)");
        let request = users().with_options(&options);
        assert_eq!(
            request.path_and_query(),
            "/users?$select=id%2CdisplayName&$expand=manager%28$select%3Did%29\
             &$filter=startswith%28displayName%2C%27R%26D%20%231%20%2B%20o%27%27neil%27%29\
             &$orderby=createdDateTime%20desc&$top=5&$skip=10"
        );
        assert_eq!(
            request.query_pairs()[2].1,
            "startswith(displayName,'R&D #1 + o''neil')"
        );
        assert!(
            request.headers().is_empty(),
            "no ConsistencyLevel without $search or $count"
        );
    }

    #[test]
    fn properties_select_and_order_like_their_names() {
        struct User;
        const ID: Property<User> = Property::new("id");
        const DISPLAY_NAME: Property<User> = Property::new("displayName");
        let options = QueryOptions::new()
            .select([ID, DISPLAY_NAME])
            .select(["mail"])
            .order_by_desc(DISPLAY_NAME);
        assert_eq!(
            options.pairs(),
            [
                ("$select".to_string(), "id,displayName,mail".to_string()),
                ("$orderby".to_string(), "displayName desc".to_string()),
            ]
        );
        assert_eq!(format!("{ID:?}"), "Property(\"id\")");
    }

    #[test]
    fn search_and_count_ask_for_eventual_consistency_once() {
        let request = users().with_options(
            &QueryOptions::new()
                .search(search_term("displayName", "a\"b"))
                .count(true),
        );
        assert_eq!(
            request.headers(),
            &[("ConsistencyLevel".to_string(), "eventual".to_string())]
        );
        assert!(
            request
                .path_and_query()
                .ends_with("&$search=%22displayName%3Aa%5C%22b%22"),
            "{}",
            request.path_and_query()
        );
        let own = users()
            .header("consistencylevel", "eventual")
            .with_options(&QueryOptions::new().count(true));
        assert_eq!(own.headers().len(), 1);
        let off = users().with_options(&QueryOptions::new().count(false));
        assert!(off.headers().is_empty());
        assert_eq!(
            off.query_pairs(),
            &[("$count".to_string(), "false".to_string())]
        );
    }
}
