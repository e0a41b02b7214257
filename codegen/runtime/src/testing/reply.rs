//! What the test server answers: a response, a Graph error, or a scripted fault.

use std::time::Duration;

use serde::Serialize;

/// One scripted answer of the [`GraphServer`](super::GraphServer).
#[derive(Clone, Debug)]
#[must_use]
pub struct Reply {
    pub(crate) kind: ReplyKind,
    pub(crate) delay: Duration,
}

#[derive(Clone, Debug)]
pub(crate) enum ReplyKind {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    GraphError {
        status: u16,
        code: String,
        message: String,
        headers: Vec<(String, String)>,
    },
    /// A response framed by hand: `Content-Length` as given (false, or absent).
    Framed {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        content_length: Option<usize>,
    },
    Drop,
}

impl Reply {
    /// A response with this status, no body yet.
    pub fn status(status: u16) -> Reply {
        Reply::from(ReplyKind::Respond { status, headers: Vec::new(), body: Vec::new() })
    }

    /// A response with this status and a JSON body.
    pub fn json(status: u16, body: &impl Serialize) -> Reply {
        Reply::status(status).with_json(body)
    }

    /// `204 No Content`.
    pub fn no_content() -> Reply {
        Reply::status(204)
    }

    /// `202 Accepted` with a `Location` and, if given, a JSON body: how Graph answers an
    /// action that starts a long-running operation.
    pub fn accepted(location: impl Into<String>, body: Option<&serde_json::Value>) -> Reply {
        let reply = Reply::status(202).header("Location", location);
        match body {
            Some(body) => reply.with_json(body),
            None => reply,
        }
    }

    /// A redirect (`302`, `307`, ...) to `location`: how Graph answers a download, with
    /// a pre-authenticated URL.
    pub fn redirect(status: u16, location: impl Into<String>) -> Reply {
        Reply::status(status).header("Location", location)
    }

    /// A Graph error: `{"error": {"code", "message", "innerError": {"request-id", "date",
    /// "client-request-id"}}}`, the ids filled in from the exchange.
    pub fn graph_error(status: u16, code: &str, message: &str) -> Reply {
        Reply::from(ReplyKind::GraphError {
            status,
            code: code.to_owned(),
            message: message.to_owned(),
            headers: Vec::new(),
        })
    }

    /// An HTML page, as a gateway or load balancer sends.
    pub fn html(status: u16, html: &str) -> Reply {
        Reply::status(status).body("text/html; charset=utf-8", html.as_bytes().to_vec())
    }

    /// Headers, then the connection closes after `body`, short of the `Content-Length`
    /// it announced (`declared`).
    pub fn truncated(status: u16, content_type: &str, body: &[u8], declared: usize) -> Reply {
        Reply::framed(status, content_type, body.to_vec(), Some(declared))
    }

    /// Headers without a `Content-Length`, then `body`, ended by closing the connection
    /// (HTTP/1.1 close-delimited): the client cannot know the size before reading.
    pub fn unframed(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply::framed(status, content_type, body, None)
    }

    fn framed(
        status: u16,
        content_type: &str,
        body: Vec<u8>,
        content_length: Option<usize>,
    ) -> Reply {
        Reply::from(ReplyKind::Framed {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body,
            content_length,
        })
    }

    /// The request is read, then the connection closes without a response.
    pub fn drop_connection() -> Reply {
        Reply::from(ReplyKind::Drop)
    }

    /// Adds a header (ignored by [`drop_connection`](Reply::drop_connection)).
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        if let ReplyKind::Respond { headers, .. }
        | ReplyKind::Framed { headers, .. }
        | ReplyKind::GraphError { headers, .. } = &mut self.kind
        {
            headers.push((name.to_owned(), value.into()));
        }
        self
    }

    /// Sets the body and its `Content-Type` (of a response; ignored by other kinds).
    pub fn body(mut self, content_type: &str, bytes: Vec<u8>) -> Reply {
        if let ReplyKind::Respond { headers, body, .. } = &mut self.kind {
            headers.retain(|(name, _)| !name.eq_ignore_ascii_case("content-type"));
            headers.push(("Content-Type".to_owned(), content_type.to_owned()));
            *body = bytes;
        }
        self
    }

    /// Sets a JSON body (`Content-Type: application/json`).
    pub fn with_json(self, body: &impl Serialize) -> Reply {
        let bytes = serde_json::to_vec(body).unwrap_or_default();
        self.body("application/json", bytes)
    }

    /// Waits this long before answering.
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    fn from(kind: ReplyKind) -> Reply {
        Reply { kind, delay: Duration::ZERO }
    }
}
