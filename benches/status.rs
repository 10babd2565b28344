//! `cargo bench --bench status`: `dify-https status --json` for one certificate, whole
//! process, against `openssl x509 -noout -enddate` on the same file; target: at or
//! under openssl. Median of 30 runs each (disk and .env only: --no-probe, so no network
//! wait is measured). Exits 1 when the target is missed.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let live = root.join("volumes/certbot/conf/live/dify.example.org");
    std::fs::create_dir_all(&live).unwrap();
    std::fs::write(
        root.join("docker-compose.yaml"),
        "services:\n  certbot:\n    image: certbot/certbot\n",
    )
    .unwrap();
    std::fs::write(root.join(".env"), "CERTBOT_DOMAIN=dify.example.org\nNGINX_HTTPS_ENABLED=true\nNGINX_SSL_CERT_FILENAME=fullchain.pem\n").unwrap();
    let key = live.join("privkey.pem");
    let cert = live.join("fullchain.pem");
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "90",
            "-subj",
            "/CN=dify.example.org",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .expect("openssl is needed for this benchmark");
    assert!(made.success());
    let path = |p: &Path| p.display().to_string();
    let bin = env!("CARGO_BIN_EXE_dify-https");
    let ours = support::median_run(
        bin,
        &["--dir", &path(root), "status", "--json", "--no-probe"],
        30,
    );
    let openssl = support::median_run(
        "openssl",
        &["x509", "-noout", "-enddate", "-in", &path(&cert)],
        30,
    );
    println!(
        "status --json: {ours:.2?}, openssl x509 -noout -enddate: {openssl:.2?} (medians of 30)"
    );
    support::report(&[("status --json at or under openssl", ours <= openssl)]);
}
