//! Shared helpers for the end-to-end tests: where the shared docs corpus lives.

pub mod examples;

use std::path::PathBuf;

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits inside the workspace")
        .to_path_buf()
}

/// `../shared`, beside the checkout: the seeds and the docs archives.
pub fn shared_dir() -> PathBuf {
    workspace_root().join("..").join("shared")
}
