//! Compiles the resource specs of the repository's `specs/` folder into the macro: the
//! types that declared actions name resolve against them (unless an input names
//! another folder with `#![specs = "dir"]`).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let specs = manifest.join("../../specs");
    let mut entries = String::new();
    for version in ["v1.0", "beta"] {
        let dir = specs.join(version).join("resources");
        println!("cargo:rerun-if-changed={}", dir.display());
        let Ok(read) = fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for file in files {
            let name = file.file_name().expect("a file").to_string_lossy().into_owned();
            let file = file.canonicalize().expect("listed files exist");
            println!("cargo:rerun-if-changed={}", file.display());
            writeln!(
                entries,
                "    ({:?}, include_str!({:?})),",
                format!("{version}/resources/{name}"),
                file
            )
            .expect("writing to a String");
        }
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("builtin_specs.rs");
    let text = format!(
        "/// The resource specs of `specs/`: (path relative to `specs/`, JSON).\n\
         pub(crate) static RESOURCES: &[(&str, &str)] = &[\n{entries}];\n"
    );
    fs::write(out, text).expect("OUT_DIR is writable");
}
