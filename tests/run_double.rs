//! The run executor against a compose test double: argument shapes (v1/v2), what
//! comes up, every failure class with its fix, cancellation, certbot's log followed
//! across a rotation mid-run, the random-delay countdown, rollback of a failed HTTPS
//! switch. The real-parts proof is tests/acme_e2e.rs.

mod support;

use std::time::{Duration, Instant};

use dify_https::core::run::{
    Cancel, FailureClass, LineSource, RunError, RunEvent, Step, StepOutcome,
};
use support::CLASSIC_ENV;
use support::double::Double;

const DOMAIN: &str = "dify.acmecorp.io";

fn env_with(extra: &[(&str, &str)]) -> String {
    let mut env = CLASSIC_ENV.replace(
        "CERTBOT_DOMAIN=your_domain.com",
        &format!("CERTBOT_DOMAIN={DOMAIN}"),
    );
    for (from, to) in extra {
        env = env.replace(from, to);
    }
    env
}

fn failure_class(result: &Result<(), RunError>) -> FailureClass {
    match result {
        Err(RunError::Failed {
            diagnosis: Some(d), ..
        }) => d.class,
        other => panic!("not a diagnosed failure: {other:?}"),
    }
}

fn log_lines(events: &[RunEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            RunEvent::Line {
                source: LineSource::Log,
                text,
            } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn v2_and_v1_shapes_and_all_profiles_on_every_call() {
    for v2 in [true, false] {
        let mut d = Double::new(&env_with(&[]));
        d.v2 = v2;
        d.play("ps", "out", "");
        let (result, _) = d.run(DOMAIN, &[Step::BringUp], Cancel::default());
        result.unwrap();
        let prefix = if v2 { "compose " } else { "" };
        let profiles = "--profile weaviate --profile postgresql --profile certbot";
        assert_eq!(
            d.calls(),
            [
                format!(
                    "{prefix}{profiles} ps --services --filter status=running | COMPOSE_PROFILES=weaviate,postgresql,certbot"
                ),
                format!("{prefix}{profiles} up -d | COMPOSE_PROFILES=weaviate,postgresql,certbot"),
            ]
        );
    }
}

#[test]
fn a_running_stack_recreates_only_nginx_and_certbot() {
    let d = Double::new(&env_with(&[]));
    d.play("ps", "out", "api\nweb\nnginx\n");
    let (result, events) = d.run(DOMAIN, &[Step::BringUp], Cancel::default());
    result.unwrap();
    assert!(
        d.calls()[1].contains(" up -d --no-deps --force-recreate -t 0 nginx certbot |"),
        "{:?}",
        d.calls()
    );
    assert!(events.iter().any(|e| matches!(e, RunEvent::Finished { outcome: StepOutcome::Succeeded { note: Some(n) }, .. } if n.contains("recreated nginx and certbot only"))));
}

#[test]
fn docker_daemon_and_socket_problems_name_the_fix() {
    let cases = [
        (
            "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
            FailureClass::DaemonUnreachable,
            "systemctl start docker",
        ),
        (
            "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock",
            FailureClass::SocketPermission,
            "docker group",
        ),
    ];
    for (stderr, class, fix) in cases {
        let d = Double::new(&env_with(&[]));
        d.play("ps", "err", stderr).play("ps", "code", "1");
        let (result, _) = d.run(
            DOMAIN,
            &[Step::BringUp, Step::ChallengeSelfTest],
            Cancel::default(),
        );
        assert_eq!(failure_class(&result), class);
        let Err(RunError::Failed {
            step,
            diagnosis: Some(diag),
            ..
        }) = result
        else {
            unreachable!()
        };
        assert_eq!(step, Step::BringUp);
        let said = dify_https::cli::remedies::words(&diag.fix);
        assert!(said.contains(fix), "{said}");
        assert_eq!(d.calls().len(), 1, "nothing ran after the failure");
    }
}

#[test]
fn every_certbot_failure_class_is_diagnosed_from_its_log() {
    let cases = [
        (
            "Detail: 203.0.113.7: Invalid response from http://dify.acmecorp.io/.well-known/acme-challenge/abc: 404",
            FailureClass::ChallengeRejected,
        ),
        (
            "Detail: DNS problem: NXDOMAIN looking up A for dify.acmecorp.io - check that a DNS record exists",
            FailureClass::Dns,
        ),
        (
            "Detail: 203.0.113.7: Timeout during connect (likely firewall problem)",
            FailureClass::ConnectionTimeout,
        ),
        (
            "too many certificates (5) already issued for this exact set of domains in the last 168h0m0s",
            FailureClass::RateLimit,
        ),
        (
            "urn:ietf:params:acme:error:rateLimited :: too many failed authorizations recently",
            FailureClass::FailedValidationLimit,
        ),
        (
            "urn:ietf:params:acme:error:invalidContact :: Error validating contact(s) :: contact email has forbidden domain",
            FailureClass::BadEmail,
        ),
        (
            "Detail: CAA record for dify.acmecorp.io prevents issuance",
            FailureClass::Caa,
        ),
    ];
    for (line, class) in cases {
        let d = Double::new(&env_with(&[]));
        // The script writes certbot's log as certbot does, then fails.
        d.play("run", "sh", &format!(
            "echo '2026-11-29 01:00:00,000:DEBUG:certbot._internal.main:certbot version: 2.1.0' >> volumes/certbot/logs/letsencrypt.log\n\
             echo '2026-11-29 01:00:01,000:ERROR:certbot._internal.auth_handler:{line}' >> volumes/certbot/logs/letsencrypt.log\n\
             echo 'Some challenges have failed.' >&2\nexit 1\n"
        ));
        let (result, events) = d.run(DOMAIN, &[Step::RequestCertificate], Cancel::default());
        assert_eq!(failure_class(&result), class, "{line}");
        assert!(
            log_lines(&events).iter().any(|l| l.contains(line)),
            "log not followed for {line}"
        );
    }
}

#[test]
fn the_log_is_followed_across_a_rotation_mid_run() {
    let d = Double::new(&env_with(&[]));
    std::fs::write(d.log_path(), "old run\n").unwrap();
    d.play(
        "run",
        "sh",
        "log=volumes/certbot/logs/letsencrypt.log\n\
        echo 'before rotation' >> $log; sleep 0.4\n\
        mv $log $log.1; echo 'after rotation' >> $log; sleep 0.4\n\
        echo 'Certificate operation successful'\n",
    );
    let (result, events) = d.run(DOMAIN, &[Step::RequestCertificate], Cancel::default());
    result.unwrap();
    assert_eq!(log_lines(&events), ["before rotation", "after rotation"]);
}

#[test]
fn certbots_random_delay_becomes_a_countdown() {
    let d = Double::new(&env_with(&[]));
    d.play("run", "sh", "echo '2026-11-29 01:00:00,000:INFO:certbot._internal.renewal:Non-interactive renewal: random delay of 3 seconds' >> volumes/certbot/logs/letsencrypt.log\nsleep 2.6\n");
    let (result, events) = d.run(DOMAIN, &[Step::RequestCertificate], Cancel::default());
    result.unwrap();
    let counts: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            RunEvent::Countdown(s) => Some(*s),
            _ => None,
        })
        .collect();
    assert!(
        counts.len() >= 2 && counts.windows(2).all(|w| w[0] >= w[1]) && counts[0] <= 3,
        "{counts:?}"
    );
}

