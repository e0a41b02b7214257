//! HTTP/1.1 on the test server's sockets: reading one request, writing one scripted
//! reply (or a scripted fault), then closing. One request per connection keeps every
//! fault deterministic.

use std::time::{Duration, SystemTime};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::reply::{Reply, ReplyKind};

/// The largest request head the server reads.
const MAX_HEAD: usize = 64 * 1024;
/// How long the server waits for a request's bytes.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A request as the test server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The method, e.g. `POST`.
    pub method: String,
    /// The path as sent (percent-encoded), without the query.
    pub path: String,
    /// The query string as sent, if any.
    pub query: Option<String>,
    /// The headers, names lowercased, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// A header's value (the first, by case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// Reads one request; `Err` with a reason if the bytes are not one.
pub(crate) async fn read_request(stream: &mut TcpStream) -> Result<RecordedRequest, String> {
    tokio::time::timeout(READ_TIMEOUT, read_request_inner(stream))
        .await
        .map_err(|_| "timed out reading the request".to_owned())?
}

async fn read_request_inner(stream: &mut TcpStream) -> Result<RecordedRequest, String> {
    let mut buffer = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let read = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if read == 0 {
            return Err("connection closed before a complete request head".into());
        }
        buffer.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buffer).map_err(|e| e.to_string())? {
            httparse::Status::Partial if buffer.len() > MAX_HEAD => {
                return Err("request head too large".into());
            }
            httparse::Status::Partial => continue,
            httparse::Status::Complete(head_len) => {
                let target = request.path.unwrap_or("/");
                let (path, query) = match target.split_once('?') {
                    Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
                    None => (target.to_owned(), None),
                };
                let headers: Vec<(String, String)> = request
                    .headers
                    .iter()
                    .map(|h| {
                        (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned())
                    })
                    .collect();
                let mut recorded = RecordedRequest {
                    method: request.method.unwrap_or("").to_owned(),
                    path,
                    query,
                    headers,
                    body: buffer[head_len..].to_vec(),
                };
                if recorded.header("transfer-encoding").is_some() {
                    return Err(
                        "chunked request bodies are not supported by the test server".into()
                    );
                }
                let length = match recorded.header("content-length") {
                    Some(value) => value.trim().parse::<usize>().map_err(|e| e.to_string())?,
                    None => 0,
                };
                while recorded.body.len() < length {
                    let read = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
                    if read == 0 {
                        return Err("connection closed inside the request body".into());
                    }
                    recorded.body.extend_from_slice(&chunk[..read]);
                }
                recorded.body.truncate(length);
                return Ok(recorded);
            }
        }
    }
}

/// Writes `reply` to `request` (after its delay) and closes the connection. Errors
/// writing (the client gave up) are ignored.
pub(crate) async fn write_reply(
    stream: &mut TcpStream,
    request: &RecordedRequest,
    reply: Reply,
    request_id: &str,
) {
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let (status, mut headers, body, declared) = match reply.kind {
        ReplyKind::Drop => {
            let _ = stream.shutdown().await;
            return;
        }
        ReplyKind::Respond { status, headers, body } => {
            let len = body.len();
            (status, headers, body, Some(len))
        }
        ReplyKind::Framed { status, headers, body, content_length } => {
            (status, headers, body, content_length)
        }
        ReplyKind::GraphError { status, code, message, mut headers } => {
            let body = serde_json::json!({"error": {
                "code": code,
                "message": message,
                "innerError": {
                    "request-id": request_id,
                    "date": httpdate::fmt_http_date(SystemTime::now()),
                    "client-request-id": request.header("client-request-id").unwrap_or_default(),
                }
            }});
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
            let body = body.to_string().into_bytes();
            let len = body.len();
            (status, headers, body, Some(len))
        }
    };
    // Graph echoes client-request-id and names its own request-id on every response.
    if let Some(id) = request.header("client-request-id") {
        headers.push(("client-request-id".into(), id.to_owned()));
    }
    headers.push(("request-id".into(), request_id.to_owned()));
    headers.push(("Date".into(), httpdate::fmt_http_date(SystemTime::now())));
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in &headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(declared) = declared {
        head.push_str(&format!("Content-Length: {declared}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&body);
    let _ = stream.write_all(&bytes).await;
    let _ = stream.flush().await;
    let _ = stream.shutdown().await;
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
