//! Property tests over what the generator produces.
//!
//! - **Paths**: for every operation template in `specs/` and in the naming fixture
//!   (literals, `{id}` parameters, OData functions, `root:{path}:` templates), any
//!   strings as its parameters give a path with exactly the template's segments, each
//!   decoding back to the template text with the values put in, and a URL (unless the
//!   runtime refuses a `""`, `.` or `..` segment) with the same segments under the
//!   version. The generated navigation (`.call(id).participant(id)`, the fixture's
//!   function and template segments) builds the same paths.
//! - **Request types**: for every request type of `msgraph-typed`, JSON shaped by the
//!   page's parameter types (and the types they reach, derived types with their
//!   `@odata.type`, members the docs do not list) deserializes; the value serializes to
//!   JSON text that deserializes back equal, and to the JSON it came from (numbers by
//!   value, `null` members as absent).

#[path = "properties/shapes.rs"]
mod shapes;

use std::collections::BTreeMap;

use graphgen::SpecSet;
use graphgen::catalog::Catalog;
use graphgen::spec::{ApiVersion, ArgValue, BodyKind, PathSegment, TypeExpr};
use graphgen_runtime::{Client, Error, FnArg, Method, Path, Request, TemplatePart};
use graphgen_tests::{examples, workspace_root};
use msgraph_typed::{beta, v1};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

// ---------------------------------------------------------------- paths

/// Any string, weighted towards what breaks naive encoders.
fn parameter() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "(\\PC|[/?#%.\\ ;=&+'()$@:{}|\\\\]){0,12}",
        1 => prop_oneof![Just(String::new()), Just(".".to_owned()), Just("..".to_owned())],
    ]
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

/// The pieces of a template segment's text: literal text and placeholders.
fn template_pieces(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        if open > 0 {
            out.push((false, rest[..open].to_string()));
        }
        out.push((true, rest[open + 1..open + close].to_string()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push((false, rest.to_string()));
    }
    out
}

/// Build the path of `segments` with `values` (one per placeholder, in order) the way
/// generated code does; returns it with each segment's expected decoded text.
fn build(segments: &[PathSegment], values: &[String]) -> (Path, Vec<String>) {
    let mut values = values.iter();
    let mut next = || values.next().expect("a value per placeholder").as_str();
    let mut path = Path::new();
    let mut expected = Vec::new();
    for segment in segments {
        match segment {
            PathSegment::Literal { text } => {
                path = path.literal(leak(text));
                expected.push(text.clone());
            }
            PathSegment::Param { .. } => {
                let value = next();
                path = path.param(value);
                expected.push(value.to_string());
            }
            PathSegment::Template { text, .. } => {
                let mut parts = Vec::new();
                let mut decoded = String::new();
                for (is_param, piece) in template_pieces(text) {
                    if is_param {
                        let value = next();
                        parts.push(TemplatePart::Value(value));
                        decoded.push_str(value);
                    } else {
                        parts.push(TemplatePart::Lit(leak(&piece)));
                        decoded.push_str(&piece);
                    }
                }
                path = path.template(&parts);
                expected.push(decoded);
            }
            PathSegment::Function { name, args } => {
                let mut built = Vec::new();
                let mut decoded = format!("{name}(");
                for (i, arg) in args.iter().enumerate() {
                    let arg_name = leak(arg.name.as_deref().unwrap_or(""));
                    if i > 0 {
                        decoded.push(',');
                    }
                    decoded.push_str(arg_name);
                    decoded.push('=');
                    match &arg.value {
                        ArgValue::Literal { text } => {
                            built.push((arg_name, FnArg::Literal(leak(text))));
                            decoded.push_str(text);
                        }
                        ArgValue::Param { quoted, .. } => {
                            let value = next();
                            if *quoted {
                                built.push((arg_name, FnArg::Str(value)));
                                decoded.push_str(&format!("'{}'", value.replace('\'', "''")));
                            } else {
                                built.push((arg_name, FnArg::Raw(value)));
                                decoded.push_str(value);
                            }
                        }
                    }
                }
                decoded.push(')');
                path = path.function(leak(name), &built);
                expected.push(decoded);
            }
        }
    }
    (path, expected)
}

fn placeholders(segments: &[PathSegment]) -> usize {
    segments
        .iter()
        .map(|s| match s {
            PathSegment::Param { .. } => 1,
            PathSegment::Template { text, .. } => {
                template_pieces(text).iter().filter(|(p, _)| *p).count()
            }
            PathSegment::Function { args, .. } => {
                args.iter().filter(|a| matches!(a.value, ArgValue::Param { .. })).count()
            }
            PathSegment::Literal { .. } => 0,
        })
        .sum()
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment).decode_utf8().expect("UTF-8").into_owned()
}

