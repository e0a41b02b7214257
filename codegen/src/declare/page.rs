//! `doc = "page.md"`: an action read from a doc page by the distiller.
//!
//! The path is relative to `CARGO_MANIFEST_DIR`. The page is opened as a one-page
//! [`DocSource`]: its includes resolve relative to it, within the docs checkout that
//! holds it (the folder above `api-reference/`) or else within its own folder, exactly
//! as `graphgen distill --docs page.md` reads it. Every file read (the page and its
//! includes) is returned, so the expansion can make the crate recompile when one
//! changes.
//!
//! A page the distiller cannot read, a resource page, and a page whose spec carries an
//! error-severity diagnostic (no request line, an unclosed code fence, ...) are errors
//! naming the file and line.

use std::path::{Path, PathBuf};

use super::grammar::PageDecl;
use crate::distill::{self, DistillOptions};
use crate::source::DocSource;
use crate::spec::{ApiPage, PageSpec, Severity};

/// Distill the page a `doc = "..."` declaration names. Returns the page and the files
/// read (absolute paths).
pub(crate) fn page(manifest_dir: &Path, decl: &PageDecl) -> syn::Result<(ApiPage, Vec<PathBuf>)> {
    let rel = decl.path.value();
    let err = |message: String| syn::Error::new(decl.path.span(), message);
    let file = manifest_dir.join(&rel);
    let file = match std::fs::canonicalize(&file)
        .and_then(|f| if f.is_file() { Ok(f) } else { Err(std::io::Error::other("not a file")) })
    {
        Ok(f) => f,
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                _ => e.to_string(),
            };
            return Err(err(format!(
                "cannot read doc page `{rel}` (relative to CARGO_MANIFEST_DIR): {why}"
            )));
        }
    };
    let source =
        DocSource::open(&file).map_err(|e| err(format!("cannot read doc page `{rel}`: {e}")))?;
    let page_path = source.pages().first().cloned().unwrap_or_default();
    let distilled =
        distill::page(&source, &page_path, &DistillOptions::default()).map_err(|e| {
            let line = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            err(format!("cannot distill doc page `{rel}{line}`: {}", e.kind))
        })?;
    let mut read = vec![file];
    for include in &distilled.includes {
        read.push(PathBuf::from(source.display_path(include)));
    }
    let api = match distilled.spec {
        PageSpec::Api(api) => api,
        PageSpec::Resource(resource) => {
            return Err(err(format!(
                "`{rel}` is a resource page (it defines the type `{}`): `action!` reads API \
                 pages (an \"HTTP request\" section)",
                resource.name
            )));
        }
    };
    let mut problems = api.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| {
        let file = d.file.as_deref().unwrap_or(&rel);
        let line = d.line.map(|l| format!(":{l}")).unwrap_or_default();
        err(format!("doc page `{file}{line}`: {} ({})", d.message, d.kind))
    });
    if let Some(mut first) = problems.next() {
        for more in problems {
            first.combine(more);
        }
        return Err(first);
    }
    Ok((api, read))
}
