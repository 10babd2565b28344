//! Every doctor check, each outcome, on fixture folders: compose played by the test
//! double, DNS answered by a stub, listeners on local ports.

mod support;

use std::io;
use std::net::{IpAddr, TcpListener};
use std::time::{Duration, SystemTime};

use dify_https::core::compose::{ComposeCommand, ComposeFlavor};
use dify_https::core::dify::DifyFolder;
use dify_https::core::doctor::{Check, CheckStatus, DoctorInput, Resolver, run_checks, verdict};
use dify_https::core::envfile::EnvDocument;
use support::certs::TestCa;
use support::{CLASSIC_ENV, Fixture, classic_env_set};

const DOMAIN: &str = "dify.acmecorp.io";
const HERE: &str = "203.0.113.10";

struct Stub(Result<Vec<IpAddr>, ()>);

impl Resolver for Stub {
    fn lookup(&self, _: &str) -> io::Result<Vec<IpAddr>> {
        self.0.clone().map_err(|_| io::Error::other("NXDOMAIN"))
    }
}

/// A fully set-up folder that passes every check (nginx not running, nothing listening).
fn good_env() -> String {
    classic_env_set(DOMAIN, "ops@acme-corp.dev", "--no-random-sleep-on-renew")
        .replace("EXPOSE_NGINX_PORT=80", "EXPOSE_NGINX_PORT=1")
        .replace("EXPOSE_NGINX_SSL_PORT=443", "EXPOSE_NGINX_SSL_PORT=2")
}

fn folder(env: &str) -> Fixture {
    Fixture::with(&[
        (".env", env),
        ("certbot/docker-entrypoint.sh", "#!/bin/sh\n"),
        ("certbot/update-cert.template.txt", "#!/bin/bash\n"),
        ("volumes/certbot/www/.keep", ""),
        ("volumes/certbot/logs/.keep", ""),
        ("volumes/certbot/conf/.keep", ""),
    ])
}

struct Run<'a> {
    fixture: &'a Fixture,
    ps_out: &'a str,
    ps_err: &'a str,
    ps_code: &'a str,
    dns: Result<Vec<IpAddr>, ()>,
    compose_missing: bool,
    proxy: bool,
    /// What `exec -T nginx printenv ...` prints (nothing: the double says nothing).
    exec_out: &'a str,
    /// More scenario files for the double (`config.err`, `ps.sh`, `logs.out`...).
    scenario: Vec<(&'a str, &'a str)>,
    /// Compose v1 (`docker-compose`) instead of v2.
    v1: bool,
    /// Where the renewal schedule is looked for (None: not checked).
    schedule_root: Option<std::path::PathBuf>,
}

impl<'a> Run<'a> {
    fn new(fixture: &'a Fixture) -> Run<'a> {
        Run {
            fixture,
            ps_out: "",
            ps_err: "",
            ps_code: "0",
            dns: Ok(vec![HERE.parse().unwrap()]),
            compose_missing: false,
            proxy: false,
            exec_out: "",
            scenario: vec![],
            v1: false,
            schedule_root: None,
        }
    }

    fn checks(&self) -> Vec<Check> {
        let scenario = tempfile::tempdir().unwrap();
        for (ext, text) in [
            ("out", self.ps_out),
            ("err", self.ps_err),
            ("code", self.ps_code),
        ] {
            std::fs::write(scenario.path().join(format!("ps.{ext}")), text).unwrap();
        }
        std::fs::write(scenario.path().join("exec.out"), self.exec_out).unwrap();
        for (name, text) in &self.scenario {
            std::fs::write(scenario.path().join(name), text).unwrap();
        }
        let folder = DifyFolder::open(self.fixture.path()).unwrap();
        let doc = EnvDocument::parse(&std::fs::read_to_string(self.fixture.env_path()).unwrap());
        let double = support::double::script();
        let compose = ComposeCommand {
            program: double.display().to_string(),
            args: if self.v1 {
                vec![]
            } else {
                vec!["compose".into()]
            },
            flavor: if self.v1 {
                ComposeFlavor::V1
            } else {
                ComposeFlavor::V2
            },
        };
        let dir = scenario.path().display().to_string();
        let input = DoctorInput {
            folder: &folder,
            doc: &doc,
            env: &|_| None,
            compose: if self.compose_missing {
                Err("no docker compose found".into())
            } else {
                Ok(compose)
            },
            compose_env: vec![
                ("DOUBLE_STATE".into(), dir.clone()),
                ("DOUBLE_SCENARIO".into(), dir),
            ],
            resolver: &Stub(self.dns.clone()),
            // The checks really connect here: the tests start the servers they ask.
            network: &dify_https::core::doctor::HostNetwork,
            local_addrs: vec![HERE.parse().unwrap()],
            now: SystemTime::now(),
            proxy_forwards_80: self.proxy,
            timeout: Duration::from_millis(500),
            schedule_root: self.schedule_root.clone(),
        };
        run_checks(&input)
    }
}

fn status_of(checks: &[Check], id: &str) -> CheckStatus {
    checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}: {checks:?}"))
        .status
}

