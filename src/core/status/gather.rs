//! The status report's first half: everything it looks at, read from the folder,
//! compose (or the engine), the schedule and nginx's TLS port. The rules that judge
//! it are in `report::judge`, which does no I/O.

use std::collections::HashMap;
use std::net::ToSocketAddrs;
use std::os::unix::fs::PermissionsExt;

use time::OffsetDateTime;

use super::history::{Attempt, RenewalConf, last_attempt, read_renewal_conf};
use super::report::{FoundContainers, Project, StatusOptions, containers};
use super::served::{Served, probe_served};
use crate::core::certificate::{
    CertError, CertificateInfo, KeyUse, pair_key_problem, read_chain_file,
};
use crate::core::compose::{project_name, suggested_project_name};
use crate::core::dify::{DifyFolder, NginxPort, Source};
use crate::core::envfile::EnvDocument;
use crate::core::logs::sanitize_line;
use crate::core::schedule;

/// What the rules look at.
pub struct StatusFacts {
    /// `.env` resolved as compose would.
    pub values: HashMap<String, String>,
    pub project: Project,
    /// A name that would tell this install apart (for the remedy of a shared project).
    pub suggested_project_name: String,
    /// nginx and certbot, how it was found out, other folders of the project (`None`:
    /// compose was not asked).
    pub containers: Option<Result<FoundContainers, String>>,
    pub renewal: Option<RenewalConf>,
    /// The certificate on disk (`None`: no domain to look for).
    pub certificate: Option<Result<CertificateInfo, CertError>>,
    /// The private key's mode.
    pub privkey_mode: Option<u32>,
    /// Whether nginx could use the key beside the certificate: `Some(problem)` when it
    /// is missing, a dangling link, unreadable or not the certificate's own (the key is
    /// parsed in memory only, never shown).
    pub key_problem: Option<KeyUse>,
    pub attempt: Option<Attempt>,
    /// What nginx (first) and the domain serve, when HTTPS is on and probing was asked.
    pub served: Vec<Served>,
    pub schedule: Option<ScheduleFacts>,
    /// The domain the report is about: `CERTBOT_DOMAIN`, else the one dify-https last
    /// applied (a `.env` that lost it still has a certificate on disk).
    pub domain: Option<String>,
    /// What drifted since dify-https last applied HTTPS (see `core::applied`).
    pub drift: Option<crate::core::applied::Drift>,
    /// Where the certificate nginx loads comes from (`core::dify::served_files`).
    pub source: crate::core::dify::Source,
    /// For an imported certificate: its files judged by the import's rules (what
    /// browsers would say of them), as nobody renews it into shape.
    pub imported_check: Option<crate::core::import::Checked>,
    pub now: OffsetDateTime,
}

/// The renewal schedule as found under the schedule root.
pub struct ScheduleFacts {
    pub installed: Option<schedule::Installed>,
    pub last: Option<schedule::LastRun>,
    /// When its files were last written.
    pub installed_at: Option<OffsetDateTime>,
    /// When the timer runs next (systemd on this host).
    pub next: Option<String>,
}

/// The domain the report is about: `CERTBOT_DOMAIN`, unless unset or Dify's placeholder.
pub fn domain_of(values: &HashMap<String, String>) -> Option<String> {
    values
        .get("CERTBOT_DOMAIN")
        .map(|d| sanitize_line(d))
        .filter(|d| !d.is_empty() && d != "your_domain.com")
}

