//! `graphgen`: a code generator for Microsoft Graph.
//!
//! The pipeline runs one way:
//! `doc pages (.md) --distill--> specs/*.json --emit--> Rust (types + client fns)`.
//!
//! - [`spec`]: the spec model, the contract between the two halves.
//! - [`emit`]: specs → Rust (tokens, then formatted files).
//! - [`SpecSet`]: the specs the emitter reads.
#![deny(missing_docs)]

pub mod cli;
pub mod emit;
pub mod spec;
pub mod specset;

pub use specset::SpecSet;
