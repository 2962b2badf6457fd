//! Defects in the docs themselves, beyond what reading them reports: example bodies that
//! use members their type lacks or values of the wrong JSON kind, method pages that
//! document no permissions, and request lines two pages document differently.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostics::{codes, Diagnostic};
use crate::model::{Model, Primitive, Property, Source, TypeKind, TypeRef};

/// Lint findings for `model`, in a stable order (the model's own diagnostics not included).
pub fn lint(model: &Model) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for operation in &model.operations {
        shared_line_disagreements(model, operation, &mut findings);
        let p = &operation.permissions;
        if p.delegated_work.is_none() && p.delegated_personal.is_none() && p.application.is_none() {
            findings.push(
                Diagnostic::warning(
                    codes::NO_PERMISSIONS,
                    &operation.source.file,
                    operation.source.line,
                    format!(
                        "`{} {}` documents no permissions",
                        operation.method, operation.path.raw
                    ),
                )
                .with_hint("add a permissions table under `## Permissions`"),
            );
        }
        let Some(TypeRef::Named(type_name)) = &operation.response.type_ref else {
            continue;
        };
        for example in &operation.examples {
            let Some(response) = &example.response else {
                continue;
            };
            let Some(json) = response.body.as_ref().and_then(|b| b.json.as_ref()) else {
                continue;
            };
            let checker = Checker {
                model,
                source: &response.source,
                findings: &mut findings,
            };
            match (operation.response.collection, json.get("value")) {
                (true, Some(Value::Array(items))) => {
                    let mut checker = checker;
                    for (i, item) in items.iter().enumerate() {
                        checker.object(type_name, item, &format!("$.value[{i}]"));
                    }
                }
                (true, _) => {}
                (false, _) => {
                    let mut checker = checker;
                    checker.object(type_name, json, "$");
                }
            }
        }
    }
    findings.sort();
    findings.dedup();
    findings
}

/// A request line two pages document differently: the client follows its owner's page, so
/// the other page's reader is misled.
fn shared_line_disagreements(
    model: &Model,
    operation: &crate::model::Operation,
    findings: &mut Vec<Diagnostic>,
) {
    for other in &operation.also_documented_by {
        let differ = crate::model::shared_lines::disagreements(operation, other, &model.types);
        if differ.is_empty() {
            continue;
        }
        findings.push(
            Diagnostic::warning(
                codes::LINE_DOCUMENTED_DIFFERENTLY,
                &other.source.file,
                other.source.line,
                format!(
                    "`{} {}` is documented in `{}` (line {}) too, where the {} {}; the client follows that page",
                    operation.method,
                    operation.path.raw,
                    operation.source.file,
                    operation.source.line,
                    differ.join(", "),
                    if differ == ["permissions"] || differ.len() > 1 { "differ" } else { "differs" }
                ),
            )
            .with_hint("make both pages describe the line alike, or link to the page that owns it"),
        );
    }
}

struct Checker<'a> {
    model: &'a Model,
    source: &'a Source,
    findings: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn object(&mut self, declared: &str, value: &Value, at: &str) {
        let Value::Object(members) = value else {
            return;
        };
        // A value may be of a type derived from the declared one, named by `@odata.type`.
        let actual = members
            .get("@odata.type")
            .and_then(Value::as_str)
            .map(|t| t.trim_start_matches('#').to_string())
            .filter(|t| self.model.types.contains_key(t))
            .unwrap_or_else(|| declared.to_string());
        let Some(ty) = self.model.types.get(&actual) else {
            return;
        };
        if ty.open || ty.inferred {
            return;
        }
        let known: BTreeSet<&str> = ty.all_properties().map(|p| p.name.as_str()).collect();
        for (name, member) in members {
            if name.contains('@') {
                continue;
            }
            match ty.all_properties().find(|p| p.name == *name) {
                None if !known.contains(name.as_str()) => self.findings.push(
                    Diagnostic::warning(
                        codes::EXAMPLE_MEMBER_NOT_IN_TYPE,
                        &self.source.file,
                        self.source.line,
                        format!("example member `{at}.{name}` is not a property of `{actual}`"),
                    )
                    .with_hint(format!(
                        "document `{name}` on the type's page, or fix the example"
                    )),
                ),
                None => {}
                Some(property) => self.member(property, member, &format!("{at}.{name}")),
            }
        }
    }

    fn member(&mut self, property: &Property, value: &Value, at: &str) {
        if value.is_null() {
            return;
        }
        if property.collection {
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.single(property, item, &format!("{at}[{i}]"));
                    }
                }
                _ => self.mismatch(at, "an array", value),
            }
        } else {
            self.single(property, value, at);
        }
    }

    fn single(&mut self, property: &Property, value: &Value, at: &str) {
        if value.is_null() {
            return;
        }
        match &property.type_ref {
            TypeRef::Primitive(primitive) => {
                let fits = match primitive {
                    Primitive::Boolean => value.is_boolean(),
                    Primitive::Byte
                    | Primitive::SByte
                    | Primitive::Int16
                    | Primitive::Int32
                    | Primitive::Int64 => value.is_i64() || value.is_u64(),
                    Primitive::Single | Primitive::Double | Primitive::Decimal => value.is_number(),
                    Primitive::Untyped | Primitive::Stream => true,
                    _ => value.is_string(),
                };
                if !fits {
                    self.mismatch(at, primitive.edm_name(), value);
                }
            }
            TypeRef::Named(name) => match self.model.types.get(name).map(|t| t.kind) {
                Some(TypeKind::Enum) if !value.is_string() => self.mismatch(at, name, value),
                Some(TypeKind::Entity | TypeKind::Complex) if !value.is_object() => {
                    self.mismatch(at, name, value)
                }
                Some(TypeKind::Entity | TypeKind::Complex) => self.object(name, value, at),
                _ => {}
            },
        }
    }

    fn mismatch(&mut self, at: &str, expected: &str, value: &Value) {
        let mut shown = value.to_string();
        if shown.len() > 40 {
            let cut = (0..=40)
                .rev()
                .find(|&i| shown.is_char_boundary(i))
                .unwrap_or(0);
            shown.truncate(cut);
            shown.push('…');
        }
        self.findings.push(Diagnostic::warning(
            codes::EXAMPLE_VALUE_OF_WRONG_KIND,
            &self.source.file,
            self.source.line,
            format!("example value `{at}` is {shown}, but the type says {expected}"),
        ));
    }
}
