//! The build.rs API, in the style of prost-build, and what `graphgen generate` and
//! `graphgen check` run:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let out_dir = std::env::var("OUT_DIR")?;
//!     graphgen::Builder::new()
//!         .specs("specs")
//!         .only(["beta/api/call-*"])
//!         .generate_to(format!("{out_dir}/graph"))?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod graph {
//!     include!(concat!(env!("OUT_DIR"), "/graph/mod.rs"));
//! }
//! ```
//!
//! The output is the same emitter's, byte for byte, as `graphgen generate --root module`
//! with the same specs and `--only` patterns.

use std::fs;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::emit::{self, EmitOptions, Emitted, GeneratedFile, RootKind};
use crate::specset::SpecSet;
use crate::store::{self, StoreError};

/// Generates Rust from a specs folder (see the module docs).
#[derive(Debug, Clone)]
pub struct Builder {
    specs: PathBuf,
    options: EmitOptions,
    cargo_metadata: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

/// Why generating failed. Each variant names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The specs could not be read, or an output file not written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The emitter refused the specs.
    #[error(transparent)]
    Emit(#[from] emit::EmitError),
    /// An output file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}

impl Builder {
    /// A builder reading `specs/` (relative to the working directory, which is the
    /// package root in a build script), emitting every API spec, with a `mod.rs` root
    /// for `include!`, printing `cargo:rerun-if-changed` lines.
    pub fn new() -> Builder {
        Builder {
            specs: PathBuf::from("specs"),
            options: EmitOptions { only: Vec::new(), root: RootKind::Module, area_features: false },
            cargo_metadata: true,
        }
    }

    /// The specs folder.
    pub fn specs(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.specs = dir.into();
        self
    }

    /// Select specs by path glob (`beta/api/call-*`, matched with and without
    /// `.json`): the selected actions and every type they reach. Adds to earlier calls.
    pub fn only<I, S>(mut self, patterns: I) -> Builder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.only.extend(patterns.into_iter().map(Into::into));
        self
    }

    /// The root file: [`RootKind::Module`] (`mod.rs`, the default),
    /// [`RootKind::Crate`] (`lib.rs`, what the `msgraph-typed` crate uses) or
    /// [`RootKind::Inline`] (one `mod.rs`, every module inline).
    pub fn root(mut self, root: RootKind) -> Builder {
        self.options.root = root;
        self
    }

    /// Gate items by API area, one cargo feature per area (default: no). The crate
    /// must declare the features: see [`crate::emit::manifest`].
    pub fn area_features(mut self, yes: bool) -> Builder {
        self.options.area_features = yes;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for every input read (default: yes).
    pub fn cargo_metadata(mut self, yes: bool) -> Builder {
        self.cargo_metadata = yes;
        self
    }

    /// The emitter options in effect.
    pub fn options(&self) -> &EmitOptions {
        &self.options
    }

    /// Read the specs and emit, writing nothing.
    pub fn emit(&self) -> Result<Emitted, BuildError> {
        let (set, files) = SpecSet::load_dir(&self.specs)?;
        if self.cargo_metadata {
            println!("cargo:rerun-if-changed={}", self.specs.display());
            for file in &files {
                println!("cargo:rerun-if-changed={}", file.display());
            }
        }
        let emitted = emit::emit_files(&set, &self.options)?;
        if self.cargo_metadata {
            // A build script's output is hidden unless it fails: cargo shows warnings.
            for skipped in &emitted.report.skipped {
                println!("cargo:warning=graphgen: {skipped}");
            }
        }
        Ok(emitted)
    }

    /// Emit into `out`: write the files that changed and remove generated files that
    /// are no longer produced. Returns what was emitted.
    pub fn generate_to(&self, out: impl AsRef<Path>) -> Result<Emitted, BuildError> {
        let emitted = self.emit()?;
        write_files(out.as_ref(), &emitted.files)?;
        Ok(emitted)
    }

    /// A unified diff from the files in `out` to what the specs produce (empty when
    /// they are equal).
    pub fn diff(&self, out: impl AsRef<Path>) -> Result<String, BuildError> {
        let out = out.as_ref();
        let emitted = self.emit()?;
        let mut diff = String::new();
        for file in &emitted.files {
            let path = out.join(&file.path);
            let old = fs::read_to_string(&path).unwrap_or_default();
            if old != file.contents {
                let shown = path.display().to_string();
                let text = TextDiff::from_lines(&old, &file.contents)
                    .unified_diff()
                    .header(&shown, &shown)
                    .to_string();
                diff.push_str(&text);
            }
        }
        for stale in stale_files(out, &emitted.files)? {
            let old = fs::read_to_string(&stale).map_err(io(&stale))?;
            let shown = stale.display().to_string();
            let text = TextDiff::from_lines(&old, "")
                .unified_diff()
                .header(&shown, "/dev/null")
                .to_string();
            diff.push_str(&text);
        }
        Ok(diff)
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io { path: path.to_path_buf(), source }
}

/// Write `files` under `out` (unchanged files are not touched) and remove generated
/// files there that `files` does not contain. Returns how many files changed.
pub fn write_files(out: &Path, files: &[GeneratedFile]) -> Result<usize, BuildError> {
    let mut changed = 0;
    for stale in stale_files(out, files)? {
        fs::remove_file(&stale).map_err(io(&stale))?;
        changed += 1;
    }
    for file in files {
        if store::write_if_changed(&out.join(&file.path), &file.contents)? {
            changed += 1;
        }
    }
    Ok(changed)
}

/// Generated files (`.rs` files starting with the graphgen header) under `out` that
/// `files` does not contain.
fn stale_files(out: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, BuildError> {
    let wanted: std::collections::BTreeSet<PathBuf> =
        files.iter().map(|f| out.join(&f.path)).collect();
    let mut found = Vec::new();
    generated_files(out, &mut found)?;
    found.retain(|p| !wanted.contains(p));
    found.sort();
    Ok(found)
}

fn generated_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), BuildError> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    for entry in entries {
        let path = entry.map_err(io(dir))?.path();
        if path.is_dir() {
            generated_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs")
            && fs::read_to_string(&path).map_err(io(&path))?.starts_with(emit::HEADER_PREFIX)
        {
            out.push(path);
        }
    }
    Ok(())
}
