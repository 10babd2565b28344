//! Shared by the benchmarks: timing whole processes.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The median wall time of `runs` runs of `program args` (stdout discarded); each run
/// must succeed.
pub fn median_run(program: &str, args: &[&str], runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(program)
                .args(args)
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success(), "{program} {args:?} failed");
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
