//! Generate the beta call actions from the workspace's specs, as a downstream crate
//! would from its own.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = std::env::var("OUT_DIR")?;
    graphgen::Builder::new()
        .specs("../../specs")
        .only(["beta/api/call-*"])
        .generate_to(format!("{out_dir}/graph"))?;
    Ok(())
}
