//! Planning the resource tree: one node per path prefix of the request lines, one method per
//! step down the URL space, one leaf per request line, calling its endpoint function.
//!
//! Steps: a literal segment is a method of its name (`messages()`, `$value` → `value()`,
//! `$ref` → `reference()`, a cast `microsoft.graph.group` → `as_group()`, a function
//! `delta()` → `delta()`); a key segment (`{id}`) is `id(..)` on every collection; a segment
//! mixing text and placeholders is a method named after its text that takes them
//! (`roleTemplateId={x}` → `role_template_id(x)`, `getEmailActivityCounts(period='{p}')` →
//! `get_email_activity_counts(p)`, `root:/{path}:` → `root_path(path)`). Sibling steps that
//! share a name add their function parameters (`image_with_width_height()`).
//!
//! Leaves are named after what the verb means: `get` (`list` when the answer is a
//! collection), `create` (a POST to a collection that is listed), `post`, `update`, `put`,
//! `delete`; overloads at one node add what differs (`_mime`, `_with_{query}`).

use std::collections::{BTreeMap, BTreeSet};

use super::endpoints::function_parameters;
use super::{HttpMethod, RustArgKind, RustEndpoint, RustPathPart, RustPathSegment, RustResponse};
use crate::emit::naming::{self, Case, Scope};

/// The longest name the tree generates.
pub const MAX_NAME: usize = 60;

/// The whole tree; `nodes[0]` is the root.
#[derive(Debug, Clone, Default)]
pub struct RustTree {
    pub nodes: Vec<RustNode>,
    /// Names that stayed ambiguous after every rule and got a numeric suffix.
    pub numbered: Vec<String>,
}

/// One path prefix: a struct holding the path's arguments so far.
#[derive(Debug, Clone, Default)]
pub struct RustNode {
    /// Struct name (`UserMessages`; `Graph` for the root).
    pub name: String,
    /// The module (file) under `crate::tree` holding it: the first step's method; empty for the root.
    pub module: String,
    /// The path template it stands for, placeholders as `{}` once erased (`/users/{id}/messages`).
    pub path: String,
    /// How many path arguments it holds.
    pub ids: usize,
    pub children: Vec<RustChild>,
    pub leaves: Vec<RustLeaf>,
    /// The area modules (cargo features) of the leaves at and below this node, sorted.
    pub features: Vec<String>,
}

/// A method stepping from a node to a child.
#[derive(Debug, Clone)]
pub struct RustChild {
    pub method: String,
    pub node: usize,
    /// The arguments this step adds, in order.
    pub args: Vec<String>,
}

/// A method that builds one endpoint's request.
#[derive(Debug, Clone)]
pub struct RustLeaf {
    pub method: String,
    /// Index in `RustApi::endpoints`.
    pub endpoint: usize,
    /// For each argument of the endpoint function, in order: the node's path argument it
    /// takes (`Some(index)`), or `None` when the leaf passes its own argument of that name.
    pub sources: Vec<Option<usize>>,
}

/// One step of a path, before names are settled.
struct Step {
    key: String,
    method_words: Vec<String>,
    /// Parameter names that tell overloads apart (`width`, `height`).
    detail_words: Vec<String>,
    args: Vec<String>,
    /// A key: the node name singularizes the collection instead of adding words.
    is_key: bool,
}

