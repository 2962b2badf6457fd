//! Pipe tables, with or without outer pipes, with rows shorter or longer than the header.

use super::source::SourceLine;
use super::text::clean_cell;
use crate::diagnostics::{codes, Diagnostic};

#[derive(Debug, Clone)]
pub struct Table {
    /// Header cells, cleaned (entities decoded, `<br>` and tabs turned into spaces).
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    pub line: u32,
}

impl Row {
    /// The cell in `column`, or `""` when the row is short.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }
}

impl Table {
    /// The first column whose squashed header satisfies `matches`.
    pub fn column(&self, matches: impl Fn(&str) -> bool) -> Option<usize> {
        self.header
            .iter()
            .position(|h| matches(&super::text::squash(h)))
    }
}

/// Reports every row whose cell count differs from the header's: a cut-off row, a pipe that
/// should have been escaped, or a cell too many. The short cells still read as empty.
pub fn report_ragged_rows(file: &str, table: &Table, diagnostics: &mut Vec<Diagnostic>) {
    for row in &table.rows {
        if row.cells.len() != table.header.len() {
            diagnostics.push(
                Diagnostic::warning(codes::RAGGED_TABLE_ROW, file, row.line, format!("table row has {} cell{}; the header has {}", row.cells.len(), if row.cells.len() == 1 { "" } else { "s" }, table.header.len()))
                    .with_hint("give every row one cell per header column; write `\\|` for a pipe inside a cell"),
            );
        }
    }
}

fn is_separator(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.contains('-')
        && trimmed.contains(['|', '-'])
        && trimmed
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Splits a row on pipes that are not escaped (`\|`) and not inside inline code.
pub fn split_row(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    let trimmed = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let trimmed = if trimmed.ends_with('|') && !trimmed.ends_with("\\|") {
        &trimmed[..trimmed.len() - 1]
    } else {
        trimmed
    };
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    let mut escaped = false;
    for ch in trimmed.chars() {
        if escaped {
            if ch != '|' {
                current.push('\\');
            }
            current.push(ch);
            escaped = false;
            continue;
        }
        match ch {
            '\\' => escaped = true,
            '`' => {
                in_code = !in_code;
                current.push(ch);
            }
            '|' if !in_code => cells.push(std::mem::take(&mut current)),
            _ => current.push(ch),
        }
    }
    if escaped {
        current.push('\\');
    }
    cells.push(current);
    cells.iter().map(|c| clean_cell(c)).collect()
}

/// Every table whose header line lies in `start..end` (indices into `lines`), skipping fenced lines.
pub fn tables(lines: &[SourceLine], in_fence: &[bool], start: usize, end: usize) -> Vec<Table> {
    let end = end.min(lines.len());
    let mut found = Vec::new();
    let mut index = start;
    while index + 1 < end {
        let fenced = |i: usize| in_fence.get(i).copied().unwrap_or(false);
        let header_line = &lines[index];
        if fenced(index) || !header_line.text.contains('|') || !is_separator(&lines[index + 1].text)
        {
            index += 1;
            continue;
        }
        let header = split_row(&header_line.text);
        let mut rows = Vec::new();
        let mut row_index = index + 2;
        while row_index < end && !fenced(row_index) {
            let text = &lines[row_index].text;
            if text.trim().is_empty() || !text.contains('|') {
                break;
            }
            let cells = split_row(text);
            if cells.iter().any(|c| !c.is_empty()) {
                rows.push(Row {
                    cells,
                    line: lines[row_index].line,
                });
            }
            row_index += 1;
        }
        found.push(Table {
            header,
            rows,
            line: header_line.line,
        });
        index = row_index;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        SourceLine::numbered(text)
    }

    #[test]
    fn reads_tables_with_and_without_outer_pipes() {
        let page = lines("|A|B|\n|:-|:-|\n|1|`a|b`|\n|2\n\n| Member\n|:---\n| one\n| two\n");
        let found = tables(&page, &vec![false; page.len()], 0, page.len());
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].header, ["A", "B"]);
        assert_eq!(found[0].rows[0].cells, ["1", "`a|b`"]);
        assert_eq!(found[0].rows[1].cell(1), "");
        assert_eq!(found[1].rows.len(), 2);
        assert_eq!(found[1].rows[1].cell(0), "two");
        assert_eq!(found[1].rows[1].line, 9);
    }
}
