//! The API summary: one line per public item of the generated crate, the file a reviewer
//! reads when the docs change. Written from the plan, so it names exactly what is emitted.

use super::plan::{
    RustApi, RustArgKind, RustBody, RustEndpoint, RustPrimitive, RustResponse, RustTypeExpr,
    RustTypeShape,
};
use crate::model::Model;

/// The summary text: types with their fields and variants, then endpoints with their HTTP lines
/// and documented query options.
pub fn api_summary(model: &Model, api: &RustApi) -> String {
    let mut out = String::from("# API summary: one line per public item.\n\n");
    for ty in &api.types {
        let path = type_path(&ty.path.namespace, &ty.path.name);
        match &ty.shape {
            RustTypeShape::Struct(shape) => {
                out.push_str(&format!("struct {path}  ({})\n", ty.odata_name));
                for field in &shape.fields {
                    out.push_str(&format!(
                        "    {}: Field<{}>  \"{}\"\n",
                        field.name,
                        expr(&field.ty),
                        field.wire_name
                    ));
                }
                if let Some(poly) = &shape.polymorphic {
                    let enum_path = type_path(&ty.path.namespace, &poly.name);
                    out.push_str(&format!("enum {enum_path}  (by @odata.type)\n"));
                    for variant in &poly.variants {
                        out.push_str(&format!("    {}({})\n", variant.name, variant.odata_name));
                    }
                    out.push_str(&format!("    {}(fallback)\n", poly.base_variant));
                }
            }
            RustTypeShape::Enum(shape) => {
                out.push_str(&format!("enum {path}  ({})\n", ty.odata_name));
                for variant in &shape.variants {
                    out.push_str(&format!(
                        "    {} = \"{}\"\n",
                        variant.name, variant.wire_value
                    ));
                }
                out.push_str(&format!("    {}(UndocumentedValue)\n", shape.other_variant));
            }
        }
    }
    out.push('\n');
    for endpoint in &api.endpoints {
        out.push_str(&endpoint_line(model, endpoint));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&tree_lines(api));
    out
}

/// The resource tree, one node per line with its steps and leaves:
/// `tree UserMessages  /users/{user_id}/messages`, then `    .id(message_id) -> UserMessage`
/// and `    .list() -> fn outlook::get_users_by_id_messages`.
fn tree_lines(api: &RustApi) -> String {
    let mut out = String::new();
    for node in &api.tree.nodes {
        let path = if node.path.is_empty() {
            "/"
        } else {
            &node.path
        };
        out.push_str(&format!("tree {}  {path}\n", node.name));
        for child in &node.children {
            let target = &api.tree.nodes[child.node];
            out.push_str(&format!(
                "    .{}({}) -> {}\n",
                child.method,
                child.args.join(", "),
                target.name
            ));
        }
        for leaf in &node.leaves {
            if let Some(endpoint) = api.endpoints.get(leaf.endpoint) {
                out.push_str(&format!(
                    "    .{}() -> fn {}::{}\n",
                    leaf.method, endpoint.area_module, endpoint.fn_name
                ));
            }
        }
    }
    out
}

/// One endpoint as `fn module::name(args) -> Response  METHOD /path`.
pub fn endpoint_line(model: &Model, endpoint: &RustEndpoint) -> String {
    let args: Vec<String> = endpoint
        .args
        .iter()
        .map(|arg| match &arg.kind {
            RustArgKind::Body => match &endpoint.body {
                RustBody::Json {
                    ty,
                    collection: true,
                } => format!("{}: &[{}]", arg.name, expr(ty)),
                RustBody::Json { ty, .. } => format!("{}: &{}", arg.name, expr(ty)),
                RustBody::Parameters { struct_name, .. } => format!("{}: &{struct_name}", arg.name),
                _ => arg.name.clone(),
            },
            RustArgKind::QueryOptions => match &endpoint.query_options {
                Some(options) => format!("{}: &{}", arg.name, options.struct_name),
                None => arg.name.clone(),
            },
            RustArgKind::Content => format!("{}: Vec<u8>", arg.name),
            _ => format!("{}: &str", arg.name),
        })
        .collect();
    let response = match &endpoint.response {
        RustResponse::NoContent => "()".to_string(),
        RustResponse::RawBytes => "Vec<u8>".to_string(),
        RustResponse::Json(ty) => expr(ty),
        RustResponse::Page(ty) => format!("Page<{}>", expr(ty)),
        RustResponse::Wrapped(ty) => format!("Value<{}>", expr(ty)),
        RustResponse::OptionalJson(ty) => format!("Option<{}>", expr(ty)),
        RustResponse::OptionalPage(ty) => format!("Option<Page<{}>>", expr(ty)),
    };
    let http = model
        .operations
        .get(endpoint.operation)
        .map(|op| format!("{} {}", op.method, op.path.raw))
        .unwrap_or_default();
    // The documented options, so a review sees when a page starts or stops naming one.
    let options = endpoint
        .system_options
        .as_ref()
        .map(|documented| {
            let names: Vec<&str> = documented.options.iter().map(|o| o.parameter()).collect();
            format!("  [{}]", names.join(" "))
        })
        .unwrap_or_default();
    format!(
        "fn {}::{}({}) -> {response}  {http}{options}",
        endpoint.area_module,
        endpoint.fn_name,
        args.join(", ")
    )
}

fn type_path(namespace: &[String], name: &str) -> String {
    namespace
        .iter()
        .map(String::as_str)
        .chain([name])
        .collect::<Vec<_>>()
        .join("::")
}

fn expr(ty: &RustTypeExpr) -> String {
    match ty {
        RustTypeExpr::Primitive(p) => primitive(*p).to_string(),
        RustTypeExpr::Named { path, .. } | RustTypeExpr::Polymorphic { path, .. } => {
            type_path(&path.namespace, &path.name)
        }
        RustTypeExpr::List(inner) => format!("Vec<{}>", expr(inner)),
        RustTypeExpr::Boxed(inner) => format!("Box<{}>", expr(inner)),
    }
}

fn primitive(p: RustPrimitive) -> &'static str {
    match p {
        RustPrimitive::String => "String",
        RustPrimitive::Bool => "bool",
        RustPrimitive::I8 => "i8",
        RustPrimitive::U8 => "u8",
        RustPrimitive::I16 => "i16",
        RustPrimitive::I32 => "i32",
        RustPrimitive::I64 => "i64",
        RustPrimitive::F32 => "f32",
        RustPrimitive::F64 => "f64",
        RustPrimitive::Uuid => "Uuid",
        RustPrimitive::DateTime => "DateTimeOffset",
        RustPrimitive::Date => "NaiveDate",
        RustPrimitive::TimeOfDay => "NaiveTime",
        RustPrimitive::Duration => "IsoDuration",
        RustPrimitive::Binary => "Base64Bytes",
        RustPrimitive::JsonValue => "serde_json::Value",
    }
}
