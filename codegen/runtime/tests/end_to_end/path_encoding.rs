//! Property: whatever a path parameter holds, it stays one segment and decodes back.

use graphgen_runtime::{ApiVersion, Client, Error, Method, Path, Request};
use proptest::prelude::*;

fn percent_decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment).decode_utf8().expect("UTF-8").into_owned()
}

fn client() -> Client {
    Client::new("t").unwrap()
}

fn template(id: &str, other: &str) -> Path {
    Path::new()
        .literal("communications")
        .literal("calls")
        .param(id)
        .literal("participants")
        .param(other)
}

/// Any string, weighted towards the characters and values that break naive encoders.
fn parameter() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "(\\PC|[/?#%.\\ ;=&+'()$@:]){0,12}",
        1 => prop_oneof![Just(String::new()), Just(".".to_owned()), Just("..".to_owned())],
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any two strings as parameters: the path has exactly the template's 5 segments,
    /// and each parameter decodes back to itself; so does the URL the client sends to,
    /// unless the value is one the client refuses ("", ".", "..") before sending.
    #[test]
    fn any_parameter_stays_in_its_segment(id in parameter(), other in parameter()) {
        let path = template(&id, &other);
        let segments: Vec<String> = path.decoded_segments().collect();
        prop_assert_eq!(segments.len(), 5);
        prop_assert_eq!(&segments[2], &id);
        prop_assert_eq!(&segments[4], &other);

        let request = Request::new(Method::Get, ApiVersion::V1, path);
        let unsendable = |s: &str| matches!(s, "" | "." | "..");
        match client().url(&request) {
            Ok(url) => {
                prop_assert!(!unsendable(&id) && !unsendable(&other));
                prop_assert_eq!(url.host_str(), Some("graph.microsoft.com"));
                prop_assert_eq!(url.query(), None);
                prop_assert_eq!(url.fragment(), None);
                let sent: Vec<String> = url.path_segments().unwrap().map(percent_decode).collect();
                prop_assert_eq!(sent.len(), 6, "v1.0 + the template's 5 segments: {}", url);
                prop_assert_eq!(&sent[3], &id);
                prop_assert_eq!(&sent[5], &other);
            }
            Err(Error::InvalidPath { .. }) => prop_assert!(unsendable(&id) || unsendable(&other)),
            Err(other) => prop_assert!(false, "unexpected error {}", other),
        }
    }
}

#[test]
fn hostile_parameters_stay_put() {
    for id in [
        "a/b",
        "a?b=c",
        "a#frag",
        "100%",
        "../../me",
        "a b",
        "élève/日本",
        "%2E%2E",
        "..%2F",
        "\\..\\",
    ] {
        let request = Request::new(Method::Get, ApiVersion::V1, template(id, "x"));
        let url = client().url(&request).unwrap();
        let sent: Vec<String> = url.path_segments().unwrap().map(percent_decode).collect();
        assert_eq!(sent, ["v1.0", "communications", "calls", id, "participants", "x"], "{url}");
    }
}
