//! The emitter: specs → Rust tokens → formatted files.
//!
//! One emitter serves the CLI (`graphgen generate`), the build.rs [`crate::Builder`]
//! and the proc-macro: they all call [`emit_tokens`] (tokens, per file) and format
//! with [`format_file`] (prettyplease, at the file level only), so the same specs give
//! the same bytes whichever way they are used. [`inline_tokens`] gives the whole tree
//! as one token stream with inline modules, for macro expansion; [`RootKind::Inline`]
//! writes exactly those tokens as one file.
//!
//! Modules, one job each: [`names`] (the naming rule), [`index`] (type resolution,
//! inheritance, reachability), [`types`] (structs and enums), [`nav`] (the URL tree
//! and its accessors), [`actions`] (request bodies and client functions), `options`
//! (query parameters with plain names as arguments, or as methods of a call where
//! optional; the docs of the other options), [`docs`]
//! (doc comments), [`areas`] (the API areas, one cargo feature each) and the file
//! layout in `module`.

pub mod actions;
pub mod areas;
pub mod docs;
pub mod index;
pub mod manifest;
mod module;
pub mod names;
pub mod nav;
mod options;
pub mod types;

use std::collections::BTreeMap;
use std::fmt;

use proc_macro2::TokenStream;

pub use module::{HEADER_PREFIX, emit_files, emit_tokens, format_file, header, inline_tokens};
pub(crate) use options::{QueryArgSpec, is_argument_name, is_client_header, query_arg_specs};

/// What to emit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// Glob patterns selecting specs by path (`beta/api/call-*`; matched against the
    /// spec path with and without `.json`). Empty: every API spec. API specs selected
    /// are emitted with every type they reach; resource specs selected add their
    /// types.
    pub only: Vec<String>,
    /// The kind of root file.
    pub root: RootKind,
    /// Gate items by API area, one cargo feature per area (see [`areas`]): for a
    /// crate whose manifest declares the features ([`manifest`]). Without it (and with a
    /// single area) nothing is gated.
    pub area_features: bool,
}

/// The root file of the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RootKind {
    /// `lib.rs` of a crate: crate docs, `#![deny(missing_docs)]`, and one module per
    /// version behind a cargo feature of the same name (`v1`, `beta`).
    #[default]
    Crate,
    /// `mod.rs` for `include!` (build.rs output): the version modules only, no inner
    /// attributes and no features.
    Module,
    /// One file, `mod.rs`, holding what [`RootKind::Module`] writes with every module
    /// inline: what the `graphgen_macros::action!` macro expands to inside the `mod` it
    /// declares (the tokens of [`inline_tokens`]).
    Inline,
}

/// A formatted output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory, `/`-separated (`v1/types/call.rs`).
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// An output file before formatting.
#[derive(Debug, Clone)]
pub struct TokenFile {
    /// Path relative to the output directory.
    pub path: String,
    /// The specs it was generated from, for the header (`specs/v1.0/api/call-get.json`).
    pub sources: String,
    /// The file's items.
    pub tokens: TokenStream,
}

/// The emitter's output.
#[derive(Debug, Clone)]
pub struct Emitted {
    /// The files, sorted by path.
    pub files: Vec<GeneratedFile>,
    /// Fallbacks taken, pages skipped, the areas (cargo features).
    pub report: EmitReport,
}

/// What emitting reports besides the files.
#[derive(Debug, Clone, Default)]
pub struct EmitReport {
    /// What the emitter could not express faithfully (fallbacks taken).
    pub diagnostics: Vec<EmitDiagnostic>,
    /// The selected API pages that were not emitted, and why.
    pub skipped: Vec<SkippedPage>,
    /// The areas of the output (cargo features) and how many API pages each has.
    pub areas: BTreeMap<areas::Area, usize>,
}

/// An API page that is not emitted: the spec and why. Nothing else of the output is
/// lost because of it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SkippedPage {
    /// The spec's path (`v1.0/api/call-get.json`).
    pub spec: String,
    /// Why it was skipped.
    pub reason: String,
}

impl fmt::Display for SkippedPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "specs/{}: skipped: {}", self.spec, self.reason)
    }
}

/// Something the emitter had to work around, named by spec and item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EmitDiagnostic {
    /// The spec's path (`v1.0/resources/call.json`).
    pub spec: String,
    /// The item (`call.meetingInfo`, `request body parameter `x``).
    pub item: String,
    /// What happened.
    pub message: String,
}

impl EmitDiagnostic {
    pub(crate) fn new(spec: &str, item: &str, message: String) -> EmitDiagnostic {
        EmitDiagnostic { spec: spec.to_string(), item: item.to_string(), message }
    }
}

impl fmt::Display for EmitDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "specs/{}: {}: {}", self.spec, self.item, self.message)
    }
}

/// Why emitting failed.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// A `--only` pattern is not a valid glob.
    #[error("invalid --only pattern `{pattern}`: {source}")]
    BadPattern {
        /// The pattern.
        pattern: String,
        /// The glob error.
        source: globset::Error,
    },
    /// A spec is in a format version this emitter does not read.
    #[error("specs/{spec}: spec format {found}, but this graphgen reads format {expected}")]
    FormatVersion {
        /// The spec's path.
        spec: String,
        /// Its format version.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The emitted tokens of a file do not parse as Rust (a bug in the emitter; the
    /// specs named are the file's inputs).
    #[error("{file} (from {sources}): emitted code does not parse: {message}")]
    Unparsable {
        /// The output file.
        file: String,
        /// Its specs.
        sources: String,
        /// The parser's message.
        message: String,
    },
    /// A page could not be emitted where none may be left out (the `action!` macro,
    /// whose declared actions must all exist).
    #[error("{0}")]
    Skipped(SkippedPage),
}

/// The module (file) name for a spec path: its file stem, in snake case.
pub(crate) fn module_name(spec_path: &str) -> String {
    let file = spec_path.rsplit('/').next().unwrap_or(spec_path);
    file.strip_suffix(".json").unwrap_or(file).to_string()
}
