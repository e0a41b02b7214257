//! The request and response examples of a Graph reference page, read from `../shared`
//! (the seed pages), so the tests send exactly what the page shows.

use std::path::PathBuf;

use graphgen_runtime::serde_json::{self, Value};

/// One HTTP example block: a request (`POST https://graph.microsoft.com/beta/...`) or a
/// response (`HTTP/1.1 202 Accepted`).
#[derive(Debug, Clone)]
pub struct HttpExample {
    /// `POST` or `HTTP/1.1`.
    pub first: String,
    /// The URL, or the status code.
    pub second: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

impl HttpExample {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The request URL's path (`/beta/communications/...`).
    pub fn path(&self) -> &str {
        let rest = self.second.split_once("://").map_or(self.second.as_str(), |(_, rest)| rest);
        rest.find('/').map_or("/", |i| &rest[i..])
    }

    pub fn status(&self) -> u16 {
        self.second.parse().expect("a status code")
    }
}

/// The directory of the seed pages: `../shared/seeds` from the workspace root.
fn seeds_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.join("../shared/seeds")
}

/// The first request and response example of a seed page (`call-stoptranscription`).
pub fn seed_examples(page: &str) -> (HttpExample, HttpExample) {
    let path = seeds_dir().join(format!("{page}.md"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed page {} is needed: {e}", path.display()));
    (example_after(&text, "\"request\""), example_after(&text, "\"response\""))
}

/// The ```http block after the annotation whose blockType is `kind`.
fn example_after(text: &str, kind: &str) -> HttpExample {
    let annotation = text
        .find(&format!("\"blockType\": {kind}"))
        .unwrap_or_else(|| panic!("no {kind} annotation"));
    let rest = &text[annotation..];
    let start = rest.find("```http").expect("an http block") + "```http".len();
    let block = &rest[start..];
    let block = &block[..block.find("```").expect("a closed block")];
    let mut lines = block.trim().lines();
    let first_line = lines.next().expect("a first line");
    let (first, second) = first_line.split_once(' ').expect("METHOD URL or HTTP/1.1 STATUS");
    let second = second.split_whitespace().next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').expect("a header line");
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let body_text: String = lines.collect::<Vec<_>>().join("\n");
    let body = (!body_text.trim().is_empty())
        .then(|| serde_json::from_str(&body_text).expect("the example body is JSON"));
    HttpExample { first: first.to_owned(), second, headers, body }
}

/// The ```json block after `marker` in a seed page (the notification example).
pub fn seed_json_after(page: &str, marker: &str) -> Value {
    let path = seeds_dir().join(format!("{page}.md"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed page {} is needed: {e}", path.display()));
    let rest = &text[text.find(marker).unwrap_or_else(|| panic!("no {marker}"))..];
    let start = rest.find("```json").expect("a json block") + "```json".len();
    let block = &rest[start..];
    serde_json::from_str(&block[..block.find("```").expect("a closed block")])
        .expect("the example is JSON")
}
