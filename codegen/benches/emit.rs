//! Emit benchmark: the whole 2021 corpus, distilled in memory, then emitted (every API
//! page of both versions and every type they reach). Prints the time per 1,000
//! operations and the share of it spent formatting (syn parse + prettyplease).
//!
//! Run: `cargo bench -p graphgen --bench emit`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use graphgen::SpecSet;
use graphgen::distill::DistillOptions;
use graphgen::distill::batch::distill_all;
use graphgen::emit::{self, EmitOptions, RootKind};
use graphgen::source::DocSource;
use graphgen::spec::PageSpec;

const ROUNDS: usize = 3;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let archive = root.join("../shared/graph-docs/graph-api-docs.tar.gz");
    let source = DocSource::open(&archive).expect("the 2021 archive opens");
    let t = Instant::now();
    let distilled = distill_all(&source, source.pages(), &DistillOptions::default());
    let specs: Vec<PageSpec> =
        distilled.into_iter().filter_map(|(_, r)| r.ok()).map(|d| d.spec).collect();
    println!("distilled {} pages in {:.2?} (not measured below)", specs.len(), t.elapsed());
    let set = SpecSet::from_specs(specs);
    let operations: usize = set
        .api_pages()
        .map(|(_, page)| {
            let live = page.operations.iter().filter(|o| !o.deprecated).count();
            if live == 0 { page.operations.len() } else { live }
        })
        .sum();
    let options = EmitOptions { only: Vec::new(), root: RootKind::Crate, area_features: true };

    let (mut tokens_time, mut parse_time, mut print_time) =
        (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut summary = (0, 0, 0);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let (files, report) = emit::emit_tokens(&set, &options).expect("the corpus emits");
        let diagnostics = report.diagnostics;
        tokens_time = tokens_time.min(t.elapsed());

        let streams: Vec<_> = files.iter().map(|f| f.tokens.clone()).collect();
        let t = Instant::now();
        let parsed: Vec<syn::File> =
            streams.into_iter().map(|s| syn::parse2(s).expect("emitted code parses")).collect();
        parse_time = parse_time.min(t.elapsed());

        let t = Instant::now();
        let bytes: usize = parsed.iter().map(|f| black_box(prettyplease::unparse(f)).len()).sum();
        print_time = print_time.min(t.elapsed());
        summary = (files.len(), bytes, diagnostics.len());
    }
    let total = tokens_time + parse_time + print_time;
    let per_1000 = total.as_secs_f64() * 1000.0 / operations as f64;
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!(
        "emitted {} API pages ({operations} operations), {} files, {:.1} MB of Rust, {} notes",
        set.api_pages().count(),
        summary.0,
        summary.1 as f64 / 1e6,
        summary.2
    );
    println!(
        "best of {ROUNDS}: {total:.2?} in all, {:.1} ms per 1,000 operations",
        per_1000 * 1000.0
    );
    println!(
        "  tokens {tokens_time:.2?} ({:.0}%), syn parse {parse_time:.2?} ({:.0}%), prettyplease {print_time:.2?} ({:.0}%)",
        share(tokens_time),
        share(parse_time),
        share(print_time)
    );
    println!(
        "  formatting (syn parse + prettyplease): {:.0}% of the emit time",
        share(parse_time + print_time)
    );
}
