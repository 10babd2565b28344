//! End to end on the real Docker engine: dify-https's unchanged code drives this
//! machine's compose (v1 and/or v2) in a Dify folder whose nginx and certbot services
//! are shaped like Dify's, running in an image built here from Debian packages
//! (tests/support/docker.rs). certbot in its container asks pebble on the host (through
//! `host-gateway`), pebble validates through nginx's published port. Every container,
//! network and volume is removed afterwards, even on failure.

mod support;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use dify_https::core::certificate::{fingerprint_sha256, read_chain_file};
use dify_https::core::probe::fetch_presented_chain;
use support::acme::{Pebble, free_port};
use support::docker::{Compose, DOMAIN, EMAIL, Project, dify_folder, dify_https, ready, setup};

fn served_fingerprint(ssl_port: u16) -> Result<String, String> {
    fetch_presented_chain(
        SocketAddr::from(([127, 0, 0, 1], ssl_port)),
        DOMAIN,
        Duration::from_secs(5),
    )
    .map(|chain| fingerprint_sha256(&chain.chain[0]))
    .map_err(|e| e.to_string())
}

/// What nginx serves for ten handshakes in a row through the published port.
fn served_consistently(ssl_port: u16) -> String {
    let first = served_fingerprint(ssl_port).unwrap();
    for _ in 0..9 {
        assert_eq!(
            served_fingerprint(ssl_port).unwrap(),
            first,
            "nginx serves two certificates at once"
        );
    }
    first
}

/// Whether `compose` is here; under CI=true its absence fails the test (.ci/run
/// installs both generations).
fn compose_here(test: &str, compose: Compose) -> bool {
    support::can_run(
        test,
        &if compose.present() {
            vec![]
        } else {
            vec![format!("`{}`", compose.command())]
        },
        "install it (README: Compose v1 and v2)",
    )
}

