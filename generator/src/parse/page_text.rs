//! What every page reader gets: the page's lines, outline and front matter, read the same way
//! whatever the page's kind.

use super::blocks::Outline;
use super::front_matter::FrontMatter;
use super::source::SourceLine;

/// Everything in a page that is read the same way whatever its kind.
pub struct PageText<'a> {
    pub file: &'a str,
    pub stem: &'a str,
    pub lines: &'a [SourceLine],
    pub outline: &'a Outline,
    pub namespace: Option<&'a str>,
    pub title: &'a str,
    pub front: &'a FrontMatter,
}
