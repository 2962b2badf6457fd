//! The OData query options an operation documents, checked by the compiler.
//!
//! A generated endpoint returns `Request<R, Q>`, where `Q` is a marker type of the generated
//! crate's `query` module (`SelectFilterTop<User>`) that implements one trait here per option
//! its page documents. The option methods below exist only where `Q` implements their trait:
//! `graph.users().list().select([User::DISPLAY_NAME]).top(10)` compiles, `.search(..)` on an
//! operation whose page does not document `$search` does not. [`Request::with_options`] still
//! sets any option on any request, for what the docs leave out.
//!
//! ```
//! use graphgen_runtime::{documented, Json, Method, Path, Request};
//! struct OnlyTop;
//! impl documented::Top for OnlyTop {}
//! let request: Request<Json<serde_json::Value>, OnlyTop> =
//!     Request::documenting(Method::Get, Path::new().literal("users"));
//! assert_eq!(request.top(5).path_and_query(), "/users?$top=5");
//! ```
//!
//! The same request with an option its page does not document is a compile error:
//!
//! ```compile_fail
//! use graphgen_runtime::{documented, Json, Method, Path, Request};
//! struct OnlyTop;
//! impl documented::Top for OnlyTop {}
//! let request: Request<Json<serde_json::Value>, OnlyTop> =
//!     Request::documenting(Method::Get, Path::new().literal("users"));
//! let _ = request.top(5).filter("startswith(displayName,'a')");
//! ```

use crate::query::Property;
use crate::request::{Request, ResponseKind};

/// A marker naming the options one operation documents; `Item` is the type whose properties
/// `$select`, `$expand` and `$orderby` name ([`Unnamed`] when the answer has no named type).
pub trait DocumentedOptions {
    type Item;
}

/// The page documents `$select`.
pub trait Select: DocumentedOptions {}
/// The page documents `$expand`.
pub trait Expand: DocumentedOptions {}
/// The page documents `$filter`.
pub trait Filter {}
/// The page documents `$orderby`.
pub trait OrderBy: DocumentedOptions {}
/// The page documents `$top`.
pub trait Top {}
/// The page documents `$skip`.
pub trait Skip {}
/// The page documents `$count`.
pub trait Count {}
/// The page documents `$search`.
pub trait Search {}

/// The item of an operation whose answer has no named type: its options take names only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unnamed {}

/// What `$select`, `$expand` and `$orderby` take for items of `T`: one of `T`'s
/// [`Property`] constants, or a name as a string.
pub trait PropertyOf<T> {
    fn into_name(self) -> String;
}

impl<T> PropertyOf<T> for Property<T> {
    fn into_name(self) -> String {
        self.name().to_string()
    }
}

impl<T> PropertyOf<T> for &str {
    fn into_name(self) -> String {
        self.to_string()
    }
}

impl<T> PropertyOf<T> for String {
    fn into_name(self) -> String {
        self
    }
}

impl<T> PropertyOf<T> for &String {
    fn into_name(self) -> String {
        self.clone()
    }
}

impl<R: ResponseKind, Q: Select> Request<R, Q> {
    /// `$select`: the properties to return; repeated calls add to the list.
    pub fn select<I>(self, properties: I) -> Self
    where
        I: IntoIterator,
        I::Item: PropertyOf<Q::Item>,
    {
        let names: Vec<String> = properties.into_iter().map(PropertyOf::into_name).collect();
        if names.is_empty() {
            return self;
        }
        self.set_option("$select", names.join(","))
    }
}

impl<R: ResponseKind, Q: Expand> Request<R, Q> {
    /// `$expand`: one relationship to return inline, by constant or by name (a name may carry
    /// its own options: `"members($select=id)"`); repeated calls add to the list.
    pub fn expand(self, relationship: impl PropertyOf<Q::Item>) -> Self {
        self.set_option("$expand", relationship.into_name())
    }
}

impl<R: ResponseKind, Q: Filter> Request<R, Q> {
    /// `$filter`: an OData expression; quote string literals with [`crate::query::quote`].
    pub fn filter(self, expression: impl Into<String>) -> Self {
        self.set_option("$filter", expression.into())
    }
}

