//! Expansion time of the `action!` proc-macro for a file of 50 declared actions
//! (`tests/macro_fifty.rs`, one `action!` per action), spent as the proc-macro spends
//! it: the built-in resource specs parsed from JSON once per compiler process, then one
//! expansion (`graphgen::declare::expand`) per invocation. Prints the figures and the
//! share of the expansion spent on the specs, the emitter and the checks.
//!
//! Run: `cargo bench -p graphgen --bench declare`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use graphgen::declare::{self, Context, Resources};
use proc_macro2::TokenStream;

const ROUNDS: usize = 5;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let file = root.join("tests/macro_fifty.rs");
    let text = std::fs::read_to_string(&file).expect("tests/macro_fifty.rs is readable");
    let parsed = syn::parse_file(&text).expect("tests/macro_fifty.rs parses");
    let inputs: Vec<TokenStream> = parsed
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m)
                if m.mac.path.segments.last().is_some_and(|s| s.ident == "action") =>
            {
                Some(m.mac.tokens.clone())
            }
            _ => None,
        })
        .collect();
    assert_eq!(inputs.len(), 50, "tests/macro_fifty.rs declares 50 actions");

    // What the proc-macro compiles in: the resource specs of `specs/` as JSON text.
    let mut json = Vec::new();
    for version in ["v1.0", "beta"] {
        let dir = root.join("specs").join(version).join("resources");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("specs/ has resource specs")
            .map(|e| e.expect("a listed file").path())
            .collect();
        files.sort();
        for path in files {
            let name =
                format!("{version}/resources/{}", path.file_name().unwrap().to_string_lossy());
            json.push((name, std::fs::read_to_string(&path).expect("a readable spec")));
        }
    }

    let (mut specs_time, mut expand_time, mut declare_time) =
        (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut tokens = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let resources =
            Resources::from_json(json.iter().map(|(p, t)| (p.as_str(), t.as_str())), "specs/")
                .expect("the built-in specs parse");
        specs_time = specs_time.min(t.elapsed());
        let ctx = Context { manifest_dir: &root, resources: &resources };

        // Parsing and checking alone (grammar, lowering, type resolution).
        let t = Instant::now();
        for input in &inputs {
            black_box(declare::declare(input.clone(), &ctx).expect("each declaration is valid"));
        }
        declare_time = declare_time.min(t.elapsed());

        // The whole expansion: the above, then the emitter's tokens.
        let t = Instant::now();
        tokens = 0;
        for input in &inputs {
            let expansion = black_box(declare::expand(input.clone(), &ctx));
            tokens += count(expansion);
        }
        expand_time = expand_time.min(t.elapsed());
    }
    let total = specs_time + expand_time;
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!(
        "50 declared actions ({} resource specs compiled in), {tokens} tokens expanded",
        json.len()
    );
    println!("best of {ROUNDS}: {total:.2?} in all for the file ({:.2?} per action)", total / 50);
    println!(
        "  built-in specs parsed (once per compiler process) {specs_time:.2?} ({:.0}%)",
        share(specs_time)
    );
    println!(
        "  50 expansions {expand_time:.2?} ({:.0}%), of which parse + check {declare_time:.2?} \
         and the emitter {:.2?}",
        share(expand_time),
        expand_time.saturating_sub(declare_time)
    );
}

/// Every token of a stream, groups' contents included.
fn count(stream: TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Group(g) => 1 + count(g.stream()),
            _ => 1,
        })
        .sum()
}
