//! The two seed pages the project started from: their specs must be exactly right.
//! Snapshots pin every fact; the assertions below name the ones the project relies on,
//! so a snapshot accepted by mistake still fails here.

use std::path::{Path, PathBuf};

use graphgen::distill::{self, DistillOptions};
use graphgen::source::DocSource;
use graphgen::spec::{
    ApiPage, ApiVersion, DiagnosticKind, ExampleBody, ExampleKind, HttpMethod, JsonText, PageSpec,
    PathSegment, PermissionKind, PermissionSource, PermissionValue, Primitive, TypeExpr,
    VersionSource,
};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

fn distill_seed(name: &str) -> ApiPage {
    let source = DocSource::open(&shared().join("seeds")).expect("../shared/seeds is readable");
    let page = distill::page(&source, name, &DistillOptions::default()).expect("seed distills");
    match page.spec {
        PageSpec::Api(api) => api,
        PageSpec::Resource(_) => panic!("{name} is an API page"),
    }
}

#[test]
fn cancel_media_processing_snapshot() {
    let spec = distill_seed("call-cancelmediaprocessing.md");
    insta::assert_snapshot!("call-cancelmediaprocessing", PageSpec::Api(spec).to_json());
}

#[test]
fn stop_transcription_snapshot() {
    let spec = distill_seed("call-stoptranscription.md");
    insta::assert_snapshot!("call-stoptranscription", PageSpec::Api(spec).to_json());
}

#[test]
fn cancel_media_processing_facts() {
    let s = distill_seed("call-cancelmediaprocessing.md");
    assert_eq!(s.version, ApiVersion::Beta);
    assert_eq!(s.version_source, VersionSource::BetaDisclaimer);
    assert_eq!(
        (s.resource.as_deref(), s.action.as_deref()),
        (Some("call"), Some("cancelMediaProcessing"))
    );

    // Two paths, the /app alias deprecated with the page's note.
    assert_eq!(s.operations.len(), 2);
    let (app, comms) = (&s.operations[0], &s.operations[1]);
    assert_eq!(app.method, HttpMethod::Post);
    assert_eq!(app.path, "/app/calls/{id}/cancelMediaProcessing");
    assert!(app.deprecated);
    assert!(app.deprecation_note.as_deref().unwrap().contains("/app"));
    assert_eq!(comms.path, "/communications/calls/{id}/cancelMediaProcessing");
    assert!(!comms.deprecated);
    assert_eq!(comms.path_params[0].name, "id");
    assert_eq!(comms.segments[2], PathSegment::Param { name: "id".into() });

    // Body: all: Boolean, clientContext: String.
    let params: Vec<_> =
        s.request_body.params.iter().map(|p| (p.name.as_str(), p.type_expr.clone())).collect();
    assert_eq!(
        params,
        [
            ("all", TypeExpr::primitive(Primitive::Boolean)),
            ("clientContext", TypeExpr::primitive(Primitive::String))
        ]
    );

    // Permissions: delegated not supported (distinct from not stated), application none.
    assert!(matches!(s.permissions.source, PermissionSource::Inline { .. }));
    let rows: Vec<_> = s.permissions.rows.iter().map(|r| (r.kind, r.value.clone())).collect();
    assert_eq!(
        rows,
        [
            (PermissionKind::DelegatedWork, PermissionValue::NotSupported),
            (PermissionKind::DelegatedPersonal, PermissionValue::NotSupported),
            (PermissionKind::Application, PermissionValue::NoneRequired),
        ]
    );

    // Response: 202 + Location to a commsOperation; the example says 200: a conflict.
    assert_eq!(s.response.status_codes[0].code, 202);
    let location = s.response.location.as_ref().expect("Location header");
    assert_eq!(
        location.type_expr,
        Some(TypeExpr::named("commsOperation", Some("commsoperation".into())))
    );
    let conflict = s
        .diagnostics
        .iter()
        .find(|d| d.kind == DiagnosticKind::StatusConflict)
        .expect("202 vs 200");
    assert!(conflict.message.contains("202") && conflict.message.contains("200"));

    // Examples: request body, 200 response with Location, the webhook notification.
    let kinds: Vec<_> = s.examples.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [ExampleKind::Request, ExampleKind::Response, ExampleKind::Notification]);
    let request = s.examples[0].request.as_ref().unwrap();
    assert_eq!(
        request.body,
        Some(ExampleBody::Json {
            value: JsonText::from_value(
                &serde_json::json!({"all": true, "clientContext": "clientContext-value"})
            )
        })
    );
    let response = s.examples[1].response.as_ref().unwrap();
    assert_eq!(response.status, 200);
    assert!(response.headers.iter().any(|(n, v)| n == "Location" && v.contains("/operations/")));
    assert!(s.examples[1].annotation.as_ref().unwrap().truncated);
    let notification = &s.examples[2];
    assert_eq!(
        notification.annotation.as_ref().unwrap().odata_type.as_deref(),
        Some("microsoft.graph.commsNotifications")
    );
    assert_eq!(notification.request.as_ref().unwrap().url, "https://bot.contoso.com/api/calls");
    let Some(ExampleBody::Json { value }) = &notification.body else { panic!("notification JSON") };
    assert_eq!(value.value()["value"][0]["resourceData"]["status"], "completed");
}