#[test]
fn cancelling_stops_the_running_command_and_what_it_started() {
    let d = Double::new(&env_with(&[]));
    d.play("run", "sh", "sleep 300 &\necho $! > child.pid\nwait\n");
    let cancel = Cancel::default();
    let stopper = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        stopper.cancel();
    });
    let started = Instant::now();
    let (result, events) = d.run(
        DOMAIN,
        &[Step::RequestCertificate, Step::CheckCertificate],
        Cancel::clone(&cancel),
    );
    assert_eq!(
        result,
        Err(RunError::Cancelled {
            step: Step::RequestCertificate
        })
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(events.iter().any(|e| matches!(
        e,
        RunEvent::Finished {
            outcome: StepOutcome::Cancelled,
            ..
        }
    )));
    let pid = std::fs::read_to_string(d.folder.path().join("child.pid")).unwrap();
    let alive = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()))
        .map(|s| !s.contains(") Z "))
        .unwrap_or(false);
    assert!(!alive, "the script's child outlived the cancel");
    assert!(!events.iter().any(|e| matches!(
        e,
        RunEvent::Started {
            step: Step::CheckCertificate,
            ..
        }
    )));
}

#[test]
fn a_dry_run_says_nothing_was_saved() {
    let d = Double::new(&env_with(&[(
        "CERTBOT_OPTIONS=\n",
        "CERTBOT_OPTIONS=--dry-run --no-random-sleep-on-renew\n",
    )]));
    let (result, events) = d.run(DOMAIN, &[Step::CheckCertificate], Cancel::default());
    result.unwrap();
    assert!(events.iter().any(|e| matches!(e, RunEvent::Finished { outcome: StepOutcome::Succeeded { note: Some(n) }, .. } if n.contains("nothing was saved"))));
}

