//! The probes against small servers run by the test: a file server for the challenge
//! round-trip and a rustls server for the presented certificate.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use dify_https::core::certificate::fingerprint_sha256;
use dify_https::core::probe::{
    ChallengeOutcome, ChallengeTarget, challenge_self_test, fetch_presented_chain,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use support::certs::TestCa;

/// Serves files under `root` for paths under `prefix` (404 otherwise), like nginx's
/// challenge location; `None` prefix serves nothing.
fn file_server(root: PathBuf, prefix: Option<&'static str>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let mut s = stream.unwrap();
            let mut buf = [0u8; 2048];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let body = prefix
                .filter(|p| path.starts_with(p))
                .and_then(|_| std::fs::read(root.join(path.trim_start_matches('/'))).ok());
            let response = match body {
                Some(b) => [
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", b.len()).into_bytes(),
                    b,
                ]
                .concat(),
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found".to_vec(),
            };
            let _ = s.write_all(&response);
        }
    });
    addr
}

#[test]
fn the_challenge_token_round_trips_and_is_removed() {
    let www = tempfile::tempdir().unwrap();
    let addr = file_server(
        www.path().to_path_buf(),
        Some("/.well-known/acme-challenge/"),
    );
    let target = ChallengeTarget::Local {
        addr,
        host: "dify.acmecorp.io".into(),
    };
    let checks = challenge_self_test(www.path(), &[target], Duration::from_secs(5)).unwrap();
    assert_eq!(checks[0].outcome, ChallengeOutcome::Served);
    let left: Vec<_> = std::fs::read_dir(www.path().join(".well-known/acme-challenge"))
        .unwrap()
        .collect();
    assert!(left.is_empty(), "token left behind");
}

#[test]
fn a_missing_challenge_location_is_a_404_and_nothing_listening_is_unreachable() {
    let www = tempfile::tempdir().unwrap();
    let addr = file_server(www.path().to_path_buf(), None);
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let targets = [
        ChallengeTarget::Local {
            addr,
            host: "d.acmecorp.io".into(),
        },
        ChallengeTarget::Local {
            addr: closed,
            host: "d.acmecorp.io".into(),
        },
        ChallengeTarget::Domain {
            domain: "no-such-name.invalid".into(),
            port: 80,
        },
    ];
    let checks = challenge_self_test(www.path(), &targets, Duration::from_secs(2)).unwrap();
    assert!(
        matches!(&checks[0].outcome, ChallengeOutcome::Wrong { status: 404, body } if body == "not found")
    );
    assert!(matches!(
        &checks[1].outcome,
        ChallengeOutcome::Unreachable(_)
    ));
    // No DNS at all is its own outcome (the run fails on it, as the doctor does).
    assert!(
        matches!(&checks[2].outcome, ChallengeOutcome::NoAddress(why) if why.contains("does not resolve"))
    );
}

#[test]
fn the_presented_certificate_is_recorded_whatever_it_is() {
    let ca = TestCa::new("Pebble Intermediate CA test");
    // Expired and for another name: still recorded, so it can be compared with the file.
    let (cert_pem, key_pem, der) = ca.leaf_for_days(&["other.acmecorp.io"], -1);
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert_pem.as_bytes())
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_slice(key_pem.as_bytes()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        let (mut sock, _) = listener.accept().unwrap();
        let mut conn = rustls::ServerConnection::new(config).unwrap();
        while conn.is_handshaking() {
            if conn.complete_io(&mut sock).is_err() {
                return;
            }
        }
        let _ = conn.complete_io(&mut sock);
    });
    let presented =
        fetch_presented_chain(addr, "dify.acmecorp.io", Duration::from_secs(5)).unwrap();
    assert_eq!(
        fingerprint_sha256(&presented.chain[0]),
        fingerprint_sha256(&der)
    );
}

#[test]
fn a_plain_http_port_is_an_error_not_a_hang() {
    let www = tempfile::tempdir().unwrap();
    let addr = file_server(www.path().to_path_buf(), None);
    assert!(fetch_presented_chain(addr, "dify.acmecorp.io", Duration::from_secs(3)).is_err());
}

