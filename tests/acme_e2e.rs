//! End to end with real parts: dify-https's unchanged plan drives a compose stand-in
//! over host nginx and Dify's update script with real certbot, against pebble (an
//! ACME server) on 127.0.0.1. A real certificate lands in
//! volumes/certbot/conf/live/<domain>/, nginx switches to HTTPS, renew follows.

mod support;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use dify_https::core::certificate::{fingerprint_sha256, read_chain_file};
use dify_https::core::probe::fetch_presented_chain;
use support::acme::{Pebble, Standin, available, free_port};
use support::{Fixture, env_on_ports};

const DOMAIN: &str = "dify.acme-e2e.org";

/// A Dify folder whose nginx listens on the given ports, with the update-script template.
fn dify_folder(http_port: u16, ssl_port: u16) -> Fixture {
    let env = env_on_ports(DOMAIN, http_port, ssl_port);
    let template = include_str!("fixtures/dify/certbot/update-cert.template.txt");
    Fixture::with(&[
        (".env", &env),
        ("certbot/update-cert.template.txt", template),
        ("volumes/certbot/www/.keep", ""),
    ])
}

fn dify_https(folder: &Path, standin: &Standin, args: &[&str]) -> Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"))
        .arg("--dir")
        .arg(folder)
        .arg("--compose")
        .arg(Standin::script())
        .args(args)
        .envs(standin.env())
        .env_remove("COMPOSE_PROFILES")
        .output()
        .unwrap();
    eprintln!(
        "--- dify-https {args:?}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn served_fingerprint(ssl_port: u16) -> String {
    let chain = fetch_presented_chain(
        SocketAddr::from(([127, 0, 0, 1], ssl_port)),
        DOMAIN,
        Duration::from_secs(5),
    )
    .unwrap();
    fingerprint_sha256(&chain.chain[0])
}

/// What nginx serves for ten handshakes in a row: after dify-https confirmed the change,
/// every connection must get the same certificate.
fn served_consistently(ssl_port: u16) -> String {
    let first = served_fingerprint(ssl_port);
    for _ in 0..9 {
        assert_eq!(
            served_fingerprint(ssl_port),
            first,
            "nginx serves two certificates at once"
        );
    }
    first
}

#[test]
fn acme_e2e_setup_then_renew_against_pebble() {
    if !available("acme_e2e_setup_then_renew_against_pebble") {
        return;
    }
    let (http_port, ssl_port) = (free_port(), free_port());
    // 20-day certificates: a renewal right after issuance is due (certbot renews at 30
    // days left), as it is for a real install three months on.
    let pebble = Pebble::start(http_port, 20 * 24 * 3600);
    let folder = dify_folder(http_port, ssl_port);
    let standin = Standin::new();
    let options = format!("--server {} --no-verify-ssl", pebble.directory);

    let out = dify_https(
        folder.path(),
        &standin,
        &[
            "setup",
            "--domain",
            DOMAIN,
            "--email",
            "ops@acme-corp.dev",
            "--mode",
            "production",
            "--certbot-options",
            &options,
            "--yes",
        ],
    );
    assert!(
        out.status.success(),
        "setup failed; pebble log:\n{}",
        pebble.log()
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("[6/6] Confirm HTTPS serves the new certificate"),
        "{stdout}"
    );
    assert!(
        stdout.contains("log| "),
        "certbot's log was not followed: {stdout}"
    );

    let live = folder
        .path()
        .join(format!("volumes/certbot/conf/live/{DOMAIN}"));
    let cert = read_chain_file(&live.join("fullchain.pem")).unwrap();
    assert!(
        cert.covers(DOMAIN) && cert.staging,
        "pebble issues test certificates: {cert:?}"
    );
    assert!(live.join("privkey.pem").exists());
    let env = String::from_utf8(folder.env_bytes()).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=true\n"));
    assert!(
        env.contains(&format!("\nCONSOLE_WEB_URL=https://{DOMAIN}\n")),
        "{env}"
    );
    assert!(
        env.contains(&format!("\nNEXT_PUBLIC_SOCKET_URL=wss://{DOMAIN}\n")),
        "{env}"
    );
    assert!(env.contains("\nTRIGGER_URL=http://localhost\n"), "{env}");
    assert_eq!(served_consistently(ssl_port), cert.fingerprint_sha256);

    // Every compose call enabled the user's profiles as well as certbot's.
    let calls = standin.calls();
    assert!(!calls.is_empty());
    for line in calls.lines() {
        assert!(
            line.contains("--profile weaviate --profile postgresql --profile certbot"),
            "{line}"
        );
        assert!(
            line.ends_with("COMPOSE_PROFILES=weaviate,postgresql,certbot"),
            "{line}"
        );
    }
    assert!(calls.contains("run --rm -T certbot /bin/sh /update-cert.sh"));

    // certbot rotated its log at the start, as in Dify's certbot image.
    assert!(
        folder
            .path()
            .join("volumes/certbot/logs/letsencrypt.log")
            .exists()
    );

    let out = dify_https(folder.path(), &standin, &["renew"]);
    assert!(out.status.success(), "renew failed");
    let renewed = read_chain_file(&live.join("fullchain.pem")).unwrap();
    assert_ne!(
        renewed.fingerprint_sha256, cert.fingerprint_sha256,
        "the renewal did not change the certificate"
    );
    assert!(
        standin.calls().contains("exec -T nginx nginx -s reload"),
        "nginx was not reloaded"
    );
    assert_eq!(
        served_consistently(ssl_port),
        renewed.fingerprint_sha256,
        "nginx serves the old certificate"
    );
    assert!(
        folder
            .path()
            .join("volumes/certbot/logs/letsencrypt.log.1")
            .exists(),
        "no log rotation"
    );
}

#[test]
fn acme_e2e_a_missing_challenge_location_stops_before_certbot_and_leaves_https_off() {
    if !available("acme_e2e_a_missing_challenge_location_stops_before_certbot_and_leaves_https_off")
    {
        return;
    }
    let (http_port, ssl_port) = (free_port(), free_port());
    let pebble = Pebble::start(http_port, 90 * 24 * 3600);
    let folder = dify_folder(http_port, ssl_port);
    let mut standin = Standin::new();
    standin.no_challenge = true;
    let options = format!("--server {} --no-verify-ssl", pebble.directory);
    let out = dify_https(
        folder.path(),
        &standin,
        &[
            "setup",
            "--domain",
            DOMAIN,
            "--email",
            "ops@acme-corp.dev",
            "--certbot-options",
            &options,
            "--yes",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "answered 200 with something else (<html>Dify web app</html>) for the challenge file"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("NGINX_ENABLE_CERTBOT_CHALLENGE=true"),
        "{stdout}"
    );
    assert!(
        !standin.calls().contains("run --rm"),
        "certbot ran although the self-test failed"
    );
    let env = String::from_utf8(folder.env_bytes()).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=false\n"));
    assert!(
        !folder
            .path()
            .join(format!("volumes/certbot/conf/live/{DOMAIN}"))
            .exists()
    );
}
