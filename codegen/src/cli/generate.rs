//! `graphgen generate`: specs -> Rust files.

use std::path::PathBuf;
use std::process::ExitCode;

use graphgen::Builder;
use graphgen::emit::RootKind;

/// Emit Rust from specs.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The specs folder.
    #[arg(long, value_name = "DIR", default_value = "specs")]
    pub specs: PathBuf,
    /// Where to write the code (generated files no longer produced are removed).
    #[arg(long, value_name = "DIR", default_value = "generated/src")]
    pub out: PathBuf,
    /// Keep only specs whose path matches (e.g. 'beta/api/call-*'), with the types they
    /// reach. Repeatable. Default: every API spec.
    #[arg(long, value_name = "GLOB")]
    pub only: Vec<String>,
    /// The root file: `crate` (lib.rs with a cargo feature per version), `module`
    /// (mod.rs for include!, what the build.rs Builder writes) or `inline` (one mod.rs
    /// with every module inline: what the `action!` macro expands to).
    #[arg(long, value_enum, default_value_t = Root::Crate)]
    pub root: Root,
}

/// `--root` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Root {
    /// `lib.rs` of a crate.
    Crate,
    /// `mod.rs` for `include!`.
    Module,
    /// One `mod.rs`, every module inline (the `action!` macro's expansion).
    Inline,
}

impl Args {
    /// The builder these arguments describe.
    pub fn builder(&self) -> Builder {
        let root = match self.root {
            Root::Crate => RootKind::Crate,
            Root::Module => RootKind::Module,
            Root::Inline => RootKind::Inline,
        };
        Builder::new().specs(&self.specs).only(self.only.clone()).root(root).cargo_metadata(false)
    }
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let emitted = args.builder().generate_to(&args.out)?;
    for diagnostic in &emitted.diagnostics {
        eprintln!("note: {diagnostic}");
    }
    eprintln!(
        "graphgen: {} files in {}, {} notes (fallbacks the specs forced)",
        emitted.files.len(),
        args.out.display(),
        emitted.diagnostics.len()
    );
    Ok(ExitCode::SUCCESS)
}
