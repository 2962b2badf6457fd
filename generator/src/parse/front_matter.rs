//! The YAML front matter between `---` lines, read with yaml-rust2 and, when that fails,
//! line by line (`key: value`), so that odd quoting never loses a title.

use yaml_rust2::{Yaml, YamlLoader};

use super::source::SourceLine;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub description: String,
    /// `doc_type`, with typos such as a trailing `_` left in (callers compare leniently).
    pub doc_type: String,
    /// `ms.prod`, lower-cased.
    pub prod: String,
    /// `ms.subservice`, lower-cased: newer pages name their area with it instead of `ms.prod`.
    pub subservice: String,
    /// Index (into the page lines) of the first line after the front matter.
    pub body_start: usize,
    /// yaml-rust2 could not read the block; values came from the line reader.
    pub used_fallback: bool,
}

impl FrontMatter {
    /// The product area: `ms.prod`, or on newer pages `ms.subservice`; empty when neither is given.
    pub fn area(&self) -> &str {
        if self.prod.is_empty() {
            &self.subservice
        } else {
            &self.prod
        }
    }
}

pub fn read(lines: &[SourceLine]) -> FrontMatter {
    let starts_with_marker = lines.first().is_some_and(|l| l.text.trim() == "---");
    if !starts_with_marker {
        return FrontMatter::default();
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| l.text.trim() == "---")
        .map(|p| p + 1)
    else {
        return FrontMatter::default();
    };
    let block: Vec<&str> = lines
        .get(1..end)
        .unwrap_or(&[])
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    let mut front = from_yaml(&block.join("\n")).unwrap_or_else(|| {
        let mut fallback = from_lines(&block);
        fallback.used_fallback = true;
        fallback
    });
    front.body_start = end + 1;
    front
}

fn from_yaml(text: &str) -> Option<FrontMatter> {
    let docs = YamlLoader::load_from_str(text).ok()?;
    let doc = docs.first()?;
    let Yaml::Hash(_) = doc else { return None };
    let field = |key: &str| -> String {
        match &doc[key] {
            Yaml::String(s) => s.trim().to_string(),
            Yaml::Integer(i) => i.to_string(),
            Yaml::Real(r) => r.clone(),
            Yaml::Boolean(b) => b.to_string(),
            _ => String::new(),
        }
    };
    Some(FrontMatter {
        title: field("title"),
        description: field("description"),
        doc_type: field("doc_type"),
        prod: field("ms.prod").to_ascii_lowercase(),
        subservice: field("ms.subservice").to_ascii_lowercase(),
        body_start: 0,
        used_fallback: false,
    })
}

fn from_lines(block: &[&str]) -> FrontMatter {
    let mut front = FrontMatter::default();
    for line in block {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim()).to_string();
        match key.trim() {
            "title" => front.title = value,
            "description" => front.description = value,
            "doc_type" => front.doc_type = value,
            "ms.prod" => front.prod = value.to_ascii_lowercase(),
            "ms.subservice" => front.subservice = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    front
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote) {
            return inner.strip_suffix(quote).unwrap_or(inner);
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        SourceLine::numbered(text)
    }

    #[test]
    fn reads_quoted_and_plain_values() {
        let front = read(&lines("---\ntitle: \"Get chat\"\nms.prod: 'Microsoft-Teams'\ndoc_type: apiPageType\n---\n# Get chat"));
        assert_eq!(front.title, "Get chat");
        assert_eq!(front.prod, "microsoft-teams");
        assert_eq!(front.doc_type, "apiPageType");
        assert_eq!(front.body_start, 5);
        assert!(!front.used_fallback);
    }

    #[test]
    fn newer_pages_name_their_area_with_the_subservice() {
        let front = read(&lines("---\ntitle: \"Get agent\"\nms.localizationpriority: medium\nms.subservice: \"entra-agent-id\"\ndoc_type: \"apiPageType\"\nms.date: 4/5/2024\n---\n"));
        assert!(!front.used_fallback);
        assert_eq!(front.area(), "entra-agent-id");
        assert_eq!(front.doc_type, "apiPageType");
        let both = read(&lines("---\nms.prod: teams\nms.subservice: chats\n---\n"));
        assert_eq!(both.area(), "teams");
    }

    #[test]
    fn falls_back_to_lines_when_yaml_is_broken() {
        let front = read(&lines("---\ntitle: \"Get: \"chat\" now\"\ndescription: a: b: [\ndoc_type: resourcePageType_\n---\n"));
        assert!(front.used_fallback);
        assert_eq!(front.doc_type, "resourcePageType_");
        assert_eq!(front.description, "a: b: [");
    }
}
