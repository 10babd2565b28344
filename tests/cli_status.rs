//! `dify-https status` on certificates made at test time: exact JSON fields and
//! monitoring exit codes for each state, a served certificate that differs from the
//! file, and the Prometheus textfile.

mod support;

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::thread;

use assert_cmd::Command;
use dify_https::core::certificate::fingerprint_sha256;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde_json::Value;
use support::certs::TestCa;
use support::{CLASSIC_ENV, Fixture};

const DOMAIN: &str = "dify.acmecorp.io";

/// A Dify folder set up for DOMAIN with a certificate valid `days` more days.
fn folder(https: bool, names: &[&str], days: i64, issuer: &str) -> (Fixture, Vec<u8>) {
    let f = Fixture::env(&support::set_up_env(DOMAIN, https));
    let ca = TestCa::new(issuer);
    let (pem, key, der) = ca.leaf_for_days(names, days);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    (f, der)
}

/// `dify-https status` with compose played by the test double, reporting nginx running.
fn status(dir: &Path, args: &[&str]) -> (i32, String) {
    let scenario = tempfile::tempdir().unwrap();
    std::fs::write(scenario.path().join("ps.out"), "api\nnginx\n").unwrap();
    status_with(dir, scenario.path(), args)
}

/// `dify-https status` with compose played by the test double from `scenario`.
fn status_with(dir: &Path, scenario: &Path, args: &[&str]) -> (i32, String) {
    let double = support::double::script();
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(dir)
        .arg("--compose")
        .arg(&double)
        .arg("status")
        .args(args)
        .env("DOUBLE_STATE", scenario)
        .env("DOUBLE_SCENARIO", scenario)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// HTTPS on, certificate names, days left, issuer, expected exit code and word.
type Case = (
    bool,
    &'static [&'static str],
    i64,
    &'static str,
    i32,
    &'static str,
);

#[test]
fn each_state_has_its_verdict_and_exit_code() {
    let cases: &[Case] = &[
        (false, &[DOMAIN], 80, "Test Root", 1, "WARNING"), // the site serves plain HTTP
        (true, &[DOMAIN], 80, "Test Root", 0, "OK"),
        (true, &[DOMAIN], 20, "Test Root", 1, "WARNING"),
        (true, &[DOMAIN], 3, "Test Root", 2, "CRITICAL"),
        (true, &[DOMAIN], -1, "Test Root", 2, "CRITICAL"),
        (
            true,
            &[DOMAIN],
            80,
            "(STAGING) Pretend Pear X1",
            1,
            "WARNING",
        ),
        (true, &["other.acmecorp.io"], 80, "Test Root", 2, "CRITICAL"),
    ];
    for (https, names, days, issuer, code, word) in cases {
        let (f, _) = folder(*https, names, *days, issuer);
        // The disk and .env alone (what nginx serves is judged below).
        let (got, out) = status(f.path(), &["--check", "--no-probe"]);
        assert_eq!(
            (got, out.split_whitespace().next().unwrap()),
            (*code, *word),
            "{names:?} {days} {issuer}: {out}"
        );
        assert_eq!(out.lines().count(), 1);
    }
    // A certificate with HTTPS off: the site serves plain HTTP, and the fix is named.
    let (f, _) = folder(false, &[DOMAIN], 80, "Test Root");
    assert_eq!(
        status(f.path(), &["--check", "--no-probe"]),
        (1, "WARNING - dify.acmecorp.io, 80 days left: a certificate exists but HTTPS is off (NGINX_HTTPS_ENABLED=false): the site is served over plain HTTP\n".to_string())
    );
    let (_, json) = status(f.path(), &["--json", "--no-probe"]);
    assert!(json.contains("dify-https https on"), "{json}");
    // HTTPS on, nginx running, nothing answering TLS on its port: the site is down.
    let (f, _) = folder(true, &[DOMAIN], 80, "Test Root");
    let (code, out) = status(f.path(), &["--check"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nothing answers TLS on 127.0.0.1:1"), "{out}");
}

/// A key nginx cannot load (dangling link, another certificate's key) with HTTPS on:
/// CRITICAL in status and a failed check in doctor, never OK.
#[test]
fn a_key_nginx_cannot_use_is_critical_everywhere() {
    let other_key = TestCa::new("Other").leaf_for_days(&[DOMAIN], 80).1;
    for case in ["dangling", "another key"] {
        let (f, _) = folder(true, &[DOMAIN], 80, "Test Root");
        let key = f
            .path()
            .join(format!("volumes/certbot/conf/live/{DOMAIN}/privkey.pem"));
        std::fs::remove_file(&key).unwrap();
        match case {
            "dangling" => {
                std::os::unix::fs::symlink("../../archive/gone/privkey9.pem", &key).unwrap()
            }
            _ => std::fs::write(&key, &other_key).unwrap(),
        }
        let (code, out) = status(f.path(), &["--check", "--no-probe"]);
        assert_eq!(code, 2, "{case}: {out}");
        assert!(out.starts_with("CRITICAL"), "{case}: {out}");
        let (_, json) = status(f.path(), &["--json", "--no-probe"]);
        assert!(
            json.contains("nginx will not start with it"),
            "{case}: {json}"
        );
        assert!(
            !json.contains(other_key.lines().nth(1).unwrap()),
            "{case}: key material"
        );
        let doctor = Command::cargo_bin("dify-https")
            .unwrap()
            .env("DIFY_HTTPS_LANG", "en")
            .args([
                "--dir",
                f.path().to_str().unwrap(),
                "--compose",
                "/nonexistent/compose",
                "doctor",
                "--json",
            ])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&doctor.stdout).unwrap();
        let check = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "https-before-certificate")
            .unwrap_or_else(|| panic!("{v}"));
        assert_eq!(check["status"], "fail", "{case}: {check}");
    }
}

