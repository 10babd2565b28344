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
use dify_https::core::probe::{fetch_presented_chain, http_get};
use rustls::pki_types::pem::PemObject;
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
    dify_https_with(folder, standin, args, &[])
}

fn dify_https_with(
    folder: &Path,
    standin: &Standin,
    args: &[&str],
    env: &[(&str, &Path)],
) -> Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"))
        .env("DIFY_HTTPS_LANG", "en")
        .envs(env.iter().copied())
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
    // Dify's localhost placeholder now names the domain too.
    assert!(
        env.contains(&format!("\nTRIGGER_URL=https://{DOMAIN}\n")),
        "{env}"
    );
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

    scheduled_renewal(
        folder.path(),
        &standin,
        ssl_port,
        &renewed.fingerprint_sha256,
    );
    moved_to_a_new_server(folder.path(), &standin);
    https_off(folder.path(), &standin, http_port, ssl_port);
}

/// The migration story: `backup` here, `restore` in a fresh folder (a new server:
/// its own nginx on other ports, HTTPS off, no certificates), and the new nginx
/// serves the same certificate without asking any CA.
fn moved_to_a_new_server(folder: &Path, standin: &Standin) {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("moving.tar.gz");
    let out = dify_https(
        folder,
        standin,
        &["backup", "--out", archive.to_str().unwrap()],
    );
    assert!(out.status.success());
    let live = folder.join(format!("volumes/certbot/conf/live/{DOMAIN}/fullchain.pem"));
    let wanted = read_chain_file(&live).unwrap().fingerprint_sha256;

    let (http_port, ssl_port) = (free_port(), free_port());
    let new_server = dify_folder(http_port, ssl_port);
    let new_standin = Standin::new();
    let out = dify_https(
        new_server.path(),
        &new_standin,
        &["restore", archive.to_str().unwrap(), "--yes"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Confirm HTTPS serves the new certificate"),
        "{stdout}"
    );
    assert!(
        !new_standin.calls().contains("update-cert"),
        "a restore asked the CA"
    );
    assert_eq!(served_consistently(ssl_port), wanted);
    let env = String::from_utf8(new_server.env_bytes()).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=true\n"), "{env}");
}

/// The emergency exit: `https off` writes HTTPS off (and the URLs back to http://),
/// recreates nginx, and nginx answers plain HTTP while the TLS port goes quiet.
fn https_off(folder: &Path, standin: &Standin, http_port: u16, ssl_port: u16) {
    let out = dify_https(folder, standin, &["https", "off", "--yes"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Confirm nginx answers over HTTP"),
        "{stdout}"
    );
    let env = String::from_utf8(std::fs::read(folder.join(".env")).unwrap()).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=false\n"), "{env}");
    assert!(
        env.contains(&format!("\nCONSOLE_WEB_URL=http://{DOMAIN}\n")),
        "{env}"
    );
    let http = http_get(
        SocketAddr::from(([127, 0, 0, 1], http_port)),
        DOMAIN,
        "/",
        Duration::from_secs(5),
    );
    assert!(http.is_ok(), "{http:?}");
    assert!(
        fetch_presented_chain(
            SocketAddr::from(([127, 0, 0, 1], ssl_port)),
            DOMAIN,
            Duration::from_secs(2)
        )
        .is_err(),
        "nginx still serves HTTPS"
    );
    // The certificate stays for later.
    assert!(
        folder
            .join(format!("volumes/certbot/conf/live/{DOMAIN}/fullchain.pem"))
            .exists()
    );
}

/// The schedule, for real: installed under a root, its cron line's exact command run
/// (with the stand-in's state in the environment, as compose would find its own):
/// a renewal that is due happens quietly, is recorded and shown by status; a run with
/// nothing due prints nothing; two at once never run certbot together.
fn scheduled_renewal(folder: &Path, standin: &Standin, ssl_port: u16, before: &str) {
    let root = tempfile::tempdir().unwrap();
    let out = dify_https(
        folder,
        standin,
        &[
            "schedule",
            "install",
            "--cron",
            "--yes",
            "--root",
            root.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let cron = std::fs::read_dir(root.path().join("etc/cron.d"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .next()
        .unwrap();
    let line = cron.lines().find(|l| l.contains(" root ")).unwrap();
    let command: String = line
        .split_whitespace()
        .skip(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(command.ends_with("renew --quiet"), "{command}");
    let run = || {
        std::process::Command::new("sh")
            .args(["-c", &command])
            .env("DIFY_HTTPS_LANG", "en")
            .envs(standin.env())
            .env_remove("COMPOSE_PROFILES")
            .output()
            .unwrap()
    };
    // Due (certbot 2.x renews 20-day certificates): one line, recorded.
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("renewed: "), "{stdout}");
    let live = folder.join(format!("volumes/certbot/conf/live/{DOMAIN}/fullchain.pem"));
    let now = read_chain_file(&live).unwrap().fingerprint_sha256;
    assert_ne!(now, before, "the scheduled run did not renew");
    assert_eq!(
        served_consistently(ssl_port),
        now,
        "nginx serves the old certificate"
    );
    let schedule_status = || -> serde_json::Value {
        let root = root.path().to_str().unwrap();
        let args = ["status", "--json", "--no-probe", "--schedule-root", root];
        serde_json::from_slice(&dify_https(folder, standin, &args).stdout).unwrap()
    };
    let v = schedule_status();
    assert_eq!(v["schedule"]["kind"], "cron");
    assert_eq!(v["schedule"]["last"]["outcome"], "renewed", "{v:#}");

    // Nothing due (the lineage now renews one day before expiry): silent, exit 0.
    let conf = folder.join(format!("volumes/certbot/conf/renewal/{DOMAIN}.conf"));
    let text = std::fs::read_to_string(&conf).unwrap();
    std::fs::write(&conf, format!("renew_before_expiry = 1 days\n{text}")).unwrap();
    let out = run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        (out.stdout.as_slice(), out.stderr.as_slice()),
        (&b""[..], &b""[..]),
        "not silent"
    );
    let v = schedule_status();
    assert_eq!(v["schedule"]["last"]["outcome"], "not-due", "{v:#}");

    // Two at once: one runs, the other says who holds the folder; certbot never twice.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(run);
        let b = s.spawn(run);
        (a.join().unwrap(), b.join().unwrap())
    });
    let busy = [&a, &b]
        .iter()
        .filter(|o| {
            String::from_utf8_lossy(&o.stderr)
                .contains("another dify-https is working in this folder")
        })
        .count();
    let ok = [&a, &b].iter().filter(|o| o.status.success()).count();
    assert_eq!(ok + busy, 2, "a: {a:?}\nb: {b:?}");
    assert!(ok >= 1);
}

fn acme_e2e_a_missing_challenge_location_stops_before_certbot_and_leaves_https_off() {
    if !available("acme_e2e_a_missing_challenge_location_stops_before_certbot_and_leaves_https_off")
    {
        return;
    }
    challenge_fails_then_works("en");
}

/// The same runs in Chinese: the Chinese demo plays them (`run-*.zh-CN.jsonl`), so its
/// steps, notes and errors read Chinese too, as a real run's would.
fn acme_e2e_the_same_runs_in_chinese() {
    if !available("acme_e2e_the_same_runs_in_chinese") {
        return;
    }
    challenge_fails_then_works("zh-CN");
}

/// A run that stops at the challenge self-test (nginx answers 404), then, fixed, the
/// same run that works; both recorded for the demo in `lang`.
fn challenge_fails_then_works(lang: &str) {
    let kept = |name: &str| match lang {
        "en" => format!("run-{name}.jsonl"),
        _ => format!("run-{name}.{lang}.jsonl"),
    };
    let (http_port, ssl_port) = (free_port(), free_port());
    let pebble = Pebble::start(http_port, 90 * 24 * 3600);
    let folder = dify_folder(http_port, ssl_port);
    let mut standin = Standin::new();
    standin.no_challenge = true;
    let options = format!("--server {} --no-verify-ssl", pebble.directory);
    let recording = folder.path().join("run.jsonl");
    let setup = [
        "--lang",
        lang,
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
    ];
    let out = dify_https_with(
        folder.path(),
        &standin,
        &setup,
        &[("DIFY_HTTPS_RECORD_RUN", &recording)],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let answered = if lang == "en" {
        "answered 404"
    } else {
        "返回了 404"
    };
    assert!(stdout.contains(answered), "{stdout}");
    demo_recording::check_and_keep(&recording, folder.path(), DOMAIN, &kept("challenge-404"));
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

    // The fix (nginx serves the challenge again), then the same run: it goes through.
    // The demo plays this pair: the failure with its fix, then the run that works.
    standin.no_challenge = false;
    let out = dify_https_with(
        folder.path(),
        &standin,
        &setup,
        &[("DIFY_HTTPS_RECORD_RUN", &recording)],
    );
    assert!(out.status.success(), "pebble log:\n{}", pebble.log());
    demo_recording::check_and_keep(&recording, folder.path(), DOMAIN, &kept("success"));
}

/// The demo plays runs recorded here (`assets/demo/run-*.jsonl`): each real run is
/// recorded, read back the way the demo reads it, and written over the kept one when
/// `DIFY_HTTPS_DEMO_RECORDINGS=<dir>` asks for fresh recordings.
mod demo_recording {
    use std::path::Path;

    use dify_https::core::run::recording::parse;
    use dify_https::core::run::{LineSource, RunEvent, StepOutcome};

    pub fn check_and_keep(file: &Path, folder: &Path, domain: &str, name: &str) {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains(domain), "the domain was recorded as it is");
        assert!(
            !text.contains(&folder.display().to_string()),
            "the folder was recorded as it is"
        );
        let events = parse(&text, Path::new("/demo/docker"), "demo.test").unwrap();
        assert!(matches!(events[0].event, RunEvent::Planned(_)));
        assert!(events.windows(2).all(|w| w[0].ms <= w[1].ms));
        assert!(
            events
                .iter()
                .any(|e| matches!(&e.event, RunEvent::Command(c) if c.contains("compose"))),
            "{text}"
        );
        let RunEvent::Finished { outcome, .. } = &events.last().unwrap().event else {
            panic!("the recording does not end with a finished step");
        };
        if name.contains("success") {
            assert!(
                matches!(outcome, StepOutcome::Succeeded { .. }),
                "{outcome:?}"
            );
            assert!(
                events.iter().any(|e| matches!(
                    &e.event,
                    RunEvent::Line {
                        source: LineSource::Log,
                        ..
                    }
                )),
                "certbot's log was not recorded"
            );
        } else {
            assert!(matches!(outcome, StepOutcome::Failed { .. }), "{outcome:?}");
        }
        // The stand-in plays compose's part: the demo names it as a Dify user runs it.
        let standin = super::Standin::script().display().to_string();
        let text = text.replace(&standin, "docker compose");
        if let Some(dir) = std::env::var_os("DIFY_HTTPS_DEMO_RECORDINGS") {
            std::fs::write(Path::new(&dir).join(name), text).unwrap();
        }
    }
}

/// An HTTPS GET of `/` on 127.0.0.1:`port` for DOMAIN, trusting `root`: `true` for a 200.
fn https_get_ok(port: u16, root: &rustls::pki_types::CertificateDer<'static>) -> bool {
    use std::io::{Read, Write};
    let mut roots = rustls::RootCertStore::empty();
    if roots.add(root.clone()).is_err() {
        return false;
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(DOMAIN).unwrap();
    let Ok(conn) = rustls::ClientConnection::new(std::sync::Arc::new(config), name) else {
        return false;
    };
    let Ok(tcp) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(5)));
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let request = format!("GET / HTTP/1.1\r\nHost: {DOMAIN}\r\nConnection: close\r\n\r\n");
    if tls.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    let _ = tls.read_to_end(&mut response);
    response.starts_with(b"HTTP/1.1 200")
}

/// A certificate the admin brings, for a domain that already has a Let's Encrypt-shaped
/// lineage nginx serves: refused with nothing written when its chain is incomplete;
/// installed (a bundle with a BOM and CRLF ends) and served by real nginx instead of the
/// lineage; replaced in place while requests run (none fails); put back by `undo`.
fn acme_e2e_import_beside_a_lineage_replace_under_load_and_undo() {
    use support::certs::TestCa;
    let (http_port, ssl_port) = (free_port(), free_port());
    let env = env_on_ports(DOMAIN, http_port, ssl_port)
        .replace(
            "CERTBOT_DOMAIN=your_domain.com",
            &format!("CERTBOT_DOMAIN={DOMAIN}"),
        )
        .replace("NGINX_HTTPS_ENABLED=false", "NGINX_HTTPS_ENABLED=true")
        .replace(
            "NGINX_SSL_CERT_FILENAME=dify.crt",
            "NGINX_SSL_CERT_FILENAME=fullchain.pem",
        )
        .replace(
            "NGINX_SSL_CERT_KEY_FILENAME=dify.key",
            "NGINX_SSL_CERT_KEY_FILENAME=privkey.pem",
        );
    let le = TestCa::new("(STAGING) Pretend Pear X1");
    let (le_cert, le_key, le_der) = le.leaf_for_days(&[DOMAIN], 60);
    let live = format!("volumes/certbot/conf/live/{DOMAIN}");
    let fullchain = format!("{le_cert}{}", le.pem);
    let folder = Fixture::with(&[
        (".env", &env),
        (&format!("{live}/fullchain.pem"), &fullchain),
        (&format!("{live}/privkey.pem"), &le_key),
    ]);
    let standin = Standin::new();
    let up = std::process::Command::new(Standin::script())
        .args(["up", "-d"])
        .current_dir(folder.path())
        .envs(standin.env())
        .status()
        .unwrap();
    assert!(up.success());
    assert_eq!(served_consistently(ssl_port), fingerprint_sha256(&le_der));

    let root = TestCa::new("Acme Corp Root R1");
    let issuing = root.intermediate("Acme Corp Issuing CA 1");
    let (leaf1, key1, der1) = issuing.leaf_for_days(&[DOMAIN], 200);
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };

    // The leaf alone: its issuer is missing. Refused, nothing written.
    let env_before = folder.env_bytes();
    let alone = write("leaf.crt", &leaf1);
    let key_file = write("dify.key", &key1);
    let out = dify_https(
        folder.path(),
        &standin,
        &["import", "--cert", &alone, "--key", &key_file, "--yes"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("The chain is incomplete"), "{err}");
    assert!(err.contains("--chain"), "the fix names the flag: {err}");
    assert_eq!(folder.env_bytes(), env_before, ".env untouched");
    assert!(!folder.path().join("nginx/ssl/dify-https.crt").exists());
    assert_eq!(served_fingerprint(ssl_port), fingerprint_sha256(&le_der));

    // The "Nginx" download: one bundle, leaf after its issuers, BOM and CRLF.
    let bundle = format!("\u{feff}{}{}{}", issuing.pem, root.pem, leaf1).replace('\n', "\r\n");
    let bundle = write("dify_bundle.crt", &bundle);
    let out = dify_https(
        folder.path(),
        &standin,
        &["import", "--cert", &bundle, "--key", &key_file, "--yes"],
    );
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("put in order"), "{said}");
    assert!(said.contains("A Let's Encrypt certificate for"), "{said}");
    assert_eq!(served_consistently(ssl_port), fingerprint_sha256(&der1));
    let ssl = folder.path().join("nginx/ssl");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(ssl.join("dify-https.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let env_now = String::from_utf8(folder.env_bytes()).unwrap();
    assert!(env_now.contains("\nNGINX_SSL_CERT_FILENAME=dify-https.crt\n"));
    assert!(
        std::fs::read_to_string(folder.path().join(format!("{live}/fullchain.pem")))
            .unwrap()
            .contains(le_cert.trim()),
        "the lineage is left as it was"
    );
    let out = dify_https(folder.path(), &standin, &["status", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["certificate"]["source"], "imported", "{report}");
    assert_eq!(report["served"][0]["certificate"]["matches_disk"], true);
    assert_eq!(report["verdict"], "ok", "{report}");

    // Replaced in place while requests run: nginx reloads, no request fails.
    let root_der = rustls::pki_types::CertificateDer::from_pem_slice(root.pem.as_bytes()).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = {
        let (stop, root_der) = (stop.clone(), root_der.clone());
        std::thread::spawn(move || {
            let (mut ok, mut failed) = (0, 0);
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                if https_get_ok(ssl_port, &root_der) {
                    ok += 1;
                } else {
                    failed += 1;
                }
            }
            (ok, failed)
        })
    };
    let calls_before = standin.calls().lines().count();
    std::thread::sleep(Duration::from_millis(300));
    let (leaf2, key2, der2) = issuing.leaf_for_days(&[DOMAIN], 300);
    let chain = write("chain.pem", &format!("{}{}", issuing.pem, root.pem));
    let (cert2, key2) = (write("new.crt", &leaf2), write("new.key", &key2));
    let out = dify_https(
        folder.path(),
        &standin,
        &[
            "import", "--cert", &cert2, "--key", &key2, "--chain", &chain, "--yes",
        ],
    );
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (ok, failed) = load.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("replaces the certificate imported before")
    );
    assert_eq!(
        failed,
        0,
        "{failed} of {} requests failed during the replacement",
        ok + failed
    );
    assert!(ok >= 10, "only {ok} requests ran");
    eprintln!("replacement under load: {ok} requests, {failed} failed");
    assert_eq!(served_consistently(ssl_port), fingerprint_sha256(&der2));
    assert_eq!(
        folder.env_bytes(),
        env_now.as_bytes(),
        "a replacement leaves .env alone"
    );
    let during: Vec<String> = standin
        .calls()
        .lines()
        .skip(calls_before)
        .map(str::to_string)
        .collect();
    assert!(
        during
            .iter()
            .any(|l| l.contains(" exec -T nginx nginx -s reload")),
        "{during:?}"
    );
    assert!(
        !during.iter().any(|l| l.contains(" up ")),
        "no recreate: {during:?}"
    );

    // `undo` puts the replaced one back (nginx reloads), then goes to .env's backups.
    let out = dify_https(folder.path(), &standin, &["undo", "--yes"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(served_consistently(ssl_port), fingerprint_sha256(&der1));
    assert!(!ssl.join("dify-https.replaced").exists());
}

/// Back to Let's Encrypt from an imported certificate: the setup keeps serving the
/// imported one (HTTPS never goes off) while certbot gets the new one from pebble, and
/// its HTTPS switch points nginx at certbot's files.
fn acme_e2e_back_to_lets_encrypt_from_an_imported_certificate() {
    use support::certs::TestCa;
    if !available("acme_e2e_back_to_lets_encrypt_from_an_imported_certificate") {
        return;
    }
    let (http_port, ssl_port) = (free_port(), free_port());
    let pebble = Pebble::start(http_port, 20 * 24 * 3600);
    let folder = dify_folder(http_port, ssl_port);
    let standin = Standin::new();
    let root = TestCa::new("Acme Corp Root R1");
    let (pem, key, der) = root.leaf_for_days(&[DOMAIN], 200);
    let files = tempfile::tempdir().unwrap();
    let cert = files.path().join("c.pem");
    std::fs::write(&cert, format!("{pem}{}", root.pem)).unwrap();
    let key_file = files.path().join("k.pem");
    std::fs::write(&key_file, key).unwrap();
    let out = dify_https(
        folder.path(),
        &standin,
        &[
            "import",
            "--cert",
            cert.to_str().unwrap(),
            "--key",
            key_file.to_str().unwrap(),
            "--yes",
        ],
    );
    assert!(out.status.success());
    let up = std::process::Command::new(Standin::script())
        .args(["up", "-d"])
        .current_dir(folder.path())
        .envs(standin.env())
        .status()
        .unwrap();
    assert!(up.success());
    assert_eq!(served_consistently(ssl_port), fingerprint_sha256(&der));

    let options = format!("--server {} --no-verify-ssl", pebble.directory);
    let out = dify_https(
        folder.path(),
        &standin,
        &[
            "setup",
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
        "setup failed; pebble:\n{}",
        pebble.log()
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("keeps serving it"), "{said}");
    assert!(!said.contains("HTTPS goes off"), "{said}");
    let live = folder
        .path()
        .join(format!("volumes/certbot/conf/live/{DOMAIN}/fullchain.pem"));
    let issued = read_chain_file(&live).unwrap();
    assert_eq!(served_consistently(ssl_port), issued.fingerprint_sha256);
    let env = String::from_utf8(folder.env_bytes()).unwrap();
    assert!(
        env.contains("\nNGINX_SSL_CERT_FILENAME=fullchain.pem\n"),
        "{env}"
    );
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=true\n"), "{env}");
    // No backup of .env written during the run has HTTPS off.
    for entry in std::fs::read_dir(folder.path()).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with(".env.bak-") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let after_import = text.contains("NGINX_SSL_CERT_FILENAME=dify-https.crt");
            assert!(
                !after_import || text.contains("\nNGINX_HTTPS_ENABLED=true\n"),
                "HTTPS went off on the way: {text}"
            );
        }
    }
    let out = dify_https(folder.path(), &standin, &["status", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["certificate"]["source"], "letsencrypt", "{report}");
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
        case!(
            acme_e2e_back_to_lets_encrypt_from_an_imported_certificate,
            support::acme::missing,
            support::acme::INSTALL
        ),
        case!(
            acme_e2e_import_beside_a_lineage_replace_under_load_and_undo,
            support::acme::missing,
            support::acme::INSTALL
        ),
        case!(
            acme_e2e_setup_then_renew_against_pebble,
            support::acme::missing,
            support::acme::INSTALL
        ),
        case!(
            acme_e2e_a_missing_challenge_location_stops_before_certbot_and_leaves_https_off,
            support::acme::missing,
            support::acme::INSTALL
        ),
        case!(
            acme_e2e_the_same_runs_in_chinese,
            support::acme::missing,
            support::acme::INSTALL
        ),
    ])
}
