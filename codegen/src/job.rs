//! The distill job: read one or more docs sources, distill every page on every core,
//! select, write the specs and `lock.json`, and report what happened. The CLI's
//! `distill` and `regenerate` commands are thin shells over [`DistillJob`].

mod duplicates;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::catalog::{Catalog, reachable};
use crate::distill::batch::distill_paths;
use crate::distill::{DistillError, DistillOptions, Distilled, sha256_hex};
use crate::source::{DocSource, SourceError};
use crate::spec::{
    ApiVersion, Diagnostic, DiagnosticKind, LockFile, LockedPage, PageSpec, SPEC_FORMAT_VERSION,
    Severity,
};
use crate::store::{self, StoreError};

use duplicates::Actions;

/// Errors that stop a distill job (a bad page never does: it is reported).
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// A docs source could not be opened.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// The output folder could not be written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An `--only` glob is invalid.
    #[error("invalid --only glob `{glob}`: {message}")]
    Glob {
        /// The glob.
        glob: String,
        /// Why.
        message: String,
    },
    /// No sources given and no lock file to take them from.
    #[error("no docs given: pass --docs PATH, or run where {0}/lock.json records the sources")]
    NoSources(PathBuf),
}

/// Progress callbacks (a progress bar in the CLI, nothing in tests).
pub trait Progress: Sync {
    /// A source with `total` pages starts.
    fn start(&self, label: &str, total: usize);
    /// One page is done.
    fn inc(&self);
    /// The source is done.
    fn finish(&self);
}

/// Progress that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: usize) {}
    fn inc(&self) {}
    fn finish(&self) {}
}

/// What a distill job did.
#[derive(Debug, Default)]
pub struct DistillReport {
    /// Pages read, across all sources.
    pub pages: usize,
    /// API specs written.
    pub api_specs: usize,
    /// Resource specs written.
    pub resource_specs: usize,
    /// Pages not written because an earlier source (or an earlier path of the same
    /// source) gave the same spec path.
    pub shadowed: usize,
    /// Pages not selected by `only` (or not reached by the selected actions' types).
    pub not_selected: usize,
    /// Warnings of the written specs, by kind.
    pub warnings: BTreeMap<DiagnosticKind, usize>,
    /// Notes of the written specs, by kind.
    pub notes: BTreeMap<DiagnosticKind, usize>,
    /// Error-severity diagnostics of the written specs, by kind.
    pub errors: BTreeMap<DiagnosticKind, usize>,
    /// Pages that yielded no spec.
    pub failures: Vec<DistillError>,
    /// Error-severity diagnostics with their spec's source file.
    pub error_diagnostics: Vec<(String, Diagnostic)>,
    /// Type names the selected actions reach that no resource page defines.
    pub missing_types: BTreeSet<(ApiVersion, String)>,
    /// Stale spec files removed.
    pub removed: Vec<String>,
}

impl DistillReport {
    /// Specs written in all.
    pub fn specs(&self) -> usize {
        self.api_specs + self.resource_specs
    }

    /// Whether anything is an error (failures or error diagnostics).
    pub fn has_errors(&self) -> bool {
        !self.failures.is_empty() || !self.errors.is_empty()
    }
}

/// Settings of a distill run (a builder).
#[derive(Debug, Clone)]
pub struct DistillJob {
    sources: Vec<PathBuf>,
    only: Vec<String>,
    with_types: bool,
    out: PathBuf,
    clean: bool,
    write: bool,
    options: DistillOptions,
}

