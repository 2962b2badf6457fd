//! From pages to the model: read a docs tree, parse every page (in parallel), resolve types
//! across pages, assemble operations and attach their examples.
//!
//! Public entry points: [`read_docs`] (a folder), [`build_model`] (pages in memory),
//! [`read_pages`] and [`settle`] (several folders merged, then settled once) and
//! [`model_json`] (the `graphgen model` output).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::json;

use super::attach::{example_path, likeness, LineMatcher};
use super::me_alias::me_aliases;
use super::passes::sort_operations;
use super::resolve::{build_types, TypeIndex};
use crate::diagnostics::{codes, Diagnostic};
use crate::model::{
    Example, ExampleResponse, Method, Model, Operation, Parameter, ParameterLocation, Primitive,
    RequestBody, Response, Source, TypeRef,
};
use crate::parse::http::placeholders;
use crate::parse::method::{MethodPage, ParsedBody, ParsedParam, ResponseBody};
use crate::parse::text::squash;
use crate::parse::type_cell::{self, TypeCell};
use crate::parse::{parse_page, PageKind, ParsedPage};

/// Reads every `*.md` under `root` (recursively) and builds the model, settled by every pass
/// of [`super::passes::PASSES`]. Never panics: a missing root or an unreadable file becomes a
/// diagnostic. Pages under a folder named `api` are method pages, under `resources` type
/// pages; others are classified by their content.
pub fn read_docs(root: &Path) -> Model {
    let mut model = read_pages(root);
    settle(&mut model);
    model
}

