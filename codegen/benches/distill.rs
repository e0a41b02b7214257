//! Distill benchmark: the whole 2021 corpus, distilled (read + parse + extract, no
//! writing), against a bare pulldown-cmark pass over the same files with the same
//! options, in the same run. Prints the ratio (target: <= 1.5x), the parallel
//! throughput, and the peak memory of a whole-corpus CLI run (target: <= 300 MB).
//!
//! Both passes run on one thread, interleaved, best of `DISTILL_BENCH_ROUNDS` (5)
//! rounds, with the allocator the CLI uses (mimalloc, see `src/main.rs`). Each pass
//! is timed in two parts, and the ratio is printed both ways:
//!
//! - **read + parse** (the definition, and the target this bench holds the
//!   distiller to): each pass opens the corpus where it lives, the `.tar.gz`, as the
//!   CLI does (`DocSource::open`: decompress and index every file), then parses every
//!   page (the bare pass: decode + `Parser::new_ext(text, markdown_options()).count()`;
//!   distill: `distill::page`, which decodes, parses and extracts). Reading is the
//!   same code on both sides, so it adds the same time to both.
//! - **parse only** (stricter): the pages are already in memory; only the per-page
//!   work is compared. Reported so the distiller's own overhead stays visible.
//!
//! A third pass, decode and outline only (`distill::outline_only`), splits the
//! distiller's own time between the walk over the parser's events and the extraction
//! from the outline it builds. A fourth, the floor, is the least any distiller built on
//! the parser's events must do: take every event with its offsets, match on it, and
//! validate the JSON of every code block (the spec carries example bodies as checked
//! JSON); it builds nothing. It shows how much of the gap to the bare pass is the
//! building of the outline and the spec rather than the parser or the JSON.
//!
//! Wall-clock numbers on a shared machine are noisy; `valgrind --tool=callgrind` with
//! `DISTILL_BENCH_ROUNDS=1 DISTILL_BENCH_SEQ_ONLY=1` gives deterministic instruction
//! counts of `bare_pass`, `distill_pass` and `DocSource::open` (called three times
//! then: once to list the pages, once per pass).
//!
//! Run: `cargo bench -p graphgen --bench distill` (after `cargo build --release -p graphgen`
//! for the CLI figure).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use graphgen::distill::batch::distill_all;
use graphgen::distill::outline::markdown_options;
use graphgen::distill::{self, DistillOptions};
use graphgen::source::DocSource;
use graphgen::spec::JsonText;
use pulldown_cmark::Parser;

