//! A lenient JSON reader for the docs' example bodies and annotations.