/// `openssl s_server` on 127.0.0.1 with a certificate of `key_args` (a real TLS server
/// that, unlike rustls, can serve keys browsers refuse). Returns its port, the
/// certificate's PEM, the key's PEM, and the server (killed when dropped).
struct OpensslServer {
    child: std::process::Child,
    port: u16,
    cert: String,
    key: String,
    _dir: tempfile::TempDir,
}

impl Drop for OpensslServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn openssl_server(key_args: &[&str]) -> OpensslServer {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("c.pem"), dir.path().join("k.pem"));
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-nodes",
            "-days",
            "30",
            "-subj",
            "/CN=dify.acmecorp.io",
        ])
        .args(["-addext", "subjectAltName=DNS:dify.acmecorp.io"])
        .args(key_args)
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl (.ci/run installs it)");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new("openssl")
        .args(["s_server", "-quiet", "-www", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("-cert")
        .arg(&cert)
        .arg("-key")
        .arg(&key)
        // Serve what OpenSSL's own policy would refuse: the point of the test.
        .args(["-cipher", "DEFAULT:@SECLEVEL=0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    OpensslServer {
        child,
        port,
        cert: std::fs::read_to_string(&cert).unwrap(),
        key: std::fs::read_to_string(&key).unwrap(),
        _dir: dir,
    }
}

/// A server whose certificate has a key browsers refuse (RSA 1024, P-521): the probe
/// still sees what it serves, and `status` says what is wrong with it (CRITICAL, the
/// key named), not that nothing answers TLS.
#[test]
fn a_key_browsers_refuse_is_named_not_taken_for_silence() {
    for (args, key_type) in [
        (&["-newkey", "rsa:1024"][..], "RSA 1024"),
        (
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"][..],
            "ECDSA P-521",
        ),
    ] {
        let server = openssl_server(args);
        let presented = fetch_presented_chain(
            SocketAddr::from(([127, 0, 0, 1], server.port)),
            "dify.acmecorp.io",
            Duration::from_secs(5),
        )
        .unwrap_or_else(|e| panic!("{key_type}: {e}"));
        let leaf = CertificateDer::from_pem_slice(server.cert.as_bytes()).unwrap();
        assert_eq!(
            fingerprint_sha256(&presented.chain[0]),
            fingerprint_sha256(&leaf),
            "{key_type}"
        );

        // The status of a folder whose nginx is this server.
        let f = support::Fixture::env(&support::set_up_env("dify.acmecorp.io", true).replace(
            "EXPOSE_NGINX_SSL_PORT=1",
            &format!("EXPOSE_NGINX_SSL_PORT={}", server.port),
        ));
        support::install_certificate(&f, "dify.acmecorp.io", "", &server.cert, &server.key);
        // compose played by the double: nginx runs.
        let scenario = f.path().join(".double");
        std::fs::create_dir_all(&scenario).unwrap();
        std::fs::write(scenario.join("ps.out"), "nginx\n").unwrap();
        let out = support::double::command(f.path(), &scenario)
            .args(["status", "--json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["certificate"]["key_type"], key_type, "{v}");
        let served = &v["served"][0];
        assert!(served["error"].is_null(), "{key_type}: {served}");
        let refusal = served["certificate"]["browser_refusal"]
            .as_str()
            .unwrap_or_default();
        assert!(refusal.contains(key_type), "{key_type}: {served}");
        assert_eq!(v["verdict"], "critical", "{v}");
        let check = support::double::command(f.path(), &scenario)
            .args(["status", "--check"])
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&check.stdout);
        assert_eq!(check.status.code(), Some(2), "{line}");
        assert!(line.starts_with("CRITICAL"), "{line}");
        assert!(
            line.contains("browsers refuse the certificate nginx serves"),
            "{key_type}: the one line carries the reason: {line}"
        );
    }
}