fn find<'c>(checks: &'c [Check], id: &str) -> &'c Check {
    checks.iter().find(|c| c.id == id).unwrap()
}

#[test]
fn a_ready_folder_passes_everything_but_the_untried_challenge() {
    let f = folder(&good_env());
    // Port 1 stands in for 80 here: say a proxy forwards 80.
    let mut r = Run::new(&f);
    r.proxy = true;
    let checks = r.checks();
    let not_ok: Vec<&Check> = checks
        .iter()
        .filter(|c| c.status != CheckStatus::Ok)
        .collect();
    assert_eq!(
        not_ok.iter().map(|c| c.id).collect::<Vec<_>>(),
        ["challenge-path"],
        "{not_ok:?}"
    );
    assert_eq!(verdict(&checks), CheckStatus::Warn);
    assert!(
        find(&checks, "profiles")
            .message
            .contains("weaviate, postgresql, certbot")
    );
}

#[test]
fn tools() {
    let f = folder(&good_env());
    let mut r = Run::new(&f);
    r.compose_missing = true;
    assert_eq!(status_of(&r.checks(), "compose"), CheckStatus::Fail);
    let mut r = Run::new(&f);
    r.ps_err = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";
    r.ps_code = "1";
    let c = r.checks();
    assert_eq!(status_of(&c, "docker"), CheckStatus::Fail);
    assert!(
        find(&c, "docker")
            .remedy
            .as_ref()
            .map(dify_https::cli::remedies::words)
            .unwrap()
            .contains("systemctl start docker")
    );
    r.ps_err = "permission denied while trying to connect to the Docker daemon socket";
    let c = r.checks();
    assert!(
        find(&c, "docker")
            .message
            .contains("may not use the Docker socket")
    );
    assert!(
        find(&c, "docker")
            .remedy
            .as_ref()
            .map(dify_https::cli::remedies::words)
            .unwrap()
            .contains("docker group")
    );
}

#[test]
fn the_folder() {
    let f = Fixture::with(&[(".env", &good_env())]);
    std::fs::write(
        f.path().join("docker-compose.yaml"),
        "services:\n  certbot:\n    image: c\n",
    )
    .unwrap();
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "compose-file"), CheckStatus::Fail);
    assert!(
        find(&c, "compose-file")
            .message
            .contains("no nginx service")
    );
    assert_eq!(status_of(&c, "certbot-files"), CheckStatus::Fail);
    assert!(
        find(&c, "certbot-files")
            .message
            .contains("certbot/docker-entrypoint.sh, certbot/update-cert.template.txt")
    );
    assert_eq!(
        status_of(&c, "volumes"),
        CheckStatus::Ok,
        "missing volume folders are created by compose"
    );
}

