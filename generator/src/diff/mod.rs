//! What changed in the API between two docs revisions, in the terms a user of the generated
//! client cares about: operations, types, properties, enum members, request and response
//! shapes, permissions — each change **breaking** (a semver-major change of the generated
//! crate) or **additive**.
//!
//! Both sides are first reduced to an [`ApiSurface`] (what the diff compares, also written
//! into every generated crate as `api.json`), then compared item by item: operations by
//! their request line's identity ([`crate::model::line_key`]), types by full name, wherever
//! the pages that document them live. A page whose items all moved to a new page is a
//! rename, not a removal.
//!
//! ```no_run
//! let old = graphgen::Config::new().docs("docs-input/v1.0-2021-01").read_model()?;
//! let new = graphgen::Config::new().docs("docs-input/v1.0").read_model()?;
//! let diff = graphgen::diff::diff_models(&old, &new);
//! println!("{}", graphgen::diff::render_markdown::markdown(&diff));
//! # Ok::<(), graphgen::config::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Model;

mod classify;
mod compute;
mod pages;
pub mod render_json;
pub mod render_markdown;
pub mod render_text;
pub mod surface;
pub mod version;

pub use surface::{ApiSurface, Location};

/// The change between two APIs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiDiff {
    pub summary: Summary,
    /// Breaking changes first, then additive; within each, by kind, then item.
    pub changes: Vec<Change>,
    pub pages: PageChanges,
}

impl ApiDiff {
    /// The strongest impact of any change; `None` when the APIs are the same.
    pub fn impact(&self) -> Option<Impact> {
        self.changes.iter().map(|change| change.impact).min()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Counts, for a reviewer's first look and for tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub breaking: usize,
    pub additive: usize,
    /// Number of changes of each kind.
    pub by_kind: BTreeMap<ChangeKind, usize>,
    pub operations: Counts,
    pub types: Counts,
    pub pages: PageCounts,
}

/// Items on each side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub old: usize,
    pub new: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageCounts {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
}

/// Breaking sorts before additive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Impact {
    /// Code that compiled against the old client may not compile, or may need a grant it
    /// does not hold: a semver-major change.
    Breaking,
    /// New things only: a semver-minor change.
    Additive,
}

impl Impact {
    pub fn label(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
        }
    }
}

/// What kind of change; the impact of each is fixed (see `classify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    OperationAdded,
    OperationRemoved,
    /// The owning page's area (`ms.prod`) changed: the function moves to another module
    /// and cargo feature.
    OperationAreaChanged,
    /// The placeholders of the request line were renamed: the function's name (`by_{param}`)
    /// changes.
    PathParametersRenamed,
    RequestChanged,
    RequestParameterAdded,
    RequestParameterRemoved,
    RequestParameterRetyped,
    ResponseChanged,
    /// A required query parameter or header became an argument of the function.
    ArgumentAdded,
    /// A required query parameter or header is no longer an argument.
    ArgumentRemoved,
    /// The page now documents an OData query option: the request gains its method.
    QueryOptionAdded,
    /// The page no longer documents an OData query option: the request loses its method.
    QueryOptionRemoved,
    /// The least-privileged permission of a kind (delegated, application) is now a more
    /// privileged one.
    PermissionMorePrivileged,
    /// The least-privileged permission of a kind is now a less privileged one.
    PermissionLessPrivileged,
    /// A kind of permission the docs said "not supported" now lists permissions.
    PermissionKindSupported,
    /// A kind of permission that listed permissions is now "not supported".
    PermissionKindUnsupported,
    /// The least-privileged permission of a kind is another one, which neither the lists
    /// nor the names order against the old one: a caller's grant may not cover it.
    PermissionReplaced,
    TypeAdded,
    TypeRemoved,
    TypeKindChanged,
    BaseTypeChanged,
    PropertyAdded,
    PropertyRemoved,
    PropertyRetyped,
    EnumMemberAdded,
    EnumMemberRemoved,
}

