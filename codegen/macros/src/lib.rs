//! `graphgen-macros`: declare Microsoft Graph actions in Rust source, with the
//! generator's exact output.
//!
//! [`action!`] adds an action the docs do not have yet (a brand-new beta action, a
//! private tenant endpoint) without running the generator: it builds the spec the doc
//! page would distill to and expands the emitter's output for it, the same bytes as
//! `graphgen generate --root inline` for that spec. This crate is a thin shell: the
//! grammar, the checks and the expansion live in `graphgen::declare`.

use std::path::PathBuf;
use std::sync::OnceLock;

use graphgen::declare::{self, Context, Resources};
use proc_macro::TokenStream;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_specs.rs"));
}

/// The resource specs compiled in, parsed once per compiler process.
fn builtin() -> &'static Result<Resources, String> {
    static RESOURCES: OnceLock<Result<Resources, String>> = OnceLock::new();
    RESOURCES.get_or_init(|| {
        Resources::from_json(builtin::RESOURCES.iter().copied(), "graphgen's built-in specs/")
    })
}

/// Declare Microsoft Graph actions: spelled out, or read from a doc page.
///
/// ```text
/// graphgen_macros::action! {
///     /// Start the transcription of a call.
///     #[beta]
///     POST "/communications/calls/{id}/startTranscription" => start_transcription {
///         path {
///             /// The call's id.
///             id
///         }
///         permissions {
///             delegated_work: not_supported,
///             delegated_personal: not_supported,
///             application: "Calls.AccessMedia.All",
///         }
///         body {
///             /// The language of the transcription (`en-us`).
///             language: String,
///             /// Echoed in the notifications about the operation.
///             clientContext?: String,
///         }
///         returns 202 startTranscriptionOperation;
///     }
/// }
///
/// graphgen_macros::action!(doc = "docs/call-stoptranscription.md");
/// ```
///
/// Each declaration names a module (`=> start_transcription`; for a page, its file name
/// in snake case unless `=> name` follows the path) holding what `graphgen generate`
/// emits for the action: `Graph`, the URL tree, the request struct and the types it
/// reaches, per version. Call it like generated code:
/// `start_transcription::beta::Graph::new(client).communications().call(id)
/// .start_transcription(&body).await`.
///
/// The grammar, section by section (see the README for the full reference):
///
/// - attributes: doc comments (the description), `#[beta]` or `#[v1]` (default),
///   `#[doc_url = "https://..."]`;
/// - `METHOD "path" => module { ... }`: the request line as the docs write it;
/// - `path { name, ... }`: every `{placeholder}` of the path, once, with docs;
/// - `body { name: Type, optional?: Type, ... }` (JSON names as the docs write them),
///   or `body Type;` (a resource, or `Stream`);
/// - `returns STATUS [Type] [+ Location[(Type)]];`: `202` with a type or a `Location`
///   is a long-running operation (so is `200` with a `Location`), `201` with a
///   `Location` a created resource (`Created<T>`: its URL and body), `204` is `()`, `collection(T)` a page of a collection,
///   `302` a download (the bytes the redirect leads to), a primitive (`returns 200
///   Boolean;`) the value OData wraps as `{"value": ...}`;
/// - `permissions { delegated_work: "A" | "B" (higher: "C"), application: not_supported,
///   delegated_personal: none }`;
/// - types: Graph names (`prompt`, `StartTranscriptionOperation`), primitives (`String`,
///   `Int32`, `DateTimeOffset`, `bool`, `i64`, `f64`), `collection(T)`, `Vec<T>`,
///   `A | B`; Graph names resolve against the specs compiled into this crate, or the
///   folder named by `#![specs = "dir"]` at the top of the input.
///
/// Paths (`doc = ...`, `#![specs = ...]`) are relative to `CARGO_MANIFEST_DIR`; the
/// crate recompiles when a file read changes.
#[proc_macro]
pub fn action(input: TokenStream) -> TokenStream {
    let manifest_dir: PathBuf =
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let resources = match builtin() {
        Ok(resources) => resources,
        Err(e) => {
            let message = format!("graphgen-macros: the built-in specs do not parse: {e}");
            return format!("::core::compile_error!({message:?});").parse().unwrap_or_default();
        }
    };
    let ctx = Context { manifest_dir: &manifest_dir, resources };
    declare::expand(input.into(), &ctx).into()
}