pub fn plan_tree(endpoints: &[RustEndpoint]) -> RustTree {
    let mut nodes = vec![RustNode {
        name: "Graph".to_string(),
        path: String::new(),
        ..RustNode::default()
    }];
    let mut is_key: Vec<bool> = vec![false];
    let mut child_of: BTreeMap<(usize, String), usize> = BTreeMap::new();
    // Per parent: child keys with their method words, detail words and args, in first-seen order.
    let mut steps_of: StepsOf = BTreeMap::new();

    for (index, endpoint) in endpoints.iter().enumerate() {
        let mut node = 0;
        let mut path_args: Vec<String> = Vec::new();
        for (segment, step) in steps(&endpoint.path) {
            path_args.extend(step.args.iter().cloned());
            let key = (node, step.key.clone());
            node = match child_of.get(&key) {
                Some(&child) => child,
                None => {
                    let parent = node;
                    let module = if parent == 0 {
                        naming::snake(&step.method_words.join("_"))
                    } else {
                        nodes[parent].module.clone()
                    };
                    let display = format!("{}/{}", nodes[parent].path, segment);
                    nodes.push(RustNode {
                        module,
                        path: display,
                        ids: nodes[parent].ids + step.args.len(),
                        ..RustNode::default()
                    });
                    is_key.push(step.is_key);
                    let child = nodes.len() - 1;
                    child_of.insert(key, child);
                    steps_of.entry(parent).or_default().push((
                        step.key,
                        step.method_words,
                        step.detail_words,
                        step.args,
                    ));
                    child
                }
            };
        }
        let sources = endpoint
            .args
            .iter()
            .map(|arg| match arg.kind {
                RustArgKind::PathParam { .. } => path_args.iter().position(|a| *a == arg.name),
                _ => None,
            })
            .collect();
        nodes[node].leaves.push(RustLeaf {
            method: String::new(),
            endpoint: index,
            sources,
        });
    }

    let mut numbered = Vec::new();
    name_children(&mut nodes, &child_of, &steps_of, &mut numbered);
    for node in nodes.iter_mut() {
        name_leaves(node, endpoints, &mut numbered);
    }
    let node_words = node_words(&nodes, &is_key);
    name_nodes(&mut nodes, &node_words, &mut numbered);
    gather_features(&mut nodes, endpoints);
    RustTree { nodes, numbered }
}

/// The steps of a path, each with its display text. A drive path written `root:/{path}:` is
/// two segments, `root:` and `{path}:`, but one step: `root_path(path)`.
fn steps(path: &[RustPathSegment]) -> Vec<(String, Step)> {
    let mut steps = Vec::new();
    let mut index = 0;
    while let Some(segment) = path.get(index) {
        index += 1;
        if let RustPathSegment::Literal(text) = segment {
            let addressed = path
                .get(index)
                .filter(|next| !matches!(next, RustPathSegment::Literal(_)));
            if let (Some(name), Some(next)) = (text.strip_suffix(':'), addressed) {
                index += 1;
                let mut step = step_of(next);
                // `root:/{path}` and `root:/{path}:` address one item: one step.
                step.key = format!("D:{}/{}", name.to_ascii_lowercase(), step.args.len());
                step.method_words = naming::words(name);
                step.method_words.push("path".to_string());
                step.is_key = false;
                steps.push((format!("{text}/{}", step_display(next)), step));
                continue;
            }
            if let Some(name) = text.strip_suffix(':') {
                let (mut method_words, _) = literal_words(name);
                method_words.push("path".to_string());
                steps.push((
                    text.clone(),
                    Step {
                        key: format!("L:{}", text.to_ascii_lowercase()),
                        method_words,
                        detail_words: vec!["empty".to_string()],
                        args: Vec::new(),
                        is_key: false,
                    },
                ));
                continue;
            }
        }
        steps.push((step_display(segment), step_of(segment)));
    }
    steps
}

fn step_of(segment: &RustPathSegment) -> Step {
    match segment {
        RustPathSegment::Literal(text) => {
            let (method_words, detail_words) = literal_words(text);
            Step {
                key: format!("L:{}", text.to_ascii_lowercase()),
                method_words,
                detail_words,
                args: Vec::new(),
                is_key: false,
            }
        }
        RustPathSegment::Value { arg } => Step {
            key: "V".to_string(),
            method_words: vec!["id".to_string()],
            detail_words: Vec::new(),
            args: vec![arg.clone()],
            is_key: true,
        },
        RustPathSegment::Parts(parts) => {
            let mut key = String::from("P:");
            let mut prefix = String::new();
            let mut args = Vec::new();
            let mut drive_path = false;
            for part in parts {
                match part {
                    RustPathPart::Literal(text) => {
                        // The docs quote a function's string argument on one page and not on
                        // the next (`range(address='{a}')`, `range(address={a})`): one step.
                        key.push_str(&text.to_ascii_lowercase().replace('\'', ""));
                        if args.is_empty() {
                            prefix.push_str(text);
                        }
                    }
                    RustPathPart::Value { arg } | RustPathPart::Quoted { arg } => {
                        key.push_str("{}");
                        args.push(arg.clone());
                    }
                    RustPathPart::DrivePath { arg } => {
                        key.push_str("{}");
                        args.push(arg.clone());
                        drive_path = true;
                    }
                }
            }
            let before_call = prefix.split('(').next().unwrap_or_default();
            let unqualified = before_call.rsplit('.').next().unwrap_or_default();
            let mut method_words = naming::words(unqualified);
            if method_words.is_empty() {
                method_words = args.iter().flat_map(|a| naming::words(a)).collect();
            }
            if drive_path {
                method_words.push("path".to_string());
            }
            Step {
                detail_words: function_parameters(&key[2..]),
                key,
                method_words,
                args,
                is_key: false,
            }
        }
    }
}

