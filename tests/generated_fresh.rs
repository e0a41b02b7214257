//! `generated/src` is exactly what `graphgen generate` writes from `specs/` (CI also
//! runs `graphgen check`, which prints the diff).

use graphgen::Builder;
use graphgen::emit::RootKind;
use graphgen_tests::workspace_root;

#[test]
fn generated_crate_is_current() {
    let root = workspace_root();
    let diff = Builder::new()
        .specs(root.join("specs"))
        .root(RootKind::Crate)
        .cargo_metadata(false)
        .diff(root.join("generated/src"))
        .unwrap();
    assert!(
        diff.is_empty(),
        "generated/src is stale: run `cargo run -p graphgen -- generate --specs specs --out generated/src`\n{diff}"
    );
}
