//! Running a short compose query to the end and keeping its output, within a deadline:
//! a wedged Docker daemon makes `docker compose ps` hang forever, and nothing that
//! asks compose may hang with it.

use crate::tr;
use std::os::unix::process::CommandExt;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::core::process::Invocation;

/// How long a compose query (`ps`, `config`, `exec … printenv`) may take before it is
/// stopped with everything it started.
pub const QUERY_DEADLINE: Duration = Duration::from_secs(20);

/// The process groups of the queries running now (see [`stop_queries`]).
static IN_FLIGHT: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// Runs `inv` (with `extra_env` added) and returns whether it succeeded and its
/// trimmed output lines (stderr folded in), or why it could not start or finish.
pub(super) fn capture(
    inv: &Invocation,
    extra_env: &[(String, String)],
) -> Result<(bool, Vec<String>), String> {
    capture_within(inv, extra_env, QUERY_DEADLINE)
}

fn capture_within(
    inv: &Invocation,
    extra_env: &[(String, String)],
    deadline: Duration,
) -> Result<(bool, Vec<String>), String> {
    let handle = duct::cmd(&inv.program, &inv.args)
        .dir(&inv.cwd)
        .full_env(
            std::env::vars()
                .chain(inv.env.iter().cloned())
                .chain(extra_env.iter().cloned()),
        )
        .stdin_null()
        .stderr_to_stdout()
        .stdout_capture()
        .unchecked()
        // Its own process group: stopping it stops what it started (the docker CLI,
        // compose's plugin process).
        .before_spawn(|cmd| {
            cmd.process_group(0);
            Ok(())
        })
        .start()
        .map_err(|e| {
            tr!(
                "core-compose-cannot-run-e",
                program = (inv.program).to_string(),
                e = e.to_string()
            )
        })?;
    let handle = Arc::new(handle);
    let groups = handle.pids();
    IN_FLIGHT
        .lock()
        .expect("in-flight lock")
        .extend(groups.iter().copied());
    let (tx, rx) = mpsc::channel();
    let waiter = Arc::clone(&handle);
    std::thread::spawn(move || {
        let _ = tx.send(waiter.wait().cloned());
    });
    let result = rx.recv_timeout(deadline);
    if result.is_err() {
        kill_groups(&groups);
    }
    IN_FLIGHT
        .lock()
        .expect("in-flight lock")
        .retain(|g| !groups.contains(g));
    let out = match result {
        Ok(out) => out.map_err(|e| {
            tr!(
                "core-compose-cannot-run-e",
                program = (inv.program).to_string(),
                e = e.to_string()
            )
        })?,
        Err(_) => {
            return Err(tr!(
                "core-compose-did-not-answer-within-s",
                inv = (inv.display()).to_string(),
                as_secs = (deadline.as_secs()).to_string()
            ));
        }
    };
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    Ok((out.status.success(), lines))
}

fn kill_groups(groups: &[u32]) {
    for &g in groups {
        if let Some(pid) = rustix::process::Pid::from_raw(g as i32) {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
    }
}

/// Stops every compose query still running (a program leaving while one hangs must not
/// leave it behind).
pub fn stop_queries() {
    let groups = std::mem::take(&mut *IN_FLIGHT.lock().expect("in-flight lock"));
    kill_groups(&groups);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_that_hangs_is_stopped_at_its_deadline_with_its_children() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("child.pid");
        let inv = Invocation {
            program: "sh".into(),
            args: vec![
                "-c".into(),
                format!("sleep 60 & echo $! > {}; wait", marker.display()),
            ],
            env: vec![],
            cwd: dir.path().to_path_buf(),
        };
        let started = std::time::Instant::now();
        let err = capture_within(&inv, &[], Duration::from_millis(300)).unwrap_err();
        assert!(err.contains("did not answer within"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
        // The sleep it started went with it.
        let child: i32 = std::fs::read_to_string(&marker)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        // Gone, or a zombie waiting for init to reap it: not running.
        let state = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
        let running = state
            .rsplit(')')
            .next()
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|s| s != "Z" && s != "X");
        assert!(!running, "the query's child survived: {state}");
        assert!(IN_FLIGHT.lock().unwrap().is_empty());
    }

    #[test]
    fn a_query_that_answers_gives_its_lines() {
        let inv = Invocation {
            program: "sh".into(),
            args: vec!["-c".into(), "echo ' nginx '; echo certbot >&2".into()],
            env: vec![],
            cwd: std::env::temp_dir(),
        };
        let (ok, lines) = capture(&inv, &[]).unwrap();
        assert!(ok);
        assert_eq!(lines, ["nginx", "certbot"]);
    }
}