/// Method words of a literal step, and the parameter names of a function call in it.
fn literal_words(text: &str) -> (Vec<String>, Vec<String>) {
    match text {
        "$ref" => return (vec!["reference".to_string()], Vec::new()),
        "$value" => return (vec!["value".to_string()], Vec::new()),
        "$count" => return (vec!["count".to_string()], Vec::new()),
        _ => {}
    }
    if let Some(open) = text.find('(') {
        let function = &text[..open];
        let unqualified = function.rsplit('.').next().unwrap_or(function);
        return (naming::words(unqualified), function_parameters(text));
    }
    if text.contains('.') {
        let cast = text.rsplit('.').next().unwrap_or(text);
        let mut words = vec!["as".to_string()];
        words.extend(naming::words(cast));
        return (words, Vec::new());
    }
    (naming::words(text), Vec::new())
}

fn step_display(segment: &RustPathSegment) -> String {
    match segment {
        RustPathSegment::Literal(text) => text.clone(),
        RustPathSegment::Value { arg } => format!("{{{}}}", naming::unraw(arg)),
        RustPathSegment::Parts(parts) => parts
            .iter()
            .map(|part| match part {
                RustPathPart::Literal(text) => text.clone(),
                RustPathPart::Value { arg }
                | RustPathPart::Quoted { arg }
                | RustPathPart::DrivePath { arg } => format!("{{{}}}", naming::unraw(arg)),
            })
            .collect(),
    }
}

/// Per parent, its steps in first-seen order: key, method words, detail words, arguments.
type StepsOf = BTreeMap<usize, Vec<(String, Vec<String>, Vec<String>, Vec<String>)>>;

fn name_children(
    nodes: &mut [RustNode],
    child_of: &BTreeMap<(usize, String), usize>,
    steps_of: &StepsOf,
    numbered: &mut Vec<String>,
) {
    for (&parent, steps) in steps_of {
        let short: Vec<String> = steps.iter().map(|s| s.1.join("_")).collect();
        let mut scope = Scope::new(Case::Snake);
        for (i, (key, words, detail, args)) in steps.iter().enumerate() {
            let clashes = short.iter().filter(|name| **name == short[i]).count() > 1;
            let mut words = words.clone();
            if clashes && !detail.is_empty() {
                words.push("with".to_string());
                words.extend(detail.iter().cloned());
            } else if clashes && !args.is_empty() {
                // `worksheets({id})` beside `worksheets`: the arguments tell them apart.
                words.push("with".to_string());
                words.extend(
                    args.iter()
                        .flat_map(|arg| naming::words(naming::unraw(arg))),
                );
            }
            let wanted = naming::snake(&words.join("_"));
            let method = scope.claim(&wanted);
            if method != wanted {
                numbered.push(format!("{}: {method}", nodes[parent].path));
            }
            let Some(&node) = child_of.get(&(parent, key.clone())) else {
                continue;
            };
            let mut arg_scope = Scope::new(Case::Snake);
            arg_scope.claim("self_");
            let args = args.iter().map(|a| arg_scope.claim(a)).collect();
            nodes[parent]
                .children
                .push(RustChild { method, node, args });
        }
    }
}

/// A name too long, shortened so that it still differs from `rivals` (names that would be cut
/// to the same words): words every rival shares go first, from the end
/// (`list_with_filter_single_value_extended_properties_any_and_startswith` →
/// `list_with_filter_single_value_extended_startswith`), then the cut of [`shortened`].
fn shortened_apart(name: &str, rivals: &[&str]) -> String {
    let mut words: Vec<&str> = name.split('_').collect();
    let count = |text: &str, word: &str| text.split('_').filter(|w| *w == word).count();
    let mut at = words.len();
    while words.join("_").len() > MAX_NAME - 2 && at > 1 {
        at -= 1;
        // Shared: every rival has the word as often as this name does up to here (the second
        // `eq` of `id eq .. and value eq` tells it from `id eq .. and value ne`).
        let word = words[at];
        let here = words[..=at].iter().filter(|w| **w == word).count();
        if !rivals.is_empty() && rivals.iter().all(|rival| count(rival, word) >= here) {
            words.remove(at);
        }
    }
    shortened(&words.join("_"))
}

