//! A real ACME server on 127.0.0.1: Debian's pebble with pebble-challtestsrv as its
//! DNS (every name resolves to 127.0.0.1), plus what the compose stand-in needs
//! (nginx, certbot, unshare, root). Missing parts skip the test loudly, or fail it
//! under CI=true.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use rcgen::{CertificateParams, KeyPair};

pub struct Pebble {
    children: Vec<Child>,
    pub directory: String,
    /// The port of the ACME API (on every listen address given).
    pub port: u16,
    _dir: tempfile::TempDir,
}

/// A port free on 127.0.0.1 right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What installs the parts the end-to-end tests need.
pub const INSTALL: &str = "install pebble certbot nginx-light (Debian) and run as root";

/// Whether the real-parts tests can run here; says why not (or fails under CI=true).
pub fn available(test: &str) -> bool {
    super::can_run(test, &missing(), INSTALL)
}

/// The parts the end-to-end tests need that are missing here.
pub fn missing() -> Vec<String> {
    let mut missing: Vec<String> = [
        "pebble",
        "pebble-challtestsrv",
        "certbot",
        "nginx",
        "unshare",
    ]
    .into_iter()
    .filter(|t| !have(t))
    .map(str::to_string)
    .collect();
    if !rustix::process::geteuid().is_root() {
        missing.push("root (for unshare --mount)".into());
    }
    missing
}

/// Waits until `port` answers; `false` when one of `children` exits first or 20 s pass.
fn listening(port: u16, children: &mut [std::process::Child]) -> bool {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        let exited = children
            .iter_mut()
            .any(|c| c.try_wait().ok().flatten().is_some());
        if exited || start.elapsed() > Duration::from_secs(20) {
            return false;
        }
        sleep(Duration::from_millis(50));
    }
    true
}

impl Pebble {
    /// Starts pebble validating HTTP-01 on `http_port`, issuing certificates valid for
    /// `validity` seconds.
    pub fn start(http_port: u16, validity: u64) -> Pebble {
        Pebble::start_on("127.0.0.1", http_port, validity)
    }

    /// Like [`Pebble::start`], with the ACME API on `listen` (e.g. `0.0.0.0`, so that
    /// containers reach it through the host gateway).
    pub fn start_on(listen: &str, http_port: u16, validity: u64) -> Pebble {
        let dir = tempfile::tempdir().unwrap();
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        std::fs::write(dir.path().join("cert.pem"), cert.pem()).unwrap();
        std::fs::write(dir.path().join("key.pem"), key.serialize_pem()).unwrap();
        // Ports are picked free but may be taken before pebble binds them (tests run
        // in parallel): if pebble exits instead of listening, try fresh ports.
        for attempt in 1.. {
            let (acme, management, tls, dns, dns_mgmt) = (
                free_port(),
                free_port(),
                free_port(),
                free_port(),
                free_port(),
            );
            let config = format!(
                r#"{{"pebble": {{"listenAddress": "{listen}:{acme}", "managementListenAddress": "127.0.0.1:{management}",
                  "certificate": "{d}/cert.pem", "privateKey": "{d}/key.pem", "httpPort": {http_port}, "tlsPort": {tls},
                  "ocspResponderURL": "", "externalAccountBindingRequired": false, "certificateValidityPeriod": {validity}}}}}"#,
                d = dir.path().display()
            );
            std::fs::write(dir.path().join("pebble.json"), config).unwrap();
            let log = |name: &str| std::fs::File::create(dir.path().join(name)).unwrap();
            let challtestsrv = Command::new("pebble-challtestsrv")
                .args([
                    "-defaultIPv4",
                    "127.0.0.1",
                    "-defaultIPv6",
                    "",
                    "-dns01",
                    &format!("127.0.0.1:{dns}"),
                ])
                .args([
                    "-http01",
                    "",
                    "-https01",
                    "",
                    "-tlsalpn01",
                    "",
                    "-management",
                    &format!("127.0.0.1:{dns_mgmt}"),
                ])
                .stdout(log("challtestsrv.log"))
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let pebble = Command::new("pebble")
                .arg("-config")
                .arg(dir.path().join("pebble.json"))
                .args(["-dnsserver", &format!("127.0.0.1:{dns}")])
                .env("PEBBLE_VA_NOSLEEP", "1")
                .env("PEBBLE_WFE_NONCEREJECT", "0")
                .env("PEBBLE_AUTHZREUSE", "0")
                .stdout(log("pebble.log"))
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut children = vec![pebble, challtestsrv];
            if listening(acme, &mut children) {
                return Pebble {
                    children,
                    directory: format!("https://127.0.0.1:{acme}/dir"),
                    port: acme,
                    _dir: dir,
                };
            }
            for c in &mut children {
                let _ = c.kill();
                let _ = c.wait();
            }
            assert!(
                attempt < 3,
                "pebble never listened on its port:\n{}",
                std::fs::read_to_string(dir.path().join("pebble.log")).unwrap_or_default()
            );
        }
        unreachable!("the loop returns or panics")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self._dir.path().join("pebble.log")).unwrap_or_default()
    }
}

impl Drop for Pebble {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The compose stand-in, with its state folder; stops its nginx when dropped.
pub struct Standin {
    pub state: tempfile::TempDir,
    /// Render nginx without the challenge location, whatever `.env` says.
    pub no_challenge: bool,
}

impl Standin {
    pub fn new() -> Standin {
        Standin {
            state: tempfile::tempdir().unwrap(),
            no_challenge: false,
        }
    }

    /// The environment that points the stand-in at its state (and its settings).
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let mut env = vec![("STANDIN_STATE", self.state.path().display().to_string())];
        if self.no_challenge {
            env.push(("STANDIN_NO_CHALLENGE", "1".to_string()));
        }
        env
    }

    pub fn script() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/compose-standin")
    }

    pub fn calls(&self) -> String {
        std::fs::read_to_string(self.state.path().join("calls.log")).unwrap_or_default()
    }
}

impl Drop for Standin {
    fn drop(&mut self) {
        let pid = self.state.path().join("nginx.pid");
        if let Ok(pid) = std::fs::read_to_string(pid) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
    }
}
