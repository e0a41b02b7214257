//! `graphgen generate`: specs -> Rust files.

use std::path::PathBuf;
use std::process::ExitCode;

use graphgen::Builder;
use graphgen::emit::{RootKind, manifest};

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
    /// Gate the code by API area, one cargo feature per area (declared by
    /// `--manifest`).
    #[arg(long)]
    pub area_features: bool,
    /// Also write a crate manifest here (`Cargo.toml` with one feature per API
    /// version and area, `full`, docs.rs settings).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// The package name in `--manifest`.
    #[arg(long, value_name = "NAME", default_value = "msgraph-typed")]
    pub crate_name: String,
    /// The `graphgen-runtime` dependency in `--manifest`: a path to the runtime crate
    /// (default: the crates.io version of this graphgen).
    #[arg(long, value_name = "DIR")]
    pub runtime_path: Option<PathBuf>,
    /// Make the `--manifest` crate its own workspace (for output inside another
    /// workspace's folder, such as `target/`).
    #[arg(long)]
    pub own_workspace: bool,
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
        Builder::new()
            .specs(&self.specs)
            .only(self.only.clone())
            .root(root)
            .area_features(self.area_features)
            .cargo_metadata(false)
    }
}

pub fn run(args: Args) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let emitted = args.builder().generate_to(&args.out)?;
    for diagnostic in &emitted.report.diagnostics {
        eprintln!("note: {diagnostic}");
    }
    for skipped in &emitted.report.skipped {
        eprintln!("warning: {skipped}");
    }
    if let Some(path) = &args.manifest {
        let runtime = match &args.runtime_path {
            Some(dir) => format!("{{ path = {:?} }}", dir.display().to_string()),
            None => format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        };
        let text = manifest::cargo_toml(&manifest::Manifest {
            name: args.crate_name.clone(),
            runtime,
            areas: emitted.report.areas.clone(),
            own_workspace: args.own_workspace,
        });
        graphgen::store::write_if_changed(path, &text)?;
    }
    eprintln!(
        "graphgen: {} files in {}, {} notes (fallbacks the specs forced), {} pages skipped, {} areas",
        emitted.files.len(),
        args.out.display(),
        emitted.report.diagnostics.len(),
        emitted.report.skipped.len(),
        emitted.report.areas.len()
    );
    Ok(ExitCode::SUCCESS)
}