#[test]
fn no_certificate_after_the_script_is_a_failure() {
    let d = Double::new(&env_with(&[]));
    let (result, _) = d.run(DOMAIN, &[Step::CheckCertificate], Cancel::default());
    let Err(RunError::Failed {
        step: Step::CheckCertificate,
        error,
        ..
    }) = result
    else {
        panic!("{result:?}")
    };
    assert!(error.contains("fullchain.pem does not exist"), "{error}");
}

#[test]
fn replacing_a_staging_lineage_deletes_it_in_the_certbot_container() {
    let d = Double::new(&env_with(&[]));
    let (result, _) = d.run(DOMAIN, &[Step::ReplaceStagingLineage], Cancel::default());
    result.unwrap();
    assert!(d.calls()[0].contains(
        " run --rm -T certbot certbot delete --cert-name dify.acmecorp.io --non-interactive |"
    ));
}

#[test]
fn a_failed_https_switch_is_undone() {
    let d = Double::new(&env_with(&[
        ("EXPOSE_NGINX_PORT=80", "EXPOSE_NGINX_PORT=1"),
        (
            "NGINX_SSL_CERT_FILENAME=dify.crt",
            "NGINX_SSL_CERT_FILENAME=fullchain.pem",
        ),
        (
            "NGINX_SSL_CERT_KEY_FILENAME=dify.key",
            "NGINX_SSL_CERT_KEY_FILENAME=privkey.pem",
        ),
    ]));
    let live = d
        .folder
        .path()
        .join(format!("volumes/certbot/conf/live/{DOMAIN}"));
    std::fs::create_dir_all(&live).unwrap();
    std::fs::write(live.join("fullchain.pem"), "x").unwrap();
    std::fs::write(live.join("privkey.pem"), "x").unwrap();
    // nginx never answers (nothing listens on port 1); its log says why.
    d.play("logs", "out", "nginx: [emerg] cannot load certificate \"/etc/letsencrypt/live/dify.acmecorp.io/fullchain.pem\": BIO_new_file() failed\n");
    let (result, events) = d.run(
        DOMAIN,
        &[Step::SwitchHttps, Step::ConfirmHttps],
        Cancel::default(),
    );
    assert_eq!(failure_class(&result), FailureClass::NginxCertificate);
    let env = String::from_utf8(d.folder.env_bytes()).unwrap();
    assert!(
        env.contains("\nNGINX_HTTPS_ENABLED=false\n"),
        "HTTPS left on after a failed switch"
    );
    assert!(
        env.contains("\nCONSOLE_WEB_URL=http://dify.acmecorp.io\n"),
        "URL upgrade not undone"
    );
    let calls = d.calls();
    assert!(
        calls
            .last()
            .unwrap()
            .contains(" up -d --no-deps --force-recreate -t 0 nginx |"),
        "nginx not recreated after the undo: {calls:?}"
    );
    assert!(events.iter().any(
        |e| matches!(e, RunEvent::Line { source: LineSource::Note, text } if text.contains("HTTPS switched back off"))
    ));
}

