//! The `graphgen` command-line tool.

fn main() {
    eprintln!("graphgen: no commands yet");
    std::process::exit(2);
}
