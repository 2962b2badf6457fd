//! Enum members a property's description lists but the enum's own table lacks.
//!
//! The docs sometimes document an enum with the wrong rows: `enums.md` gives `changeType`
//! the members of `countryLookupMethodType` (`clientIpAddress`, `authenticatorAppGps`), while
//! `changeNotification.changeType` says "The supported values are: created, updated,
//! deleted". A notification then read `created` as an unknown value. The values a property
//! typed by the enum lists ("Possible values are: a, b, c") are what the service sends (and a
//! parameter typed by it on a method page likewise), so
//! the enum gains the ones it lacks, after its documented members, with a warning.

use std::collections::BTreeMap;

use crate::diagnostics::{codes, Diagnostic};
use crate::model::{EnumMember, Operation, RequestBody, TypeDef, TypeKind, TypeRef};

/// Adds to each enum the values the descriptions of properties of its type list and it lacks.
/// Types are visited in name order and properties in documented order, so the result does not
/// depend on the order pages were read in.
pub fn add_listed_enum_values(
    types: &mut BTreeMap<String, TypeDef>,
    operations: &[Operation],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut additions: Vec<(String, Vec<String>, String, u32, String)> = Vec::new();
    for def in types.values() {
        for property in &def.properties {
            let TypeRef::Named(enum_name) = &property.type_ref else {
                continue;
            };
            if !types
                .get(enum_name)
                .is_some_and(|e| e.kind == TypeKind::Enum)
            {
                continue;
            }
            let values = listed_values(&property.description);
            if !values.is_empty() {
                additions.push((
                    enum_name.clone(),
                    values,
                    property.name.clone(),
                    property.source.line,
                    property.source.file.clone(),
                ));
            }
        }
    }
    // Parameters typed by an enum list values the same way ("Possible values are: unknown,
    // truePositive, falsePositive"), on method pages.
    for operation in operations {
        let body = match &operation.request {
            RequestBody::Parameters { parameters } => parameters.as_slice(),
            _ => &[],
        };
        for parameter in operation
            .path_params
            .iter()
            .chain(&operation.query_params)
            .chain(&operation.header_params)
            .chain(body)
        {
            let TypeRef::Named(enum_name) = &parameter.type_ref else {
                continue;
            };
            if !types
                .get(enum_name)
                .is_some_and(|e| e.kind == TypeKind::Enum)
            {
                continue;
            }
            let values = listed_values(&parameter.description);
            if !values.is_empty() {
                additions.push((
                    enum_name.clone(),
                    values,
                    parameter.name.clone(),
                    operation.source.line,
                    operation.source.file.clone(),
                ));
            }
        }
    }
    for (enum_name, values, property, line, file) in additions {
        let Some(def) = types.get_mut(&enum_name) else {
            continue;
        };
        // A member spelled with other case, or one letter off (`externalNonParther`), is the
        // documented member written loosely, not another value.
        let lacking: Vec<String> = values
            .into_iter()
            .filter(|value| {
                !def.members.iter().any(|m| {
                    m.name.eq_ignore_ascii_case(value)
                        || one_edit_apart(&m.name.to_ascii_lowercase(), &value.to_ascii_lowercase())
                })
            })
            .collect();
        if lacking.is_empty() {
            continue;
        }
        let shown = lacking
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diagnostics.push(
            Diagnostic::warning(codes::ENUM_VALUES_FROM_PROPERTY, &file, line, format!("`{property}` lists {shown}, which its enum `{enum_name}` lacks; added as members"))
                .with_hint(format!("add {shown} to the members of `{enum_name}`")),
        );
        for value in lacking {
            def.members.push(EnumMember {
                name: value,
                value: None,
                description: format!(
                    "Listed by the description of `{property}` ({file}, line {line})."
                ),
            });
        }
    }
}

/// The values a description lists after "Possible values are:" (also "supported", "valid",
/// "allowed", "accepted"), up to the end of that sentence. A list is only taken when every
/// item is one identifier: prose ("described in the following table") and items with notes
/// ("notApplied (Policy isn't applied ...)") are left alone.
pub fn listed_values(description: &str) -> Vec<String> {
    let lower = description.to_ascii_lowercase();
    let Some(start) = ["possible", "supported", "valid", "allowed", "accepted"]
        .iter()
        .filter_map(|word| {
            let at = lower.find(&format!("{word} values"))?;
            Some(at + word.len() + " values".len())
        })
        .min()
    else {
        return Vec::new();
    };
    let rest = description.get(start..).unwrap_or("");
    let rest = rest.trim_start();
    let rest = ["are:", "are", "include:", "include", "is:", "is", ":"]
        .iter()
        .find_map(|lead| rest.strip_prefix(lead))
        .unwrap_or(rest);
    let end = [rest.find(". "), rest.find(';'), rest.find('\n')]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let sentence = rest.get(..end).unwrap_or(rest).trim().trim_end_matches('.');
    let items: Vec<&str> = sentence
        .split([',', '|'])
        .flat_map(|item| item.split(" or ").flat_map(|part| part.split(" and ")))
        .map(|item| item.trim().trim_matches('`').trim())
        .map(|item| {
            item.strip_prefix("or ")
                .or_else(|| item.strip_prefix("and "))
                .unwrap_or(item)
                .trim()
        })
        .filter(|item| !item.is_empty())
        .collect();
    let identifier = |item: &str| {
        item.starts_with(|c: char| c.is_ascii_alphabetic())
            && item.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if items.is_empty() || !items.iter().all(|item| identifier(item)) {
        return Vec::new();
    }
    let mut values: Vec<String> = Vec::new();
    for item in items {
        if !values.iter().any(|v| v == item) {
            values.push(item.to_string());
        }
    }
    values
}

/// Whether `a` becomes `b` by replacing, inserting or deleting one character.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if a == b || long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    // Past the first difference the rest must agree: both skip it (a replacement), or only
    // the longer does (an insertion).
    let rest_of_short = if short.len() == long.len() {
        prefix + 1
    } else {
        prefix
    };
    short.get(rest_of_short..) == long.get(prefix + 1..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_after_the_usual_phrases_are_read() {
        assert_eq!(listed_values("Indicates the type of change. The supported values are: created, updated, deleted. Required."), ["created", "updated", "deleted"]);
        assert_eq!(
            listed_values("Possible values are: `audio`, `video` or `data`."),
            ["audio", "video", "data"]
        );
        assert_eq!(
            listed_values("Possible values: none | organizer"),
            ["none", "organizer"]
        );
        assert_eq!(
            listed_values("The state. Valid values include a and b"),
            ["a", "b"]
        );
    }

    #[test]
    fn prose_and_annotated_items_are_no_list() {
        assert!(listed_values("Possible values are described in the following table.").is_empty());
        assert!(
            listed_values("Possible values are: success, notApplied (Policy isn't applied).")
                .is_empty()
        );
        assert!(listed_values("The type of change.").is_empty());
        assert!(listed_values("Possible values are:").is_empty());
    }

    #[test]
    fn one_edit_is_a_typo() {
        assert!(one_edit_apart("externalnonpartner", "externalnonparther"));
        assert!(
            one_edit_apart("abc", "abcd")
                && one_edit_apart("abcd", "abc")
                && one_edit_apart("abc", "xbc")
        );
        assert!(
            !one_edit_apart("abc", "abc")
                && !one_edit_apart("created", "deleted")
                && !one_edit_apart("ab", "abcd")
        );
    }
}
