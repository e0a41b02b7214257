//! A set of specs: what the emitter reads. Loaded from a `specs/` directory (CLI,
//! build.rs) or built in memory (benchmark, proc-macro).

use std::fs;
use std::path::{Path, PathBuf};

use crate::spec::{ApiPage, PageSpec, ResourcePage};

/// Files under a specs directory that are not page specs.
const NOT_PAGES: &[&str] = &["schema.json", "lock.json"];

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

/// Why a specs directory could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A directory or file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A spec file is not a valid spec.
    #[error("{path} is not a valid graphgen spec: {source}")]
    Invalid {
        /// The spec file.
        path: PathBuf,
        /// The JSON error.
        source: serde_json::Error,
    },
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

    /// Read every `*.json` page spec under `dir` (recursively; `schema.json` and
    /// `lock.json` are skipped). Returns the set and every file read, for
    /// `rerun-if-changed`.
    pub fn load_dir(dir: &Path) -> Result<(SpecSet, Vec<PathBuf>), LoadError> {
        let mut files = Vec::new();
        collect_json(dir, &mut files)?;
        files.sort();
        let mut specs = Vec::new();
        for file in &files {
            let text = fs::read_to_string(file)
                .map_err(|source| LoadError::Io { path: file.clone(), source })?;
            let spec = PageSpec::from_json(&text)
                .map_err(|source| LoadError::Invalid { path: file.clone(), source })?;
            let rel = file.strip_prefix(dir).unwrap_or(file);
            let path = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            specs.push(LoadedSpec { path, spec });
        }
        Ok((SpecSet::from_loaded(specs), files))
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

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries =
        fs::read_dir(dir).map_err(|source| LoadError::Io { path: dir.to_path_buf(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| LoadError::Io { path: dir.to_path_buf(), source })?;
        let path = entry.path();
        let file_type =
            entry.file_type().map_err(|source| LoadError::Io { path: path.clone(), source })?;
        if file_type.is_dir() {
            collect_json(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json")
            && !path.file_name().is_some_and(|n| NOT_PAGES.iter().any(|skip| n == *skip))
        {
            out.push(path);
        }
    }
    Ok(())
}
