//! The pieces of a method page that several readers share: request lines, parameter rows and
//! request bodies, before the model resolves their types.

use super::type_cell::TypeCell;
use crate::model::{Method, PathTemplate};

#[derive(Debug, Clone)]
pub struct RequestLine {
    pub method: Method,
    pub template: PathTemplate,
    pub line: u32,
}

/// A row of a parameter table, before its type is resolved.
#[derive(Debug, Clone)]
pub struct ParsedParam {
    pub name: String,
    pub type_cell: Option<TypeCell>,
    pub required: bool,
    pub description: String,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub enum ParsedBody {
    None,
    Type { cell: TypeCell, line: u32 },
    Parameters(Vec<ParsedParam>),
    Stream { content_type: Option<String> },
}
