//! Type pages: the resource annotation, Properties and Relationships tables, "Inherits from"
//! prose, enum pages and `### x values` tables.

use serde_json::Value;

use super::base_statements::{derived_types, inherited_from, inherits_from};
use super::blocks::{Fence, Heading};
use super::page_text::PageText;
use super::table::{tables, Table};
use super::text::{plain_text, squash};
use super::type_cell::{self, TypeCell};
use crate::diagnostics::{codes, Diagnostic};
use crate::model::EnumMember;

/// A type named by another (a base type), as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeMention {
    pub name: String,
    pub link: Option<String>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct ParsedProperty {
    pub name: String,
    pub type_cell: Option<TypeCell>,
    pub navigation: bool,
    pub read_only: bool,
    pub nullable: bool,
    pub description: String,
    /// The row says "Inherited from \[x\]": it repeats a base type's property.
    pub inherited_note: bool,
    /// The type the note links to, when it links one.
    pub inherited_from: Option<TypeMention>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct ParsedType {
    /// Full OData name (`microsoft.graph.callRecords.callRecord`).
    pub name: String,
    pub is_enum: bool,
    pub base: Option<TypeMention>,
    pub key: Option<String>,
    pub is_abstract: bool,
    pub open: bool,
    pub description: String,
    pub properties: Vec<ParsedProperty>,
    pub members: Vec<EnumMember>,
    /// Types the page names as derived from this one ("the derived types are [a](..), [b](..)").
    pub derived: Vec<TypeMention>,
    pub line: u32,
    /// The page is the type's own page (annotation or title), not an enum listed on it.
    pub primary: bool,
}

pub fn read(
    page: &PageText<'_>,
    description: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ParsedType> {
    let namespace = page
        .namespace
        .filter(|n| n.starts_with("microsoft."))
        .unwrap_or("microsoft.graph")
        .to_string();
    let mut types = Vec::new();
    let values_sections: Vec<&Heading> = page
        .outline
        .find(|h| {
            h.level > 1 && h.key.ends_with("values") && h.title.split_whitespace().count() == 2
        })
        .collect();
    for heading in &values_sections {
        let name = plain_text(heading.title.split_whitespace().next().unwrap_or(""));
        let Some(table) = tables(
            page.lines,
            &page.outline.in_fence,
            heading.index + 1,
            heading.text_end,
        )
        .into_iter()
        .next() else {
            continue;
        };
        let line = page.lines.get(heading.index).map_or(0, |l| l.line);
        types.push(enum_type(
            qualify(&namespace, &name),
            &table,
            String::new(),
            line,
        ));
    }
    let annotations: Vec<_> = page
        .outline
        .fences
        .iter()
        .filter_map(|f| f.annotation.as_ref())
        .filter(|a| a.block_type() == "resource")
        .collect();
    let title_name = title_type_name(page.title);
    let is_enum_page = squash(&page.front.doc_type).starts_with("enumpage")
        || squash(page.title).ends_with("enumtype")
        || squash(page.title).ends_with("enum");
    let member_tables: Vec<Table> = page
        .outline
        .find(|h| h.key == "members" || h.key == "enumvalues" || h.key == "values")
        .flat_map(|h| tables(page.lines, &page.outline.in_fence, h.index + 1, h.text_end))
        .collect();
    let property_sections: Vec<&Heading> = page
        .outline
        .find(|h| h.level > 1 && h.key.starts_with("propert"))
        .collect();
    let relationship_sections: Vec<&Heading> = page
        .outline
        .find(|h| h.level > 1 && h.key.starts_with("relationship"))
        .collect();
    let annotation = annotations.first();
    let primary_name = annotation
        .map(|a| a.string("@odata.type").trim_start_matches('#').to_string())
        .filter(|n| !n.is_empty())
        .or_else(|| {
            let has_content = !property_sections.is_empty() || !member_tables.is_empty();
            title_name
                .as_ref()
                .filter(|_| has_content)
                .map(|n| qualify(&namespace, n))
        });
    if let Some(name) = primary_name {
        let line = annotation.map_or(1, |a| a.line);
        if is_enum_page && !member_tables.is_empty() && property_sections.is_empty() {
            if let Some(table) = member_tables.first() {
                types.push(enum_type(name, table, description.to_string(), line));
            }
        } else {
            let mut properties = Vec::new();
            for (sections, navigation) in
                [(&property_sections, false), (&relationship_sections, true)]
            {
                for heading in sections.iter() {
                    for table in tables(
                        page.lines,
                        &page.outline.in_fence,
                        heading.index + 1,
                        heading.text_end,
                    ) {
                        properties.extend(property_rows(
                            page.file,
                            &table,
                            navigation,
                            diagnostics,
                        ));
                    }
                }
            }
            if let Some(fence) = page.outline.fences.iter().find(|f| {
                f.annotation
                    .as_ref()
                    .is_some_and(|a| a.block_type() == "resource")
            }) {
                single_where_represented_single(page.file, fence, &mut properties, diagnostics);
            }
            let base = annotation
                .map(|a| a.string("baseType").trim_start_matches('#').to_string())
                .filter(|b| !b.is_empty())
                .map(|name| TypeMention {
                    name,
                    link: None,
                    line,
                })
                .or_else(|| inherits_from(page));
            types.push(ParsedType {
                name,
                is_enum: false,
                base,
                key: annotation
                    .map(|a| a.string("keyProperty"))
                    .filter(|k| !k.is_empty()),
                is_abstract: annotation.is_some_and(|a| a.flag("abstract") || a.flag("isAbstract")),
                open: annotation.is_some_and(|a| a.flag("openType")),
                description: description.to_string(),
                properties,
                members: Vec::new(),
                derived: derived_types(page),
                line,
                primary: true,
            });
        }
    }
    for extra in annotations.iter().skip(1) {
        let name = extra
            .string("@odata.type")
            .trim_start_matches('#')
            .to_string();
        if name.is_empty() || types.iter().any(|t| t.name.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let base = Some(extra.string("baseType"))
            .filter(|b| !b.is_empty())
            .map(|name| TypeMention {
                name,
                link: None,
                line: extra.line,
            });
        types.push(ParsedType {
            name,
            is_enum: false,
            base,
            key: Some(extra.string("keyProperty")).filter(|k| !k.is_empty()),
            is_abstract: extra.flag("abstract"),
            open: extra.flag("openType"),
            description: String::new(),
            properties: Vec::new(),
            members: Vec::new(),
            derived: Vec::new(),
            line: extra.line,
            primary: false,
        });
    }
    types
}

/// A table row that says "String collection" for a member the JSON representation shows as
/// one value (`"availability": "string"`, as the examples also show it) is one value: the
/// representation is the type written out, the table row a slip.
fn single_where_represented_single(
    file: &str,
    fence: &Fence,
    properties: &mut [ParsedProperty],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let text: String = fence
        .body
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let Ok(read) = crate::lenient_json::parse(&text) else {
        return;
    };
    let Some(members) = read.value.as_object() else {
        return;
    };
    for property in properties.iter_mut() {
        let Some(cell) = property.type_cell.as_mut().filter(|c| c.collection) else {
            continue;
        };
        let Some(Value::String(shown)) = members.get(&property.name) else {
            continue;
        };
        if shown.to_ascii_lowercase().contains("collection") {
            continue;
        }
        cell.collection = false;
        diagnostics.push(
            Diagnostic::warning(codes::COLLECTION_IN_TABLE_ONLY, file, property.line, format!("the table types `{}` as a collection, the JSON representation as one value (`{shown}`); read as one value", property.name))
                .with_hint("make the table row and the JSON representation agree"),
        );
    }
}

fn qualify(namespace: &str, name: &str) -> String {
    if name.starts_with("microsoft.") {
        name.to_string()
    } else {
        format!("{namespace}.{name}")
    }
}

/// `chatMessage resource type` → `chatMessage`; `Enum values` and other titles give nothing.
fn title_type_name(title: &str) -> Option<String> {
    let mut words = title.split_whitespace();
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    let names_type = rest.last().is_some_and(|w| {
        w.eq_ignore_ascii_case("type")
            || w.eq_ignore_ascii_case("enum")
            || w.eq_ignore_ascii_case("enumeration")
    });
    let name = first.trim_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'));
    (names_type && !name.is_empty() && name.starts_with(|c: char| c.is_ascii_alphabetic()))
        .then(|| name.to_string())
}

fn enum_type(name: String, table: &Table, description: String, line: u32) -> ParsedType {
    let member_column = table
        .column(|h| h == "member" || h == "name" || h == "members" || h == "enumvalue")
        .unwrap_or(0);
    let value_column = table
        .column(|h| h == "value")
        .filter(|c| *c != member_column);
    let description_column = table.column(|h| h == "description");
    let members = table
        .rows
        .iter()
        .filter_map(|row| {
            let member = plain_text(row.cell(member_column));
            if member.is_empty() || member.contains(' ') {
                return None;
            }
            let value = value_column.and_then(|c| plain_text(row.cell(c)).parse::<i64>().ok());
            let description = description_column
                .map(|c| plain_text(row.cell(c)))
                .unwrap_or_default();
            Some(EnumMember {
                name: member,
                value,
                description,
            })
        })
        .collect();
    ParsedType {
        name,
        is_enum: true,
        base: None,
        key: None,
        is_abstract: false,
        open: false,
        description,
        properties: Vec::new(),
        members,
        derived: Vec::new(),
        line,
        primary: true,
    }
}

fn property_rows(
    file: &str,
    table: &Table,
    navigation: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ParsedProperty> {
    let name_column = table
        .column(|h| {
            matches!(
                h,
                "property"
                    | "name"
                    | "relationship"
                    | "propertyname"
                    | "properties"
                    | "relationships"
            )
        })
        .unwrap_or(0);
    let Some(type_column) = table.column(|h| h == "type" || h == "datatype") else {
        return Vec::new();
    };
    let description_column = table.column(|h| h == "description");
    super::table::report_ragged_rows(file, table, diagnostics);
    let mut rows = Vec::new();
    for row in &table.rows {
        let name = plain_text(row.cell(name_column));
        let type_text = row.cell(type_column);
        if name.is_empty() || type_text.trim().is_empty() {
            continue;
        }
        if name.contains(char::is_whitespace) {
            diagnostics.push(
                Diagnostic::warning(
                    codes::PROPERTY_NAME_WITH_SPACES,
                    file,
                    row.line,
                    format!("property name `{name}` contains spaces; row skipped"),
                )
                .with_hint("put one property name in the first cell"),
            );
            continue;
        }
        let type_cell = type_cell::parse(type_text);
        if type_cell.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    codes::UNREADABLE_PROPERTY_TYPE,
                    file,
                    row.line,
                    format!("type of property `{name}` is unreadable: `{type_text}`"),
                )
                .with_hint("write a primitive such as `String` or a link to the type's page"),
            );
        }
        let raw_description = description_column.map_or("", |c| row.cell(c));
        let description = plain_text(raw_description);
        let lower = description.to_ascii_lowercase();
        rows.push(ParsedProperty {
            read_only: lower.contains("read-only")
                || lower.contains("read only")
                || lower.contains("readonly"),
            nullable: !(lower.contains("not nullable")
                || lower.contains("non-nullable")
                || lower.contains("nullable: false")),
            inherited_note: lower.contains("inherited from"),
            inherited_from: inherited_from(raw_description).map(|mention| TypeMention {
                line: row.line,
                ..mention
            }),
            name,
            type_cell,
            navigation,
            description,
            line: row.line,
        });
    }
    rows
}
