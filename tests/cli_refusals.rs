//! `setup` and `renew` refuse before writing or running anything: each refusal leaves
//! `.env` byte-identical and exits 2 with the fix; writes never leave a `.env` Dify's
//! nginx cannot start with. Compose is played by the test double.

mod support;

use std::path::Path;

use assert_cmd::Command;
use support::certs::TestCa;
use support::{Fixture, classic_env_set};

const DOMAIN: &str = "dify.acmecorp.io";
const EMAIL: &str = "ops@acme-corp.dev";

/// The double's scenario and call log.
struct Compose {
    dir: tempfile::TempDir,
}

impl Compose {
    fn new() -> Compose {
        Compose {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn play(&self, file: &str, text: &str) -> &Self {
        std::fs::write(self.dir.path().join(file), text).unwrap();
        self
    }

    fn calls(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("calls.log")).unwrap_or_default()
    }

    /// `dify-https --dir <folder> --compose <double> <args>`; (exit code, stdout, stderr).
    fn run(&self, folder: &Path, args: &[&str]) -> (i32, String, String) {
        let out = Command::cargo_bin("dify-https")
            .unwrap()
            .env("DIFY_HTTPS_LANG", "en")
            .arg("--dir")
            .arg(folder)
            .arg("--compose")
            .arg(support::double::script())
            .args(args)
            .env("DOUBLE_STATE", self.dir.path())
            .env("DOUBLE_SCENARIO", self.dir.path())
            .env_remove("COMPOSE_PROFILES")
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
}

/// A folder set up for `domain` with HTTPS `https` and a certificate from `issuer`.
fn installed(domain: &str, https: bool, issuer: &str, days: i64) -> Fixture {
    let env = classic_env_set(domain, EMAIL, "--no-random-sleep-on-renew").replace(
        "NGINX_HTTPS_ENABLED=false",
        &format!("NGINX_HTTPS_ENABLED={https}"),
    );
    let f = Fixture::env(&env);
    let ca = TestCa::new(issuer);
    let (pem, key, _) = ca.leaf_for_days(&[domain], days);
    support::install_certificate(&f, domain, &ca.pem, &pem, &key);
    f
}

fn setup_args<'a>(domain: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    [
        &["setup", "--domain", domain, "--email", EMAIL, "--yes"],
        extra,
    ]
    .concat()
}

