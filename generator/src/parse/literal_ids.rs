//! Request lines that show a real id where the caller's id belongs.
//!
//! Some pages copy an example's ids into the request line
//! (`/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments`). Taken as written,
//! the generated function could only ever address that one object. A segment that is a
//! whole GUID is read as a placeholder named after the collection before it
//! (`{class-id}`), and the caller reports each id replaced.

/// The path with every GUID segment replaced by a placeholder, and the GUIDs replaced.
/// Only the path is touched; a query string is kept as written.
pub fn ids_as_placeholders(path_and_query: &str) -> (String, Vec<String>) {
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let mut replaced = Vec::new();
    let mut previous: Option<&str> = None;
    let mut pieces = Vec::new();
    for piece in path.split('/') {
        if is_guid(piece) {
            replaced.push(piece.to_string());
            let name = previous
                .filter(|word| is_plain_word(word))
                .map_or_else(|| "id".to_string(), |word| format!("{}-id", singular(word)));
            pieces.push(format!("{{{name}}}"));
        } else {
            pieces.push(piece.to_string());
        }
        previous = Some(piece);
    }
    if replaced.is_empty() {
        return (path_and_query.to_string(), replaced);
    }
    let mut repaired = pieces.join("/");
    if let Some(query) = query {
        repaired.push('?');
        repaired.push_str(query);
    }
    (repaired, replaced)
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, length)| {
            group.len() == length && group.chars().all(|c| c.is_ascii_hexdigit())
        })
}

fn is_plain_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic())
}

/// The singular of a collection name, as English plurals in the docs form it:
/// `classes` → `class`, `assignmentCategories` → `assignmentCategory`, `rubrics` → `rubric`.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "shes", "ches", "xes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.ends_with('u') && !stem.is_empty() => {
            stem.to_string()
        }
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_segments_become_placeholders_named_after_their_collection() {
        let (path, ids) = ids_as_placeholders(
            "/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignmentCategories/cf6005fc-9e13-44a2-a6ac-a53322006454/$ref?$top=1",
        );
        assert_eq!(path, "/education/classes/{class-id}/assignmentCategories/{assignmentCategory-id}/$ref?$top=1");
        assert_eq!(
            ids,
            [
                "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793",
                "cf6005fc-9e13-44a2-a6ac-a53322006454"
            ]
        );
    }

    #[test]
    fn other_segments_are_kept() {
        for path in [
            "/users/{id}/messages",
            "/directoryRoles/roleTemplateId=62e90394-69f5-4237-9190-012177145e10",
            "/sites/contoso.com",
            "/x/acdefc6b-2dc6-4e71-b1e9-6d9810ab179",
        ] {
            assert_eq!(
                ids_as_placeholders(path),
                (path.to_string(), Vec::new()),
                "{path}"
            );
        }
    }

    #[test]
    fn a_guid_after_a_guid_or_a_placeholder_is_just_an_id() {
        let (path, _) = ids_as_placeholders("/things/{x}/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793");
        assert_eq!(path, "/things/{x}/{id}");
    }

    #[test]
    fn plurals_become_singular() {
        for (plural, one) in [
            ("classes", "class"),
            ("rubrics", "rubric"),
            ("boxes", "box"),
            ("policies", "policy"),
            ("status", "status"),
            ("address", "address"),
            ("s", "s"),
        ] {
            assert_eq!(singular(plural), one);
        }
    }
}
