//! `cargo bench --bench log_view`: the run screen's log path on a 1 GiB certbot log.
//!
//! * ingestion: `LogFollower` (read, split, sanitize) into the bounded `LogBuffer`,
//!   lines per second over the whole file; target at least 1,000,000 lines/s;
//! * memory: the process's peak resident size (VmHWM) while doing it; target < 20 MiB;
//! * `dify-https logs -n 50` on the same file against `tail -n 50`, median of 15 runs
//!   each, whole processes; target within 3x.
//!
//! The file is generated in a temporary folder (DIFY_HTTPS_BENCH_DIR to choose where)
//! and removed afterwards. Exits 1 when a target is missed.

mod support;

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use dify_https::core::logs::{LogBuffer, LogFollower};
use dify_https::core::run::LineSource;

const SIZE: u64 = 1 << 30;

fn status_kib(field: &str) -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Writes about `size` bytes of certbot-like log lines; returns the line count.
fn generate(path: &Path, size: u64) -> u64 {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path).unwrap());
    let (mut written, mut lines) = (0u64, 0u64);
    let samples = [
        "DEBUG:acme.client:Sending POST request to https://acme-v02.api.letsencrypt.org/acme/new-order:",
        "INFO:certbot._internal.auth_handler:http-01 challenge for dify.example.org",
        "DEBUG:urllib3.connectionpool:https://acme-v02.api.letsencrypt.org:443 \"POST /acme/new-order HTTP/1.1\" 201 345",
        "WARNING:certbot._internal.renewal:Attempting to renew cert (dify.example.org) from /etc/letsencrypt/renewal/dify.example.org.conf",
    ];
    while written < size {
        let line = format!(
            "2026-11-29 02:{:02}:{:02},{:03}:{}\n",
            (lines / 60_000) % 60,
            (lines / 1000) % 60,
            lines % 1000,
            samples[(lines % 4) as usize]
        );
        out.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
        lines += 1;
        if lines % 7 == 0 {
            out.write_all(b"HTTP 200\n").unwrap();
            written += 9;
            lines += 1;
        }
    }
    out.flush().unwrap();
    lines
}

fn main() {
    let (dir, log) = support::bench_folder();

    let start = Instant::now();
    let lines = generate(&log, SIZE);
    println!(
        "generated {:.2} GiB, {lines} lines in {:.1?}",
        fs::metadata(&log).unwrap().len() as f64 / SIZE as f64,
        start.elapsed()
    );

    let rss_before = status_kib("VmRSS:");
    let start = Instant::now();
    let mut follower = LogFollower::from_start(&log);
    let mut buffer: LogBuffer<LineSource> = LogBuffer::new(5_000, 4 * 1024 * 1024);
    loop {
        let batch = follower.poll().unwrap();
        if batch.is_empty() {
            break;
        }
        for text in batch {
            buffer.push(LineSource::Log, text);
        }
    }
    let elapsed = start.elapsed();
    let rate = buffer.total() as f64 / elapsed.as_secs_f64();
    let peak_mib = status_kib("VmHWM:") as f64 / 1024.0;
    println!(
        "ingestion: {} lines in {:.2?} = {:.2} M lines/s; buffer holds {} lines, {} KiB",
        buffer.total(),
        elapsed,
        rate / 1e6,
        buffer.len(),
        buffer.bytes() / 1024
    );
    println!(
        "memory: peak resident {peak_mib:.1} MiB (resident before ingestion {:.1} MiB)",
        rss_before as f64 / 1024.0
    );
    assert_eq!(buffer.total(), lines, "every line ingested");

    let bin = env!("CARGO_BIN_EXE_dify-https");
    let dir_arg = dir.path().display().to_string();
    let log_arg = log.display().to_string();
    let ours = support::median_run(bin, &["--dir", &dir_arg, "logs", "-n", "50"], 15);
    let tail = support::median_run("tail", &["-n", "50", &log_arg], 15);
    let ratio = ours.as_secs_f64() / tail.as_secs_f64();
    println!("logs -n 50: {ours:.2?} (median of 15), tail -n 50: {tail:.2?}; ratio {ratio:.2}");

    let checks = [
        ("ingestion >= 1M lines/s", rate >= 1e6),
        ("peak resident < 20 MiB", peak_mib < 20.0),
        ("logs -n 50 within 3x tail -n 50", ratio <= 3.0),
    ];
    support::report(&checks);
}
