//! `graphgen-macros`: declare Microsoft Graph actions in Rust source.
//!
//! Not implemented yet (issue 5): the `action!` macro will parse its input into a
//! `graphgen::spec::PageSpec` and expand through the same emitter as the CLI.
