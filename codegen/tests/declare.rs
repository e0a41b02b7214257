//! Declared actions (`graphgen::declare`, the body of the `action!` proc-macro):
//!
//! - the expansion of a declaration, formatted, is byte for byte the `mod.rs` that
//!   `graphgen generate --root inline` writes for the equivalent specs (the declared
//!   API specs beside the resource specs of `specs/`), inside the `mod` it names;
//! - declarations become the specs their doc pages would distill to;
//! - each mistake is an error at the offending token, with its message.
//!
//! The compile-fail side (the messages as the compiler shows them) is pinned by the
//! trybuild tests of `graphgen-macros`.

use std::path::{Path, PathBuf};
use std::process::Command;

use graphgen::declare::{self, Context, Resources};
use graphgen::emit::{self, TokenFile};
use graphgen::spec::{
    ApiVersion, BodyKind, HttpMethod, PageSpec, PathSegment, PermissionKind, PermissionValue,
    Primitive, Requirement, TypeExpr,
};
use proc_macro2::TokenStream;
use quote::quote;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn resources() -> Resources {
    Resources::load_dir(&repo().join("specs"), "specs/").unwrap().0
}

/// Expand `input` as the proc-macro does (manifest dir: the repository root) and check
/// every module it declares against `graphgen generate --root inline`.
fn expansion_equals_generate(input: TokenStream) -> declare::Declaration {
    let resources = resources();
    let root = repo();
    let ctx = Context { manifest_dir: &root, resources: &resources };
    let declaration = declare::declare(input.clone(), &ctx).unwrap();
    let expansion = declare::expand(input, &ctx);
    let file: syn::File = syn::parse2(expansion).expect("the expansion parses as items");
    assert!(!declaration.modules.is_empty());
    for module in &declaration.modules {
        let item = file
            .items
            .iter()
            .find_map(|item| match item {
                syn::Item::Mod(m) if m.ident == module.name => Some(m),
                _ => None,
            })
            .unwrap_or_else(|| panic!("the expansion declares `mod {}`", module.name));
        let items = &item.content.as_ref().expect("an inline module").1;
        let tokens = quote!(#(#items)*);
        let formatted = emit::format_file(&TokenFile {
            path: "mod.rs".into(),
            sources: "specs/".into(),
            tokens,
        })
        .unwrap()
        .contents;

        // The equivalent specs folder: the declared specs as JSON files, next to the
        // resource specs of `specs/` (copied as they are).
        let dir = tempfile::tempdir().unwrap();
        let specs = dir.path().join("specs");
        for version in ["v1.0", "beta"] {
            let from = repo().join("specs").join(version).join("resources");
            let to = specs.join(version).join("resources");
            std::fs::create_dir_all(&to).unwrap();
            for entry in std::fs::read_dir(&from).unwrap() {
                let path = entry.unwrap().path();
                std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            }
        }
        for page in &module.pages {
            let spec = PageSpec::Api(page.clone());
            let path = specs.join(spec.spec_path());
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, spec.to_json()).unwrap();
        }
        let out = dir.path().join("out");
        let status = Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .args(["generate", "--root", "inline", "--specs"])
            .arg(&specs)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        let written: Vec<_> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(written, ["mod.rs"], "--root inline writes one file");
        let cli = std::fs::read_to_string(out.join("mod.rs")).unwrap();
        if formatted != cli {
            let diff = similar_diff(&cli, &formatted);
            panic!(
                "module `{}`: the expansion differs from graphgen generate:\n{diff}",
                module.name
            );
        }
    }
    declaration
}

