//! Shared test support: Dify folders written for each test.
#![allow(dead_code)]

pub mod acme;
pub mod certs;
pub mod docker;
pub mod double;
pub mod harness;
pub mod tmux;
pub mod wizard;

use std::fs;
use std::path::{Path, PathBuf};

pub const COMPOSE: &str = include_str!("../fixtures/compose.yaml");
pub const CLASSIC_ENV: &str = include_str!("../fixtures/classic.env");
pub const ESSENTIAL_ENV: &str = include_str!("../fixtures/essential.env");

/// Whether a real-parts test can run: yes when nothing is `missing`; else it is skipped
/// with the reason and what to `install`, or fails under CI=true (.ci/run installs and
/// starts what the tests need, so there a missing part is a broken CI).
pub fn can_run(test: &str, missing: &[String], install: &str) -> bool {
    if missing.is_empty() {
        return true;
    }
    let missing = missing.join(", ");
    assert!(
        std::env::var("CI").is_err(),
        "{test} needs {missing} under CI=true (.ci/run installs them)"
    );
    eprintln!("SKIPPED {test}: missing {missing}; {install}");
    false
}

/// The classic fixture with public URLs on `domain` and nginx published on the given
/// host ports.
pub fn env_on_ports(domain: &str, http_port: u16, ssl_port: u16) -> String {
    CLASSIC_ENV
        .replace("://dify.acmecorp.io", &format!("://{domain}"))
        .replace(
            "EXPOSE_NGINX_PORT=80",
            &format!("EXPOSE_NGINX_PORT={http_port}"),
        )
        .replace(
            "EXPOSE_NGINX_SSL_PORT=443",
            &format!("EXPOSE_NGINX_SSL_PORT={ssl_port}"),
        )
}

/// The classic fixture after a setup for `domain`, `email` and `CERTBOT_OPTIONS=options`:
/// exactly seven lines differ.
pub fn classic_env_set(domain: &str, email: &str, options: &str) -> String {
    CLASSIC_ENV
        .replace(
            "NGINX_SERVER_NAME=_",
            &format!("NGINX_SERVER_NAME={domain}"),
        )
        .replace(
            "NGINX_SSL_CERT_FILENAME=dify.crt",
            "NGINX_SSL_CERT_FILENAME=fullchain.pem",
        )
        .replace(
            "NGINX_SSL_CERT_KEY_FILENAME=dify.key",
            "NGINX_SSL_CERT_KEY_FILENAME=privkey.pem",
        )
        .replace(
            "NGINX_ENABLE_CERTBOT_CHALLENGE=false",
            "NGINX_ENABLE_CERTBOT_CHALLENGE=true",
        )
        .replace(
            "CERTBOT_EMAIL=your_email@example.com",
            &format!("CERTBOT_EMAIL={email}"),
        )
        .replace(
            "CERTBOT_DOMAIN=your_domain.com",
            &format!("CERTBOT_DOMAIN={domain}"),
        )
        .replace(
            "CERTBOT_OPTIONS=\n",
            &format!("CERTBOT_OPTIONS={options}\n"),
        )
}

/// The classic fixture for a folder the setup has run in: `domain` set, the challenge
/// and certbot's file names on, HTTPS as given, and nginx's HTTPS port where nothing
/// listens (1), so probes answer at once.
pub fn set_up_env(domain: &str, https: bool) -> String {
    CLASSIC_ENV
        .replace(
            "CERTBOT_DOMAIN=your_domain.com",
            &format!("CERTBOT_DOMAIN={domain}"),
        )
        .replace(
            "NGINX_HTTPS_ENABLED=false",
            &format!("NGINX_HTTPS_ENABLED={https}"),
        )
        .replace(
            "NGINX_ENABLE_CERTBOT_CHALLENGE=false",
            "NGINX_ENABLE_CERTBOT_CHALLENGE=true",
        )
        .replace(
            "NGINX_SSL_CERT_FILENAME=dify.crt",
            "NGINX_SSL_CERT_FILENAME=fullchain.pem",
        )
        .replace("EXPOSE_NGINX_SSL_PORT=443", "EXPOSE_NGINX_SSL_PORT=1")
}

/// Writes a certificate chain (`pem` then the CA's) and its key (mode 600) where certbot
/// leaves them: `volumes/certbot/conf/live/<domain>/`.
pub fn install_certificate(f: &Fixture, domain: &str, ca_pem: &str, pem: &str, key: &str) {
    use std::os::unix::fs::PermissionsExt;
    let live = f.path().join(format!("volumes/certbot/conf/live/{domain}"));
    fs::create_dir_all(&live).unwrap();
    fs::write(live.join("fullchain.pem"), format!("{pem}{ca_pem}")).unwrap();
    fs::write(live.join("privkey.pem"), key).unwrap();
    fs::set_permissions(live.join("privkey.pem"), fs::Permissions::from_mode(0o600)).unwrap();
}

/// A Dify folder in a temporary directory.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A folder with the compose file and the given files.
    pub fn with(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::Builder::new()
            .prefix("dify-https-test-")
            .tempdir()
            .unwrap();
        fs::write(dir.path().join("docker-compose.yaml"), COMPOSE).unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        Fixture { dir }
    }

    /// A folder whose `.env` is `env`.
    pub fn env(env: &str) -> Fixture {
        Fixture::with(&[(".env", env)])
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn env_path(&self) -> PathBuf {
        self.path().join(".env")
    }

    pub fn env_bytes(&self) -> Vec<u8> {
        fs::read(self.env_path()).unwrap()
    }

    /// Files whose name starts with `.env.bak-`.
    pub fn backups(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(self.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(".env.bak-")
            })
            .collect();
        found.sort();
        found
    }
}

/// A webhook stand-in on loopback: every request's first line and body, in order.
pub fn webhook() -> (u16, std::sync::mpsc::Receiver<(String, String)>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .unwrap();
            tx.send((first.trim().to_string(), String::from_utf8(body).unwrap()))
                .unwrap();
        }
    });
    (port, rx)
}