#[test]
fn env_values() {
    let cases: &[(&str, &str, &str, CheckStatus)] = &[
        (
            "CERTBOT_OPTIONS=--no-random-sleep-on-renew",
            "CERTBOT_OPTIONS=--debug; reboot",
            "script-safe",
            CheckStatus::Fail,
        ),
        (
            "CERTBOT_DOMAIN=dify.acmecorp.io",
            "CERTBOT_DOMAIN=your_domain.com",
            "domain",
            CheckStatus::Fail,
        ),
        (
            "CERTBOT_DOMAIN=dify.acmecorp.io",
            "CERTBOT_DOMAIN=localhost",
            "domain",
            CheckStatus::Fail,
        ),
        (
            "CERTBOT_EMAIL=ops@acme-corp.dev",
            "CERTBOT_EMAIL=your_email@example.com",
            "email",
            CheckStatus::Fail,
        ),
        (
            "NGINX_ENABLE_CERTBOT_CHALLENGE=true",
            "NGINX_ENABLE_CERTBOT_CHALLENGE=false",
            "challenge-setting",
            CheckStatus::Fail,
        ),
        (
            "NGINX_SSL_CERT_FILENAME=fullchain.pem",
            "NGINX_SSL_CERT_FILENAME=dify.crt",
            "cert-filenames",
            CheckStatus::Warn,
        ),
        (
            "NGINX_HTTPS_ENABLED=false",
            "NGINX_HTTPS_ENABLED=true",
            "https-before-certificate",
            CheckStatus::Fail,
        ),
        (
            "NGINX_SERVER_NAME=dify.acmecorp.io",
            "NGINX_SERVER_NAME=_",
            "server-name",
            CheckStatus::Warn,
        ),
        (
            "COMPOSE_PROFILES=${VECTOR_STORE:-weaviate},${DB_TYPE:-postgresql}",
            "COMPOSE_PROFILES=${DB_TYPE:?set DB_TYPE}",
            "profiles",
            CheckStatus::Fail,
        ),
        (
            "EXPOSE_NGINX_PORT=1",
            "EXPOSE_NGINX_PORT=8080",
            "port-80",
            CheckStatus::Warn,
        ),
    ];
    for (from, to, id, expected) in cases {
        let env = good_env();
        assert!(env.contains(from), "{from}");
        let f = folder(&env.replace(from, to));
        assert_eq!(status_of(&Run::new(&f).checks(), id), *expected, "{to}");
    }
    let f = folder(&good_env().replace("EXPOSE_NGINX_PORT=1", "EXPOSE_NGINX_PORT=8080"));
    let mut r = Run::new(&f);
    r.proxy = true;
    assert_eq!(status_of(&r.checks(), "port-80"), CheckStatus::Ok);
}

#[test]
fn something_else_on_nginx_ports() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let f = folder(&good_env().replace(
        "EXPOSE_NGINX_SSL_PORT=2",
        &format!("EXPOSE_NGINX_SSL_PORT={port}"),
    ));
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "port-in-use"), CheckStatus::Warn);
    assert!(
        find(&c, "port-in-use")
            .message
            .contains(&format!("port {port}"))
    );
    // With Dify's nginx running, a listener is expected.
    let mut r = Run::new(&f);
    r.ps_out = "nginx\n";
    assert!(!r.checks().iter().any(|c| c.id == "port-in-use"));
}

#[test]
fn dns_outcomes() {
    let f = folder(&good_env());
    let mut r = Run::new(&f);
    r.dns = Err(());
    assert_eq!(status_of(&r.checks(), "dns"), CheckStatus::Fail);
    r.dns = Ok(vec![]);
    assert_eq!(status_of(&r.checks(), "dns"), CheckStatus::Fail);
    r.dns = Ok(vec!["198.51.100.7".parse().unwrap()]);
    let c = r.checks();
    assert_eq!(status_of(&c, "dns"), CheckStatus::Warn);
    assert!(
        find(&c, "dns")
            .message
            .contains("198.51.100.7, which is not an address of this host")
    );
    r.dns = Ok(vec![HERE.parse().unwrap()]);
    assert_eq!(status_of(&r.checks(), "dns"), CheckStatus::Ok);
    // A loopback answer can never be validated: a failure, not "fine behind NAT".
    for lo in ["127.0.0.1", "::1", "127.0.1.1"] {
        r.dns = Ok(vec![lo.parse().unwrap()]);
        let c = r.checks();
        assert_eq!(status_of(&c, "dns"), CheckStatus::Fail, "{lo}");
        assert!(
            find(&c, "dns")
                .message
                .contains("Let's Encrypt cannot reach it"),
            "{lo}"
        );
    }
    // A private address: split-horizon DNS is named.
    for private in ["192.168.1.20", "10.0.0.5", "fd00::5", "100.64.1.1"] {
        r.dns = Ok(vec![private.parse().unwrap()]);
        let c = r.checks();
        assert_eq!(status_of(&c, "dns"), CheckStatus::Warn, "{private}");
        assert!(
            find(&c, "dns")
                .remedy
                .as_ref()
                .map(dify_https::cli::remedies::words)
                .unwrap()
                .contains("split-horizon"),
            "{private}"
        );
    }
}

