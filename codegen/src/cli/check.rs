//! `graphgen check`: fail with a diff when the generated code is not what the specs
//! produce.

use std::fs;
use std::process::ExitCode;

use clap::Args;
use similar::TextDiff;

use super::CliError;
use super::generate::{GenerateArgs, stale_files};

/// The same arguments as `generate`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// What `generate` would be run with.
    #[command(flatten)]
    pub generate: GenerateArgs,
}

impl CheckArgs {
    /// Compare; print a unified diff and return exit code 1 when they differ.
    pub fn run(&self) -> Result<ExitCode, CliError> {
        let diff = self.diff()?;
        if diff.is_empty() {
            eprintln!(
                "graphgen: {} is up to date with {}",
                self.generate.out.display(),
                self.generate.specs.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        print!("{diff}");
        eprintln!("{}", self.fix_message());
        Ok(ExitCode::from(1))
    }

    /// The command that brings the output up to date.
    pub fn fix_message(&self) -> String {
        let g = &self.generate;
        let mut command = format!(
            "cargo run -p graphgen -- generate --specs {} --out {}",
            g.specs.display(),
            g.out.display()
        );
        for only in &g.only {
            command.push_str(&format!(" --only '{only}'"));
        }
        if g.root == super::generate::Root::Module {
            command.push_str(" --root module");
        }
        format!(
            "graphgen: {} differs from what {} produces; run `{command}` to update it",
            g.out.display(),
            g.specs.display()
        )
    }

    /// The unified diff from the files on disk to the files the specs produce (empty
    /// when equal).
    pub fn diff(&self) -> Result<String, CliError> {
        let emitted = self.generate.emit()?;
        let out = &self.generate.out;
        let mut diff = String::new();
        for file in &emitted.files {
            let path = out.join(&file.path);
            let old = fs::read_to_string(&path).unwrap_or_default();
            if old != file.contents {
                let shown = path.display().to_string();
                diff.push_str(
                    &TextDiff::from_lines(&old, &file.contents)
                        .unified_diff()
                        .header(&shown, &shown)
                        .to_string(),
                );
            }
        }
        for stale in stale_files(out, &emitted.files)? {
            let old = fs::read_to_string(&stale)
                .map_err(|source| CliError::Io { path: stale.clone(), source })?;
            let shown = stale.display().to_string();
            diff.push_str(
                &TextDiff::from_lines(&old, "")
                    .unified_diff()
                    .header(&shown, "/dev/null")
                    .to_string(),
            );
        }
        Ok(diff)
    }
}
