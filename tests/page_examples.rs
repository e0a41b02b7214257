//! Every calls-area action, driven by its own page: the generated function, given the
//! page's request example (its path parameters taken from the example URL, its JSON body
//! decoded into the generated request type), must send exactly that request to a
//! loopback Graph (method, path, `Authorization`, `Content-Type`, and a JSON body equal
//! to the example), which answers with the page's example response (status, `Location`
//! moved to the loopback host, body); the call must succeed.
//!
//! Both seed pages are among them (`beta/api/call-stoptranscription`,
//! `beta/api/call-cancelmediaprocessing`, distilled from `../shared/seeds`).

use std::future::Future;

use graphgen::spec::{ApiPage, ExampleBody, ExampleKind, HttpMethod, PageSpec, PathSegment};
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{Client, Method};
use graphgen_tests::workspace_root;
use msgraph_typed::{beta, v1};
use serde_json::Value;

/// The page's first request example and the response example after it.
struct PageExample {
    method: Method,
    /// The path as the example sends it, version segment included (`/beta/...`).
    path: String,
    /// Values of the operation's path parameters, in order, read off the example URL.
    ids: Vec<String>,
    body: Option<Value>,
    status: u16,
    location: Option<String>,
    response: Option<Value>,
}

fn load(spec_path: &str) -> ApiPage {
    let specs = workspace_root().join("specs");
    match graphgen::store::read_spec(&specs, spec_path).unwrap_or_else(|e| panic!("{e}")) {
        PageSpec::Api(api) => api,
        PageSpec::Resource(_) => panic!("{spec_path} is not an API page"),
    }
}

fn method(m: HttpMethod) -> Method {
    match m {
        HttpMethod::Get => Method::Get,
        HttpMethod::Post => Method::Post,
        HttpMethod::Put => Method::Put,
        HttpMethod::Patch => Method::Patch,
        HttpMethod::Delete => Method::Delete,
    }
}

/// `https://graph.microsoft.com/beta/a/b?x` -> `/beta/a/b`.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or(path)
}

fn example(spec_path: &str) -> PageExample {
    let page = load(spec_path);
    let at = page
        .examples
        .iter()
        .position(|e| e.kind == ExampleKind::Request && e.request.is_some())
        .unwrap_or_else(|| panic!("{spec_path}: no request example"));
    let request = page.examples[at].request.as_ref().unwrap();
    let path = url_path(&request.url).to_string();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').skip(1).collect();
    // The page's operation this URL addresses: same method, same number of segments,
    // the same literal segments.
    let op = page
        .operations
        .iter()
        .filter(|op| !op.deprecated && op.method == request.method)
        .find(|op| {
            op.segments.len() == segments.len()
                && op.segments.iter().zip(&segments).all(|(s, u)| match s {
                    // `microsoft.graph.sendDtmfTones` and `sendDtmfTones` name one action.
                    PathSegment::Literal { text } => {
                        let bare = |s: &str| {
                            s.strip_prefix("microsoft.graph.").unwrap_or(s).to_ascii_lowercase()
                        };
                        bare(text) == bare(u)
                    }
                    _ => true,
                })
        })
        .unwrap_or_else(|| panic!("{spec_path}: no operation matches {} {path}", request.method));
    let ids = op.path_params.iter().map(|p| segments[p.segment].to_string()).collect();
    let body = match &request.body {
        Some(ExampleBody::Json { value }) => Some(value.value()),
        Some(other) => panic!("{spec_path}: the request example is not valid JSON: {other:?}"),
        None => None,
    };
    let response = page.examples[at..]
        .iter()
        .find_map(|e| e.response.as_ref())
        .unwrap_or_else(|| panic!("{spec_path}: no response example"));
    let location = response
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("location"))
        .map(|(_, v)| url_path(v).to_string());
    let body_out = match &response.body {
        Some(ExampleBody::Json { value }) => Some(value.value()),
        // A trailing comma is the page's only mistake in a few responses (call-get,
        // create call): the loopback server sends the repaired JSON.
        Some(ExampleBody::InvalidJson { text, .. }) => {
            Some(serde_json::from_str(&graphgen::distill::strip_trailing_commas(text)).unwrap_or_else(|e| {
                panic!("{spec_path}: the response example is not JSON even without trailing commas: {e}")
            }))
        }
        _ => None,
    };
    PageExample {
        method: method(request.method),
        path,
        ids,
        body,
        status: response.status,
        location,
        response: body_out,
    }
}

