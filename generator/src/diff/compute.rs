//! The item-by-item comparison: operations by line key, types by full name, properties and
//! members by wire name; where an item lives (page, line) does not matter, only what it is.

use std::collections::{BTreeMap, BTreeSet};

use super::classify::{compare_privilege, impact, Privilege};
use super::surface::{ApiSurface, Location, OperationSurface, TypeSurface};
use super::{Change, ChangeKind};

/// Every change from `old` to `new`, unsorted.
pub fn changes(old: &ApiSurface, new: &ApiSurface) -> Vec<Change> {
    let mut out = Vec::new();
    for (_, side) in join(&old.operations, &new.operations) {
        match side {
            (Some(before), None) => out.push(operation_change(
                ChangeKind::OperationRemoved,
                &before.line,
                Some(before),
                None,
            )),
            (None, Some(after)) => out.push(operation_change(
                ChangeKind::OperationAdded,
                &after.line,
                None,
                Some(after),
            )),
            (Some(before), Some(after)) => operation_changes(before, after, &mut out),
            (None, None) => {}
        }
    }
    for (name, side) in join(&old.types, &new.types) {
        match side {
            (Some(before), None) => out.push(type_change(
                ChangeKind::TypeRemoved,
                name,
                Some(&before.source),
                None,
            )),
            (None, Some(after)) => out.push(type_change(
                ChangeKind::TypeAdded,
                name,
                None,
                Some(&after.source),
            )),
            (Some(before), Some(after)) => type_changes(name, before, after, &mut out),
            (None, None) => {}
        }
    }
    out
}

/// The keys of both maps, in order, with the value on each side.
fn join<'a, V>(
    old: &'a BTreeMap<String, V>,
    new: &'a BTreeMap<String, V>,
) -> impl Iterator<Item = (&'a String, (Option<&'a V>, Option<&'a V>))> {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .map(move |key| (key, (old.get(key), new.get(key))))
}

fn change(
    kind: ChangeKind,
    item: String,
    values: (Option<String>, Option<String>),
    old: Option<Location>,
    new: Option<Location>,
) -> Change {
    Change {
        impact: impact(kind),
        kind,
        item,
        before: values.0,
        after: values.1,
        old,
        new,
    }
}

fn operation_change(
    kind: ChangeKind,
    line: &str,
    before: Option<&OperationSurface>,
    after: Option<&OperationSurface>,
) -> Change {
    change(
        kind,
        line.to_string(),
        (None, None),
        before.map(|b| b.source.clone()),
        after.map(|a| a.source.clone()),
    )
}

fn operation_changes(before: &OperationSurface, after: &OperationSurface, out: &mut Vec<Change>) {
    let sources = (Some(before.source.clone()), Some(after.source.clone()));
    let mut push = |kind, item: String, values: (Option<String>, Option<String>)| {
        out.push(change(
            kind,
            item,
            values,
            sources.0.clone(),
            sources.1.clone(),
        ));
    };
    let line = &after.line;
    if before.area != after.area {
        push(
            ChangeKind::OperationAreaChanged,
            line.clone(),
            (Some(before.area.clone()), Some(after.area.clone())),
        );
    }
    if placeholders(&before.line) != placeholders(&after.line) {
        push(
            ChangeKind::PathParametersRenamed,
            line.clone(),
            (Some(before.line.clone()), Some(after.line.clone())),
        );
    }
    if before.request != after.request {
        push(
            ChangeKind::RequestChanged,
            line.clone(),
            (Some(before.request.clone()), Some(after.request.clone())),
        );
    } else {
        for (name, side) in join(&before.request_parameters, &after.request_parameters) {
            let item = format!("{line} {name}");
            match side {
                (Some(old), None) => push(
                    ChangeKind::RequestParameterRemoved,
                    item,
                    (Some(old.clone()), None),
                ),
                (None, Some(new)) => push(
                    ChangeKind::RequestParameterAdded,
                    item,
                    (None, Some(new.clone())),
                ),
                (Some(old), Some(new)) if old != new => push(
                    ChangeKind::RequestParameterRetyped,
                    item,
                    (Some(old.clone()), Some(new.clone())),
                ),
                _ => {}
            }
        }
    }
    if before.response != after.response {
        push(
            ChangeKind::ResponseChanged,
            line.clone(),
            (Some(before.response.clone()), Some(after.response.clone())),
        );
    }
    let lists = [
        (
            &before.arguments,
            &after.arguments,
            ChangeKind::ArgumentRemoved,
            ChangeKind::ArgumentAdded,
        ),
        (
            &before.query_options,
            &after.query_options,
            ChangeKind::QueryOptionRemoved,
            ChangeKind::QueryOptionAdded,
        ),
    ];
    for (old, new, removed, added) in lists {
        let old: BTreeSet<&String> = old.iter().collect();
        let new: BTreeSet<&String> = new.iter().collect();
        for entry in old.difference(&new) {
            push(
                removed,
                format!("{line} {entry}"),
                (Some(entry.to_string()), None),
            );
        }
        for entry in new.difference(&old) {
            push(
                added,
                format!("{line} {entry}"),
                (None, Some(entry.to_string())),
            );
        }
    }
    for (kind, side) in join(&before.permissions, &after.permissions) {
        // A kind the docs say nothing about on one side is unknown there, not a change.
        let (Some(old), Some(new)) = side else {
            continue;
        };
        let change_kind = match compare_privilege(old, new) {
            Privilege::Same => continue,
            Privilege::Less => ChangeKind::PermissionLessPrivileged,
            Privilege::More => ChangeKind::PermissionMorePrivileged,
            Privilege::Replaced => ChangeKind::PermissionReplaced,
            Privilege::Supported => ChangeKind::PermissionKindSupported,
            Privilege::Unsupported => ChangeKind::PermissionKindUnsupported,
        };
        push(
            change_kind,
            format!("{line} {kind}"),
            (Some(least(old)), Some(least(new))),
        );
    }
}

