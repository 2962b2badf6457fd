//! Cross-page type resolution: type names and page links to full OData names, pages of one type
//! merged, base chains walked (cycle-safe) to collect inherited properties.

use std::collections::{BTreeMap, BTreeSet};

use super::unnamed_bases::{settle_unnamed_bases, AncestorMention};
use crate::diagnostics::{codes, Diagnostic};
use crate::model::{InheritedProperty, Property, Source, TypeDef, TypeKind, TypeRef};
use crate::parse::resource::{ParsedProperty, ParsedType, TypeMention};
use crate::parse::text::squash;
use crate::parse::type_cell::{TypeCell, TypeName};
use crate::parse::ParsedPage;

/// Everything needed to turn a written type name into a full OData name.
#[derive(Debug, Default)]
pub struct TypeIndex {
    /// Lower-cased full name → full name.
    by_full: BTreeMap<String, String>,
    /// Lower-cased simple name → full names.
    by_simple: BTreeMap<String, BTreeSet<String>>,
    /// Lower-cased page stem → the full names of the types defined there, the page's own type first.
    by_page: BTreeMap<String, Vec<String>>,
}

impl TypeIndex {
    pub fn new(pages: &[ParsedPage], names: impl Iterator<Item = String>) -> Self {
        let mut index = TypeIndex::default();
        for name in names {
            index
                .by_full
                .insert(name.to_ascii_lowercase(), name.clone());
            let simple = name
                .rsplit('.')
                .next()
                .unwrap_or(&name)
                .to_ascii_lowercase();
            index.by_simple.entry(simple).or_default().insert(name);
        }
        for page in pages {
            let mut defined: Vec<String> = page
                .types
                .iter()
                .filter(|t| t.primary && !t.is_enum)
                .chain(page.types.iter().filter(|t| !t.primary || t.is_enum))
                .map(|t| t.name.clone())
                .collect();
            defined.dedup();
            if !defined.is_empty() {
                index.by_page.entry(page.stem.clone()).or_insert(defined);
            }
        }
        index
    }

    /// The full name for `name`, linked to page `link`; `None` when nothing is known by that name.
    pub fn lookup(&self, name: &str, link: Option<&str>, namespace: &str) -> Option<String> {
        let lower = name.trim().trim_start_matches('#').to_ascii_lowercase();
        if let Some(defined) = link.and_then(|stem| self.by_page.get(stem)) {
            // The linked page's own type, unless the link text names another type defined there.
            let simple = lower.rsplit('.').next().unwrap_or(&lower);
            let named_there = defined.iter().find(|d| {
                d.rsplit('.')
                    .next()
                    .unwrap_or(d)
                    .eq_ignore_ascii_case(simple)
            });
            if let Some(found) = named_there.or_else(|| defined.first()) {
                return Some(found.clone());
            }
        }
        if let Some(found) = self.by_full.get(&lower) {
            return Some(found.clone());
        }
        for prefix in [
            format!("{}.", namespace.to_ascii_lowercase()),
            "microsoft.graph.".to_string(),
        ] {
            if let Some(found) = self.by_full.get(&format!("{prefix}{lower}")) {
                return Some(found.clone());
            }
        }
        let simple = lower.rsplit('.').next().unwrap_or(&lower);
        let candidates = self.by_simple.get(simple)?;
        let preferred = format!("{}.{simple}", namespace.to_ascii_lowercase());
        candidates
            .iter()
            .find(|c| c.to_ascii_lowercase() == preferred)
            .or_else(|| candidates.iter().next())
            .cloned()
    }

    /// Resolves a type cell; unknown names become a diagnostic and a best-guess full name.
    pub fn resolve(
        &self,
        cell: &TypeCell,
        namespace: &str,
        file: &str,
        line: u32,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> TypeRef {
        match &cell.name {
            TypeName::Primitive(primitive) => TypeRef::Primitive(*primitive),
            TypeName::Named { name, link } => {
                match self.lookup(name, link.as_deref(), namespace) {
                    Some(full) => TypeRef::Named(full),
                    None => {
                        diagnostics.push(
                        Diagnostic::warning(codes::UNDEFINED_TYPE, file, line, format!("unknown type `{name}`"))
                            .with_hint("link the type's page, or add a type page with a resource annotation"),
                    );
                        TypeRef::Named(qualified(name, namespace))
                    }
                }
            }
        }
    }
}

fn qualified(name: &str, namespace: &str) -> String {
    let name = name.trim().trim_start_matches('#');
    if name.starts_with("microsoft.") {
        name.to_string()
    } else {
        format!("{namespace}.{name}")
    }
}

/// The namespace part of a full name (`microsoft.graph.callRecords.callRecord` → `microsoft.graph.callRecords`).
pub fn namespace_of(full: &str) -> &str {
    full.rsplit_once('.')
        .map_or("microsoft.graph", |(namespace, _)| namespace)
}

/// One type and the page it was first read from, while pages are merged.
struct Gathered<'a> {
    parsed: Vec<(&'a ParsedPage, &'a ParsedType)>,
}

