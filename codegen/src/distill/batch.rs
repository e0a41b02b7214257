//! Distilling many pages at once, on every core.
//!
//! Pages are distilled in parallel (rayon) and handed to a sink as they finish, so a
//! caller can write each spec and drop it: memory stays bounded by the pages in
//! flight, not by the corpus.
//!
//! Each thread takes pages in small groups and runs the group stage by stage: every
//! page's parse, then every page's extraction ([`group`]). Parsing and extracting
//! each run through more code than the instruction cache holds; one page after the
//! other, each stage would evict the other's code at every page.

use std::borrow::Cow;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::source::DocSource;

use super::outline::Outline;
use super::{DistillError, DistillErrorKind, DistillOptions, Distilled, decode, extract};

/// Pages per group: enough to keep a stage's code hot, few enough that the group's
/// texts and outlines stay in the data caches.
pub const GROUP: usize = 8;

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
    paths.par_chunks(GROUP).for_each(|paths| {
        for (path, result) in paths.iter().zip(group(source, paths, options)) {
            sink(path, result);
            progress();
        }
    });
}

/// Distill a few pages stage by stage (read and decode all, parse all, extract all);
/// the results are in the order of `paths`, each what [`super::page`] gives.
pub fn group(source: &DocSource, paths: &[String], options: &DistillOptions) -> Vec<PageResult> {
    let unreadable = |path: &str| DistillError {
        path: path.to_string(),
        line: None,
        kind: DistillErrorKind::Unreadable,
    };
    let bytes: Vec<_> = paths.iter().map(|path| source.read(path)).collect();
    // Each page's text (empty for a page that failed), and its diagnostics so far or
    // why it failed.
    let mut texts = Vec::with_capacity(paths.len());
    let mut firsts = Vec::with_capacity(paths.len());
    for (path, bytes) in paths.iter().zip(&bytes) {
        let decoded = match bytes {
            Some(bytes) => decode(path, bytes, options),
            None => Err(unreadable(path)),
        };
        match decoded {
            Ok((text, diagnostics)) => {
                texts.push(text);
                firsts.push(Ok(diagnostics));
            }
            Err(e) => {
                texts.push(Cow::Borrowed(""));
                firsts.push(Err(e));
            }
        }
    }
    let parsed: Vec<_> = texts
        .iter()
        .zip(firsts)
        .map(|(text, first)| first.map(|diagnostics| (Outline::parse(text), diagnostics)))
        .collect();
    paths
        .iter()
        .zip(parsed)
        .map(|(path, parsed)| {
            let (outline, diagnostics) = parsed?;
            extract(source, path, &outline, diagnostics)
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_gives_what_each_page_gives_alone() {
        let api = "# call: answer\n\n## HTTP request\n\n```http\nPOST /communications/calls/{id}/answer\n```\n";
        let resource = "# call resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Read-only. |\n";
        let files = [
            ("api-reference/v1.0/api/call-answer.md", api.as_bytes().to_vec()),
            ("api-reference/v1.0/resources/call.md", resource.as_bytes().to_vec()),
            ("api-reference/v1.0/api/latin1.md", b"# caf\xe9\n\n## HTTP request\n".to_vec()),
            ("api-reference/v1.0/api/huge.md", vec![b'a'; 400]),
        ];
        let source = DocSource::from_files(
            files.iter().map(|(p, b)| (p.to_string(), b.clone())).collect(),
            "test",
        );
        let mut paths: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
        paths.push("api-reference/v1.0/api/missing.md".to_string());
        let options = DistillOptions { max_page_bytes: 300 };
        let grouped = group(&source, &paths, &options);
        let ok: Vec<bool> = grouped.iter().map(Result::is_ok).collect();
        assert_eq!(ok, [true, true, true, false, false], "{grouped:?}");
        for (path, result) in paths.iter().zip(grouped) {
            let alone = super::super::page(&source, path, &options);
            match (result, alone) {
                (Ok(g), Ok(a)) => {
                    assert_eq!(g.spec, a.spec, "{path}");
                    assert_eq!(g.includes, a.includes, "{path}");
                }
                (Err(g), Err(a)) => assert_eq!(g, a, "{path}"),
                (g, a) => panic!("{path}: grouped {g:?}, alone {a:?}"),
            }
        }
    }
}
