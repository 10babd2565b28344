//! `dify-https logs`: the end of letsencrypt.log, cleaned, and followed across rotation.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as StdCommand, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use support::{CLASSIC_ENV, Fixture};

const LOG: &str = "volumes/certbot/logs/letsencrypt.log";

#[test]
fn prints_the_last_lines_cleaned() {
    let mut log = String::new();
    for i in 1..=100 {
        log.push_str(&format!("2026-11-29 01:00:{i:02} line {i}\n"));
    }
    log.push_str("\u{1b}]0;pwned\u{7}\u{1b}[31mlast\u{1b}[0m\n");
    let f = Fixture::with(&[(".env", CLASSIC_ENV), (LOG, &log)]);
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .args(["logs", "-n", "3"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "2026-11-29 01:00:99 line 99\n2026-11-29 01:00:100 line 100\nlast\n"
    );
}

#[test]
fn a_missing_log_says_certbot_has_not_run() {
    let f = Fixture::env(CLASSIC_ENV);
    Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .arg("logs")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("certbot has not run"));
}

#[test]
fn follow_continues_into_the_rotated_log() {
    let f = Fixture::with(&[(".env", CLASSIC_ENV), (LOG, "before\n")]);
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_dify-https"))
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .args(["logs", "-n", "1", "--follow"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Stop the follower even if an assertion fails.
    struct KillOnDrop(std::process::Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
        }
    }
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let mut child = KillOnDrop(child);
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    let next = || {
        rx.recv_timeout(Duration::from_secs(10))
            .expect("a line in time")
    };
    assert_eq!(next(), "before");
    let log = f.path().join(LOG);
    let append = |text: &str| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    };
    append("during\n");
    assert_eq!(next(), "during");
    std::fs::rename(&log, f.path().join(format!("{LOG}.1"))).unwrap();
    append("after rotation\n");
    assert_eq!(next(), "after rotation");
    // SIGTERM ends the follow cleanly.
    StdCommand::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(child.0.wait().unwrap().success());
}