/// Builds the type table: merges pages of one type, resolves property types and base chains.
pub fn build_types(
    pages: &[ParsedPage],
    diagnostics: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, TypeDef>, TypeIndex) {
    let mut gathered: BTreeMap<String, Gathered<'_>> = BTreeMap::new();
    for page in pages {
        for parsed in &page.types {
            if let Some(segment) = overlong_segment(&parsed.name) {
                diagnostics.push(overlong("type", segment, &page.file, parsed.line));
                continue;
            }
            let key = parsed.name.to_ascii_lowercase();
            gathered
                .entry(key)
                .or_insert_with(|| Gathered { parsed: Vec::new() })
                .parsed
                .push((page, parsed));
        }
    }
    // Own pages first, then enum tables listed elsewhere; within each, page order.
    for entry in gathered.values_mut() {
        entry.parsed.sort_by_key(|(page, parsed)| {
            let simple = parsed
                .name
                .rsplit('.')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            (
                !parsed.primary,
                page.stem != simple,
                page.file.clone(),
                parsed.line,
            )
        });
    }
    // The name as the type's own page spells it; other spellings are merged into it, and reported.
    let mut canonical: BTreeMap<String, String> = BTreeMap::new();
    for (key, entry) in &gathered {
        let Some((_, first)) = entry.parsed.first() else {
            continue;
        };
        canonical.insert(key.clone(), first.name.clone());
        let mut reported = BTreeSet::new();
        for (page, parsed) in &entry.parsed {
            if parsed.name != first.name
                && reported.insert((page.file.as_str(), parsed.name.as_str()))
            {
                diagnostics.push(
                    Diagnostic::warning(
                        codes::TYPE_NAMES_DIFFER_BY_CASE,
                        &page.file,
                        parsed.line,
                        format!(
                            "type `{}` differs from `{}` only by case; read as one type",
                            parsed.name, first.name
                        ),
                    )
                    .with_hint("spell the type's name the same way on every page"),
                );
            }
        }
    }
    let index = TypeIndex::new(pages, canonical.values().cloned());
    let mut types = BTreeMap::new();
    let mut own_notes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // (base, derived type as the base's page names it, page)
    let mut derived_mentions: Vec<(String, &TypeMention, &str)> = Vec::new();
    // Ancestors that property rows name ("Inherited from [x]"), by type.
    let mut ancestors: BTreeMap<String, Vec<AncestorMention<'_>>> = BTreeMap::new();
    for (key, entry) in &gathered {
        let name = canonical.get(key).cloned().unwrap_or_else(|| key.clone());
        let namespace = namespace_of(&name).to_string();
        let Some((first_page, first)) = entry.parsed.first() else {
            continue;
        };
        let mut def = TypeDef {
            name: name.clone(),
            kind: if first.is_enum {
                TypeKind::Enum
            } else {
                TypeKind::Complex
            },
            base: None,
            key: None,
            is_abstract: false,
            open: false,
            description: first.description.clone(),
            properties: Vec::new(),
            inherited: Vec::new(),
            members: Vec::new(),
            inferred: false,
            source: Source {
                file: first_page.file.clone(),
                line: first.line,
            },
        };
        for (page, parsed) in &entry.parsed {
            derived_mentions.extend(
                parsed
                    .derived
                    .iter()
                    .map(|mention| (name.clone(), mention, page.file.as_str())),
            );
        }
        let mut base_mention: Option<(&TypeMention, &str)> = None;
        let mut notes = BTreeSet::new();
        // Kept properties by squashed name, to find names that differ only by case or punctuation.
        let mut squashed: BTreeMap<String, usize> = BTreeMap::new();
        for (page, parsed) in &entry.parsed {
            if def.description.is_empty() {
                def.description = parsed.description.clone();
            }
            if base_mention.is_none() {
                base_mention = parsed.base.as_ref().map(|b| (b, page.file.as_str()));
            }
            def.key = def.key.take().or_else(|| parsed.key.clone());
            def.is_abstract |= parsed.is_abstract;
            def.open |= parsed.open;
            for property in &parsed.properties {
                if overlong_segment(&property.name).is_some() {
                    diagnostics.push(overlong(
                        "property",
                        &property.name,
                        &page.file,
                        property.line,
                    ));
                    continue;
                }
                if let Some(kept) = def
                    .properties
                    .iter()
                    .find(|p: &&Property| p.name == property.name)
                {
                    report_conflict(
                        kept,
                        property,
                        &index,
                        &namespace,
                        &name,
                        &page.file,
                        diagnostics,
                    );
                    continue;
                }
                let squashed_name = squash(&property.name);
                if let Some(twin) = squashed.get(&squashed_name).map(|&at| &def.properties[at]) {
                    diagnostics.push(
                        Diagnostic::warning(codes::PROPERTY_NAMES_COLLIDE, &page.file, property.line, format!("properties `{}` and `{}` of `{name}` differ only by case or punctuation", twin.name, property.name))
                            .with_hint("if both are one property, spell it one way; otherwise their generated names are told apart by a suffix"),
                    );
                }
                if property.inherited_note {
                    notes.insert(property.name.clone());
                }
                if let Some(mention) = &property.inherited_from {
                    ancestors
                        .entry(name.clone())
                        .or_default()
                        .push((mention, page.file.as_str()));
                }
                let type_ref = match &property.type_cell {
                    Some(cell) => {
                        index.resolve(cell, &namespace, &page.file, property.line, diagnostics)
                    }
                    None => TypeRef::Primitive(crate::model::Primitive::Untyped),
                };
                squashed
                    .entry(squashed_name)
                    .or_insert(def.properties.len());
                def.properties.push(Property {
                    name: property.name.clone(),
                    type_ref,
                    collection: property.type_cell.as_ref().is_some_and(|c| c.collection),
                    nullable: property.nullable,
                    navigation: property.navigation,
                    read_only: property.read_only,
                    description: property.description.clone(),
                    source: Source {
                        file: page.file.clone(),
                        line: property.line,
                    },
                });
            }
            for member in &parsed.members {
                if !def.members.iter().any(|m| m.name == member.name) {
                    def.members.push(member.clone());
                }
            }
        }
        if let Some((mention, file)) = base_mention {
            match index.lookup(&mention.name, mention.link.as_deref(), &namespace) {
                Some(base) if base != name => def.base = Some(base),
                Some(_) => {}
                None => diagnostics.push(
                    Diagnostic::warning(
                        codes::UNKNOWN_BASE_TYPE,
                        file,
                        mention.line,
                        format!("base type `{}` of `{name}` is unknown", mention.name),
                    )
                    .with_hint("link the base type's page, or add it"),
                ),
            }
        }
        own_notes.insert(name.clone(), notes);
        types.insert(name, def);
    }
    // A derived type whose own page names no base takes the base that names it.
    for (base, mention, file) in derived_mentions {
        let Some(derived) = index.lookup(&mention.name, mention.link.as_deref(), "microsoft.graph")
        else {
            continue;
        };
        if let Some(def) = types
            .get_mut(&derived)
            .filter(|d| d.base.is_none() && d.name != base)
        {
            diagnostics.push(
                Diagnostic::warning(codes::BASE_FROM_DERIVED_LIST, file, mention.line, format!("`{derived}` names no base type, but `{base}` lists it as derived; read as derived from `{base}`"))
                    .with_hint("add \"Inherits from\" to the derived type's page"),
            );
            def.base = Some(base);
        }
    }
    settle_unnamed_bases(&mut types, &index, &ancestors, diagnostics);
    resolve_inheritance(&mut types, &own_notes, diagnostics);
    (types, index)
}