/// An expired certificate and an overdue renewal are said in words, never as a
/// negative count; JSON keeps the signed number.
#[test]
fn expiry_and_overdue_renewals_read_as_words() {
    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    let ca = TestCa::new("Test Root");
    let (pem, key, _) = ca.leaf(
        &[DOMAIN],
        time::Duration::days(-90),
        time::Duration::days(-3) - time::Duration::hours(1),
    );
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    let (code, out) = status(f.path(), &["--check", "--no-probe"]);
    assert_eq!(code, 2);
    assert!(
        out.starts_with(
            "CRITICAL - dify.acmecorp.io, expired 3 days ago: the certificate expired 3 days ago"
        ),
        "{out}"
    );
    // Never a negative count (a date such as 2026-11-30 may hold "-3").
    assert!(!out.contains(" -3") && !out.contains("(-3"), "{out}");
    let (_, text) = status(f.path(), &["--no-probe"]);
    assert!(text.contains("expired 3 days ago"), "{text}");
    let v: Value = serde_json::from_str(&status(f.path(), &["--json", "--no-probe"]).1).unwrap();
    assert_eq!(v["certificate"]["days_left"], -3);
    assert_eq!(v["certificate"]["expired"], true);

    // The lineage renews 60 days before expiry; 50 are left and it was not renewed.
    let (f, _) = folder(true, &[DOMAIN], 50, "Test Root");
    let conf = f.path().join("volumes/certbot/conf/renewal");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join(format!("{DOMAIN}.conf")),
        "renew_before_expiry = 60 days\n[renewalparams]\nauthenticator = webroot\nserver = https://acme-v02.api.letsencrypt.org/directory\n",
    )
    .unwrap();
    let (code, out) = status(f.path(), &["--check", "--no-probe"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(": renewal overdue since 20"), "{out}");
    let v: Value = serde_json::from_str(&status(f.path(), &["--json", "--no-probe"]).1).unwrap();
    assert_eq!(v["certificate"]["renewal_overdue"], true);
}

/// Stored certbot options that make renewals useless while a certificate exists.
#[test]
fn renewal_breaking_options_are_named() {
    for (options, named) in [
        (
            "--dry-run --no-random-sleep-on-renew",
            "CERTBOT_OPTIONS has --dry-run",
        ),
        ("--test-cert", "CERTBOT_OPTIONS has --test-cert"),
        ("--stag", "CERTBOT_OPTIONS has --stag"),
        ("--force-renewal", "CERTBOT_OPTIONS has --force-renewal"),
    ] {
        let (f, _) = folder(true, &[DOMAIN], 80, "Test Root");
        let env = String::from_utf8(f.env_bytes()).unwrap().replace(
            "CERTBOT_OPTIONS=\n",
            &format!("CERTBOT_OPTIONS={options}\n"),
        );
        std::fs::write(f.env_path(), env).unwrap();
        let (code, out) = status(f.path(), &["--check", "--no-probe"]);
        assert_eq!(code, 1, "{options}: {out}");
        assert!(out.contains(named), "{options}: {out}");
    }
}