#[test]
fn stop_transcription_facts() {
    let s = distill_seed("call-stoptranscription.md");
    assert_eq!(s.version, ApiVersion::Beta);
    assert_eq!(s.front_matter.date.as_deref(), Some("11/15/2024"));
    assert_eq!(s.operations.len(), 1);
    let op = &s.operations[0];
    assert_eq!(op.path, "/communications/calls/{id}/microsoft.graph.StopTranscription");
    assert_eq!(
        op.segments[3],
        PathSegment::Literal { text: "microsoft.graph.StopTranscription".into() }
    );
    let language = &s.request_body.params[0];
    assert_eq!(
        (language.name.as_str(), &language.type_expr),
        ("language", &TypeExpr::primitive(Primitive::String))
    );
    assert_eq!(s.response.status_codes[0].code, 202);
    assert_eq!(
        s.response.body.as_ref().unwrap().type_expr,
        TypeExpr::named("stopTranscriptionOperation", Some("stoptranscriptionoperation".into()))
    );
    // The permissions include is recorded; beside the seed it cannot be resolved.
    let PermissionSource::Include { target, resolved, line, .. } = &s.permissions.source else {
        panic!("permissions come from an include")
    };
    assert_eq!(target, "../includes/permissions/call-stoptranscription-permissions.md");
    assert!(!resolved);
    assert_eq!(*line, 26);
    assert!(
        s.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::UnresolvedInclude && d.line == Some(26))
    );
    let headers: Vec<_> = s.request_headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(headers, ["Authorization", "Content-type"]);
    let response = s.examples.iter().find_map(|e| e.response.as_ref()).unwrap();
    assert_eq!(response.status, 202);
}

/// The same page inside a docs tree that has its include: the table is read.
#[test]
fn stop_transcription_include_resolves_when_present() {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("api-reference/beta/api");
    let perms = dir.path().join("api-reference/beta/includes/permissions");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::create_dir_all(&perms).unwrap();
    std::fs::copy(
        shared().join("seeds/call-stoptranscription.md"),
        api.join("call-stoptranscription.md"),
    )
    .unwrap();
    std::fs::write(
        perms.join("call-stoptranscription-permissions.md"),
        "---\ndescription: \"Automatically generated file. DO NOT MODIFY\"\n---\n\n|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Delegated (work or school account)|Not supported.|Not supported.|\n|Delegated (personal Microsoft account)|Not supported.|Not supported.|\n|Application|Calls.AccessMedia.All|Not available.|\n",
    )
    .unwrap();
    let source = DocSource::open(dir.path()).unwrap();
    let page = distill::page(
        &source,
        "api-reference/beta/api/call-stoptranscription.md",
        &DistillOptions::default(),
    )
    .unwrap();
    let PageSpec::Api(s) = page.spec else { panic!() };
    assert_eq!(s.version_source, VersionSource::Path);
    let PermissionSource::Include { resolved, path, .. } = &s.permissions.source else { panic!() };
    assert!(resolved);
    assert_eq!(
        path.as_deref(),
        Some("api-reference/beta/includes/permissions/call-stoptranscription-permissions.md")
    );
    assert_eq!(s.permissions.rows.len(), 3);
    assert_eq!(
        s.permissions.rows[2].value,
        PermissionValue::Scopes {
            least_privileged: vec!["Calls.AccessMedia.All".into()],
            higher_privileged: vec![]
        }
    );
    assert!(
        page.includes.contains(
            "api-reference/beta/includes/permissions/call-stoptranscription-permissions.md"
        )
    );
    assert!(
        !s.diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::UnresolvedInclude && d.line == Some(26))
    );
}