pub fn gather(
    folder: &DifyFolder,
    doc: &EnvDocument,
    env: &dyn Fn(&str) -> Option<String>,
    now: OffsetDateTime,
    opts: &StatusOptions,
) -> StatusFacts {
    // Resolved once: resolving one key interpolates the whole file.
    let values = doc.resolve_all(env).unwrap_or_default();
    let value = |key: &str| values.get(key).cloned().unwrap_or_default();
    let project = Project {
        name: project_name(folder, doc, env),
        working_dir: folder.root().display().to_string(),
        other_folders: vec![],
    };
    let containers = opts
        .compose
        .as_ref()
        .map(|compose| containers(folder, doc, env, &project.name, compose, &opts.compose_env));
    let drift = crate::core::applied::drift_of(folder, doc);
    let domain = domain_of(&values).or_else(|| {
        drift
            .as_ref()
            .and_then(|(record, _)| record.domain().map(sanitize_line))
    });
    // The pair nginx loads, by its entrypoint's rule: a Let's Encrypt lineage, or an
    // imported certificate in nginx/ssl.
    let served_files = crate::core::dify::served_files(folder, &values);
    let source = served_files.source;
    let pair = domain.as_ref().map(|d| match source {
        Source::Imported => (served_files.cert.clone(), served_files.key.clone()),
        Source::Letsencrypt => {
            let live = folder.live_dir(d);
            (live.join("fullchain.pem"), live.join("privkey.pem"))
        }
    });
    let certificate = pair.as_ref().map(|(cert, _)| read_chain_file(cert));
    let privkey_mode = pair.as_ref().and_then(|(_, key)| {
        std::fs::metadata(key)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    });
    let key_problem = match (&pair, &certificate) {
        (Some((cert, key)), Some(Ok(_))) => pair_key_problem(cert, key),
        _ => None,
    };
    let imported_check = match (&pair, &domain, source, &key_problem) {
        (Some((cert, key)), Some(domain), Source::Imported, None) => {
            crate::core::import::judge_installed(cert, key, domain, now)
        }
        _ => None,
    };
    let https_enabled = value("NGINX_HTTPS_ENABLED") == "true";
    let https_port = NginxPort::Https.parse(Some(&value(NginxPort::Https.key())));
    let mut served = Vec::new();
    if let (true, true, Ok(port), Some(domain)) =
        (opts.probe_served, https_enabled, &https_port, &domain)
    {
        let addr = port.local_addr();
        let disk = certificate
            .as_ref()
            .and_then(|c| c.as_ref().ok())
            .map(|i| i.fingerprint_sha256.as_str());
        served.push(probe_served(
            addr.to_string(),
            addr,
            domain,
            disk,
            now,
            opts.timeout,
        ));
        if let Ok(mut addrs) = (domain.as_str(), 443).to_socket_addrs()
            && let Some(addr) = addrs.next()
        {
            served.push(probe_served(
                domain.clone(),
                addr,
                domain,
                disk,
                now,
                opts.timeout,
            ));
        }
    }
    let schedule = opts
        .schedule_root
        .as_deref()
        .map(|root| schedule_facts(root, folder, &project.name));
    StatusFacts {
        // An imported certificate has no renewal (a lineage beside it is not served).
        renewal: domain
            .as_ref()
            .filter(|_| source == Source::Letsencrypt)
            .and_then(|d| read_renewal_conf(&folder.renewal_conf(d))),
        source,
        imported_check,
        suggested_project_name: suggested_project_name(folder),
        values,
        project,
        containers,
        certificate,
        privkey_mode,
        key_problem,
        attempt: last_attempt(&folder.certbot_logs_dir()),
        served,
        schedule,
        domain,
        drift: drift.map(|(_, d)| d),
        now,
    }
}

