//! The checks, each a small function over what was gathered.

use crate::tr;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::dns::Resolver;
use crate::core::compose::{
    ComposeCommand, ComposeFlavor, check_compose_file, project_containers, project_name,
    service_env, service_log_tail, suggested_project_name,
};
use crate::core::dify::{DifyFolder, service_names};
use crate::core::envfile::EnvDocument;
use crate::core::probe::{
    ChallengeCause, ChallengeOutcome, ChallengeTarget, challenge_cause, challenge_self_test,
};
use crate::core::remedy::Remedy;
use crate::core::run::{FailureClass, diagnose};
use crate::core::schedule;
use crate::core::setup::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Ok,
    Warn,
    Fail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub status: CheckStatus,
    pub message: String,
    /// What to do about it; each front end says it in its own words (in JSON: `hint`).
    #[serde(skip)]
    pub remedy: Option<Remedy>,
}

/// The checks as JSON (`doctor --json`), each remedy as `hint` in `words`.
pub fn checks_json(checks: &[Check], words: &dyn Fn(&Remedy) -> String) -> serde_json::Value {
    let mut json = serde_json::to_value(checks).unwrap_or_default();
    if let Some(list) = json.as_array_mut() {
        for (item, check) in list.iter_mut().zip(checks) {
            item["hint"] = check
                .remedy
                .as_ref()
                .map_or(serde_json::Value::Null, |r| words(r).into());
        }
    }
    json
}

pub(super) fn ok(id: &'static str, message: impl Into<String>) -> Check {
    Check {
        id,
        status: CheckStatus::Ok,
        message: message.into(),
        remedy: None,
    }
}

pub(super) fn warn(
    id: &'static str,
    message: impl Into<String>,
    remedy: impl Into<Remedy>,
) -> Check {
    Check {
        id,
        status: CheckStatus::Warn,
        message: message.into(),
        remedy: Some(remedy.into()),
    }
}

pub(super) fn fail(
    id: &'static str,
    message: impl Into<String>,
    remedy: impl Into<Remedy>,
) -> Check {
    Check {
        id,
        status: CheckStatus::Fail,
        message: message.into(),
        remedy: Some(remedy.into()),
    }
}

/// What the checks look at.
pub struct DoctorInput<'a> {
    pub folder: &'a DifyFolder,
    pub doc: &'a EnvDocument,
    /// The process environment (it overrides `.env` for compose).
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// The compose command, or why none was found.
    pub compose: Result<ComposeCommand, String>,
    /// Added to compose calls (tests point the compose double at its scenario).
    pub compose_env: Vec<(String, String)>,
    pub resolver: &'a dyn Resolver,
    /// Connections and HTTP to nginx's published ports.
    pub network: &'a dyn super::gather::Network,
    /// This host's addresses (loopback excluded).
    pub local_addrs: Vec<IpAddr>,
    pub now: SystemTime,
    /// A proxy forwards port 80 to nginx (so EXPOSE_NGINX_PORT need not be 80).
    pub proxy_forwards_80: bool,
    pub timeout: Duration,
    /// Where the renewal schedule is looked for (`/` on the host; `None`: not checked).
    pub schedule_root: Option<std::path::PathBuf>,
}

impl<'a> DoctorInput<'a> {
    /// The checks for `folder` as this host sees them: its addresses, its clock, the
    /// renewal schedule under `/`, three seconds per network check, no proxy in front.
    pub fn for_folder(
        folder: &'a DifyFolder,
        doc: &'a EnvDocument,
        env: &'a dyn Fn(&str) -> Option<String>,
        compose: Result<ComposeCommand, String>,
        resolver: &'a dyn Resolver,
    ) -> DoctorInput<'a> {
        DoctorInput {
            folder,
            doc,
            env,
            compose,
            compose_env: vec![],
            resolver,
            network: &super::gather::HostNetwork,
            local_addrs: crate::core::doctor::local_addresses(),
            now: SystemTime::now(),
            proxy_forwards_80: false,
            timeout: Duration::from_secs(3),
            schedule_root: Some(std::path::PathBuf::from("/")),
        }
    }
}

