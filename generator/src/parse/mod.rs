//! Reading Markdown pages into parsed pages (plain data, no cross-page knowledge).
//!
//! [`page::parse_page`] turns one page into a [`page::ParsedPage`]: its front matter, title and
//! description, and then either the operations of a method page or the types of a type page.
//! Type names stay as written (with the page they link to); the model builder resolves them.

pub mod action_body;
pub mod base_statements;
pub mod blocks;
pub mod examples;
pub mod front_matter;
pub mod function_call;
pub mod http;
pub mod literal_ids;
pub mod method;
pub mod page;
pub mod page_text;
pub mod permissions;
pub mod query_statement;
pub mod request_parts;
pub mod resource;
pub mod source;
pub mod table;
pub mod text;
pub mod type_cell;

pub use page::{parse_page, PageKind, ParsedPage};