/// Serve the page's exchange, make the call, check both sides.
async fn drive<T, F, Fut>(spec_path: &str, call: F)
where
    F: FnOnce(Client, Vec<String>, Option<Value>) -> Fut,
    Fut: Future<Output = graphgen_runtime::Result<T>>,
{
    let ex = example(spec_path);
    let server = GraphServer::start().await;
    let mut route = Route::new(ex.method, &ex.path);
    if let Some(body) = &ex.body {
        route = route.expect_json(body.clone());
    }
    let mut reply = match (&ex.response, ex.status) {
        (_, 204) => Reply::no_content(),
        (Some(body), status) => Reply::json(status, body),
        (None, status) => Reply::status(status),
    };
    if let Some(location) = &ex.location {
        reply = reply.header("Location", server.url(location));
    }
    server.route(route.reply(reply));
    let result = call(server.client(), ex.ids, ex.body).await;
    if let Err(e) = &result {
        panic!("{spec_path}: the generated call failed: {e}");
    }
    server.verify();
}

/// Decode the example body into the generated request type.
fn body<T: graphgen_runtime::serde::de::DeserializeOwned>(
    spec_path: &str,
    body: Option<Value>,
) -> T {
    let body = body.unwrap_or_else(|| panic!("{spec_path}: the example has no body"));
    serde_json::from_value(body).unwrap_or_else(|e| panic!("{spec_path}: example body: {e}"))
}

/// One test per page: `page!(test_name, "spec path", |client, ids, body| call)`.
macro_rules! page {
    ($name:ident, $spec:literal, |$c:ident, $ids:ident, $b:ident| {
        $(let $v:ident $(: $t:ty)? = $e:expr;)* $call:expr
    }) => {
        #[tokio::test(flavor = "current_thread")]
        async fn $name() {
            drive($spec, |$c, $ids, $b| async move {
                let _ = (&$b, &$ids);
                $(let $v $(: $t)? = $e;)*
                $call.await
            })
            .await;
        }
    };
}

// The seeds.
page!(seed_stop_transcription, "beta/api/call-stoptranscription.json", |c, ids, b| {
    let b: beta::requests::CallStopTranscriptionRequest = body("stopTranscription", b);
    beta::Graph::new(c).communications().call(&ids[0]).stop_transcription(&b)
});
page!(seed_cancel_media_processing, "beta/api/call-cancelmediaprocessing.json", |c, ids, b| {
    let b: beta::requests::CallCancelMediaProcessingRequest = body("cancelMediaProcessing", b);
    beta::Graph::new(c).communications().call(&ids[0]).cancel_media_processing(&b)
});