/// The switch never writes a .env nginx cannot start with: no certificate files for
/// the names nginx would load, no switch, .env untouched, nothing recreated.
#[test]
fn the_https_switch_refuses_without_the_files_nginx_loads() {
    let d = Double::new(&env_with(&[]));
    let before = d.folder.env_bytes();
    let (result, _) = d.run(DOMAIN, &[Step::SwitchHttps], Cancel::default());
    match result {
        Err(RunError::Failed { error, .. }) => {
            assert!(
                error.contains("not switching HTTPS on: nginx would not find"),
                "{error}"
            );
            assert!(error.contains("dify.crt"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(d.folder.env_bytes(), before);
    assert!(
        d.calls().iter().all(|c| !c.contains(" up ")),
        "{:?}",
        d.calls()
    );
}

/// A dry run passes --dry-run to its own certbot container only; a domain change on a
/// live install passes the new domain the same way (.env keeps what nginx serves).
#[test]
fn run_only_values_reach_the_certbot_container_not_env() {
    let mut d = Double::new(&env_with(&[(
        "CERTBOT_OPTIONS=\n",
        "CERTBOT_OPTIONS=--no-random-sleep-on-renew --key-type ecdsa\n",
    )]));
    d.run_options = vec!["--dry-run".into()];
    let before = d.folder.env_bytes();
    let (result, events) = d.run(
        "new.acmecorp.io",
        &[Step::RequestCertificate, Step::CheckCertificate],
        Cancel::default(),
    );
    result.unwrap();
    let run = d.calls().into_iter().find(|c| c.contains(" run ")).unwrap();
    assert!(
        run.contains("run --rm -T -e CERTBOT_DOMAIN=new.acmecorp.io -e CERTBOT_OPTIONS=--no-random-sleep-on-renew --key-type ecdsa --dry-run certbot /bin/sh /update-cert.sh"),
        "{run}"
    );
    assert_eq!(d.folder.env_bytes(), before, ".env must not change");
    assert!(events.iter().any(|e| matches!(e, RunEvent::Finished { outcome: StepOutcome::Succeeded { note: Some(n) }, .. } if n.contains("nothing was saved"))));
}

#[test]
fn an_unchanged_certificate_is_not_reloaded() {
    let d = Double::new(&env_with(&[]));
    let (result, events) = d.run(DOMAIN, &[Step::ReloadNginx], Cancel::default());
    result.unwrap();
    // No certificate before or after: treated as changed (nothing to compare) → reload runs.
    assert!(d.calls()[0].contains(" exec -T nginx nginx -s reload |"));
    assert!(events.iter().any(|e| matches!(
        e,
        RunEvent::Finished {
            outcome: StepOutcome::Succeeded { .. },
            ..
        }
    )));
}

/// An nginx stand-in answering 404 to everything, on a free port.
fn nginx_answering_404() -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let mut s = s.unwrap();
            let _ = s.read(&mut [0u8; 2048]);
            let _ = s.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        }
    });
    port
}