/// A snake-case name cut at a word boundary to at most [`MAX_NAME`] characters.
fn shortened(name: &str) -> String {
    let mut out = String::new();
    for word in name.split('_') {
        if out.len() + word.len() + 1 > MAX_NAME - 2 {
            break;
        }
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        name.to_string()
    } else {
        out
    }
}

fn verb(endpoint: &RustEndpoint, lists: bool) -> &'static str {
    match endpoint.method {
        HttpMethod::Get => match endpoint.response {
            RustResponse::Page(_) | RustResponse::OptionalPage(_) => "list",
            _ => "get",
        },
        HttpMethod::Post if lists => "create",
        HttpMethod::Post => "post",
        HttpMethod::Patch => "update",
        HttpMethod::Put => "put",
        HttpMethod::Delete => "delete",
    }
}

fn name_leaves(node: &mut RustNode, endpoints: &[RustEndpoint], numbered: &mut Vec<String>) {
    let lists = node.leaves.iter().any(|leaf| {
        endpoints.get(leaf.endpoint).is_some_and(|e| {
            e.method == HttpMethod::Get
                && e.fixed_query.is_empty()
                && matches!(e.response, RustResponse::Page(_))
        })
    });
    let candidates: Vec<[String; 3]> = node
        .leaves
        .iter()
        .map(|leaf| {
            let Some(endpoint) = endpoints.get(leaf.endpoint) else {
                return [String::new(), String::new(), String::new()];
            };
            let mut base = vec![verb(endpoint, lists).to_string()];
            if endpoint.mime_variant {
                base.push("mime".to_string());
            }
            let mut names = base.clone();
            let mut values = base.clone();
            for fixed in &endpoint.fixed_query {
                names.push("with".to_string());
                names.extend(naming::words(&fixed.name));
                values.push("with".to_string());
                values.extend(naming::words(&fixed.name));
                for part in &fixed.value {
                    if let super::RustQueryValuePart::Literal(text) = part {
                        values.extend(naming::words(text));
                    }
                }
            }
            [base, names, values].map(|words| naming::snake(&words.join("_")))
        })
        .collect();
    let mut level = vec![0usize; candidates.len()];
    for next in 1..3 {
        let current: Vec<&String> = candidates.iter().zip(&level).map(|(c, &l)| &c[l]).collect();
        let clashing: Vec<usize> = (0..current.len())
            .filter(|&i| current.iter().filter(|n| **n == current[i]).count() > 1)
            .collect();
        for i in clashing {
            level[i] = next;
        }
    }
    let mut scope = Scope::new(Case::Snake);
    // Child methods share the node's namespace.
    for child in &node.children {
        scope.claim(&child.method);
    }
    let chosen: Vec<&str> = candidates
        .iter()
        .zip(&level)
        .map(|(candidate, &level)| candidate[level].as_str())
        .collect();
    let cut: Vec<String> = chosen.iter().map(|name| shortened(name)).collect();
    for (i, leaf) in node.leaves.iter_mut().enumerate() {
        let rivals: Vec<&str> = (0..chosen.len())
            .filter(|&j| j != i && cut[j] == cut[i])
            .map(|j| chosen[j])
            .collect();
        let wanted = &shortened_apart(chosen[i], &rivals);
        leaf.method = scope.claim(wanted);
        if leaf.method != *wanted {
            numbered.push(format!("{}: {}", node.path, leaf.method));
        }
    }
}

/// The words of each node's name: its parent's, then the method that reaches it; a key
/// makes the parent's last word singular (`UserMessages`), or, where that names two nodes
/// alike (`/me/calendar/events` and `/me/calendars/{id}/events`), adds `item` after it.
fn node_words(nodes: &[RustNode], is_key: &[bool]) -> Vec<Vec<String>> {
    let spell = |singular_keys: bool| {
        let mut words: Vec<Vec<String>> = vec![Vec::new(); nodes.len()];
        for (parent, node) in nodes.iter().enumerate() {
            for child in &node.children {
                let mut own = words[parent].clone();
                if is_key.get(child.node).copied().unwrap_or(false) {
                    if singular_keys {
                        if let Some(last) = own.pop() {
                            own.push(naming::singular(&last));
                        }
                    } else {
                        own.push("item".to_string());
                    }
                } else {
                    own.extend(naming::words(naming::unraw(&child.method)));
                }
                words[child.node] = own;
            }
        }
        words
    };
    let short = spell(true);
    let long = spell(false);
    let mut count: BTreeMap<&[String], usize> = BTreeMap::new();
    for words in &short {
        *count.entry(words.as_slice()).or_default() += 1;
    }
    short
        .iter()
        .zip(long.iter())
        .map(|(short, long)| {
            if count.get(short.as_slice()).copied().unwrap_or(0) > 1 {
                long.clone()
            } else {
                short.clone()
            }
        })
        .collect()
}

