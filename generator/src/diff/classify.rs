//! Which changes break users of the generated crate, and how two permission lists compare.
//!
//! Breaking (semver-major): anything removed (operation, type, property, enum member,
//! request parameter, required argument, documented query option), a required argument
//! added (a required query parameter or header: the function takes one more argument),
//! anything retyped (property, request body or parameter, response, a type's kind or base),
//! an operation moved to another area (its module and cargo feature change) or whose path
//! placeholders were renamed (its function name changes), and a permission the caller may
//! not hold. Additive: everything added, and a permission that asks for less.
//!
//! Added properties and enum members count as additive although Rust would let a
//! struct literal without `..Default::default()`, or a `match` without a wildcard arm,
//! stop compiling: the generated types are built with `..Default::default()` and their
//! enums are open (`Other(String)`), and the docs add members with nearly every revision.

use super::{ChangeKind, Impact};

/// The fixed impact of a kind of change.
pub fn impact(kind: ChangeKind) -> Impact {
    match kind {
        ChangeKind::OperationAdded
        | ChangeKind::RequestParameterAdded
        | ChangeKind::QueryOptionAdded
        | ChangeKind::PermissionLessPrivileged
        | ChangeKind::PermissionKindSupported
        | ChangeKind::TypeAdded
        | ChangeKind::PropertyAdded
        | ChangeKind::EnumMemberAdded => Impact::Additive,
        ChangeKind::OperationRemoved
        | ChangeKind::OperationAreaChanged
        | ChangeKind::PathParametersRenamed
        | ChangeKind::RequestChanged
        | ChangeKind::RequestParameterRemoved
        | ChangeKind::RequestParameterRetyped
        | ChangeKind::ResponseChanged
        | ChangeKind::ArgumentAdded
        | ChangeKind::ArgumentRemoved
        | ChangeKind::QueryOptionRemoved
        | ChangeKind::PermissionMorePrivileged
        | ChangeKind::PermissionReplaced
        | ChangeKind::PermissionKindUnsupported
        | ChangeKind::TypeRemoved
        | ChangeKind::TypeKindChanged
        | ChangeKind::BaseTypeChanged
        | ChangeKind::PropertyRemoved
        | ChangeKind::PropertyRetyped
        | ChangeKind::EnumMemberRemoved => Impact::Breaking,
    }
}

/// How the least-privileged permission of one kind changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Privilege {
    Same,
    /// Less is needed: a lesser permission now suffices.
    Less,
    /// More is needed: a higher permission.
    More,
    /// The kind was "not supported" and now lists permissions.
    Supported,
    /// The kind listed permissions and is now "not supported".
    Unsupported,
    /// Another permission that neither list nor name orders against the old one.
    Replaced,
}

/// Compares two lists of one kind, each least privileged first (empty: not supported).
///
/// The same permissions in another order are the same (the docs then corrected the
/// order their table states, "from most to least privileged"): any one of them still
/// suffices. Otherwise the lists' own order decides first: when the new least-privileged permission was a
/// later (higher) entry of the old list, more is needed; when the old one is a later entry
/// of the new list, less. Otherwise permissions of one resource are ordered by name:
/// `ReadBasic` < `Read` < `ReadWrite` < anything else, and a scope suffix (`.All`,
/// `.Shared`) above none.
pub fn compare_privilege(old: &[String], new: &[String]) -> Privilege {
    let (Some(old_least), Some(new_least)) = (old.first(), new.first()) else {
        return match (old.is_empty(), new.is_empty()) {
            (true, false) => Privilege::Supported,
            (false, true) => Privilege::Unsupported,
            _ => Privilege::Same,
        };
    };
    let same = |a: &String, b: &String| a.eq_ignore_ascii_case(b);
    let lowered = |list: &[String]| -> std::collections::BTreeSet<String> {
        list.iter().map(|p| p.to_ascii_lowercase()).collect()
    };
    if same(old_least, new_least) || lowered(old) == lowered(new) {
        return Privilege::Same;
    }
    if old.iter().skip(1).any(|p| same(p, new_least)) {
        return Privilege::More;
    }
    if new.iter().skip(1).any(|p| same(p, old_least)) {
        return Privilege::Less;
    }
    match (rank(old_least), rank(new_least)) {
        (Some((old_resource, old_rank)), Some((new_resource, new_rank)))
            if old_resource.eq_ignore_ascii_case(new_resource) =>
        {
            let (action, scope) = (new_rank.0.cmp(&old_rank.0), new_rank.1.cmp(&old_rank.1));
            use std::cmp::Ordering::*;
            match (action, scope) {
                (Greater | Equal, Greater | Equal) => Privilege::More,
                (Less | Equal, Less | Equal) => Privilege::Less,
                _ => Privilege::Replaced,
            }
        }
        _ => Privilege::Replaced,
    }
}

/// `User.ReadWrite.All` as (`User`, (action 2, scope 1)).
fn rank(permission: &str) -> Option<(&str, (u8, u8))> {
    let mut parts = permission.split('.');
    let resource = parts.next()?;
    let action = match parts.next()?.to_ascii_lowercase().as_str() {
        "readbasic" => 0,
        "read" => 1,
        "readwrite" => 2,
        _ => 3,
    };
    let scope = u8::from(parts.next().is_some());
    Some((resource, (action, scope)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_lists_order_decides_first() {
        let old = list(&["Chat.Read", "Chat.ReadWrite"]);
        assert_eq!(
            compare_privilege(&old, &list(&["Chat.ReadWrite"])),
            Privilege::More
        );
        let new = list(&["ChatMessage.Send", "Chat.Read"]);
        assert_eq!(
            compare_privilege(&list(&["Chat.Read"]), &new),
            Privilege::Less
        );
        assert_eq!(
            compare_privilege(&old, &list(&["chat.read"])),
            Privilege::Same
        );
        let reordered = list(&["Chat.ReadWrite", "Chat.Read"]);
        assert_eq!(compare_privilege(&old, &reordered), Privilege::Same);
    }

    #[test]
    fn names_of_one_resource_are_ranked() {
        let read = list(&["User.Read"]);
        assert_eq!(
            compare_privilege(&read, &list(&["User.ReadWrite.All"])),
            Privilege::More
        );
        assert_eq!(
            compare_privilege(&read, &list(&["User.ReadBasic.All"])),
            Privilege::Replaced
        );
        assert_eq!(
            compare_privilege(&list(&["User.Read.All"]), &read),
            Privilege::Less
        );
        assert_eq!(
            compare_privilege(&read, &list(&["Group.Read.All"])),
            Privilege::Replaced
        );
    }

    #[test]
    fn support_gained_or_lost() {
        let none: Vec<String> = vec![];
        assert_eq!(
            compare_privilege(&none, &list(&["Mail.Send"])),
            Privilege::Supported
        );
        assert_eq!(
            compare_privilege(&list(&["Mail.Send"]), &none),
            Privilege::Unsupported
        );
        assert_eq!(compare_privilege(&none, &none), Privilege::Same);
    }

    #[test]
    fn every_removal_is_breaking() {
        for kind in [
            ChangeKind::OperationRemoved,
            ChangeKind::TypeRemoved,
            ChangeKind::PropertyRemoved,
            ChangeKind::EnumMemberRemoved,
            ChangeKind::PropertyRetyped,
            ChangeKind::PermissionMorePrivileged,
        ] {
            assert_eq!(impact(kind), Impact::Breaking, "{kind:?}");
        }
        assert_eq!(impact(ChangeKind::PropertyAdded), Impact::Additive);
    }
}
