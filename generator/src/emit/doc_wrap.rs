//! Doc comment lines wrapped to a readable width, without changing what rustdoc renders.
//!
//! A Markdown paragraph may break at any space, so long lines break there, with three
//! guards: a code span is never split, a list item's continuation lines are indented to its
//! text, and no continuation line starts with a character that would open a new block
//! (`- item`, `# heading`, `> quote`, `| table`, `1. item`). Tables, fences and indented
//! code are left whole.

/// Characters of text per line, after `/// `: with four spaces of indentation, the comment
/// stays within 100 columns.
pub const DOC_WIDTH: usize = 92;

/// `line` as one or more lines of at most `width` characters where it can break.
pub fn wrap_line(line: &str, width: usize) -> Vec<String> {
    if line.chars().count() <= width || !wrappable(line) {
        return vec![line.to_string()];
    }
    let indent = " ".repeat(list_marker_width(line));
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in words(line) {
        let fits = current.chars().count() + 1 + word.chars().count() <= width;
        // A list marker keeps its first word: `-` alone on a line would be an empty item.
        let at_line_start = current.trim().is_empty() || current.len() <= indent.len();
        if at_line_start || fits || opens_a_block(word) {
            if !current.is_empty() && !current.ends_with(' ') {
                current.push(' ');
            }
            current.push_str(word);
        } else {
            lines.push(std::mem::replace(&mut current, format!("{indent}{word}")));
        }
    }
    lines.push(current);
    lines
}

/// Table rows, fences and indented code keep their lines as they are.
fn wrappable(line: &str) -> bool {
    !(line.starts_with('|') || line.starts_with("    ") || line.starts_with("```"))
}

/// The width of a list marker opening the line (`- `, `* `, `12. `), 0 when there is none.
fn list_marker_width(line: &str) -> usize {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return 2;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
        digits + 2
    } else {
        0
    }
}

/// The line split at spaces outside code spans; runs of spaces count as one.
fn words(line: &str) -> impl Iterator<Item = &str> {
    let mut in_code = false;
    let mut pieces = Vec::new();
    let mut start = 0;
    for (at, c) in line.char_indices() {
        match c {
            '`' => in_code = !in_code,
            ' ' if !in_code => {
                pieces.push(&line[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    pieces.push(&line[start..]);
    pieces.into_iter().filter(|word| !word.is_empty())
}

/// Whether a word starting a line would open a block instead of continuing the paragraph.
fn opens_a_block(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if matches!(first, '-' | '+' | '*' | '=' | '#' | '>' | '|' | '<' | '~') {
        return true;
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(word[digits..].chars().next(), Some('.' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_stay_as_they_are() {
        assert_eq!(wrap_line("Get a user.", 20), ["Get a user."]);
    }

    #[test]
    fn long_lines_break_at_spaces_within_the_width() {
        let wrapped = wrap_line("one two three four five six seven", 10);
        assert_eq!(wrapped, ["one two", "three four", "five six", "seven"]);
    }

    #[test]
    fn code_spans_stay_whole() {
        let wrapped = wrap_line("see `GET /users/{id} HTTP` here", 12);
        assert_eq!(wrapped, ["see", "`GET /users/{id} HTTP`", "here"]);
    }

    #[test]
    fn list_items_continue_under_their_text() {
        let wrapped = wrap_line("- Delegated: `A.Read`, `B.Read`, `C.Read`", 22);
        assert_eq!(wrapped, ["- Delegated: `A.Read`,", "  `B.Read`, `C.Read`"]);
        let numbered = wrap_line("10. first second third", 12);
        assert_eq!(numbered, ["10. first", "    second", "    third"]);
        let long_first_word = wrap_line("- [`a_long_link()`](Node::a_long_link): `/path`", 12);
        assert_eq!(
            long_first_word,
            ["- [`a_long_link()`](Node::a_long_link):", "  `/path`"]
        );
    }

    #[test]
    fn no_continuation_line_opens_a_block() {
        let wrapped = wrap_line("values from 1 to 2. - or # and > end", 10);
        for line in &wrapped[1..] {
            assert!(!opens_a_block(line), "{line:?} in {wrapped:?}");
        }
        assert_eq!(wrapped.join(" "), "values from 1 to 2. - or # and > end");
    }

    #[test]
    fn tables_and_code_are_not_wrapped() {
        let row = "| a | b | c | d | e | f | g | h |";
        assert_eq!(wrap_line(row, 8), [row]);
        let code = "    let x = one + two + three;";
        assert_eq!(wrap_line(code, 8), [code]);
    }
}
