//! Dify's own upgrade step undoes HTTPS: its real `dify-env-sync.sh` (from
//! `../shared/dify-reference/`, beside the checkout as CI lays it) on a folder made
//! from its `.env.example`, after dify-https set HTTPS up. Status, doctor and the
//! scheduled run must say what happened; `repair` must put back exactly what was there.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::Fixture;
use support::certs::TestCa;

const DOMAIN: &str = "dify.acmecorp.io";
const EMAIL: &str = "ops@acme-corp.dev";

/// Dify's upgrade helper and the examples it syncs against.
fn dify_upgrade() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dify-reference/upgrade-ad96501e0")
}

fn missing_dify_upgrade() -> Vec<String> {
    let mut missing = Vec::new();
    if !dify_upgrade().join("dify-env-sync.sh").is_file() {
        missing.push("../shared/dify-reference/upgrade-ad96501e0 (Dify's env sync)".to_string());
    }
    if which::which("bash").is_err() {
        missing.push("bash".into());
    }
    missing
}

fn dify_https(folder: &Path, scenario: &Path, args: &[&str]) -> Output {
    support::double::command(folder, scenario)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The lines of `.env` that name CERTBOT_* (and the block's comment).
fn certbot_lines(env: &str) -> Vec<String> {
    env.lines()
        .filter(|l| l.starts_with("CERTBOT_") || l.contains("set by dify-https"))
        .map(str::to_string)
        .collect()
}

/// A Dify folder of the newest layout, set up by dify-https with HTTPS on and a
/// certificate; the compose double plays a stack that is not running.
fn set_up_folder() -> (Fixture, tempfile::TempDir) {
    let upstream = dify_upgrade();
    let example = std::fs::read_to_string(upstream.join("env.example")).unwrap();
    let f = Fixture::with(&[
        (
            ".env",
            &example.replace("NGINX_HTTPS_ENABLED=false", "NGINX_HTTPS_ENABLED=true"),
        ),
        (".env.example", &example),
        (
            "envs/infrastructure/certbot.env.example",
            &std::fs::read_to_string(upstream.join("envs/infrastructure/certbot.env.example"))
                .unwrap(),
        ),
        (
            "envs/infrastructure/nginx.env.example",
            &std::fs::read_to_string(upstream.join("envs/infrastructure/nginx.env.example"))
                .unwrap(),
        ),
    ]);
    let ca = TestCa::new("R11 Test");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 80);
    support::install_certificate(&f, DOMAIN, &ca.pem, &pem, &key);
    // nginx's file names as the setup sets them (the certificate is there: HTTPS stays on).
    let scenario = tempfile::tempdir().unwrap();
    let out = dify_https(
        f.path(),
        scenario.path(),
        &[
            "setup",
            "--env-only",
            "--yes",
            "--domain",
            DOMAIN,
            "--email",
            EMAIL,
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    (f, scenario)
}

/// Dify's env sync runs in the folder as its README says (no terminal).
fn run_dify_sync(folder: &Path) {
    let out = Command::new("bash")
        .arg(dify_upgrade().join("dify-env-sync.sh"))
        .current_dir(folder)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
}

fn after_difys_env_sync_status_doctor_and_repair_tell_the_story() {
    let (f, scenario) = set_up_folder();
    let before_env = String::from_utf8(f.env_bytes()).unwrap();
    assert!(before_env.contains(&format!("CERTBOT_DOMAIN={DOMAIN}")));
    let check = |f: &Fixture| {
        dify_https(
            f.path(),
            scenario.path(),
            &["status", "--check", "--no-probe"],
        )
    };
    let before = check(&f);
    // Before the upgrade, doctor says what it will touch and what to run after it.
    let doctor = text(&dify_https(f.path(), scenario.path(), &["doctor"]));
    assert!(
        doctor.contains("CERTBOT_DOMAIN, CERTBOT_EMAIL, CERTBOT_OPTIONS; they will be removed"),
        "{doctor}"
    );

    run_dify_sync(f.path());
    let synced = String::from_utf8(f.env_bytes()).unwrap();
    assert!(
        certbot_lines(&synced).is_empty(),
        "the sync removed them:\n{synced}"
    );
    assert!(synced.contains("NGINX_HTTPS_ENABLED=true"));

    // status: CRITICAL, the keys named, the sync named, the fix a command that exists.
    let out = check(&f);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let line = text(&out);
    assert!(line.starts_with("CRITICAL"), "{line}");
    let json = text(&dify_https(
        f.path(),
        scenario.path(),
        &["status", "--json", "--no-probe"],
    ));
    for said in [
        "CERTBOT_DOMAIN is gone",
        "env-backup/.env.backup_",
        "will not start",
        "dify-https repair",
    ] {
        assert!(json.contains(said), "{said}: {json}");
    }
    assert!(
        json.contains(&format!("\"domain\": \"{DOMAIN}\"")),
        "the recorded domain is judged: {json}"
    );
    // doctor: a failed check with the same story.
    let doctor = dify_https(f.path(), scenario.path(), &["doctor", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&doctor.stdout).unwrap();
    let applied = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "applied")
        .cloned();
    assert_eq!(
        applied.as_ref().map(|c| c["status"].clone()),
        Some("fail".into()),
        "{v}"
    );
    // The scheduled run renews nothing on top of it, says why, and tells the webhook
    // once for the incident (not at every run).
    let (port, posts) = support::webhook();
    std::fs::write(
        f.path().join("volumes/certbot/.dify-https-notify.json"),
        format!("[{{\"url\": \"http://127.0.0.1:{port}/hook\", \"format\": \"slack\"}}]"),
    )
    .unwrap();
    let renew = dify_https(f.path(), scenario.path(), &["renew", "--quiet"]);
    let (_, told) = posts
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("told");
    assert!(
        told.contains("CRITICAL") && told.contains("CERTBOT_DOMAIN is gone"),
        "{told}"
    );
    let again = dify_https(f.path(), scenario.path(), &["renew", "--quiet"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        posts
            .recv_timeout(std::time::Duration::from_millis(500))
            .is_err(),
        "told twice"
    );
    assert_eq!(renew.status.code(), Some(1), "{}", text(&renew));
    assert!(
        text(&renew).contains("dify-https repair"),
        "{}",
        text(&renew)
    );
    let calls = std::fs::read_to_string(scenario.path().join("calls.log")).unwrap_or_default();
    assert!(
        !calls
            .lines()
            .any(|l| l.contains(" run ") && l.contains("certbot /bin/sh")),
        "certbot was not run: {calls}"
    );
    let state =
        std::fs::read_to_string(f.path().join("volumes/certbot/.dify-https-renewal.json")).unwrap();
    assert!(state.contains("\"refused\""), "{state}");

    // repair: exactly the CERTBOT_* lines back, nothing else changed; status as before.
    let out = dify_https(f.path(), scenario.path(), &["repair"]);
    assert_eq!(out.status.code(), Some(2), "without a yes: {}", text(&out));
    assert_eq!(
        String::from_utf8(f.env_bytes()).unwrap(),
        synced,
        "nothing without a yes"
    );
    let out = dify_https(f.path(), scenario.path(), &["repair", "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("nginx is not running"),
        "{}",
        text(&out)
    );
    let repaired = String::from_utf8(f.env_bytes()).unwrap();
    assert_eq!(certbot_lines(&repaired), certbot_lines(&before_env));
    let others = |env: &str| -> Vec<String> {
        env.lines()
            .filter(|l| !certbot_lines(l).iter().any(|_| true))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        others(&repaired).join("\n").trim_end(),
        others(&synced).join("\n").trim_end()
    );
    let after = check(&f);
    assert_eq!(
        (after.status.code(), text(&after)),
        (before.status.code(), text(&before))
    );
    let again = dify_https(f.path(), scenario.path(), &["repair", "--yes"]);
    assert!(
        text(&again).contains("Nothing to repair"),
        "{}",
        text(&again)
    );
}

/// Hand edits: a removed NGINX_SSL_CERT_FILENAME, CERTBOT_DOMAIN changed to another name,
/// the pre-setup .env put back: each found, each repaired (or refused with the reason).
fn hand_edits_are_found_and_repaired() {
    for (case, edit) in [
        (
            "cert file name removed",
            ("NGINX_SSL_CERT_FILENAME=fullchain.pem\n", ""),
        ),
        (
            "another domain",
            (
                "CERTBOT_DOMAIN=dify.acmecorp.io",
                "CERTBOT_DOMAIN=other.acmecorp.io",
            ),
        ),
    ] {
        let (f, scenario) = set_up_folder();
        let set_up = String::from_utf8(f.env_bytes()).unwrap();
        assert!(set_up.contains(edit.0), "{case}");
        std::fs::write(f.env_path(), set_up.replace(edit.0, edit.1)).unwrap();
        let out = dify_https(
            f.path(),
            scenario.path(),
            &["status", "--check", "--no-probe"],
        );
        assert_eq!(out.status.code(), Some(2), "{case}: {}", text(&out));
        let out = dify_https(f.path(), scenario.path(), &["repair", "--yes"]);
        assert!(out.status.success(), "{case}: {}", text(&out));
        let repaired = String::from_utf8(f.env_bytes()).unwrap();
        // A changed value is put back in place, byte for byte; a removed line comes
        // back after the last NGINX_* key (where it was is not known any more).
        let values = |env: &str| -> std::collections::BTreeMap<String, String> {
            env.lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert!(
            values(&repaired) == values(&set_up),
            "{case}: the keys differ"
        );
        if edit.1.is_empty() {
            assert_eq!(repaired.lines().count(), set_up.lines().count(), "{case}");
        } else {
            assert!(repaired == set_up, "{case}: not byte-identical");
        }
    }
    // The .env from before the setup put back by hand (HTTPS on, none of the keys):
    // found and repaired the same way.
    let (f, scenario) = set_up_folder();
    let example = std::fs::read_to_string(f.path().join(".env.example")).unwrap();
    std::fs::write(
        f.env_path(),
        example.replace("NGINX_HTTPS_ENABLED=false", "NGINX_HTTPS_ENABLED=true"),
    )
    .unwrap();
    let json = text(&dify_https(
        f.path(),
        scenario.path(),
        &["status", "--json", "--no-probe"],
    ));
    assert!(
        json.contains("NGINX_SSL_CERT_FILENAME is dify.crt"),
        "{json}"
    );
    let out = dify_https(f.path(), scenario.path(), &["repair", "--yes"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = dify_https(
        f.path(),
        scenario.path(),
        &["status", "--check", "--no-probe"],
    );
    assert_ne!(out.status.code(), Some(2), "{}", text(&out));
    // With the certificate gone as well, repair refuses: nginx could not start anyway.
    std::fs::write(
        f.env_path(),
        example.replace("NGINX_HTTPS_ENABLED=false", "NGINX_HTTPS_ENABLED=true"),
    )
    .unwrap();
    std::fs::remove_dir_all(f.path().join("volumes/certbot/conf/live")).unwrap();
    let out = dify_https(f.path(), scenario.path(), &["repair", "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("Not repaired"), "{}", text(&out));
}

/// Dify's certbot script changed since setup (an upgrade): renewals are held, said why,
/// until `repair` shows the file and takes it as reviewed.
fn a_changed_certbot_script_holds_renewals_until_reviewed() {
    let (f, scenario) = set_up_folder();
    let script = f.path().join("certbot/update-cert.template.txt");
    std::fs::create_dir_all(script.parent().unwrap()).unwrap();
    std::fs::write(&script, "#!/bin/bash\ncertbot renew\n").unwrap();
    // Recorded as it is now (any write of dify-https records the files).
    let out = dify_https(
        f.path(),
        scenario.path(),
        &["setup", "--env-only", "--yes", "--mode", "staging"],
    );
    assert!(out.status.success(), "{}", text(&out));
    std::fs::write(&script, "#!/bin/bash\ncertbot renew --new-flag\n").unwrap();
    let json = text(&dify_https(
        f.path(),
        scenario.path(),
        &["status", "--json", "--no-probe"],
    ));
    assert!(
        json.contains("certbot/update-cert.template.txt") && json.contains("dify-https repair"),
        "{json}"
    );
    let renew = dify_https(f.path(), scenario.path(), &["renew"]);
    assert_eq!(renew.status.code(), Some(2), "{}", text(&renew));
    assert!(
        text(&renew).contains("Dify's certbot files changed"),
        "{}",
        text(&renew)
    );
    let out = dify_https(f.path(), scenario.path(), &["repair"]);
    assert_eq!(out.status.code(), Some(2), "without a yes: {}", text(&out));
    let out = dify_https(f.path(), scenario.path(), &["repair", "--yes"]);
    assert!(
        out.status.success() && text(&out).contains("Taken as reviewed"),
        "{}",
        text(&out)
    );
    let json = text(&dify_https(
        f.path(),
        scenario.path(),
        &["status", "--json", "--no-probe"],
    ));
    assert!(!json.contains("certbot/update-cert.template.txt"), "{json}");
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
        case!(
            after_difys_env_sync_status_doctor_and_repair_tell_the_story,
            missing_dify_upgrade,
            "lay shared/ beside the checkout, as CI does"
        ),
        case!(
            a_changed_certbot_script_holds_renewals_until_reviewed,
            missing_dify_upgrade,
            "lay shared/ beside the checkout, as CI does"
        ),
        case!(
            hand_edits_are_found_and_repaired,
            missing_dify_upgrade,
            "lay shared/ beside the checkout, as CI does"
        ),
    ])
}
