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

const DOMAIN: &str = "dify.example.org";

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
    let double = support::double::script();
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .arg("--dir")
        .arg(dir)
        .arg("--compose")
        .arg(&double)
        .arg("status")
        .args(args)
        .env("DOUBLE_STATE", scenario.path())
        .env("DOUBLE_SCENARIO", scenario.path())
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
        (false, &[DOMAIN], 80, "Test Root", 0, "OK"), // HTTPS off is a note, not a warning
        (true, &[DOMAIN], 80, "Test Root", 1, "WARNING"), // nginx not answering on port 1
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
        (true, &["other.example.org"], 80, "Test Root", 2, "CRITICAL"),
    ];
    for (https, names, days, issuer, code, word) in cases {
        let (f, _) = folder(*https, names, *days, issuer);
        let (got, out) = status(f.path(), &["--check"]);
        assert_eq!(
            (got, out.split_whitespace().next().unwrap()),
            (*code, *word),
            "{names:?} {days} {issuer}: {out}"
        );
        assert_eq!(out.lines().count(), 1);
    }
    // A note does not change the verdict, but is still said.
    let (f, _) = folder(false, &[DOMAIN], 80, "Test Root");
    assert_eq!(
        status(f.path(), &["--check", "--no-probe"]),
        (0, "OK - dify.example.org, 80 days left: a certificate exists but HTTPS is off (NGINX_HTTPS_ENABLED)\n".to_string())
    );
}

/// A test certificate's hint depends on where it came from: Let's Encrypt's staging
/// (production mode fixes it) or a CA the user named with --server (it does not).
#[test]
fn a_test_certificates_hint_follows_the_ca_in_certbot_options() {
    for (options, hint) in [
        ("", "run the setup in production mode"),
        (
            "--server https://ca.internal/acme/directory",
            "CERTBOT_OPTIONS names its own CA (--server)",
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
            .find(|x| x["message"].as_str().unwrap().contains("is a test one"))
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
    let (f, _) = folder(false, &[DOMAIN], 20, "Test Root");
    assert_eq!(status(f.path(), &["--check"]).0, 1);
    assert_eq!(
        status(f.path(), &["--check", "--warn-days", "10"]),
        (0, "OK - dify.example.org, 20 days left: a certificate exists but HTTPS is off (NGINX_HTTPS_ENABLED)\n".to_string())
    );
    assert_eq!(
        status(
            f.path(),
            &["--check", "--warn-days", "40", "--crit-days", "25"]
        )
        .0,
        2
    );
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .arg("--dir")
        .arg(f.path())
        .args(["status", "--warn-days", "5", "--crit-days", "9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_has_the_documented_fields() {
    let (f, der) = folder(false, &[DOMAIN, "www.dify.example.org"], 80, "Test Root");
    let (code, out) = status(f.path(), &["--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["domain"], DOMAIN);
    assert_eq!(v["https_enabled"], false);
    assert_eq!(v["verdict"], "ok");
    let c = &v["certificate"];
    assert_eq!(
        c["names"],
        serde_json::json!([DOMAIN, "www.dify.example.org"])
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
    assert_eq!(v["findings"][0]["severity"], "note");

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
    let env = std::fs::read_to_string(f.env_path()).unwrap().replace(
        "EXPOSE_NGINX_SSL_PORT=1",
        &format!("EXPOSE_NGINX_SSL_PORT={port}"),
    );
    std::fs::write(f.env_path(), env).unwrap();
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

#[test]
fn prometheus_textfile_is_written() {
    let (f, _) = folder(false, &[DOMAIN], 20, "Test Root");
    let prom = f.path().join("dify_https.prom");
    let (code, _) = status(
        f.path(),
        &["--check", "--prometheus", prom.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    let text = std::fs::read_to_string(&prom).unwrap();
    assert!(
        text.contains("dify_https_verdict{domain=\"dify.example.org\"} 1\n"),
        "{text}"
    );
    assert!(text.contains("dify_https_certificate_days_left{domain=\"dify.example.org\"} 20\n"));
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
        serde_json::json!([{"service": "nginx", "running": true}, {"service": "certbot", "running": false}])
    );
    // nginx down with HTTPS on is critical.
    let scenario = tempfile::tempdir().unwrap();
    let double = support::double::script();
    let out = Command::cargo_bin("dify-https")
        .unwrap()
        .arg("--dir")
        .arg(f.path())
        .arg("--compose")
        .arg(&double)
        .args(["status", "--check"])
        .env("DOUBLE_STATE", scenario.path())
        .env("DOUBLE_SCENARIO", scenario.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("nginx is not running"));
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
