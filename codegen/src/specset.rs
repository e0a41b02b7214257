//! A set of specs: what the emitter reads. Loaded from a `specs/` directory (CLI,
//! build.rs) or built in memory (benchmark, proc-macro).

use std::path::{Path, PathBuf};

use crate::spec::{ApiPage, PageSpec, ResourcePage};
use crate::store::{self, StoreError};

/// One spec and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedSpec {
    /// The spec's path relative to the specs root, `/`-separated
    /// (`beta/api/call-answer.json`).
    pub path: String,
    /// The spec.
    pub spec: PageSpec,
}

/// Every spec the emitter may use, sorted by path.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpecSet {
    specs: Vec<LoadedSpec>,
}

impl SpecSet {
    /// A set of in-memory specs, each at its [`PageSpec::spec_path`].
    pub fn from_specs(specs: impl IntoIterator<Item = PageSpec>) -> SpecSet {
        SpecSet::from_loaded(
            specs.into_iter().map(|spec| LoadedSpec { path: spec.spec_path(), spec }),
        )
    }

    /// A set of specs with their paths.
    pub fn from_loaded(specs: impl IntoIterator<Item = LoadedSpec>) -> SpecSet {
        let mut specs: Vec<LoadedSpec> = specs.into_iter().collect();
        specs.sort_by(|a, b| a.path.cmp(&b.path));
        specs.dedup_by(|a, b| a.path == b.path);
        SpecSet { specs }
    }

    /// Read every spec of a `specs/` folder (see [`crate::store`]). Returns the set and
    /// the spec files read (for `rerun-if-changed`). A folder without any spec is an
    /// error ([`StoreError::NoSpecs`]), so that a mistyped path never generates an empty
    /// crate over a good one.
    pub fn load_dir(dir: &Path) -> Result<(SpecSet, Vec<PathBuf>), StoreError> {
        let specs = store::read_all(dir)?;
        if specs.is_empty() {
            return Err(StoreError::NoSpecs { path: dir.to_path_buf() });
        }
        let files = specs.iter().map(|(rel, _)| dir.join(rel)).collect();
        let set =
            SpecSet::from_loaded(specs.into_iter().map(|(path, spec)| LoadedSpec { path, spec }));
        Ok((set, files))
    }

    /// Every spec, sorted by path.
    pub fn specs(&self) -> &[LoadedSpec] {
        &self.specs
    }

    /// The API pages with their paths.
    pub fn api_pages(&self) -> impl Iterator<Item = (&str, &ApiPage)> {
        self.specs.iter().filter_map(|s| match &s.spec {
            PageSpec::Api(page) => Some((s.path.as_str(), page)),
            PageSpec::Resource(_) => None,
        })
    }

    /// The resource pages with their paths.
    pub fn resource_pages(&self) -> impl Iterator<Item = (&str, &ResourcePage)> {
        self.specs.iter().filter_map(|s| match &s.spec {
            PageSpec::Resource(page) => Some((s.path.as_str(), page)),
            PageSpec::Api(_) => None,
        })
    }

    /// Number of specs.
    pub fn len(&self) -> usize {
        self.specs.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.specs.is_empty()
    }
}
