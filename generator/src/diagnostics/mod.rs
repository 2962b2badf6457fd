//! Diagnostics: what was wrong with the input, where, and what was expected.
//!
//! Every stage reports problems as plain data and carries on; the caller decides how to
//! render them (terminal or JSON) and what exit status they mean.

use serde::Serialize;

pub mod codes;
pub mod render;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Input was unusable in part; what could be read was kept.
    Error,
    /// Input was odd or lossy, but read.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `GG0101`; the README lists them.
    pub code: &'static str,
    pub severity: Severity,
    /// Path relative to the docs root, with `/`.
    pub file: String,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
    pub message: String,
    /// What would fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        severity: Severity,
        file: &str,
        line: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            file: file.to_string(),
            line,
            column: 0,
            message: message.into(),
            hint: None,
        }
    }

    pub fn error(code: &'static str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, file, line, message)
    }

    pub fn warning(code: &'static str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, file, line, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_column(mut self, column: u32) -> Self {
        self.column = column;
        self
    }
}