impl<R: ResponseKind, Q: OrderBy> Request<R, Q> {
    /// `$orderby`: one more key, ascending.
    pub fn order_by(self, property: impl PropertyOf<Q::Item>) -> Self {
        self.set_option("$orderby", property.into_name())
    }

    /// `$orderby`: one more key, descending.
    pub fn order_by_desc(self, property: impl PropertyOf<Q::Item>) -> Self {
        self.set_option("$orderby", format!("{} desc", property.into_name()))
    }
}

impl<R: ResponseKind, Q: Top> Request<R, Q> {
    /// `$top`: the page size.
    pub fn top(self, count: u32) -> Self {
        self.set_option("$top", count.to_string())
    }
}

impl<R: ResponseKind, Q: Skip> Request<R, Q> {
    /// `$skip`: the items to skip.
    pub fn skip(self, count: u32) -> Self {
        self.set_option("$skip", count.to_string())
    }
}

impl<R: ResponseKind, Q: Count> Request<R, Q> {
    /// `$count=true`: the answer carries `@odata.count`. Directory objects count only with
    /// the advanced query capabilities, so `ConsistencyLevel: eventual` is sent.
    pub fn with_count(self) -> Self {
        self.set_option("$count", "true".to_string())
            .unless_set("ConsistencyLevel", "eventual")
    }
}

impl<R: ResponseKind, Q: Search> Request<R, Q> {
    /// `$search`: the expression as Graph expects it, quotes included (see
    /// [`crate::query::search_term`]); sends `ConsistencyLevel: eventual`.
    pub fn search(self, expression: impl Into<String>) -> Self {
        self.set_option("$search", expression.into())
            .unless_set("ConsistencyLevel", "eventual")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Json, Method, Page, Path};

    struct User;
    const DISPLAY_NAME: Property<User> = Property::new("displayName");
    const CREATED: Property<User> = Property::new("createdDateTime");

    /// What a generated crate writes for an operation documenting `$select`, `$orderby`,
    /// `$top`, `$count` and `$search`.
    struct SelectOrderByTopCountSearch;
    impl DocumentedOptions for SelectOrderByTopCountSearch {
        type Item = User;
    }
    impl Select for SelectOrderByTopCountSearch {}
    impl OrderBy for SelectOrderByTopCountSearch {}
    impl Top for SelectOrderByTopCountSearch {}
    impl Count for SelectOrderByTopCountSearch {}
    impl Search for SelectOrderByTopCountSearch {}

    fn list_users() -> Request<Json<Page<serde_json::Value>>, SelectOrderByTopCountSearch> {
        Request::documenting(Method::Get, Path::new().literal("users"))
    }

    #[test]
    fn documented_options_take_constants_and_names() {
        let request = list_users()
            .select([DISPLAY_NAME])
            .select(["mail", "id"])
            .select(Vec::<&str>::new())
            .order_by_desc(CREATED)
            .order_by(DISPLAY_NAME)
            .top(5)
            .top(10);
        assert_eq!(
            request.query_pairs(),
            &[
                ("$select".to_string(), "displayName,mail,id".to_string()),
                (
                    "$orderby".to_string(),
                    "createdDateTime desc,displayName".to_string()
                ),
                ("$top".to_string(), "10".to_string()),
            ]
        );
        assert!(request.headers().is_empty());
    }

    #[test]
    fn count_and_search_ask_for_eventual_consistency_once() {
        let request = list_users()
            .with_count()
            .search(crate::query::search_term("displayName", "ann"));
        assert_eq!(
            request.headers(),
            &[("ConsistencyLevel".to_string(), "eventual".to_string())]
        );
        assert_eq!(
            request.path_and_query(),
            "/users?$count=true&$search=%22displayName%3Aann%22"
        );
    }

    #[test]
    fn undocumented_options_still_go_through_query_options() {
        let request = list_users()
            .select([DISPLAY_NAME])
            .with_options(&crate::QueryOptions::new().select(["mail"]).skip(2));
        assert_eq!(
            request.query_pairs(),
            &[
                ("$select".to_string(), "displayName,mail".to_string()),
                ("$skip".to_string(), "2".to_string()),
            ]
        );
        let by_hand = request.into_undocumented();
        assert_eq!(by_hand.query_pairs().len(), 2);
    }
}
