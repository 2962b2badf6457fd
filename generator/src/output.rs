//! Writing a generated file tree to disk.
