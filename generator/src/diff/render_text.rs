//! The diff as a few plain lines, for `graphgen check`: counts, then the breaking changes
//! and the additive ones, each list cut after [`SHOWN`] lines.

use std::fmt::Write;

use super::{ApiDiff, Impact};

/// Changes listed per impact before the rest are counted.
const SHOWN: usize = 30;

pub fn text(diff: &ApiDiff) -> String {
    let s = &diff.summary;
    let mut out = format!(
        "  API: {} breaking, {} additive changes (operations {} -> {}, types {} -> {})\n",
        s.breaking, s.additive, s.operations.old, s.operations.new, s.types.old, s.types.new
    );
    for impact in [Impact::Breaking, Impact::Additive] {
        let changes: Vec<_> = diff.changes.iter().filter(|c| c.impact == impact).collect();
        for change in changes.iter().take(SHOWN) {
            let values = match (&change.before, &change.after) {
                (None, None) => String::new(),
                (before, after) => format!(
                    ": {} -> {}",
                    before.as_deref().unwrap_or("-"),
                    after.as_deref().unwrap_or("-")
                ),
            };
            let at = change.new.as_ref().or(change.old.as_ref());
            let at = at.map(|l| format!("  ({l})")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<9} {} {}{values}{at}",
                impact.label(),
                change.kind.label(),
                change.item
            );
        }
        if changes.len() > SHOWN {
            let _ = writeln!(
                out,
                "  {:<9} ... and {} more (`graphgen diff` lists them all)",
                impact.label(),
                changes.len() - SHOWN
            );
        }
    }
    out
}
