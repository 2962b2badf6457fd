//! Bases for types whose page names none, from what the docs state elsewhere.
//!
//! Run after the annotation, "Inherits from" prose and base pages' derived-type lists have had
//! their say; each rule below only fills a base still missing, and says so:
//! - property rows that say "Inherited from [x]" name an ancestor: the most derived of the
//!   ancestors the rows name is the base (`GG0513`);
//! - an entity type keyed by `id` with no other statement derives from `microsoft.graph.entity`,
//!   the type that declares `id` for every entity (`GG0514`).

use std::collections::BTreeMap;

use super::resolve::{base_chain, TypeIndex};
use super::{TypeDef, TypeKind};
use crate::diagnostics::{codes, Diagnostic};
use crate::parse::resource::TypeMention;

/// The root every entity type derives from.
pub const ENTITY_ROOT: &str = "microsoft.graph.entity";

/// An ancestor named by a property row: the mention, and the page it is on.
pub type AncestorMention<'a> = (&'a TypeMention, &'a str);

pub fn settle_unnamed_bases(
    types: &mut BTreeMap<String, TypeDef>,
    index: &TypeIndex,
    ancestors: &BTreeMap<String, Vec<AncestorMention<'_>>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (name, mentions) in ancestors {
        if !types.get(name).is_some_and(|def| def.base.is_none()) {
            continue;
        }
        let namespace = name
            .rsplit_once('.')
            .map_or("microsoft.graph", |(ns, _)| ns);
        let mut named: Vec<(String, &TypeMention, &str)> = Vec::new();
        for (mention, file) in mentions {
            let Some(ancestor) = index.lookup(&mention.name, mention.link.as_deref(), namespace)
            else {
                continue;
            };
            if ancestor != *name
                && types.contains_key(&ancestor)
                && !named.iter().any(|(n, _, _)| *n == ancestor)
            {
                named.push((ancestor, mention, file));
            }
        }
        // The nearest: the one whose own chain holds every other named ancestor.
        let nearest = named.iter().find(|(candidate, _, _)| {
            let (chain, _) = base_chain(types, candidate);
            named
                .iter()
                .all(|(other, _, _)| other == candidate || chain.contains(other))
        });
        let Some((base, mention, file)) = nearest else {
            continue;
        };
        let (chain, _) = base_chain(types, base);
        if chain.contains(name) {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                codes::BASE_FROM_INHERITED_PROPERTIES,
                file,
                mention.line,
                format!("`{name}` names no base type, but its properties say they are inherited from `{base}`; read as derived from `{base}`"),
            )
            .with_hint("add \"Inherits from\" to the type's page"),
        );
        if let Some(def) = types.get_mut(name) {
            def.base = Some(base.clone());
        }
    }
    if !types.contains_key(ENTITY_ROOT) {
        return;
    }
    for def in types.values_mut() {
        let keyed_by_id = def.key.as_deref() == Some("id");
        if def.base.is_some() || def.name == ENTITY_ROOT || !keyed_by_id || def.inferred {
            continue;
        }
        if def.kind == TypeKind::Enum {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(
                codes::ENTITY_ROOT_BASE,
                &def.source.file,
                def.source.line,
                format!(
                    "entity type `{}` is keyed by `id` and names no base type; read as derived from `{ENTITY_ROOT}`",
                    def.name
                ),
            )
            .with_hint("add \"baseType\": \"microsoft.graph.entity\" to the resource annotation"),
        );
        def.base = Some(ENTITY_ROOT.to_string());
    }
}