/// The model as the pages under `root` give it, before the passes: for merging several docs
/// folders into one model, which [`settle`] then settles once.
pub fn read_pages(root: &Path) -> Model {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let mut visited = BTreeSet::new();
    if let Ok(real) = root.canonicalize() {
        visited.insert(real);
    }
    collect_markdown(root, root, 0, &mut visited, &mut files, &mut diagnostics);
    files.sort();
    let loaded: Vec<LoadedFile> = files
        .into_par_iter()
        .map(|relative| {
            let text = read_text(root, &relative);
            (relative, text)
        })
        .collect();
    let mut pages = Vec::with_capacity(loaded.len());
    for (relative, text) in loaded {
        match text {
            Ok((text, warning)) => {
                pages.push((relative, text));
                diagnostics.extend(warning);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let loader =
        move |path: &str| -> Option<String> { read_text(root, path).ok().map(|(text, _)| text) };
    let mut model = assemble(pages, &loader);
    model.diagnostics.extend(diagnostics);
    model
}

/// Builds the model from pages held in memory: `(path relative to the root with /, text)`.
/// Includes are looked up among the same pages. Settled like [`read_docs`].
pub fn build_model(pages: Vec<(String, String)>) -> Model {
    let by_path: BTreeMap<String, String> = pages
        .iter()
        .map(|(path, text)| (path.clone(), text.clone()))
        .collect();
    let loader = move |path: &str| -> Option<String> { by_path.get(path).cloned() };
    let mut model = assemble(pages, &loader);
    settle(&mut model);
    model
}

/// Runs every model pass, in order, then puts the diagnostics in their stable order.
pub fn settle(model: &mut Model) {
    super::passes::run_passes(model);
    sort_diagnostics(&mut model.diagnostics);
}

/// The model as pretty JSON with three top-level members, in a stable order:
/// `types` — an array of types sorted by full name; `operations` — an array sorted by source
/// file and line; `diagnostics` — an array sorted by file, line, column and code.
pub fn model_json(model: &Model) -> String {
    let value = json!({
        "types": model.types.values().collect::<Vec<_>>(),
        "operations": model.operations,
        "diagnostics": model.diagnostics,
    });
    serde_json::to_string_pretty(&value)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}

/// A file's path relative to the root, and its text (with a note when it was not clean UTF-8) or why it could not be read.
type LoadedFile = (String, Result<(String, Option<Diagnostic>), Diagnostic>);

/// Folders nest a few levels at most; the bound guards against link loops.
const MAX_FOLDER_DEPTH: usize = 32;

fn collect_markdown(
    root: &Path,
    folder: &Path,
    depth: usize,
    visited: &mut BTreeSet<PathBuf>,
    files: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            let shown = relative_path(root, folder);
            diagnostics.push(
                Diagnostic::error(
                    codes::UNREADABLE_FOLDER,
                    &shown,
                    0,
                    format!("cannot read folder: {error}"),
                )
                .with_hint("check that the docs folder exists and is readable"),
            );
            return;
        }
    };
    // The entry's type comes with the listing; only links need a look at what they point to.
    let mut paths: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .map(|entry| {
            let path = entry.path();
            let is_dir = match entry.file_type() {
                Ok(kind) if !kind.is_symlink() => kind.is_dir(),
                _ => path.is_dir(),
            };
            (path, is_dir)
        })
        .collect();
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            // A folder reached twice (a link back up the tree, or a second name for one folder) is read once.
            if let Ok(real) = path.canonicalize() {
                if visited.contains(&real) {
                    let target = relative_path(
                        &root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
                        &real,
                    );
                    let target = if target.is_empty() {
                        ".".to_string()
                    } else {
                        target
                    };
                    diagnostics.push(
                        Diagnostic::warning(
                            codes::FOLDER_LINK_LOOP,
                            &relative_path(root, &path),
                            0,
                            format!(
                                "folder link leads to `{target}`, which is already read; skipped"
                            ),
                        )
                        .with_hint("remove the link, or point the docs folder at the real folder"),
                    );
                    continue;
                }
                visited.insert(real);
            }
            if depth < MAX_FOLDER_DEPTH {
                collect_markdown(root, &path, depth + 1, visited, files, diagnostics);
            }
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
        {
            files.push(relative_path(root, &path));
        }
    }
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Real pages stay under 1 MB; the bound keeps a stray data file from exhausting memory.
const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

/// A page's text, with a warning when it had to be repaired; binary files are refused.
fn read_text(root: &Path, relative: &str) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    let path = root.join(relative);
    let cannot_read = |error: std::io::Error| {
        Diagnostic::error(
            codes::UNREADABLE_FILE,
            relative,
            0,
            format!("cannot read file: {error}"),
        )
        .with_hint("check the file's permissions")
    };
    let metadata = std::fs::metadata(&path).map_err(cannot_read)?;
    // Reading a pipe would wait forever, a device (`/dev/zero`) would never end.
    if !metadata.is_file() {
        return Err(Diagnostic::warning(
            codes::NOT_A_REGULAR_FILE,
            relative,
            0,
            "not a regular file (a pipe, socket or device); skipped",
        )
        .with_hint("keep only Markdown pages under the docs folder"));
    }
    let size = metadata.len();
    if size > MAX_PAGE_BYTES {
        return Err(Diagnostic::warning(
            codes::FILE_TOO_LARGE,
            relative,
            0,
            format!(
                "file has {size} bytes, more than the {MAX_PAGE_BYTES} a page may have; skipped"
            ),
        )
        .with_hint("split the page, or move the file out of the docs folder"));
    }
    let bytes = std::fs::read(&path).map_err(cannot_read)?;
    // Text never holds NUL; a file that does is an image or an archive with a `.md` name.
    if bytes.contains(&0) {
        return Err(Diagnostic::warning(
            codes::BINARY_FILE,
            relative,
            0,
            "file looks binary (it contains NUL bytes); skipped",
        )
        .with_hint("keep only Markdown pages under the docs folder"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(error) => {
            let bytes = error.as_bytes();
            let valid = String::from_utf8_lossy(
                bytes
                    .get(..error.utf8_error().valid_up_to())
                    .unwrap_or_default(),
            );
            let line = crate::parse::text::to_u32(valid.matches('\n').count() + 1);
            let column = crate::parse::text::to_u32(
                valid.rsplit('\n').next().unwrap_or("").chars().count() + 1,
            );
            let warning = Diagnostic::warning(
                codes::INVALID_UTF8,
                relative,
                line,
                "file is not valid UTF-8; the invalid bytes were read as U+FFFD",
            )
            .with_column(column)
            .with_hint("save the file as UTF-8");
            Ok((String::from_utf8_lossy(bytes).into_owned(), Some(warning)))
        }
    }
}

fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.code, &b.message))
    });
}