fn similar_diff(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(5)
        .map(|(i, (x, y))| format!("line {}:\n  generate: {x}\n  macro:    {y}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_example_expands_to_what_generate_writes() {
    let declaration = expansion_equals_generate(quote! {
        /// Start the transcription of a call.
        #[beta]
        POST "/communications/calls/{id}/startTranscription" => start_transcription {
            path {
                /// The call's id.
                id
            }
            permissions {
                delegated_work: not_supported,
                delegated_personal: not_supported,
                application: "Calls.AccessMedia.All",
            }
            body {
                /// The language of the transcription (`en-us`).
                language: String,
                /// Echoed in the notifications about the operation.
                clientContext?: String,
            }
            returns 202 startTranscriptionOperation;
        }
    });
    let page = &declaration.modules[0].pages[0];
    assert_eq!(page.stem, "call-starttranscription");
    assert_eq!(page.title, "call: startTranscription");
    assert_eq!(page.version, ApiVersion::Beta);
    let op = &page.operations[0];
    assert_eq!(op.method, HttpMethod::Post);
    assert_eq!(
        op.segments,
        [
            PathSegment::Literal { text: "communications".into() },
            PathSegment::Literal { text: "calls".into() },
            PathSegment::Param { name: "id".into() },
            PathSegment::Literal { text: "startTranscription".into() },
        ]
    );
    assert_eq!(page.request_body.kind, BodyKind::Parameters);
    let params: Vec<_> =
        page.request_body.params.iter().map(|p| (p.name.as_str(), p.required)).collect();
    assert_eq!(
        params,
        [("language", Requirement::Required), ("clientContext", Requirement::Optional)]
    );
    assert_eq!(page.response.status_codes[0].code, 202);
    assert_eq!(
        page.response.body.as_ref().unwrap().type_expr,
        TypeExpr::named("startTranscriptionOperation", None)
    );
    let rows: Vec<_> = page.permissions.rows.iter().map(|r| (r.kind, r.value.clone())).collect();
    assert_eq!(rows[2].0, PermissionKind::Application);
    assert_eq!(
        rows[2].1,
        PermissionValue::Scopes {
            least_privileged: vec!["Calls.AccessMedia.All".into()],
            higher_privileged: vec![]
        }
    );
}

#[test]
fn a_module_of_several_actions_and_versions_expands_to_what_generate_writes() {
    let declaration = expansion_equals_generate(quote! {
        /// List the participants of a call.
        GET "/communications/calls/{id}/participants" => calls {
            path { id }
            returns 200 collection(participant);
            permissions { application: "Calls.JoinGroupCall.All" | "Calls.InitiateGroupCall.All" (higher: "Calls.AccessMedia.All") }
        }
        /// Hang up.
        DELETE "/communications/calls/{id}" => calls {
            path { id }
            returns 204;
        }
        /// Update a call (a private endpoint).
        #[beta]
        #[doc_url = "https://contoso.example/docs/call-update"]
        PATCH "/communications/calls/{id}" => calls {
            path { id }
            body call;
            returns 200 Call;
        }
        /// A report, as CSV.
        GET "/reports/getCallSummary(period='{period}')" => calls {
            path {
                /// `D7`, `D30`, ...
                period
            }
            returns 200 Stream;
            permissions { delegated_work: "Reports.Read.All", delegated_personal: not_supported, application: none }
        }
        /// Upload a recording.
        #[beta]
        PUT "/communications/recordings/{id}/content" => calls {
            path { id }
            body Stream;
            returns 204;
        }
        /// Invite: a long-running operation followed through `Location`.
        POST "/communications/calls/{id}/participants/invite" => calls {
            path { id }
            body {
                participants: collection(invitationParticipantInfo),
                "clientContext": Option<String>,
                ringCount?: i32,
                tags?: Vec<String>,
                media?: appHostedMediaConfig | serviceHostedMediaConfig,
            }
            returns 202 + Location(inviteParticipantsOperation);
        }
    });
    let pages = &declaration.modules[0].pages;
    let stems: Vec<_> = pages.iter().map(|p| p.stem.as_str()).collect();
    assert_eq!(
        stems,
        [
            "participant-list",
            "call-delete",
            "call-update",
            "report-getcallsummary",
            "content-replace",
            "participant-invite"
        ]
    );
    assert!(matches!(pages[2].request_body.kind, BodyKind::Resource { .. }));
    assert_eq!(pages[4].request_body.kind, BodyKind::Stream);
    let invite = &pages[5].request_body.params;
    assert_eq!(invite[1].required, Requirement::Optional);
    assert_eq!(invite[2].type_expr, TypeExpr::primitive(Primitive::Int32));
    assert!(matches!(invite[4].type_expr, TypeExpr::Union { .. }));
}

#[test]
fn declared_query_parameters_and_headers_reach_the_spec_and_the_function() {
    let input = quote! {
        /// The participants who joined in a time window.
        GET "/communications/calls/{id}/participantsJoined" => window {
            path { id }
            query {
                /// Start of the window (ISO 8601).
                startDateTime: DateTimeOffset,
                muted: Boolean,
                /// At most this many.
                "$top"?: Int32,
            }
            headers {
                /// `eventual`.
                "ConsistencyLevel",
                Prefer?,
            }
            returns 200 collection(participant);
        }
    };
    let declaration = expansion_equals_generate(input.clone());
    let page = &declaration.modules[0].pages[0];
    let query: Vec<_> = page
        .query_parameters
        .iter()
        .map(|q| {
            (q.name.as_str(), q.type_expr.clone().unwrap(), q.required, q.description.as_str())
        })
        .collect();
    assert_eq!(
        query,
        [
            (
                "startDateTime",
                TypeExpr::primitive(Primitive::DateTimeOffset),
                Requirement::Required,
                "Start of the window (ISO 8601)."
            ),
            ("muted", TypeExpr::primitive(Primitive::Boolean), Requirement::Required, ""),
            (
                "$top",
                TypeExpr::primitive(Primitive::Int32),
                Requirement::Optional,
                "At most this many."
            ),
        ]
    );
    let headers: Vec<_> = page
        .request_headers
        .iter()
        .map(|h| (h.name.as_str(), h.required, h.value.as_str()))
        .collect();
    assert_eq!(
        headers,
        [
            ("ConsistencyLevel", Requirement::Required, "`eventual`."),
            ("Prefer", Requirement::Optional, "")
        ]
    );
    // The function: the required ones are typed arguments, the others are in its docs.
    let resources = resources();
    let root = repo();
    let ctx = Context { manifest_dir: &root, resources: &resources };
    let text = declare::expand(input, &ctx).to_string();
    assert!(text.contains("start_date_time : & str , muted : bool"), "{text}");
    assert!(
        text.contains(
            "query parameters `$top`; request headers `ConsistencyLevel` (required), `Prefer`"
        ),
        "{text}"
    );
}

#[test]
fn a_doc_page_expands_to_what_generate_writes_and_is_tracked() {
    let seed = repo().join("../shared/seeds/call-stoptranscription.md");
    assert!(seed.exists(), "the seed pages are in ../shared/seeds");
    let declaration = expansion_equals_generate(quote! {
        doc = "../shared/seeds/call-stoptranscription.md";
        doc = "../shared/seeds/call-cancelmediaprocessing.md" => cancel;
    });
    let names: Vec<_> = declaration.modules.iter().map(|m| m.name.to_string()).collect();
    assert_eq!(names, ["call_stoptranscription", "cancel"]);
    let page = &declaration.modules[0].pages[0];
    assert_eq!(page.title, "call: stopTranscription");
    assert_eq!(page.version, ApiVersion::Beta, "from the beta disclaimer");
    assert_eq!(declaration.tracked[0], seed.canonicalize().unwrap());
    // The expansion recompiles when the page changes.
    let resources = resources();
    let ctx = Context { manifest_dir: &repo(), resources: &resources };
    let expansion =
        declare::expand(quote!(doc = "../shared/seeds/call-stoptranscription.md"), &ctx);
    let path = seed.canonicalize().unwrap().display().to_string();
    assert!(expansion.to_string().contains(&format!("include_bytes ! ({path:?})")), "{expansion}");
}

#[test]
fn a_specs_folder_named_by_the_input_replaces_the_built_in_one() {
    let declaration = expansion_equals_generate(quote! {
        #![specs = "specs"]
        #[beta]
        POST "/communications/calls/{id}/keepAlive" => keep_alive { path { id } returns 200; }
    });
    assert!(declaration.tracked.iter().any(|f| f.ends_with("beta/resources/call.json")));
    let empty = Resources::default();
    let ctx = Context { manifest_dir: &repo(), resources: &empty };
    let error =
        declare::declare(quote! { #[beta] GET "/x" => x { returns 200 call; } }, &ctx).unwrap_err();
    assert!(error.to_string().starts_with("unknown Graph type `call`"), "{error}");
}

/// The messages of every mistake (the trybuild tests pin them as the compiler shows
/// them, with their spans).
#[test]
fn every_mistake_is_an_error_with_its_message() {
    let resources = resources();
    let root = repo();
    let ctx = Context { manifest_dir: &root, resources: &resources };
    let message = |input: TokenStream| -> Vec<String> {
        let error = declare::declare(input, &ctx).expect_err("an error");
        error.into_iter().map(|e| e.to_string()).collect()
    };
    assert_eq!(
        message(quote!(FETCH "/me" => me {})),
        ["unknown HTTP method `FETCH`: expected `GET`, `POST`, `PUT`, `PATCH` or `DELETE`"]
    );
    assert_eq!(
        message(quote!(GET "/me/{id" => me { path { id } })),
        ["malformed path template: unbalanced braces or parentheses"]
    );
    assert_eq!(
        message(quote!(GET "me" => me {})),
        ["malformed path template: it must start with `/` (`\"/me/events\"`)"]
    );
    assert_eq!(
        message(quote!(GET "/a/{id}/b/{id}" => me { path { id } })),
        ["malformed path template: the placeholder `{id}` appears more than once"]
    );
    assert_eq!(
        message(quote!(GET "/users/{id}/events/{eventId}" => me { path { id } })),
        [
            "path parameter `{eventId}` is not declared: add `path { eventId }` (with a doc comment saying what it is)"
        ]
    );
    assert_eq!(
        message(quote!(GET "/users/{id}" => me { path { id, id } })),
        ["path parameter `id` is declared twice"]
    );
    assert_eq!(
        message(quote!(GET "/users/{id}" => me { path { id, userId } })),
        ["path parameter `userId` is not in the path template (its placeholders: `{id}`)"]
    );
    assert_eq!(
        message(quote!(POST "/me/x" => me { body { a: String, b: bool, a: i32 } })),
        ["duplicate field `a` in the request body"]
    );
    assert_eq!(
        message(quote!(#[beta] POST "/me/x" => me { returns 202 startTranscriptionOperatoin; })),
        ["unknown Graph type `startTranscriptionOperatoin`: no beta resource spec in specs/ \
          defines it; did you mean `startTranscriptionOperation`, `stopTranscriptionOperation`?"]
    );
    assert_eq!(
        message(quote!(POST "/me/x" => me { body { a: zzzzzzzzzz } })),
        ["unknown Graph type `zzzzzzzzzz`: no v1.0 resource spec in specs/ defines it; no known \
          name is close"]
    );
    assert_eq!(
        message(quote!(POST "/me/x" => me { body { a: std::path::PathBuf } })),
        ["`std::path::PathBuf` is not a Graph type: declared actions use Graph type names \
          (`prompt`), primitives (`String`, `bool`), `collection(T)` or `Vec<T>`, so that the \
          spec (and `graphgen generate`) can express them"]
    );
    assert_eq!(
        message(quote!(GET "/me" => me { returns 404 String; })),
        ["expected a success status code (200 to 299, or the redirect of a download: 302, \
             303, 307): errors come back as `graphgen_runtime::Error`"]
    );
    assert_eq!(
        message(quote!(GET "/me" => me { permissions { admin: none } })),
        [
            "unknown permission type `admin`: expected `delegated_work`, `delegated_personal` or `application`"
        ]
    );
    assert_eq!(
        message(quote!(GET "/me" => me { queries { a: String } })),
        ["unknown section `queries`: expected `path`, `query`, `headers`, `body`, `returns` \
             or `permissions`"]
    );
    assert_eq!(
        message(quote!(GET "/me" => me { query { a, "$top", b: call, a } })),
        [
            "a required query parameter becomes an argument and needs a plain name (letters, \
             digits, `_`): make `$top` optional (`\"$top\"?`) and send it with `RequestOptions`",
            "query parameter `b` must have a primitive type (`String`, `Boolean`, `Int32`, \
             `DateTimeOffset`, ...), not `call`",
            "query parameter `a` is declared twice",
        ]
    );
    assert_eq!(
        message(quote!(GET "/me" => me { headers { If-Match } })),
        ["write a header name with `-` as a string: `\"If-…\"`"]
    );
    assert_eq!(
        message(quote!(GET "/me" => me { headers { "content-type", "a b", "If-Match" } })),
        [
            "`content-type` is set by the client itself: leave it out",
            "`a b` is not a header name: HTTP allows letters, digits and ! # $ % & ' * + - . ^ _ \
             ` | ~",
        ]
    );
    assert_eq!(
        message(quote!(GET "/me" => me {} GET "/me" => me {})),
        ["`GET /me` is declared twice in module `me`"]
    );
    assert_eq!(
        message(quote!(doc = "no/such/page.md")),
        ["cannot read doc page `no/such/page.md` (relative to CARGO_MANIFEST_DIR): no such file"]
    );
    // Several mistakes: all of them, in order.
    assert_eq!(
        message(quote! {
            FETCH "/me" => me {}
            POST "/me/x" => me { body { a: String, a: String } }
        }),
        [
            "unknown HTTP method `FETCH`: expected `GET`, `POST`, `PUT`, `PATCH` or `DELETE`",
            "duplicate field `a` in the request body",
        ]
    );
}

#[test]
fn unparsable_doc_pages_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fence.md"),
        "---\ndoc_type: apiPageType\n---\n# call: x\n\n## HTTP request\n\n```http\nPOST /x\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("nohttp.md"),
        "---\ndoc_type: apiPageType\n---\n# call: x\n\nDoes x.\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("resource.md"),
        "---\ndoc_type: resourcePageType\n---\n# prompt resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| a | String | A. |\n",
    )
    .unwrap();
    let resources = resources();
    let ctx = Context { manifest_dir: dir.path(), resources: &resources };
    let message = |input: TokenStream| declare::declare(input, &ctx).unwrap_err().to_string();
    assert_eq!(
        message(quote!(doc = "fence.md")),
        "doc page `fence.md:8`: code fence is never closed: it swallows the rest of the page \
         (unclosed_code_fence)"
    );
    assert_eq!(
        message(quote!(doc = "nohttp.md")),
        "doc page `nohttp.md`: page has no HTTP request section (missing_section)"
    );
    assert_eq!(
        message(quote!(doc = "resource.md")),
        "`resource.md` is a resource page (it defines the type `prompt`): `action!` reads API \
         pages (an \"HTTP request\" section)"
    );
}

/// A declared action the emitter cannot emit is an error naming its page, never an
/// action silently missing from the expansion.
#[test]
fn a_declared_page_the_emitter_skips_is_an_error() {
    let resources = resources();
    let root = repo();
    let ctx = Context { manifest_dir: &root, resources: &resources };
    let mut declaration = declare::declare(
        quote! { #[beta] POST "/communications/calls/{id}/keepAlive" => keep_alive { path { id } returns 200; } },
        &ctx,
    )
    .unwrap();
    assert!(declaration.module_tokens(&declaration.modules[0], &ctx).is_ok());
    // A page without operations is what the emitter skips.
    declaration.modules[0].pages[0].operations.clear();
    let stem = declaration.modules[0].pages[0].stem.clone();
    let error = declaration.module_tokens(&declaration.modules[0], &ctx).unwrap_err();
    assert!(matches!(error, emit::EmitError::Skipped(_)), "{error:?}");
    assert!(error.to_string().contains(&stem), "{error}");
}
