//! The OData system query options (`$select`, `$filter`, ...) each endpoint's page documents,
//! as marker types of the generated `crate::query` module: one per distinct set of options,
//! named after them (`SelectFilterTop`), generic over the type whose properties `$select`
//! names. The runtime turns each option a marker has into a method of the request.

use std::collections::BTreeSet;

use super::types::TypePlan;
use super::{RustResponse, RustTypeExpr};
use crate::model::{Operation, SystemQueryOption};

/// What an endpoint's request may take, beyond its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustSystemOptions {
    /// The marker struct in `crate::query`.
    pub marker: String,
    /// The options, in the fixed order of [`SystemQueryOption::ALL`].
    pub options: Vec<SystemQueryOption>,
    /// The struct whose property constants `$select`, `$expand` and `$orderby` take; `None`
    /// when the answer has no struct type (names only).
    pub item: Option<RustTypeExpr>,
}

impl RustSystemOptions {
    /// Whether the options name properties of the item (`$select`, `$expand`, `$orderby`).
    pub fn names_properties(&self) -> bool {
        self.options.iter().any(|option| {
            matches!(
                option,
                SystemQueryOption::Select | SystemQueryOption::Expand | SystemQueryOption::OrderBy
            )
        })
    }
}

/// One marker struct of `crate::query`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustOptionMarker {
    pub name: String,
    pub options: Vec<SystemQueryOption>,
}

/// The options an operation's page documents, `None` when it documents none.
pub(super) fn plan_system_options(
    operation: &Operation,
    response: &RustResponse,
    types: &TypePlan,
) -> Option<RustSystemOptions> {
    let options: Vec<SystemQueryOption> = operation.system_query_options().into_iter().collect();
    if options.is_empty() {
        return None;
    }
    Some(RustSystemOptions {
        marker: marker_name(&options),
        item: response_item(response).and_then(|odata_name| types.struct_type(odata_name)),
        options,
    })
}

/// The markers the endpoints use, each once, by name.
pub(super) fn markers<'a>(
    used: impl Iterator<Item = &'a RustSystemOptions>,
) -> Vec<RustOptionMarker> {
    used.map(|options| RustOptionMarker {
        name: options.marker.clone(),
        options: options.options.clone(),
    })
    .collect::<BTreeSet<_>>()
    .into_iter()
    .collect()
}

/// `SelectFilterTop`: the options' names, in order, each in Pascal case.
pub fn marker_name(options: &[SystemQueryOption]) -> String {
    options.iter().map(|option| pascal_name(*option)).collect()
}

/// The options for a doc comment: `` `$select`, `$top` ``.
pub fn code_list(options: &[SystemQueryOption]) -> String {
    let listed: Vec<String> = options
        .iter()
        .map(|option| format!("`{}`", option.parameter()))
        .collect();
    listed.join(", ")
}

/// The name of the option's method group and runtime trait (`OrderBy`).
pub fn pascal_name(option: SystemQueryOption) -> &'static str {
    match option {
        SystemQueryOption::Select => "Select",
        SystemQueryOption::Expand => "Expand",
        SystemQueryOption::Filter => "Filter",
        SystemQueryOption::OrderBy => "OrderBy",
        SystemQueryOption::Top => "Top",
        SystemQueryOption::Skip => "Skip",
        SystemQueryOption::Count => "Count",
        SystemQueryOption::Search => "Search",
    }
}

/// The full OData name of the type the answer is made of: the item of a collection, the base
/// of a polymorphic answer.
fn response_item(response: &RustResponse) -> Option<&str> {
    fn named(ty: &RustTypeExpr) -> Option<&str> {
        match ty {
            RustTypeExpr::Named { odata_name, .. }
            | RustTypeExpr::Polymorphic { odata_name, .. } => Some(odata_name),
            RustTypeExpr::List(inner) | RustTypeExpr::Boxed(inner) => named(inner),
            RustTypeExpr::Primitive(_) => None,
        }
    }
    match response {
        RustResponse::Json(ty)
        | RustResponse::Page(ty)
        | RustResponse::OptionalJson(ty)
        | RustResponse::OptionalPage(ty) => named(ty),
        RustResponse::Wrapped(_) | RustResponse::NoContent | RustResponse::RawBytes => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_named_after_their_options_in_order() {
        assert_eq!(
            marker_name(&[
                SystemQueryOption::Select,
                SystemQueryOption::OrderBy,
                SystemQueryOption::Top
            ]),
            "SelectOrderByTop"
        );
        assert_eq!(
            marker_name(&SystemQueryOption::ALL),
            "SelectExpandFilterOrderByTopSkipCountSearch"
        );
    }
}