/// Compose v1 cannot read Dify's real file: found up front, named, with the fix.
#[test]
fn a_compose_that_cannot_read_the_file_fails_up_front() {
    let f = folder(&good_env());
    let r = Run::new(&f);
    assert_eq!(
        status_of(&r.checks(), "compose-reads-file"),
        CheckStatus::Ok
    );
    let mut r = Run::new(&f);
    r.v1 = true;
    r.proxy = true;
    r.scenario = vec![
        (
            "config.err",
            "The Compose file './docker-compose.yaml' is invalid because:\nservices.api.depends_on contains unsupported option: 'required'\n",
        ),
        ("config.code", "1"),
    ];
    let checks = r.checks();
    let c = find(&checks, "compose-reads-file");
    assert_eq!(c.status, CheckStatus::Fail);
    assert!(
        c.message.contains("`depends_on` with `required:`"),
        "{}",
        c.message
    );
    assert!(c.message.contains("need Compose v2"), "{}", c.message);
}

/// A crash-looping nginx is named as one, with its own last line, not "not running".
#[test]
fn a_crash_looping_nginx_is_named() {
    let f = folder(&good_env());
    let mut r = Run::new(&f);
    r.proxy = true;
    r.scenario = vec![
        (
            "ps.sh",
            "[[ $* == *status=restarting* ]] && echo nginx; exit 0\n",
        ),
        (
            "logs.out",
            "nginx-1  | nginx: [emerg] cannot load certificate\n",
        ),
    ];
    let checks = r.checks();
    let c = find(&checks, "docker");
    assert_eq!(c.status, CheckStatus::Fail);
    assert!(c.message.contains("nginx keeps restarting (it exits right after starting): nginx-1  | nginx: [emerg] cannot load certificate"), "{}", c.message);
}

/// A challenge path that was not tried says why.
#[test]
fn an_untried_challenge_path_says_why() {
    let f = folder(&good_env().replace("CERTBOT_DOMAIN=dify.acmecorp.io", "CERTBOT_DOMAIN="));
    let c = Run::new(&f).checks();
    assert!(
        find(&c, "challenge-path")
            .message
            .contains("not tried: CERTBOT_DOMAIN is not usable"),
        "{c:?}"
    );
    let f = folder(&good_env());
    let c = Run::new(&f).checks();
    assert!(
        find(&c, "challenge-path")
            .message
            .contains("not tried: nginx does not answer on 127.0.0.1:1"),
        "{c:?}"
    );
}

/// A tiny nginx stand-in: serves `www` under the challenge path when `challenge`, else 404.
fn web(www: std::path::PathBuf, challenge: bool) -> u16 {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let mut s = s.unwrap();
            let mut buf = [0u8; 2048];
            let n = s.read(&mut buf).unwrap_or(0);
            let path = String::from_utf8_lossy(&buf[..n])
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_string();
            let body = (challenge && path.starts_with("/.well-known/acme-challenge/"))
                .then(|| std::fs::read(www.join(path.trim_start_matches('/'))).ok())
                .flatten();
            let resp = match body {
                Some(b) => [
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", b.len()).into_bytes(),
                    b,
                ]
                .concat(),
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
            };
            let _ = s.write_all(&resp);
        }
    });
    port
}

/// The challenge-path check for a set-up folder whose nginx (a stand-in) serves the
/// challenge folder or not; `nginx_has`: what `compose exec nginx printenv` prints.
fn challenge_path_check(serves_challenge: bool, nginx_has: &str) -> Check {
    let f = folder(&good_env());
    let port = web(f.path().join("volumes/certbot/www"), serves_challenge);
    std::fs::write(
        f.env_path(),
        good_env().replace("EXPOSE_NGINX_PORT=1", &format!("EXPOSE_NGINX_PORT={port}")),
    )
    .unwrap();
    let mut r = Run::new(&f);
    r.proxy = true;
    r.ps_out = "nginx\n";
    r.exec_out = nginx_has;
    find(&r.checks(), "challenge-path").clone()
}

#[test]
fn the_challenge_path_when_nginx_runs() {
    assert_eq!(challenge_path_check(true, "").status, CheckStatus::Ok);
    // compose cannot tell what nginx has: the general fix.
    let check = challenge_path_check(false, "");
    assert_eq!(check.status, CheckStatus::Fail);
    assert!(
        check
            .remedy
            .as_ref()
            .map(dify_https::cli::remedies::words)
            .unwrap()
            .starts_with("set NGINX_ENABLE_CERTBOT_CHALLENGE=true")
    );
}

