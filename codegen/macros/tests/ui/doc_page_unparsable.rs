// trybuild compiles this file from `target/tests/trybuild/graphgen-macros`, its
// CARGO_MANIFEST_DIR: the page is this crate's `tests/ui/pages/unclosed-fence.md`.
graphgen_macros::action!(doc = "../../../../codegen/macros/tests/ui/pages/unclosed-fence.md");

fn main() {}
