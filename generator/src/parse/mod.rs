//! Reading Markdown pages into parsed pages (plain data, no cross-page knowledge).
