//! `dify-https setup` on fixture folders: exact bytes written, and every refused
//! input leaves `.env` byte-identical with a non-zero exit and a message.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use assert_cmd::Command;
use predicates::prelude::*;
use support::{CLASSIC_ENV, Fixture, classic_env_set};

const DOMAIN: &str = "dify.acmecorp.io";
const EMAIL: &str = "ops@acme-corp.dev";

fn setup(fixture: &Fixture, extra: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(fixture.path())
        .args([
            "--compose",
            "docker compose",
            "setup",
            "--env-only",
            "--yes",
        ])
        .args(extra)
        .env_remove("COMPOSE_PROFILES")
        .assert()
}

fn setup_ok(fixture: &Fixture, extra: &[&str]) -> assert_cmd::assert::Assert {
    setup(
        fixture,
        &[&["--domain", DOMAIN, "--email", EMAIL], extra].concat(),
    )
    .success()
}

fn env_text(fixture: &Fixture) -> String {
    String::from_utf8(fixture.env_bytes()).unwrap()
}

#[test]
fn classic_env_gets_exactly_the_seven_keys() {
    let f = Fixture::env(CLASSIC_ENV);
    setup_ok(
        &f,
        &["--mode", "staging", "--certbot-options", "--key-type ecdsa"],
    )
    .stdout(predicate::str::contains(
        "CERTBOT_DOMAIN: \"your_domain.com\" -> \"dify.acmecorp.io\"",
    ))
    .stdout(predicate::str::contains(
        "docker compose --profile weaviate --profile postgresql --profile certbot up -d",
    ));
    let expected = classic_env_set(
        "dify.acmecorp.io",
        "ops@acme-corp.dev",
        "--test-cert --no-random-sleep-on-renew --key-type ecdsa",
    );
    assert_eq!(env_text(&f), expected);
    assert_eq!(f.backups().len(), 1);
    assert_eq!(fs::read_to_string(&f.backups()[0]).unwrap(), CLASSIC_ENV);
}

#[test]
fn crlf_file_stays_crlf_with_bom_and_no_final_newline() {
    let original = "\u{feff}# Dify — réglages\r\nNGINX_SERVER_NAME=_\r\nCERTBOT_DOMAIN=\r\nOTHER=1";
    let f = Fixture::env(original);
    setup_ok(&f, &[]);
    assert_eq!(
        env_text(&f),
        "\u{feff}# Dify — réglages\r\nNGINX_SERVER_NAME=dify.acmecorp.io\r\nNGINX_ENABLE_CERTBOT_CHALLENGE=true\r\nNGINX_SSL_CERT_FILENAME=fullchain.pem\r\nNGINX_SSL_CERT_KEY_FILENAME=privkey.pem\r\nCERTBOT_DOMAIN=dify.acmecorp.io\r\nCERTBOT_EMAIL=ops@acme-corp.dev\r\nCERTBOT_OPTIONS=--no-random-sleep-on-renew\r\nOTHER=1"
    );
}

#[test]
fn duplicates_change_the_last_one_and_are_reported() {
    let f =
        Fixture::env("CERTBOT_DOMAIN=first.org\nNGINX_SERVER_NAME=_\nCERTBOT_DOMAIN=second.org\n");
    setup_ok(&f, &[]).stderr(predicate::str::contains(
        "CERTBOT_DOMAIN is set more than once; compose uses the last one (line 3), which is the one changed. Line 1 is ignored",
    ));
    assert!(
        env_text(&f).starts_with("CERTBOT_DOMAIN=first.org\nNGINX_SERVER_NAME=dify.acmecorp.io\n")
    );
    assert!(env_text(&f).contains("\nCERTBOT_DOMAIN=dify.acmecorp.io\n"));
}

#[test]
fn quotes_export_and_inline_comments_are_kept() {
    let original = "export NGINX_SERVER_NAME=\"_\" # who we are\nCERTBOT_EMAIL='old@acme-corp.dev'\nCERTBOT_DOMAIN=old.org # set me\nCERTBOT_OPTIONS=\"--dry-run\"\nNGINX_SSL_PROTOCOLS=TLSv1.2 TLSv1.3\n";
    let f = Fixture::env(original);
    setup_ok(&f, &[]);
    let text = env_text(&f);
    assert!(
        text.starts_with("export NGINX_SERVER_NAME=\"dify.acmecorp.io\" # who we are\n"),
        "{text}"
    );
    assert!(text.contains("CERTBOT_EMAIL='ops@acme-corp.dev'\nCERTBOT_DOMAIN=dify.acmecorp.io # set me\nCERTBOT_OPTIONS=\"--no-random-sleep-on-renew\"\n"), "{text}");
    assert!(text.contains("\nNGINX_SSL_PROTOCOLS=TLSv1.2 TLSv1.3\n"));
}

