// Relative to CARGO_MANIFEST_DIR: tests/ui.rs copies this crate's
// `tests/ui/pages/unclosed-fence.md` there.
graphgen_macros::action!(doc = "docs/unclosed-fence.md");

fn main() {}
