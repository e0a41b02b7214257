//! The downstream crate calls what its build script generated.

use graphgen_runtime::Method;
use graphgen_runtime::serde_json::json;
use graphgen_runtime::testing::{GraphServer, Reply, Route};

#[tokio::test(flavor = "current_thread")]
async fn calls_the_generated_client() {
    let server = GraphServer::start().await;
    let location = server.url("/beta/communications/calls/c1/operations/o1");
    server.route(
        Route::new(Method::Post, "/beta/communications/calls/c1/microsoft.graph.StopTranscription")
            .expect_json(json!({"language": "en-us"}))
            .reply(Reply::accepted(location, None)),
    );
    graphgen_downstream::stop_transcription(server.client(), "c1").await.unwrap();
    server.verify();
}

/// Query parameters are typed: the required ones are arguments and reach the wire in
/// page order, the optional ones are set on the call and follow them when set, then
/// the node's options.
#[tokio::test(flavor = "current_thread")]
async fn query_parameters_are_arguments() {
    use graphgen_downstream::naming::v1::Graph;
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, "/v1.0/nodes/n%2F1/children")
            .reply(Reply::json(200, &json!({"value": []}))),
    );
    let options = graphgen_runtime::RequestOptions::new().top(5);
    let node = Graph::new(server.client()).with_options(options).node("n/1");
    let children = node.children();
    let page = children.list("2024-01-01T00:00:00Z", true, 2).await.unwrap();
    assert!(page.value.is_empty());
    // The optional ones are set on the call, in any order, and sent in the page's.
    let format = String::from("a b");
    children.list("x", false, 0).hidden(false).limit(-1).format(&format).await.unwrap();
    // The call can be kept and set later; awaited, it is a `Send` future (a
    // multi-threaded runtime can run it); `send` sends it too.
    fn send_future<F: std::future::Future + Send>(future: F) -> F {
        future
    }
    let call = children.list("y", true, 1);
    let call = call.limit(3);
    send_future(std::future::IntoFuture::into_future(call)).await.unwrap();
    children.list("z", true, 1).hidden(true).send().await.unwrap();
    // Parameters named like the call's own members or keywords.
    children.list("k", true, 1).send_2("s").node_2("n").r#type(true).self_("me").await.unwrap();
    let sent = server.requests_to(Method::Get, "/v1.0/nodes/n%2F1/children");
    let queries: Vec<_> = sent.iter().map(|r| r.query.as_deref()).collect();
    assert_eq!(
        queries,
        [
            Some("since=2024-01-01T00%3A00%3A00Z&body=true&depth=2&$top=5"),
            Some("since=x&body=false&depth=0&format=a%20b&limit=-1&hidden=false&$top=5"),
            Some("since=y&body=true&depth=1&limit=3&$top=5"),
            Some("since=z&body=true&depth=1&hidden=true&$top=5"),
            Some("since=k&body=true&depth=1&send=s&node=n&type=true&self=me&$top=5"),
        ]
    );
    server.verify();
}

/// A parameter the request line fills in (`/content?format={format}`) is required.
#[tokio::test(flavor = "current_thread")]
async fn a_request_line_parameter_is_required() {
    use graphgen_downstream::naming::v1::Graph;
    let server = GraphServer::start().await;
    server.route(
        Route::new(Method::Get, "/v1.0/drive/root:/a%2Fb.docx:/content")
            .reply(Reply::status(200).body("application/pdf", b"%PDF".to_vec())),
    );
    let content = Graph::new(server.client()).drive().root().item_path("a/b.docx").content();
    assert_eq!(content.get("pdf").await.unwrap(), b"%PDF");
    let sent = server.requests_to(Method::Get, "/v1.0/drive/root:/a%2Fb.docx:/content");
    assert_eq!(sent[0].query.as_deref(), Some("format=pdf"));
    server.verify();
}

#[test]
fn naming_edge_cases_round_trip() {
    use graphgen_downstream::naming::v1::types::{self, AnyMediaConfig, Node, VideoQuality};
    let json = json!({
        "id": "a", "ID": "b", "type": "t", "self": "s", "Self": 1, "crate": true,
        "super": 1.5, "async": "2024-01-01T00:00:00Z",
        "parent": {"id": "p", "children": [{"id": "c"}]},
        "quality": "Skype for business",
        "media": {"@odata.type": "#microsoft.graph.appHostedMediaConfig", "blob": "x"},
        "either": {"@odata.type": "#microsoft.graph.somethingElse", "k": 1},
        "meeting": {"@odata.type": "#microsoft.graph.tokenInfo", "token": "t"},
        "unlisted": [1, 2]
    });
    let node: Node = graphgen_runtime::serde_json::from_value(json.clone()).unwrap();
    assert_eq!(node.id_2.as_deref(), Some("b"));
    assert_eq!(node.self_2, Some(1));
    assert_eq!(node.quality, Some(VideoQuality::SkypeForBusiness));
    assert!(matches!(node.media, Some(AnyMediaConfig::AppHostedMediaConfig(_))));
    assert!(matches!(node.either, Some(AnyMediaConfig::Unknown(_))));
    assert!(matches!(node.meeting.as_deref(), Some(types::HolderOrTokenInfo::TokenInfo(_))));
    assert_eq!(
        node.parent.as_ref().unwrap().children.as_ref().unwrap()[0].id.as_deref(),
        Some("c")
    );
    assert_eq!(graphgen_runtime::serde_json::to_value(&node).unwrap(), json);
    assert_eq!(VideoQuality::from("8K"), VideoQuality::Unlisted("8K".into()));
}
