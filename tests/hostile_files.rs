//! What dify-https finds on a server is treated as hostile: links, FIFOs, devices,
//! hard links and huge files are refused by name (never followed, never hanging),
//! failed writes leave nothing behind and name the cause, another user's file is not
//! replaced, and concurrent setups never lose a change.

mod support;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{CLASSIC_ENV, Fixture};

const SETUP: [&str; 7] = [
    "setup",
    "--env-only",
    "--yes",
    "--domain",
    "dify.acmecorp.io",
    "--email",
    "ops@acme-corp.dev",
];

/// Runs the binary with a deadline (a hang is a failure, not a stuck test).
fn run(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dify-https"))
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(dir)
        .args(["--compose", "docker compose"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("dify-https {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// Whether a test that needs root can run (skipped with `why` locally, a failure
/// under CI=true).
fn as_root(test: &str, why: &str) -> bool {
    let missing = if rustix::process::geteuid().is_root() {
        vec![]
    } else {
        vec!["root".to_string()]
    };
    support::can_run(test, &missing, why)
}

fn an_env_that_is_not_a_plain_file_is_refused_by_name() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("passwd");
    std::fs::write(&target, CLASSIC_ENV).unwrap();
    type Make<'a> = Box<dyn Fn(&Path) + 'a>;
    let cases: Vec<(&str, Make)> = vec![
        (
            "is a symbolic link to",
            Box::new(|p: &Path| symlink(&target, p).unwrap()),
        ),
        (
            "is a symbolic link to /dev/zero",
            Box::new(|p: &Path| symlink("/dev/zero", p).unwrap()),
        ),
        ("is a FIFO", Box::new(mkfifo)),
        (
            "has 2 hard links",
            Box::new(|p: &Path| std::fs::hard_link(&target, p).unwrap()),
        ),
        (
            "more than the",
            Box::new(|p: &Path| std::fs::write(p, "A=".repeat(3_000_000)).unwrap()),
        ),
    ];
    for (says, make) in cases {
        let f = Fixture::with(&[]);
        make(&f.env_path());
        let setup = run(f.path(), &SETUP);
        assert_eq!(setup.status.code(), Some(2), "{says}: {}", text(&setup));
        assert!(text(&setup).contains(says), "{says}: {}", text(&setup));
        let check = run(f.path(), &["status", "--check", "--no-probe"]);
        assert_eq!(check.status.code(), Some(3), "{says}: {}", text(&check));
        assert_eq!(String::from_utf8_lossy(&check.stdout).lines().count(), 1);
        let doctor = run(f.path(), &["doctor"]);
        assert_ne!(doctor.status.code(), Some(0), "{says}");
    }
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        CLASSIC_ENV,
        "the link's target is untouched"
    );
}

fn a_device_as_env_is_refused() {
    if !as_root("a_device_as_env_is_refused", "run as root") {
        return;
    }
    let f = Fixture::with(&[]);
    assert!(
        Command::new("mknod")
            .arg(f.env_path())
            .args(["c", "1", "5"])
            .status()
            .unwrap()
            .success()
    );
    let setup = run(f.path(), &SETUP);
    assert_eq!(setup.status.code(), Some(2));
    assert!(text(&setup).contains("is a device"), "{}", text(&setup));
}

fn logs_and_certificates_that_are_fifos_never_hang() {
    let f = Fixture::env(&support::set_up_env("dify.acmecorp.io", true));
    let logs = f.path().join("volumes/certbot/logs");
    std::fs::create_dir_all(&logs).unwrap();
    mkfifo(&logs.join("letsencrypt.log"));
    let live = f.path().join("volumes/certbot/conf/live/dify.acmecorp.io");
    std::fs::create_dir_all(&live).unwrap();
    mkfifo(&live.join("fullchain.pem"));
    let out = run(f.path(), &["logs", "-n", "5"]);
    assert_ne!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("FIFO"), "{}", text(&out));
    let out = run(f.path(), &["status", "--check", "--no-probe"]);
    assert!(text(&out).contains("FIFO"), "{}", text(&out));
}

fn the_prometheus_file_is_never_written_through_a_link() {
    let f = Fixture::env(&support::set_up_env("dify.acmecorp.io", false));
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("important");
    std::fs::write(&target, "keep me").unwrap();
    let link = outside.path().join("d.prom");
    symlink(&target, &link).unwrap();
    let fifo = outside.path().join("fifo.prom");
    mkfifo(&fifo);
    for (path, says) in [
        (link.clone(), "a symbolic link"),
        (fifo.clone(), "a FIFO"),
        (
            outside.path().join("no/such/folder/d.prom"),
            "does not exist",
        ),
    ] {
        let out = run(
            f.path(),
            &[
                "status",
                "--check",
                "--no-probe",
                "--prometheus",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(3), "{}", text(&out));
        assert!(
            text(&out).starts_with("UNKNOWN - cannot write"),
            "{}",
            text(&out)
        );
        assert!(text(&out).contains(says), "{}", text(&out));
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

fn the_challenge_folder_is_never_followed_through_a_link() {
    let f = Fixture::env(&support::set_up_env("dify.acmecorp.io", false));
    let outside = tempfile::tempdir().unwrap();
    std::fs::set_permissions(outside.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let www = f.path().join("volumes/certbot/www");
    std::fs::create_dir_all(&www).unwrap();
    symlink(outside.path(), www.join(".well-known")).unwrap();
    let www_dir = dify_https::core::dify::DifyFolder::open(f.path())
        .unwrap()
        .certbot_www_dir();
    let err = dify_https::core::probe::challenge_self_test(&www_dir, &[], Duration::from_secs(1))
        .unwrap_err();
    assert!(err.to_string().contains("is a symbolic link"), "{err}");
    let mode = std::fs::metadata(outside.path())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o700, "the link's target was chmodded");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// dify-https in `dir` with `args`, as the user nobody (uid 65534), no terminal.
fn as_nobody(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new("setpriv")
        .env("DIFY_HTTPS_LANG", "en")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_dify-https"))
        .arg("--dir")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn another_users_env_is_not_replaced() {
    if !as_root("another_users_env_is_not_replaced", "run as root") {
        return;
    }
    // A folder the user (nobody) owns, with a root-owned 644 .env in it.
    let f = Fixture::env(CLASSIC_ENV);
    let nobody = 65534;
    for entry in walk(f.path()) {
        rustix::fs::chown(
            &entry,
            Some(rustix::fs::Uid::from_raw(nobody)),
            Some(rustix::fs::Gid::from_raw(nobody)),
        )
        .unwrap();
    }
    rustix::fs::chown(
        f.env_path(),
        Some(rustix::fs::Uid::ROOT),
        Some(rustix::fs::Gid::ROOT),
    )
    .unwrap();
    std::fs::set_permissions(f.env_path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = as_nobody(f.path(), &SETUP);
    assert_ne!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("belongs to uid 0 and this user may not write it"),
        "{}",
        text(&out)
    );
    let meta = std::fs::metadata(f.env_path()).unwrap();
    assert_eq!(
        std::os::unix::fs::MetadataExt::uid(&meta),
        0,
        "the file was replaced by one the user owns"
    );
    assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes());
    assert!(f.backups().is_empty());
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A full disk: the write fails, names the cause, and leaves neither a temporary file
/// nor a backup; `.env` keeps its bytes.
fn a_full_disk_leaves_nothing_behind() {
    if !as_root(
        "a_full_disk_leaves_nothing_behind",
        "run as root (it mounts a small tmpfs)",
    ) {
        return;
    }
    let mount = tempfile::tempdir().unwrap();
    // 5 pages: the compose file, .env and its backup fit; the new .env does not.
    assert!(
        Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=20k", "tmpfs"])
            .arg(mount.path())
            .status()
            .unwrap()
            .success()
    );
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(mount.path());
    std::fs::write(mount.path().join("docker-compose.yaml"), support::COMPOSE).unwrap();
    std::fs::create_dir_all(mount.path().join("volumes/certbot")).unwrap();
    let env = format!("{CLASSIC_ENV}# {}\n", "x".repeat(4096));
    std::fs::write(mount.path().join(".env"), &env).unwrap();
    let out = run(mount.path(), &SETUP);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("the disk is full"), "{}", text(&out));
    let mut names: Vec<String> = std::fs::read_dir(mount.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".env", "docker-compose.yaml", "volumes"],
        "leftovers"
    );
    assert_eq!(
        std::fs::read_to_string(mount.path().join(".env")).unwrap(),
        env
    );
}

/// Two setups at once, many times: when both write, the second has read what the
/// first wrote; otherwise the second refuses. No change is ever lost.
fn concurrent_setups_never_lose_a_change() {
    for round in 0..15 {
        let f = Fixture::env(CLASSIC_ENV);
        let spawn = |email: &str| {
            Command::new(env!("CARGO_BIN_EXE_dify-https"))
                .env("DIFY_HTTPS_LANG", "en")
                .arg("--dir")
                .arg(f.path())
                .args([
                    "--compose",
                    "docker compose",
                    "setup",
                    "--env-only",
                    "--yes",
                    "--domain",
                    "dify.acmecorp.io",
                    "--email",
                    email,
                ])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let a = spawn("a@acme-corp.dev");
        let b = spawn("b@acme-corp.dev");
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let wrote: Vec<&Output> = outs.iter().filter(|o| text(o).contains("Wrote ")).collect();
        assert!(!wrote.is_empty(), "round {round}");
        assert_eq!(
            wrote.len(),
            f.backups().len(),
            "round {round}: one backup per write"
        );
        if wrote.len() == 2 {
            // The later writer changed the earlier one's email, not the placeholder.
            let from_other = wrote.iter().any(|o| {
                let t = text(o);
                t.contains("CERTBOT_EMAIL: \"a@acme-corp.dev\"")
                    || t.contains("CERTBOT_EMAIL: \"b@acme-corp.dev\"")
            });
            assert!(
                from_other,
                "round {round}: both wrote from the same original"
            );
        } else {
            let refused = outs.iter().find(|o| !text(o).contains("Wrote ")).unwrap();
            assert!(
                text(refused).contains("changed on disk")
                    || text(refused).contains("another dify-https"),
                "round {round}: {}",
                text(refused)
            );
        }
    }
}

/// An .env this user may not read, opened in the wizard: one cause, said once, with the
/// fix (it once read "Permission denied: Permission denied").
fn an_unreadable_env_is_named_once_with_the_fix() {
    if !as_root(
        "an_unreadable_env_is_named_once_with_the_fix",
        "run as root",
    ) {
        return;
    }
    let f = Fixture::env(CLASSIC_ENV);
    std::fs::set_permissions(f.env_path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = as_nobody(f.path(), &[]);
    let said = text(&out);
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(said.matches("permission denied").count(), 1, "{said}");
    assert!(said.contains("with sudo"), "{said}");
}

fn missing_root() -> Vec<String> {
    if rustix::process::geteuid().is_root() {
        vec![]
    } else {
        vec!["root".to_string()]
    }
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
        case!(an_env_that_is_not_a_plain_file_is_refused_by_name),
        case!(a_device_as_env_is_refused, missing_root, "run as root"),
        case!(logs_and_certificates_that_are_fifos_never_hang),
        case!(the_prometheus_file_is_never_written_through_a_link),
        case!(the_challenge_folder_is_never_followed_through_a_link),
        case!(
            another_users_env_is_not_replaced,
            missing_root,
            "run as root"
        ),
        case!(
            a_full_disk_leaves_nothing_behind,
            missing_root,
            "run as root"
        ),
        case!(concurrent_setups_never_lose_a_change),
        case!(
            an_unreadable_env_is_named_once_with_the_fix,
            missing_root,
            "run as root"
        ),
    ])
}
