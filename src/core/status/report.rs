//! The status report: gathered from disk, `.env` and (optionally) nginx, with findings
//! that each say what is wrong and what to do, and the verdict they add up to.

use crate::core::remedy::Remedy;
use crate::tr;
use std::time::Duration;

use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::history::{Attempt, AttemptOutcome, RenewalConf};
use super::served::Served;
use super::verdict::Verdict;
use crate::core::certificate::{CertError, KeyUse};
use crate::core::compose::{
    ComposeCommand, StateSource, profiles_with_certbot, project_containers, service_log_tail,
};
use crate::core::dify::{DifyFolder, NginxPort};
use crate::core::engine::Health;
use crate::core::envfile::EnvDocument;
use crate::core::logs::sanitize_line;
use crate::core::run::custom_acme_server;
use crate::core::schedule;
use crate::core::setup::validate;

#[derive(Debug, Clone)]
pub struct StatusOptions {
    /// Fewer days left than this is a warning.
    pub warn_days: i64,
    /// Fewer days left than this (or expired) is critical.
    pub crit_days: i64,
    /// Ask nginx (and the domain) which certificate it serves.
    pub probe_served: bool,
    pub timeout: Duration,
    /// Ask compose which services run (`None`: do not ask).
    pub compose: Option<ComposeCommand>,
    /// Environment added to the compose call (as for runs).
    pub compose_env: Vec<(String, String)>,
    /// Where to look for the renewal schedule (`/` on the host; `None`: do not look).
    pub schedule_root: Option<std::path::PathBuf>,
}

