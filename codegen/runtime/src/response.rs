//! Turning a complete HTTP response into a typed result or a typed error.

use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorContext, GraphErrorBody, Result};
use crate::transport::HttpResponse;

/// How much of an unexpected body an error keeps, in bytes.
const SNIPPET_LEN: usize = 512;

/// The response's `Content-Type`, if any.
pub(crate) fn content_type(response: &HttpResponse) -> Option<String> {
    response.header(http::header::CONTENT_TYPE.as_str()).map(str::to_owned)
}

/// Whether a media type is JSON: `application/json` or any `+json` type, with parameters
/// (`; odata.metadata=minimal`) ignored.
pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// The start of a body as text, for error messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    let end = body.len().min(SNIPPET_LEN);
    let mut text = String::from_utf8_lossy(&body[..end]).into_owned();
    if body.len() > end {
        text.push('…');
    }
    text
}

/// The error for a non-success response: [`Error::Graph`] if the body is a Graph error,
/// [`Error::UnexpectedResponse`] otherwise.
pub(crate) fn error_from(response: HttpResponse, mut context: ErrorContext) -> Error {
    match serde_json::from_slice::<GraphErrorBody>(&response.body) {
        Ok(GraphErrorBody { error }) => {
            if context.request_id.is_none() {
                context.request_id =
                    error.inner_error.as_ref().and_then(|inner| inner.request_id.clone());
            }
            Error::Graph { context: Box::new(context), error: Box::new(error) }
        }
        Err(_) => Error::UnexpectedResponse {
            content_type: content_type(&response),
            snippet: snippet(&response.body),
            context: Box::new(context),
        },
    }
}

/// The response if its status is a success, its error otherwise.
pub(crate) fn success(response: HttpResponse, context: &ErrorContext) -> Result<HttpResponse> {
    if response.status.is_success() {
        Ok(response)
    } else {
        Err(error_from(response, context.clone()))
    }
}

/// The response's `Location`, resolved against the request's URL (`None` when absent
/// or not a URL reference).
pub(crate) fn location(response: &HttpResponse, context: &ErrorContext) -> Option<url::Url> {
    let location = response.header(http::header::LOCATION.as_str())?;
    url::Url::parse(&context.url).ok()?.join(location).ok()
}

/// Checks that a success body is JSON (a missing `Content-Type` is tolerated) and parses
/// it as a `serde_json::Value`; `None` for an empty body.
pub(crate) fn json_value(
    response: &HttpResponse,
    context: &ErrorContext,
) -> Result<Option<serde_json::Value>> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let content_type = content_type(response);
    if content_type.as_deref().is_some_and(|ct| !is_json(ct)) {
        return Err(Error::UnexpectedContentType {
            content_type,
            snippet: snippet(&response.body),
            context: Box::new(context.clone()),
        });
    }
    serde_json::from_slice(&response.body)
        .map(Some)
        .map_err(|source| Error::Decode { context: Box::new(context.clone()), source })
}

/// Decodes a success body as `T`; an empty body decodes as JSON `null` (so `()` and
/// `Option<_>` accept it).
pub(crate) fn decode<T: DeserializeOwned>(
    response: &HttpResponse,
    context: &ErrorContext,
) -> Result<T> {
    let value = json_value(response, context)?.unwrap_or(serde_json::Value::Null);
    from_value(value, context)
}

/// Decodes an already-parsed JSON value as `T`.
pub(crate) fn from_value<T: DeserializeOwned>(
    value: serde_json::Value,
    context: &ErrorContext,
) -> Result<T> {
    serde_json::from_value(value)
        .map_err(|source| Error::Decode { context: Box::new(context.clone()), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; odata.metadata=minimal; charset=utf-8"));
        assert!(is_json("Application/JSON"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/html; charset=utf-8"));
        assert!(!is_json("text/plain"));
        assert!(!is_json(""));
    }

    #[test]
    fn snippets_are_bounded() {
        assert_eq!(snippet(b"short"), "short");
        let long = vec![b'x'; 2000];
        assert_eq!(snippet(&long).chars().count(), SNIPPET_LEN + 1);
        assert_eq!(snippet(&[0xff, b'a']), "\u{fffd}a");
    }
}
