//! The arena a page's outline lives in, one per thread, emptied after each page and
//! kept for the next: the walk allocates from it without a call to the allocator, and
//! nothing is freed piece by piece.

use std::cell::Cell;

use super::Arena;

thread_local! {
    /// This thread's arena between pages (`None` while a page is using it).
    static SPARE: Cell<Option<Arena>> = const { Cell::new(None) };
}

/// Run `f` with this thread's arena, emptied afterwards. A nested call (a page's
/// include outlined while the page's outline is alive) gets an arena of its own.
pub(crate) fn with_arena<R>(f: impl FnOnce(&Arena) -> R) -> R {
    let mut arena = SPARE.take().unwrap_or_default();
    let out = f(&arena);
    arena.reset();
    SPARE.set(Some(arena));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arena_is_kept_for_the_next_page_and_nesting_gets_its_own() {
        with_arena(|a| {
            a.alloc_slice_fill_copy(100_000, 0u8);
        });
        // The next page starts with the memory the last one grew to, emptied.
        with_arena(|a| {
            assert!(a.allocated_bytes() >= 100_000);
            assert!(a.chunk_capacity() >= 100_000);
            // A nested call cannot share it.
            with_arena(|inner| assert!(inner.allocated_bytes() < 100_000));
        });
    }
}
