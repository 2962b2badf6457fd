//! The diff as JSON (`graphgen diff --format json`): [`super::ApiDiff`] with camelCase
//! names, locations as `{file, line}`, in the diff's own stable order.

use super::ApiDiff;

pub fn json(diff: &ApiDiff) -> String {
    // Plain data with string keys: serialization cannot fail.
    serde_json::to_string_pretty(diff).unwrap_or_default()
}
