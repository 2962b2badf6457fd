//! A run of every generated example check, held against the registry.

use std::collections::BTreeMap;

use super::registry::registry_entry;

/// One generated example check: the example id and the function that checks it.
pub type Case = (&'static str, fn() -> Result<(), String>);

/// What a run of example checks found, when it agrees with the registry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Examples whose check passed.
    pub verified: usize,
    /// Registered examples that failed as expected, by category.
    pub known_broken: BTreeMap<String, usize>,
}

/// Runs every case and compares the outcome with the registry (`(id, category, reason)`).
///
/// Fails, listing them all, when a case fails without being registered (with its error and a
/// registry entry ready to paste) or when a registered case passes (its entry must go).
/// A panicking case counts as a failure with the panic's message.
pub fn run_cases(
    cases: &[Case],
    known_broken: &[(&str, &str, &str)],
) -> Result<RunSummary, String> {
    let registered: BTreeMap<&str, &str> = known_broken
        .iter()
        .map(|(id, category, _)| (*id, *category))
        .collect();
    let mut summary = RunSummary::default();
    let mut unregistered = Vec::new();
    let mut now_passing = Vec::new();
    for (id, check) in cases {
        let outcome = std::panic::catch_unwind(*check)
            .unwrap_or_else(|panic| Err(format!("panicked: {}", panic_message(panic.as_ref()))));
        match (outcome, registered.get(id)) {
            (Ok(()), None) => summary.verified += 1,
            (Ok(()), Some(_)) => now_passing.push(*id),
            (Err(_), Some(category)) => {
                *summary
                    .known_broken
                    .entry((*category).to_string())
                    .or_default() += 1
            }
            (Err(error), None) => unregistered.push((*id, error)),
        }
    }
    let registered_total: usize = summary.known_broken.values().sum();
    let mut counts = format!(
        "documented examples: {} verified, {} known broken",
        summary.verified, registered_total
    );
    for (category, count) in &summary.known_broken {
        counts.push_str(&format!("\n  {category}: {count}"));
    }
    println!("{counts}");
    if unregistered.is_empty() && now_passing.is_empty() {
        return Ok(summary);
    }
    let mut report = String::new();
    if !unregistered.is_empty() {
        report.push_str(&format!(
            "{} documented example(s) fail and are not in the registry of known-broken examples.\n\
             Fix the generator, or, when the docs are wrong, add the entry (adjusting category and reason):\n",
            unregistered.len()
        ));
        for (id, error) in &unregistered {
            report.push_str(&format!(
                "\n{id}\n  error: {error}\n  entry: {}\n",
                registry_entry(id, error)
            ));
        }
    }
    if !now_passing.is_empty() {
        report.push_str(&format!(
            "\n{} registered example(s) now pass; remove their registry entries:\n",
            now_passing.len()
        ));
        for id in &now_passing {
            report.push_str(&format!("  {id}\n"));
        }
    }
    report.push_str(&format!("\n{counts}\n"));
    Err(report)
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passes() -> Result<(), String> {
        Ok(())
    }

    fn fails_in_type() -> Result<(), String> {
        Err("does not deserialize: invalid type: string \"x\", expected i64".to_string())
    }

    fn fails_at_generation() -> Result<(), String> {
        Err("not-json: the body is not JSON even read leniently: 3:1: expected a value".to_string())
    }

    fn panics() -> Result<(), String> {
        panic!("boom")
    }

    #[test]
    fn runs_agree_with_the_registry() {
        let cases: [Case; 3] = [
            ("a.md#x/request", passes),
            ("a.md#y/response", fails_in_type),
            ("a.md#z/request", fails_at_generation),
        ];
        let known = [
            (
                "a.md#y/response",
                "wrong-json-kind",
                "a string for a number",
            ),
            ("a.md#z/request", "not-json", "unbalanced"),
        ];
        let summary = run_cases(&cases, &known).expect("agrees");
        assert_eq!(summary.verified, 1);
        assert_eq!(summary.known_broken.get("wrong-json-kind"), Some(&1));
        assert_eq!(summary.known_broken.get("not-json"), Some(&1));
    }

    #[test]
    fn unregistered_failures_are_listed_with_a_ready_entry() {
        let cases: [Case; 3] = [
            ("a.md#x/request", passes),
            ("a.md#y/response", fails_in_type),
            ("a.md#p/response", panics),
        ];
        let report = run_cases(&cases, &[]).expect_err("must fail");
        assert!(report.contains("a.md#y/response"), "{report}");
        assert!(
            report.contains(r#""category":"wrong-json-kind""#),
            "{report}"
        );
        assert!(report.contains("panicked: boom"), "{report}");
        assert!(!report.contains("passed"), "{report}");
    }

    #[test]
    fn registered_examples_that_pass_fail_the_run() {
        let cases: [Case; 1] = [("a.md#x/request", passes)];
        let report = run_cases(
            &cases,
            &[("a.md#x/request", "placeholder-value", "was {id}")],
        )
        .expect_err("stale");
        assert!(
            report.contains("now pass") && report.contains("a.md#x/request"),
            "{report}"
        );
    }
}
