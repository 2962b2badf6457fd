//! The generated crate's version follows its API: from the version the previous crate
//! recorded in its `api.json`, a breaking change bumps the major version (the minor while
//! `0.x`), an additive one the minor (the patch while `0.x`), no change none. A configured
//! version above the result wins, so a version set by hand is never lowered. The same docs
//! and the same previous crate give the same version.

use super::Impact;

/// The version to write: see the module documentation. `previous` is the version in the
/// output folder's `api.json` (absent on a first run: the configured version is used).
/// A version that is not `MAJOR.MINOR.PATCH` (a pre-release, say) is not bumped.
pub fn next_version(configured: &str, previous: Option<&str>, impact: Option<Impact>) -> String {
    let Some(previous) = previous.and_then(parse) else {
        return configured.to_string();
    };
    let (major, minor, patch) = previous;
    let bumped = match (impact, major) {
        (None, _) => previous,
        (Some(Impact::Breaking), 0) => (0, minor + 1, 0),
        (Some(Impact::Breaking), _) => (major + 1, 0, 0),
        (Some(Impact::Additive), 0) => (0, minor, patch + 1),
        (Some(Impact::Additive), _) => (major, minor + 1, 0),
    };
    match parse(configured) {
        Some(set) if set >= bumped => configured.to_string(),
        _ => format!("{}.{}.{}", bumped.0, bumped.1, bumped.2),
    }
}

fn parse(version: &str) -> Option<(u64, u64, u64)> {
    let mut parts = version
        .trim()
        .split('.')
        .map(|part| part.parse::<u64>().ok());
    let parsed = (parts.next()??, parts.next()??, parts.next()??);
    parts.next().is_none().then_some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_versions_bump_minor_for_breaking_and_patch_for_additive() {
        let breaking = Some(Impact::Breaking);
        let additive = Some(Impact::Additive);
        assert_eq!(next_version("0.1.0", Some("0.3.2"), breaking), "0.4.0");
        assert_eq!(next_version("0.1.0", Some("0.3.2"), additive), "0.3.3");
        assert_eq!(next_version("0.1.0", Some("0.3.2"), None), "0.3.2");
    }

    #[test]
    fn stable_versions_bump_major_for_breaking_and_minor_for_additive() {
        assert_eq!(
            next_version("1.0.0", Some("2.4.1"), Some(Impact::Breaking)),
            "3.0.0"
        );
        assert_eq!(
            next_version("1.0.0", Some("2.4.1"), Some(Impact::Additive)),
            "2.5.0"
        );
    }

    #[test]
    fn the_configured_version_is_the_floor_and_the_first() {
        assert_eq!(next_version("0.1.0", None, Some(Impact::Breaking)), "0.1.0");
        assert_eq!(
            next_version("1.0.0", Some("0.9.0"), Some(Impact::Additive)),
            "1.0.0"
        );
        assert_eq!(next_version("1.0.0", Some("0.9.0"), None), "1.0.0");
        assert_eq!(
            next_version("0.2.0-beta.1", Some("0.2.0-beta.1"), Some(Impact::Breaking)),
            "0.2.0-beta.1"
        );
    }
}
