//! Planning the generated types: modules, names, fields, polymorphic enums, boxing.

use std::collections::{BTreeMap, BTreeSet};

use super::{
    codes, RustEnum, RustEnumVariant, RustField, RustNamespace, RustPolyVariant, RustPolymorphic,
    RustPrimitive, RustStruct, RustType, RustTypeExpr, RustTypePath, RustTypeShape,
};
use crate::diagnostics::Diagnostic;
use crate::emit::naming::{self, Case, Scope};
use crate::model::{Model, Primitive, Property, RequestBody, Source, TypeDef, TypeKind, TypeRef};

/// The namespace whose types live directly in `crate::types`.
const ROOT_NAMESPACE: &str = "microsoft.graph";

/// Name of the map of undocumented members in every struct.
pub(super) const ADDITIONAL_PROPERTIES: &str = "additional_properties";

/// Planned types and the lookups endpoint planning needs.
pub(super) struct TypePlan {
    pub types: Vec<RustType>,
    pub namespaces: Vec<RustNamespace>,
    /// OData name → (kind, path, polymorphic enum path when it has derived types).
    lookup: BTreeMap<String, (TypeKind, RustTypePath, Option<RustTypePath>)>,
}

impl TypePlan {
    /// The Rust type for a model type reference; unknown names become `serde_json::Value`
    /// with a diagnostic at `source`.
    pub fn resolve(
        &self,
        type_ref: &TypeRef,
        source: &Source,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> RustTypeExpr {
        match type_ref {
            TypeRef::Primitive(primitive) => RustTypeExpr::Primitive(primitive_type(*primitive)),
            TypeRef::Named(name) => match self.lookup.get(name) {
                Some((_, _, Some(poly))) => RustTypeExpr::Polymorphic {
                    odata_name: name.clone(),
                    path: poly.clone(),
                },
                Some((_, path, None)) => RustTypeExpr::Named {
                    odata_name: name.clone(),
                    path: path.clone(),
                },
                None => {
                    diagnostics.push(
                        Diagnostic::warning(
                            codes::UNKNOWN_TYPE,
                            &source.file,
                            source.line,
                            format!("type `{name}` is not defined; its values are kept as `serde_json::Value`"),
                        )
                        .with_hint("add a resource page for the type, or correct the type name"),
                    );
                    RustTypeExpr::Primitive(RustPrimitive::JsonValue)
                }
            },
        }
    }

    /// The struct of an entity or complex type, as a type expression (never its
    /// polymorphic enum); `None` for enums and unknown names.
    pub fn struct_type(&self, odata_name: &str) -> Option<RustTypeExpr> {
        match self.lookup.get(odata_name)? {
            (TypeKind::Entity | TypeKind::Complex, path, _) => Some(RustTypeExpr::Named {
                odata_name: odata_name.to_string(),
                path: path.clone(),
            }),
            (TypeKind::Enum, _, _) => None,
        }
    }

    /// The kind of a model type, when defined.
    pub fn kind(&self, odata_name: &str) -> Option<TypeKind> {
        self.lookup.get(odata_name).map(|(kind, _, _)| *kind)
    }
}

pub(super) fn primitive_type(primitive: Primitive) -> RustPrimitive {
    match primitive {
        Primitive::String => RustPrimitive::String,
        Primitive::Boolean => RustPrimitive::Bool,
        Primitive::Byte => RustPrimitive::U8,
        Primitive::SByte => RustPrimitive::I8,
        Primitive::Int16 => RustPrimitive::I16,
        Primitive::Int32 => RustPrimitive::I32,
        Primitive::Int64 => RustPrimitive::I64,
        Primitive::Single => RustPrimitive::F32,
        Primitive::Double | Primitive::Decimal => RustPrimitive::F64,
        Primitive::Guid => RustPrimitive::Uuid,
        Primitive::DateTimeOffset => RustPrimitive::DateTime,
        Primitive::Date => RustPrimitive::Date,
        Primitive::TimeOfDay => RustPrimitive::TimeOfDay,
        Primitive::Duration => RustPrimitive::Duration,
        Primitive::Binary => RustPrimitive::Binary,
        Primitive::Stream | Primitive::Untyped => RustPrimitive::JsonValue,
    }
}

/// Splits `microsoft.graph.security.alert` into (`microsoft.graph.security`, `alert`).
fn split_name(odata_name: &str) -> (&str, &str) {
    match odata_name.rfind('.') {
        Some(dot) => (&odata_name[..dot], &odata_name[dot + 1..]),
        None => ("", odata_name),
    }
}

/// The OData namespace's segments below the root namespace.
fn namespace_segments(namespace: &str) -> Vec<&str> {
    let rest = if namespace == ROOT_NAMESPACE {
        ""
    } else {
        namespace
            .strip_prefix("microsoft.graph.")
            .unwrap_or(namespace)
    };
    rest.split('.').filter(|s| !s.is_empty()).collect()
}

pub(super) fn plan_types(model: &Model, diagnostics: &mut Vec<Diagnostic>) -> TypePlan {
    // Module scopes, one per directory under `src/types`, keyed by module path.
    let mut module_scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    let mut namespace_paths: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut segment_modules: BTreeMap<(Vec<String>, String), String> = BTreeMap::new();
    let namespaces: BTreeSet<&str> = model.types.keys().map(|name| split_name(name).0).collect();
    for namespace in &namespaces {
        let mut path: Vec<String> = Vec::new();
        for segment in namespace_segments(namespace) {
            let key = (path.clone(), segment.to_string());
            let module = match segment_modules.get(&key) {
                Some(module) => module.clone(),
                None => {
                    let scope = module_scopes
                        .entry(path.clone())
                        .or_insert_with(|| Scope::new(Case::Snake));
                    let module = scope.claim(&naming::snake(segment));
                    segment_modules.insert(key, module.clone());
                    module
                }
            };
            path.push(module);
        }
        namespace_paths.insert(namespace.to_string(), path);
    }
    // The root module always exists, even for a model without types.
    let mut all_paths: BTreeSet<Vec<String>> = BTreeSet::from([Vec::new()]);
    for path in namespace_paths.values() {
        for len in 0..=path.len() {
            all_paths.insert(path.iter().take(len).cloned().collect());
        }
    }

    // Type names, per namespace, in OData name order; then polymorphic enum names.
    let mut type_scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    let mut paths: BTreeMap<&str, RustTypePath> = BTreeMap::new();
    let mut file_modules: BTreeMap<&str, String> = BTreeMap::new();
    for odata_name in model.types.keys() {
        let (namespace, simple) = split_name(odata_name);
        let namespace_path = namespace_paths.get(namespace).cloned().unwrap_or_default();
        let scope = type_scopes
            .entry(namespace_path.clone())
            .or_insert_with(|| Scope::new(Case::Pascal));
        let name = scope.claim(&naming::type_name(simple));
        let module_scope = module_scopes
            .entry(namespace_path.clone())
            .or_insert_with(|| Scope::new(Case::Snake));
        file_modules.insert(odata_name, module_scope.claim(&naming::snake(simple)));
        paths.insert(
            odata_name,
            RustTypePath {
                namespace: namespace_path,
                name,
            },
        );
    }
    let derived = derived_types(model);
    let referenced = referenced_types(model);
    let mut poly_paths: BTreeMap<&str, RustTypePath> = BTreeMap::new();
    for (odata_name, def) in &model.types {
        let has_derived = derived
            .get(odata_name.as_str())
            .is_some_and(|d| !d.is_empty());
        if def.kind == TypeKind::Enum || !has_derived || !referenced.contains(odata_name.as_str()) {
            continue;
        }
        let Some(path) = paths.get(odata_name.as_str()) else {
            continue;
        };
        let scope = type_scopes
            .entry(path.namespace.clone())
            .or_insert_with(|| Scope::new(Case::Pascal));
        let name = scope.claim(&format!("Any{}", path.name));
        poly_paths.insert(
            odata_name,
            RustTypePath {
                namespace: path.namespace.clone(),
                name,
            },
        );
    }

    let lookup = model
        .types
        .iter()
        .filter_map(|(odata_name, def)| {
            let path = paths.get(odata_name.as_str())?.clone();
            let poly = poly_paths.get(odata_name.as_str()).cloned();
            Some((odata_name.clone(), (def.kind, path, poly)))
        })
        .collect();
    let mut plan = TypePlan {
        types: Vec::new(),
        namespaces: all_paths
            .into_iter()
            .map(|path| RustNamespace {
                odata_namespace: namespace_paths
                    .iter()
                    .find(|(_, p)| **p == path)
                    .map(|(ns, _)| ns.clone())
                    .unwrap_or_else(|| {
                        if path.is_empty() {
                            ROOT_NAMESPACE.to_string()
                        } else {
                            String::new()
                        }
                    }),
                path,
            })
            .collect(),
        lookup,
    };

    let mut types = Vec::new();
    for (odata_name, def) in &model.types {
        let (Some(path), Some(file_module)) = (
            paths.get(odata_name.as_str()),
            file_modules.get(odata_name.as_str()),
        ) else {
            continue;
        };
        let shape = match def.kind {
            TypeKind::Enum => RustTypeShape::Enum(plan_enum(def)),
            TypeKind::Entity | TypeKind::Complex => {
                let polymorphic = poly_paths.get(odata_name.as_str()).map(|poly| {
                    plan_polymorphic(poly, path, derived.get(odata_name.as_str()), &paths)
                });
                RustTypeShape::Struct(plan_struct(def, &plan, polymorphic, diagnostics))
            }
        };
        types.push(RustType {
            odata_name: odata_name.clone(),
            path: path.clone(),
            file_module: file_module.clone(),
            description: def.description.clone(),
            source: def.source.clone(),
            inferred: def.inferred,
            shape,
            // Set once the endpoints are planned (`type_gates`).
            features: None,
            gate: None,
            selectable: false,
        });
    }
    box_cycles(&mut types);
    plan.types = types;
    plan
}

/// Names of the types that properties, bodies, parameters and responses refer to: only
/// those need a polymorphic enum.
fn referenced_types(model: &Model) -> BTreeSet<&str> {
    fn named(type_ref: &TypeRef) -> Option<&str> {
        match type_ref {
            TypeRef::Named(name) => Some(name.as_str()),
            TypeRef::Primitive(_) => None,
        }
    }
    let properties = model
        .types
        .values()
        .flat_map(|def| def.properties.iter().map(|p| &p.type_ref));
    let operations = model.operations.iter().flat_map(|operation| {
        let body: Vec<&TypeRef> = match &operation.request {
            RequestBody::Type { type_ref, .. } => vec![type_ref],
            RequestBody::Parameters { parameters } => {
                parameters.iter().map(|p| &p.type_ref).collect()
            }
            RequestBody::None | RequestBody::Stream { .. } => Vec::new(),
        };
        body.into_iter().chain(operation.response.type_ref.as_ref())
    });
    properties.chain(operations).filter_map(named).collect()
}

/// Every type's derived types, transitively, sorted by OData name.
fn derived_types(model: &Model) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, def) in &model.types {
        if let Some(base) = &def.base {
            let is_struct = def.kind != TypeKind::Enum;
            let base_is_struct = model
                .types
                .get(base)
                .is_some_and(|b| b.kind != TypeKind::Enum);
            if base != name && is_struct && base_is_struct {
                children
                    .entry(base.as_str())
                    .or_default()
                    .push(name.as_str());
            }
        }
    }
    let mut result = BTreeMap::new();
    for base in children.keys() {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut stack: Vec<&str> = vec![base];
        while let Some(current) = stack.pop() {
            for child in children.get(current).map(Vec::as_slice).unwrap_or_default() {
                if child != base && seen.insert(child) {
                    stack.push(child);
                }
            }
        }
        result.insert(*base, seen);
    }
    result
}

