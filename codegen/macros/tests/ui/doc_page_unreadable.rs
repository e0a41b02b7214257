graphgen_macros::action!(doc = "docs/no-such-page.md");

fn main() {}
