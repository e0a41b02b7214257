//! What the `metrics` feature counts: each call with its method, final status and
//! result, each response, each retry with its reason and wait, each refused token;
//! never a URL, query or token as a label.

use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route, TEST_TOKEN};
use graphgen_runtime::{Client, Method};
use metrics_util::MetricKind;
use metrics_util::debugging::{DebugValue, DebuggingRecorder, Snapshotter};

use crate::faults::get_me;
use crate::{drop_refuse_answer, quick_retries, unused_addr};

/// A recorder to install for the current thread, and what reads it.
fn recorder() -> (DebuggingRecorder, Snapshotter) {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    (recorder, snapshotter)
}

/// One metric as recorded: kind, name, labels (sorted) and value.
#[derive(Debug)]
struct Recorded {
    kind: MetricKind,
    name: String,
    labels: Vec<(String, String)>,
    value: DebugValue,
}

/// Everything recorded so far.
fn recorded(snapshotter: &Snapshotter) -> Vec<Recorded> {
    snapshotter
        .snapshot()
        .into_vec()
        .into_iter()
        .map(|(key, _, _, value)| {
            let (kind, key) = key.into_parts();
            let mut labels: Vec<(String, String)> =
                key.labels().map(|l| (l.key().to_owned(), l.value().to_owned())).collect();
            labels.sort();
            Recorded { kind, name: key.name().to_owned(), labels, value }
        })
        .collect()
}

/// The counter `name` with exactly `labels` (any order), if recorded.
fn counter(all: &[Recorded], name: &str, labels: &[(&str, &str)]) -> Option<u64> {
    find(all, MetricKind::Counter, name, labels).map(|r| match r.value {
        DebugValue::Counter(n) => n,
        ref other => panic!("{name} is not a counter: {other:?}"),
    })
}

/// The samples of histogram `name` with exactly `labels`.
fn samples(all: &[Recorded], name: &str, labels: &[(&str, &str)]) -> Vec<f64> {
    match find(all, MetricKind::Histogram, name, labels).map(|r| &r.value) {
        Some(DebugValue::Histogram(values)) => values.iter().map(|v| v.0).collect(),
        Some(other) => panic!("{name} is not a histogram: {other:?}"),
        None => Vec::new(),
    }
}

fn find<'a>(
    all: &'a [Recorded],
    kind: MetricKind,
    name: &str,
    labels: &[(&str, &str)],
) -> Option<&'a Recorded> {
    let mut wanted: Vec<(String, String)> =
        labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    wanted.sort();
    all.iter().find(|r| r.kind == kind && r.name == name && r.labels == wanted)
}

/// Proves: a call throttled once (503) then answered is one request (`GET`, `200`,
/// `ok`) with one duration, two responses (503, 200) and one retry for `503` with its
/// wait; a call answered 404 with a Graph error is a request with result `graph`; no
/// label holds the URL, the query or the token.
#[tokio::test(flavor = "current_thread")]
async fn calls_responses_and_retries_are_counted() {
    let (recorder, snapshotter) = recorder();
    let _guard = ::metrics::set_default_local_recorder(&recorder);

    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, "/v1.0/me")
            .reply(Reply::graph_error(503, "serviceNotAvailable", "try later"))
            .reply(Reply::json(200, &json!({"id": "me"})))
            .reply(Reply::graph_error(404, "Request_ResourceNotFound", "no such user")),
    );
    let client = server.client_builder().retry(quick_retries()).build().unwrap();
    let me = get_me().query("$filter", "displayName eq 'Ada'");
    let user: Value = client.send_json(me).await.unwrap();
    assert_eq!(user["id"], "me");
    let error = client.send_json::<Value>(get_me()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    server.verify();

    let all = recorded(&snapshotter);
    let ok = [("method", "GET"), ("status", "200"), ("result", "ok")];
    assert_eq!(counter(&all, "graph_client_requests_total", &ok), Some(1), "{all:#?}");
    let not_found = [("method", "GET"), ("status", "404"), ("result", "graph")];
    assert_eq!(counter(&all, "graph_client_requests_total", &not_found), Some(1), "{all:#?}");
    let durations = samples(
        &all,
        "graph_client_request_duration_seconds",
        &[("method", "GET"), ("result", "ok")],
    );
    assert_eq!(durations.len(), 1, "{all:#?}");
    assert!(durations[0] > 0.0 && durations[0] < 10.0, "{durations:?}");
    for status in ["503", "200", "404"] {
        let n = counter(&all, "graph_client_responses_total", &[("status", status)]);
        assert_eq!(n, Some(1), "responses with status {status}: {all:#?}");
    }
    assert_eq!(counter(&all, "graph_client_retries_total", &[("reason", "503")]), Some(1));
    let waits = samples(&all, "graph_client_retry_delay_seconds", &[("reason", "503")]);
    assert_eq!(waits.len(), 1, "{all:#?}");
    assert!(waits[0] < 1.0, "a quick retry waits milliseconds: {waits:?}");
    assert_eq!(counter(&all, "graph_client_token_refusals_total", &[]), None);

    for r in &all {
        for (key, value) in &r.labels {
            for secret in ["/", "me", "Ada", "filter", TEST_TOKEN] {
                assert!(
                    !value.contains(secret),
                    "{}: label {key}={value} holds `{secret}`",
                    r.name
                );
            }
        }
    }
}

/// Proves: a dropped connection on a GET is a retry for `interrupted`, and a refused
/// token a token refusal; a call that never reaches a server is a request with status
/// `none` and result `transport`, after its retries for `connect`.
#[tokio::test(flavor = "current_thread")]
async fn transport_failures_and_refused_tokens_are_counted() {
    let (recorder, snapshotter) = recorder();
    let _guard = ::metrics::set_default_local_recorder(&recorder);

    let server = GraphServer::start().await;
    let client = drop_refuse_answer(&server);
    let _: Value = client.send_json(get_me()).await.unwrap();
    server.verify();

    // Nothing listens on this port: every attempt fails to connect.
    let nowhere = Client::builder()
        .base_url(format!("http://{}", unused_addr()).parse().unwrap())
        .token("t")
        .retry(quick_retries().max_retries(2))
        .build()
        .unwrap();
    nowhere.send_json::<Value>(get_me()).await.unwrap_err();

    let all = recorded(&snapshotter);
    assert_eq!(counter(&all, "graph_client_retries_total", &[("reason", "interrupted")]), Some(1));
    assert_eq!(counter(&all, "graph_client_token_refusals_total", &[]), Some(1), "{all:#?}");
    for status in ["401", "200"] {
        let n = counter(&all, "graph_client_responses_total", &[("status", status)]);
        assert_eq!(n, Some(1), "responses with status {status}: {all:#?}");
    }
    let ok = [("method", "GET"), ("status", "200"), ("result", "ok")];
    assert_eq!(counter(&all, "graph_client_requests_total", &ok), Some(1), "{all:#?}");
    assert_eq!(counter(&all, "graph_client_retries_total", &[("reason", "connect")]), Some(2));
    let failed = [("method", "GET"), ("status", "none"), ("result", "transport")];
    assert_eq!(counter(&all, "graph_client_requests_total", &failed), Some(1), "{all:#?}");
}
