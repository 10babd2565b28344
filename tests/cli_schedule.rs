//! `dify-https schedule` under `--root`: the files it shows, writes, replaces and
//! removes, and nothing else; on the host without root it writes nothing.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{CLASSIC_ENV, Fixture};

fn schedule(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dify-https"))
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

#[test]
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

#[test]
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