impl Default for StatusOptions {
    fn default() -> Self {
        StatusOptions {
            warn_days: 30,
            crit_days: 7,
            probe_served: true,
            timeout: Duration::from_secs(3),
            compose: None,
            compose_env: vec![],
            schedule_root: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not change the verdict.
    Note,
    Warning,
    Critical,
    /// Not enough to judge (no certificate, unreadable files).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
    /// What to do about it; each front end says it in its own words (in JSON: `hint`).
    #[serde(skip)]
    pub remedy: Option<Remedy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateStatus {
    pub names: Vec<String>,
    pub issuer: String,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    pub days_left: i64,
    pub staging: bool,
    pub fingerprint_sha256: String,
    pub key_type: String,
    pub chain_len: usize,
    /// When certbot will renew it (the lineage's `renew_before_expiry`, else certbot's
    /// default: a third of the lifetime before expiry).
    pub renewal_due: String,
    /// The renewal date has passed (and the certificate was not renewed).
    pub renewal_overdue: bool,
    /// The expiry has passed.
    pub expired: bool,
    /// `letsencrypt` (renewed by certbot) or `imported` (renewed by nobody: replaced
    /// before it ends).
    pub source: crate::core::dify::Source,
}

impl CertificateStatus {
    /// "41 days left", "expires today", "expired 3 days ago": never a negative count.
    pub fn expiry_words(&self) -> String {
        match (self.expired, self.days_left) {
            (true, d) if d <= -1 => tr!("core-expired-days-ago", days = -d),
            (true, _) => tr!("core-expired-today"),
            (false, 0) => tr!("core-expires-today"),
            (false, d) => tr!("core-days-left", days = d),
        }
    }

    /// "renewal due 2027-01-30", or "renewal overdue since 2026-11-01"; for an imported
    /// certificate "replace before 2027-03-04".
    pub fn renewal_words(&self) -> String {
        if self.source == crate::core::dify::Source::Imported {
            return tr!(
                "status-replace-before",
                date = self.not_after.get(..10).unwrap_or_default().to_string()
            );
        }
        if self.renewal_overdue {
            tr!(
                "core-renewal-overdue-since",
                date = self.renewal_due.clone()
            )
        } else {
            tr!("core-renewal-due", date = self.renewal_due.clone())
        }
    }
}

/// The report; its JSON form is `dify-https status --json` (documented in the README).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusReport {
    pub domain: Option<String>,
    pub certificate: Option<CertificateStatus>,
    pub https_enabled: bool,
    pub challenge_enabled: bool,
    /// The ACME server when it is not Let's Encrypt (a private CA named with `--server`,
    /// per the renewal conf or `CERTBOT_OPTIONS`); `null` for Let's Encrypt.
    pub custom_acme_server: Option<String>,
    pub renewal: Option<RenewalConf>,
    pub last_attempt: Option<Attempt>,
    pub served: Vec<Served>,
    /// Whether nginx and certbot run, per `compose ps` (`null` when compose was not asked).
    pub containers: Option<Vec<Container>>,
    /// Where `containers` came from: `engine` (the Docker socket) or `compose` (`compose ps`).
    pub containers_source: Option<StateSource>,
    /// The compose project this folder is.
    pub project: Project,
    /// The installed renewal schedule (`null` when there is none, or it was not looked for).
    pub schedule: Option<ScheduleStatus>,
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
    pub checked_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Project {
    pub name: String,
    pub working_dir: String,
    /// Other folders whose containers carry the same project name (compose would act
    /// on them from here); empty when none, or when only `compose ps` was asked.
    pub other_folders: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleStatus {
    pub kind: schedule::Kind,
    pub command: Option<String>,
    /// When it runs next, when the timer can tell (systemd on this host); `null` else.
    pub next: Option<String>,
    /// The last scheduled run (`null` before the first).
    pub last: Option<schedule::LastRun>,
}

/// The schedule's findings: a failed last run, or none for 48 hours while one is
/// installed, are warnings; no schedule at all is a note (some renew with their own
/// cron, and the expiry thresholds still warn in time).
/// The import rules' findings for an imported certificate in place: what browsers
/// refuse is critical (with HTTPS on), a private root or a self-signed certificate is
/// a note (the admin chose it); dates, names and the key are judged by the report.
fn imported_findings(
    checked: &crate::core::import::Checked,
    https_enabled: bool,
    find: &mut dyn FnMut(Severity, String, Option<Remedy>),
) {
    use crate::core::import::ImportFinding::*;
    for f in &checked.findings {
        let severity = match f {
            Expired { leaf: false, .. }
            | NoAlternativeNames { .. }
            | WeakKey { .. }
            | WeakSignature { .. }
            | NotForServers
            | ChainIncomplete { .. }
            | BrowsersRefuse { .. } => {
                if https_enabled {
                    Severity::Critical
                } else {
                    Severity::Warning
                }
            }
            PrivateRoot { .. } | SelfSigned => Severity::Note,
            _ => continue,
        };
        let (what, _) = crate::i18n::import_words::finding(f);
        let remedy = (severity != Severity::Note).then_some(Remedy::ReplaceCertificate);
        find(severity, what, remedy);
    }
}

fn schedule_findings(
    facts: super::gather::ScheduleFacts,
    has_certificate: bool,
    imported: bool,
    now: OffsetDateTime,
    find: &mut dyn FnMut(Severity, String, Option<Remedy>),
) -> Option<ScheduleStatus> {
    let Some(found) = facts.installed else {
        if has_certificate {
            find(
                Severity::Note,
                if imported {
                    tr!("status-finding-imported-no-reminders")
                } else {
                    tr!("core-no-schedule")
                },
                Some(if imported {
                    Remedy::InstallReminders
                } else {
                    Remedy::InstallSchedule
                }),
            );
        }
        return None;
    };
    let last = facts.last;
    let stale = |at: OffsetDateTime| now - at > time::Duration::hours(48);
    match &last {
        Some(run) if run.outcome == schedule::Outcome::Failed => find(
            Severity::Warning,
            tr!(
                "core-schedule-last-failed",
                at = run.at.clone(),
                message = run.message.clone()
            ),
            Some(Remedy::RenewToSeeWhy),
        ),
        Some(run) if OffsetDateTime::parse(&run.at, &Rfc3339).is_ok_and(stale) => find(
            Severity::Warning,
            tr!("core-schedule-stale", at = run.at.clone()),
            Some(Remedy::text(tr!("core-schedule-check-timer"))),
        ),
        None if facts.installed_at.is_some_and(stale) => find(
            Severity::Warning,
            tr!("core-schedule-never-ran"),
            Some(Remedy::text(tr!("core-schedule-check-timer"))),
        ),
        _ => {}
    }
    Some(ScheduleStatus {
        kind: found.kind,
        command: found.command,
        next: facts.next,
        last,
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Container {
    pub service: String,
    pub running: bool,
    /// `running`, `restarting` (a crash loop: `restart: always` and it keeps exiting)
    /// or `stopped`.
    pub state: ContainerState,
    /// The container's health check, when it has one (engine only).
    pub health: Option<Health>,
    /// The service's last log lines when it is restarting (why it exits).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub last_lines: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerState {
    Running,
    Restarting,
    Stopped,
}

/// Which of nginx and certbot run (from the engine, else `compose ps`), and the other
/// folders whose containers carry this folder's project name.
/// nginx and certbot, how they were found out, and the other folders of the project.
pub(super) type FoundContainers = (Vec<Container>, StateSource, Vec<String>);

pub(super) fn containers(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
    project: &str,
    compose: &ComposeCommand,
    extra_env: &[(String, String)],
) -> Result<FoundContainers, String> {
    let profiles = profiles_with_certbot(doc, env).map_err(|e| e.to_string())?;
    let found = project_containers(folder, project, compose, &profiles, extra_env, env)?;
    let list = ["nginx", "certbot"]
        .iter()
        .map(|s| {
            let seen = found.state_of(s);
            let state = match seen.map(|c| c.state.as_str()) {
                Some("running") => ContainerState::Running,
                Some("restarting") => ContainerState::Restarting,
                _ => ContainerState::Stopped,
            };
            Container {
                service: s.to_string(),
                running: state == ContainerState::Running,
                state,
                health: seen.and_then(|c| c.health),
                last_lines: if state == ContainerState::Restarting {
                    service_log_tail(compose, folder.root(), &profiles, extra_env, s, 5)
                } else {
                    vec![]
                },
            }
        })
        .collect();
    Ok((list, found.source, found.other_folders))
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// Builds the report for `folder` with its `.env` (`env` is the process environment):
/// the facts gathered (all I/O), then judged.
pub fn build_report(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
    now: OffsetDateTime,
    opts: &StatusOptions,
) -> StatusReport {
    judge(super::gather::gather(folder, doc, env, now, opts), opts)
}

/// The findings and the verdict, over what was gathered: no I/O.
/// The findings of what drifted since dify-https last applied HTTPS.
fn drift_findings(
    drift: &crate::core::applied::Drift,
    find: &mut dyn FnMut(Severity, String, Option<Remedy>),
) {
    if !drift.keys.is_empty() {
        let keys: Vec<String> = drift
            .keys
            .iter()
            .map(|k| match &k.now {
                None => tr!("status-drift-key-gone", key = k.key.clone()),
                Some(now) => tr!(
                    "status-drift-key-changed",
                    key = k.key.clone(),
                    recorded = sanitize_line(&k.recorded),
                    now = sanitize_line(now)
                ),
            })
            .collect();
        let keys = keys.join(", ");
        let by = drift
            .dify_sync_backup
            .as_ref()
            .map(|b| tr!("status-drift-by-dify-sync", backup = b.clone()))
            .unwrap_or_default();
        if drift.nginx_will_fail && drift.certificate_on_disk {
            find(
                Severity::Critical,
                tr!("status-drift-nginx-will-not-start", keys, by),
                Some(Remedy::Repair),
            );
        } else {
            find(
                Severity::Warning,
                tr!("status-drift-keys", keys, by),
                Some(Remedy::Repair),
            );
        }
    }
    if drift.layout_changed {
        find(Severity::Note, tr!("status-drift-layout"), None);
    }
    if !drift.changed_files.is_empty() {
        find(
            Severity::Warning,
            tr!("status-drift-files", files = drift.changed_files.join(", ")),
            Some(Remedy::Repair),
        );
    }
}

pub fn judge(facts: super::gather::StatusFacts, opts: &StatusOptions) -> StatusReport {
    let now = facts.now;
    let values = &facts.values;
    let value = |key: &str| values.get(key).cloned().unwrap_or_default();
    let mut findings = Vec::new();
    let mut find = |severity, message: String, remedy: Option<Remedy>| {
        findings.push(Finding {
            severity,
            message,
            remedy,
        })
    };
    let mut project = facts.project;
    let https_enabled = value("NGINX_HTTPS_ENABLED") == "true";
    let challenge_enabled = value("NGINX_ENABLE_CERTBOT_CHALLENGE") == "true";
    let domain = facts.domain.clone();

    // What an upgrade (Dify's env sync), a checkout or a hand edit undid since
    // dify-https applied HTTPS, first: it is the cause of what follows (nginx that
    // cannot start), and the site may still work now and fail at nginx's next
    // recreation.
    if let Some(drift) = &facts.drift {
        drift_findings(drift, &mut find);
    }
    // Asked next: another install under this project name matters with or without
    // a certificate.
    let mut containers_source = None;
    let containers = match facts.containers {
        None => None,
        Some(Ok((list, source, other_folders))) => {
            containers_source = Some(source);
            project.other_folders = other_folders.clone();
            if !other_folders.is_empty() {
                find(
                    Severity::Critical,
                    tr!(
                        "core-project-other-install",
                        project = project.name.clone(),
                        folders = other_folders.join(", ")
                    ),
                    Some(Remedy::Text(tr!(
                        "core-project-other-install-fix",
                        name = facts.suggested_project_name.clone(),
                        folder = project.working_dir.clone()
                    ))),
                );
            }
            if let Some(nginx) = list.iter().find(|c| c.service == "nginx") {
                match nginx.state {
                    ContainerState::Restarting => find(
                        Severity::Critical,
                        match nginx.last_lines.last() {
                            Some(line) => {
                                tr!("core-nginx-restarting-why", line = sanitize_line(line))
                            }
                            None => tr!("core-nginx-restarting"),
                        },
                        Some(Remedy::text(tr!("core-nginx-restarting-fix"))),
                    ),
                    ContainerState::Stopped if https_enabled => find(
                        Severity::Critical,
                        tr!("core-nginx-not-running"),
                        Some(Remedy::text(tr!("core-nginx-not-running-fix"))),
                    ),
                    _ => {}
                }
            }
            Some(list)
        }
        Some(Err(e)) => {
            find(
                Severity::Note,
                tr!("core-compose-ps-failed", why = e.to_string()),
                None,
            );
            None
        }
    };
    let Some(domain) = domain else {
        find(
            Severity::Unknown,
            tr!("core-no-domain"),
            Some(Remedy::SetUp),
        );
        let mut report = finish(
            None,
            None,
            https_enabled,
            challenge_enabled,
            None,
            None,
            None,
            vec![],
            findings,
            now,
        );
        report.containers = containers;
        report.containers_source = containers_source;
        report.project = project;
        return report;
    };

    let renewal = facts.renewal;
    let options = value("CERTBOT_OPTIONS");
    let custom_acme_server = renewal
        .as_ref()
        .and_then(|r| r.custom_server().map(str::to_string))
        .or_else(|| custom_acme_server(&options));
    let read = facts
        .certificate
        .expect("with a domain set, its certificate was looked for");
    let imported = facts.source == crate::core::dify::Source::Imported;
    // What fixes a certificate: a renewal, or (imported: nobody renews it) a new import.
    let replace_or = |renewal: Remedy| {
        if imported {
            Remedy::ReplaceCertificate
        } else {
            renewal
        }
    };
    let (certificate, info) = match read {
        Ok(info) => {
            let days_left = info.days_left(now);
            let due = info.renewal_due_at(renewal.as_ref().and_then(|r| r.renew_before()));
            let expired = info.not_after <= now;
            let status = CertificateStatus {
                names: info.names.clone(),
                issuer: info.issuer.clone(),
                serial: info.serial.clone(),
                not_before: rfc3339(info.not_before),
                not_after: rfc3339(info.not_after),
                days_left,
                staging: info.staging,
                fingerprint_sha256: info.fingerprint_sha256.clone(),
                key_type: info.key_type.clone(),
                chain_len: info.chain_len,
                renewal_due: due.date().to_string(),
                renewal_overdue: due <= now && !imported,
                expired,
                source: facts.source,
            };
            if expired {
                find(
                    Severity::Critical,
                    tr!(
                        "core-cert-expired",
                        when = status.expiry_words(),
                        date = info.not_after.date().to_string()
                    ),
                    Some(replace_or(Remedy::Renew)),
                );
            } else if info.not_before > now {
                find(
                    Severity::Critical,
                    tr!("core-cert-not-yet-valid", from = rfc3339(info.not_before)),
                    Some(replace_or(Remedy::ForceRenew {
                        first: tr!("core-check-clock"),
                    })),
                );
            } else if days_left < opts.warn_days && imported {
                find(
                    if days_left < opts.crit_days {
                        Severity::Critical
                    } else {
                        Severity::Warning
                    },
                    tr!(
                        "status-finding-imported-ends",
                        days = days_left,
                        date = info.not_after.date().to_string()
                    ),
                    Some(Remedy::ReplaceCertificate),
                );
            } else if days_left < opts.crit_days {
                find(
                    Severity::Critical,
                    tr!(
                        "core-cert-expires-in",
                        days = days_left,
                        date = info.not_after.date().to_string()
                    ),
                    Some(Remedy::RenewAndAskWhy),
                );
            } else if days_left < opts.warn_days {
                find(
                    Severity::Warning,
                    tr!(
                        "core-cert-expires-in",
                        days = days_left,
                        date = info.not_after.date().to_string()
                    ),
                    Some(Remedy::Renew),
                );
            }
            if status.renewal_overdue && days_left >= opts.warn_days {
                find(
                    Severity::Warning,
                    tr!(
                        "core-renewals-not-running",
                        renewal = status.renewal_words()
                    ),
                    Some(Remedy::RenewAndSchedule),
                );
            }
            if info.staging && custom_acme_server.is_none() && !imported {
                find(
                    Severity::Warning,
                    tr!("core-cert-test-ca", issuer = info.issuer.clone()),
                    Some(Remedy::SetUpInProduction),
                );
            }
            if let (Some(server), false) = (&custom_acme_server, imported) {
                find(
                    Severity::Warning,
                    tr!("core-cert-private-ca", issuer = info.issuer.clone(), server),
                    Some(Remedy::text(tr!("core-cert-private-ca-fix"))),
                );
            }
            if !info.covers(&domain) {
                let severity = if https_enabled {
                    Severity::Critical
                } else {
                    Severity::Warning
                };
                find(
                    severity,
                    tr!(
                        "core-domain-mismatch",
                        domain = domain.clone(),
                        names = info.names.join(", ")
                    ),
                    Some(replace_or(Remedy::SetUpAgain {
                        then: tr!("core-for-this-domain"),
                    })),
                );
            }
            // An imported certificate, judged as an import is: what browsers would say
            // of its chain, keys and signatures (dates and names are above).
            if let Some(checked) = &facts.imported_check {
                imported_findings(checked, https_enabled, &mut find);
            }
            if info.holds_private_key {
                find(
                    Severity::Critical,
                    tr!("core-fullchain-has-key"),
                    Some(Remedy::ForceRenew {
                        first: tr!("core-fullchain-has-key-fix"),
                    }),
                );
            }
            if info.leaf_not_first {
                find(
                    if https_enabled {
                        Severity::Critical
                    } else {
                        Severity::Warning
                    },
                    tr!("core-fullchain-order"),
                    Some(Remedy::ForceRenew {
                        first: tr!("core-fullchain-order-fix"),
                    }),
                );
            }
            // Stored options that make every later renewal useless.
            for (typed, full) in validate::stored_mode_options(&options)
                .into_iter()
                .filter(|_| !imported)
            {
                let why = match full {
                    "--dry-run" => Some(tr!("core-stored-dry-run")),
                    "--test-cert" | "--staging" if !info.staging => {
                        Some(tr!("core-stored-test-cert"))
                    }
                    "--force-renewal" | "--renew-by-default" => {
                        Some(tr!("core-stored-force-renewal"))
                    }
                    _ => None,
                };
                if let Some(why) = why {
                    find(
                        Severity::Warning,
                        tr!("core-stored-option", typed, why),
                        Some(Remedy::RemoveStoredOption),
                    );
                }
            }
            (Some(status), Some(info))
        }
        Err(CertError::Missing { .. }) if https_enabled => {
            find(
                Severity::Critical,
                tr!("core-https-no-certificate", domain = domain.clone()),
                Some(Remedy::SetUpAgain {
                    then: tr!("core-with-https-false"),
                }),
            );
            (None, None)
        }
        Err(CertError::Missing { .. }) => {
            find(
                Severity::Unknown,
                tr!("core-no-certificate-yet", domain = domain.clone()),
                Some(Remedy::SetUp),
            );
            (None, None)
        }
        Err(e) => {
            find(
                Severity::Unknown,
                e.to_string(),
                Some(Remedy::text(tr!("core-run-with-sudo"))),
            );
            (None, None)
        }
    };

    // The key nginx would load beside the certificate: without a usable one, nginx
    // cannot start on its next (re)creation, whatever it serves right now.
    if let Some(problem) = &facts.key_problem {
        let why = match problem {
            KeyUse::Unreadable(why) => why.clone(),
            KeyUse::Wrong(p) => p.to_string(),
        };
        find(
            if https_enabled {
                Severity::Critical
            } else {
                Severity::Warning
            },
            tr!("status-finding-key-unusable", why),
            Some(Remedy::ForceRenew {
                first: tr!("status-remedy-key-restore-first"),
            }),
        );
    }
    // The private key's mode.
    if let Some(mode) = facts.privkey_mode
        && mode & 0o077 != 0
    {
        find(
            Severity::Warning,
            tr!("core-privkey-readable", mode = format!("{mode:o}")),
            Some(Remedy::text(tr!("core-privkey-chmod"))),
        );
    }
    if https_enabled && !imported && value("NGINX_SSL_CERT_FILENAME") != "fullchain.pem" {
        find(
            Severity::Warning,
            tr!(
                "core-cert-filename",
                file = value("NGINX_SSL_CERT_FILENAME")
            ),
            Some(Remedy::text(tr!("core-cert-filename-fix"))),
        );
    }
    if certificate.is_some() && !https_enabled {
        find(
            Severity::Warning,
            tr!("core-https-off-with-certificate"),
            Some(Remedy::SwitchHttpsOn),
        );
    }
    let attempt = facts.attempt;
    if let Some(a) = &attempt {
        if a.outcome == AttemptOutcome::Failed {
            find(
                Severity::Warning,
                tr!("core-certbot-last-failed", at = a.started.clone()),
                Some(Remedy::ReadLog),
            );
        } else if a.dry_run {
            find(
                Severity::Note,
                tr!("core-certbot-dry-run", at = a.started.clone()),
                None,
            );
        }
    }

    let nginx_down = containers
        .as_ref()
        .is_some_and(|l| l.iter().any(|c| c.service == "nginx" && !c.running));
    let https_port = NginxPort::Https.parse(Some(&value(NginxPort::Https.key())));
    if let Err(e) = &https_port {
        find(
            Severity::Unknown,
            e.to_string(),
            Some(Remedy::text(tr!("core-https-port-fix"))),
        );
    }
    let served = facts.served;
    let test_ca = info.as_ref().is_some_and(|i| i.staging);
    if let (Some(local), Ok(https_port)) = (served.first(), &https_port) {
        let addr = https_port.local_addr();
        match (&local.certificate, &local.error) {
            (Some(c), _) if c.matches_disk == Some(false) => find(
                Severity::Critical,
                tr!("core-served-older"),
                Some(Remedy::ReloadNginx),
            ),
            // A key or signature browsers refuse whatever the root: said as such (the
            // handshake of such a server may not even finish).
            (Some(c), _) if c.browser_refusal.is_some() => find(
                Severity::Critical,
                tr!(
                    "status-finding-served-refused",
                    why = c.browser_refusal.clone().unwrap_or_default()
                ),
                Some(replace_or(Remedy::SetUpAgain {
                    then: tr!("core-for-this-domain"),
                })),
            ),
            // A test or private CA is reported above, as what the user chose; an
            // imported chain served as it is on disk was judged above by the browsers'
            // rules.
            (Some(c), _)
                if !(c.trusted
                    || test_ca
                    || custom_acme_server.is_some()
                    || imported && c.matches_disk == Some(true)) =>
            {
                find(
                    Severity::Critical,
                    tr!(
                        "core-served-untrusted",
                        why = c
                            .trust_error
                            .clone()
                            .unwrap_or_else(|| tr!("core-not-trusted"))
                    ),
                    Some(replace_or(Remedy::RenewThenDoctor)),
                )
            }
            // nginx known to be down or restarting is already the finding.
            (None, Some(e)) if !nginx_down => find(
                Severity::Critical,
                tr!(
                    "core-tls-no-answer",
                    addr = addr.to_string(),
                    why = e.clone()
                ),
                Some(Remedy::text(tr!("core-tls-no-answer-fix"))),
            ),
            _ => {}
        }
    }
    let schedule = facts
        .schedule
        .and_then(|s| schedule_findings(s, certificate.is_some(), imported, now, &mut find));
    let mut report = finish(
        Some(domain),
        certificate,
        https_enabled,
        challenge_enabled,
        custom_acme_server,
        renewal,
        attempt,
        served,
        findings,
        now,
    );
    report.containers = containers;
    report.containers_source = containers_source;
    report.project = project;
    report.schedule = schedule;
    report
}

#[allow(clippy::too_many_arguments)]
fn finish(
    domain: Option<String>,
    certificate: Option<CertificateStatus>,
    https_enabled: bool,
    challenge_enabled: bool,
    custom_acme_server: Option<String>,
    renewal: Option<RenewalConf>,
    last_attempt: Option<Attempt>,
    served: Vec<Served>,
    findings: Vec<Finding>,
    now: OffsetDateTime,
) -> StatusReport {
    let worst = |s: Severity| findings.iter().any(|f| f.severity == s);
    let verdict = if worst(Severity::Critical) {
        Verdict::Critical
    } else if worst(Severity::Unknown) {
        Verdict::Unknown
    } else if worst(Severity::Warning) {
        Verdict::Warning
    } else {
        Verdict::Ok
    };
    StatusReport {
        domain,
        certificate,
        https_enabled,
        challenge_enabled,
        custom_acme_server,
        renewal,
        last_attempt,
        served,
        containers: None,
        containers_source: None,
        project: Project {
            name: String::new(),
            working_dir: String::new(),
            other_folders: vec![],
        },
        schedule: None,
        findings,
        verdict,
        checked_at: rfc3339(now),
    }
}

impl StatusReport {
    /// The report as JSON (`status --json`, webhooks), each finding's remedy as `hint`
    /// in the `words` of the front end that writes it.
    pub fn to_json(&self, words: &dyn Fn(&Remedy) -> String) -> serde_json::Value {
        let mut json = serde_json::to_value(self).unwrap_or_default();
        if let Some(list) = json.get_mut("findings").and_then(|f| f.as_array_mut()) {
            for (item, finding) in list.iter_mut().zip(&self.findings) {
                item["hint"] = finding
                    .remedy
                    .as_ref()
                    .map_or(serde_json::Value::Null, |r| words(r).into());
            }
        }
        json
    }

    /// One line for monitoring: verdict, domain, days left, the first finding.
    pub fn summary(&self) -> String {
        let domain = self.domain.as_deref().unwrap_or("(no domain)");
        let days = self
            .certificate
            .as_ref()
            .map(|c| format!(", {}", c.expiry_words()))
            .unwrap_or_default();
        let first = self
            .deciding_finding()
            .map(|f| format!(": {}", f.message))
            .unwrap_or_default();
        format!("{} - {domain}{days}{first}", self.verdict.word())
    }

    /// The finding that decided the verdict: the first of the kind the verdict comes
    /// from (CRITICAL outranks UNKNOWN, as in the verdict itself), else the first
    /// warning, else the first note. A monitor's one line carries this reason.
    pub fn deciding_finding(&self) -> Option<&Finding> {
        let rank = |s: Severity| match s {
            Severity::Critical => 3,
            Severity::Unknown => 2,
            Severity::Warning => 1,
            Severity::Note => 0,
        };
        self.findings.iter().rev().max_by_key(|f| rank(f.severity))
    }
}
