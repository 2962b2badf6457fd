//! Checks that keep a caller's value from changing what is sent: header injection and
//! dot segments that a URL parser would resolve away.

use crate::error::Error;

/// Refuses a header whose name is not an HTTP token or whose value holds CR, LF, NUL or
/// another control character (tab excepted) — the ways to smuggle a second header or request.
pub fn check_header(name: &str, value: &str) -> Result<(), Error> {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(is_token_char) {
        return Err(Error::InvalidHeader {
            name: name.to_string(),
            reason: "the name is not an HTTP token",
        });
    }
    if value.contains(['\r', '\n']) {
        return Err(Error::InvalidHeader {
            name: name.to_string(),
            reason: "the value holds CR or LF",
        });
    }
    if value
        .chars()
        .any(|c| (c.is_ascii_control() && c != '\t') || c == '\u{7f}')
    {
        return Err(Error::InvalidHeader {
            name: name.to_string(),
            reason: "the value holds a control character",
        });
    }
    Ok(())
}

/// Refuses an encoded path with a `.` or `..` segment (also spelled `%2e`): URL parsers
/// resolve those, so `/users/{id}/messages` with id `..` would address `/messages`.
pub fn check_path(path: &str) -> Result<(), Error> {
    for segment in path.split('/') {
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
        if decoded == "." || decoded == ".." {
            return Err(Error::InvalidUrl {
                url: path.to_string(),
                reason: "a path segment is `.` or `..`".into(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_injection_is_refused() {
        assert!(check_header("Prefer", "outlook.timezone=\"UTC\"").is_ok());
        assert!(check_header("X-Tab", "a\tb").is_ok());
        for value in ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\0b", "a\u{7f}"] {
            assert!(
                matches!(
                    check_header("Prefer", value),
                    Err(Error::InvalidHeader { .. })
                ),
                "{value:?} accepted"
            );
        }
        for name in ["", "Bad Name", "Bad:Name", "X\r\nY", "Ünï"] {
            assert!(check_header(name, "v").is_err(), "{name:?} accepted");
        }
    }

    #[test]
    fn refused_values_are_not_printed() {
        let error = check_header("Authorization", "Bearer secret\r\nX: y")
            .err()
            .map(|e| format!("{e} {e:?}"));
        assert!(!error.unwrap_or_default().contains("secret"));
    }

    #[test]
    fn dot_segments_are_refused() {
        assert!(check_path("/users/a.b/messages").is_ok());
        assert!(check_path("/users/..%2Fx/messages").is_ok());
        for path in [
            "/users/../messages",
            "/users/%2e%2E/messages",
            "/users/./x",
            "/users/%2E",
        ] {
            assert!(check_path(path).is_err(), "{path} accepted");
        }
    }
}
