//! Compile-fail tests: every mistake in an `action!` input is a `compile_error!` at the
//! offending token; the `.stderr` files pin the messages as the compiler shows them.
//! And the README's example compiles.
//!
//! Refresh the `.stderr` files after a deliberate change of a message with
//! `TRYBUILD=overwrite cargo test -p graphgen-macros --test ui`.

use std::path::{Path, PathBuf};

/// trybuild compiles the cases as a crate in `<target>/tests/trybuild/graphgen-macros`:
/// that is the `CARGO_MANIFEST_DIR` that `doc = "..."` paths are relative to. The doc
/// pages the cases read are put in its `docs/` there, as a user's crate would keep
/// them, so that the cases (and their `.stderr`) do not depend on where the target
/// folder is.
fn stage_doc_pages() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("<target>/tmp");
    let docs = target.join("tests/trybuild/graphgen-macros/docs");
    std::fs::create_dir_all(&docs).expect("the trybuild folder is writable");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages: [(PathBuf, &str); 2] = [
        // A page with a mistake (tests/ui/doc_page_unparsable.rs).
        (here.join("tests/ui/pages/unclosed-fence.md"), "unclosed-fence.md"),
        // A seed page (tests/pass/readme_example.rs).
        (here.join("../../../shared/seeds/call-stoptranscription.md"), "call-stoptranscription.md"),
    ];
    for (from, name) in pages {
        let text =
            std::fs::read(&from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
        let to = docs.join(name);
        // Written only when different, so that the cases' builds stay fresh.
        if std::fs::read(&to).ok().as_deref() != Some(text.as_slice()) {
            std::fs::write(&to, text).expect("the trybuild folder is writable");
        }
    }
}

#[test]
fn ui() {
    stage_doc_pages();
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/pass/*.rs");
}
