//! `send_created`: a create answered by `201 Created` with the new resource's URL in
//! `Location`, with a body or without one.

use graphgen_runtime::serde_json::{Value, json};
use graphgen_runtime::testing::{GraphServer, Reply, Route};
use graphgen_runtime::{ApiVersion, Error, Method, Path, Request};

fn members(chat: &str) -> Path {
    Path::new().literal("chats").param(chat).literal("members")
}

/// Proves: adding a chat member (the page promises a `Location` and no body) gives the
/// member's URL, resolved against the request's URL, and no body; a body, where the
/// response has one, decodes as `T` beside the URL.
#[tokio::test]
async fn created_gives_the_location_and_the_body() {
    let server = GraphServer::start().await;
    let chat = "19:cf66807577b149cca1b7af0c32eec122@thread.v2";
    let wire = "/v1.0/chats/19:cf66807577b149cca1b7af0c32eec122@thread.v2/members";
    let member = json!({
        "@odata.type": "#microsoft.graph.aadUserConversationMember",
        "user@odata.bind": "https://graph.microsoft.com/v1.0/users/8b081ef6",
        "roles": ["owner"]
    });
    server.route(
        Route::new(Method::Post, wire)
            .expect_json(member.clone())
            .reply(Reply::status(201).header("Location", "members/MCMjMSMj")),
    );
    let flows = "/v1.0/identity/b2xUserFlows";
    let flow = json!({"id": "B2X_1_Partner", "userFlowType": "signUpOrSignIn"});
    server.route(Route::new(Method::Post, flows).reply(
        Reply::json(201, &flow).header("Location", server.url(&format!("{flows}/B2X_1_Partner"))),
    ));
    let client = server.client();

    let request = Request::new(Method::Post, ApiVersion::V1, members(chat)).json(&member).unwrap();
    let created = client.send_created::<Value>(request).await.unwrap();
    assert_eq!(created.body, None);
    let location = created.location.expect("a Location");
    // The relative reference replaces the last segment of the request's URL (whose
    // chat id the path encoded).
    let sent = "/v1.0/chats/19%3Acf66807577b149cca1b7af0c32eec122%40thread.v2/members";
    assert_eq!(location.as_str(), server.url(&format!("{sent}/MCMjMSMj")));

    let path = Path::new().literal("identity").literal("b2xUserFlows");
    let request = Request::new(Method::Post, ApiVersion::V1, path).json(&flow).unwrap();
    let created = client.send_created::<Value>(request).await.unwrap();
    let location = created.location.map(String::from);
    assert_eq!(location, Some(server.url(&format!("{flows}/B2X_1_Partner"))));
    assert_eq!(created.body, Some(flow));
    server.verify();
}

/// Proves: a body that is not the type asked for is a decode error naming the request,
/// not a handle with the body missing; an error status is Graph's error.
#[tokio::test]
async fn created_refuses_a_body_of_another_shape_and_errors() {
    #[derive(Debug, graphgen_runtime::serde::Deserialize)]
    #[serde(crate = "graphgen_runtime::serde")]
    #[allow(dead_code)]
    struct Flow {
        id: String,
    }
    let server = GraphServer::start().await;
    let flows = "/v1.0/identity/b2xUserFlows";
    server.route(
        Route::new(Method::Post, flows)
            .reply(Reply::json(201, &json!({"id": 7})).header("Location", "B2X_1_Partner"))
            .reply(Reply::graph_error(409, "Conflict", "A user flow with this id exists.")),
    );
    let client = server.client();
    let request = || {
        let path = Path::new().literal("identity").literal("b2xUserFlows");
        Request::new(Method::Post, ApiVersion::V1, path)
            .json(&json!({"id": "B2X_1_Partner"}))
            .unwrap()
    };
    let error = client.send_created::<Flow>(request()).await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(error.to_string().contains(flows), "{error}");
    let error = client.send_created::<Flow>(request()).await.unwrap_err();
    assert!(matches!(&error, Error::Graph { error, .. } if error.code == "Conflict"), "{error:?}");
    server.verify();
}