/// The monitoring contract holds when there is nothing to judge: one line, exit 3,
/// and a textfile that says unknown.
#[test]
fn a_missing_or_foreign_folder_is_unknown_for_monitoring() {
    let dir = tempfile::tempdir().unwrap();
    let prom = dir.path().join("d.prom");
    // A Dify folder before its first step: the same fix the doctor gives.
    let fresh = Fixture::with(&[(".env.example", CLASSIC_ENV)]);
    for (folder, says) in [
        (dir.path().join("nope"), "does not exist"),
        (dir.path().to_path_buf(), "is not Dify's docker folder"),
        (
            fresh.path().to_path_buf(),
            "has no .env. Create it with `cp .env.example .env`",
        ),
    ] {
        let out = Command::cargo_bin("dify-https")
            .unwrap()
            .env("DIFY_HTTPS_LANG", "en")
            .arg("--dir")
            .arg(&folder)
            .args(["status", "--check", "--prometheus"])
            .arg(&prom)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(3), "{stdout}");
        assert_eq!(stdout.lines().count(), 1, "{stdout}");
        assert!(
            stdout.starts_with("UNKNOWN - ") && stdout.contains(says),
            "{stdout}"
        );
        let text = std::fs::read_to_string(&prom).unwrap();
        assert!(
            text.contains("dify_https_verdict{domain=\"\"} 3\n"),
            "{text}"
        );
        std::fs::remove_file(&prom).unwrap();
    }
    // Without --check a wrong --dir is bad input, said plainly.
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(dir.path().join("nope"))
        .arg("doctor")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

/// A test certificate's hint depends on where it came from: Let's Encrypt's staging
/// (production mode fixes it) or a CA the user named with --server (it does not).
#[test]
fn a_test_certificates_hint_follows_the_ca_in_certbot_options() {
    for (options, says, hint) in [
        ("", "is a test one", "run the setup in production mode"),
        (
            "--server https://ca.internal/acme/directory",
            "private CA (CN=Pebble Intermediate CA 1a2b3c, ACME server https://ca.internal/acme/directory)",
            "fine for an internal site",
        ),
    ] {
        let (f, _) = folder(true, &[DOMAIN], 80, "Pebble Intermediate CA 1a2b3c");
        let env = String::from_utf8(f.env_bytes()).unwrap().replace(
            "CERTBOT_OPTIONS=\n",
            &format!("CERTBOT_OPTIONS={options}\n"),
        );
        std::fs::write(f.env_path(), env).unwrap();
        let (_, out) = status(f.path(), &["--json", "--no-probe"]);
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let finding = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["message"].as_str().unwrap().contains(says))
            .unwrap_or_else(|| panic!("{report:#}"));
        assert!(
            finding["hint"].as_str().unwrap().starts_with(hint),
            "{finding:#}"
        );
    }
}

