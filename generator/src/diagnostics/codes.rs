//! Every diagnostic code: the stage that reports it and what it means, in one table.
//!
//! Code is written against the constants, so a code cannot be reported without a line
//! here; the README's table is checked against [`ALL`] by a test.

/// The pipeline stage that reports a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Finding and reading the files of a docs folder.
    Files,
    /// The structure every page shares: front matter, includes, annotations, tables.
    Page,
    /// Method pages: request lines, permissions, responses, and what the model reads
    /// differently from how a page states it.
    Method,
    /// Request and response examples.
    Example,
    /// Attaching examples to operations.
    Attach,
    /// Type pages and the type graph.
    Type,
    /// Types known only from examples.
    Inference,
    /// `graphgen lint`: what the docs say inconsistently, without changing the model.
    Lint,
    /// Emitting Rust.
    Emit,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Files => "files",
            Stage::Page => "page",
            Stage::Method => "method",
            Stage::Example => "example",
            Stage::Attach => "attach",
            Stage::Type => "type",
            Stage::Inference => "inference",
            Stage::Lint => "lint",
            Stage::Emit => "emit",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub stage: Stage,
    /// One line: what the input had that the stage could not take as it was.
    pub meaning: &'static str,
}

macro_rules! codes {
    ($($stage:ident $name:ident = $code:literal, $meaning:literal;)*) => {
        $(
            #[doc = $meaning]
            pub const $name: &str = $code;
        )*

        /// Every code, in code order.
        pub const ALL: &[Code] = &[$(Code { code: $code, stage: Stage::$stage, meaning: $meaning }),*];
    };
}