impl DistillJob {
    /// A job writing to `out`.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        DistillJob {
            sources: Vec::new(),
            only: Vec::new(),
            with_types: false,
            out: out.into(),
            clean: false,
            write: true,
            options: DistillOptions::default(),
        }
    }

    /// Add a docs source (a tree, a page or a `.tar.gz`). Earlier sources win when two
    /// give the same spec path.
    pub fn source(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.push(path.into());
        self
    }

    /// Keep only pages whose spec path (`beta/api/call-answer`, no `.json`) matches
    /// one of these globs.
    pub fn only<I: IntoIterator<Item = S>, S: Into<String>>(mut self, globs: I) -> Self {
        self.only.extend(globs.into_iter().map(Into::into));
        self
    }

    /// Also write the resource pages the selected actions' types reach.
    pub fn with_types(mut self, yes: bool) -> Self {
        self.with_types = yes;
        self
    }

    /// Remove spec files in the output that this run did not write.
    pub fn clean(mut self, yes: bool) -> Self {
        self.clean = yes;
        self
    }

    /// Distill without writing anything (for checks and benchmarks).
    pub fn dry_run(mut self, yes: bool) -> Self {
        self.write = !yes;
        self
    }

    /// Distiller settings.
    pub fn options(mut self, options: DistillOptions) -> Self {
        self.options = options;
        self
    }

    /// Take sources and selection from the output's `lock.json` when none were given.
    pub fn from_lock_if_empty(mut self) -> Result<Self, JobError> {
        if !self.sources.is_empty() {
            return Ok(self);
        }
        let lock =
            store::read_lock(&self.out)?.ok_or_else(|| JobError::NoSources(self.out.clone()))?;
        self.sources = lock.docs_sources.iter().map(PathBuf::from).collect();
        if self.only.is_empty() {
            self.only = lock.only;
        }
        self.with_types |= lock.with_types;
        self.clean = true;
        Ok(self)
    }

    /// Run the job.
    pub fn run(&self, progress: &dyn Progress) -> Result<DistillReport, JobError> {
        let globs = build_globs(&self.only)?;
        let state = Mutex::new(State::default());
        let mut commits = BTreeMap::new();
        let labels: Vec<String> = self.sources.iter().map(|p| p.display().to_string()).collect();
        for (path, label) in self.sources.iter().zip(&labels) {
            let source = DocSource::open(path)?;
            if let Some(c) = source.commit() {
                commits.insert(label.clone(), c.to_string());
            }
            progress.start(label, source.pages().len());
            let claimed_before: BTreeSet<String> =
                state.lock().map(|s| s.claimed.keys().cloned().collect()).unwrap_or_default();
            distill_paths(
                &source,
                source.pages(),
                &self.options,
                |page_path, result| {
                    if let Ok(mut s) = state.lock() {
                        let page = Page { source: &source, label, path: page_path };
                        self.accept(&mut s, &claimed_before, page, result, globs.as_ref());
                    }
                },
                || progress.inc(),
            );
            progress.finish();
        }
        let mut state = state.into_inner().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = state.write_error.take() {
            return Err(e.into());
        }
        if self.with_types {
            self.add_reached_types(&mut state)?;
        }
        self.mark_duplicate_actions(&mut state)?;
        let mut report = std::mem::take(&mut state.report);
        for entry in state.claimed.values() {
            count(&mut report, &entry.source_file, &entry.diagnostics);
            if entry.is_resource {
                report.resource_specs += 1;
            } else {
                report.api_specs += 1;
            }
        }
        if self.write {
            let keep: BTreeSet<String> = state.claimed.keys().cloned().collect();
            if self.clean {
                report.removed = store::remove_stale(&self.out, &keep)?;
            }
            let lock = LockFile {
                format: SPEC_FORMAT_VERSION,
                generator: format!("graphgen {}", env!("CARGO_PKG_VERSION")),
                docs_sources: labels,
                docs_commits: commits,
                only: self.only.clone(),
                with_types: self.with_types,
                pages: state.claimed.into_iter().map(|(k, v)| (k, v.locked)).collect(),
            };
            store::write_lock(&self.out, &lock)?;
            store::write_schema(&self.out)?;
        }
        report.failures.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(report)
    }

    fn accept(
        &self,
        s: &mut State,
        claimed_before: &BTreeSet<String>,
        page: Page<'_>,
        result: Result<Distilled, DistillError>,
        globs: Option<&GlobSet>,
    ) {
        let (label, page_path) = (page.label, page.path);
        s.report.pages += 1;
        let distilled = match result {
            Ok(d) => d,
            Err(e) => {
                s.report.failures.push(e);
                return;
            }
        };
        let spec_path = distilled.spec.spec_path();
        if claimed_before.contains(&spec_path) {
            s.report.shadowed += 1;
            return;
        }
        let selected = globs.is_none_or(|g| g.is_match(spec_path.trim_end_matches(".json")));
        let locked = LockedPage {
            source: label.to_string(),
            path: page_path.to_string(),
            sha256: page.source.read(page_path).map(|b| sha256_hex(&b)).unwrap_or_default(),
            includes: distilled
                .includes
                .iter()
                .map(|inc| {
                    let key = (label.to_string(), inc.clone());
                    let hash = s.include_hashes.entry(key).or_insert_with(|| {
                        page.source.read(inc).map(|b| sha256_hex(&b)).unwrap_or_default()
                    });
                    (inc.clone(), hash.clone())
                })
                .collect(),
        };
        let is_resource = matches!(distilled.spec, PageSpec::Resource(_));
        if !selected {
            if self.with_types && is_resource {
                // Held until the reach of the selected actions is known.
                let keep = match s.held.get(&spec_path) {
                    Some((_, held)) => {
                        held.source == label
                            && rank(page_path, &spec_path) < rank(&held.path, &spec_path)
                    }
                    None => true,
                };
                if keep {
                    s.held.insert(spec_path, (distilled.spec, locked));
                }
            } else {
                s.report.not_selected += 1;
            }
            return;
        }
        if let Some(existing) = s.claimed.get(&spec_path) {
            // Two paths of one source give the same spec path: the page filed in the
            // folder of its kind wins, then the smaller path, whatever order the
            // threads finish in.
            s.report.shadowed += 1;
            if rank(&existing.locked.path, &spec_path) <= rank(page_path, &spec_path) {
                return;
            }
        }
        if self.write {
            if let Err(e) = store::write_spec(&self.out, &distilled.spec) {
                s.write_error.get_or_insert(e);
                return;
            }
        }
        if self.with_types {
            s.selected.push(distilled.spec.clone());
        }
        let actions = match &distilled.spec {
            PageSpec::Api(api) => Some(Actions::new(api.version, page_path, &api.operations)),
            PageSpec::Resource(_) => None,
        };
        let entry = Claimed {
            source_file: page_path.to_string(),
            diagnostics: distilled.spec.diagnostics().to_vec(),
            locked,
            is_resource,
            actions,
        };
        s.claimed.insert(spec_path, entry);
    }

    /// Warn on every page whose action another page also defines (the written spec
    /// gets the warning too).
    fn mark_duplicate_actions(&self, s: &mut State) -> Result<(), JobError> {
        let actions: BTreeMap<String, Actions> = s
            .claimed
            .iter()
            .filter_map(|(path, c)| Some((path.clone(), c.actions.clone()?)))
            .collect();
        for (spec_path, found) in duplicates::duplicate_actions(&actions) {
            let Some(entry) = s.claimed.get_mut(&spec_path) else { continue };
            entry.diagnostics.extend(found.iter().cloned());
            if self.write {
                let mut spec = store::read_spec(&self.out, &spec_path)?;
                if let PageSpec::Api(api) = &mut spec {
                    api.diagnostics.extend(found);
                }
                store::write_spec(&self.out, &spec)?;
            }
        }
        Ok(())
    }

    fn add_reached_types(&self, s: &mut State) -> Result<(), JobError> {
        let resources: Vec<&crate::spec::ResourcePage> = s
            .selected
            .iter()
            .chain(s.held.values().map(|(spec, _)| spec))
            .filter_map(|spec| match spec {
                PageSpec::Resource(r) => Some(r),
                PageSpec::Api(_) => None,
            })
            .collect();
        let catalog = Catalog::new(resources.iter().copied());
        let apis: Vec<&crate::spec::ApiPage> = s
            .selected
            .iter()
            .filter_map(|spec| match spec {
                PageSpec::Api(a) => Some(a),
                PageSpec::Resource(_) => None,
            })
            .collect();
        let reach = reachable(&apis, &catalog);
        s.report.missing_types = reach.missing;
        let reached_paths: BTreeSet<String> = reach
            .pages
            .iter()
            .map(|(v, stem)| format!("{}/resources/{stem}.json", v.as_str()))
            .collect();
        let held = std::mem::take(&mut s.held);
        for (spec_path, (spec, locked)) in held {
            if !reached_paths.contains(&spec_path) || s.claimed.contains_key(&spec_path) {
                s.report.not_selected += 1;
                continue;
            }
            if self.write {
                store::write_spec(&self.out, &spec)?;
            }
            s.claimed.insert(
                spec_path,
                Claimed {
                    source_file: locked.path.clone(),
                    diagnostics: spec.diagnostics().to_vec(),
                    locked,
                    is_resource: true,
                    actions: None,
                },
            );
        }
        Ok(())
    }
}