/// CSDL limits simple identifiers to 128 characters; longer names would also outgrow the
/// file names they are generated into.
pub const MAX_IDENTIFIER_CHARS: usize = 128;

/// The first dot-separated part of `name` that is longer than an identifier may be.
pub fn overlong_segment(name: &str) -> Option<&str> {
    name.split('.')
        .find(|segment| segment.chars().count() > MAX_IDENTIFIER_CHARS)
}

fn overlong(what: &str, name: &str, file: &str, line: u32) -> Diagnostic {
    let shown: String = name.chars().take(40).collect();
    Diagnostic::warning(codes::NAME_TOO_LONG, file, line, format!("{what} name `{shown}…` has {} characters, more than the {MAX_IDENTIFIER_CHARS} an identifier may have; skipped", name.chars().count()))
        .with_hint("shorten the name")
}

/// Reports a property that a second page (or row) of the same type gives another type; the first is kept.
#[allow(clippy::too_many_arguments)]
fn report_conflict(
    kept: &Property,
    again: &ParsedProperty,
    index: &TypeIndex,
    namespace: &str,
    type_name: &str,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(cell) = &again.type_cell else { return };
    // Unknown names were reported where the first row was resolved; do not report them twice.
    let type_ref = index.resolve(cell, namespace, file, again.line, &mut Vec::new());
    if type_ref == kept.type_ref && cell.collection == kept.collection {
        return;
    }
    let shown = |type_ref: &TypeRef, collection: bool| -> String {
        let name = match type_ref {
            TypeRef::Primitive(primitive) => primitive.edm_name().to_string(),
            TypeRef::Named(name) => name.clone(),
        };
        if collection {
            format!("Collection({name})")
        } else {
            name
        }
    };
    diagnostics.push(
        Diagnostic::warning(
            codes::CONFLICTING_PROPERTY,
            file,
            again.line,
            format!(
                "property `{}` of `{type_name}` is `{}` here but `{}` at {}:{}; the first is kept",
                again.name,
                shown(&type_ref, cell.collection),
                shown(&kept.type_ref, kept.collection),
                kept.source.file,
                kept.source.line
            ),
        )
        .with_hint("make the type pages agree on the property's type"),
    );
}

