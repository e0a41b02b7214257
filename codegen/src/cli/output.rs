//! Standard output for the commands: a closed pipe (`graphgen diff A B | head`) ends the
//! program quietly instead of panicking as `println!` does.

use std::fmt;
use std::io::{self, Write};

/// Write `args` (and a newline, when asked) to standard output.
pub fn write(args: fmt::Arguments<'_>, newline: bool) {
    let mut out = io::stdout().lock();
    let result =
        out.write_fmt(args).and_then(|()| if newline { out.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = result {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("graphgen: error: writing to standard output: {e}");
        std::process::exit(1);
    }
}
