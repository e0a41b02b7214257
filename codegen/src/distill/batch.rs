//! Distilling many pages at once, on every core.
//!
//! Pages are distilled in parallel (rayon) and handed to a sink as they finish, so a
//! caller can write each spec and drop it: memory stays bounded by the pages in
//! flight, not by the corpus.

use std::sync::Mutex;

use rayon::prelude::*;

use crate::source::DocSource;

use super::{DistillError, DistillOptions, Distilled, page};

/// The outcome of one page.
pub type PageResult = Result<Distilled, DistillError>;

/// Distill `paths` of `source` in parallel, calling `sink` with each result (from
/// worker threads, in no particular order) and `progress` after each page.
pub fn distill_paths<S, P>(
    source: &DocSource,
    paths: &[String],
    options: &DistillOptions,
    sink: S,
    progress: P,
) where
    S: Fn(&str, PageResult) + Sync,
    P: Fn() + Sync,
{
    paths.par_iter().for_each(|path| {
        let result = page(source, path, options);
        sink(path, result);
        progress();
    });
}

/// Distill `paths` and collect every result, sorted by path (for tests and
/// benchmarks; the CLI streams instead).
pub fn distill_all(
    source: &DocSource,
    paths: &[String],
    options: &DistillOptions,
) -> Vec<(String, PageResult)> {
    let out = Mutex::new(Vec::with_capacity(paths.len()));
    distill_paths(
        source,
        paths,
        options,
        |path, result| {
            if let Ok(mut v) = out.lock() {
                v.push((path.to_string(), result));
            }
        },
        || {},
    );
    let mut out = out.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