/// Struct names: the path's words, a key singularizing its collection (`UserMessages`);
/// too long a name keeps its first word and as many last words as fit.
fn name_nodes(nodes: &mut [RustNode], node_words: &[Vec<String>], numbered: &mut Vec<String>) {
    let mut scope = Scope::new(Case::Pascal);
    // The root, and the runtime items a tree file imports.
    for taken in [
        "Graph",
        "Request",
        "Json",
        "Page",
        "NoContent",
        "RawBytes",
        "OptionalJson",
        "Method",
        "Path",
    ] {
        scope.claim(taken);
    }
    for (node, words) in nodes.iter_mut().zip(node_words).skip(1) {
        let mut words = words.clone();
        let mut wanted = naming::type_name(&words.join("_"));
        while wanted.len() > MAX_NAME - 2 && words.len() > 2 {
            words.remove(1);
            wanted = naming::type_name(&words.join("_"));
        }
        node.name = scope.claim(&wanted);
        if node.name != wanted {
            numbered.push(format!("{}: {}", node.path, node.name));
        }
    }
}

fn gather_features(nodes: &mut [RustNode], endpoints: &[RustEndpoint]) {
    // Children always come after their parents, so one backward pass sees every subtree.
    let mut features: Vec<BTreeSet<String>> = nodes
        .iter()
        .map(|node| {
            node.leaves
                .iter()
                .filter_map(|leaf| endpoints.get(leaf.endpoint))
                .map(|e| naming::unraw(&e.area_module).to_string())
                .collect()
        })
        .collect();
    for index in (0..nodes.len()).rev() {
        let below: BTreeSet<String> = nodes[index]
            .children
            .iter()
            .flat_map(|child| features[child.node].iter().cloned())
            .collect();
        features[index].extend(below);
    }
    for (node, features) in nodes.iter_mut().zip(features) {
        node.features = features.into_iter().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_overloads_keep_the_words_that_tell_them_apart() {
        let names = [
            "list_with_filter_single_value_extended_properties_any_and_startswith",
            "list_with_filter_single_value_extended_properties_any_and_contains",
            "list_with_filter_single_value_extended_properties_any_and_ep_value_eq",
            "list_with_filter_single_value_extended_properties_any_and_ep_value_ne",
        ];
        let short: BTreeSet<String> = names
            .iter()
            .map(|name| {
                let rivals: Vec<&str> = names.iter().copied().filter(|n| n != name).collect();
                shortened_apart(name, &rivals)
            })
            .collect();
        assert_eq!(short.len(), names.len(), "{short:?}");
        assert!(short.iter().all(|name| name.len() <= MAX_NAME));
        assert!(short.contains("list_with_filter_single_value_extended_startswith"));
    }

    #[test]
    fn a_word_repeated_only_in_one_name_tells_it_apart() {
        let eq =
            "list_with_filter_single_value_extended_properties_any_ep_ep_id_eq_and_ep_value_eq";
        let ne =
            "list_with_filter_single_value_extended_properties_any_ep_ep_id_eq_and_ep_value_ne";
        assert_eq!(
            shortened_apart(eq, &[ne]),
            "list_with_filter_single_value_extended_properties_any_eq"
        );
        assert_eq!(
            shortened_apart(ne, &[eq]),
            "list_with_filter_single_value_extended_properties_any_ne"
        );
    }

    #[test]
    fn without_rivals_a_long_name_is_cut_at_a_word() {
        let name = "get_with_a_very_long_description_of_the_one_request_this_node_makes_today";
        let short = shortened_apart(name, &[]);
        assert!(
            short.len() <= MAX_NAME && name.starts_with(&short),
            "{short}"
        );
    }
}
