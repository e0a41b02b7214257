//! `graphgen distill`: doc pages -> specs.

use std::path::PathBuf;
use std::process::ExitCode;

use graphgen::distill::DistillOptions;
use graphgen::job::{DistillJob, DistillReport};

use super::progress::Bar;

/// Distill doc pages into JSON specs.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A docs source: an api-reference tree, a single page, or a .tar.gz of a docs
    /// checkout. Repeat to combine sources; the first one that has a page wins. Without
    /// any, the sources and selection recorded in OUT/lock.json are used.
    #[arg(long = "docs", value_name = "PATH")]
    docs: Vec<PathBuf>,
    /// Where to write the specs.
    #[arg(long, value_name = "DIR", default_value = "specs")]
    out: PathBuf,
    /// Keep only pages whose spec path matches (e.g. 'beta/api/call-*'). Repeatable.
    #[arg(long, value_name = "GLOB")]
    only: Vec<String>,
    /// Also write the resource pages that the selected actions' types reach.
    #[arg(long)]
    with_types: bool,
    /// Remove spec files in OUT that this run did not write.
    #[arg(long)]
    clean: bool,
    /// Pages larger than this many bytes are refused.
    #[arg(long, value_name = "BYTES", default_value_t = DistillOptions::default().max_page_bytes)]
    max_page_bytes: usize,
    /// Distill without writing anything.
    #[arg(long)]
    dry_run: bool,
    /// Exit with status 1 when any page has an error.
    #[arg(long)]
    strict: bool,
    /// Print wall time and peak memory at the end.
    #[arg(long)]
    stats: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let start = std::time::Instant::now();
    let mut job = DistillJob::new(&args.out)
        .only(args.only.iter().cloned())
        .with_types(args.with_types)
        .clean(args.clean)
        .dry_run(args.dry_run)
        .options(DistillOptions { max_page_bytes: args.max_page_bytes });
    for d in &args.docs {
        job = job.source(d);
    }
    let job = job.from_lock_if_empty()?;
    let report = job.run(&Bar::new())?;
    print_summary(&report, &args);
    if args.stats {
        super::stats::print(start);
    }
    Ok(if args.strict && report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn print_summary(report: &DistillReport, args: &Args) {
    let dest = if args.dry_run {
        "not written (dry run)".to_string()
    } else {
        format!("in {}", args.out.display())
    };
    outln!(
        "distilled {} pages: {} specs {} ({} api, {} resources); {} shadowed by an earlier source, {} not selected",
        report.pages,
        report.specs(),
        dest,
        report.api_specs,
        report.resource_specs,
        report.shadowed,
        report.not_selected,
    );
    let total = |m: &std::collections::BTreeMap<_, usize>| m.values().sum::<usize>();
    for (label, map) in
        [("errors", &report.errors), ("warnings", &report.warnings), ("notes", &report.notes)]
    {
        if map.is_empty() {
            continue;
        }
        outln!("{label}: {}", total(map));
        for (kind, n) in map {
            outln!("  {n:>6}  {kind}");
        }
    }
    if !report.failures.is_empty() {
        outln!("pages without a spec: {}", report.failures.len());
        let mut by_kind = std::collections::BTreeMap::<&str, usize>::new();
        for f in &report.failures {
            *by_kind.entry(f.kind.as_str()).or_default() += 1;
        }
        for (kind, n) in by_kind {
            outln!("  {n:>6}  {kind}");
        }
        for f in &report.failures {
            eprintln!("error: {f}");
        }
    }
    for (file, d) in &report.error_diagnostics {
        let line = d.line.map(|l| format!(":{l}")).unwrap_or_default();
        let file = d.file.as_deref().unwrap_or(file);
        eprintln!("error[{}]: {file}{line}: {}", d.kind, d.message);
    }
    if !report.missing_types.is_empty() {
        outln!("types no resource page defines: {}", report.missing_types.len());
        for (v, name) in &report.missing_types {
            outln!("  {v}: {name}");
        }
    }
    if !report.removed.is_empty() {
        outln!("removed {} stale spec files", report.removed.len());
    }
}
