//! `graphgen`: a code generator for Microsoft Graph.
//!
//! The pipeline runs one way:
//! `doc pages (.md) --distill--> specs/*.json --emit--> Rust (types + client fns)`.
//!
//! - [`spec`]: the spec model, the contract between the two halves;
//! - [`source`]: where doc pages come from (a tree, a page, a `.tar.gz`);
//! - [`distill`]: markdown -> spec;
//! - [`catalog`]: type names -> the resource pages that define them;
//! - [`declare`]: actions declared in Rust source (the `action!` proc-macro's input)
//!   -> specs -> the emitter;
//! - [`store`]: the `specs/` folder;
//! - [`job`]: the distill job the CLI runs (sources, selection, writing, report);
//! - [`diff`]: the API change report between two spec folders;
//! - [`emit`]: specs -> Rust (tokens per file, then prettyplease);
//! - [`SpecSet`]: the specs the emitter reads;
//! - [`Builder`]: the build.rs API (and what `graphgen generate` / `check` run).
#![deny(missing_docs)]

mod builder;
pub mod catalog;
pub mod declare;
pub mod diff;
pub mod distill;
pub mod emit;
pub mod job;
pub mod source;
pub mod spec;
pub mod specset;
pub mod store;

pub use builder::{BuildError, Builder, write_files};
pub use specset::SpecSet;
