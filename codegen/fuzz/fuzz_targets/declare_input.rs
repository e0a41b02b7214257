//! Arbitrary text as the input of `graphgen_macros::action!`: parsing, checking and
//! expanding never panic; a rejected input is a `compile_error!`, an accepted one
//! expands to tokens that parse as Rust items.
//!
//! The expansion runs as the proc-macro runs it (`graphgen::declare::expand`), with the
//! repository's `specs/` as the resource specs and, as `CARGO_MANIFEST_DIR`, a temp
//! folder holding the two seed pages (copied from `../shared/seeds` at start) as
//! `docs/call-stoptranscription.md` and `docs/call-cancelmediaprocessing.md`, so that
//! `doc = "..."` inputs reach the distiller too.
#![no_main]

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;

use graphgen::declare::{self, Context, Resources};
use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;

struct Fixture {
    resources: Resources,
    manifest_dir: PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let (resources, _) = Resources::load_dir(&root.join("specs"), "the repository's specs/")
            .expect("specs/ loads");
        let manifest_dir =
            std::env::temp_dir().join(format!("graphgen-fuzz-{}", std::process::id()));
        let docs = manifest_dir.join("docs");
        std::fs::create_dir_all(&docs).expect("temp dir");
        for page in ["call-stoptranscription.md", "call-cancelmediaprocessing.md"] {
            let seed = root.join("../shared/seeds").join(page);
            // Without ../shared the page inputs only meet "no such file".
            let _ = std::fs::copy(seed, docs.join(page));
        }
        Fixture { resources, manifest_dir }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(input) = TokenStream::from_str(text) else { return };
    let fixture = fixture();
    let ctx = Context { manifest_dir: &fixture.manifest_dir, resources: &fixture.resources };
    let accepted = declare::declare(input.clone(), &ctx).and_then(|d| d.tokens(&ctx));
    let expanded = declare::expand(input, &ctx);
    match accepted {
        // What the macro expands to must be Rust items.
        Ok(tokens) => {
            assert_eq!(tokens.to_string(), expanded.to_string(), "expand differs from declare");
            if let Err(e) = syn::parse2::<syn::File>(tokens) {
                panic!("an accepted input expanded to unparsable tokens: {e}");
            }
        }
        // A rejected input is compile_error! invocations only.
        Err(_) => {
            let text = expanded.to_string();
            assert!(text.contains("compile_error"), "a rejection without compile_error!: {text}");
        }
    }
});