codes! {
    Files UNREADABLE_FOLDER = "GG0001", "a docs folder cannot be listed";
    Files UNREADABLE_FILE = "GG0002", "a file cannot be read";
    Files INVALID_UTF8 = "GG0003", "a file is not valid UTF-8 (read with U+FFFD in place of the bad bytes)";
    Files BINARY_FILE = "GG0004", "a file looks binary (NUL bytes); skipped";
    Files FOLDER_LINK_LOOP = "GG0005", "a folder link leads to a folder already read; skipped";
    Files NOT_A_REGULAR_FILE = "GG0006", "a pipe, socket or device where a page was expected; skipped";
    Files FILE_TOO_LARGE = "GG0007", "a file larger than a page may be; skipped";
    Page INVALID_FRONT_MATTER = "GG0101", "front matter is not valid YAML (read line by line)";
    Page MISSING_INCLUDE = "GG0102", "an `[!INCLUDE]` target is missing; nothing inlined";
    Page UNREADABLE_ANNOTATION = "GG0103", "an HTML-comment annotation is not readable JSON";
    Page BYTE_ORDER_MARK = "GG0104", "a page starts with a byte order mark; ignored";
    Page UNCLOSED_FENCE = "GG0105", "a code block is never closed";
    Page RAGGED_TABLE_ROW = "GG0106", "a table row has more or fewer cells than its header";
    Page EMPTY_PAGE = "GG0107", "a page is empty";
    Method NO_HTTP_REQUEST_SECTION = "GG0201", "a method page has no `HTTP request` section";
    Method NO_PERMISSIONS_TABLE = "GG0202", "a method page has no permissions table";
    Method NO_REQUEST_LINE = "GG0203", "the `HTTP request` section has no request line";
    Method REQUEST_LINE_WITHOUT_METHOD = "GG0204", "a request line has no HTTP method";
    Method UNREADABLE_RESPONSE = "GG0205", "the Response section names no status code";
    Method PROPERTY_NAME_WITH_SPACES = "GG0206", "a property or parameter name contains spaces; row skipped";
    Method UNREADABLE_PROPERTY_TYPE = "GG0207", "a property or parameter type cannot be read";
    Method RESPONSE_WITHOUT_TYPE = "GG0208", "the Response section gives a status but no return type";
    Method NO_RESPONSE = "GG0209", "no response is documented (no Response section or example)";
    Method LITERAL_IDS_IN_LINE = "GG0210", "a request line holds literal ids, read as placeholders";
    Method BODY_FROM_EXAMPLES = "GG0211", "an undocumented request body is read from the examples";
    Method BODY_TABLE_DISAGREES = "GG0212", "a request-body table types a property unlike its resource page";
    Method COLLECTION_READ_AS_ONE = "GG0213", "a documented collection answer is read as one object, as every example shows";
    Method ONE_READ_AS_COLLECTION = "GG0214", "a documented single answer is read as a collection";
    Method LINE_FROM_EXAMPLE = "GG0215", "a request form only an example calls is added as a line";
    Method RESPONSE_TYPE_FROM_EXAMPLES = "GG0216", "a line that names no return type is typed from its examples";
    Method BODY_BESIDE_NO_CONTENT = "GG0217", "an example answers with a body where the page says `204 No Content`";
    Method RAW_CONTENT_LINE = "GG0218", "a line that reads raw content (`/content`, `$value`) is read as a stream";
    Method QUERIED_COLLECTION = "GG0219", "a line with a written query is read as the collection it queries";
    Method PLACEHOLDER_REQUEST_LINE = "GG0220", "a request line holds placeholder text, not a path; line skipped";
    Example EXAMPLE_WITHOUT_REQUEST_LINE = "GG0301", "a request example does not start with a request line";
    Example LENIENT_JSON = "GG0302", "an example body is not strict JSON; read after repairs";
    Example NOT_JSON = "GG0303", "an example body is not JSON even read leniently";
    Example SHARED_EXAMPLE_NAME = "GG0304", "several requests or responses share an example name; paired by order";
    Example UNPAIRED_RESPONSE = "GG0305", "a response example has no request before it";
    Example MISLABELLED_BLOCK = "GG0306", "a block's annotation says request or response but it holds the other";
    Attach EXAMPLE_URL_MATCHES_NO_LINE = "GG0401", "an example URL matches no documented path; attached to the closest";
    Attach EXAMPLE_WITHOUT_OPERATION = "GG0402", "an example has no operation with its method on its page";
    Attach RESPONSE_WITHOUT_OPERATION = "GG0403", "a response example without a request cannot be attached";
    Type UNDEFINED_TYPE = "GG0501", "a type name no page defines";
    Type UNKNOWN_BASE_TYPE = "GG0502", "a base type no page defines";
    Type BASE_TYPE_CYCLE = "GG0503", "base types form a cycle";
    Type CONFLICTING_PROPERTY = "GG0505", "a property is typed differently on two pages; the first is kept";
    Type TYPE_NAMES_DIFFER_BY_CASE = "GG0506", "two type names differ only by case; read as one type";
    Type PROPERTY_NAMES_COLLIDE = "GG0507", "two property names differ only by case or punctuation";
    Type NAME_TOO_LONG = "GG0508", "a name longer than an identifier may be; skipped";
    Type COLLECTION_IN_TABLE_ONLY = "GG0509", "the table says collection, the JSON representation one value";
    Type PROPERTY_READ_AS_COLLECTION = "GG0510", "a single-valued property that request lines read as a collection";
    Type BASE_FROM_DERIVED_LIST = "GG0511", "a type names no base, but a base page lists it as derived";
    Type ENUM_VALUES_FROM_PROPERTY = "GG0512", "a property lists enum values its enum lacks; added as members";
    Type BASE_FROM_INHERITED_PROPERTIES = "GG0513", "a type names no base, but its properties say whose they inherit";
    Type ENTITY_ROOT_BASE = "GG0514", "an entity type keyed by `id` names no base; read as derived from `entity`";
    Inference TYPE_INFERRED = "GG0601", "no page defines a type; its shape is inferred from examples";
    Lint NO_PERMISSIONS = "GG0701", "an operation documents no permissions";
    Lint EXAMPLE_MEMBER_NOT_IN_TYPE = "GG0702", "an example member is not a property of its type";
    Lint EXAMPLE_VALUE_OF_WRONG_KIND = "GG0703", "an example value is not of the kind its type says";
    Lint LINE_DOCUMENTED_DIFFERENTLY = "GG0704", "two pages document one request line with different bodies, responses or permissions";
    Emit UNKNOWN_TYPE = "GG0801", "a type the model names but does not define; read as untyped JSON";
    Emit UNSUPPORTED_METHOD = "GG0802", "an HTTP method the runtime cannot send; no function generated";
    Emit DUPLICATE_PROPERTY = "GG0803", "two properties of one type share a wire name; the first is kept";
    Emit INVALID_TOKENS = "GG0804", "a generated file did not parse as Rust (a generator bug); left out";
}

/// The table as the README shows it: one Markdown row per code.
pub fn markdown_table() -> String {
    let mut table = String::from("| code | stage | meaning |\n|---|---|---|\n");
    for row in ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            row.code,
            row.stage.name(),
            row.meaning
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_code_as_the_table_does() {
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README.md's diagnostics table differs from codes.rs; paste this:\n{}",
            markdown_table()
        );
    }

    #[test]
    fn codes_are_unique_in_order_and_within_their_stage_block() {
        for pair in ALL.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} before {}",
                pair[0].code,
                pair[1].code
            );
        }
        for row in ALL {
            let block = &row.code[2..4];
            let same_block = ALL.iter().filter(|other| &other.code[2..4] == block);
            assert!(
                same_block.clone().all(|other| other.stage == row.stage),
                "{} shares block {block} with another stage",
                row.code
            );
        }
    }
}
