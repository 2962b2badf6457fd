//! Permission tables, in either orientation, "least to most" or "most to least" privileged,
//! several tables merged.

use super::table::Table;
use super::text::{plain_text, squash};
use crate::model::{Permissions, ResourcePermissions};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

fn kind_of(cell: &str) -> Option<Kind> {
    let key = squash(cell);
    if key.contains("delegated") {
        if key.contains("personal") || key.contains("microsoftaccount") && !key.contains("work") {
            Some(Kind::DelegatedPersonal)
        } else {
            Some(Kind::DelegatedWork)
        }
    } else if key.starts_with("application") || key == "app" || key.starts_with("apponly") {
        Some(Kind::Application)
    } else {
        None
    }
}

/// The permission names in a cell, in written order; empty for every spelling of "Not supported".
fn scopes(cell: &str) -> Vec<String> {
    let text = plain_text(cell);
    let key = squash(&text);
    if key.is_empty()
        || key.starts_with("notsupported")
        || key.starts_with("notapplicable")
        || key.starts_with("notavailable")
        || key == "none"
        || key == "na"
    {
        return Vec::new();
    }
    text.split([',', ';', ' ', '/'])
        .map(|token| {
            token
                .trim()
                .trim_end_matches(['.', ')', ':'])
                .trim_start_matches('(')
        })
        .filter(|token| token.contains('.') && token.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter(|token| {
            token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
        .map(str::to_string)
        .collect()
}

fn slot(permissions: &mut Permissions, kind: Kind) -> &mut Option<Vec<String>> {
    match kind {
        Kind::DelegatedWork => &mut permissions.delegated_work,
        Kind::DelegatedPersonal => &mut permissions.delegated_personal,
        Kind::Application => &mut permissions.application,
    }
}

fn add(permissions: &mut Permissions, kind: Kind, names: Vec<String>) {
    let list = slot(permissions, kind).get_or_insert_with(Vec::new);
    for name in names {
        if !list.contains(&name) {
            list.push(name);
        }
    }
}

/// Reads the tables of a permissions section and its subsections (`(subheading, tables)`).
/// When more than one part holds permissions (one table per kind of resource, each under its
/// own heading), each labelled table is also a row of `by_resource`, named by its heading,
/// and the three lists are their union.
pub fn read_sections(sections: &[(Option<String>, Vec<Table>)]) -> Option<Permissions> {
    let all: Vec<Table> = sections
        .iter()
        .flat_map(|(_, tables)| tables.iter().cloned())
        .collect();
    let mut permissions = read(&all)?;
    let parts: Vec<(Option<&String>, Permissions)> = sections
        .iter()
        .filter_map(|(label, tables)| Some((label.as_ref(), read(tables)?)))
        .collect();
    if parts.len() > 1 {
        let mut by_resource = Vec::new();
        for (label, part) in parts {
            match label {
                _ if !part.by_resource.is_empty() => by_resource.extend(part.by_resource),
                Some(label) => by_resource.push(ResourcePermissions {
                    resource: label.clone(),
                    permissions: part,
                }),
                None => {}
            }
        }
        permissions.by_resource = by_resource;
    }
    Some(permissions)
}

/// Reads every permission table given; `None` when none of them is one.
pub fn read(tables: &[Table]) -> Option<Permissions> {
    let mut permissions = Permissions::default();
    let mut found = false;
    for table in tables {
        let header_kinds: Vec<Option<Kind>> = table.header.iter().map(|h| kind_of(h)).collect();
        if header_kinds.iter().filter(|k| k.is_some()).count() >= 2 {
            // One column per kind, one row per resource.
            let resource_column = header_kinds.first().is_some_and(Option::is_none);
            for row in &table.rows {
                let mut by_resource = ResourcePermissions {
                    resource: plain_text(row.cell(0)).trim().to_string(),
                    ..Default::default()
                };
                for (column, kind) in header_kinds.iter().enumerate() {
                    if let Some(kind) = kind {
                        add(&mut permissions, *kind, scopes(row.cell(column)));
                        add(
                            &mut by_resource.permissions,
                            *kind,
                            scopes(row.cell(column)),
                        );
                        found = true;
                    }
                }
                if resource_column && !by_resource.resource.is_empty() {
                    permissions.by_resource.push(by_resource);
                }
            }
            continue;
        }
        let header_key: String = table.header.iter().map(|h| squash(h)).collect();
        let most_first = header_key.contains("mosttoleast");
        for row in &table.rows {
            let Some(kind) = kind_of(row.cell(0)) else {
                continue;
            };
            let mut names: Vec<String> = row
                .cells
                .iter()
                .skip(1)
                .flat_map(|cell| scopes(cell))
                .collect();
            if most_first {
                names.reverse();
            }
            add(&mut permissions, kind, names);
            found = true;
        }
    }
    found.then_some(permissions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::table::Row;

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|cells| Row {
                    cells: cells.iter().map(|s| s.to_string()).collect(),
                    line: 1,
                })
                .collect(),
            line: 1,
        }
    }

    #[test]
    fn reads_least_to_most_rows() {
        let read = read(&[table(
            &[
                "Permission type",
                "Permissions (from least to most privileged)",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    "ChatMessage.Send, Chat.ReadWrite",
                ],
                &["Delegated (personal Microsoft account)", "Not Supported"],
                &["Application", "Not supported."],
            ],
        )])
        .expect("permissions");
        assert_eq!(
            read.delegated_work,
            Some(vec![
                "ChatMessage.Send".to_string(),
                "Chat.ReadWrite".to_string()
            ])
        );
        assert_eq!(read.delegated_personal, Some(vec![]));
        assert_eq!(read.application, Some(vec![]));
    }

    #[test]
    fn reverses_most_to_least_and_reads_split_columns() {
        let read = read(&[table(
            &[
                "Permission type",
                "Permissions (from most to least privileged)",
            ],
            &[&["Application", "B.ReadWrite.All, A.Read.All"]],
        )])
        .expect("permissions");
        assert_eq!(
            read.application,
            Some(vec![
                "A.Read.All".to_string(),
                "B.ReadWrite.All".to_string()
            ])
        );
        let read = read_split();
        assert_eq!(
            read.delegated_work,
            Some(vec!["A.Read".to_string(), "A.ReadWrite".to_string()])
        );
    }

    fn read_split() -> Permissions {
        read(&[table(
            &[
                "Permission type",
                "Least privileged permissions",
                "Higher privileged permissions",
            ],
            &[&[
                "Delegated (work or school account)",
                "A.Read",
                "A.ReadWrite",
            ]],
        )])
        .expect("permissions")
    }

    #[test]
    fn reads_transposed_tables_and_merges() {
        let read = read(&[
            table(
                &[
                    "Supported resource",
                    "Delegated (work or school account)",
                    "Delegated (personal Microsoft account)",
                    "Application",
                ],
                &[
                    &["user", "User.Read", "Not supported", "User.Read.All"],
                    &["group", "Group.Read.All", "n/a", "Group.Read.All"],
                ],
            ),
            table(
                &["Permission type", "Permissions"],
                &[&["Application", "Mail.Read"]],
            ),
        ])
        .expect("permissions");
        assert_eq!(
            read.delegated_work,
            Some(vec!["User.Read".to_string(), "Group.Read.All".to_string()])
        );
        assert_eq!(
            read.application,
            Some(vec![
                "User.Read.All".to_string(),
                "Group.Read.All".to_string(),
                "Mail.Read".to_string()
            ])
        );
        assert_eq!(read.delegated_personal, Some(vec![]));
        let rows: Vec<(&str, Option<Vec<String>>)> = read
            .by_resource
            .iter()
            .map(|r| (r.resource.as_str(), r.permissions.delegated_work.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("user", Some(vec!["User.Read".to_string()])),
                ("group", Some(vec!["Group.Read.All".to_string()]))
            ]
        );
    }

    #[test]
    fn one_table_per_heading_is_one_row_per_resource() {
        let user = table(
            &[
                "Permission type",
                "Least privileged permissions",
                "Higher privileged permissions",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    "User.Read",
                    "Not available.",
                ],
                &["Application", "Not available.", "Not available."],
            ],
        );
        let group = table(
            &["Permission type", "Least privileged permissions"],
            &[&["Application", "Group.Read.All"]],
        );
        let read = read_sections(&[
            (None, Vec::new()),
            (Some("For a user".to_string()), vec![user.clone()]),
            (Some("For a group".to_string()), vec![group]),
        ])
        .expect("permissions");
        assert_eq!(read.delegated_work, Some(vec!["User.Read".to_string()]));
        assert_eq!(read.application, Some(vec!["Group.Read.All".to_string()]));
        let rows: Vec<(&str, Option<Vec<String>>)> = read
            .by_resource
            .iter()
            .map(|r| (r.resource.as_str(), r.permissions.application.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("For a user", Some(vec![])),
                ("For a group", Some(vec!["Group.Read.All".to_string()]))
            ]
        );
        let alone =
            read_sections(&[(Some("Permissions".to_string()), vec![user])]).expect("permissions");
        assert!(alone.by_resource.is_empty());
    }

    #[test]
    fn ignores_tables_without_permission_kinds() {
        assert!(read(&[table(&["Name", "Value"], &[&["a", "b"]])]).is_none());
    }
}