/// .env asks for the challenge location but nginx answers 404: what the running nginx
/// has decides whether the run will fix it (nginx predates the .env change) or not.
#[test]
fn a_challenge_404_is_judged_by_what_the_running_nginx_has() {
    for (nginx_has, expected, says) in [
        (
            "false\n",
            CheckStatus::Warn,
            "the running nginx has NGINX_ENABLE_CERTBOT_CHALLENGE=false, .env says true",
        ),
        (
            "true\n",
            CheckStatus::Fail,
            "although the running nginx has NGINX_ENABLE_CERTBOT_CHALLENGE=true",
        ),
    ] {
        let check = challenge_path_check(false, nginx_has);
        assert_eq!(check.status, expected, "{check:?}");
        assert!(check.message.contains(says), "{check:?}");
    }
}

/// nginx's published ports as compose takes them: a port or IP:port; anything else fails
/// with the key named, instead of being read as the default.
#[test]
fn nginx_ports_as_compose_takes_them() {
    let f = folder(&good_env());
    let port = web(f.path().join("volumes/certbot/www"), true);
    std::fs::write(
        f.env_path(),
        good_env().replace(
            "EXPOSE_NGINX_PORT=1",
            &format!("EXPOSE_NGINX_PORT=127.0.0.1:{port}"),
        ),
    )
    .unwrap();
    let mut r = Run::new(&f);
    r.proxy = true;
    r.ps_out = "nginx\n";
    let c = r.checks();
    assert_eq!(status_of(&c, "port-80"), CheckStatus::Ok);
    assert_eq!(status_of(&c, "challenge-path"), CheckStatus::Ok);
    assert!(!c.iter().any(|c| c.id == "ssl-port"));

    std::fs::write(
        f.env_path(),
        good_env()
            .replace("EXPOSE_NGINX_PORT=1", "EXPOSE_NGINX_PORT=eighty")
            .replace("EXPOSE_NGINX_SSL_PORT=2", "EXPOSE_NGINX_SSL_PORT=0"),
    )
    .unwrap();
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "port-80"), CheckStatus::Fail);
    assert!(
        find(&c, "port-80")
            .message
            .starts_with("EXPOSE_NGINX_PORT=eighty in .env is not a port number")
    );
    assert_eq!(status_of(&c, "ssl-port"), CheckStatus::Fail);
    assert!(
        find(&c, "ssl-port")
            .message
            .starts_with("EXPOSE_NGINX_SSL_PORT=0 in .env")
    );
}

#[test]
fn an_existing_certificate_and_recent_failures() {
    let f = folder(&good_env());
    let live = f.path().join(format!("volumes/certbot/conf/live/{DOMAIN}"));
    std::fs::create_dir_all(&live).unwrap();
    let (pem, _, _) = TestCa::new("R11 Test").leaf_for_days(&[DOMAIN], 80);
    std::fs::write(live.join("fullchain.pem"), pem).unwrap();
    let c = Run::new(&f).checks();
    assert!(
        find(&c, "existing-certificate")
            .message
            .contains("no new issuance is needed")
    );
    let (pem, _, _) = TestCa::new("(STAGING) Pretend Pear X1").leaf_for_days(&[DOMAIN], 80);
    std::fs::write(live.join("fullchain.pem"), pem).unwrap();
    assert_eq!(
        status_of(&Run::new(&f).checks(), "existing-certificate"),
        CheckStatus::Warn
    );
    // From a CA the user names with --server, a test certificate is what was asked for.
    std::fs::write(
        f.env_path(),
        good_env().replace(
            "CERTBOT_OPTIONS=--no-random-sleep-on-renew",
            "CERTBOT_OPTIONS=--no-random-sleep-on-renew --server https://ca.internal/dir",
        ),
    )
    .unwrap();
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "existing-certificate"), CheckStatus::Ok);
    assert!(
        find(&c, "existing-certificate")
            .message
            .contains("from the CA named in CERTBOT_OPTIONS (--server)")
    );
    std::fs::write(f.env_path(), good_env()).unwrap();

    for i in 0..3 {
        std::fs::write(
            f.path()
                .join(format!("volumes/certbot/logs/letsencrypt.log.{i}")),
            "Some challenges have failed.\n",
        )
        .unwrap();
    }
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "recent-failures"), CheckStatus::Warn);
    assert!(
        find(&c, "recent-failures")
            .remedy
            .as_ref()
            .map(dify_https::cli::remedies::words)
            .unwrap()
            .contains("staging")
    );
}