// beta
page!(beta_create_call, "beta/api/application-post-calls.json", |c, ids, b| {
    let b: beta::types::Call = body("create call", b);
    beta::Graph::new(c).communications().calls().create(&b)
});
page!(beta_add_large_gallery_view, "beta/api/call-addlargegalleryview.json", |c, ids, b| {
    let b = body("addLargeGalleryView", b);
    beta::Graph::new(c).communications().call(&ids[0]).add_large_gallery_view(&b)
});
page!(beta_answer, "beta/api/call-answer.json", |c, ids, b| {
    let b = body("answer", b);
    beta::Graph::new(c).communications().call(&ids[0]).answer(&b)
});
page!(
    beta_change_screen_sharing_role,
    "beta/api/call-changescreensharingrole.json",
    |c, ids, b| {
        let b = body("changeScreenSharingRole", b);
        beta::Graph::new(c).communications().call(&ids[0]).change_screen_sharing_role(&b)
    }
);
page!(beta_delete_call, "beta/api/call-delete.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).delete()
});
page!(beta_get_call, "beta/api/call-get.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).get()
});
page!(beta_keep_alive, "beta/api/call-keepalive.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).keep_alive()
});
page!(beta_list_audio_routing_groups, "beta/api/call-list-audioroutinggroups.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).audio_routing_groups().list()
});
page!(
    beta_list_content_sharing_sessions,
    "beta/api/call-list-contentsharingsessions.json",
    |c, ids, b| {
        beta::Graph::new(c).communications().call(&ids[0]).content_sharing_sessions().list()
    }
);
page!(beta_list_participants, "beta/api/call-list-participants.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).participants().list()
});
page!(beta_log_device_quality, "beta/api/call-logteleconferencedevicequality.json", |c, ids, b| {
    let b = body("logTeleconferenceDeviceQuality", b);
    beta::Graph::new(c).communications().calls().log_teleconference_device_quality(&b)
});
page!(beta_mute, "beta/api/call-mute.json", |c, ids, b| {
    let b = body("mute", b);
    beta::Graph::new(c).communications().call(&ids[0]).mute(&b)
});
page!(
    beta_create_audio_routing_group,
    "beta/api/call-post-audioroutinggroups.json",
    |c, ids, b| {
        let b: beta::types::AudioRoutingGroup = body("audioRoutingGroups", b);
        beta::Graph::new(c).communications().call(&ids[0]).audio_routing_groups().create(&b)
    }
);
page!(beta_record_response, "beta/api/call-record.json", |c, ids, b| {
    let b = body("recordResponse", b);
    beta::Graph::new(c).communications().call(&ids[0]).record_response(&b)
});
page!(beta_redirect, "beta/api/call-redirect.json", |c, ids, b| {
    let b = body("redirect", b);
    beta::Graph::new(c).communications().call(&ids[0]).redirect(&b)
});
page!(beta_reject, "beta/api/call-reject.json", |c, ids, b| {
    let b = body("reject", b);
    beta::Graph::new(c).communications().call(&ids[0]).reject(&b)
});
page!(beta_start_transcription, "beta/api/call-starttranscription.json", |c, ids, b| {
    let b = body("startTranscription", b);
    beta::Graph::new(c).communications().call(&ids[0]).start_transcription(&b)
});
page!(beta_stop_recording, "beta/api/call-stoprecording.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).stop_recording()
});
page!(beta_subscribe_to_tone, "beta/api/call-subscribetotone.json", |c, ids, b| {
    let b = body("subscribeToTone", b);
    beta::Graph::new(c).communications().call(&ids[0]).subscribe_to_tone(&b)
});
page!(beta_transfer, "beta/api/call-transfer.json", |c, ids, b| {
    let b = body("transfer", b);
    beta::Graph::new(c).communications().call(&ids[0]).transfer(&b)
});
page!(beta_unmute, "beta/api/call-unmute.json", |c, ids, b| {
    let b = body("unmute", b);
    beta::Graph::new(c).communications().call(&ids[0]).unmute(&b)
});
page!(beta_update_recording_status, "beta/api/call-updaterecordingstatus.json", |c, ids, b| {
    let b = body("updateRecordingStatus", b);
    beta::Graph::new(c).communications().call(&ids[0]).update_recording_status(&b)
});
page!(beta_configure_mixer, "beta/api/participant-configuremixer.json", |c, ids, b| {
    let b = body("configureMixer", b);
    beta::Graph::new(c).communications().call(&ids[0]).participants().configure_mixer(&b)
});
page!(beta_delete_participant, "beta/api/participant-delete.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).participant(&ids[1]).delete()
});
page!(beta_get_participant, "beta/api/participant-get.json", |c, ids, b| {
    beta::Graph::new(c).communications().call(&ids[0]).participant(&ids[1]).get()
});
page!(beta_invite, "beta/api/participant-invite.json", |c, ids, b| {
    let b = body("invite", b);
    beta::Graph::new(c).communications().call(&ids[0]).participants().invite(&b)
});
page!(beta_mute_participant, "beta/api/participant-mute.json", |c, ids, b| {
    let b = body("participant mute", b);
    beta::Graph::new(c).communications().call(&ids[0]).participant(&ids[1]).mute(&b)
});
page!(beta_mute_all, "beta/api/participant-muteall.json", |c, ids, b| {
    let b = body("muteAll", b);
    beta::Graph::new(c).communications().call(&ids[0]).participants().mute_all(&b)
});

