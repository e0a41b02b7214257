//! `graphgen regenerate`: distill, then generate. The maintainer's one command after a
//! doc update.

use std::path::PathBuf;
use std::process::ExitCode;

use graphgen::Builder;
use graphgen::emit::RootKind;
use graphgen::job::DistillJob;
use graphgen::store;

use super::progress::Bar;

/// Distill the docs into specs (keeping the selection `specs/lock.json` records), then
/// emit the generated crate from them.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A docs source (tree, page or .tar.gz); repeatable, the first that has a page
    /// wins. Default: the sources `specs/lock.json` records.
    #[arg(long = "docs", value_name = "PATH")]
    docs: Vec<PathBuf>,
    /// The specs folder (its lock.json gives the page selection).
    #[arg(long, value_name = "DIR", default_value = "specs")]
    specs: PathBuf,
    /// Where the generated crate's sources go.
    #[arg(long, value_name = "DIR", default_value = "generated/src")]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut job = DistillJob::new(&args.specs);
    if args.docs.is_empty() {
        job = job.from_lock_if_empty()?;
    } else {
        for docs in &args.docs {
            job = job.source(docs);
        }
        if let Some(lock) = store::read_lock(&args.specs)? {
            job = job.only(lock.only).with_types(lock.with_types).clean(true);
        }
    }
    let report = job.run(&Bar::new())?;
    eprintln!("graphgen: {} specs in {}", report.specs(), args.specs.display());
    let emitted = Builder::new()
        .specs(&args.specs)
        .root(RootKind::Crate)
        .cargo_metadata(false)
        .generate_to(&args.out)?;
    eprintln!(
        "graphgen: {} files in {}, {} notes (fallbacks the specs forced)",
        emitted.files.len(),
        args.out.display(),
        emitted.report.diagnostics.len()
    );
    Ok(ExitCode::SUCCESS)
}