fn plan_polymorphic(
    poly: &RustTypePath,
    base: &RustTypePath,
    derived: Option<&BTreeSet<&str>>,
    paths: &BTreeMap<&str, RustTypePath>,
) -> RustPolymorphic {
    let mut scope = Scope::new(Case::Pascal);
    let base_variant = scope.claim(&base.name);
    let variants = derived
        .into_iter()
        .flatten()
        .filter_map(|odata_name| {
            let ty = paths.get(odata_name)?.clone();
            Some(RustPolyVariant {
                name: scope.claim(&ty.name),
                odata_name: odata_name.to_string(),
                ty,
            })
        })
        .collect();
    RustPolymorphic {
        name: poly.name.clone(),
        base_variant,
        variants,
    }
}

fn plan_enum(def: &TypeDef) -> RustEnum {
    let mut scope = Scope::new(Case::Pascal);
    let mut seen = BTreeSet::new();
    let variants = def
        .members
        .iter()
        .filter(|member| seen.insert(member.name.as_str()))
        .map(|member| RustEnumVariant {
            name: scope.claim(&naming::variant_name(&member.name)),
            wire_value: member.name.clone(),
            description: member.description.clone(),
        })
        .collect();
    RustEnum {
        variants,
        other_variant: scope.claim("Undocumented"),
    }
}