// v1.0
page!(v1_create_call, "v1.0/api/application-post-calls.json", |c, ids, b| {
    let b: v1::types::Call = body("create call", b);
    v1::Graph::new(c).communications().calls().create(&b)
});
page!(v1_add_large_gallery_view, "v1.0/api/call-addlargegalleryview.json", |c, ids, b| {
    let b = body("addLargeGalleryView", b);
    v1::Graph::new(c).communications().call(&ids[0]).add_large_gallery_view(&b)
});
page!(v1_answer, "v1.0/api/call-answer.json", |c, ids, b| {
    let b = body("answer", b);
    v1::Graph::new(c).communications().call(&ids[0]).answer(&b)
});
page!(v1_cancel_media_processing, "v1.0/api/call-cancelmediaprocessing.json", |c, ids, b| {
    let b = body("cancelMediaProcessing", b);
    v1::Graph::new(c).communications().call(&ids[0]).cancel_media_processing(&b)
});
page!(v1_change_screen_sharing_role, "v1.0/api/call-changescreensharingrole.json", |c, ids, b| {
    let b = body("changeScreenSharingRole", b);
    v1::Graph::new(c).communications().call(&ids[0]).change_screen_sharing_role(&b)
});
page!(v1_delete_call, "v1.0/api/call-delete.json", |c, ids, b| {
    v1::Graph::new(c).communications().call(&ids[0]).delete()
});
page!(v1_get_call, "v1.0/api/call-get.json", |c, ids, b| {
    v1::Graph::new(c).communications().call(&ids[0]).get()
});
page!(v1_keep_alive, "v1.0/api/call-keepalive.json", |c, ids, b| {
    v1::Graph::new(c).communications().call(&ids[0]).keep_alive()
});
page!(
    v1_list_content_sharing_sessions,
    "v1.0/api/call-list-contentsharingsessions.json",
    |c, ids, b| {
        v1::Graph::new(c).communications().call(&ids[0]).content_sharing_sessions().list()
    }
);
page!(v1_list_participants, "v1.0/api/call-list-participants.json", |c, ids, b| {
    v1::Graph::new(c).communications().call(&ids[0]).participants().list()
});
page!(v1_log_device_quality, "v1.0/api/call-logteleconferencedevicequality.json", |c, ids, b| {
    let b = body("logTeleconferenceDeviceQuality", b);
    v1::Graph::new(c).communications().calls().log_teleconference_device_quality(&b)
});
page!(v1_mute, "v1.0/api/call-mute.json", |c, ids, b| {
    let b = body("mute", b);
    v1::Graph::new(c).communications().call(&ids[0]).mute(&b)
});
page!(v1_play_prompt, "v1.0/api/call-playprompt.json", |c, ids, b| {
    let b = body("playPrompt", b);
    v1::Graph::new(c).communications().call(&ids[0]).play_prompt(&b)
});
page!(v1_create_audio_routing_group, "v1.0/api/call-post-audioroutinggroups.json", |c, ids, b| {
    let b: v1::types::AudioRoutingGroup = body("audioRoutingGroups", b);
    v1::Graph::new(c).communications().call(&ids[0]).audio_routing_groups().create(&b)
});
page!(v1_record_response, "v1.0/api/call-record.json", |c, ids, b| {
    let b = body("recordResponse", b);
    v1::Graph::new(c).communications().call(&ids[0]).record_response(&b)
});
page!(v1_redirect, "v1.0/api/call-redirect.json", |c, ids, b| {
    let b = body("redirect", b);
    v1::Graph::new(c).communications().call(&ids[0]).redirect(&b)
});
page!(v1_reject, "v1.0/api/call-reject.json", |c, ids, b| {
    let b = body("reject", b);
    v1::Graph::new(c).communications().call(&ids[0]).reject(&b)
});
page!(v1_start_transcription, "v1.0/api/call-starttranscription.json", |c, ids, b| {
    let b = body("startTranscription", b);
    v1::Graph::new(c).communications().call(&ids[0]).start_transcription(&b)
});
page!(v1_stop_transcription, "v1.0/api/call-stoptranscription.json", |c, ids, b| {
    v1::Graph::new(c).communications().call(&ids[0]).stop_transcription()
});
page!(v1_subscribe_to_tone, "v1.0/api/call-subscribetotone.json", |c, ids, b| {
    let b = body("subscribeToTone", b);
    v1::Graph::new(c).communications().call(&ids[0]).subscribe_to_tone(&b)
});
page!(v1_transfer, "v1.0/api/call-transfer.json", |c, ids, b| {
    let b = body("transfer", b);
    v1::Graph::new(c).communications().call(&ids[0]).transfer(&b)
});
page!(v1_unmute, "v1.0/api/call-unmute.json", |c, ids, b| {
    let b = body("unmute", b);
    v1::Graph::new(c).communications().call(&ids[0]).unmute(&b)
});
page!(v1_update_recording_status, "v1.0/api/call-updaterecordingstatus.json", |c, ids, b| {
    let b = body("updateRecordingStatus", b);
    v1::Graph::new(c).communications().call(&ids[0]).update_recording_status(&b)
});
page!(v1_delete_participant, "v1.0/api/participant-delete.json", |c, ids, b| {
    v1::Graph::new(c).communications().call(&ids[0]).participant(&ids[1]).delete()
});
page!(v1_get_participant, "v1.0/api/participant-get.json", |c, ids, b| {
    v1::Graph::new(c).communications().call(&ids[0]).participant(&ids[1]).get()
});
page!(v1_invite, "v1.0/api/participant-invite.json", |c, ids, b| {
    let b = body("invite", b);
    v1::Graph::new(c).communications().call(&ids[0]).participants().invite(&b)
});
page!(v1_mute_participant, "v1.0/api/participant-mute.json", |c, ids, b| {
    let b = body("participant mute", b);
    v1::Graph::new(c).communications().call(&ids[0]).participant(&ids[1]).mute(&b)
});

