//! Where doc pages come from: a directory tree, a single page, or a `.tar.gz` of a docs
//! checkout. The distiller never touches the filesystem itself; it asks a
//! [`DocSource`] for page bytes and for the files that pages include.

mod archive;
mod paths;

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use paths::{PageKind, PagePath, resolve_relative};

/// Errors opening or reading a docs source.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The path given does not exist or cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The archive is not a readable `.tar.gz`.
    #[error("{path}: not a readable .tar.gz archive: {message}")]
    Archive {
        /// The archive.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The source holds no doc pages.
    #[error("{path}: no doc pages (.md files under api/ or resources/) found")]
    Empty {
        /// The source's path.
        path: PathBuf,
    },
}

/// A set of doc pages and the files they may include.
#[derive(Debug)]
pub struct DocSource {
    /// How the source was named on the command line (for messages and the lock file).
    label: String,
    /// The MANIFEST's or git's commit of the docs, when known.
    commit: Option<String>,
    storage: Storage,
    pages: Vec<String>,
}

#[derive(Debug)]
enum Storage {
    /// Files on disk under `root`; page paths are relative to it.
    Dir { root: PathBuf },
    /// Every file of an archive, in memory, by path.
    Memory { files: std::collections::HashMap<String, Vec<u8>> },
}

impl DocSource {
    /// Open `path`: a directory (any part of a docs checkout), a single `.md` page, or a
    /// `.tar.gz` / `.tgz` archive of a docs checkout.
    pub fn open(path: &Path) -> Result<DocSource, SourceError> {
        let io_err = |source| SourceError::Io { path: path.to_path_buf(), source };
        let meta = fs::metadata(path).map_err(io_err)?;
        let label = path.display().to_string();
        let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
        let source = if meta.is_dir() {
            DocSource::from_dir(path, label)?
        } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
            let bytes = fs::read(path).map_err(io_err)?;
            let files = archive::read_tar_gz(&bytes)
                .map_err(|message| SourceError::Archive { path: path.to_path_buf(), message })?;
            DocSource::from_files(files, label)
        } else {
            DocSource::from_single_page(path, label)?
        };
        if source.pages.is_empty() {
            return Err(SourceError::Empty { path: path.to_path_buf() });
        }
        Ok(source)
    }

    /// A source over files held in memory (path relative to the docs root -> bytes).
    /// Pages are the `.md` files in `api/` or `resources/` folders.
    pub fn from_files(
        files: std::collections::HashMap<String, Vec<u8>>,
        label: impl Into<String>,
    ) -> DocSource {
        let mut pages: Vec<String> =
            files.keys().filter(|p| PagePath::new(p).kind().is_some()).cloned().collect();
        pages.sort();
        let commit = files.get("MANIFEST.txt").and_then(|m| paths::manifest_commit(m));
        DocSource { label: label.into(), commit, storage: Storage::Memory { files }, pages }
    }

    fn from_dir(dir: &Path, label: String) -> Result<DocSource, SourceError> {
        let mut all = Vec::new();
        walk(dir, dir, &mut all).map_err(|source| SourceError::Io { path: dir.into(), source })?;
        let mut pages: Vec<String> =
            all.iter().filter(|p| PagePath::new(p).kind().is_some()).cloned().collect();
        if pages.is_empty() {
            // A flat folder of pages (like the seeds): every .md outside includes/.
            pages = all
                .into_iter()
                .filter(|p| p.ends_with(".md") && !p.split('/').any(|c| c == "includes"))
                .collect();
        }
        pages.sort();
        let commit =
            fs::read(dir.join("MANIFEST.txt")).ok().and_then(|m| paths::manifest_commit(&m));
        Ok(DocSource { label, commit, storage: Storage::Dir { root: dir.to_path_buf() }, pages })
    }

    fn from_single_page(file: &Path, label: String) -> Result<DocSource, SourceError> {
        let file = fs::canonicalize(file)
            .map_err(|source| SourceError::Io { path: file.to_path_buf(), source })?;
        // The docs root is the folder holding `api-reference` when the page sits in a
        // checkout; otherwise the page's own folder.
        let root = file
            .ancestors()
            .find(|a| a.file_name().is_some_and(|n| n == "api-reference"))
            .and_then(Path::parent)
            .or_else(|| file.parent())
            .unwrap_or(Path::new("/"))
            .to_path_buf();
        let rel = file.strip_prefix(&root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        Ok(DocSource { label, commit: None, storage: Storage::Dir { root }, pages: vec![rel] })
    }

    /// How the source was named (for messages and the lock file).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The docs commit, when the source says (a `MANIFEST.txt` with a `Commit` line).
    pub fn commit(&self) -> Option<&str> {
        self.commit.as_deref()
    }

    /// The paths of the doc pages, relative to the docs root, sorted.
    pub fn pages(&self) -> &[String] {
        &self.pages
    }

    /// Read a file by its path relative to the docs root. Paths that leave the root
    /// (`..` past it, absolute paths) are never read.
    pub fn read(&self, rel: &str) -> Option<Cow<'_, [u8]>> {
        if rel.starts_with('/') || rel.split('/').any(|c| c == ".." || c.is_empty()) {
            return None;
        }
        match &self.storage {
            Storage::Memory { files } => files.get(rel).map(|b| Cow::Borrowed(b.as_slice())),
            Storage::Dir { root } => fs::read(root.join(rel)).ok().map(Cow::Owned),
        }
    }

    /// Where a page lives on disk, for messages (directory sources only).
    pub fn display_path(&self, rel: &str) -> String {
        match &self.storage {
            Storage::Dir { root } => root.join(rel).display().to_string(),
            Storage::Memory { .. } => format!("{}:{}", self.label, rel),
        }
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(root, &path, out)?;
        } else if kind.is_file() {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(())
}
