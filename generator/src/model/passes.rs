//! The model passes, in the one order they run.
//!
//! Assembling the model from parsed pages gives every type and every documented request line
//! with its examples; the pages leave some things open or say them wrongly. Each pass settles
//! one of those across the whole model and reports what it read (see each module). [`PASSES`]
//! is the order, with what each pass needs to have run first; [`run_passes`] runs them.
//! [`super::build::read_docs`], [`super::build::build_model`] and [`crate::Config`] (after
//! merging several docs folders) all settle a model this way, so a model read in a test is
//! the one a generated crate comes from.
//!
//! Two readings are not passes, because they must happen before examples are attached to
//! their operations: a literal id in a request line becomes a placeholder while the line is
//! read ([`crate::parse::literal_ids`], also applied to the URLs examples show), and a page's
//! `/users/{id}` lines get their `/me` twins while the page's operations are assembled
//! ([`super::me_alias`]), so that examples calling `/me` attach to them.

use super::Model;

/// One pass over the model.
pub struct Pass {
    pub name: &'static str,
    /// What it settles.
    pub purpose: &'static str,
    /// Passes whose results it reads; each runs earlier in [`PASSES`].
    pub needs: &'static [&'static str],
    pub run: fn(&mut Model),
}

/// Every pass, in the order they run.
pub const PASSES: &[Pass] = &[
    Pass {
        name: "lines_shown_by_examples",
        purpose: "request lines only an example calls become lines of its operation",
        needs: &[],
        run: lines_shown_by_examples,
    },
    Pass {
        name: "raw_content",
        purpose: "reads of `/content` and `/$value` answer raw bytes",
        needs: &["lines_shown_by_examples"],
        run: raw_content,
    },
    Pass {
        name: "single_responses",
        purpose: "a \"collection\" every response example shows as one object is one object",
        needs: &["raw_content"],
        run: single_responses,
    },
    Pass {
        name: "keyed_navigation",
        purpose: "relationships the request lines list or index by key are collections",
        needs: &["single_responses"],
        run: keyed_navigation,
    },
    Pass {
        name: "undocumented_bodies",
        purpose: "bodies only examples show take the returned type",
        needs: &["single_responses", "keyed_navigation"],
        run: undocumented_bodies,
    },
    Pass {
        name: "update_parameters",
        purpose: "an update table's types yield to the resource page's",
        needs: &["keyed_navigation", "undocumented_bodies"],
        run: update_parameters,
    },
    Pass {
        name: "listed_enum_values",
        purpose: "enum members a property's or parameter's description lists and the enum lacks",
        needs: &["update_parameters"],
        run: listed_enum_values,
    },
    Pass {
        name: "collection_reads",
        purpose:
            "a read that ends at a collection, queries or answers `value` lists is a collection",
        needs: &["single_responses", "keyed_navigation"],
        run: collection_reads,
    },
    Pass {
        name: "queried_collections",
        purpose: "a line with a written query reads what the line without it reads",
        needs: &["collection_reads"],
        run: queried_collections,
    },
    Pass {
        name: "responses_from_examples",
        purpose: "an untyped response takes what a GET of its line reads, or its examples' type",
        needs: &["collection_reads", "queried_collections"],
        run: responses_from_examples,
    },
    Pass {
        name: "occasional_bodies",
        purpose: "a `204` whose examples also answer with a body reads as either",
        needs: &["responses_from_examples"],
        run: occasional_bodies,
    },
    Pass {
        name: "shared_lines",
        purpose: "one operation per request line, owned by the page about its resource",
        needs: &["occasional_bodies", "update_parameters"],
        run: shared_lines,
    },
    Pass {
        name: "infer_missing_types",
        purpose: "types no page defines, read off the examples",
        needs: &["shared_lines"],
        run: super::infer::infer_missing_types,
    },
];

/// Runs every pass of [`PASSES`], in order.
pub fn run_passes(model: &mut Model) {
    for pass in PASSES {
        (pass.run)(model);
    }
}

/// Operations in a stable order: by source file and line, then method and path.
pub fn sort_operations(model: &mut Model) {
    model.operations.sort_by(|a, b| {
        (&a.source, &a.method, &a.path.raw).cmp(&(&b.source, &b.method, &b.path.raw))
    });
}

fn listed_enum_values(model: &mut Model) {
    super::listed_enum_values::add_listed_enum_values(
        &mut model.types,
        &model.operations,
        &mut model.diagnostics,
    );
}

fn lines_shown_by_examples(model: &mut Model) {
    super::lines_from_examples::add_lines_shown_by_examples(
        &mut model.operations,
        &model.types,
        &mut model.diagnostics,
    );
    sort_operations(model);
}

fn raw_content(model: &mut Model) {
    super::raw_content::read_raw_content(&mut model.operations, &mut model.diagnostics);
}

fn single_responses(model: &mut Model) {
    super::response_shape::settle_single_responses(
        &mut model.operations,
        &model.types,
        &mut model.diagnostics,
    );
}

fn keyed_navigation(model: &mut Model) {
    super::keyed_navigation::collections_read_by_lines(
        &mut model.types,
        &model.operations,
        &mut model.diagnostics,
    );
}

fn undocumented_bodies(model: &mut Model) {
    super::body_from_examples::type_undocumented_bodies(
        &mut model.operations,
        &model.types,
        &mut model.diagnostics,
    );
}

fn update_parameters(model: &mut Model) {
    super::update_parameters::align_update_parameters(
        &mut model.operations,
        &model.types,
        &mut model.diagnostics,
    );
}

fn collection_reads(model: &mut Model) {
    super::response_shape::settle_collection_reads(
        &mut model.operations,
        &model.types,
        &mut model.diagnostics,
    );
}

fn queried_collections(model: &mut Model) {
    super::queried_collections::read_queried_collections(
        &mut model.operations,
        &mut model.diagnostics,
    );
}

fn responses_from_examples(model: &mut Model) {
    super::response_shape::type_responses_from_examples(
        &mut model.operations,
        &model.types,
        &mut model.diagnostics,
    );
}

fn occasional_bodies(model: &mut Model) {
    super::occasional_bodies::type_occasional_bodies(
        &mut model.operations,
        &model.types,
        &mut model.diagnostics,
    );
}

fn shared_lines(model: &mut Model) {
    super::shared_lines::merge_shared_lines(&mut model.operations, &model.types);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pass_runs_after_what_it_needs() {
        for (at, pass) in PASSES.iter().enumerate() {
            for need in pass.needs {
                let before = PASSES[..at].iter().any(|earlier| earlier.name == *need);
                assert!(
                    before,
                    "`{}` needs `{need}`, which does not run before it",
                    pass.name
                );
            }
            let twice = PASSES.iter().filter(|p| p.name == pass.name).count();
            assert_eq!(twice, 1, "`{}` is listed {twice} times", pass.name);
        }
    }
}