impl ChangeKind {
    /// A short phrase for reports (`property retyped`).
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::OperationAdded => "operation added",
            ChangeKind::OperationRemoved => "operation removed",
            ChangeKind::OperationAreaChanged => "operation moved to another area",
            ChangeKind::PathParametersRenamed => "path parameters renamed",
            ChangeKind::RequestChanged => "request body changed",
            ChangeKind::RequestParameterAdded => "request parameter added",
            ChangeKind::RequestParameterRemoved => "request parameter removed",
            ChangeKind::RequestParameterRetyped => "request parameter retyped",
            ChangeKind::ResponseChanged => "response changed",
            ChangeKind::ArgumentAdded => "required argument added",
            ChangeKind::ArgumentRemoved => "required argument removed",
            ChangeKind::QueryOptionAdded => "query option added",
            ChangeKind::QueryOptionRemoved => "query option removed",
            ChangeKind::PermissionMorePrivileged => "more privileged permission",
            ChangeKind::PermissionLessPrivileged => "less privileged permission",
            ChangeKind::PermissionReplaced => "permission replaced",
            ChangeKind::PermissionKindSupported => "permission kind now supported",
            ChangeKind::PermissionKindUnsupported => "permission kind no longer supported",
            ChangeKind::TypeAdded => "type added",
            ChangeKind::TypeRemoved => "type removed",
            ChangeKind::TypeKindChanged => "type kind changed",
            ChangeKind::BaseTypeChanged => "base type changed",
            ChangeKind::PropertyAdded => "property added",
            ChangeKind::PropertyRemoved => "property removed",
            ChangeKind::PropertyRetyped => "property retyped",
            ChangeKind::EnumMemberAdded => "enum member added",
            ChangeKind::EnumMemberRemoved => "enum member removed",
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub impact: Impact,
    pub kind: ChangeKind,
    /// What changed: a request line (`GET /users/{id}`), a type
    /// (`microsoft.graph.user`), a property or member (`microsoft.graph.user.aboutMe`), or
    /// a permission kind of an operation (`GET /users/{id} application`).
    pub item: String,
    /// The value before, where there is one (a type, a permission, an area).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Where the old docs document the item (absent for an addition).
    pub old: Option<Location>,
    /// Where the new docs document it (absent for a removal).
    pub new: Option<Location>,
}

/// Pages that document API items, on each side, by path relative to the docs root.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// A page gone whose items are now documented on one new page.
    pub renamed: Vec<PageRename>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageRename {
    pub old: String,
    pub new: String,
    /// How many of the old page's items the new page documents.
    pub items: usize,
}

/// The change from `old` to `new`.
pub fn diff_models(old: &Model, new: &Model) -> ApiDiff {
    diff_surfaces(&ApiSurface::from_model(old), &ApiSurface::from_model(new))
}

/// The change between two API descriptions (an `api.json` and a model's surface, say).
pub fn diff_surfaces(old: &ApiSurface, new: &ApiSurface) -> ApiDiff {
    let mut changes = compute::changes(old, new);
    changes.sort();
    let pages = pages::page_changes(old, new);
    let summary = summarize(old, new, &changes, &pages);
    ApiDiff {
        summary,
        changes,
        pages,
    }
}

fn summarize(
    old: &ApiSurface,
    new: &ApiSurface,
    changes: &[Change],
    pages: &PageChanges,
) -> Summary {
    let mut by_kind = BTreeMap::new();
    for change in changes {
        *by_kind.entry(change.kind).or_insert(0) += 1;
    }
    let count = |impact| changes.iter().filter(|c| c.impact == impact).count();
    Summary {
        breaking: count(Impact::Breaking),
        additive: count(Impact::Additive),
        by_kind,
        operations: Counts {
            old: old.operations.len(),
            new: new.operations.len(),
        },
        types: Counts {
            old: old.types.len(),
            new: new.types.len(),
        },
        pages: PageCounts {
            added: pages.added.len(),
            removed: pages.removed.len(),
            renamed: pages.renamed.len(),
        },
    }
}
