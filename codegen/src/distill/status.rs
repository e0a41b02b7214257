//! Success status codes as the docs write them: in prose (`200 OK`, `` `202 Accepted` ``,
//! `204 No content`, `302 Found`), in the status line of a response a page shows
//! (`HTTP/1.1 201 Created`), and the reason phrases that contradict their code
//! (`201 No Content`).

use crate::spec::{Diagnostic, DiagnosticKind, StatusCode, is_success};

use super::outline::{Block, BlockKind};
use super::text;

/// The success codes the docs use, with the reason phrase HTTP gives each (RFC 9110;
/// `207` from WebDAV).
const REASONS: [(u16, &str); 11] = [
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (302, "Found"),
    (303, "See Other"),
    (307, "Temporary Redirect"),
];

/// The reason phrase HTTP gives `code`.
fn standard_reason(code: u16) -> Option<&'static str> {
    REASONS.iter().find(|(c, _)| *c == code).map(|(_, r)| *r)
}

/// The code whose reason phrase `reason` is (any case).
fn code_of_reason(reason: &str) -> Option<u16> {
    REASONS.iter().find(|(_, r)| r.eq_ignore_ascii_case(reason)).map(|(c, _)| *c)
}

/// The 2xx codes and redirects a text names, each with its reason phrase as written:
/// the code's own phrase in any case (`204 No content`), else the capitalized words
/// after it (`201 No Content`, which [`mismatched_reasons`] reports). A number is a code
/// when a reason, `response`, `status` or `HTTP` follows it (`200 items` is not one).
pub(crate) fn status_codes(text: &str) -> Vec<(u16, Option<String>)> {
    // A code is a `2` or a `3` and two more digits, between non-digits: prose without
    // one (most of it) has no code.
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let has_code = memchr::memchr2_iter(b'2', b'3', b)
        .any(|i| digit(i + 1) && digit(i + 2) && !digit(i + 3) && (i == 0 || !digit(i - 1)));
    if !has_code {
        return Vec::new();
    }
    let mut words = text.split_whitespace();
    let mut out = Vec::new();
    while let Some(w) = words.next() {
        let w = text::trim_to(w, |b| b.is_ascii_digit());
        if w.len() != 3 {
            continue;
        }
        let Ok(code) = w.parse::<u16>() else { continue };
        if !is_success(code) {
            continue;
        }
        let reason = spelled_reason(code, words.clone()).or_else(|| {
            // Capitalized words up to the end of the phrase.
            let mut reason = Vec::new();
            for next in words.clone() {
                let clean = text::trim_to(next, |b| b.is_ascii_alphanumeric());
                if !clean.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                    break;
                }
                reason.push(clean);
                if next.ends_with(['`', ',', '.', ')']) {
                    break;
                }
            }
            (!reason.is_empty()).then(|| reason.join(" "))
        });
        let next = words.clone().next().unwrap_or_default();
        let plausible = reason.is_some()
            || text::starts_with_lower(next, "response")
            || text::starts_with_lower(next, "status")
            || text::starts_with_lower(next, "http");
        if plausible {
            out.push((code, reason));
        }
    }
    out
}

/// The words after a code when they spell its reason phrase, in any case and without
/// markup (`No content`, `` Multi-Status` ``), as written.
fn spelled_reason<'t>(code: u16, words: impl Iterator<Item = &'t str>) -> Option<String> {
    let phrase = standard_reason(code)?;
    let count = phrase.split(' ').count();
    let spelled: Vec<&str> = words
        .take(count)
        .map(|w| text::trim_to(w, |b| b.is_ascii_alphanumeric() || b == b'-'))
        .collect();
    let spelled = spelled.join(" ");
    spelled.eq_ignore_ascii_case(phrase).then_some(spelled)
}

/// The status of a code block showing an HTTP response (`HTTP/1.1 200 OK`): a 2xx code
/// or a redirect, its reason, and the line of the status line.
pub(crate) fn shown_status(block: &Block<'_>) -> Option<(u16, Option<String>, u32)> {
    let BlockKind::Code { text: code, fenced, .. } = &block.kind else { return None };
    let (index, first) = code.lines().enumerate().find(|(_, l)| !l.trim().is_empty())?;
    let rest = first.trim().strip_prefix("HTTP/")?;
    let mut parts = rest.splitn(3, ' ');
    let _version = parts.next()?;
    let status: u16 = parts.next()?.trim().parse().ok()?;
    if !is_success(status) {
        return None;
    }
    let reason = parts.next().map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    Some((status, reason, block.line + u32::from(*fenced) + index as u32))
}

/// A `status_conflict` for each code written with another code's reason phrase
/// (`201 No Content`, `204 OK`): the page says two things, and only the code is kept.
pub(crate) fn mismatched_reasons(codes: &[StatusCode], diagnostics: &mut Vec<Diagnostic>) {
    for status in codes {
        let Some(reason) = status.reason.as_deref() else { continue };
        let Some(other) = code_of_reason(reason).filter(|c| *c != status.code) else { continue };
        let own = standard_reason(status.code).unwrap_or("?");
        diagnostics.push(Diagnostic::warning(
            DiagnosticKind::StatusConflict,
            Some(status.line),
            format!(
                "`{} {reason}`: {reason} is the reason phrase of {other}; {} is {own} \
                 (the code is kept)",
                status.code, status.code
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_in_prose() {
        let reason = |r: &str| Some(r.to_string());
        for (text, want) in [
            (
                "If successful, this method returns a `202 Accepted` response code.",
                vec![(202, reason("Accepted"))],
            ),
            ("It returns 200 OK and a user object.", vec![(200, reason("OK"))]),
            ("returns `204 No Content`.", vec![(204, reason("No Content"))]),
            ("a 201 response code and a body", vec![(201, None)]),
            (
                "HTTP 200 status code; or 202 Accepted.",
                vec![(200, None), (202, reason("Accepted"))],
            ),
            ("returns 200 items at most", vec![]),
            ("since the 2019 release", vec![]),
            ("a 404 Not Found error", vec![]),
            ("returns 200", vec![]),
            ("Returns a `302 Found` response redirecting to a URL", vec![(302, reason("Found"))]),
            ("a 304 Not Modified response", vec![]),
            // The code's own phrase in any case, and no more than it.
            ("returns `204 No content` response code.", vec![(204, reason("No content"))]),
            ("returns a 200 OK HTTP status code", vec![(200, reason("OK"))]),
            ("returns `207 Multi-Status`.", vec![(207, reason("Multi-Status"))]),
            // Another code's phrase is kept as written (and reported).
            ("returns a `201 No Content` response code.", vec![(201, reason("No Content"))]),
        ] {
            assert_eq!(status_codes(text), want, "{text}");
        }
    }

    #[test]
    fn another_codes_reason_is_a_conflict() {
        let code = |code: u16, reason: Option<&str>| StatusCode {
            code,
            reason: reason.map(str::to_string),
            line: 7,
        };
        let mut d = Vec::new();
        mismatched_reasons(
            &[
                code(201, Some("No Content")),
                code(204, Some("No content")),
                code(200, None),
                code(201, Some("CreatedResponse")),
            ],
            &mut d,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].kind, d[0].line), (DiagnosticKind::StatusConflict, Some(7)));
        assert_eq!(
            d[0].message,
            "`201 No Content`: No Content is the reason phrase of 204; 201 is Created (the \
             code is kept)"
        );
    }
}