/// The base chain of `name`, nearest first, stopping at a cycle or an unknown base.
pub(super) fn base_chain(types: &BTreeMap<String, TypeDef>, name: &str) -> (Vec<String>, bool) {
    let mut chain = Vec::new();
    let mut seen = BTreeSet::from([name.to_string()]);
    let mut current = types.get(name).and_then(|t| t.base.clone());
    while let Some(base) = current {
        if !seen.insert(base.clone()) {
            return (chain, true);
        }
        current = types.get(&base).and_then(|t| t.base.clone());
        chain.push(base);
    }
    (chain, false)
}

fn resolve_inheritance(
    types: &mut BTreeMap<String, TypeDef>,
    own_notes: &BTreeMap<String, BTreeSet<String>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let names: Vec<String> = types.keys().cloned().collect();
    let chains: BTreeMap<String, Vec<String>> = names
        .iter()
        .map(|name| {
            let (chain, cycle) = base_chain(types, name);
            if let Some(def) = types.get(name).filter(|_| cycle) {
                diagnostics.push(
                    Diagnostic::error(
                        codes::BASE_TYPE_CYCLE,
                        &def.source.file,
                        def.source.line,
                        format!("base types of `{name}` form a cycle"),
                    )
                    .with_hint("fix the baseType annotation or the \"Inherits from\" link"),
                );
            }
            (name.clone(), chain)
        })
        .collect();
    // Pages that repeat a base type's rows ("Inherited from [x]") keep them only as inherited.
    let mut repeated: Vec<(String, BTreeSet<String>)> = Vec::new();
    for (name, chain) in &chains {
        let Some(notes) = own_notes.get(name).filter(|n| !n.is_empty()) else {
            continue;
        };
        let in_bases: BTreeSet<String> = chain
            .iter()
            .filter_map(|b| types.get(b))
            .flat_map(|b| b.properties.iter().map(|p| p.name.clone()))
            .filter(|p| notes.contains(p))
            .collect();
        repeated.push((name.clone(), in_bases));
    }
    // Drop base-most first so that each base keeps the rows it declares itself.
    for (name, drop) in &repeated {
        if let Some(def) = types.get_mut(name) {
            def.properties.retain(|p| !drop.contains(&p.name));
        }
    }
    let mut updates = Vec::new();
    for (name, chain) in &chains {
        let mut inherited: Vec<InheritedProperty> = Vec::new();
        for base in chain.iter().rev() {
            let Some(base_def) = types.get(base) else {
                continue;
            };
            for property in &base_def.properties {
                inherited.retain(|p| p.property.name != property.name);
                inherited.push(InheritedProperty {
                    from: base.clone(),
                    property: property.clone(),
                });
            }
        }
        let is_entity = name == "microsoft.graph.entity"
            || chain.iter().any(|b| {
                b == "microsoft.graph.entity" || types.get(b).is_some_and(|t| t.key.is_some())
            })
            || types.get(name).is_some_and(|t| t.key.is_some());
        updates.push((name.clone(), inherited, is_entity));
    }
    for (name, inherited, is_entity) in updates {
        let Some(def) = types.get_mut(&name) else {
            continue;
        };
        if def.kind != TypeKind::Enum && (is_entity || def.properties.iter().any(|p| p.navigation))
        {
            def.kind = TypeKind::Entity;
        }
        let own: BTreeSet<&str> = def.properties.iter().map(|p| p.name.as_str()).collect();
        def.inherited = inherited
            .into_iter()
            .filter(|i| !own.contains(i.property.name.as_str()))
            .collect();
    }
}
