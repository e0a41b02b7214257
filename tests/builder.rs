//! The downstream crate's build.rs output (through `graphgen::Builder`) is byte for
//! byte what the emitter gives for the same specs and `--only` patterns, which is what
//! `graphgen generate --root module` writes (`codegen/tests/cli.rs` checks that half).

use std::path::Path;

use graphgen::SpecSet;
use graphgen::emit::{self, EmitOptions, RootKind};
use graphgen_tests::workspace_root;

#[test]
fn build_rs_output_equals_the_emitter_output() {
    let (set, _) = SpecSet::load_dir(&workspace_root().join("specs")).unwrap();
    let options = EmitOptions {
        only: vec!["beta/api/call-*".into()],
        root: RootKind::Module,
        area_features: false,
    };
    let emitted = emit::emit_files(&set, &options).unwrap();
    let dir = Path::new(graphgen_downstream::GENERATED_DIR);
    let mut on_disk = Vec::new();
    collect(dir, dir, &mut on_disk);
    on_disk.sort();
    let expected: Vec<String> = emitted.files.iter().map(|f| f.path.clone()).collect();
    assert_eq!(on_disk, expected, "the build script wrote other files");
    for file in &emitted.files {
        let text = std::fs::read_to_string(dir.join(&file.path)).unwrap();
        assert!(text == file.contents, "{} differs from the emitter's output", file.path);
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}