#[test]
fn missing_keys_are_added_to_their_family() {
    let original = "# top\nNGINX_PORT=80\nNGINX_SSL_PORT=443\nEXPOSE_NGINX_PORT=80\n";
    let f = Fixture::env(original);
    setup_ok(&f, &[]);
    assert_eq!(
        env_text(&f),
        "# top\nNGINX_PORT=80\nNGINX_SSL_PORT=443\nNGINX_SERVER_NAME=dify.acmecorp.io\nNGINX_ENABLE_CERTBOT_CHALLENGE=true\nNGINX_SSL_CERT_FILENAME=fullchain.pem\nNGINX_SSL_CERT_KEY_FILENAME=privkey.pem\nEXPOSE_NGINX_PORT=80\n\n# Certbot (Let's Encrypt), set by dify-https. The certbot service reads these from this file.\nCERTBOT_DOMAIN=dify.acmecorp.io\nCERTBOT_EMAIL=ops@acme-corp.dev\nCERTBOT_OPTIONS=--no-random-sleep-on-renew\n"
    );
}

#[test]
fn a_second_run_with_the_same_answers_changes_nothing() {
    let f = Fixture::env(CLASSIC_ENV);
    setup_ok(&f, &[]);
    let after_first = f.env_bytes();
    setup_ok(&f, &[]).stdout(predicate::str::contains("nothing to change"));
    assert_eq!(f.env_bytes(), after_first);
    assert_eq!(f.backups().len(), 1, "no backup for a no-op");
}

#[test]
fn mode_and_permissions_are_kept() {
    let f = Fixture::env(CLASSIC_ENV);
    fs::set_permissions(f.env_path(), fs::Permissions::from_mode(0o640)).unwrap();
    setup_ok(&f, &[]);
    let mode = fs::metadata(f.env_path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn read_only_env_is_refused_untouched() {
    let f = Fixture::env(CLASSIC_ENV);
    fs::set_permissions(f.env_path(), fs::Permissions::from_mode(0o444)).unwrap();
    setup(&f, &["--domain", DOMAIN, "--email", EMAIL])
        .code(1)
        .stderr(
            predicate::str::contains("is read-only").and(predicate::str::contains("chmod u+w")),
        );
    assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes());
    assert!(f.backups().is_empty());
}

#[test]
fn env_is_created_from_the_example_with_yes() {
    let f = Fixture::with(&[(".env.example", CLASSIC_ENV)]);
    setup_ok(&f, &[]).stderr(predicate::str::contains("Created"));
    assert!(env_text(&f).contains("CERTBOT_DOMAIN=dify.acmecorp.io"));
    assert_eq!(
        fs::read_to_string(f.path().join(".env.example")).unwrap(),
        CLASSIC_ENV
    );
}

#[test]
fn without_yes_and_without_a_terminal_nothing_is_written() {
    let f = Fixture::env(CLASSIC_ENV);
    Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .args(["setup", "--env-only", "--domain", DOMAIN, "--email", EMAIL])
        .write_stdin("y\n")
        .assert()
        .code(2)
        .stdout(predicate::str::contains("+CERTBOT_DOMAIN=dify.acmecorp.io"))
        .stderr(predicate::str::contains("Run again with --yes"));
    assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes());
}

#[test]
fn not_a_dify_folder_says_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(dir.path())
        .args(["setup", "--env-only", "--domain", DOMAIN, "--email", EMAIL])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no docker-compose.yaml")
                .and(predicate::str::contains("--demo")),
        );
}