/// A challenge 404 after nginx was recreated: what the running nginx has for
/// NGINX_ENABLE_CERTBOT_CHALLENGE names the cause (an override elsewhere, or a mount or
/// template problem); when compose cannot tell, the general fix is given.
#[test]
fn a_challenge_404_names_its_cause_from_what_nginx_has() {
    for (nginx_has, says) in [
        (
            Some("false\n"),
            "nginx runs with NGINX_ENABLE_CERTBOT_CHALLENGE=false although .env says true",
        ),
        (
            Some("true\n"),
            "check that docker-compose.yaml mounts volumes/certbot/www at /var/www/html",
        ),
        (
            None,
            "Set NGINX_ENABLE_CERTBOT_CHALLENGE=true in .env and recreate nginx",
        ),
    ] {
        let port = nginx_answering_404();
        let d = Double::new(&env_with(&[
            (
                "NGINX_ENABLE_CERTBOT_CHALLENGE=false",
                "NGINX_ENABLE_CERTBOT_CHALLENGE=true",
            ),
            ("EXPOSE_NGINX_PORT=80", &format!("EXPOSE_NGINX_PORT={port}")),
        ]));
        if let Some(out) = nginx_has {
            d.play("exec", "out", out);
        } else {
            d.play("exec", "code", "1");
        }
        let (result, _) = d.run(DOMAIN, &[Step::ChallengeSelfTest], Cancel::default());
        match result {
            Err(RunError::Failed { step, error, .. }) => {
                assert_eq!(step, Step::ChallengeSelfTest);
                assert!(
                    error.contains("answered 404 for the challenge file"),
                    "{error}"
                );
                assert!(error.contains(says), "{error}");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            d.calls()
                .iter()
                .any(|c| c.contains(" exec -T nginx printenv NGINX_ENABLE_CERTBOT_CHALLENGE |")),
            "{:?}",
            d.calls()
        );
    }
}

/// nginx's HTTP port as compose takes it: `IP:port` is probed on that address; a value
/// compose would not take stops the step with the key named.
#[test]
fn the_published_port_is_read_as_compose_reads_it() {
    let port = nginx_answering_404();
    for (value, says) in [
        (
            format!("127.0.0.1:{port}"),
            format!("http://127.0.0.1:{port} (Host: {DOMAIN}) answered 404"),
        ),
        (
            "eighty".to_string(),
            "EXPOSE_NGINX_PORT=eighty in .env is not a port number".to_string(),
        ),
    ] {
        let d = Double::new(&env_with(&[(
            "EXPOSE_NGINX_PORT=80",
            &format!("EXPOSE_NGINX_PORT={value}"),
        )]));
        let (result, _) = d.run(DOMAIN, &[Step::ChallengeSelfTest], Cancel::default());
        match result {
            Err(RunError::Failed { error, .. }) => assert!(error.contains(&says), "{error}"),
            other => panic!("{other:?}"),
        }
    }
}

/// nginx's stand-in that serves the folder's webroot (what Dify's challenge location does).
fn nginx_serving(www: std::path::PathBuf) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let mut s = s.unwrap();
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).into_owned();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let file = www.join(path.trim_start_matches('/'));
            let answer = match std::fs::read(&file) {
                Ok(body) => [
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len())
                        .into_bytes(),
                    body,
                ]
                .concat(),
                Err(_) => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec(),
            };
            let _ = s.write_all(&answer);
        }
    });
    port
}

/// A name with no DNS at all fails the run's self-test, as it fails the doctor, before
/// Let's Encrypt is asked; with a private ACME server (`--server`), which may resolve
/// names its own way, it is a note.
#[test]
fn a_name_with_no_dns_fails_the_self_test_unless_a_private_ca_is_used() {
    let unresolvable = "dify-https-test.invalid-tld-nowhere";
    for (options, fails) in [("", true), ("--server https://ca.internal/dir", false)] {
        let d = Double::new(&env_with(&[(
            "CERTBOT_OPTIONS=",
            &format!("CERTBOT_OPTIONS={options}"),
        )]));
        let port = nginx_serving(d.folder.path().join("volumes/certbot/www"));
        let env = std::fs::read_to_string(d.folder.env_path())
            .unwrap()
            .replace("EXPOSE_NGINX_PORT=80", &format!("EXPOSE_NGINX_PORT={port}"));
        std::fs::write(d.folder.env_path(), env).unwrap();
        let (result, events) = d.run(unresolvable, &[Step::ChallengeSelfTest], Cancel::default());
        match (result, fails) {
            (
                Err(RunError::Failed {
                    error, diagnosis, ..
                }),
                true,
            ) => {
                assert!(error.contains("does not resolve"), "{error}");
                let d = diagnosis.expect("a diagnosis with its fix");
                assert_eq!(d.class, FailureClass::Dns);
            }
            (Ok(()), false) => {
                let said = format!("{events:?}");
                assert!(said.contains("does not resolve"), "{said}");
            }
            (other, _) => panic!("{options:?}: {other:?}"),
        }
    }
}