#[test]
fn a_staging_certificate_in_the_way_is_refused_before_the_write() {
    let f = installed(DOMAIN, false, "(STAGING) Pretend Pear X1", 80);
    let env = String::from_utf8(f.env_bytes())
        .unwrap()
        .replace(EMAIL, "new@acme-corp.dev");
    std::fs::write(f.env_path(), &env).unwrap();
    let compose = Compose::new();
    let (code, _, err) = compose.run(f.path(), &setup_args(DOMAIN, &[]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("holds a staging certificate"), "{err}");
    assert!(err.contains("--replace-staging"), "{err}");
    assert!(err.contains(".env is unchanged"), "{err}");
    assert_eq!(f.env_bytes(), env.as_bytes());
    assert!(f.backups().is_empty());
    assert!(!compose.calls().contains(" up "), "{}", compose.calls());
}

#[test]
fn compose_v1_that_cannot_read_difys_file_is_refused_before_the_write() {
    let f = Fixture::env(support::CLASSIC_ENV);
    let compose = Compose::new();
    compose
        .play("config.err", "The Compose file './docker-compose.yaml' is invalid because:\nservices.api.depends_on contains unsupported option: 'required'\nservices.api.env_file contains {\"path\": \"./envs/x.env\", \"required\": false}, which is an invalid type, it should be a string\n")
        .play("config.code", "1");
    let (code, _, err) = compose.run(f.path(), &setup_args(DOMAIN, &[]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Compose v1 (docker-compose 1.x) cannot read this docker-compose.yaml: it uses `depends_on` with `required:` and `env_file` entries with `path:`/`required:`"), "{err}");
    assert!(err.contains("--compose \"docker compose\""), "{err}");
    assert_eq!(f.env_bytes(), support::CLASSIC_ENV.as_bytes());
    assert!(!compose.calls().contains(" up "));
}

#[test]
fn a_finished_install_is_left_alone() {
    let f = installed(DOMAIN, true, "R11 Test", 80);
    let before = f.env_bytes();
    let compose = Compose::new();
    let (code, out, err) = compose.run(f.path(), &setup_args(DOMAIN, &[]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("is already set up for dify.acmecorp.io"),
        "{out}"
    );
    assert!(out.contains("Nothing was written or recreated"), "{out}");
    assert_eq!(f.env_bytes(), before);
    assert!(f.backups().is_empty(), "no backup identical to the file");
    let calls = compose.calls();
    assert!(
        !calls.contains(" up ") && !calls.contains(" run "),
        "{calls}"
    );
}

#[test]
fn a_domain_change_on_live_https_never_breaks_nginx() {
    let old = "old.acmecorp.io";
    // --env-only: nothing can wait for the new certificate, so HTTPS goes off in the
    // same write, and the notes say so.
    let f = installed(old, true, "R11 Test", 80);
    let compose = Compose::new();
    let (code, _, err) = compose.run(f.path(), &setup_args(DOMAIN, &["--env-only"]));
    assert_eq!(code, 0, "{err}");
    let env = String::from_utf8(f.env_bytes()).unwrap();
    assert!(env.contains("\nCERTBOT_DOMAIN=dify.acmecorp.io\n"), "{env}");
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=false\n"), "{env}");
    assert!(err.contains("HTTPS goes off in this write"), "{err}");

    // A run: the old certificate keeps serving; the new domain moves with the switch.
    let f = installed(old, true, "R11 Test", 80);
    let compose = Compose::new();
    compose.play("up.code", "1").play("up.err", "boom\n");
    let (code, _, err) = compose.run(f.path(), &setup_args(DOMAIN, &[]));
    assert_eq!(code, 1, "the run stops at its first step: {err}");
    assert!(err.contains("HTTPS stays on for old.acmecorp.io"), "{err}");
    let env = String::from_utf8(f.env_bytes()).unwrap();
    assert!(env.contains("\nCERTBOT_DOMAIN=old.acmecorp.io\n"), "{env}");
    assert!(
        env.contains("\nNGINX_SERVER_NAME=old.acmecorp.io\n"),
        "{env}"
    );
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=true\n"), "{env}");
}

#[test]
fn renewal_breaking_options_are_refused_with_the_right_way() {
    let f = Fixture::env(support::CLASSIC_ENV);
    let compose = Compose::new();
    for (options, says) in [
        ("--force-renewal", "dify-https renew --force"),
        ("--stag", "certbot reads it as --staging"),
        ("--webroot-path /x", "webroot challenge"),
        ("--email a@b.org", "email is set"),
        ("--deploy-hook x", "run commands"),
    ] {
        let (code, _, err) = compose.run(
            f.path(),
            &setup_args(DOMAIN, &["--certbot-options", options]),
        );
        assert_eq!(code, 2, "{options}: {err}");
        assert!(err.contains(says), "{options}: {err}");
    }
    assert_eq!(f.env_bytes(), support::CLASSIC_ENV.as_bytes());
    assert_eq!(compose.calls(), "", "nothing is asked of compose");
}

#[test]
fn internal_names_need_a_private_ca() {
    let f = Fixture::env(support::CLASSIC_ENV);
    let compose = Compose::new();
    let (code, _, err) = compose.run(f.path(), &setup_args("dify.corp.internal", &["--env-only"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--server"), "{err}");
    let (code, _, err) = compose.run(
        f.path(),
        &setup_args(
            "dify.corp.internal",
            &[
                "--env-only",
                "--certbot-options",
                "--server https://ca.corp.internal/acme/directory",
            ],
        ),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        String::from_utf8(f.env_bytes())
            .unwrap()
            .contains("CERTBOT_DOMAIN=dify.corp.internal")
    );
}

#[test]
fn renew_runs_nothing_with_tampered_values() {
    let f = installed(DOMAIN, true, "R11 Test", 80);
    let env = String::from_utf8(f.env_bytes()).unwrap().replace(
        "CERTBOT_OPTIONS=--no-random-sleep-on-renew",
        "CERTBOT_OPTIONS='--x $(touch /tmp/pwned)'",
    );
    std::fs::write(f.env_path(), &env).unwrap();
    let compose = Compose::new();
    let (code, _, err) = compose.run(f.path(), &["renew"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("CERTBOT_OPTIONS in .env is not safe"), "{err}");
    assert_eq!(compose.calls(), "");
}

#[test]
fn renew_force_is_for_that_run_only() {
    let f = installed(DOMAIN, false, "R11 Test", 80);
    let before = f.env_bytes();
    let compose = Compose::new();
    let (_, _, err) = compose.run(f.path(), &["renew", "--force"]);
    let calls = compose.calls();
    let run = calls
        .lines()
        .find(|l| l.contains(" run "))
        .unwrap_or_else(|| panic!("{calls}{err}"));
    assert!(
        run.contains("-e CERTBOT_OPTIONS=--no-random-sleep-on-renew --force-renewal certbot"),
        "{run}"
    );
    assert_eq!(f.env_bytes(), before);
}

/// `renew --quiet`, as a schedule runs it: silent when nothing was due, one line after
/// a renewal, a short report on stderr (exit 1) when it failed.
#[test]
fn renew_quiet_speaks_only_when_something_happened() {
    let f = installed(DOMAIN, false, "R11 Test", 80);
    let compose = Compose::new();
    let (code, out, err) = compose.run(f.path(), &["renew", "--quiet"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "", ""),
        "not due: silent"
    );

    // The script replaces the certificate: one line says so.
    let ca = TestCa::new("R11 Test");
    let (pem, _, _) = ca.leaf_for_days(&[DOMAIN], 89);
    let staged = f.path().join("renewed.pem");
    std::fs::write(&staged, format!("{pem}{}", ca.pem)).unwrap();
    compose.play(
        "run.sh",
        &format!(
            "cp {} volumes/certbot/conf/live/{DOMAIN}/fullchain.pem\n",
            staged.display()
        ),
    );
    let (code, out, err) = compose.run(f.path(), &["renew", "--quiet"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("renewed: the certificate now expires "),
        "{out}"
    );
    assert_eq!(err, "");

    compose.play(
        "run.sh",
        "echo 'An unexpected error occurred: the CA is down'; exit 1\n",
    );
    let (code, out, err) = compose.run(f.path(), &["renew", "--quiet"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(out, "");
    assert!(
        err.starts_with("dify-https renew: \"Run Dify's certificate script\" failed"),
        "{err}"
    );
    assert!(err.contains("the CA is down"), "{err}");
}

/// Every command into a pipe nobody reads (`dify-https … | head -1` once head is done):
/// it ends quietly with exit 0 or its own code, never a panic (exit 101).
#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let f = Fixture::env(&support::set_up_env(DOMAIN, false));
    let ca = TestCa::new("Pipe Test");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 80);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    let dir = f.path().to_str().unwrap();
    let root = tempfile::tempdir().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
        vec![
            "--dir",
            dir,
            "schedule",
            "--root",
            root.path().to_str().unwrap(),
        ],
        vec!["--dir", dir, "status", "--no-probe"],
        vec!["--dir", dir, "status", "--json", "--no-probe"],
        vec!["--dir", dir, "status", "--check", "--no-probe"],
        vec!["--dir", dir, "history"],
        vec!["--dir", dir, "--compose", "/nonexistent/compose", "doctor"],
        vec!["--dir", dir, "logs"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"))
            .env("DIFY_HTTPS_LANG", "en")
            .args(&args)
            .stdout(writer)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {stderr}");
        assert!(out.status.code().is_some(), "{args:?}: killed by a signal");
    }
}