#[test]
fn every_refused_value_leaves_env_byte_identical() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--domain", "https://dify.acmecorp.io"],
            "without `https://`",
        ),
        (&["--domain", "*.example.org"], "Wildcard"),
        (&["--domain", "203.0.113.9"], "IP address"),
        (&["--domain", "localhost"], "at least one dot"),
        (&["--domain", "dify.acmecorp.io:8443"], "without a port"),
        (&["--domain", "dify.acmecorp.io/path"], "without a path"),
        (&["--domain", "a_b.example.org"], "`_` is not allowed"),
        (&["--domain", "x.org;id"], "`;` cannot be used"),
        (&["--email", "your_email@example.com"], "placeholder"),
        (&["--email", "me@example.com"], "refuses"),
        (&["--email", "me@dify.test"], ".test"),
        (&["--email", "nobody"], "needs an @"),
        (&["--email", "a$(id)@x.org"], "`$` cannot be used"),
        (
            &["--certbot-options", "--debug; reboot"],
            "`;` cannot be used",
        ),
        (&["--certbot-options", "--x|y"], "`|`"),
        (&["--certbot-options", "--x&y"], "`&`"),
        (
            &["--certbot-options", "--x `id`"],
            "--certbot-options: a backtick (`)",
        ),
        (&["--certbot-options", "--x \"y\""], "`\"`"),
        (&["--certbot-options", "--x 'y'"], "`'`"),
        (&["--certbot-options", "--x <y"], "`<`"),
        (&["--certbot-options", "--x (y)"], "`(`"),
        (&["--certbot-options", "--x\\y"], "`\\`"),
        (&["--certbot-options", "--x\ny"], "a line break"),
        (&["--certbot-options", "--x\u{7}"], "control character"),
        (&["--certbot-options", "-d other.org"], "Leave out `-d`"),
        (
            &["--certbot-options", "--domains other.org"],
            "Leave out `--domains`",
        ),
        (
            &["--certbot-options", "--cert-name x"],
            "Leave out `--cert-name`",
        ),
        (&["--certbot-options", "--dry-run"], "chosen with the mode"),
        (&["--certbot-options", "reboot"], "not a certbot option"),
    ];
    let f = Fixture::env(CLASSIC_ENV);
    for (args, message) in cases {
        // Good values for the flags the case does not set.
        let mut all: Vec<&str> = args.to_vec();
        for (flag, good) in [("--domain", DOMAIN), ("--email", EMAIL)] {
            if !args.contains(&flag) {
                all.extend([flag, good]);
            }
        }
        setup(&f, &all)
            .code(2)
            .stderr(predicate::str::contains(*message));
        assert_eq!(f.env_bytes(), CLASSIC_ENV.as_bytes(), "{args:?}");
    }
    assert!(f.backups().is_empty());
}

/// The command printed for the run names the folder and compose the user gave, quoted,
/// so pasting it acts on the same install.
#[test]
fn env_only_prints_a_run_command_with_the_given_dir_and_compose() {
    let f = Fixture::env(CLASSIC_ENV);
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .args([
            "--compose",
            "sudo docker compose",
            "setup",
            "--env-only",
            "--yes",
        ])
        .args(["--domain", DOMAIN, "--email", EMAIL])
        .env_remove("COMPOSE_PROFILES")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "dify-https --dir {} --compose 'sudo docker compose' setup --domain {DOMAIN}",
            f.path().display()
        )),
        "{stdout}"
    );
}

/// `dify-https setup` again, without --domain and --email, takes them from .env and says
/// so (the advice "run `dify-https setup` again" works as written); with neither in
/// .env (Dify's placeholders), it asks for the flags.
#[test]
fn setup_again_takes_domain_and_email_from_env() {
    let f = Fixture::env(CLASSIC_ENV);
    setup(&f, &[])
        .code(2)
        .stderr(predicate::str::contains("--domain:"))
        .stderr(predicate::str::contains("--email:"));
    setup_ok(&f, &[]);
    let out = setup(&f, &["--mode", "staging"]).success();
    let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        said.contains(&format!("CERTBOT_DOMAIN from .env: {DOMAIN}")),
        "{said}"
    );
    assert!(
        said.contains(&format!("CERTBOT_EMAIL from .env: {EMAIL}")),
        "{said}"
    );
    assert!(
        env_text(&f).contains("CERTBOT_OPTIONS=--test-cert"),
        "{}",
        env_text(&f)
    );
    assert!(env_text(&f).contains(&format!("CERTBOT_DOMAIN={DOMAIN}")));
}
