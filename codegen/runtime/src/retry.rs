//! When and how long to wait before sending a request again.
//!
//! The rule (the client applies it; see the crate README):
//! - `429 Too Many Requests`, `503 Service Unavailable` and `504 Gateway Timeout` are
//!   retried for every method, waiting as long as `Retry-After` says (seconds or an
//!   HTTP-date), or with exponential backoff and jitter when it is absent.
//! - A connection that could not be made is retried for every method: the request never
//!   left.
//! - A connection that failed after the request was sent is retried only for idempotent
//!   methods (`GET`, `PUT`, `DELETE`): a `POST` may already have been acted on.
//! - Nothing else is retried: no other status, no timeout.
//! - Retries stop after `max_retries`, or when the next wait would end past `max_elapsed`
//!   from the first attempt (a `Retry-After` beyond that budget is not waited for).

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

/// How a [`Client`](crate::Client) retries throttled and failed requests.
///
/// Defaults: 4 retries (5 attempts), backoff from 500 ms doubling to at most 30 s,
/// 2 minutes in all.
///
/// ```
/// use std::time::Duration;
/// use graphgen_runtime::RetryPolicy;
/// let policy = RetryPolicy::default().max_retries(2).base_delay(Duration::from_millis(100));
/// assert_eq!(policy.get_max_retries(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> RetryPolicy {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// How many times a request may be sent again after the first attempt (default 4).
    pub fn max_retries(mut self, retries: u32) -> RetryPolicy {
        self.max_retries = retries;
        self
    }

    /// The first backoff step when there is no `Retry-After` (default 500 ms); it doubles
    /// with each retry.
    pub fn base_delay(mut self, delay: Duration) -> RetryPolicy {
        self.base_delay = delay;
        self
    }

    /// The largest backoff step (default 30 s). A `Retry-After` may ask for longer; it is
    /// bounded by `max_elapsed` instead.
    pub fn max_delay(mut self, delay: Duration) -> RetryPolicy {
        self.max_delay = delay;
        self
    }

    /// The time from the first attempt past which no retry starts (default 2 minutes).
    pub fn max_elapsed(mut self, budget: Duration) -> RetryPolicy {
        self.max_elapsed = budget;
        self
    }

    /// See [`max_retries`](RetryPolicy::max_retries).
    pub fn get_max_retries(&self) -> u32 {
        self.max_retries
    }

    /// See [`base_delay`](RetryPolicy::base_delay).
    pub fn get_base_delay(&self) -> Duration {
        self.base_delay
    }

    /// See [`max_delay`](RetryPolicy::max_delay).
    pub fn get_max_delay(&self) -> Duration {
        self.max_delay
    }

    /// See [`max_elapsed`](RetryPolicy::max_elapsed).
    pub fn get_max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    /// Whether a response with this status is retried: 429, 503 and 504.
    pub fn is_retryable_status(status: StatusCode) -> bool {
        matches!(status.as_u16(), 429 | 503 | 504)
    }

    /// The backoff before retry number `retry` (1-based) without `Retry-After`:
    /// `min(max_delay, base_delay * 2^(retry-1))`, of which the upper half is jittered by
    /// `jitter` (in `[0, 1)`).
    pub(crate) fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let step = self.base_delay.saturating_mul(factor).min(self.max_delay);
        step / 2 + (step / 2).mul_f64(jitter.clamp(0.0, 1.0))
    }

    /// How long to wait before retry number `retry` (1-based), `elapsed` after the first
    /// attempt began, or `None` to give up.
    pub(crate) fn next_delay(
        &self,
        retry: u32,
        elapsed: Duration,
        retry_after: Option<Duration>,
    ) -> Option<Duration> {
        if retry > self.max_retries {
            return None;
        }
        let delay = retry_after.unwrap_or_else(|| self.backoff(retry, fastrand::f64()));
        (elapsed.saturating_add(delay) <= self.max_elapsed).then_some(delay)
    }
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP-date (relative to
/// `now`; a date in the past means no wait). `None` if absent or malformed.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, value.parse().unwrap());
        headers
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(retry_after(&headers("7"), now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(retry_after(&headers(&later), now), Some(Duration::from_secs(30)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(retry_after(&headers(&earlier), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&headers("-1"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(1, 0.0), Duration::from_millis(250));
        assert_eq!(policy.backoff(1, 1.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(2, 0.0), Duration::from_millis(500));
        assert_eq!(policy.backoff(3, 0.5), Duration::from_millis(1500));
        assert_eq!(policy.backoff(20, 1.0), Duration::from_secs(30));
        assert_eq!(policy.backoff(u32::MAX, 0.0), Duration::from_secs(15));
    }

    #[test]
    fn attempts_and_budget_bound_retries() {
        let policy = RetryPolicy::default();
        let second = Duration::from_secs(1);
        assert_eq!(policy.next_delay(1, Duration::ZERO, Some(second)), Some(second));
        assert_eq!(policy.next_delay(4, Duration::ZERO, Some(second)), Some(second));
        assert_eq!(policy.next_delay(5, Duration::ZERO, Some(second)), None);
        // A Retry-After longer than the cap is honoured while it fits the budget...
        let long = Duration::from_secs(90);
        assert_eq!(policy.next_delay(1, Duration::from_secs(10), Some(long)), Some(long));
        // ...and not waited for when it does not.
        assert_eq!(policy.next_delay(1, Duration::from_secs(40), Some(long)), None);
        assert_eq!(RetryPolicy::none().next_delay(1, Duration::ZERO, None), None);
        let backoff = policy.next_delay(2, Duration::ZERO, None).unwrap();
        assert!(backoff >= Duration::from_millis(500) && backoff <= Duration::from_secs(1));
    }

    #[test]
    fn retryable_statuses() {
        for status in [429, 503, 504] {
            assert!(RetryPolicy::is_retryable_status(StatusCode::from_u16(status).unwrap()));
        }
        for status in [400, 401, 404, 409, 500, 502] {
            assert!(!RetryPolicy::is_retryable_status(StatusCode::from_u16(status).unwrap()));
        }
    }
}
