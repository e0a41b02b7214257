//! `--stats`: wall time and peak memory of a run (Linux: `VmHWM` of /proc/self/status).

use std::time::Instant;

/// Print the time since `start` and the process's peak resident memory.
pub fn print(start: Instant) {
    outln!("wall time: {:.2} s", start.elapsed().as_secs_f64());
    match peak_rss_kb() {
        Some(kb) => outln!("peak memory: {:.1} MB", kb as f64 / 1024.0),
        None => outln!("peak memory: unknown (no /proc/self/status)"),
    }
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
