//! A real Docker engine for the docker_e2e tests: the image they run, built offline
//! from Debian packages (debootstrap + `docker import`, reused while its recipe is
//! unchanged), the compose commands this machine has, and compose projects that are
//! removed with everything they created, even when a test fails.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::acme::have;

/// What the image is made of. Any change here gives a new tag, so a stale image is
/// never reused.
const SUITE: &str = "bookworm";
const PACKAGES: &[&str] = &[
    "bash",
    "ca-certificates",
    "certbot",
    // debootstrap's --include does not resolve virtual packages: certbot's
    // python3-cryptography needs python3-cffi-backend-api-*, which this provides.
    "python3-cffi-backend",
    "curl",
    "gettext-base",
    "nginx-light",
    "pebble",
    "procps",
];
/// Bump when the build steps below change what ends up in the image.
const RECIPE_VERSION: u32 = 1;
const DEFAULT_MIRROR: &str = "http://deb.debian.org/debian";

/// `dify-https-e2e:<first 12 hex digits of the recipe's SHA-256>`.
pub fn image_tag() -> String {
    let recipe = format!(
        "v{RECIPE_VERSION} debootstrap --variant=minbase {SUITE} --include={}",
        PACKAGES.join(",")
    );
    let digest = ring::digest::digest(&ring::digest::SHA256, recipe.as_bytes());
    let hex: String = digest.as_ref()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("dify-https-e2e:{hex}")
}

fn quiet(program: &str, args: &[&str]) -> Option<Output> {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()
}

fn succeeds(program: &str, args: &[&str]) -> bool {
    quiet(program, args).is_some_and(|o| o.status.success())
}

fn image_exists(tag: &str) -> bool {
    succeeds("docker", &["image", "inspect", tag])
}

/// A compose implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compose {
    /// `docker-compose` 1.x
    V1,
    /// `docker compose`, the v2 plugin
    V2,
}

impl Compose {
    pub fn command(self) -> &'static str {
        match self {
            Compose::V1 => "docker-compose",
            Compose::V2 => "docker compose",
        }
    }

    pub fn present(self) -> bool {
        match self {
            Compose::V1 => succeeds("docker-compose", &["version"]),
            Compose::V2 => succeeds("docker", &["compose", "version"]),
        }
    }
}

/// Whether a docker_e2e test can run here: a Docker engine that answers, root, pebble
/// on the host, and the image or debootstrap to build it. Says why not loudly, and
/// fails instead under CI=true (.ci/run installs what is missing).
pub fn ready(test: &str) -> bool {
    super::can_run(test, &missing(), INSTALL)
}

/// What installs the parts the Docker tests need.
pub const INSTALL: &str =
    "install docker.io docker-compose debootstrap pebble (Debian) and run as root";

/// The parts the Docker tests need that are missing here.
pub fn missing() -> Vec<String> {
    let mut missing = Vec::new();
    match quiet("docker", &["version", "--format", "{{.Server.Version}}"]) {
        None => missing.push("the docker CLI".to_string()),
        Some(out) if !out.status.success() => missing.push(format!(
            "a Docker engine that answers (`docker version`: {})",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Some(_) => {}
    }
    if !Compose::V1.present() && !Compose::V2.present() {
        missing.push("docker compose (v2 plugin) or docker-compose (v1)".into());
    }
    for tool in ["pebble", "pebble-challtestsrv"] {
        if !have(tool) {
            missing.push(tool.into());
        }
    }
    if !rustix::process::geteuid().is_root() {
        missing.push("root (debootstrap, bind mounts owned by containers)".into());
    }
    if missing.is_empty() && !image_exists(&image_tag()) && !have("debootstrap") {
        missing.push(format!("debootstrap (to build {})", image_tag()));
    }
    missing
}

/// The image tag, built first when this machine lacks it (once per test binary).
pub fn image() -> String {
    static BUILT: OnceLock<Result<String, String>> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let tag = image_tag();
            if image_exists(&tag) {
                eprintln!("docker_e2e: reusing image {tag}");
                return Ok(tag);
            }
            build(&tag).map(|()| tag)
        })
        .clone()
        .unwrap_or_else(|why| panic!("cannot build the docker_e2e image: {why}"))
}

