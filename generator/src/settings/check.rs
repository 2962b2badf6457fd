//! Values TOML accepts but cargo would not, caught while their line is still known.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::{RawCrate, RawRuntime, SettingsError};
use crate::emit::RuntimeDependency;

type Result<T> = std::result::Result<T, SettingsError>;

/// Two crates with one name or one output folder would overwrite each other.
pub(super) fn unique<F>(crates: &[Spanned<RawCrate>], bad: F) -> Result<()>
where
    F: Fn(Range<usize>, String) -> SettingsError,
{
    let mut names = BTreeMap::new();
    let mut outs = BTreeMap::new();
    for krate in crates {
        let krate = krate.get_ref();
        if names.insert(krate.name.get_ref().as_str(), ()).is_some() {
            return Err(bad(
                krate.name.span(),
                format!(
                    "a second crate named `{}`; expected unique names",
                    krate.name.get_ref()
                ),
            ));
        }
        if outs
            .insert(krate.out.get_ref().trim_end_matches('/'), ())
            .is_some()
        {
            return Err(bad(
                krate.out.span(),
                format!(
                    "a second crate written to `{}`; expected unique output folders",
                    krate.out.get_ref()
                ),
            ));
        }
    }
    Ok(())
}

/// Cargo's rule for package names, kept to what crates.io accepts.
pub(super) fn crate_name<F>(name: &Spanned<String>, bad: &F) -> Result<()>
where
    F: Fn(Range<usize>, String) -> SettingsError,
{
    let text = name.get_ref();
    let valid = text.len() <= 64
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid {
        Ok(())
    } else {
        Err(bad(name.span(), format!("`{text}` is not a crate name; expected ASCII letters, digits, `-` or `_`, starting with a letter")))
    }
}

/// `MAJOR.MINOR.PATCH`, optionally `-pre` and `+build`, as cargo requires of a version.
pub(super) fn semver<F>(version: &Spanned<String>, bad: &F) -> Result<()>
where
    F: Fn(Range<usize>, String) -> SettingsError,
{
    let text = version.get_ref();
    let (core, rest) = match text.find(['-', '+']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text.as_str(), ""),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    let core_ok = numbers.len() == 3
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    let suffix_ok = !(text.contains(['-', '+']) && rest.is_empty());
    if core_ok && rest_ok && suffix_ok {
        Ok(())
    } else {
        Err(bad(
            version.span(),
            format!("`{text}` is not a version; expected MAJOR.MINOR.PATCH such as \"0.1.0\""),
        ))
    }
}

/// `[crate.runtime]`: a path, a version requirement, or both.
pub(super) fn runtime<F>(runtime: &Spanned<RawRuntime>, bad: &F) -> Result<RuntimeDependency>
where
    F: Fn(Range<usize>, String) -> SettingsError,
{
    let raw = runtime.get_ref();
    if raw.path.is_none() && raw.version.is_none() {
        return Err(bad(
            runtime.span(),
            "expected `path` or `version` (or both) for graphgen-runtime".into(),
        ));
    }
    if let Some(path) = &raw.path {
        if path.get_ref().trim().is_empty() {
            return Err(bad(
                path.span(),
                "expected a folder, relative to the generated crate".into(),
            ));
        }
    }
    if let Some(version) = &raw.version {
        let text = version.get_ref();
        let plausible = text.chars().any(|c| c.is_ascii_digit() || c == '*')
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .*^~=<>,+-".contains(c));
        if !plausible {
            return Err(bad(
                version.span(),
                format!("`{text}` is not a version requirement; expected one such as \"0.1\""),
            ));
        }
    }
    Ok(RuntimeDependency {
        path: raw.path.as_ref().map(|p| p.get_ref().clone()),
        version: raw.version.as_ref().map(|v| v.get_ref().clone()),
    })
}

/// crates.io takes at most five keywords of up to 20 characters.
pub(super) fn keywords<F>(keywords: &Spanned<Vec<String>>, bad: &F) -> Result<()>
where
    F: Fn(Range<usize>, String) -> SettingsError,
{
    let list = keywords.get_ref();
    let valid = |k: &String| {
        k.len() <= 20
            && k.starts_with(|c: char| c.is_ascii_alphabetic())
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '+')
    };
    if list.len() > 5 {
        return Err(bad(
            keywords.span(),
            format!("{} keywords; expected at most 5", list.len()),
        ));
    }
    match list.iter().find(|k| !valid(k)) {
        Some(keyword) => Err(bad(keywords.span(), format!("`{keyword}` is not a keyword; expected up to 20 ASCII letters, digits, `-`, `_` or `+`, starting with a letter"))),
        None => Ok(()),
    }
}
