//! Generate the beta call actions from the workspace's specs, as a downstream crate
//! would from its own, the emitter's naming edge-case fixture, and the hostile-page
//! suite's usable cases.

#[path = "../hostile/pages.rs"]
mod hostile_pages;

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = std::env::var("OUT_DIR")?;
    graphgen::Builder::new()
        .specs("../../specs")
        .only(["beta/api/call-*"])
        .generate_to(format!("{out_dir}/graph"))?;
    // The naming edge-case fixture: keywords, case collisions, recursive types, odd
    // enum members, polymorphic values, function and template segments. Compiling it
    // here (clippy -D warnings in CI) proves the emitter's answers are valid Rust.
    graphgen::Builder::new()
        .specs("../../codegen/tests/fixtures/naming")
        .generate_to(format!("{out_dir}/naming"))?;
    hostile(Path::new(&out_dir))?;
    Ok(())
}

/// The hostile pages that still describe a usable action (`tests/hostile/pages.rs`),
/// beside the good pages: distilled like any docs tree, then generated. Compiling the
/// output proves that what the distiller salvaged from them is valid Rust.
fn hostile(out_dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=../hostile/pages.rs");
    let docs = out_dir.join("hostile-docs");
    let specs = out_dir.join("hostile-specs");
    if docs.exists() {
        std::fs::remove_dir_all(&docs)?;
    }
    let usable = hostile_pages::cases().into_iter().filter(|c| c.usable).flat_map(|c| c.files);
    for (path, bytes) in hostile_pages::good_pages().into_iter().chain(usable) {
        let path = docs.join(path);
        std::fs::create_dir_all(path.parent().ok_or("a page path has a folder")?)?;
        std::fs::write(path, bytes)?;
    }
    graphgen::job::DistillJob::new(&specs)
        .source(&docs)
        .clean(true)
        .run(&graphgen::job::NoProgress)?;
    graphgen::Builder::new()
        .specs(&specs)
        .cargo_metadata(false)
        .generate_to(out_dir.join("hostile"))?;
    Ok(())
}
