//! Which operation an example belongs to: the one whose path template matches the example URL.

use crate::model::{PathTemplate, SegmentPart};
use crate::parse::http::strip_host;

enum Token {
    Char(char),
    /// A placeholder: one or more characters, `/` only when it names a drive path.
    Param {
        slashes: bool,
    },
}

fn tokens(template: &PathTemplate) -> Vec<Token> {
    let mut tokens = Vec::new();
    for segment in &template.segments {
        tokens.push(Token::Char('/'));
        for part in &segment.parts {
            match part {
                SegmentPart::Literal { text } => {
                    tokens.extend(text.chars().flat_map(char::to_lowercase).map(Token::Char))
                }
                SegmentPart::Param { path, .. } => tokens.push(Token::Param { slashes: *path }),
            }
        }
    }
    tokens
}

/// The path of an example URL, host, version and query removed, lower-cased, without a trailing `/`.
pub fn example_path(url: &str) -> Vec<char> {
    let stripped = strip_host(url);
    let path = stripped.split('?').next().unwrap_or("");
    let path = path.trim_end_matches('/');
    path.chars().flat_map(char::to_lowercase).collect()
}

/// How well `template` matches `path`: `None` when it does not; otherwise the number of literal
/// characters, so that `/me/events` beats `/me/{x}` for `/me/events`.
pub fn match_score(template: &PathTemplate, path: &[char]) -> Option<usize> {
    LineMatcher::new(template).score(path)
}

/// A template read once for matching against many paths.
pub struct LineMatcher {
    tokens: Vec<Token>,
}

impl LineMatcher {
    pub fn new(template: &PathTemplate) -> LineMatcher {
        LineMatcher {
            tokens: tokens(template),
        }
    }

    /// [`match_score`] of the template against `path`.
    pub fn score(&self, path: &[char]) -> Option<usize> {
        // matched[j]: the tokens read so far can produce exactly path[..j].
        let mut matched = vec![false; path.len() + 1];
        matched[0] = true;
        // Two rows, swapped after each token, instead of a new row per token.
        let mut next = vec![false; path.len() + 1];
        for token in &self.tokens {
            if !matched.contains(&true) {
                return None;
            }
            next.fill(false);
            match token {
                Token::Char(expected) => {
                    for j in 0..path.len() {
                        if matched[j] && path[j] == *expected {
                            next[j + 1] = true;
                        }
                    }
                }
                Token::Param { slashes } => {
                    // One or more characters; a run can extend while characters are allowed.
                    let mut reachable = false;
                    for j in 0..path.len() {
                        let allowed = *slashes || path[j] != '/';
                        reachable = allowed && (reachable || matched[j]);
                        next[j + 1] = reachable;
                    }
                }
            }
            std::mem::swap(&mut matched, &mut next);
        }
        matched[path.len()].then(|| {
            self.tokens
                .iter()
                .filter(|t| matches!(t, Token::Char(_)))
                .count()
        })
    }
}

/// A rough likeness for URLs that match no template (examples that address an item another way,
/// e.g. `/me/drive/root/children` for `/me/drive/items/{id}/children`): how many segments agree
/// from the end, then from the start.
pub fn likeness(template: &PathTemplate, path: &[char]) -> (usize, usize) {
    let text: String = path.iter().collect();
    let url_segments: Vec<&str> = text.split('/').filter(|s| !s.is_empty()).collect();
    let agrees = |segment: &crate::model::Segment, written: &str| -> bool {
        let mut literal = String::new();
        for part in &segment.parts {
            match part {
                SegmentPart::Literal { text } => literal.push_str(&text.to_lowercase()),
                SegmentPart::Param { .. } => return true,
            }
        }
        let name = |s: &str| {
            s.split('(')
                .next()
                .unwrap_or("")
                .trim_end_matches(':')
                .to_string()
        };
        name(&literal) == name(written)
    };
    let from_end = template
        .segments
        .iter()
        .rev()
        .zip(url_segments.iter().rev())
        .take_while(|(t, u)| agrees(t, u))
        .count();
    let from_start = template
        .segments
        .iter()
        .zip(url_segments.iter())
        .take_while(|(t, u)| agrees(t, u))
        .count();
    (from_end, from_start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::http::template;

    #[test]
    fn matches_placeholders_and_prefers_literals() {
        let path =
            example_path("https://graph.microsoft.com/v1.0/chats/19:abc@thread.v2/messages?$top=2");
        assert!(match_score(&template("/chats/{chat-id}/messages"), &path).is_some());
        assert!(match_score(&template("/chats/{chat-id}"), &path).is_none());
        let me = example_path("/me/events");
        let literal = match_score(&template("/me/events"), &me).expect("match");
        let param = match_score(&template("/me/{id}"), &me).expect("match");
        assert!(literal > param);
    }

    #[test]
    fn likeness_prefers_the_same_last_segments() {
        let path = example_path("/me/drive/root/children");
        let children = likeness(&template("/me/drive/items/{item-id}/children"), &path);
        let item = likeness(&template("/me/drive/items/{item-id}"), &path);
        assert!(children > item);
    }

    #[test]
    fn drive_paths_may_hold_slashes() {
        let path = example_path("/me/drive/root:/folder/file.txt:/content");
        assert!(match_score(&template("/me/drive/root:/{item-path}:/content"), &path).is_some());
        assert!(match_score(&template("/me/drive/items/{id}/content"), &path).is_none());
    }

    #[test]
    fn matches_function_arguments() {
        let path = example_path(
            "https://graph.microsoft.com/v1.0/reports/getEmailActivityUserDetail(period='D7')",
        );
        assert!(match_score(
            &template("/reports/getEmailActivityUserDetail(period='{period_value}')"),
            &path
        )
        .is_some());
    }
}