/// Whether a built segment is one the runtime refuses to send.
fn unsendable(decoded: &str) -> bool {
    matches!(decoded, "" | "." | "..")
}

/// Every distinct operation template of a spec folder, with its version.
fn templates(dir: &std::path::Path) -> BTreeMap<(ApiVersion, String), Vec<PathSegment>> {
    let (set, _) = SpecSet::load_dir(dir).unwrap();
    let mut out = BTreeMap::new();
    for (_, page) in set.api_pages() {
        for op in &page.operations {
            out.insert((page.version, op.path.clone()), op.segments.clone());
        }
    }
    out
}

/// Check one template with `values`: segments, decoding, and the URL sent.
fn check_path(
    version: ApiVersion,
    segments: &[PathSegment],
    values: &[String],
) -> Result<(), TestCaseError> {
    let (path, expected) = build(segments, values);
    let decoded: Vec<String> = path.decoded_segments().collect();
    prop_assert_eq!(&decoded, &expected, "path {}", path);
    let runtime_version = match version {
        ApiVersion::V1 => graphgen_runtime::ApiVersion::V1,
        ApiVersion::Beta => graphgen_runtime::ApiVersion::Beta,
    };
    let request = Request::new(Method::Get, runtime_version, path.clone());
    let client = Client::new("t").unwrap();
    let refused = expected.iter().any(|s| unsendable(s));
    match client.url(&request) {
        Ok(url) => {
            prop_assert!(!refused, "sent a path with an empty or dot segment: {}", url);
            prop_assert_eq!(url.query(), None);
            prop_assert_eq!(url.fragment(), None);
            let sent: Vec<String> = url.path_segments().unwrap().map(decode).collect();
            prop_assert_eq!(sent.len(), expected.len() + 1, "{}", url);
            prop_assert_eq!(&sent[1..], &expected[..], "{}", url);
        }
        Err(Error::InvalidPath { .. }) => prop_assert!(refused, "refused {}", path),
        Err(other) => prop_assert!(false, "unexpected error {}", other),
    }
    Ok(())
}

