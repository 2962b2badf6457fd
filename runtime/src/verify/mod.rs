//! Checks that documented examples hold for the generated client.
//!
//! Generated example tests call these: a request example is rebuilt through its endpoint
//! and compared with the documented request; a response example is read into its type,
//! written back, and compared with the documented JSON; raw content must pass through
//! unchanged, and a documented error answer must read through the error reader with its
//! code and message. Comparison is on meaning, not
//! spelling: object member order, `1` against `1.0`, and timestamps written with other
//! precision or offset (`04:17:43.15Z` against `04:17:43.150Z`) are the same value.
//! Anything dropped, added or changed otherwise is a difference.
//!
//! The checks are compiled with the `verify` feature, which generated crates turn on for
//! their tests only.

mod compare;
mod registry;
mod run;

pub use compare::{
    count_response, difference, error_response, optional_response_round_trip, raw_response,
    request_body, request_matches, response_round_trip,
};
pub use registry::{registry_entry, suggested_category, CATEGORIES};
pub use run::{run_cases, Case, RunSummary};
