//! `graphgen check`: exit 1 with a unified diff when the generated code is not what the
//! specs produce.

use std::process::ExitCode;

use super::generate::{Args, Root};

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let diff = args.builder().diff(&args.out)?;
    if diff.is_empty() {
        eprintln!("graphgen: {} is up to date with {}", args.out.display(), args.specs.display());
        return Ok(ExitCode::SUCCESS);
    }
    out!("{diff}");
    let mut command = format!(
        "cargo run -p graphgen -- generate --specs {} --out {}",
        args.specs.display(),
        args.out.display()
    );
    for only in &args.only {
        command.push_str(&format!(" --only '{only}'"));
    }
    if args.root == Root::Module {
        command.push_str(" --root module");
    }
    eprintln!(
        "graphgen: {} differs from what {} produce; run `{command}` to update it",
        args.out.display(),
        args.specs.display()
    );
    Ok(ExitCode::FAILURE)
}
