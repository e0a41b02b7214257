//! Command-line parsing and dispatch. Each subcommand lives in its own module.

/// `println!` for the commands' output: see [`output`].
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::output::write(format_args!($($arg)*), true) };
}

/// `print!` for the commands' output: see [`output`].
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::write(format_args!($($arg)*), false) };
}

mod check;
mod diff;
mod distill;
mod generate;
mod output;
mod progress;
mod regenerate;
mod stats;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// graphgen: a code generator for Microsoft Graph, from its API reference pages.
#[derive(Debug, Parser)]
#[command(name = "graphgen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Distill doc pages (.md) into JSON specs.
    Distill(distill::Args),
    /// Emit Rust from specs.
    Generate(generate::Args),
    /// Exit 1 with a unified diff when the generated code differs from what the specs
    /// produce.
    Check(generate::Args),
    /// Distill, then generate: the one command after a doc update.
    Regenerate(regenerate::Args),
    /// Report the API changes between two spec folders (Markdown or JSON).
    Diff(diff::Args),
}

/// Parse the command line, run the command, render its errors.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Distill(args) => distill::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Check(args) => check::run(args),
        Command::Regenerate(args) => regenerate::run(args),
        Command::Diff(args) => diff::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("graphgen: error: {e}");
            let mut source = std::error::Error::source(&*e);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}