/// Parses the pages and assembles the model: types resolved across pages, each page's
/// operations (with their `/me` twins) and their examples, in source order.
fn assemble(
    mut pages: Vec<(String, String)>,
    loader: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Model {
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages.dedup_by(|a, b| a.0 == b.0);
    let mut parsed: Vec<ParsedPage> = pages
        .par_iter()
        .map(|(path, text)| parse_page(path, text, loader))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = parsed
        .iter()
        .flat_map(|p| p.diagnostics.iter().cloned())
        .collect();
    let (types, index) = build_types(&parsed, &mut diagnostics);
    // Pages yield their operations independently; collected in page order.
    // Their examples move into the operations they belong to.
    let per_page: Vec<(Vec<Operation>, Vec<Diagnostic>)> = parsed
        .par_iter_mut()
        .filter(|page| matches!(page.kind, PageKind::Method))
        .filter_map(|page| {
            let examples = std::mem::take(&mut page.method.as_mut()?.examples);
            let page = &*page;
            let method = page.method.as_ref()?;
            let mut page_diagnostics = Vec::new();
            Some((
                page_operations(page, method, examples, &index, &mut page_diagnostics),
                page_diagnostics,
            ))
        })
        .collect();
    let mut operations = Vec::new();
    for (page_operations, page_diagnostics) in per_page {
        operations.extend(page_operations);
        diagnostics.extend(page_diagnostics);
    }
    // Freeing thousands of parsed pages takes a while; the other core can do it.
    rayon::spawn(move || drop(parsed));
    let mut model = Model {
        types,
        operations,
        diagnostics,
    };
    sort_operations(&mut model);
    model
}

fn page_namespace(page: &ParsedPage) -> String {
    page.namespace
        .clone()
        .filter(|n| n.starts_with("microsoft."))
        .unwrap_or_else(|| "microsoft.graph".to_string())
}

fn resolve_cell(
    index: &TypeIndex,
    cell: Option<&TypeCell>,
    namespace: &str,
    file: &str,
    line: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> TypeRef {
    match cell {
        Some(cell) => index.resolve(cell, namespace, file, line, diagnostics),
        None => TypeRef::Primitive(Primitive::String),
    }
}

fn parameter(
    index: &TypeIndex,
    param: &ParsedParam,
    location: ParameterLocation,
    namespace: &str,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Parameter {
    Parameter {
        name: param.name.clone(),
        location,
        type_ref: resolve_cell(
            index,
            param.type_cell.as_ref(),
            namespace,
            file,
            param.line,
            diagnostics,
        ),
        collection: param.type_cell.as_ref().is_some_and(|c| c.collection),
        required: param.required || location == ParameterLocation::Path,
        description: param.description.clone(),
    }
}

/// Compares parameter names the way the docs vary them: `{chat-id}`, `chat-id`, `chatId`.
fn same_name(a: &str, b: &str) -> bool {
    squash(a) == squash(b)
}

/// The function argument a placeholder is written for: `period` in `f(period='{period_value}')`.
fn argument_name(template: &crate::model::PathTemplate, placeholder: &str) -> Option<String> {
    for segment in &template.segments {
        let mut previous: Option<&str> = None;
        for part in &segment.parts {
            match part {
                crate::model::SegmentPart::Literal { text } => previous = Some(text),
                crate::model::SegmentPart::Param { name, .. } if name == placeholder => {
                    let before = previous?.trim_end_matches('\'').strip_suffix('=')?;
                    let argument = before.rsplit(['(', ',']).next()?.trim();
                    return (!argument.is_empty()).then(|| argument.to_string());
                }
                _ => previous = None,
            }
        }
    }
    None
}

fn page_operations(
    page: &ParsedPage,
    method: &MethodPage,
    examples: Vec<Example>,
    index: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let namespace = page_namespace(page);
    let file = page.file.as_str();
    let mut operations: Vec<Operation> = Vec::new();
    // A function parameter another line passes in its call (`getAllRecordings(...)`) is that
    // call's argument, not a query parameter of the page's other lines.
    let called: Vec<&str> = method
        .requests
        .iter()
        .flat_map(|request| {
            placeholders(&request.template)
                .into_iter()
                .map(move |name| (argument_name(&request.template, &name), name))
        })
        .filter_map(|(argument, name)| {
            method
                .function_params
                .iter()
                .find(|p| {
                    same_name(&p.name, &name)
                        || argument.as_deref().is_some_and(|a| same_name(&p.name, a))
                })
                .map(|p| p.name.as_str())
        })
        .collect();
    for request in &method.requests {
        let mut path_params = Vec::new();
        let mut used_function_params = Vec::new();
        for name in placeholders(&request.template) {
            let argument = argument_name(&request.template, &name);
            let documented = method
                .path_params
                .iter()
                .chain(&method.function_params)
                .find(|p| {
                    same_name(&p.name, &name)
                        || argument.as_deref().is_some_and(|a| same_name(&p.name, a))
                });
            let mut param = match documented {
                Some(found) => {
                    used_function_params.push(found.name.clone());
                    parameter(
                        index,
                        found,
                        ParameterLocation::Path,
                        &namespace,
                        file,
                        diagnostics,
                    )
                }
                None => Parameter::undocumented_path(&name),
            };
            param.name = name;
            path_params.push(param);
        }
        let mut query_params: Vec<Parameter> = method
            .query_params
            .iter()
            .map(|p| {
                parameter(
                    index,
                    p,
                    ParameterLocation::Query,
                    &namespace,
                    file,
                    diagnostics,
                )
            })
            .collect();
        for function_param in &method.function_params {
            if !used_function_params.contains(&function_param.name)
                && !called.contains(&function_param.name.as_str())
                && !query_params.iter().any(|q| q.name == function_param.name)
            {
                query_params.push(parameter(
                    index,
                    function_param,
                    ParameterLocation::Query,
                    &namespace,
                    file,
                    diagnostics,
                ));
            }
        }
        let header_params = method
            .header_params
            .iter()
            .map(|p| {
                parameter(
                    index,
                    p,
                    ParameterLocation::Header,
                    &namespace,
                    file,
                    diagnostics,
                )
            })
            .collect();
        // Reads and deletes carry no body, unless the page documents one and its examples of
        // the method send it (the workbook range functions `GET .../boundingRect` take
        // `anotherRange` in a JSON body).
        let examples_send_body = examples
            .iter()
            .filter_map(|e| e.request.as_ref())
            .any(|r| r.method == request.method && r.body.is_some());
        let bodyless = request.method.is_bodyless()
            || (matches!(request.method, Method::Get | Method::Delete) && !examples_send_body);
        let request_body = match (&method.body, bodyless) {
            (_, true) | (ParsedBody::None, _) => RequestBody::None,
            (ParsedBody::Type { cell, line }, _) => RequestBody::Type {
                type_ref: index.resolve(cell, &namespace, file, *line, diagnostics),
                collection: cell.collection,
            },
            (ParsedBody::Parameters(params), _) => RequestBody::Parameters {
                parameters: params
                    .iter()
                    .map(|p| {
                        parameter(
                            index,
                            p,
                            ParameterLocation::Body,
                            &namespace,
                            file,
                            diagnostics,
                        )
                    })
                    .collect(),
            },
            (ParsedBody::Stream { content_type }, _) => RequestBody::Stream {
                content_type: content_type.clone(),
            },
        };
        operations.push(Operation {
            title: page.title.clone(),
            description: page.description.clone(),
            page: page.stem.clone(),
            area: page.front.area().to_string(),
            method: request.method,
            path: request.template.clone(),
            path_params,
            query_params,
            query_options: method.query_options.clone(),
            header_params,
            permissions: method.permissions.clone().unwrap_or_default(),
            request: request_body,
            mime_body: method.mime_body && !bodyless,
            response: Response {
                status: 0,
                type_ref: None,
                collection: false,
            },
            examples: Vec::new(),
            source: Source {
                file: file.to_string(),
                line: request.line,
            },
            alias_of: None,
            from_example: None,
            also_documented_by: Vec::new(),
        });
    }
    let aliases = me_aliases(&operations);
    operations.extend(aliases);
    let targets = example_targets(page, &examples, &operations, diagnostics);
    for (at, operation) in operations.iter_mut().enumerate() {
        let own: Vec<&Example> = examples
            .iter()
            .zip(&targets)
            .filter(|(_, target)| **target == Some(at))
            .map(|(example, _)| example)
            .collect();
        // Under topic headings, a topic's examples say nothing of another method's response.
        let same_method: Vec<Example>;
        let page_examples: &[Example] = if method.under_topics {
            same_method = examples
                .iter()
                .filter(|e| {
                    e.request
                        .as_ref()
                        .is_some_and(|r| r.method == operation.method)
                })
                .cloned()
                .collect();
            &same_method
        } else {
            &examples
        };
        let annotated = annotated_response(&own, page_examples);
        operation.response = response_of(
            page,
            method,
            annotated,
            operation.source.line,
            index,
            &namespace,
            diagnostics,
        );
    }
    for (example, target) in examples.into_iter().zip(targets) {
        if let Some(operation) = target.and_then(|at| operations.get_mut(at)) {
            operation.examples.push(example);
        }
    }
    operations
}

/// The operation each example belongs to, by index; `None` for an example none takes.
fn example_targets(
    page: &ParsedPage,
    examples: &[Example],
    operations: &[Operation],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<usize>> {
    let matchers: Vec<LineMatcher> = operations
        .iter()
        .map(|op| LineMatcher::new(&op.path))
        .collect();
    let mut targets = Vec::with_capacity(examples.len());
    let mut previous_target: Option<usize> = None;
    for example in examples {
        let target = match &example.request {
            Some(request) => {
                let path = example_path(&request.url);
                let best = operations
                    .iter()
                    .enumerate()
                    .filter(|(_, op)| op.method == request.method)
                    .filter_map(|(i, _)| matchers[i].score(&path).map(|score| (score, i)))
                    .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)))
                    .map(|(_, i)| i);
                match best {
                    Some(found) => Some(found),
                    None => {
                        let relaxed = operations
                            .iter()
                            .enumerate()
                            .filter(|(_, op)| op.method == request.method)
                            .map(|(i, op)| (likeness(&op.path, &path), std::cmp::Reverse(i)))
                            .max()
                            .map(|(_, std::cmp::Reverse(i))| i);
                        let line = request.source.line;
                        match relaxed {
                            Some(closest) => {
                                let template = operations
                                    .get(closest)
                                    .map(|op| op.path.raw.clone())
                                    .unwrap_or_default();
                                diagnostics.push(
                                    Diagnostic::warning(codes::EXAMPLE_URL_MATCHES_NO_LINE, &page.file, line, format!("example URL `{}` matches no documented path; attached to the closest one, `{} {template}`", request.url, request.method))
                                        .with_hint("make the example URL follow a documented path template"),
                                );
                                Some(closest)
                            }
                            None => {
                                diagnostics.push(
                                    Diagnostic::warning(codes::EXAMPLE_WITHOUT_OPERATION, &page.file, line, format!("example `{}` ({} {}) has no {} operation on its page; not attached", example.name, request.method, request.url, request.method))
                                        .with_hint("document the request line in `## HTTP request`, or fix the example's method"),
                                );
                                None
                            }
                        }
                    }
                }
            }
            None => {
                let line = example.response.as_ref().map_or(0, |r| r.source.line);
                if operations.len() == 1 {
                    Some(0)
                } else if previous_target.is_some() {
                    // A further response of the example before it (e.g. the file a redirect leads to).
                    previous_target
                } else {
                    diagnostics.push(
                        Diagnostic::warning(codes::RESPONSE_WITHOUT_OPERATION, &page.file, line, format!("response example `{}` has no request and the page has {} operations; not attached", example.name, operations.len()))
                            .with_hint("put a request example before the response"),
                    );
                    None
                }
            }
        };
        if example.request.is_some() {
            previous_target = target;
        }
        targets.push(target);
    }
    targets
}

/// The response example that completes an operation's documented response: the first one
/// with a type annotation among the operation's `own` examples, then the page's (its prose
/// covers all its operations); failing that, the first of its own with a status.
fn annotated_response<'a>(
    own: &[&'a Example],
    page_examples: &'a [Example],
) -> Option<&'a ExampleResponse> {
    own.iter()
        .copied()
        .chain(page_examples)
        .filter_map(|e| e.response.as_ref())
        .find(|r| r.odata_type.is_some())
        .or_else(|| {
            own.iter()
                .filter_map(|e| e.response.as_ref())
                .find(|r| r.status.is_some())
        })
}

