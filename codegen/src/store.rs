//! The `specs/` folder: writing spec files and `lock.json`, reading them back.
//!
//! Layout: `<root>/<version>/api/<stem>.json`, `<root>/<version>/resources/<stem>.json`,
//! `<root>/lock.json`, `<root>/schema.json`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::spec::{LockFile, PageSpec};

/// Errors reading or writing the specs folder. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A spec file is not a valid spec.
    #[error("{path}:{line}:{column}: not a valid spec: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A folder read as a `specs/` tree holds no spec file (a mistyped path, or a
    /// distill that has not run yet).
    #[error(
        "{path}: no spec files here (expected {path}/v1.0/api/*.json, {path}/beta/resources/*.json, ...)"
    )]
    NoSpecs {
        /// The folder.
        path: PathBuf,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io { path: path.to_path_buf(), source }
}

/// Write `text` to `path` (creating folders), unless the file already holds it.
/// Returns whether the file changed.
pub fn write_if_changed(path: &Path, text: &str) -> Result<bool, StoreError> {
    if fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    // Write to a temporary file and rename, so an interrupted run never leaves a
    // half-written spec behind.
    let tmp = path.with_extension("json.tmp");
    fs::write(&tmp, text).map_err(io_error(&tmp))?;
    fs::rename(&tmp, path).map_err(io_error(path))?;
    Ok(true)
}

/// Write one spec under `root`; returns its path relative to `root`.
pub fn write_spec(root: &Path, spec: &PageSpec) -> Result<String, StoreError> {
    let rel = spec.spec_path();
    write_if_changed(&root.join(&rel), &spec.to_json())?;
    Ok(rel)
}

/// Write `lock.json` under `root`.
pub fn write_lock(root: &Path, lock: &LockFile) -> Result<(), StoreError> {
    write_if_changed(&root.join("lock.json"), &lock.to_json()).map(|_| ())
}

/// Write `schema.json` (the JSON Schema of the spec format) under `root`.
pub fn write_schema(root: &Path) -> Result<(), StoreError> {
    write_if_changed(&root.join("schema.json"), &schema_text()).map(|_| ())
}

/// The text of `schema.json`.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&crate::spec::json_schema())
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// Read `lock.json` under `root`, when it exists.
pub fn read_lock(root: &Path) -> Result<Option<LockFile>, StoreError> {
    let path = root.join("lock.json");
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::Io { path, source: e }),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| StoreError::Invalid {
        path,
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// The spec files under `root` (relative paths, sorted).
pub fn spec_files(root: &Path) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    for version in ["v1.0", "beta"] {
        for folder in ["api", "resources"] {
            let dir = root.join(version).join(folder);
            let entries = match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(StoreError::Io { path: dir, source: e }),
            };
            for entry in entries {
                let entry = entry.map_err(io_error(&dir))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".json") {
                    out.push(format!("{version}/{folder}/{name}"));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Read one spec file.
pub fn read_spec(root: &Path, rel: &str) -> Result<PageSpec, StoreError> {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).map_err(io_error(&path))?;
    PageSpec::from_json(&text).map_err(|e| StoreError::Invalid {
        path,
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Read every spec under `root`, sorted by path.
pub fn read_all(root: &Path) -> Result<Vec<(String, PageSpec)>, StoreError> {
    spec_files(root)?.into_iter().map(|rel| read_spec(root, &rel).map(|s| (rel, s))).collect()
}

/// Delete spec files under `root` that are not in `keep` (relative paths). Returns
/// the paths removed.
pub fn remove_stale(root: &Path, keep: &BTreeSet<String>) -> Result<Vec<String>, StoreError> {
    let mut removed = Vec::new();
    for rel in spec_files(root)? {
        if !keep.contains(&rel) {
            let path = root.join(&rel);
            fs::remove_file(&path).map_err(io_error(&path))?;
            removed.push(rel);
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec with a field the format does not have (a misspelling, or a field of a
    /// newer format) is refused, naming the file, the line and the field, instead of
    /// losing the fact it carries.
    #[test]
    fn unknown_fields_are_refused_with_their_place() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let rel = "beta/api/call-answer.json";
        let good = fs::read_to_string(root.join(rel)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let write = |text: &str| {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        };
        write(&good);
        assert!(read_spec(dir.path(), rel).is_ok(), "the checked-in spec reads");

        // At the top level of the page, and deep inside it (an operation's path segment).
        let top = good.replacen("\"stem\":", "\"stme\": \"x\",\n  \"stem\":", 1);
        let deep =
            good.replacen("\"kind\": \"literal\",", "\"kind\": \"literal\", \"vlaue\": 1,", 1);
        assert_ne!(deep, good, "the fixture has a literal path segment to misspell in");
        for (text, field) in [(top, "stme"), (deep, "vlaue")] {
            write(&text);
            let err = read_spec(dir.path(), rel).unwrap_err();
            let StoreError::Invalid { path, line, message, .. } = &err else {
                panic!("not an invalid-spec error: {err}")
            };
            assert!(path.ends_with(rel), "{err}");
            assert!(message.contains(&format!("unknown field `{field}`")), "{err}");
            // The line of the misspelled member, or (inside a tagged object, which serde
            // reads whole before it looks at the members) the end of that object.
            let at = text[..text.find(&format!("\"{field}\"")).unwrap()].lines().count();
            assert!((at..at + 4).contains(line), "{field} is on line {at}: {err}");
        }
    }
}