/// The allocator the CLI uses (see `src/main.rs`), for both passes.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Rounds of each pass; `DISTILL_BENCH_ROUNDS=1` (with `DISTILL_BENCH_SEQ_ONLY=1` to
/// skip the parallel run and the CLI) is what a callgrind run wants.
fn rounds() -> usize {
    std::env::var("DISTILL_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5)
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let archive = root.join("../shared/graph-docs/graph-api-docs.tar.gz");
    let source = DocSource::open(&archive).expect("the 2021 archive opens");
    let pages = source.pages().to_vec();
    let bytes: usize = pages.iter().map(|p| source.read(p).map(|b| b.len()).unwrap_or(0)).sum();
    let options = DistillOptions::default();
    println!("corpus: {} pages, {:.1} MB", pages.len(), bytes as f64 / 1e6);

    // Interleave the two passes and keep each one's best round: the machine is shared
    // and noisy, and the minimum is the least disturbed measurement.
    // `DISTILL_BENCH_PASS=bare` or `=distill` runs only that pass (for `perf`);
    // `=walk` runs the bare pass and the walk, to measure the walk quickly.
    let only = std::env::var("DISTILL_BENCH_PASS").unwrap_or_default();
    let (mut bare, mut full) = (Timing::default(), Timing::default());
    let (mut walk, mut floor) = (Timing::default(), Timing::default());
    for _ in 0..rounds() {
        if only != "distill" {
            bare.add(&archive, |source| bare_pass(source, &pages));
        }
        if only == "walk" {
            walk.add(&archive, |source| outline_pass(source, &pages));
            continue;
        }
        if only != "bare" {
            full.add(&archive, |source| distill_pass(source, &pages, &options));
        }
        if only.is_empty() {
            walk.add(&archive, |source| outline_pass(source, &pages));
            floor.add(&archive, |source| floor_pass(source, &pages));
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    if only == "walk" {
        // The bare pass and the walk alone: a quick measure of the walk's own cost.
        println!(
            "bare pass parse {:.1} ms, decode + walk {:.1} ms: the walk costs {:.1} ms",
            ms(bare.parse),
            ms(walk.parse),
            ms(walk.parse) - ms(bare.parse)
        );
        return;
    }
    if only != "distill" {
        println!(
            "bare pulldown-cmark pass, 1 thread: read {:>4.0} ms + parse {:>4.0} ms = {:>4.0} ms",
            ms(bare.read),
            ms(bare.parse),
            ms(bare.total)
        );
    }
    if only != "bare" {
        println!(
            "distill, 1 thread:                  read {:>4.0} ms + parse/extract {:>4.0} ms = {:>4.0} ms",
            ms(full.read),
            ms(full.parse),
            ms(full.total)
        );
    }
    if !only.is_empty() {
        // One pass alone (for a profiler): there is nothing to compare it with.
        return;
    }
    println!(
        "ratio distill / bare pass (read + parse): {:.2}x (target <= 1.50x)",
        full.total.as_secs_f64() / bare.total.as_secs_f64()
    );
    println!(
        "ratio distill / bare pass (parse only, pages in memory): {:.2}x",
        full.parse.as_secs_f64() / bare.parse.as_secs_f64()
    );

    // Where the distiller's time goes beyond the bare pass: the outline (the one
    // walk over the parser's events, building blocks) and the extraction from it.
    let (parse, outline) = (bare.parse.as_secs_f64(), walk.parse.as_secs_f64());
    let extract = full.parse.as_secs_f64() - outline;
    println!(
        "split of the parse/extract part: parse {:.0} ms (1.00x) + outline walk {:.0} ms \
         ({:.2}x) + extraction {:.0} ms ({:.2}x)",
        parse * 1e3,
        (outline - parse) * 1e3,
        (outline - parse) / parse,
        extract * 1e3,
        extract / parse
    );

    println!(
        "floor (every event matched, every code block's JSON validated, nothing built): \
         parse {:.0} ms = {:.2}x the bare pass's parse; read + parse {:.2}x",
        ms(floor.parse),
        floor.parse.as_secs_f64() / parse,
        floor.total.as_secs_f64() / bare.total.as_secs_f64()
    );

    if std::env::var_os("DISTILL_BENCH_SEQ_ONLY").is_some() {
        return;
    }
    let threads = rayon::current_num_threads();
    let mut par = Duration::MAX;
    for _ in 0..rounds() {
        let t = Instant::now();
        black_box(distill_all(&source, &pages, &options).len());
        par = par.min(t.elapsed());
    }
    println!(
        "distill on {threads} threads: {:.0} ms ({:.0} pages/s; {:.2}x the 1-thread run)",
        par.as_secs_f64() * 1e3,
        pages.len() as f64 / par.as_secs_f64(),
        full.parse.as_secs_f64() / par.as_secs_f64()
    );

    cli_peak_memory(&root, &archive);
}

/// Best times of a pass: reading the archive, the per-page work, and the two together
/// (each the minimum over rounds; `total` is the best round's sum).
struct Timing {
    read: Duration,
    parse: Duration,
    total: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing { read: Duration::MAX, parse: Duration::MAX, total: Duration::MAX }
    }
}

impl Timing {
    /// One round: open the archive, run `pass` over it, drop it.
    fn add(&mut self, archive: &Path, pass: impl FnOnce(&DocSource)) {
        let t = Instant::now();
        let source = DocSource::open(archive).expect("the 2021 archive opens");
        let read = t.elapsed();
        let t = Instant::now();
        pass(&source);
        let parse = t.elapsed();
        drop(source);
        self.read = self.read.min(read);
        self.parse = self.parse.min(parse);
        self.total = self.total.min(read + parse);
    }
}

#[inline(never)]
fn bare_pass(source: &DocSource, pages: &[String]) {
    let mut events = 0usize;
    for p in pages {
        let b = source.read(p).expect("page is readable");
        events += Parser::new_ext(&decode(&b), markdown_options()).count();
    }
    black_box(events);
}

/// A page decoded as the distiller decodes it: checked, copied only when not UTF-8.
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Decode and outline every page (the distiller's walk over the parser's events),
/// extracting nothing.
#[inline(never)]
fn outline_pass(source: &DocSource, pages: &[String]) {
    for p in pages {
        let b = source.read(p).expect("page is readable");
        black_box(distill::outline_only(&b));
    }
}

/// The floor: decode, take every event with its offsets and match on it, and validate
/// the JSON of each code block (from its first `{` or `[`, as example bodies start after
/// the HTTP head); build nothing.
#[inline(never)]
fn floor_pass(source: &DocSource, pages: &[String]) {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut seen = 0usize;
    for p in pages {
        let b = source.read(p).expect("page is readable");
        let text = decode(&b);
        let mut code: Option<std::ops::Range<usize>> = None;
        for (event, range) in Parser::new_ext(&text, markdown_options()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => code = None,
                Event::Text(t) => {
                    seen += t.len();
                    match &mut code {
                        Some(c) => c.end = range.end,
                        None => code = Some(range),
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    let body = code.take().map_or("", |c| &text[c]);
                    if let Some(i) = body.find(['{', '[']) {
                        seen += usize::from(JsonText::parse(body[i..].trim()).is_ok());
                    }
                }
                Event::Start(_) => seen += 1,
                _ => seen += 2,
            }
        }
    }
    black_box(seen);
}

#[inline(never)]
fn distill_pass(source: &DocSource, pages: &[String], options: &DistillOptions) {
    for p in pages {
        black_box(distill::page(source, p, options).ok());
    }
}

/// Run the release CLI over the whole corpus (writing specs to a temp dir) and report
/// its peak resident memory, which it prints itself with `--stats`.
fn cli_peak_memory(root: &Path, archive: &Path) {
    let bin: PathBuf = root.join("target/release/graphgen");
    if !bin.exists() {
        println!("CLI peak memory: skipped (build it first: cargo build --release -p graphgen)");
        return;
    }
    let out = std::env::temp_dir().join(format!("graphgen-bench-{}", std::process::id()));
    let result = Command::new(&bin)
        .args(["distill", "--stats", "--clean", "--docs"])
        .arg(archive)
        .arg("--out")
        .arg(&out)
        .output();
    let _ = std::fs::remove_dir_all(&out);
    match result {
        Ok(o) => {
            let stdout = String::from_utf8_lossy(&o.stdout);
            for line in stdout
                .lines()
                .filter(|l| l.starts_with("peak memory") || l.starts_with("wall time"))
            {
                let target =
                    if line.starts_with("peak memory") { " (target <= 300 MB)" } else { "" };
                println!("CLI whole-corpus run: {line}{target}");
            }
        }
        Err(e) => println!("CLI peak memory: could not run {}: {e}", bin.display()),
    }
}
