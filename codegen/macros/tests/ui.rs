//! Compile-fail tests: every mistake in an `action!` input is a `compile_error!` at the
//! offending token; the `.stderr` files pin the messages as the compiler shows them.
//! And the README's example compiles.
//!
//! Refresh the `.stderr` files after a deliberate change of a message with
//! `TRYBUILD=overwrite cargo test -p graphgen-macros --test ui`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/pass/*.rs");
}
