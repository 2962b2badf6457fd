//! A bad settings file, told as `file:line:column: what was expected`, with the line shown.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub file: PathBuf,
    /// 1-based; 0 when the problem has no place in the file (it cannot be read).
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The offending line and the columns to underline, for the report.
    snippet: Option<(String, Range<usize>)>,
}

impl SettingsError {
    /// A problem with the file as a whole (unreadable, missing a table).
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        SettingsError {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            snippet: None,
        }
    }

    /// A problem at a byte span of `text`.
    pub fn at(file: &Path, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        let start = span.start.min(text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let source = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        // Underline within the line; a span running past it is cut at its end.
        let from = column - 1;
        let width = text[start..span.end.clamp(start, line_end)]
            .chars()
            .count()
            .max(1);
        SettingsError {
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            snippet: Some((source, from..from + width)),
        }
    }
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.file.display(), self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some((source, columns)) = &self.snippet {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            write!(
                f,
                "\n{pad} |\n{number} | {source}\n{pad} | {}{}",
                " ".repeat(columns.start),
                "^".repeat(columns.len())
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for SettingsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_line_and_column_and_underlines_the_span() {
        let text = "[[crate]]\nname = 5\n";
        let error = SettingsError::at(
            Path::new("graphgen.toml"),
            text,
            17..18,
            "expected a string",
        );
        assert_eq!((error.line, error.column), (2, 8));
        assert_eq!(
            error.to_string(),
            "graphgen.toml:2:8: expected a string\n  |\n2 | name = 5\n  |        ^"
        );
    }
}
