//! The validation handshake: Graph calls the endpoint with `?validationToken=...` and
//! expects the token back, decoded, as `text/plain`, with `200 OK`.

/// What to answer a validation request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationResponse {
    pub status: u16,
    pub content_type: &'static str,
    /// The decoded token. Sent as `text/plain` (never HTML), so a hostile token cannot
    /// become script in a browser.
    pub body: String,
}

/// The decoded `validationToken` of a request target (`/notify?validationToken=...`) or
/// query string; `None` when there is none.
pub fn validation_token(target_or_query: &str) -> Option<String> {
    let query = match target_or_query.split_once('?') {
        Some((_, query)) => query,
        None if target_or_query.contains('=') => target_or_query,
        None => return None,
    };
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "validationToken")
        .map(|(_, value)| {
            // application/x-www-form-urlencoded: `+` is a space.
            let value = value.replace('+', " ");
            percent_encoding::percent_decode_str(&value)
                .decode_utf8_lossy()
                .into_owned()
        })
}

/// The answer to a validation request: `200`, `text/plain`, the token; `None` when the
/// request is not one (a notification to handle instead).
pub fn validation_response(target_or_query: &str) -> Option<ValidationResponse> {
    validation_token(target_or_query).map(|token| ValidationResponse {
        status: 200,
        content_type: "text/plain",
        body: token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_decoded_from_targets_and_queries() {
        let target = "/api/notify?validationToken=Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+b6c9c5d2";
        assert_eq!(
            validation_token(target).as_deref(),
            Some("Validation: Testing client application reachability for subscription Request-Id: b6c9c5d2")
        );
        assert_eq!(
            validation_token("a=1&validationToken=x%2By").as_deref(),
            Some("x+y")
        );
        assert_eq!(validation_token("/api/notify"), None);
        assert_eq!(validation_token("/api/notify?other=1"), None);
        let answer = validation_response("?validationToken=%3Cscript%3E");
        assert_eq!(
            answer,
            Some(ValidationResponse {
                status: 200,
                content_type: "text/plain",
                body: "<script>".into()
            })
        );
    }
}