/// A published HTTPS port compose would not take cannot be checked: unknown, said why,
/// not probed on 443 instead.
#[test]
fn an_unreadable_https_port_is_unknown_and_named() {
    let (f, _) = folder(true, &[DOMAIN], 80, "Test Root");
    let env = String::from_utf8(f.env_bytes())
        .unwrap()
        .replace("EXPOSE_NGINX_SSL_PORT=1\n", "EXPOSE_NGINX_SSL_PORT=4x3\n");
    std::fs::write(f.env_path(), env).unwrap();
    let (code, out) = status(f.path(), &["--check"]);
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("EXPOSE_NGINX_SSL_PORT=4x3 in .env is not a port number"),
        "{out}"
    );
    let (_, json) = status(f.path(), &["--json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["served"], serde_json::json!([]), "{report:#}");
}

#[test]
fn no_certificate_is_unknown_unless_https_is_on() {
    let f = Fixture::env(&CLASSIC_ENV.replace(
        "CERTBOT_DOMAIN=your_domain.com",
        &format!("CERTBOT_DOMAIN={DOMAIN}"),
    ));
    assert_eq!(status(f.path(), &["--check"]).0, 3);
    std::fs::write(
        f.env_path(),
        CLASSIC_ENV
            .replace(
                "CERTBOT_DOMAIN=your_domain.com",
                &format!("CERTBOT_DOMAIN={DOMAIN}"),
            )
            .replace("NGINX_HTTPS_ENABLED=false", "NGINX_HTTPS_ENABLED=true"),
    )
    .unwrap();
    let (code, out) = status(f.path(), &["--check"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("HTTPS is on, but there is no certificate"));
    let placeholder = Fixture::env(CLASSIC_ENV);
    assert_eq!(status(placeholder.path(), &["--check"]).0, 3);
}

#[test]
fn thresholds_are_adjustable() {
    let (f, _) = folder(true, &[DOMAIN], 20, "Test Root");
    assert_eq!(status(f.path(), &["--check", "--no-probe"]).0, 1);
    assert_eq!(
        status(f.path(), &["--check", "--no-probe", "--warn-days", "10"]),
        (0, "OK - dify.acmecorp.io, 20 days left: nothing here renews the certificate: no renewal schedule is installed\n".to_string())
    );
    assert_eq!(
        status(
            f.path(),
            &[
                "--check",
                "--no-probe",
                "--warn-days",
                "40",
                "--crit-days",
                "25"
            ]
        )
        .0,
        2
    );
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .args(["status", "--warn-days", "5", "--crit-days", "9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_has_the_documented_fields() {
    let (f, der) = folder(false, &[DOMAIN, "www.dify.acmecorp.io"], 80, "Test Root");
    let (code, out) = status(f.path(), &["--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["domain"], DOMAIN);
    assert_eq!(v["https_enabled"], false);
    assert_eq!(v["verdict"], "warning");
    assert_eq!(v["custom_acme_server"], Value::Null);
    let c = &v["certificate"];
    assert_eq!(
        c["names"],
        serde_json::json!([DOMAIN, "www.dify.acmecorp.io"])
    );
    assert_eq!(c["days_left"], 80);
    assert_eq!(c["staging"], false);
    assert_eq!(c["fingerprint_sha256"], fingerprint_sha256(&der));
    assert!(c["issuer"].as_str().unwrap().contains("Test Root"));
    for key in [
        "not_before",
        "not_after",
        "renewal_due",
        "serial",
        "key_type",
        "chain_len",
    ] {
        assert!(!c[key].is_null(), "{key}");
    }
    assert_eq!(v["served"], serde_json::json!([]));
    assert_eq!(v["findings"][0]["severity"], "warning");

    let none = Fixture::env(CLASSIC_ENV);
    let v: Value = serde_json::from_str(&status(none.path(), &["--json"]).1).unwrap();
    assert_eq!(v["certificate"], Value::Null);
    assert_eq!(v["verdict"], "unknown");
}

#[test]
fn a_served_certificate_other_than_the_file_is_critical() {
    let (f, disk_der) = folder(true, &[DOMAIN], 80, "Test Root");
    // nginx stand-in: a TLS server presenting an older certificate for the domain.
    let ca = TestCa::new("Test Root");
    let (pem, key, served_der) = ca.leaf_for_days(&[DOMAIN], 60);
    serve_as_nginx(&f, &pem, &key);
    let (code, out) = status(f.path(), &["--check"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("nginx serves an older certificate than the one on disk: reload needed"),
        "{out}"
    );
    let v: Value = serde_json::from_str(&status(f.path(), &["--json"]).1).unwrap();
    let served = &v["served"][0]["certificate"];
    assert_eq!(
        served["fingerprint_sha256"],
        fingerprint_sha256(&served_der)
    );
    assert_ne!(served["fingerprint_sha256"], fingerprint_sha256(&disk_der));
    assert_eq!(served["matches_disk"], false);
    assert_eq!(
        served["trusted"], false,
        "a test CA is not in the webpki roots"
    );
}

/// A TLS server on loopback presenting `pem` with `key` (nginx's stand-in); its port.
fn serve_tls(pem: &str, key: &str) -> u16 {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem.as_bytes())
        .map(Result::unwrap)
        .collect();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            certs,
            PrivateKeyDer::from_pem_slice(key.as_bytes()).unwrap(),
        )
        .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let mut sock = stream.unwrap();
            let mut conn = rustls::ServerConnection::new(Arc::clone(&config)).unwrap();
            while conn.is_handshaking() {
                if conn.complete_io(&mut sock).is_err() {
                    break;
                }
            }
        }
    });
    port
}

/// Starts a TLS server presenting `pem` and points the folder's EXPOSE_NGINX_SSL_PORT
/// at it (the folder's nginx, as status probes it).
fn serve_as_nginx(f: &Fixture, pem: &str, key: &str) {
    let port = serve_tls(pem, key);
    let env = std::fs::read_to_string(f.env_path()).unwrap().replace(
        "EXPOSE_NGINX_SSL_PORT=1",
        &format!("EXPOSE_NGINX_SSL_PORT={port}"),
    );
    std::fs::write(f.env_path(), env).unwrap();
}

/// nginx serves the certificate on disk, but browsers reject it: critical, with the
/// trust error; when the lineage comes from a private CA (`server` in the renewal
/// conf) it is that CA, named, as a warning.
#[test]
fn a_served_certificate_browsers_reject_is_never_ok() {
    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    let ca = TestCa::new("Corp Root");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 80);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    serve_as_nginx(&f, &format!("{pem}{}", ca.pem), &key);
    let (code, out) = status(f.path(), &["--check"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("browsers reject the certificate nginx serves: "),
        "{out}"
    );
    let prom = f.path().join("d.prom");
    status(
        f.path(),
        &["--check", "--prometheus", prom.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&prom).unwrap();
    assert!(
        text.contains("dify_https_served_trusted{domain=\"dify.acmecorp.io\"} 0\n"),
        "{text}"
    );
    assert!(
        text.contains("dify_https_served_matches_disk{domain=\"dify.acmecorp.io\"} 1\n"),
        "{text}"
    );

    let conf = f.path().join("volumes/certbot/conf/renewal");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join(format!("{DOMAIN}.conf")),
        "[renewalparams]\nauthenticator = webroot\nserver = https://ca.corp.internal/acme/directory\n",
    )
    .unwrap();
    let (code, out) = status(f.path(), &["--check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "private CA (CN=Corp Root, ACME server https://ca.corp.internal/acme/directory)"
        ),
        "{out}"
    );
    let (_, text) = status(f.path(), &[]);
    assert!(
        text.contains("custom ACME server: https://ca.corp.internal/acme/directory"),
        "{text}"
    );
}

#[test]
fn prometheus_textfile_is_written() {
    let (f, _) = folder(true, &[DOMAIN], 20, "Test Root");
    let prom = f.path().join("dify_https.prom");
    let (code, _) = status(
        f.path(),
        &[
            "--check",
            "--no-probe",
            "--prometheus",
            prom.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(
        std::fs::read_to_string(&prom)
            .unwrap()
            .contains("dify_https_https_enabled{domain=\"dify.acmecorp.io\"} 1\n")
    );
    let text = std::fs::read_to_string(&prom).unwrap();
    assert!(
        text.contains("dify_https_verdict{domain=\"dify.acmecorp.io\"} 1\n"),
        "{text}"
    );
    assert!(text.contains("dify_https_certificate_days_left{domain=\"dify.acmecorp.io\"} 20\n"));
    assert!(text.contains("# TYPE dify_https_certificate_expiry_timestamp_seconds gauge\n"));
    let leftovers: Vec<_> = std::fs::read_dir(f.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".dify-https-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn containers_come_from_compose_ps() {
    let (f, _) = folder(true, &[DOMAIN], 80, "Test Root");
    let v: Value = serde_json::from_str(&status(f.path(), &["--json"]).1).unwrap();
    assert_eq!(
        v["containers"],
        serde_json::json!([{"service": "nginx", "running": true, "state": "running", "health": null}, {"service": "certbot", "running": false, "state": "stopped", "health": null}])
    );
    // The compose double is not Docker's compose: its answer, not the engine's.
    assert_eq!(v["containers_source"], "compose");
    // nginx down with HTTPS on is critical.
    let scenario = tempfile::tempdir().unwrap();
    let (code, line) = status_with(f.path(), scenario.path(), &["--check"]);
    assert_eq!(code, 2);
    assert!(line.contains("nginx is not running"), "{line}");
    // A crash loop is named as one, with nginx's own last line.
    std::fs::write(
        scenario.path().join("ps.sh"),
        "[[ $* == *status=restarting* ]] && echo nginx; exit 0\n",
    )
    .unwrap();
    std::fs::write(
        scenario.path().join("logs.out"),
        "nginx-1  | nginx: [emerg] cannot load certificate \"/etc/ssl/fullchain.pem\"\n",
    )
    .unwrap();
    let (code, line) = status_with(f.path(), scenario.path(), &["--check"]);
    assert_eq!(code, 2, "{line}");
    assert!(line.contains("nginx keeps restarting (it exits right after starting): nginx-1  | nginx: [emerg] cannot load certificate"), "{line}");
    // --no-probe asks nobody.
    let v: Value = serde_json::from_str(&status(f.path(), &["--json", "--no-probe"]).1).unwrap();
    assert_eq!(v["containers"], Value::Null);
}

#[test]
fn a_world_readable_private_key_is_flagged_without_reading_it() {
    let (f, _) = folder(false, &[DOMAIN], 80, "Test Root");
    let key = f
        .path()
        .join(format!("volumes/certbot/conf/live/{DOMAIN}/privkey.pem"));
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let (_, out) = status(f.path(), &[]);
    assert!(
        out.contains("privkey.pem is readable by other users (mode 644)"),
        "{out}"
    );
    assert!(!out.contains("PRIVATE KEY"));
}

/// Names and issuers come from whoever made the certificate: an OSC sequence (which
/// would set the terminal's title) and a right-to-left override never reach the
/// terminal, on any output.
#[test]
fn certificate_strings_never_drive_the_terminal() {
    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    let ca = TestCa::new("Evil \u{1b}]0;pwned\u{7}CA \u{202E}gro.elpmaxe");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 80);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    for args in [
        &["--no-probe"][..],
        &["--check", "--no-probe"],
        &["--json", "--no-probe"],
    ] {
        let (_, out) = status(f.path(), args);
        assert!(!out.contains('\u{1b}'), "{args:?}: {out:?}");
        assert!(!out.contains('\u{7}'), "{args:?}: {out:?}");
        assert!(!out.contains('\u{202E}'), "{args:?}: {out:?}");
    }
    let (_, text) = status(f.path(), &["--no-probe"]);
    assert!(text.contains("Evil CA \u{fffd}gro.elpmaxe"), "{text}");
}

/// A chain file in the wrong order, one holding a private key, and a certificate not
/// valid yet: each is a finding; the key is never shown.
#[test]
fn broken_chain_files_are_findings_and_keys_stay_hidden() {
    let ca = TestCa::new("Test Root");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 80);
    let live = |f: &Fixture| {
        f.path()
            .join(format!("volumes/certbot/conf/live/{DOMAIN}/fullchain.pem"))
    };

    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    std::fs::write(live(&f), format!("{}{pem}", ca.pem)).unwrap();
    let (code, out) = status(f.path(), &["--check", "--no-probe"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("fullchain.pem is in the wrong order"), "{out}");
    let v: Value = serde_json::from_str(&status(f.path(), &["--json", "--no-probe"]).1).unwrap();
    assert_eq!(
        v["certificate"]["names"],
        serde_json::json!([DOMAIN]),
        "the leaf is found wherever it stands"
    );

    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    std::fs::write(live(&f), format!("{pem}{key}{}", ca.pem)).unwrap();
    let (code, out) = status(f.path(), &["--check", "--no-probe"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("also holds a private key"), "{out}");
    let body: String = key.lines().filter(|l| !l.starts_with("-----")).collect();
    for args in [&["--no-probe"][..], &["--json", "--no-probe"]] {
        let (_, out) = status(f.path(), args);
        assert!(!out.contains(&body[..40]), "key material printed");
    }

    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    let (pem, key, _) = ca.leaf(&[DOMAIN], time::Duration::days(2), time::Duration::days(90));
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    let (code, out) = status(f.path(), &["--check", "--no-probe"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is not valid until"), "{out}");
}

/// The renewal schedule in the report: none is a note; installed, its last run is
/// shown; a failed last run, or none for 48 hours, is a warning.
#[test]
fn the_renewal_schedule_is_part_of_the_verdict() {
    let (f, _) = folder(true, &[DOMAIN], 80, "Test Root");
    let root = tempfile::tempdir().unwrap();
    let r = root.path().to_str().unwrap();
    let (code, out) = status(f.path(), &["--check", "--no-probe", "--schedule-root", r]);
    assert_eq!(code, 0);
    assert!(out.contains("nothing here renews the certificate"), "{out}");

    let install = Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .args(["schedule", "install", "--cron", "--yes", "--root", r])
        .output()
        .unwrap();
    assert!(install.status.success());
    let v: Value =
        serde_json::from_str(&status(f.path(), &["--json", "--no-probe", "--schedule-root", r]).1)
            .unwrap();
    assert_eq!(v["schedule"]["kind"], "cron");
    assert_eq!(v["schedule"]["last"], Value::Null);
    assert_eq!(v["verdict"], "ok", "{v:#}");
    assert!(
        v["project"]["name"]
            .as_str()
            .unwrap()
            .starts_with("dify-https-test-")
    );

    // A scheduled run failed.
    let state = f.path().join("volumes/certbot/.dify-https-renewal.json");
    std::fs::write(
        &state,
        r#"{"at": "2026-12-01T00:00:00Z", "outcome": "failed", "message": "the CA is down"}"#,
    )
    .unwrap();
    let (code, out) = status(f.path(), &["--check", "--no-probe", "--schedule-root", r]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the last scheduled renewal (2026-12-01T00:00:00Z) failed: the CA is down"),
        "{out}"
    );
    // None for 48 hours.
    std::fs::write(
        &state,
        r#"{"at": "2020-01-01T00:00:00Z", "outcome": "not-due", "message": "nothing was due"}"#,
    )
    .unwrap();
    let (code, out) = status(f.path(), &["--check", "--no-probe", "--schedule-root", r]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("no scheduled renewal ran for 48 hours"),
        "{out}"
    );
    let (_, text) = status(f.path(), &["--no-probe", "--schedule-root", r]);
    assert!(text.contains("Renewal       cron, twice a day; last run 2020-01-01T00:00:00Z not due: nothing was due"), "{text}");
}

/// Docker's compose with no engine socket where DOCKER_HOST points (a remote engine
/// reached another way, a socket not there): the states come from `compose ps`, and
/// the JSON says so. The double stands in for `docker` under that name.
#[test]
fn without_the_engine_socket_compose_ps_answers() {
    let (f, _) = folder(true, &[DOMAIN], 80, "Test Root");
    let bin = tempfile::tempdir().unwrap();
    let docker = bin.path().join("docker");
    std::os::unix::fs::symlink(support::double::script(), &docker).unwrap();
    let scenario = tempfile::tempdir().unwrap();
    std::fs::write(scenario.path().join("ps.out"), "nginx\n").unwrap();
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .arg("--compose")
        .arg(format!("{} compose", docker.display()))
        .args(["status", "--json"])
        .env("DOUBLE_STATE", scenario.path())
        .env("DOUBLE_SCENARIO", scenario.path())
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["containers_source"], "compose", "{v:#}");
    assert_eq!(v["containers"][0]["running"], true, "{v:#}");
    let calls = std::fs::read_to_string(scenario.path().join("calls.log")).unwrap();
    assert!(calls.contains("ps --services"), "{calls}");
}

/// A renewal that was not due says so, with the date it is due, never that nginx
/// presents a new certificate.
#[test]
fn a_renewal_that_was_not_due_says_so() {
    let f = Fixture::env(&support::set_up_env(DOMAIN, true));
    let ca = TestCa::new("Corp Root");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 80);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    serve_as_nginx(&f, &format!("{pem}{}", ca.pem), &key);
    let scenario = tempfile::tempdir().unwrap();
    std::fs::write(
        scenario.path().join("run.out"),
        "Cert not yet due for renewal\nCertificate operation successful\n",
    )
    .unwrap();
    let out = support::double::command(f.path(), scenario.path())
        .arg("renew")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("presents the same certificate as before")
            && said.contains("nothing was due, nothing changed; renewal is due on 2"),
        "{said}"
    );
    assert!(!said.contains("presents the new certificate"), "{said}");
}

/// What a schedule installed with `--prometheus` runs: `renew --quiet --prometheus FILE`
/// parses, renews, and leaves the textfile, whatever the outcome.
#[test]
fn a_scheduled_renewal_writes_the_prometheus_textfile() {
    let f = Fixture::env(&support::set_up_env(DOMAIN, false));
    let ca = TestCa::new("Corp Root");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 80);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    let scenario = tempfile::tempdir().unwrap();
    let prom = scenario.path().join("dify.prom");
    for (script, code) in [("", 0), ("echo 'the CA is down'; exit 1\n", 1)] {
        if script.is_empty() {
            let _ = std::fs::remove_file(scenario.path().join("run.sh"));
        } else {
            std::fs::write(scenario.path().join("run.sh"), script).unwrap();
        }
        let _ = std::fs::remove_file(&prom);
        let out = support::double::command(f.path(), scenario.path())
            .args(["renew", "--quiet", "--prometheus", prom.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&prom).unwrap();
        assert!(text.contains("dify_https_"), "{text}");
    }
}
