//! `graphgen diff OLD NEW`: the API change report between two spec folders.

use std::path::PathBuf;
use std::process::ExitCode;

use graphgen::SpecSet;
use graphgen::diff;

/// Output formats of the report.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For people: pull requests, release notes.
    Markdown,
    /// For tools.
    Json,
}

/// Print what changed between two spec folders, each change marked breaking or not.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old specs folder.
    old: PathBuf,
    /// The new specs folder.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Exit with status 1 when any change is breaking.
    #[arg(long)]
    fail_on_breaking: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let (old, _) = SpecSet::load_dir(&args.old)?;
    let (new, _) = SpecSet::load_dir(&args.new)?;
    let report =
        diff::compare(&old, &new, &args.old.display().to_string(), &args.new.display().to_string());
    let text = match args.format {
        Format::Markdown => diff::to_markdown(&report),
        Format::Json => diff::to_json(&report),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?,
        None => out!("{text}"),
    }
    let failed = args.fail_on_breaking && report.breaking() > 0;
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
