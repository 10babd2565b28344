//! Shared by the benchmarks: a Dify folder to measure in, timing whole processes.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The median wall time of `runs` runs of `program args` (stdout discarded); each run
/// must succeed.
#[allow(dead_code)]
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

/// A minimal Dify folder (compose file, `.env` with a domain, `volumes/certbot/logs/`)
/// in a temporary folder under DIFY_HTTPS_BENCH_DIR (else the system's); returns it
/// and the path of its `letsencrypt.log` (not created).
#[allow(dead_code)]
pub fn bench_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let base = std::env::var("DIFY_HTTPS_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir());
    let dir = tempfile::Builder::new()
        .prefix("dify-https-bench-")
        .tempdir_in(base)
        .unwrap();
    std::fs::write(
        dir.path().join("docker-compose.yaml"),
        "services:\n  certbot:\n    image: certbot/certbot\n",
    )
    .unwrap();
    std::fs::write(dir.path().join(".env"), "CERTBOT_DOMAIN=dify.example.org\n").unwrap();
    let logs = dir.path().join("volumes/certbot/logs");
    std::fs::create_dir_all(&logs).unwrap();
    (dir, logs.join("letsencrypt.log"))
}

/// Prints each target as met or missed; exits 1 when one was missed.
#[allow(dead_code)]
pub fn report(checks: &[(&str, bool)]) {
    let mut missed = false;
    for (what, ok) in checks {
        println!("{} {what}", if *ok { "MET   " } else { "MISSED" });
        missed |= !ok;
    }
    if missed {
        std::process::exit(1);
    }
}
