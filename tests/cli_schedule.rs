//! `dify-https schedule` under `--root`: the files it shows, writes, replaces and
//! removes, and nothing else; on the host without root it writes nothing.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use support::{CLASSIC_ENV, Fixture};

fn schedule(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dify-https"))
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(folder)
        .arg("schedule")
        .args(args)
        .env_remove("COMPOSE_PROJECT_NAME")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every file under `root`, relative.
fn tree(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn install_show_replace_and_remove_under_a_root() {
    let f = Fixture::env(&CLASSIC_ENV.replace(
        "EXPOSE_NGINX_PORT=80",
        "COMPOSE_PROJECT_NAME=dify-main\nEXPOSE_NGINX_PORT=80",
    ));
    let root = tempfile::tempdir().unwrap();
    let r = root.path().to_str().unwrap();

    let out = schedule(f.path(), &["--root", r]);
    assert!(
        text(&out).contains("No renewal schedule is installed for project dify-main"),
        "{}",
        text(&out)
    );

    // Without a terminal and without --yes: shown, not written.
    let out = schedule(f.path(), &["install", "--cron", "--root", r]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("renew --quiet"));
    assert!(tree(root.path()).is_empty());

    let out = schedule(f.path(), &["install", "--cron", "--yes", "--root", r]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(tree(root.path()), ["etc/cron.d/dify-https-dify-main"]);
    let line =
        std::fs::read_to_string(root.path().join("etc/cron.d/dify-https-dify-main")).unwrap();
    let dir = std::fs::canonicalize(f.path()).unwrap();
    assert!(
        line.contains(&format!(
            "*/12 * * * root {} --dir {} renew --quiet",
            std::fs::canonicalize(env!("CARGO_BIN_EXE_dify-https"))
                .unwrap()
                .display(),
            dir.display()
        )),
        "{line}"
    );

    let out = schedule(f.path(), &["--json", "--root", r]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["project"], "dify-main");
    assert_eq!(v["schedule"]["kind"], "cron");
    assert!(
        v["schedule"]["command"]
            .as_str()
            .unwrap()
            .ends_with("renew --quiet")
    );

    // Installing the other kind replaces it; never two schedules.
    let out = schedule(
        f.path(),
        &[
            "install",
            "--systemd",
            "--yes",
            "--prometheus",
            "/var/lib/prom/dify.prom",
            "--root",
            r,
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("Replacing the schedule"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("systemctl was not called"));
    assert_eq!(
        tree(root.path()),
        [
            "etc/systemd/system/dify-https-renew-dify-main.service",
            "etc/systemd/system/dify-https-renew-dify-main.timer"
        ]
    );
    let service = std::fs::read_to_string(
        root.path()
            .join("etc/systemd/system/dify-https-renew-dify-main.service"),
    )
    .unwrap();
    assert!(
        service.contains("renew --quiet --prometheus /var/lib/prom/dify.prom\n"),
        "{service}"
    );

    let out = schedule(f.path(), &["remove", "--yes", "--root", r]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(tree(root.path()).is_empty(), "{:?}", tree(root.path()));
}

/// A folder whose name carries a cron line: refused before anything is written.
fn a_newline_in_the_folder_is_refused_with_nothing_written() {
    let f = Fixture::env(CLASSIC_ENV);
    let evil = f.path().join("x\n* * * * * root touch dify-https-pwned\n");
    std::fs::create_dir(&evil).unwrap();
    for name in ["docker-compose.yaml", ".env"] {
        std::fs::copy(f.path().join(name), evil.join(name)).unwrap();
    }
    let root = tempfile::tempdir().unwrap();
    let r = root.path().to_str().unwrap();
    for kind in ["--cron", "--systemd"] {
        let out = schedule(&evil, &["--root", r, "install", kind, "--yes"]);
        assert_eq!(out.status.code(), Some(2), "{kind}: {}", text(&out));
        assert!(
            text(&out).contains("control character (U+000A)"),
            "{}",
            text(&out)
        );
        assert!(
            tree(root.path()).is_empty(),
            "{kind}: {:?}",
            tree(root.path())
        );
    }
}

fn the_host_without_root_gets_a_clear_no() {
    if !rustix::process::geteuid().is_root() {
        // Already not root: the refusal is what this user sees.
        let f = Fixture::env(CLASSIC_ENV);
        let out = schedule(f.path(), &["install", "--cron", "--yes"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out).contains("needs root: run it with sudo"));
        return;
    }
    let f = Fixture::env(CLASSIC_ENV);
    for p in [f.path().to_path_buf(), f.env_path()] {
        std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
    }
    let out = Command::new("setpriv")
        .env("DIFY_HTTPS_LANG", "en")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_dify-https"))
        .arg("--dir")
        .arg(f.path())
        .args(["schedule", "install", "--cron", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("needs root: run it with sudo (nothing was written)"),
        "{}",
        text(&out)
    );
}

/// A webhook that answers one byte every second, forever.
fn dripping_webhook() -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            std::thread::spawn(move || {
                let mut buf = [0u8; 65536];
                let _ = stream.read(&mut buf);
                for b in b"HTTP/1.1 200 OK\r\nX: "
                    .iter()
                    .chain(std::iter::repeat(&b'a'))
                {
                    if stream.write_all(&[*b]).is_err() {
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_secs(1));
                }
            });
        }
    });
    port
}

/// A webhook that drips its answer never holds a scheduled renewal past its deadline;
/// the run's outcome is on disk before the webhook is tried; TERM ends the wait at
/// once. URLs that cannot work are refused at install, and secrets in them never show.
fn a_slow_webhook_never_holds_a_renewal() {
    let f = Fixture::env(&support::set_up_env("dify.acmecorp.io", false));
    let ca = support::certs::TestCa::new("R11 Test");
    let (pem, key, _) = ca.leaf_for_days(&["dify.acmecorp.io"], 80);
    support::install_certificate(&f, "dify.acmecorp.io", &ca.pem, &pem, &key);
    let root = tempfile::tempdir().unwrap();
    let r = root.path().to_str().unwrap();
    for (bad, why) in [
        ("http://[::1]:99999/x", "cannot be read"),
        (
            "https://hooks.example.net/x\r\nX-Evil: 1",
            "control character",
        ),
        ("http://:8080/x", "cannot be read"),
        ("ftp://hooks.example.net/x", "must start with https://"),
    ] {
        let out = schedule(
            f.path(),
            &["--root", r, "install", "--cron", "--yes", "--notify", bad],
        );
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", text(&out));
        assert!(text(&out).contains(why), "{bad}: {}", text(&out));
        assert!(tree(root.path()).is_empty(), "{bad}");
    }
    let port = dripping_webhook();
    let url = format!("http://hook-user:hook-pass@127.0.0.1:{port}/T/secret-token?key=k3y");
    let out = schedule(
        f.path(),
        &["--root", r, "install", "--cron", "--yes", "--notify", &url],
    );
    assert!(out.status.success(), "{}", text(&out));
    for secret in ["hook-user", "hook-pass", "secret-token", "k3y"] {
        assert!(!text(&out).contains(secret), "{}", text(&out));
    }
    let scenario = tempfile::tempdir().unwrap();
    std::fs::write(
        scenario.path().join("run.sh"),
        "echo 'the CA is down'; exit 1\n",
    )
    .unwrap();
    let renew = || {
        support::double::command(f.path(), scenario.path())
            .args(["renew", "--quiet"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let state = f.path().join("volumes/certbot/.dify-https-renewal.json");
    let start = std::time::Instant::now();
    let out = renew().wait_with_output().unwrap();
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        took < std::time::Duration::from_secs(25),
        "held for {took:?}"
    );
    let kept = std::fs::read_to_string(&state).unwrap();
    assert!(
        kept.contains("\"failed\"") && kept.contains("no answer within 10 s"),
        "{kept}"
    );
    for secret in ["hook-user", "hook-pass", "secret-token", "k3y"] {
        assert!(
            !kept.contains(secret) && !text(&out).contains(secret),
            "{kept}"
        );
    }

    // TERM while the webhook drips: the run ends at once, its outcome already kept.
    std::fs::remove_file(&state).unwrap();
    let child = renew();
    let pid = child.id();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !state.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        state.exists(),
        "the outcome is recorded before the webhook is tried"
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    let sent = std::time::Instant::now();
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(pid as i32).unwrap(),
        rustix::process::Signal::TERM,
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        sent.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        sent.elapsed()
    );
    assert_eq!(out.status.code(), Some(143), "{}", text(&out));
    let kept = std::fs::read_to_string(&state).unwrap();
    assert!(
        kept.contains("\"failed\"") && kept.contains("Stopped by a signal"),
        "{kept}"
    );
}

/// The schedule installed under a temporary root with a local webhook (its URL has a
/// secret path): the root, what the webhook receives, and what `install` said.
fn install_with_webhook(
    folder: &std::path::Path,
) -> (
    tempfile::TempDir,
    std::sync::mpsc::Receiver<(String, String)>,
    std::process::Output,
) {
    let (port, posts) = support::webhook();
    let root = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{port}/hooks/secret-token");
    let out = schedule(
        folder,
        &[
            "install",
            "--cron",
            "--yes",
            "--notify",
            &url,
            "--root",
            root.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    (root, posts, out)
}

/// Scheduled runs tell the webhook: a failed renewal always, a bad verdict at most
/// once a day; `notify test` sends one; the URL's secret never lands in the state.
fn scheduled_runs_tell_the_webhook() {
    let f = Fixture::env(&support::set_up_env("dify.acmecorp.io", false));
    let ca = support::certs::TestCa::new("R11 Test");
    let (pem, key, _) = ca.leaf_for_days(&["dify.acmecorp.io"], 80);
    support::install_certificate(&f, "dify.acmecorp.io", &ca.pem, &pem, &key);
    let (_root, posts, out) = install_with_webhook(f.path());
    assert!(
        text(&out).contains("Webhook (Slack): http://127.0.0.1"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("secret-token"));
    let kept = f.path().join("volumes/certbot/.dify-https-notify.json");
    assert_eq!(
        std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let out = schedule(f.path(), &["notify", "test"]);
    assert!(out.status.success(), "{}", text(&out));
    let (line, body) = posts
        .recv_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    assert_eq!(line, "POST /hooks/secret-token HTTP/1.1");
    assert!(body.contains("this webhook works"), "{body}");

    // Renewals with compose played by the double: the script fails twice, then works.
    let scenario = tempfile::tempdir().unwrap();
    let renew = || {
        support::double::command(f.path(), scenario.path())
            .args(["renew", "--quiet"])
            .output()
            .unwrap()
    };
    std::fs::write(
        scenario.path().join("run.sh"),
        "echo 'the CA is down'; exit 1\n",
    )
    .unwrap();
    for _ in 0..2 {
        assert_eq!(renew().status.code(), Some(1));
        let (_, body) = posts
            .recv_timeout(std::time::Duration::from_secs(5))
            .expect("a failed renewal is always told");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert!(
            v["text"]
                .as_str()
                .unwrap()
                .contains("\"Run Dify's certificate script\" failed"),
            "{v}"
        );
    }
    std::fs::remove_file(scenario.path().join("run.sh")).unwrap();
    assert_eq!(renew().status.code(), Some(0));
    // Still a warning (HTTPS is off), told minutes ago: no reminder yet.
    assert!(
        posts
            .recv_timeout(std::time::Duration::from_millis(500))
            .is_err()
    );
    let state =
        std::fs::read_to_string(f.path().join("volumes/certbot/.dify-https-renewal.json")).unwrap();
    assert!(state.contains("\"notified\""), "{state}");
    assert!(!state.contains("secret-token"), "{state}");
}

/// An imported certificate with 6 days left: the scheduled run renews nothing (certbot
/// is never run), reminds the webhook once at the 7-day mark, and not again on the next
/// run; a replacement with 2 days left is reminded at its own mark.
fn an_imported_certificate_is_reminded_once_per_mark() {
    use std::os::unix::fs::PermissionsExt;
    let env = support::set_up_env("dify.acmecorp.io", true)
        .replace(
            "NGINX_SSL_CERT_FILENAME=fullchain.pem",
            "NGINX_SSL_CERT_FILENAME=dify-https.crt",
        )
        .replace(
            "NGINX_SSL_CERT_KEY_FILENAME=dify.key",
            "NGINX_SSL_CERT_KEY_FILENAME=dify-https.key",
        );
    let f = Fixture::env(&env);
    let ca = support::certs::TestCa::new("Acme Corp Root R1");
    let put = |days: i64| {
        let (pem, key, _) = ca.leaf_for_days(&["dify.acmecorp.io"], days);
        let ssl = f.path().join("nginx/ssl");
        std::fs::create_dir_all(&ssl).unwrap();
        std::fs::write(ssl.join("dify-https.crt"), pem).unwrap();
        std::fs::write(ssl.join("dify-https.root.crt"), &ca.pem).unwrap();
        std::fs::write(ssl.join("dify-https.key"), key).unwrap();
        std::fs::set_permissions(
            ssl.join("dify-https.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
    };
    put(6);
    let (_root, posts, _) = install_with_webhook(f.path());
    let scenario = tempfile::tempdir().unwrap();
    let renew = || {
        support::double::command(f.path(), scenario.path())
            .args(["renew", "--quiet"])
            .output()
            .unwrap()
    };
    let wait = std::time::Duration::from_secs(5);
    let out = renew();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let (_, body) = posts.recv_timeout(wait).expect("the 7-day mark is told");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let said = v["text"].as_str().unwrap();
    assert!(said.contains("nobody renews it"), "{said}");
    assert!(said.contains("Replace it before"), "{said}");
    let out = renew();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        posts
            .recv_timeout(std::time::Duration::from_millis(700))
            .is_err(),
        "the same mark is told once"
    );
    let calls = std::fs::read_to_string(scenario.path().join("calls.log")).unwrap_or_default();
    assert!(!calls.contains("run "), "certbot never runs: {calls}");
    // Replaced by one with 2 days left (another certificate): its own mark, once.
    put(2);
    assert_eq!(renew().status.code(), Some(0));
    let (_, body) = posts.recv_timeout(wait).expect("the 3-day mark is told");
    assert!(body.contains("2 days left"), "{body}");
    assert_eq!(renew().status.code(), Some(0));
    assert!(
        posts
            .recv_timeout(std::time::Duration::from_millis(700))
            .is_err()
    );
    let state =
        std::fs::read_to_string(f.path().join("volumes/certbot/.dify-https-renewal.json")).unwrap();
    assert!(state.contains("\"reminded\""), "{state}");
    assert!(!state.contains("secret-token"), "{state}");
}

/// The generated systemd units pass `systemd-analyze verify` (paths with spaces, the
/// binary that exists). Needs systemd-analyze (`.ci/run` installs Debian's systemd).
fn the_systemd_units_verify() {
    let have = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !support::can_run(
        "the_systemd_units_verify",
        &if have {
            vec![]
        } else {
            vec!["systemd-analyze".into()]
        },
        "apt-get install systemd",
    ) {
        return;
    }
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("my dify");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("docker-compose.yaml"), support::COMPOSE).unwrap();
    std::fs::write(dir.join(".env"), CLASSIC_ENV).unwrap();
    let root = tempfile::tempdir().unwrap();
    let out = schedule(
        &dir,
        &[
            "install",
            "--systemd",
            "--yes",
            "--root",
            root.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let units: Vec<std::path::PathBuf> = std::fs::read_dir(root.path().join("etc/systemd/system"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(units.len(), 2);
    let verify = Command::new("systemd-analyze")
        .arg("verify")
        .args(&units)
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", text(&verify));
    // The check is real: a unit whose ExecStart is not absolute fails it.
    let service = units
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "service"))
        .unwrap();
    let broken = std::fs::read_to_string(service)
        .unwrap()
        .replace("ExecStart=/", "ExecStart=");
    std::fs::write(service, broken).unwrap();
    let verify = Command::new("systemd-analyze")
        .arg("verify")
        .arg(service)
        .output()
        .unwrap();
    assert!(
        !verify.status.success(),
        "systemd-analyze accepted a broken unit"
    );
}

fn missing_systemd_analyze() -> Vec<String> {
    let have = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if have {
        vec![]
    } else {
        vec!["systemd-analyze".into()]
    }
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
        case!(install_show_replace_and_remove_under_a_root),
        case!(the_host_without_root_gets_a_clear_no),
        case!(a_newline_in_the_folder_is_refused_with_nothing_written),
        case!(scheduled_runs_tell_the_webhook),
        case!(an_imported_certificate_is_reminded_once_per_mark),
        case!(a_slow_webhook_never_holds_a_renewal),
        case!(
            the_systemd_units_verify,
            missing_systemd_analyze,
            "apt-get install systemd"
        ),
    ])
}
