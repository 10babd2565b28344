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

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
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
