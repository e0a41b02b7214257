//! Generate the beta call actions from the workspace's specs, as a downstream crate
//! would from its own, and the emitter's naming edge-case fixture.

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
    Ok(())
}
