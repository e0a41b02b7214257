//! The `graphgen` command-line tool.

use clap::Parser;

fn main() -> std::process::ExitCode {
    graphgen::cli::run(graphgen::cli::Cli::parse())
}