#[test]
fn cli_json_and_exit_code() {
    let f = folder(&CLASSIC_ENV.replace("EXPOSE_NGINX_PORT=80", "EXPOSE_NGINX_PORT=1"));
    let out = assert_cmd::Command::cargo_bin("dify-https")
        .unwrap()
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(f.path())
        .args(["--compose", "/nonexistent/compose", "doctor", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "placeholders fail");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "fail");
    let first = &v["checks"][0];
    for key in ["id", "status", "message", "hint"] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert!(
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "email" && c["status"] == "fail")
    );
}

#[test]
fn remaining_outcomes() {
    // A volume path that is a file, not a folder, cannot be written in.
    let f = folder(&good_env());
    std::fs::remove_dir_all(f.path().join("volumes/certbot/www")).unwrap();
    std::fs::write(f.path().join("volumes/certbot/www"), "").unwrap();
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "volumes"), CheckStatus::Fail);
    assert!(find(&c, "volumes").message.contains("volumes/certbot/www"));

    // HTTPS on with the certificate present; a certificate due for renewal.
    let f = folder(&good_env().replace("NGINX_HTTPS_ENABLED=false", "NGINX_HTTPS_ENABLED=true"));
    let live = f.path().join(format!("volumes/certbot/conf/live/{DOMAIN}"));
    std::fs::create_dir_all(&live).unwrap();
    let (pem, key, _) = TestCa::new("R11 Test").leaf_for_days(&[DOMAIN], 12);
    std::fs::write(live.join("fullchain.pem"), pem).unwrap();
    // Without its key nginx could not start: a failure, never "will load it".
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "https-before-certificate"), CheckStatus::Fail);
    std::fs::write(live.join("privkey.pem"), key).unwrap();
    let c = Run::new(&f).checks();
    assert_eq!(status_of(&c, "https-before-certificate"), CheckStatus::Ok);
    assert!(
        find(&c, "existing-certificate")
            .message
            .contains("renewal is due")
    );
}

/// The renewal schedule: installed, running a binary that exists, for this folder.
#[test]
fn the_renewal_schedule_is_checked() {
    use dify_https::core::schedule::{Job, Kind, write_files};
    let f = folder(&good_env());
    let root = tempfile::tempdir().unwrap();
    let mut r = Run::new(&f);
    r.schedule_root = Some(root.path().to_path_buf());
    assert_eq!(
        status_of(&r.checks(), "schedule"),
        CheckStatus::Ok,
        "none before a certificate"
    );

    let project = dify_https::core::compose::project_name(
        &DifyFolder::open(f.path()).unwrap(),
        &EnvDocument::parse(&good_env()),
        &|_| None,
    );
    let job = |binary: &str, dir: &std::path::Path| Job {
        project: project.clone(),
        binary: binary.into(),
        dir: dir.to_path_buf(),
        compose: None,
        prometheus: None,
    };
    let here = env!("CARGO_BIN_EXE_dify-https");
    write_files(
        root.path(),
        &job(here, f.path()).files(Kind::Systemd, 0).unwrap(),
    )
    .unwrap();
    assert_eq!(status_of(&r.checks(), "schedule"), CheckStatus::Ok);

    let elsewhere = tempfile::tempdir().unwrap();
    write_files(
        root.path(),
        &job(here, elsewhere.path()).files(Kind::Systemd, 0).unwrap(),
    )
    .unwrap();
    let c = r.checks();
    assert_eq!(status_of(&c, "schedule"), CheckStatus::Fail);
    assert!(
        find(&c, "schedule").message.contains("not this folder"),
        "{:?}",
        find(&c, "schedule")
    );

    write_files(
        root.path(),
        &job("/nonexistent/dify-https", f.path())
            .files(Kind::Systemd, 0)
            .unwrap(),
    )
    .unwrap();
    let c = r.checks();
    assert_eq!(status_of(&c, "schedule"), CheckStatus::Fail);
    assert!(
        find(&c, "schedule")
            .message
            .contains("which does not exist")
    );
}
