//! The `graphgen` binary: `generate` writes what the build.rs `Builder` writes, byte for
//! byte; `check` exits 1 with a diff and the fixing command when the output is stale.

use std::path::{Path, PathBuf};
use std::process::Command;

use graphgen::Builder;

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("specs")
}

fn graphgen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_graphgen")).args(args).output().unwrap()
}

/// Every file under `dir`, relative path → contents.
fn tree(dir: &Path) -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn cli_output_equals_builder_output() {
    let cli_out = tempfile::tempdir().unwrap();
    let specs = specs();
    let output = graphgen(&[
        "generate",
        "--specs",
        specs.to_str().unwrap(),
        "--out",
        cli_out.path().to_str().unwrap(),
        "--only",
        "beta/api/call-*",
        "--root",
        "module",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    let builder_out = tempfile::tempdir().unwrap();
    Builder::new()
        .specs(&specs)
        .only(["beta/api/call-*"])
        .cargo_metadata(false)
        .generate_to(builder_out.path())
        .unwrap();
    let cli = tree(cli_out.path());
    assert!(cli.iter().any(|(p, _)| p == "beta/requests/call_stoptranscription.rs"));
    assert!(!cli.iter().any(|(p, _)| p.starts_with("v1/")), "--only selects beta pages only");
    assert_eq!(cli, tree(builder_out.path()));
}

#[test]
fn check_fails_with_a_diff_and_the_fix() {
    let out = tempfile::tempdir().unwrap();
    let specs = specs();
    let args = |command: &'static str| {
        vec![
            command.to_string(),
            "--specs".into(),
            specs.display().to_string(),
            "--out".into(),
            out.path().display().to_string(),
            "--only".into(),
            "v1.0/api/call-get".into(),
        ]
    };
    let run = |command| {
        let a = args(command);
        graphgen(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let missing = run("check");
    assert_eq!(missing.status.code(), Some(1));
    assert!(run("generate").status.success());
    let fresh = run("check");
    assert!(fresh.status.success(), "{}", String::from_utf8_lossy(&fresh.stderr));

    let file = out.path().join("v1/paths.rs");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("pub struct Graph", "pub struct Grph")).unwrap();
    let stale = run("check");
    assert_eq!(stale.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&stale.stdout);
    assert!(diff.contains("-pub struct Grph") && diff.contains("+pub struct Graph"), "{diff}");
    let message = String::from_utf8_lossy(&stale.stderr);
    assert!(message.contains("cargo run -p graphgen -- generate"), "{message}");
}

#[test]
fn regenerate_distills_then_generates() {
    let archive = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/graph-docs/graph-docs-modern-calls.tar.gz");
    let work = tempfile::tempdir().unwrap();
    let specs = work.path().join("specs");
    let out = work.path().join("src");
    let (specs, out) = (specs.to_str().unwrap(), out.to_str().unwrap());
    let output = graphgen(&[
        "regenerate",
        "--docs",
        archive.to_str().unwrap(),
        "--specs",
        specs,
        "--out",
        out,
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(Path::new(specs).join("v1.0/api/call-answer.json").exists());
    assert!(Path::new(out).join("v1/requests/call_answer.rs").exists());
    let check = graphgen(&["check", "--specs", specs, "--out", out]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
}

#[test]
fn a_page_over_max_page_bytes_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let page_dir = dir.path().join("docs/api-reference/v1.0/api");
    std::fs::create_dir_all(&page_dir).unwrap();
    let page = "---\ntitle: x\n---\n\n# widget: get\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n";
    std::fs::write(page_dir.join("widget-get.md"), page).unwrap();
    let docs = dir.path().join("docs");
    let out = dir.path().join("specs");
    let run = |limit: &str| {
        graphgen(&[
            "distill",
            "--docs",
            docs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--max-page-bytes",
            limit,
        ])
    };
    let refused = run("50");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    let expected = format!(
        "error: api-reference/v1.0/api/widget-get.md: page is {} bytes, over the 50-byte limit; not parsed",
        page.len()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(String::from_utf8_lossy(&refused.stdout).contains("page_too_large"));
    assert!(!out.join("v1.0/api/widget-get.json").exists());
    let accepted = run("100000");
    assert!(accepted.status.success(), "{}", String::from_utf8_lossy(&accepted.stderr));
    assert!(out.join("v1.0/api/widget-get.json").exists());
}

#[test]
fn a_specs_folder_without_specs_is_an_error_and_the_output_is_kept() {
    let empty = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let kept = out.path().join("lib.rs");
    std::fs::write(&kept, "// a good crate\n").unwrap();
    let output = graphgen(&[
        "generate",
        "--specs",
        empty.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(empty.path().to_str().unwrap()), "{stderr}");
    assert!(stderr.contains("no spec files here"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "// a good crate\n");
}
