//! When and how long to wait before sending a throttled or failed request again.

use std::time::{Duration, SystemTime};

use crate::request::Method;

/// Bounded retries on `429 Too Many Requests`, `503 Service Unavailable` and
/// `504 Gateway Timeout`, and, for idempotent requests (GET, PUT, DELETE), on a connection
/// that failed or an attempt that timed out: a POST or PATCH whose answer was lost may have
/// taken effect, so it is handed back to the caller instead. For the same reason a POST or
/// PATCH is sent again only on 429, or 503 with `Retry-After` (see [`RetryPolicy::may_resend`]).
///
/// When the service says how long to wait (`Retry-After`), the client waits that long;
/// otherwise it backs off exponentially from `initial_backoff`, capped at `max_backoff`,
/// with jitter so that many clients do not come back at the same instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included; 1 means never retry.
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    /// The longest `Retry-After` the client is willing to sleep; a longer one ends the
    /// retries and the caller gets the error (with its `retry_after`) to decide.
    pub max_retry_after: Duration,
    /// Whether idempotent requests are sent again after a connection failure or a timeout.
    pub retry_lost_answers: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            retry_lost_answers: true,
        }
    }
}

impl RetryPolicy {
    /// Never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Whether a response with this status may be sent again.
    pub fn is_retryable_status(status: u16) -> bool {
        matches!(status, 429 | 503 | 504)
    }

    /// Whether a request answered `status` may be sent again: GET, PUT and DELETE on any
    /// retryable status; other methods (which may have taken effect) only when the service
    /// said it did not act and when to come back — 429, or 503 with `Retry-After`.
    pub fn may_resend(method: Method, status: u16, retry_after: Option<Duration>) -> bool {
        if !Self::is_retryable_status(status) {
            return false;
        }
        method.is_idempotent() || status == 429 || (status == 503 && retry_after.is_some())
    }

    /// How long to wait before attempt `attempt + 1`, after attempt `attempt` (1-based)
    /// failed with a retryable status; `None` when the retries are over.
    pub fn delay_after(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        match retry_after {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(attempt)),
        }
    }

    /// Exponential backoff with "equal jitter": a random point in the upper half of the step.
    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempt.saturating_sub(1))
            .unwrap_or(u32::MAX);
        let step = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let half = step / 2;
        let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        let jitter = if jitter_nanos == 0 {
            0
        } else {
            crate::ids::random_u64() % (jitter_nanos + 1)
        };
        half + Duration::from_nanos(jitter)
    }
}

/// Reads a `Retry-After` value: delay seconds, or an HTTP date (a date in the past means
/// "now"). `None` when it is neither.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    parse_retry_after_at(value, SystemTime::now())
}

fn parse_retry_after_at(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    // IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) is RFC 2822 with the `GMT` zone.
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::from(date);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770); // 06 Nov 1994 08:49:30 GMT
        assert_eq!(
            parse_retry_after_at(" 3 ", now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_retry_after_at("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after_at("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after_at("soon", now), None);
        assert_eq!(parse_retry_after_at("-1", now), None);
        assert_eq!(parse_retry_after_at("", now), None);
    }

    #[test]
    fn backoff_grows_is_capped_and_stops() {
        let policy = RetryPolicy {
            max_attempts: 40,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        for attempt in 1..40 {
            let step = Duration::from_millis(100)
                .saturating_mul(1 << (attempt - 1).min(20))
                .min(Duration::from_secs(1));
            let delay = policy.delay_after(attempt, None).unwrap_or_default();
            assert!(
                delay >= step / 2 && delay <= step,
                "attempt {attempt}: {delay:?} not in [{:?}, {step:?}]",
                step / 2
            );
        }
        assert_eq!(policy.delay_after(40, None), None);
        assert_eq!(
            policy.delay_after(1, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(policy.delay_after(1, Some(Duration::from_secs(6))), None);
        assert_eq!(RetryPolicy::none().delay_after(1, None), None);
    }
}
