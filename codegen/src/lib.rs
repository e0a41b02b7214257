//! `graphgen`: a code generator for Microsoft Graph.
//!
//! The pipeline runs one way:
//! `doc pages (.md) --distill--> specs/*.json --emit--> Rust (types + client fns)`.
//!
//! - [`spec`]: the spec model, the contract between the two halves.
#![deny(missing_docs)]

pub mod spec;