fn plan_struct(
    def: &TypeDef,
    plan: &TypePlan,
    polymorphic: Option<RustPolymorphic>,
    diagnostics: &mut Vec<Diagnostic>,
) -> RustStruct {
    let mut scope = Scope::new(Case::Snake);
    let additional_properties = scope.claim(ADDITIONAL_PROPERTIES);
    let mut seen_wire: BTreeSet<&str> = BTreeSet::new();
    let mut fields = Vec::new();
    let all = def
        .inherited
        .iter()
        .map(|inherited| (Some(&inherited.from), &inherited.property))
        .chain(def.properties.iter().map(|property| (None, property)));
    for (from, property) in all {
        if !seen_wire.insert(property.name.as_str()) {
            if from.is_none()
                && def
                    .properties
                    .iter()
                    .filter(|p| p.name == property.name)
                    .count()
                    > 1
            {
                diagnostics.push(Diagnostic::warning(
                    codes::DUPLICATE_PROPERTY,
                    &property.source.file,
                    property.source.line,
                    format!(
                        "property `{}` of `{}` is documented twice; the first is used",
                        property.name, def.name
                    ),
                ));
            }
            continue;
        }
        fields.push(plan_field(
            property,
            from.cloned(),
            &mut scope,
            plan,
            diagnostics,
        ));
    }
    RustStruct {
        fields,
        additional_properties,
        is_abstract: def.is_abstract,
        polymorphic,
    }
}