/// The least-privileged entry, or `not supported`.
fn least(list: &[String]) -> String {
    list.first()
        .cloned()
        .unwrap_or_else(|| "not supported".to_string())
}

/// The placeholder names of a request line, in order (`{chat-id}`, `{id}`).
fn placeholders(line: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    names
}

fn type_change(
    kind: ChangeKind,
    name: &str,
    old: Option<&Location>,
    new: Option<&Location>,
) -> Change {
    change(
        kind,
        name.to_string(),
        (None, None),
        old.cloned(),
        new.cloned(),
    )
}

fn type_changes(name: &str, before: &TypeSurface, after: &TypeSurface, out: &mut Vec<Change>) {
    let sources = (Some(before.source.clone()), Some(after.source.clone()));
    if before.kind != after.kind {
        out.push(change(
            ChangeKind::TypeKindChanged,
            name.to_string(),
            (Some(before.kind.clone()), Some(after.kind.clone())),
            sources.0.clone(),
            sources.1.clone(),
        ));
    }
    if before.base != after.base {
        out.push(change(
            ChangeKind::BaseTypeChanged,
            name.to_string(),
            (before.base.clone(), after.base.clone()),
            sources.0.clone(),
            sources.1.clone(),
        ));
    }
    let property_location =
        |ty: &TypeSurface, property: &super::surface::PropertySurface| Location {
            file: property
                .file
                .clone()
                .unwrap_or_else(|| ty.source.file.clone()),
            line: property.line,
        };
    for (property, side) in join(&before.properties, &after.properties) {
        let item = format!("{name}.{property}");
        let (kind, values) = match side {
            (Some(old), None) => (
                ChangeKind::PropertyRemoved,
                (Some(old.type_name.clone()), None),
            ),
            (None, Some(new)) => (
                ChangeKind::PropertyAdded,
                (None, Some(new.type_name.clone())),
            ),
            (Some(old), Some(new)) if old.type_name != new.type_name => (
                ChangeKind::PropertyRetyped,
                (Some(old.type_name.clone()), Some(new.type_name.clone())),
            ),
            _ => continue,
        };
        out.push(change(
            kind,
            item,
            values,
            side.0.map(|p| property_location(before, p)),
            side.1.map(|p| property_location(after, p)),
        ));
    }
    let old_members: BTreeSet<&String> = before.members.iter().collect();
    let new_members: BTreeSet<&String> = after.members.iter().collect();
    for member in old_members.difference(&new_members) {
        out.push(change(
            ChangeKind::EnumMemberRemoved,
            format!("{name}.{member}"),
            (None, None),
            sources.0.clone(),
            sources.1.clone(),
        ));
    }
    for member in new_members.difference(&old_members) {
        out.push(change(
            ChangeKind::EnumMemberAdded,
            format!("{name}.{member}"),
            (None, None),
            sources.0.clone(),
            sources.1.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Impact;

    fn operation(line: &str, arguments: &[&str], response: &str) -> OperationSurface {
        OperationSurface {
            line: line.to_string(),
            area: "planner".into(),
            source: Location {
                file: "api/plannertask-update.md".into(),
                line: 30,
            },
            request: "microsoft.graph.plannerTask".into(),
            request_parameters: BTreeMap::new(),
            response: response.to_string(),
            arguments: arguments.iter().map(|a| a.to_string()).collect(),
            permissions: BTreeMap::new(),
            query_options: Vec::new(),
        }
    }

    fn surface(operation: OperationSurface) -> ApiSurface {
        let mut surface = ApiSurface::default();
        surface
            .operations
            .insert("patch/planner/tasks/{}".into(), operation);
        surface
    }

    #[test]
    fn a_required_header_added_is_a_breaking_argument() {
        let line = "PATCH /planner/tasks/{id}";
        let old = surface(operation(line, &[], "none"));
        let new = surface(operation(line, &["header If-Match"], "none"));
        let found = changes(&old, &new);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, ChangeKind::ArgumentAdded);
        assert_eq!(found[0].impact, Impact::Breaking);
        assert_eq!(found[0].item, "PATCH /planner/tasks/{id} header If-Match");
    }

    #[test]
    fn a_query_option_the_page_stops_naming_is_breaking_one_it_starts_naming_additive() {
        let line = "GET /planner/tasks/{id}";
        let mut old = operation(line, &[], "microsoft.graph.plannerTask");
        old.query_options = vec!["$expand".into(), "$select".into()];
        let mut new = old.clone();
        new.query_options = vec!["$select".into(), "$top".into()];
        let found = changes(&surface(old), &surface(new));
        let seen: Vec<(ChangeKind, Impact, &str)> = found
            .iter()
            .map(|c| (c.kind, c.impact, c.item.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    ChangeKind::QueryOptionRemoved,
                    Impact::Breaking,
                    "GET /planner/tasks/{id} $expand"
                ),
                (
                    ChangeKind::QueryOptionAdded,
                    Impact::Additive,
                    "GET /planner/tasks/{id} $top"
                ),
            ]
        );
    }

    #[test]
    fn placeholders_renamed_and_response_changed() {
        let old = surface(operation("PATCH /planner/tasks/{id}", &[], "none"));
        let new = surface(operation(
            "PATCH /planner/tasks/{task-id}",
            &[],
            "optional microsoft.graph.plannerTask",
        ));
        let kinds: Vec<ChangeKind> = changes(&old, &new).iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::PathParametersRenamed,
                ChangeKind::ResponseChanged
            ]
        );
        assert!(changes(&new, &new).is_empty());
    }
}
