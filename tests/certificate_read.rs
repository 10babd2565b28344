//! Reading certificate files as certbot leaves them (fullchain.pem behind symlinks).

mod support;

use std::process::Command;

use dify_https::core::certificate::{CertError, read_chain_file};
use support::certs::TestCa;
use time::OffsetDateTime;

fn write_chain(dir: &std::path::Path, ca: &TestCa, leaf_pem: &str) -> std::path::PathBuf {
    // As certbot does: live/<name>/fullchain.pem -> ../../archive/<name>/fullchain1.pem
    let archive = dir.join("archive/x.example.org");
    let live = dir.join("live/x.example.org");
    std::fs::create_dir_all(&archive).unwrap();
    std::fs::create_dir_all(&live).unwrap();
    std::fs::write(
        archive.join("fullchain1.pem"),
        format!("{leaf_pem}{}", ca.pem),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "../../archive/x.example.org/fullchain1.pem",
        live.join("fullchain.pem"),
    )
    .unwrap();
    live.join("fullchain.pem")
}

#[test]
fn reads_names_dates_chain_and_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new("Test Root R1");
    let (pem, _key, der) = ca.leaf_for_days(&["x.example.org", "www.x.example.org"], 80);
    let path = write_chain(dir.path(), &ca, &pem);
    let info = read_chain_file(&path).unwrap();
    assert_eq!(info.names, ["x.example.org", "www.x.example.org"]);
    assert_eq!(info.chain_len, 2);
    assert!(info.issuer.contains("Test Root R1"));
    assert!(!info.staging);
    assert_eq!(info.days_left(OffsetDateTime::now_utc()), 80);
    assert!(
        info.covers("X.example.org")
            && info.covers("www.x.example.org")
            && !info.covers("example.org")
    );
    assert_eq!(info.key_type, "ECDSA P-256");
    assert_eq!(
        info.fingerprint_sha256,
        dify_https::core::certificate::fingerprint_sha256(&der)
    );

    // openssl, where it is installed, agrees on the fingerprint and the serial.
    if let Ok(out) = Command::new("openssl")
        .args([
            "x509",
            "-noout",
            "-fingerprint",
            "-sha256",
            "-serial",
            "-in",
        ])
        .arg(&path)
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            text.contains(&format!("={}", info.fingerprint_sha256)),
            "{text}"
        );
        assert!(
            text.contains(&format!("serial={}", info.serial.replace(':', ""))),
            "{text} vs {}",
            info.serial
        );
    }
}

#[test]
fn test_cas_are_flagged_as_staging() {
    for cn in [
        "(STAGING) Pretend Pear X1",
        "Fake LE Intermediate X1",
        "Pebble Intermediate CA 5f3e1c",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let ca = TestCa::new(cn);
        let (pem, _, _) = ca.leaf_for_days(&["x.example.org"], 80);
        assert!(
            read_chain_file(&write_chain(dir.path(), &ca, &pem))
                .unwrap()
                .staging,
            "{cn}"
        );
    }
}

#[test]
fn expired_and_wildcards() {
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new("Test Root R1");
    let (pem, _, _) = ca.leaf_for_days(&["*.example.org"], -2);
    let info = read_chain_file(&write_chain(dir.path(), &ca, &pem)).unwrap();
    assert!(info.days_left(OffsetDateTime::now_utc()) < 0);
    assert!(
        info.covers("x.example.org")
            && !info.covers("a.b.example.org")
            && !info.covers("example.org")
    );
}

#[test]
fn missing_empty_and_garbage_files_say_so() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        read_chain_file(&dir.path().join("nope.pem")),
        Err(CertError::Missing { .. })
    ));
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    assert!(matches!(
        read_chain_file(&empty),
        Err(CertError::NoCertificate { .. })
    ));
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(
        &garbage,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    assert!(matches!(
        read_chain_file(&garbage),
        Err(CertError::Invalid { .. })
    ));
}