/// Pages whose request example is not valid JSON on the page: they cannot drive a call.
/// Each must stay invalid (so this list shrinks when the docs are fixed).
const INVALID_REQUEST_EXAMPLES: &[&str] = &[
    "beta/api/call-playprompt.json",
    "beta/api/participant-startholdmusic.json",
    "beta/api/participant-stopholdmusic.json",
    "v1.0/api/participant-startholdmusic.json",
    "v1.0/api/participant-stopholdmusic.json",
];

#[test]
fn pages_left_out_have_invalid_request_examples() {
    for spec_path in INVALID_REQUEST_EXAMPLES {
        let page = load(spec_path);
        let request = page.examples.iter().find_map(|e| e.request.as_ref()).unwrap();
        assert!(
            matches!(request.body, Some(ExampleBody::InvalidJson { .. })),
            "{spec_path}: its request example is valid JSON now: add a page! case for it"
        );
    }
}

/// Pages whose request example contradicts the page's own table: the example cannot be
/// decoded into the request type the table describes. Each must keep failing.
const CONTRADICTING_REQUEST_EXAMPLES: &[&str] = &[
    // The table types `tones` as a toneInfo collection; the example sends tone names.
    "beta/api/call-senddtmftones.json",
    "v1.0/api/call-senddtmftones.json",
];

#[test]
fn pages_left_out_contradict_their_tables() {
    for spec_path in CONTRADICTING_REQUEST_EXAMPLES {
        let ex = example(spec_path);
        let decoded = match spec_path.starts_with("beta") {
            true => serde_json::from_value::<beta::requests::CallSendDtmfTonesRequest>(
                ex.body.clone().unwrap(),
            )
            .err(),
            false => serde_json::from_value::<v1::requests::CallSendDtmfTonesRequest>(
                ex.body.clone().unwrap(),
            )
            .err(),
        };
        assert!(decoded.is_some(), "{spec_path}: the example decodes now: add a page! case for it");
    }
}

/// Every calls-area API spec has a case above or is listed as invalid.
#[test]
fn every_calls_area_page_is_driven() {
    let source = include_str!("page_examples.rs");
    let mut missing = Vec::new();
    for version in ["beta", "v1.0"] {
        let dir = workspace_root().join("specs").join(version).join("api");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let spec_path = format!("{version}/api/{name}");
            if !source.contains(&format!("\"{spec_path}\"")) {
                missing.push(spec_path);
            }
        }
    }
    assert!(missing.is_empty(), "calls-area pages with no loopback case: {missing:#?}");
}