fn plan_field(
    property: &Property,
    inherited_from: Option<String>,
    scope: &mut Scope,
    plan: &TypePlan,
    diagnostics: &mut Vec<Diagnostic>,
) -> RustField {
    let inner = plan.resolve(&property.type_ref, &property.source, diagnostics);
    RustField {
        name: scope.claim(&naming::snake(&property.name)),
        wire_name: property.name.clone(),
        ty: if property.collection {
            RustTypeExpr::List(Box::new(inner))
        } else {
            inner
        },
        description: property.description.clone(),
        inherited_from,
        read_only: property.read_only,
        navigation: property.navigation,
        required: false,
    }
}

/// Boxes every non-collection field whose struct is in the same strongly connected component
/// as the struct holding it, so that every struct has a finite size.
fn box_cycles(types: &mut [RustType]) {
    let index: BTreeMap<&RustTypePath, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.path, i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match &t.shape {
            RustTypeShape::Struct(s) => s
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    RustTypeExpr::Named { path, .. } => index.get(path).copied(),
                    _ => None,
                })
                .filter(|&target| {
                    matches!(
                        types.get(target).map(|t| &t.shape),
                        Some(RustTypeShape::Struct(_))
                    )
                })
                .collect(),
            RustTypeShape::Enum(_) => Vec::new(),
        })
        .collect();
    let component = strongly_connected_components(&edges);
    let component_of: BTreeMap<RustTypePath, usize> = types
        .iter()
        .zip(&component)
        .map(|(t, c)| (t.path.clone(), *c))
        .collect();
    for (i, ty) in types.iter_mut().enumerate() {
        let own = component.get(i).copied();
        if let RustTypeShape::Struct(s) = &mut ty.shape {
            for field in &mut s.fields {
                if let RustTypeExpr::Named { path, .. } = &field.ty {
                    if component_of.get(path).copied() == own {
                        let inner = std::mem::replace(
                            &mut field.ty,
                            RustTypeExpr::Primitive(RustPrimitive::JsonValue),
                        );
                        field.ty = RustTypeExpr::Boxed(Box::new(inner));
                    }
                }
            }
        }
    }
}

/// Tarjan's algorithm without recursion: the component id of every node.
pub(crate) fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNVISITED; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next_order = 0usize;
    let mut next_component = 0usize;
    for root in 0..n {
        if order[root] != UNVISITED {
            continue;
        }
        // Each frame: node and the index of the next edge to look at.
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        order[root] = next_order;
        low[root] = next_order;
        next_order += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            let targets = &edges[node];
            if let Some(&target) = targets.get(*edge) {
                *edge += 1;
                if order[target] == UNVISITED {
                    order[target] = next_order;
                    low[target] = next_order;
                    next_order += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    frames.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected_components;

    #[test]
    fn components_group_cycles_only() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected_components(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
    }
}