/// The documented response; a status without a type is completed from the `annotated` example.
fn response_of(
    page: &ParsedPage,
    method: &MethodPage,
    annotated: Option<&ExampleResponse>,
    line: u32,
    index: &TypeIndex,
    namespace: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Response {
    let from_annotation = |diagnostics: &mut Vec<Diagnostic>| -> Option<(TypeRef, bool)> {
        let response = annotated?;
        let written = response.odata_type.as_deref()?;
        let cell = type_cell::parse(written)?;
        let type_ref = index.resolve(
            &cell,
            namespace,
            &page.file,
            response.source.line,
            diagnostics,
        );
        Some((type_ref, response.collection || cell.collection))
    };
    match &method.response {
        Some(parsed) => match &parsed.body {
            ResponseBody::None => Response {
                status: parsed.status,
                type_ref: None,
                collection: false,
            },
            ResponseBody::Type(cell) => Response {
                status: parsed.status,
                type_ref: Some(index.resolve(
                    cell,
                    namespace,
                    &page.file,
                    parsed.line,
                    diagnostics,
                )),
                collection: parsed.collection || cell.collection,
            },
            ResponseBody::Unknown => match from_annotation(diagnostics) {
                Some((type_ref, collection)) => Response {
                    status: parsed.status,
                    type_ref: Some(type_ref),
                    collection,
                },
                None => {
                    diagnostics.push(
                        Diagnostic::warning(codes::RESPONSE_WITHOUT_TYPE, &page.file, parsed.line, format!("the Response section gives status {} but no return type", parsed.status))
                            .with_hint("name the returned type with a link, or say that there is no response body"),
                    );
                    Response {
                        status: parsed.status,
                        type_ref: None,
                        collection: false,
                    }
                }
            },
        },
        None => {
            let status = annotated.and_then(|r| r.status).unwrap_or(0);
            let typed = from_annotation(diagnostics);
            if status == 0 && typed.is_none() {
                diagnostics.push(
                    Diagnostic::warning(
                        codes::NO_RESPONSE,
                        &page.file,
                        line,
                        "no response documented (no Response section or example)",
                    )
                    .with_hint("add a `## Response` section naming the status code and type"),
                );
            }
            let (type_ref, collection) = typed.map_or((None, false), |(t, c)| (Some(t), c));
            Response {
                status,
                type_ref,
                collection,
            }
        }
    }
}