fn schedule_facts(root: &std::path::Path, folder: &DifyFolder, project: &str) -> ScheduleFacts {
    let installed = schedule::installed(root, project);
    let installed_at = installed.as_ref().and_then(|found| {
        found
            .files
            .iter()
            .filter_map(|p| {
                std::fs::metadata(schedule::under(root, p))
                    .ok()?
                    .modified()
                    .ok()
            })
            .max()
            .map(OffsetDateTime::from)
    });
    let next = installed
        .as_ref()
        .filter(|f| f.kind == schedule::Kind::Systemd && root == std::path::Path::new("/"))
        .and_then(|_| schedule::next_elapse(project));
    ScheduleFacts {
        installed,
        last: schedule::last_run(folder),
        installed_at,
        next,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::core::certificate::KeyProblem;
    use crate::core::remedy::Remedy;
    use crate::core::status::{Severity, Verdict, judge};

    const NOW: OffsetDateTime = datetime!(2026-12-03 12:00 UTC);

    fn certificate(days_left: i64) -> CertificateInfo {
        CertificateInfo {
            names: vec!["dify.acmecorp.io".into()],
            issuer: "CN=R11".into(),
            serial: "01".into(),
            not_before: NOW - time::Duration::days(30),
            not_after: NOW + time::Duration::days(days_left),
            key_type: "ECDSA P-256".into(),
            fingerprint_sha256: "AA".into(),
            chain_len: 2,
            staging: false,
            leaf_not_first: false,
            holds_private_key: false,
        }
    }

    /// The facts of a folder set up for `dify.acmecorp.io`, with HTTPS `https` and a
    /// certificate with `days_left`; nothing asked of compose, nginx or a schedule.
    fn facts(https: bool, days_left: Option<i64>) -> StatusFacts {
        let values = [
            ("CERTBOT_DOMAIN", "dify.acmecorp.io"),
            ("NGINX_HTTPS_ENABLED", if https { "true" } else { "false" }),
            ("NGINX_SSL_CERT_FILENAME", "fullchain.pem"),
            ("EXPOSE_NGINX_SSL_PORT", "443"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        StatusFacts {
            values,
            project: Project {
                name: "dify".into(),
                working_dir: "/srv/dify/docker".into(),
                other_folders: vec![],
            },
            suggested_project_name: "dify-srv".into(),
            containers: None,
            renewal: None,
            certificate: Some(match days_left {
                Some(d) => Ok(certificate(d)),
                None => Err(CertError::Missing {
                    path:
                        "/srv/dify/docker/volumes/certbot/conf/live/dify.acmecorp.io/fullchain.pem"
                            .into(),
                }),
            }),
            privkey_mode: Some(0o600),
            key_problem: None,
            attempt: None,
            served: vec![],
            schedule: None,
            domain: Some("dify.acmecorp.io".into()),
            drift: None,
            source: crate::core::dify::Source::Letsencrypt,
            imported_check: None,
            now: NOW,
        }
    }

    fn remedies(report: &crate::core::status::StatusReport) -> Vec<Option<Remedy>> {
        report.findings.iter().map(|f| f.remedy.clone()).collect()
    }

    #[test]
    fn a_fresh_certificate_with_https_on_is_ok() {
        let report = judge(facts(true, Some(80)), &StatusOptions::default());
        assert_eq!(report.verdict, Verdict::Ok, "{:?}", report.findings);
    }

    #[test]
    fn expiry_thresholds_decide_warning_and_critical_with_a_renewal_as_remedy() {
        let warn = judge(facts(true, Some(20)), &StatusOptions::default());
        assert_eq!(warn.verdict, Verdict::Warning);
        assert!(remedies(&warn).contains(&Some(Remedy::Renew)));
        let crit = judge(facts(true, Some(3)), &StatusOptions::default());
        assert_eq!(crit.verdict, Verdict::Critical);
        assert!(remedies(&crit).contains(&Some(Remedy::RenewAndAskWhy)));
        let expired = judge(facts(true, Some(-2)), &StatusOptions::default());
        assert_eq!(expired.verdict, Verdict::Critical);
        assert!(expired.certificate.unwrap().expired);
    }

    #[test]
    fn a_key_nginx_cannot_use_is_critical_with_https_on() {
        for problem in [
            KeyUse::Unreadable("privkey.pem does not exist".into()),
            KeyUse::Wrong(KeyProblem::Mismatch),
        ] {
            let mut f = facts(true, Some(80));
            f.key_problem = Some(problem.clone());
            let report = judge(f, &StatusOptions::default());
            assert_eq!(report.verdict, Verdict::Critical, "{problem:?}");
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| f.message.contains("nginx will not start")),
                "{:?}",
                report.findings
            );
            let mut f = facts(false, Some(80));
            f.key_problem = Some(problem);
            assert_eq!(
                judge(f, &StatusOptions::default()).verdict,
                Verdict::Warning
            );
        }
    }

    #[test]
    fn the_summary_names_the_finding_that_decided_the_verdict() {
        let mut f = facts(true, Some(80));
        f.key_problem = Some(KeyUse::Wrong(KeyProblem::Mismatch));
        let mut report = judge(f, &StatusOptions::default());
        // An UNKNOWN finding (another part could not be read) beside the CRITICAL one.
        report.findings.insert(
            0,
            crate::core::status::Finding {
                severity: Severity::Unknown,
                message: "could not read something".into(),
                remedy: None,
            },
        );
        assert_eq!(report.verdict, Verdict::Critical);
        let line = report.summary();
        assert!(
            line.starts_with("CRITICAL") && line.contains("nginx will not start"),
            "{line}"
        );
    }

    #[test]
    fn https_on_without_a_certificate_is_critical() {
        let report = judge(facts(true, None), &StatusOptions::default());
        assert_eq!(report.verdict, Verdict::Critical);
        assert_eq!(report.findings[0].severity, Severity::Critical);
    }

    #[test]
    fn a_certificate_with_https_off_says_to_switch_it_on() {
        let report = judge(facts(false, Some(80)), &StatusOptions::default());
        assert_eq!(report.verdict, Verdict::Warning);
        assert!(remedies(&report).contains(&Some(Remedy::SwitchHttpsOn)));
    }

    #[test]
    fn a_readable_private_key_and_no_schedule_are_said() {
        let mut f = facts(true, Some(80));
        f.privkey_mode = Some(0o644);
        f.schedule = Some(ScheduleFacts {
            installed: None,
            last: None,
            installed_at: None,
            next: None,
        });
        let report = judge(f, &StatusOptions::default());
        let said: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
        assert!(said.iter().any(|m| m.contains("mode 644")), "{said:?}");
        assert!(remedies(&report).contains(&Some(Remedy::InstallSchedule)));
    }

    #[test]
    fn another_install_sharing_the_project_is_critical() {
        let mut f = facts(true, Some(80));
        f.containers = Some(Ok((
            vec![],
            crate::core::compose::StateSource::Engine,
            vec!["/srv/other/docker".into()],
        )));
        let report = judge(f, &StatusOptions::default());
        assert_eq!(report.verdict, Verdict::Critical);
        assert_eq!(report.project.other_folders, ["/srv/other/docker"]);
    }
}
