//! The `graphgen` command line: thin shells over the library, one file per subcommand.

pub mod check;
pub mod generate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `graphgen`: distill Microsoft Graph reference pages into specs, emit Rust from them.
#[derive(Debug, Parser)]
#[command(name = "graphgen", version, about)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Emit Rust from specs.
    Generate(generate::GenerateArgs),
    /// Check that the generated code is what the specs produce (exit 1 with a diff if not).
    Check(check::CheckArgs),
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Generate(args) => args.run().map(|_| ExitCode::SUCCESS),
        Command::Check(args) => args.run(),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("graphgen: {error}");
            ExitCode::from(2)
        }
    }
}

/// Errors of the CLI subcommands.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The specs could not be read.
    #[error(transparent)]
    Load(#[from] crate::specset::LoadError),
    /// Emitting failed.
    #[error(transparent)]
    Emit(#[from] crate::emit::EmitError),
    /// Writing or reading the output failed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: std::path::PathBuf,
        /// The error.
        source: std::io::Error,
    },
}