/// `fail` when anything failed; else `warn` when anything warned; else `ok`.
pub fn verdict(checks: &[Check]) -> CheckStatus {
    checks
        .iter()
        .map(|c| c.status)
        .max()
        .unwrap_or(CheckStatus::Ok)
}

pub fn run_checks(input: &DoctorInput) -> Vec<Check> {
    super::judge::judge(&super::gather::gather(input))
}

/// The compose command and whether the Docker daemon answers; also whether nginx runs.
pub(super) fn compose_checks(
    input: &DoctorInput,
    profiles: &[String],
) -> (Vec<Check>, Option<bool>) {
    let compose = match &input.compose {
        Ok(c) => c,
        Err(e) => {
            return (vec![fail("compose", e.clone(), Remedy::NameCompose)], None);
        }
    };
    let flavor = match compose.flavor {
        ComposeFlavor::V2 => "v2".to_string(),
        ComposeFlavor::V1 => "v1".to_string(),
        ComposeFlavor::Override => tr!("core-doctor-given-with-compose"),
    };
    // What the user gave, as given; a found one by its file name (`docker compose`,
    // `docker-compose`), not the long path it was found at.
    let shown = if compose.flavor == ComposeFlavor::Override {
        compose.to_string()
    } else {
        let program = Path::new(&compose.program)
            .file_name()
            .map_or(compose.program.clone(), |n| {
                n.to_string_lossy().into_owned()
            });
        std::iter::once(program)
            .chain(compose.args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut checks = vec![ok(
        "compose",
        tr!("core-doctor-compose-shown-flavor", shown, flavor),
    )];
    checks.push(
        match check_compose_file(compose, input.folder.root(), profiles, &input.compose_env) {
            Ok(()) => ok(
                "compose-reads-file",
                tr!("core-doctor-shown-reads-docker-compose-yaml", shown),
            ),
            Err(rejected) => fail(
                "compose-reads-file",
                format!("{}", rejected),
                rejected
                    .lines
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        },
    );
    let project = project_name(input.folder, input.doc, input.env);
    let found = project_containers(
        input.folder,
        &project,
        compose,
        profiles,
        &input.compose_env,
        input.env,
    );
    match found {
        Ok(found) => {
            checks.push(if found.other_folders.is_empty() {
                ok(
                    "project",
                    tr!("core-doctor-compose-project-project-no-other", project),
                )
            } else {
                fail(
                    "project",
                    tr!(
                        "core-doctor-compose-project-project-is-also",
                        project,
                        other_folders = (found.other_folders.join(", ")).to_string()
                    ),
                    tr!(
                        "core-doctor-give-one-install-its-own",
                        folder = (suggested_project_name(input.folder)).to_string(),
                        root = (input.folder.root().display()).to_string()
                    ),
                )
            });
            let state = |s: &str| found.state_of(s).map(|c| c.state.as_str());
            let nginx = state("nginx") == Some("running");
            if state("nginx") == Some("restarting") {
                let last = service_log_tail(
                    compose,
                    input.folder.root(),
                    profiles,
                    &input.compose_env,
                    "nginx",
                    5,
                );
                checks.push(fail(
                    "docker",
                    match last.last() {
                        Some(line) => tr!(
                            "core-doctor-docker-answers-nginx-keeps-restarting-why",
                            line = line.clone()
                        ),
                        None => tr!("core-doctor-docker-answers-nginx-keeps-restarting"),
                    },
                    tr!("core-doctor-docker-compose-logs-nginx-shows"),
                ));
                return (checks, Some(false));
            }
            checks.push(ok(
                "docker",
                if nginx {
                    tr!("core-doctor-docker-answers-nginx-is")
                } else {
                    tr!("core-doctor-docker-answers-nginx-is-not-running")
                },
            ));
            (checks, Some(nginx))
        }
        Err(why) => {
            let lines = vec![why];
            let d = diagnose(&lines, "");
            let engine_refused = lines[0].starts_with("permission denied on");
            let message = match d.class {
                _ if engine_refused => tr!("core-doctor-this-user-may-not-use").to_string(),
                FailureClass::SocketPermission => {
                    tr!("core-doctor-this-user-may-not-use").to_string()
                }
                FailureClass::DaemonUnreachable => {
                    tr!("core-doctor-the-docker-daemon-does-not").to_string()
                }
                _ => tr!(
                    "core-doctor-compose-ps-failed",
                    compose = compose.to_string(),
                    lines = (lines[0]).to_string()
                ),
            };
            let hint = match d.class {
                _ if engine_refused => Remedy::text(lines[0].clone()),
                FailureClass::SocketPermission | FailureClass::DaemonUnreachable => d.fix,
                _ => Remedy::Text(tr!("core-doctor-run-shown-ps-in-the", shown)),
            };
            checks.push(fail("docker", message, hint));
            (checks, None)
        }
    }
}

/// Installed, running a binary that exists, for this folder.
pub(super) fn schedule_check(
    root: &Path,
    folder: &DifyFolder,
    project: &str,
    has_certificate: bool,
    imported: bool,
) -> Check {
    let Some(found) = schedule::installed(root, project) else {
        return if has_certificate && imported {
            // Nobody renews an imported certificate: the schedule's runs remind.
            warn(
                "schedule",
                tr!("status-finding-imported-no-reminders"),
                Remedy::InstallReminders,
            )
        } else if has_certificate {
            warn(
                "schedule",
                tr!("core-doctor-no-renewal-schedule-is-installed", project),
                Remedy::InstallSchedule,
            )
        } else {
            ok(
                "schedule",
                tr!("core-doctor-no-renewal-schedule-yet-install"),
            )
        };
    };
    let words = schedule::command_words(found.command.as_deref().unwrap_or_default());
    let binary = words.first().cloned().unwrap_or_default();
    let dir = words
        .iter()
        .position(|w| w == "--dir")
        .and_then(|i| words.get(i + 1))
        .cloned()
        .unwrap_or_default();
    let same = |a: &Path, b: &Path| {
        std::fs::canonicalize(a)
            .ok()
            .zip(std::fs::canonicalize(b).ok())
            .is_some_and(|(a, b)| a == b)
    };
    let files = found
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if !Path::new(&binary).is_file() {
        fail(
            "schedule",
            tr!("core-doctor-the-renewal-schedule-files-runs", files, binary),
            tr!("core-doctor-install-it-again-from-the"),
        )
    } else if !same(Path::new(&dir), folder.root()) {
        fail(
            "schedule",
            tr!("core-doctor-the-renewal-schedule-files-renews", files, dir),
            tr!("core-doctor-run-sudo-dify-https-schedule"),
        )
    } else {
        ok(
            "schedule",
            tr!("core-doctor-the-renewal-schedule-runs-twice", files),
        )
    }
}

pub(super) fn folder_services(folder: &DifyFolder) -> Check {
    let services = std::fs::read_to_string(folder.compose_file())
        .map(|y| service_names(&y))
        .unwrap_or_default();
    let missing: Vec<&str> = ["nginx", "certbot"]
        .into_iter()
        .filter(|s| !services.iter().any(|n| n == s))
        .collect();
    if missing.is_empty() {
        ok("compose-file", tr!("core-doctor-the-compose-file-has-the"))
    } else {
        fail(
            "compose-file",
            tr!(
                "core-doctor-the-compose-file-has-no",
                or = (missing.join(" or ")).to_string()
            ),
            tr!("core-doctor-use-difys-own-docker-compose"),
        )
    }
}

pub(super) fn certbot_files(folder: &DifyFolder) -> Check {
    let missing: Vec<String> = [folder.certbot_entrypoint(), folder.update_cert_template()]
        .iter()
        .filter(|p| !p.is_file())
        .map(|p| {
            p.strip_prefix(folder.root())
                .unwrap_or(p)
                .display()
                .to_string()
        })
        .collect();
    if missing.is_empty() {
        ok(
            "certbot-files",
            tr!("core-doctor-certbots-entrypoint-and-update-script"),
        )
    } else {
        fail(
            "certbot-files",
            tr!(
                "core-doctor-missing",
                missing = (missing.join(", ")).to_string()
            ),
            tr!("core-doctor-restore-them-from-difys-docker"),
        )
    }
}

/// What Dify's upgrade step would do to HTTPS: `dify-env-sync.sh` rebuilds `.env` from
/// `.env.example`, so keys HTTPS needs that the example lacks (its newer layout has no
/// `CERTBOT_*`) go. Said before an upgrade, with what to run after it. `None`: nothing
/// set up, or nothing the sync would remove.
pub(super) fn upgrade_check(folder: &DifyFolder, doc: &EnvDocument) -> Option<Check> {
    let example = crate::core::files::read_bounded(
        &folder.env_example_path(),
        crate::core::files::ENV_LIMIT,
        crate::core::files::Links::Refuse,
    )
    .ok()?;
    let example = EnvDocument::parse(&String::from_utf8_lossy(&example));
    doc.literal("CERTBOT_DOMAIN")
        .filter(|d| !d.is_empty() && *d != "your_domain.com")?;
    let lost: Vec<&str> = crate::core::applied::RECORDED_KEYS
        .iter()
        .copied()
        .filter(|k| doc.get(k).is_some() && example.get(k).is_none())
        .collect();
    (!lost.is_empty()).then(|| {
        ok(
            "upgrade",
            tr!("doctor-upgrade-sync-removes", keys = lost.join(", ")),
        )
    })
}

fn writable(dir: &Path) -> bool {
    let probe = dir.join(".dify-https-write-test");
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// A folder certbot can write in: writable, or not there yet (compose creates it) with
/// a parent that is writable or not there yet either.
fn usable(dir: &Path) -> bool {
    if dir.exists() {
        dir.is_dir() && writable(dir)
    } else {
        dir.parent().is_none_or(|p| !p.exists() || writable(p))
    }
}

pub(super) fn volumes_writable(folder: &DifyFolder) -> Check {
    let dirs = [
        folder.certbot_conf_dir(),
        folder.certbot_www_dir(),
        folder.certbot_logs_dir(),
    ];
    let bad: Vec<String> = dirs
        .iter()
        .filter(|d| !usable(d))
        .map(|d| {
            d.strip_prefix(folder.root())
                .unwrap_or(d)
                .display()
                .to_string()
        })
        .collect();
    if bad.is_empty() {
        ok("volumes", tr!("core-doctor-volumes-certbot-conf-www-logs"))
    } else {
        fail(
            "volumes",
            tr!(
                "core-doctor-cannot-write-in",
                bad = (bad.join(", ")).to_string()
            ),
            tr!("core-doctor-run-with-sudo-docker-created"),
        )
    }
}

pub(super) fn script_safe(value: &dyn Fn(&str) -> String) -> Check {
    for key in ["CERTBOT_DOMAIN", "CERTBOT_EMAIL", "CERTBOT_OPTIONS"] {
        if let Some(c) = validate::script_breaking_char(&value(key)) {
            return fail(
                "script-safe",
                tr!(
                    "core-doctor-key-contains-c-which-breaks",
                    key,
                    c = format!("{:?}", c)
                ),
                tr!("core-doctor-remove-it-from-key-in", key),
            );
        }
    }
    ok(
        "script-safe",
        tr!("core-doctor-certbot-values-are-safe-for"),
    )
}

/// The DNS check over what the resolver answered and this host's addresses.
pub(super) fn dns(
    domain: &str,
    lookup: &Result<Vec<IpAddr>, String>,
    local_addrs: &[IpAddr],
) -> Check {
    match lookup {
        Err(e) => fail(
            "dns",
            tr!("core-doctor-domain-does-not-resolve-e", domain, e),
            tr!("core-doctor-create-an-a-and-or", domain),
        ),
        Ok(addrs) if addrs.is_empty() => fail(
            "dns",
            tr!("core-doctor-domain-has-no-a-aaaa", domain),
            tr!("core-doctor-create-an-a-record-for", domain),
        ),
        Ok(addrs) => {
            let shown: Vec<String> = addrs.iter().map(|a| a.to_string()).collect();
            if let Some(lo) = addrs.iter().find(|a| a.is_loopback()) {
                return fail(
                    "dns",
                    tr!(
                        "core-doctor-domain-resolves-to-lo-lets",
                        domain = domain.to_string(),
                        lo = lo.to_string()
                    ),
                    tr!("core-doctor-point-the-public-a-aaaa", domain),
                );
            }
            if addrs.iter().any(|a| local_addrs.contains(a)) {
                ok(
                    "dns",
                    tr!(
                        "core-doctor-domain-resolves-to-an-address",
                        domain,
                        shown = (shown.join(", ")).to_string()
                    ),
                )
            } else if addrs.iter().all(is_private) {
                warn(
                    "dns",
                    tr!(
                        "core-doctor-domain-resolves-to-a-private",
                        domain,
                        shown = (shown.join(", ")).to_string()
                    ),
                    tr!("core-doctor-fine-with-split-horizon-dns"),
                )
            } else {
                warn(
                    "dns",
                    tr!(
                        "core-doctor-domain-resolves-to-which-is",
                        domain,
                        shown = (shown.join(", ")).to_string()
                    ),
                    tr!("core-doctor-fine-behind-nat-or-a"),
                )
            }
        }
    }
}

/// A private-range address (RFC 1918, CGNAT, IPv6 unique-local or link-local).
pub(super) fn is_private(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private()
                || v4.is_link_local()
                || (v4.octets()[0] == 100 && (64..128).contains(&v4.octets()[1]))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80
        }
    }
}

/// What the running nginx has for NGINX_ENABLE_CERTBOT_CHALLENGE, when compose can tell.
fn nginx_challenge_setting(input: &DoctorInput, profiles: Option<&[String]>) -> Option<String> {
    let compose = input.compose.as_ref().ok()?;
    service_env(
        compose,
        input.folder.root(),
        profiles?,
        &input.compose_env,
        "nginx",
        "NGINX_ENABLE_CERTBOT_CHALLENGE",
    )
}

/// A test token through nginx. `challenge_on`: `.env` asks nginx for the challenge
/// location; a 404 then usually means nginx still runs with its old settings, which
/// the run fixes by recreating it first. `profiles`: None when they cannot be resolved.
pub(super) fn challenge_path(
    input: &DoctorInput,
    profiles: Option<&[String]>,
    addr: SocketAddr,
    domain: &str,
    challenge_on: bool,
) -> Check {
    let target = ChallengeTarget::Local {
        addr,
        host: domain.to_string(),
    };
    match challenge_self_test(&input.folder.certbot_www_dir(), &[target], input.timeout) {
        Err(e) => fail(
            "challenge-path",
            tr!("core-doctor-cannot-write-a-test-token", e = e.to_string()),
            tr!("core-doctor-run-with-sudo"),
        ),
        Ok(checks) => match &checks[0].outcome {
            ChallengeOutcome::Served => ok(
                "challenge-path",
                tr!(
                    "core-doctor-nginx-serves-the-challenge-folder",
                    describe = (checks[0].target.describe()).to_string()
                ),
            ),
            ChallengeOutcome::Wrong { status, .. } => {
                let answered = tr!("core-doctor-nginx-answered-status-for-a", status);
                let running = nginx_challenge_setting(input, profiles);
                match challenge_cause(challenge_on, running.as_deref()) {
                    ChallengeCause::NginxHasOtherValue { running } => warn(
                        "challenge-path",
                        tr!(
                            "core-doctor-answered-the-running-nginx-has",
                            answered,
                            running
                        ),
                        tr!("core-doctor-the-run-recreates-nginx-with"),
                    ),
                    ChallengeCause::LocationMissing => fail(
                        "challenge-path",
                        tr!("core-doctor-answered-although-the-running-nginx", answered),
                        tr!("core-doctor-check-that-docker-compose-yaml"),
                    ),
                    ChallengeCause::NotAsked => fail(
                        "challenge-path",
                        answered,
                        tr!("core-doctor-set-nginx-enable-certbot-challenge"),
                    ),
                }
            }
            ChallengeOutcome::Unreachable(why) | ChallengeOutcome::NoAddress(why) => warn(
                "challenge-path",
                tr!("core-doctor-nginx-did-not-answer-why", why),
                tr!("core-doctor-the-run-tests-it-again"),
            ),
        },
    }
}