fn build(tag: &str) -> Result<(), String> {
    let started = std::time::Instant::now();
    let mirror = std::env::var("DIFY_HTTPS_E2E_MIRROR").unwrap_or_else(|_| DEFAULT_MIRROR.into());
    // Outside the repository, removed when done (the root filesystem is ~300 MB).
    let work = tempfile::Builder::new()
        .prefix("dify-https-e2e-rootfs-")
        .tempdir_in(std::env::temp_dir())
        .map_err(|e| format!("no temporary folder: {e}"))?;
    let rootfs = work.path().join("rootfs");
    let log_path = work.path().join("debootstrap.log");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    eprintln!("docker_e2e: building {tag} with debootstrap from {mirror} (about a minute)");
    let status = Command::new("debootstrap")
        .arg("--variant=minbase")
        .arg(format!("--include={}", PACKAGES.join(",")))
        .arg(SUITE)
        .arg(&rootfs)
        .arg(&mirror)
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .status()
        .map_err(|e| format!("cannot run debootstrap: {e}"))?;
    if !status.success() {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(15).collect();
        return Err(format!(
            "debootstrap failed ({status}); its log ends:\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    // What no container here reads: documentation and the package caches.
    for dir in [
        "usr/share/doc",
        "usr/share/man",
        "usr/share/info",
        "var/cache/apt/archives",
        "var/lib/apt/lists",
    ] {
        let _ = std::fs::remove_dir_all(rootfs.join(dir));
    }
    let mut tar = Command::new("tar")
        .arg("-C")
        .arg(&rootfs)
        .args(["--numeric-owner", "-c", "."])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let import = Command::new("docker")
        .args([
            "import",
            "--change",
            "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "--change",
            &format!("LABEL org.dify-https.e2e-recipe={tag}"),
            "-",
            tag,
        ])
        .stdin(tar.stdout.take().unwrap())
        .output()
        .map_err(|e| format!("cannot run docker import: {e}"))?;
    let tar_status = tar.wait().map_err(|e| e.to_string())?;
    if !tar_status.success() || !import.status.success() {
        return Err(format!(
            "tar ({tar_status}) | docker import failed: {}",
            String::from_utf8_lossy(&import.stderr).trim()
        ));
    }
    eprintln!(
        "docker_e2e: built {tag} in {:.0}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A compose project with a name no other run uses. Dropping it removes its
/// containers (one-off `run` containers too), networks and volumes, found by the
/// label compose puts on them, so it works whatever state the test left.
pub struct Project {
    pub name: String,
}

impl Project {
    pub fn new() -> Project {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        static SWEPT: OnceLock<()> = OnceLock::new();
        SWEPT.get_or_init(remove_projects_of_dead_runs);
        Project {
            name: format!(
                "dify-https-e2e-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ),
        }
    }

    fn label(&self) -> String {
        format!("label=com.docker.compose.project={}", self.name)
    }

    fn ids(&self, what: &[&str]) -> Vec<String> {
        let mut args = what.to_vec();
        let label = self.label();
        args.extend(["-q", "--filter", &label]);
        quiet("docker", &args)
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether a container of `service` is running.
    pub fn running(&self, service: &str) -> bool {
        let service = format!("label=com.docker.compose.service={service}");
        !self
            .ids(&["ps", "--filter", &service, "--filter", "status=running"])
            .is_empty()
    }

    /// Runs a command in the (first) container of `service`; its standard output.
    pub fn exec(&self, service: &str, command: &[&str]) -> String {
        let filter = format!("label=com.docker.compose.service={service}");
        let ids = self.ids(&["ps", "--filter", &filter]);
        let id = ids
            .first()
            .unwrap_or_else(|| panic!("no running {service} container"));
        let mut args = vec!["exec", id.as_str()];
        args.extend(command);
        let out = quiet("docker", &args).unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// One-off containers (`compose run`) still present.
    pub fn one_off_containers(&self) -> Vec<String> {
        self.ids(&[
            "ps",
            "-a",
            "--filter",
            "label=com.docker.compose.oneoff=True",
        ])
    }

    /// Containers, networks and volumes of this project still present.
    pub fn leftovers(&self) -> Vec<String> {
        let mut found = Vec::new();
        for (kind, args) in [
            ("container", &["ps", "-a"][..]),
            ("network", &["network", "ls"][..]),
            ("volume", &["volume", "ls"][..]),
        ] {
            found.extend(self.ids(args).into_iter().map(|id| format!("{kind} {id}")));
        }
        found
    }

    /// The last lines a service's containers printed, for failure messages.
    pub fn logs(&self, service: &str) -> String {
        let filter = format!("label=com.docker.compose.service={service}");
        let mut text = String::new();
        for id in self.ids(&["ps", "-a", "--filter", &filter]) {
            if let Some(out) = quiet("docker", &["logs", "--tail", "40", &id]) {
                text.push_str(&String::from_utf8_lossy(&out.stdout));
                text.push_str(&String::from_utf8_lossy(&out.stderr));
            }
        }
        text
    }

    /// Removes everything this project created.
    pub fn remove(&self) {
        let containers = self.ids(&["ps", "-a"]);
        if !containers.is_empty() {
            let mut args = vec!["rm", "-f", "-v"];
            args.extend(containers.iter().map(String::as_str));
            let _ = quiet("docker", &args);
        }
        for kind in ["network", "volume"] {
            let ids = self.ids(&[kind, "ls"]);
            if !ids.is_empty() {
                let mut args = vec![kind, "rm"];
                args.extend(ids.iter().map(String::as_str));
                let _ = quiet("docker", &args);
            }
        }
        let _ = std::io::stderr().flush();
    }
}

/// Projects left by a test run that was killed before it could clean up (its process
/// is gone): removed before this run starts its own.
fn remove_projects_of_dead_runs() {
    let Some(out) = quiet(
        "docker",
        &[
            "ps",
            "-a",
            "--filter",
            "label=com.docker.compose.project",
            "--format",
            "{{.Label \"com.docker.compose.project\"}}",
        ],
    ) else {
        return;
    };
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|name| {
            name.strip_prefix("dify-https-e2e-")
                .and_then(|rest| rest.split('-').next())
                .and_then(|pid| pid.parse::<u32>().ok())
                .is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists())
        })
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    for name in names {
        eprintln!("docker_e2e: removing {name}, left by a run that did not finish");
        Project { name }.remove();
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        self.remove();
    }
}

/// The domain the docker tests issue for.
pub const DOMAIN: &str = "dify.docker-e2e.org";

/// The address the docker tests register.
pub const EMAIL: &str = "ops@acme-corp.dev";

/// Runs dify-https in `folder` for `project`. `compose` is named with --compose only
/// when auto-detection would pick the other one.
pub fn dify_https(
    folder: &std::path::Path,
    project: &Project,
    compose: Compose,
    args: &[&str],
) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dify-https"));
    cmd.env("DIFY_HTTPS_LANG", "en");
    cmd.arg("--dir").arg(folder);
    if compose == Compose::V1 && Compose::V2.present() {
        cmd.args(["--compose", Compose::V1.command()]);
    }
    let out = cmd
        .args(args)
        .env("COMPOSE_PROJECT_NAME", &project.name)
        .env_remove("COMPOSE_PROFILES")
        .env_remove("DIFY_HTTPS_COMPOSE")
        .output()
        .unwrap();
    eprintln!(
        "--- dify-https {args:?} ({})\n{}{}",
        compose.command(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `setup --yes` for DOMAIN against `pebble` (reached from the certbot container through
/// the host gateway), with `extra` arguments.
pub fn setup(
    folder: &std::path::Path,
    project: &Project,
    compose: Compose,
    pebble: &super::acme::Pebble,
    extra: &[&str],
) -> std::process::Output {
    let options = format!(
        "--server https://host.docker.internal:{}/dir --no-verify-ssl",
        pebble.port
    );
    let mut args = vec![
        "setup",
        "--domain",
        DOMAIN,
        "--email",
        EMAIL,
        "--certbot-options",
        &options,
        "--yes",
    ];
    args.extend(extra);
    dify_https(folder, project, compose, &args)
}

/// The Dify-shaped folder the docker tests run in.
const FOLDER: &[(&str, &str)] = &[
    (
        "docker-compose.yaml",
        include_str!("../fixtures/docker-dify/docker-compose.yaml"),
    ),
    (
        "nginx/docker-entrypoint.sh",
        include_str!("../fixtures/docker-dify/nginx/docker-entrypoint.sh"),
    ),
    (
        "nginx/nginx.conf.template",
        include_str!("../fixtures/docker-dify/nginx/nginx.conf.template"),
    ),
    (
        "nginx/proxy.conf.template",
        include_str!("../fixtures/docker-dify/nginx/proxy.conf.template"),
    ),
    (
        "nginx/https.conf.template",
        include_str!("../fixtures/docker-dify/nginx/https.conf.template"),
    ),
    (
        "nginx/conf.d/default.conf.template",
        include_str!("../fixtures/docker-dify/nginx/conf.d/default.conf.template"),
    ),
    ("nginx/ssl/.keep", ""),
    // The --demo sample's entrypoint, which behaves like Dify's: proven here for real.
    (
        "certbot/docker-entrypoint.sh",
        include_str!("../../assets/demo/certbot/docker-entrypoint.sh"),
    ),
    (
        "certbot/update-cert.template.txt",
        include_str!("../fixtures/dify/certbot/update-cert.template.txt"),
    ),
    (
        "stub/index.html",
        include_str!("../fixtures/docker-dify/stub/index.html"),
    ),
    ("volumes/certbot/conf/.keep", ""),
    ("volumes/certbot/www/.keep", ""),
    ("volumes/certbot/logs/.keep", ""),
];

/// A Dify folder on the built image, nginx published on the given host ports. With
/// `pin_challenge_off`, its compose file hard-codes NGINX_ENABLE_CERTBOT_CHALLENGE=false
/// for nginx (as a hand-edited compose file might), whatever `.env` says.
pub fn dify_folder(http_port: u16, ssl_port: u16, pin_challenge_off: bool) -> super::Fixture {
    let image = image();
    let mut compose = FOLDER[0].1.replace("dify-https-e2e:recipe", &image);
    if pin_challenge_off {
        let setting = "NGINX_ENABLE_CERTBOT_CHALLENGE: ${NGINX_ENABLE_CERTBOT_CHALLENGE:-false}";
        assert!(compose.contains(setting));
        compose = compose.replace(setting, "NGINX_ENABLE_CERTBOT_CHALLENGE: 'false'");
    }
    let env = super::env_on_ports(DOMAIN, http_port, ssl_port);
    let mut files = FOLDER.to_vec();
    files[0].1 = &compose;
    files.push((".env", &env));
    let folder = super::Fixture::with(&files);
    for script in ["nginx/docker-entrypoint.sh", "certbot/docker-entrypoint.sh"] {
        std::fs::set_permissions(
            folder.path().join(script),
            <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o755),
        )
        .unwrap();
    }
    folder
}
