//! One SIGTERM or SIGHUP stops `setup`/`renew` like a confirmed Ctrl-C: the running
//! compose call's process group is ended (nothing it started keeps going) and the
//! run exits 130. Compose is played by the test double, whose `up` hangs.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{CLASSIC_ENV, Fixture};

fn running(marker: &str) -> bool {
    Command::new("pgrep")
        .args(["-f", marker])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `setup` in `folder` with compose played by the double from `scenario`.
fn spawn_setup(folder: &Path, scenario: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_dify-https"))
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(folder)
        .arg("--compose")
        .arg(support::double::script())
        .args([
            "setup",
            "--domain",
            "dify.acmecorp.io",
            "--email",
            "ops@acme-corp.dev",
            "--yes",
        ])
        .env("DOUBLE_STATE", scenario)
        .env("DOUBLE_SCENARIO", scenario)
        .env_remove("COMPOSE_PROFILES")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until a process whose command line has `pattern` runs.
fn wait_for(pattern: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !running(pattern) {
        assert!(Instant::now() < deadline, "{what} never started");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn stopped_by(signal: &str) {
    let f = Fixture::env(CLASSIC_ENV);
    let scenario = tempfile::tempdir().unwrap();
    // A long sleep that is ours alone, so pgrep finds exactly it.
    let marker = format!("{}.{}", 86_400 + std::process::id(), signal.len());
    std::fs::write(
        scenario.path().join("up.sh"),
        format!("exec sleep {marker}\n"),
    )
    .unwrap();
    let mut child = spawn_setup(f.path(), scenario.path());
    wait_for(&format!("sleep {marker}"), "compose up");
    Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "one {signal} did not stop the run"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(130), "{signal}");
    assert!(
        !running(&format!("sleep {marker}")),
        "compose's process group survived {signal}"
    );
    let env = String::from_utf8(f.env_bytes()).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=false\n"));
}

#[test]
fn one_sigterm_stops_the_run_and_what_it_started() {
    stopped_by("TERM");
}

#[test]
fn sighup_stops_the_run_and_what_it_started() {
    stopped_by("HUP");
}

/// Two runs in one folder never overlap: while one runs, the next says who holds the
/// folder and starts nothing.
#[test]
fn a_second_run_waits_for_nobody_and_starts_nothing() {
    let f = Fixture::env(CLASSIC_ENV);
    let scenario = tempfile::tempdir().unwrap();
    let marker = format!("{}.77", 86_400 + std::process::id());
    std::fs::write(
        scenario.path().join("up.sh"),
        format!("exec sleep {marker}\n"),
    )
    .unwrap();
    let mut first = spawn_setup(f.path(), scenario.path());
    wait_for(&format!("sleep {marker}"), "the first run");
    let other = tempfile::tempdir().unwrap();
    let second = spawn_setup(f.path(), other.path())
        .wait_with_output()
        .unwrap();
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(
        err.contains("another dify-https is working in this folder (pid"),
        "{err}"
    );
    assert!(err.contains("a setup run"), "{err}");
    let calls = std::fs::read_to_string(other.path().join("calls.log")).unwrap_or_default();
    assert!(
        !calls.contains(" up "),
        "the second run started compose: {calls}"
    );
    Command::new("kill")
        .args(["-TERM", &first.id().to_string()])
        .status()
        .unwrap();
    assert_eq!(first.wait().unwrap().code(), Some(130));
}
