//! `cargo bench --bench big_inputs`: inputs an attacker or a broken tool could leave.
//!
//! * `dify-https logs -n 5` on a 500 MB file with no newline at all, against
//!   `tail -n 5` on it: it must finish, target within 3x;
//! * `dify-https logs -n 1000000` on a 100 MB certbot log against `tail -n 1000000`,
//!   target within 3x;
//! * the `.env` duplicate-key check on 150,000 lines against parsing them, target
//!   within 2x, both linear (it was 28.7 s before);
//! * `LogFollower` catching up on 100 MB written at once, target faster than 5 MB/s
//!   (as `logs --follow` and the run screen read).
//!
//! Files live in a temporary folder (DIFY_HTTPS_BENCH_DIR to choose where) and are
//! removed afterwards. Exits 1 when a target is missed.

mod support;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::time::Instant;

use dify_https::core::envfile::EnvDocument;
use dify_https::core::logs::LogFollower;

fn main() {
    let (dir, log) = support::bench_folder();
    let bin = env!("CARGO_BIN_EXE_dify-https");
    let dir_arg = dir.path().display().to_string();
    let log_arg = log.display().to_string();
    let mut checks = Vec::new();

    // 500 MB, one line.
    {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&log).unwrap());
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..500 {
            out.write_all(&chunk).unwrap();
        }
        out.flush().unwrap();
    }
    let ours = support::median_run(bin, &["--dir", &dir_arg, "logs", "-n", "5"], 5);
    let tail = support::median_run("tail", &["-n", "5", &log_arg], 5);
    let ratio = ours.as_secs_f64() / tail.as_secs_f64();
    println!("logs -n 5, 500 MB single line: {ours:.2?}, tail -n 5: {tail:.2?}; ratio {ratio:.2}");
    checks.push(("logs -n 5 on a 500 MB line within 3x tail", ratio <= 3.0));

    // 100 MB of certbot lines.
    let mut lines = 0u64;
    {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&log).unwrap());
        let mut written = 0;
        while written < 100 << 20 {
            let line = format!(
                "2026-11-29 02:00:{:02},{:03}:DEBUG:acme.client:Received response: HTTP 200 for order {lines}\n",
                (lines / 1000) % 60,
                lines % 1000
            );
            out.write_all(line.as_bytes()).unwrap();
            written += line.len();
            lines += 1;
        }
        out.flush().unwrap();
    }
    let ours = support::median_run(bin, &["--dir", &dir_arg, "logs", "-n", "1000000"], 7);
    let tail = support::median_run("tail", &["-n", "1000000", &log_arg], 7);
    let ratio = ours.as_secs_f64() / tail.as_secs_f64();
    println!(
        "logs -n 1000000 on 100 MB ({lines} lines): {ours:.2?}, tail: {tail:.2?}; ratio {ratio:.2}"
    );
    checks.push(("logs -n 1000000 on 100 MB within 3x tail", ratio <= 3.0));

    // The follower catching up.
    let start = Instant::now();
    let mut follower = LogFollower::from_start(&log);
    let mut got = 0u64;
    loop {
        let batch = follower.poll().unwrap();
        if batch.is_empty() {
            break;
        }
        got += batch.len() as u64;
    }
    let secs = start.elapsed().as_secs_f64();
    let rate = 100.0 / secs;
    println!("follow catch-up: {got} lines of 100 MB in {secs:.2} s = {rate:.0} MB/s");
    assert_eq!(got, lines);
    checks.push(("follow catches up faster than 5 MB/s", rate > 5.0));

    // 150,000 .env lines, every tenth key set twice.
    let env: String = (0..150_000)
        .map(|i| format!("KEY_{}=value {i}\n", if i % 10 == 0 { i / 2 } else { i }))
        .collect();
    let start = Instant::now();
    let doc = EnvDocument::parse(&env);
    let parse = start.elapsed();
    let start = Instant::now();
    let dups = doc.duplicates();
    let check = start.elapsed();
    let ratio = check.as_secs_f64() / parse.as_secs_f64();
    println!(
        "duplicate check, 150,000 lines: {check:.2?} ({} keys twice), parse: {parse:.2?}; ratio {ratio:.2}",
        dups.len()
    );
    checks.push((
        "duplicate check within 2x the parse (both linear)",
        ratio <= 2.0,
    ));

    support::report(&checks);
}