/// A page being accepted: where it came from.
struct Page<'a> {
    source: &'a DocSource,
    label: &'a str,
    path: &'a str,
}

#[derive(Default)]
struct State {
    /// SHA-256 of included files, by (source label, path): read once per source.
    include_hashes: BTreeMap<(String, String), String>,
    claimed: BTreeMap<String, Claimed>,
    held: BTreeMap<String, (PageSpec, LockedPage)>,
    selected: Vec<PageSpec>,
    report: DistillReport,
    write_error: Option<StoreError>,
}

struct Claimed {
    source_file: String,
    diagnostics: Vec<Diagnostic>,
    locked: LockedPage,
    is_resource: bool,
    /// An API spec's actions (for the duplicate check).
    actions: Option<Actions>,
}

/// Order of preference between two pages of one source that give the same spec path.
fn rank<'a>(page_path: &'a str, spec_path: &str) -> (bool, &'a str) {
    let folder = spec_path.split('/').nth(1).unwrap_or("");
    let filed_right = page_path.rsplit('/').nth(1) == Some(folder);
    (!filed_right, page_path)
}

fn count(report: &mut DistillReport, file: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let map = match d.severity {
            Severity::Note => &mut report.notes,
            Severity::Warning => &mut report.warnings,
            Severity::Error => {
                report.error_diagnostics.push((file.to_string(), d.clone()));
                &mut report.errors
            }
        };
        *map.entry(d.kind).or_default() += 1;
    }
}

fn build_globs(only: &[String]) -> Result<Option<GlobSet>, JobError> {
    if only.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for g in only {
        let glob = Glob::new(g.trim_end_matches(".json"))
            .map_err(|e| JobError::Glob { glob: g.clone(), message: e.to_string() })?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| JobError::Glob { glob: only.join(", "), message: e.to_string() })
}

/// Where specs live by default, relative to the working directory.
pub fn default_specs_dir() -> &'static Path {
    Path::new("specs")
}