fn setup_renew_status(test: &str, compose: Compose) {
    if !ready(test) || !compose_here(test, compose) {
        return;
    }
    let (http_port, ssl_port) = (free_port(), free_port());
    // 20-day certificates: a renewal right after issuance is due, as three months on.
    let pebble = Pebble::start_on("0.0.0.0", http_port, 20 * 24 * 3600);
    let folder = dify_folder(http_port, ssl_port, false);
    let project = Project::new();
    let live = folder
        .path()
        .join(format!("volumes/certbot/conf/live/{DOMAIN}"));

    let out = setup(
        folder.path(),
        &project,
        compose,
        &pebble,
        &["--mode", "production"],
    );
    assert!(
        out.status.success(),
        "setup failed; nginx:\n{}\npebble:\n{}",
        project.logs("nginx"),
        pebble.log()
    );
    // The --profile pitfall: the user's profile-gated services run beside certbot's.
    for service in ["weaviate", "db_postgres", "api", "web", "nginx", "certbot"] {
        assert!(project.running(service), "{service} is not running");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The stack was down: the whole stack came up, with the user's profiles and certbot's.
    assert!(stdout.contains("started the whole stack"), "{stdout}");
    assert!(
        stdout.contains("--profile weaviate --profile postgresql --profile certbot up -d"),
        "{stdout}"
    );
    assert!(
        stdout.contains("run --rm -T certbot /bin/sh /update-cert.sh"),
        "{stdout}"
    );
    assert!(
        stdout.contains("log| "),
        "certbot's log was not followed: {stdout}"
    );
    assert!(
        stdout.contains("[6/6] Confirm HTTPS serves the new certificate"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  note| wrote NGINX_HTTPS_ENABLED=true"),
        "{stdout}"
    );

    let cert = read_chain_file(&live.join("fullchain.pem")).unwrap();
    assert!(cert.covers(DOMAIN) && cert.staging, "{cert:?}");
    let env = String::from_utf8(folder.env_bytes()).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=true\n"), "{env}");
    assert!(
        env.contains(&format!("\nCONSOLE_WEB_URL=https://{DOMAIN}\n")),
        "{env}"
    );
    assert_eq!(served_consistently(ssl_port), cert.fingerprint_sha256);
    // The recreated api and web read the upgraded URLs.
    assert_eq!(
        project.exec("web", &["printenv", "NEXT_PUBLIC_SOCKET_URL"]),
        format!("wss://{DOMAIN}\n"),
        "web was not recreated with the upgraded URLs"
    );
    assert_eq!(
        project.exec("api", &["printenv", "CONSOLE_WEB_URL"]),
        format!("https://{DOMAIN}\n"),
        "api was not recreated with the upgraded URLs"
    );
    assert!(
        project.one_off_containers().is_empty(),
        "`run --rm` left containers"
    );

    let out = dify_https(folder.path(), &project, compose, &["renew"]);
    assert!(
        out.status.success(),
        "renew failed; pebble:\n{}",
        pebble.log()
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("exec -T nginx nginx -s reload"), "{stdout}");
    let renewed = read_chain_file(&live.join("fullchain.pem")).unwrap();
    assert_ne!(
        renewed.fingerprint_sha256, cert.fingerprint_sha256,
        "the renewal did not change the certificate"
    );
    assert_eq!(
        served_consistently(ssl_port),
        renewed.fingerprint_sha256,
        "nginx serves the old certificate"
    );

    // 20 days left is within the default 30-day warning; with 10/5 the one warning left
    // is that pebble's certificate is not browser-trusted.
    let out = dify_https(
        folder.path(),
        &project,
        compose,
        &["status", "--json", "--warn-days", "10", "--crit-days", "5"],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["certificate"]["fingerprint_sha256"],
        renewed.fingerprint_sha256.as_str()
    );
    assert_eq!(report["https_enabled"], true);
    let served = &report["served"][0];
    assert_eq!(served["target"], format!("127.0.0.1:{ssl_port}").as_str());
    assert_eq!(served["certificate"]["matches_disk"], true, "{report:#}");
    assert_eq!(served["certificate"]["trusted"], false, "{report:#}");
    let running: Vec<&str> = report["containers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["running"] == true)
        .map(|c| c["service"].as_str().unwrap())
        .collect();
    assert!(
        running.contains(&"nginx") && running.contains(&"certbot"),
        "{report:#}"
    );
    assert_eq!(report["verdict"], "warning", "{report:#}");

    let out = dify_https(
        folder.path(),
        &project,
        compose,
        &["status", "--check", "--warn-days", "10", "--crit-days", "5"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("WARNING"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The preflight checks see the real engine, services and challenge path as fine.
    let out = dify_https(folder.path(), &project, compose, &["doctor", "--json"]);
    let doctor: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status_of = |id: &str| -> String {
        doctor["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no check {id}: {doctor:#}"))
    };
    for id in [
        "compose",
        "docker",
        "compose-file",
        "certbot-files",
        "volumes",
        "profiles",
        "challenge-path",
    ] {
        assert_eq!(status_of(id), "ok", "{id}: {doctor:#}");
    }

    upgrade_then_repair(
        folder.path(),
        &project,
        compose,
        ssl_port,
        &renewed.fingerprint_sha256,
    );
    import_beside_the_lineage(folder.path(), &project, compose, ssl_port);

    project.remove();
    assert_eq!(project.leftovers(), Vec::<String>::new());
}

/// The admin's own certificate on this install, which has a Let's Encrypt lineage for
/// the same domain (Dify's nginx prefers that lineage's files): imported, it is what the
/// real nginx container serves; status says so; `renew` does not run certbot for it;
/// `https off` still works.
fn import_beside_the_lineage(
    folder: &std::path::Path,
    project: &Project,
    compose: Compose,
    ssl_port: u16,
) {
    let root = support::certs::TestCa::new("Acme Corp Root R1");
    let issuing = root.intermediate("Acme Corp Issuing CA 1");
    let (pem, key, der) = issuing.leaf_for_days(&[DOMAIN], 200);
    let files = tempfile::tempdir().unwrap();
    let put = |name: &str, text: &str| {
        let p = files.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let bundle = put(
        "dify_bundle.crt",
        &format!("{pem}{}{}", issuing.pem, root.pem),
    );
    let key = put("dify.key", &key);
    let out = dify_https(
        folder,
        project,
        compose,
        &["import", "--cert", &bundle, "--key", &key, "--yes"],
    );
    assert!(
        out.status.success(),
        "import failed; nginx:\n{}",
        project.logs("nginx")
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("A Let's Encrypt certificate for"), "{said}");
    let imported = dify_https::core::certificate::fingerprint_sha256(&der);
    assert_eq!(
        served_consistently(ssl_port),
        imported,
        "nginx serves the lineage"
    );
    assert!(
        folder
            .join(format!("volumes/certbot/conf/live/{DOMAIN}/fullchain.pem"))
            .exists(),
        "the lineage is left in place"
    );
    let out = dify_https(folder, project, compose, &["status", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["certificate"]["source"], "imported", "{report:#}");
    assert_eq!(report["served"][0]["certificate"]["matches_disk"], true);
    assert_eq!(report["verdict"], "ok", "{report:#}");
    // Nobody renews it: renew says so and certbot is not run.
    let out = dify_https(folder, project, compose, &["renew"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("nobody renews it"), "{said}");
    assert!(!said.contains("update-cert.sh"), "{said}");
    // The way back to plain HTTP works for it as for any.
    let out = dify_https(folder, project, compose, &["https", "off", "--yes"]);
    assert!(out.status.success(), "https off failed");
    assert!(served_fingerprint(ssl_port).is_err(), "TLS still answers");
}

/// Dify's upgrade on the running HTTPS install: its env sync against a new
/// `.env.example` without `CERTBOT_*` (Dify's newer layout). Repaired before `up -d`,
/// nginx never goes down; after an `up -d` left nginx crash-looping, `repair` recreates
/// it and HTTPS is served again.
fn upgrade_then_repair(
    folder: &Path,
    project: &Project,
    compose: Compose,
    ssl_port: u16,
    fingerprint: &str,
) {
    let sync = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/dify-reference/upgrade-ad96501e0/dify-env-sync.sh");
    assert!(
        sync.is_file(),
        "Dify's env sync is laid beside the checkout (shared/)"
    );
    let env = String::from_utf8(std::fs::read(folder.join(".env")).unwrap()).unwrap();
    let new_example: String = env
        .lines()
        .filter(|l| !l.starts_with("CERTBOT_"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(folder.join(".env.example"), &new_example).unwrap();
    let run_sync = || {
        let out = std::process::Command::new("bash")
            .arg(&sync)
            .current_dir(folder)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let synced = String::from_utf8(std::fs::read(folder.join(".env")).unwrap()).unwrap();
        assert!(
            !synced.contains("CERTBOT_DOMAIN="),
            "the sync kept CERTBOT_DOMAIN"
        );
    };
    let up = || {
        let mut cmd = std::process::Command::new("docker");
        cmd.args(["compose", "up", "-d"]);
        if compose == Compose::V1 {
            cmd = std::process::Command::new("docker-compose");
            cmd.args(["up", "-d"]);
        }
        let out = cmd
            .current_dir(folder)
            .env("COMPOSE_PROJECT_NAME", &project.name)
            .env_remove("COMPOSE_PROFILES")
            .output()
            .unwrap();
        eprintln!(
            "--- compose up -d\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };

    // Repaired right after the sync, before `up -d`: nginx never went down.
    run_sync();
    let out = dify_https(
        folder,
        project,
        compose,
        &["status", "--check", "--no-probe"],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = dify_https(folder, project, compose, &["repair", "--yes"]);
    assert!(out.status.success(), "repair failed");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("nginx already runs with these values"),
        "nginx was recreated needlessly"
    );
    up();
    assert_eq!(served_consistently(ssl_port), fingerprint);

    // The sync, then `up -d` (what the upgrade does next): nginx cannot start.
    run_sync();
    up();
    std::thread::sleep(Duration::from_secs(3));
    assert!(
        served_fingerprint(ssl_port).is_err(),
        "nginx still served HTTPS after losing CERTBOT_DOMAIN"
    );
    let out = dify_https(folder, project, compose, &["repair", "--yes"]);
    assert!(
        out.status.success(),
        "repair failed; nginx:\n{}",
        project.logs("nginx")
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Recreate nginx with .env as it is now"),
        "nginx was not recreated"
    );
    assert_eq!(served_consistently(ssl_port), fingerprint, "HTTPS is back");
}

/// Compose v1 cannot read Dify's compose file (`depends_on` with `required:`,
/// `env_file` entries with `path:`): setup says so before it writes or starts anything.
fn docker_e2e_compose_v1_is_refused_with_the_reason() {
    let test = "docker_e2e_compose_v1_is_refused_with_the_reason";
    if !ready(test) || !compose_here(test, Compose::V1) {
        return;
    }
    let (http_port, ssl_port) = (free_port(), free_port());
    let folder = dify_folder(http_port, ssl_port, false);
    let before = folder.env_bytes();
    let project = Project::new();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"));
    cmd.env("DIFY_HTTPS_LANG", "en");
    let out = cmd
        .arg("--dir")
        .arg(folder.path())
        .args(["--compose", Compose::V1.command()])
        .args(["setup", "--domain", DOMAIN, "--email", EMAIL, "--yes"])
        .env("COMPOSE_PROJECT_NAME", &project.name)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("Compose v1 (docker-compose 1.x) cannot read this docker-compose.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("`depends_on` with `required:`"), "{stderr}");
    assert!(
        stderr.contains("`env_file` entries with `path:`/`required:`"),
        "{stderr}"
    );
    assert!(stderr.contains("Compose v2"), "{stderr}");
    assert_eq!(folder.env_bytes(), before, ".env was written");
    assert!(folder.backups().is_empty());
    // doctor says the same, as a failed check.
    let doctor = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"))
        .env("DIFY_HTTPS_LANG", "en")
        .arg("--dir")
        .arg(folder.path())
        .args(["--compose", Compose::V1.command(), "doctor", "--json"])
        .env("COMPOSE_PROJECT_NAME", &project.name)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&doctor.stdout).unwrap();
    let check = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "compose-reads-file")
        .unwrap();
    assert_eq!(check["status"], "fail", "{check:#}");
    assert_eq!(
        project.leftovers(),
        Vec::<String>::new(),
        "something was started"
    );
}

fn docker_e2e_setup_renew_status_with_compose_v2() {
    setup_renew_status("docker_e2e_setup_renew_status_with_compose_v2", Compose::V2);
}

/// nginx ignores NGINX_ENABLE_CERTBOT_CHALLENGE (its compose file pins it off): the
/// run must stop at the challenge self-test, before certbot asks the CA, and leave
/// HTTPS off, with the running stack (and its profile-gated services) still up.
fn docker_e2e_a_challenge_nginx_does_not_serve_stops_the_run_and_leaves_https_off() {
    let test = "docker_e2e_a_challenge_nginx_does_not_serve_stops_the_run_and_leaves_https_off";
    if !ready(test) {
        return;
    }
    // Dify's compose file needs v2.
    if !compose_here(test, Compose::V2) {
        return;
    }
    let compose = Compose::V2;
    let (http_port, ssl_port) = (free_port(), free_port());
    let pebble = Pebble::start_on("0.0.0.0", http_port, 90 * 24 * 3600);
    let folder = dify_folder(http_port, ssl_port, true);
    // Published on loopback only (compose's IP:port form): probed there.
    let env = String::from_utf8(folder.env_bytes()).unwrap().replace(
        &format!("EXPOSE_NGINX_PORT={http_port}\n"),
        &format!("EXPOSE_NGINX_PORT=127.0.0.1:{http_port}\n"),
    );
    std::fs::write(folder.env_path(), env).unwrap();
    let project = Project::new();

    // Dify is running, started the way its README says (profiles from .env).
    let mut up = std::process::Command::new("sh");
    up.current_dir(folder.path())
        .args(["-c", &format!("{} up -d", compose.command())])
        .env("COMPOSE_PROJECT_NAME", &project.name)
        .env_remove("COMPOSE_PROFILES");
    let started = up.output().unwrap();
    assert!(
        started.status.success(),
        "{}",
        String::from_utf8_lossy(&started.stderr)
    );
    assert!(project.running("weaviate") && project.running("nginx"));

    let out = setup(folder.path(), &project, compose, &pebble, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("recreated nginx and certbot only"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "http://127.0.0.1:{http_port} (Host: {DOMAIN}) answered 404 for the challenge file"
        )),
        "{stdout}"
    );
    // What the running nginx really has names the cause: not .env, the compose file.
    assert!(
        stdout.contains(
            "nginx runs with NGINX_ENABLE_CERTBOT_CHALLENGE=false although .env says true"
        ),
        "{stdout}"
    );
    assert!(
        !stdout.contains("run --rm -T certbot"),
        "certbot ran although the self-test failed: {stdout}"
    );
    assert!(
        !pebble.log().contains("new-order") && !pebble.log().contains("POST /order"),
        "the CA was asked: {}",
        pebble.log()
    );
    let env = String::from_utf8(folder.env_bytes()).unwrap();
    assert!(env.contains("\nNGINX_HTTPS_ENABLED=false\n"), "{env}");
    assert!(
        !folder
            .path()
            .join(format!("volumes/certbot/conf/live/{DOMAIN}"))
            .exists()
    );
    // nginx still serves the site over HTTP, and nothing over HTTPS.
    let home = dify_https::core::probe::http_get(
        SocketAddr::from(([127, 0, 0, 1], http_port)),
        DOMAIN,
        "/",
        Duration::from_secs(5),
    )
    .unwrap();
    assert_eq!(home.status, 200);
    assert!(String::from_utf8_lossy(&home.body).contains("Dify web app"));
    assert!(served_fingerprint(ssl_port).is_err());
    assert!(project.running("weaviate") && project.running("db_postgres"));

    project.remove();
    assert_eq!(project.leftovers(), Vec::<String>::new());
}

/// Two installs under one compose project name (every Dify folder is called `docker`,
/// so both are project `docker` unless COMPOSE_PROJECT_NAME says otherwise): the one
/// not running sees the other's containers through the engine's labels, status and
/// doctor name the conflict, setup refuses without a yes; with its own name, all is
/// well. The engine client is also checked here on real containers.
fn docker_e2e_two_installs_under_one_project_name_are_told_apart() {
    let test = "docker_e2e_two_installs_under_one_project_name_are_told_apart";
    if !ready(test) || !compose_here(test, Compose::V2) {
        return;
    }
    let project = Project::new();
    let running = dify_folder(free_port(), free_port(), false);
    let up = std::process::Command::new("docker")
        .args(["compose", "up", "-d", "--wait"])
        .current_dir(running.path())
        .env("COMPOSE_PROJECT_NAME", &project.name)
        .env_remove("COMPOSE_PROFILES")
        .output()
        .unwrap();
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );

    // The engine, asked directly: running, healthy, exited, and the folder of each.
    let list = dify_https::core::engine::list_project(
        Path::new("/var/run/docker.sock"),
        &project.name,
        Duration::from_secs(5),
    )
    .unwrap();
    let state = |service: &str| {
        list.iter()
            .find(|c| c.service == service)
            .unwrap_or_else(|| panic!("no {service} in {list:?}"))
    };
    assert_eq!(state("nginx").state, "running");
    assert_eq!(state("init_permissions").state, "exited");
    assert_eq!(
        state("db_postgres").health,
        Some(dify_https::core::engine::Health::Healthy)
    );
    let here = running.path().canonicalize().unwrap();
    assert!(
        list.iter()
            .all(|c| c.working_dir.as_deref().map(Path::new) == Some(here.as_path()))
    );

    let other = dify_folder(free_port(), free_port(), false);
    let other_env_before = other.env_bytes();
    let status = dify_https(other.path(), &project, Compose::V2, &["status", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(v["containers_source"], "engine", "{v:#}");
    assert_eq!(v["project"]["name"], project.name.as_str());
    assert_eq!(
        v["project"]["other_folders"],
        serde_json::json!([here.display().to_string()]),
        "{v:#}"
    );
    assert_eq!(v["verdict"], "critical", "{v:#}");
    // The other install's nginx is not reported as this one's.
    assert_eq!(v["containers"][0]["running"], false, "{v:#}");

    let doctor = dify_https(other.path(), &project, Compose::V2, &["doctor", "--json"]);
    let d: serde_json::Value = serde_json::from_slice(&doctor.stdout).unwrap();
    let check = d["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "project")
        .unwrap_or_else(|| panic!("no project check: {d:#}"))
        .clone();
    assert_eq!(check["status"], "fail", "{check:#}");
    assert!(
        check["hint"]
            .as_str()
            .unwrap()
            .contains("COMPOSE_PROJECT_NAME=")
    );

    let refused = dify_https(
        other.path(),
        &project,
        Compose::V2,
        &["setup", "--domain", DOMAIN, "--email", EMAIL, "--yes"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--other-install-ok"));
    assert_eq!(other.env_bytes(), other_env_before, "refused after a write");
    // A renewal would exec in the other install's certbot and reload its nginx.
    let ca = support::certs::TestCa::new("Two Installs Test CA");
    let (pem, key, _) = ca.leaf_for_days(&[DOMAIN], 60);
    support::install_certificate(&other, DOMAIN, &ca.pem, &pem, &key);
    let env_with_domain = String::from_utf8(other.env_bytes()).unwrap().replace(
        "CERTBOT_DOMAIN=your_domain.com",
        &format!("CERTBOT_DOMAIN={DOMAIN}"),
    );
    std::fs::write(other.env_path(), env_with_domain).unwrap();
    let refused = dify_https(other.path(), &project, Compose::V2, &["renew"]);
    assert_eq!(refused.status.code(), Some(2), "renew was not refused");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--other-install-ok"));
    assert!(
        project.one_off_containers().is_empty(),
        "renew ran certbot in the other install"
    );

    // Its own name: no conflict, the running install untouched.
    let own = Project::new();
    let status = dify_https(other.path(), &own, Compose::V2, &["status", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(
        v["project"]["other_folders"],
        serde_json::json!([]),
        "{v:#}"
    );
    let doctor = dify_https(other.path(), &own, Compose::V2, &["doctor", "--json"]);
    let d: serde_json::Value = serde_json::from_slice(&doctor.stdout).unwrap();
    assert!(
        d["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "project" && c["status"] == "ok"),
        "{d:#}"
    );
    assert!(project.running("nginx"));
}

/// The Docker tests' parts, and compose v1 (the refusal test) or v2 (the others).
fn missing_with_v1() -> Vec<String> {
    let mut missing = support::docker::missing();
    if !Compose::V1.present() {
        missing.push(format!("`{}`", Compose::V1.command()));
    }
    missing
}

fn missing_with_v2() -> Vec<String> {
    let mut missing = support::docker::missing();
    if !Compose::V2.present() {
        missing.push(format!("`{}`", Compose::V2.command()));
    }
    missing
}

fn main() -> std::process::ExitCode {
    support::harness::run(vec![
        case!(
            docker_e2e_compose_v1_is_refused_with_the_reason,
            missing_with_v1,
            support::docker::INSTALL
        ),
        case!(
            docker_e2e_setup_renew_status_with_compose_v2,
            missing_with_v2,
            support::docker::INSTALL
        ),
        case!(
            docker_e2e_a_challenge_nginx_does_not_serve_stops_the_run_and_leaves_https_off,
            missing_with_v2,
            support::docker::INSTALL
        ),
        case!(
            docker_e2e_two_installs_under_one_project_name_are_told_apart,
            missing_with_v2,
            support::docker::INSTALL
        ),
    ])
}
