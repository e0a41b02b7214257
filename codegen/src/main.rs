//! The `graphgen` command-line tool: a thin shell over the library.

mod cli;

/// mimalloc instead of the system allocator: distilling makes millions of small,
/// short-lived allocations (strings of a page's spec, outline buffers), from every
/// core at once; glibc's malloc spends more on them than the rest of the work does.
/// The distill benchmark uses the same allocator.
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
