//! Command-line parsing and dispatch. Each subcommand lives in its own module.

mod distill;
mod progress;
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
}

/// Parse the command line, run the command, render its errors.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Distill(args) => distill::run(args),
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