#[test]
fn any_parameter_keeps_every_template_intact() {
    let root = workspace_root();
    let mut all = templates(&root.join("specs"));
    all.extend(templates(&root.join("codegen/tests/fixtures/naming")));
    let kinds: Vec<&str> = all
        .values()
        .flatten()
        .map(|s| match s {
            PathSegment::Literal { .. } => "literal",
            PathSegment::Param { .. } => "param",
            PathSegment::Function { .. } => "function",
            PathSegment::Template { .. } => "template",
        })
        .collect();
    for kind in ["literal", "param", "function", "template"] {
        assert!(kinds.contains(&kind), "no {kind} segment among the templates");
    }
    for ((version, template), segments) in &all {
        let n = placeholders(segments);
        let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
        let strategy = proptest::collection::vec(parameter(), n..=n);
        runner
            .run(&strategy, |values| check_path(*version, segments, &values))
            .unwrap_or_else(|e| panic!("{template}: {e}"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The generated navigation builds the template's path: `/communications/calls/{id}
    /// /participants/{id}` in both versions.
    #[test]
    fn generated_navigation_encodes_like_the_template(id in parameter(), other in parameter()) {
        let client = Client::new("t").unwrap();
        let paths = [
            v1::Graph::new(client.clone()).communications().call(&id).participant(&other).path(),
            beta::Graph::new(client).communications().call(&id).participant(&other).path(),
        ];
        for path in paths {
            let decoded: Vec<String> = path.decoded_segments().collect();
            prop_assert_eq!(decoded, ["communications", "calls", &id, "participants", &other]);
        }
    }

    /// The naming fixture's function and template segments, through its generated
    /// navigation (compiled by the downstream crate).
    #[test]
    fn generated_function_and_template_segments(a in parameter(), b in parameter()) {
        use graphgen_downstream::naming::v1::Graph;
        let graph = Graph::new(Client::new("t").unwrap());
        let path = graph.drive().root().item_path(&a).content().path();
        let decoded: Vec<String> = path.decoded_segments().collect();
        prop_assert_eq!(decoded, ["drive".to_string(), "root:".into(), format!("{a}:"), "content".into()]);
        let path = graph.node(&a).range(&b).path();
        let decoded: Vec<String> = path.decoded_segments().collect();
        let range = format!("range(address='{}')", b.replace('\'', "''"));
        prop_assert_eq!(decoded, ["nodes".to_string(), a.clone(), range]);
    }
}

// ---------------------------------------------------------------- request types

type Check = fn(&Value) -> Result<(), TestCaseError>;

/// Decode `input` as `T`, encode it as JSON text, decode that again: equal values, and
/// JSON equal to the input.
fn check<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    input: &Value,
) -> Result<(), TestCaseError> {
    let value: T = serde_json::from_value(input.clone())
        .map_err(|e| TestCaseError::fail(format!("does not decode: {e}\n{input:#}")))?;
    let text = serde_json::to_string(&value).unwrap();
    let back: T = serde_json::from_str(&text)
        .map_err(|e| TestCaseError::fail(format!("its own JSON does not decode: {e}\n{text}")))?;
    prop_assert_eq!(&back, &value, "{}", text);
    let reencoded: Value = serde_json::from_str(&text).unwrap();
    if let Err(change) = examples::compare(input, &reencoded, false, "") {
        return Err(TestCaseError::fail(format!(
            "JSON changed at {change}:\n{input:#}\n->\n{reencoded:#}"
        )));
    }
    Ok(())
}

use ApiVersion::{Beta as BETA, V1};

/// Every request type of the generated crate, by page (what `requests::reserialize`
/// dispatches on; a test checks the list is complete).
const REQUEST_TYPES: &[(ApiVersion, &str, Check)] = &[
    (V1, "application-post-calls", check::<v1::types::Call>),
    (V1, "call-addlargegalleryview", check::<v1::requests::CallAddLargeGalleryViewRequest>),
    (V1, "call-answer", check::<v1::requests::CallAnswerRequest>),
    (V1, "call-cancelmediaprocessing", check::<v1::requests::CallCancelMediaProcessingRequest>),
    (V1, "call-changescreensharingrole", check::<v1::requests::CallChangeScreenSharingRoleRequest>),
    (
        V1,
        "call-logteleconferencedevicequality",
        check::<v1::requests::CallLogTeleconferenceDeviceQualityRequest>,
    ),
    (V1, "call-mute", check::<v1::requests::CallMuteRequest>),
    (V1, "call-playprompt", check::<v1::requests::CallPlayPromptRequest>),
    (V1, "call-post-audioroutinggroups", check::<v1::types::AudioRoutingGroup>),
    (V1, "call-record", check::<v1::requests::CallRecordResponseRequest>),
    (V1, "call-redirect", check::<v1::requests::CallRedirectRequest>),
    (V1, "call-reject", check::<v1::requests::CallRejectRequest>),
    (V1, "call-senddtmftones", check::<v1::requests::CallSendDtmfTonesRequest>),
    (V1, "call-starttranscription", check::<v1::requests::CallStartTranscriptionRequest>),
    (V1, "call-subscribetotone", check::<v1::requests::CallSubscribeToToneRequest>),
    (V1, "call-transfer", check::<v1::requests::CallTransferRequest>),
    (V1, "call-unmute", check::<v1::requests::CallUnmuteRequest>),
    (V1, "call-updaterecordingstatus", check::<v1::requests::CallUpdateRecordingStatusRequest>),
    (V1, "participant-invite", check::<v1::requests::ParticipantInviteRequest>),
    (V1, "participant-mute", check::<v1::requests::ParticipantMuteRequest>),
    (V1, "participant-startholdmusic", check::<v1::requests::ParticipantStartHoldMusicRequest>),
    (V1, "participant-stopholdmusic", check::<v1::requests::ParticipantStopHoldMusicRequest>),
    (BETA, "application-post-calls", check::<beta::types::Call>),
    (BETA, "call-addlargegalleryview", check::<beta::requests::CallAddLargeGalleryViewRequest>),
    (BETA, "call-answer", check::<beta::requests::CallAnswerRequest>),
    (BETA, "call-cancelmediaprocessing", check::<beta::requests::CallCancelMediaProcessingRequest>),
    (
        BETA,
        "call-changescreensharingrole",
        check::<beta::requests::CallChangeScreenSharingRoleRequest>,
    ),
    (
        BETA,
        "call-logteleconferencedevicequality",
        check::<beta::requests::CallLogTeleconferenceDeviceQualityRequest>,
    ),
    (BETA, "call-mute", check::<beta::requests::CallMuteRequest>),
    (BETA, "call-playprompt", check::<beta::requests::CallPlayPromptRequest>),
    (BETA, "call-post-audioroutinggroups", check::<beta::types::AudioRoutingGroup>),
    (BETA, "call-record", check::<beta::requests::CallRecordResponseRequest>),
    (BETA, "call-redirect", check::<beta::requests::CallRedirectRequest>),
    (BETA, "call-reject", check::<beta::requests::CallRejectRequest>),
    (BETA, "call-senddtmftones", check::<beta::requests::CallSendDtmfTonesRequest>),
    (BETA, "call-starttranscription", check::<beta::requests::CallStartTranscriptionRequest>),
    (BETA, "call-stoptranscription", check::<beta::requests::CallStopTranscriptionRequest>),
    (BETA, "call-subscribetotone", check::<beta::requests::CallSubscribeToToneRequest>),
    (BETA, "call-transfer", check::<beta::requests::CallTransferRequest>),
    (BETA, "call-unmute", check::<beta::requests::CallUnmuteRequest>),
    (BETA, "call-updaterecordingstatus", check::<beta::requests::CallUpdateRecordingStatusRequest>),
    (BETA, "participant-configuremixer", check::<beta::requests::ParticipantConfigureMixerRequest>),
    (BETA, "participant-invite", check::<beta::requests::ParticipantInviteRequest>),
    (BETA, "participant-mute", check::<beta::requests::ParticipantMuteRequest>),
    (BETA, "participant-muteall", check::<beta::requests::ParticipantMuteAllRequest>),
    (BETA, "participant-startholdmusic", check::<beta::requests::ParticipantStartHoldMusicRequest>),
    (BETA, "participant-stopholdmusic", check::<beta::requests::ParticipantStopHoldMusicRequest>),
];

/// The pages `requests::reserialize` of a generated version module dispatches on.
fn reserialize_pages(version_dir: &str) -> Vec<String> {
    let path = workspace_root()
        .join("generated/src")
        .join(version_dir)
        .join("requests/reserialize_registry.rs");
    let text = std::fs::read_to_string(path).unwrap();
    let mut pages = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some((page, tail)) = line.strip_prefix('"').and_then(|r| r.split_once('"'))
            && tail.trim_start().starts_with("=>")
        {
            pages.push(page.to_string());
        }
    }
    pages
}

#[test]
fn every_request_type_is_covered() {
    for (version, dir) in [(V1, "v1"), (BETA, "beta")] {
        let mut listed: Vec<String> = REQUEST_TYPES
            .iter()
            .filter(|(v, ..)| *v == version)
            .map(|(_, page, _)| page.to_string())
            .collect();
        let mut generated = reserialize_pages(dir);
        listed.sort();
        generated.sort();
        assert!(!generated.is_empty());
        assert_eq!(listed, generated, "REQUEST_TYPES is out of date for {dir}");
    }
}

#[test]
fn request_types_round_trip() {
    let (set, _) = SpecSet::load_dir(&workspace_root().join("specs")).unwrap();
    let catalog = Catalog::new(set.resource_pages().map(|(_, page)| page));
    for (version, stem, check) in REQUEST_TYPES {
        let page = set
            .api_pages()
            .map(|(_, page)| page)
            .find(|p| p.version == *version && p.stem == *stem)
            .unwrap_or_else(|| panic!("no spec for {stem}"));
        let shapes = shapes::Shapes::new(&catalog, *version);
        let strategy = match &page.request_body.kind {
            BodyKind::Resource { type_expr } => shapes.value(type_expr, 0),
            _ => {
                let members: Vec<(&str, &TypeExpr)> = page
                    .request_body
                    .params
                    .iter()
                    .map(|p| (p.name.as_str(), &p.type_expr))
                    .collect();
                shapes.object(&members, 0)
            }
        };
        let mut runner = TestRunner::new(Config { cases: 128, ..Config::default() });
        runner
            .run(&strategy, |json| check(&json))
            .unwrap_or_else(|e| panic!("{} {stem}: {e}", version.as_str()));
    }
}
