//! The doctor's first half: everything it looks at, read from the folder, compose,
//! the network and DNS, through small ports (the resolver, the network, the compose
//! command) that tests answer without servers. No rule is decided here beyond what
//! is needed to know what to ask (a domain that is not usable is not resolved).

use std::collections::HashMap;
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime};

use super::checks::{
    Check, DoctorInput, certbot_files, challenge_path, compose_checks, folder_services,
    schedule_check, upgrade_check, volumes_writable,
};
use crate::core::certificate::{CertificateInfo, read_chain_file};
use crate::core::compose::{profiles_with_certbot, project_name};
use crate::core::dify::NginxPort;
use crate::core::probe::http_get;
use crate::core::setup::validate;
use crate::core::status::failed_runs_since;

/// The network as the doctor reaches it (tests answer with a stub).
pub trait Network {
    /// Whether something accepts connections on `addr`.
    fn listening(&self, addr: SocketAddr, timeout: Duration) -> bool;
    /// Whether an HTTP server answers `GET /` for `host` on `addr` (any status).
    fn answers_http(&self, addr: SocketAddr, host: &str, timeout: Duration) -> Result<(), String>;
}

/// This host's network.
pub struct HostNetwork;

impl Network for HostNetwork {
    fn listening(&self, addr: SocketAddr, timeout: Duration) -> bool {
        TcpStream::connect_timeout(&addr, timeout).is_ok()
    }

    fn answers_http(&self, addr: SocketAddr, host: &str, timeout: Duration) -> Result<(), String> {
        http_get(addr, host, "/", timeout)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// What the rules look at.
#[derive(Debug, Clone)]
pub struct DoctorFacts {
    /// `.env` resolved as compose would (the process environment over the file).
    pub values: HashMap<String, String>,
    /// The compose profiles a run enables, or why they cannot be worked out.
    pub profiles: Result<Vec<String>, String>,
    /// compose, the daemon, the project and its containers (already judged where the
    /// facts are compose's own answers).
    pub compose: Vec<Check>,
    /// Whether Dify's nginx runs (`None`: compose could not tell).
    pub nginx_running: Option<bool>,
    /// The folder's services, certbot's files, the volumes.
    pub folder: Vec<Check>,
    pub certificate: Option<CertificateInfo>,
    /// Why the key beside the certificate cannot serve it (`None`: it can, or no certificate).
    pub key_problem: Option<String>,
    /// Ports nginx publishes that something else holds (asked only when nginx is down).
    pub ports_taken: Vec<u16>,
    /// What DNS answered for the domain (asked only when the domain is usable).
    pub dns: Option<Result<Vec<std::net::IpAddr>, String>>,
    pub local_addrs: Vec<std::net::IpAddr>,
    /// Whether nginx answers HTTP on its published port, and then the challenge path
    /// through it (asked only when the domain is usable).
    pub nginx_answer: Option<(SocketAddr, Result<(), String>)>,
    pub challenge: Option<Check>,
    pub schedule: Option<Check>,
    /// Failed certbot runs in the last hour.
    pub failed_runs: usize,
    /// What drifted since dify-https last applied HTTPS (`None`: no record, no drift).
    pub drift: Option<crate::core::applied::Drift>,
    /// Where the certificate nginx loads comes from; for an imported one, how the
    /// import's rules judge it (`None` when the pair cannot be read).
    pub source: crate::core::dify::Source,
    pub imported_check: Option<crate::core::import::Checked>,
    pub now: SystemTime,
    pub proxy_forwards_80: bool,
}

impl DoctorFacts {
    pub fn value(&self, key: &str) -> String {
        self.values.get(key).cloned().unwrap_or_default()
    }

    /// The domain the rules judge (and gathering asks DNS and nginx about), when usable.
    pub fn usable_domain(&self) -> Option<String> {
        let domain = self.value("CERTBOT_DOMAIN");
        let scope = validate::Scope::of_options(&self.value("CERTBOT_OPTIONS"));
        (domain != "your_domain.com" && validate::domain(&domain, scope).is_ok()).then_some(domain)
    }
}

pub fn gather(input: &DoctorInput) -> DoctorFacts {
    // Resolved once: resolving one key interpolates the whole file.
    let values = input.doc.resolve_all(input.env).unwrap_or_default();
    let profiles = profiles_with_certbot(input.doc, input.env).map_err(|e| e.to_string());
    let (compose, nginx_running) = compose_checks(input, profiles.as_deref().unwrap_or_default());
    let mut facts = DoctorFacts {
        values,
        profiles,
        compose,
        nginx_running,
        folder: vec![
            folder_services(input.folder),
            certbot_files(input.folder),
            volumes_writable(input.folder),
        ],
        certificate: None,
        key_problem: None,
        ports_taken: vec![],
        dns: None,
        local_addrs: input.local_addrs.clone(),
        nginx_answer: None,
        challenge: None,
        schedule: None,
        drift: None,
        source: crate::core::dify::Source::Letsencrypt,
        imported_check: None,
        failed_runs: failed_runs_since(
            &input.folder.certbot_logs_dir(),
            input.now - Duration::from_secs(3600),
        ),
        now: input.now,
        proxy_forwards_80: input.proxy_forwards_80,
    };
    let drift = crate::core::applied::drift_of(input.folder, input.doc);
    // A .env that lost CERTBOT_DOMAIN still has the certificate dify-https applied.
    let mut domain = facts.value("CERTBOT_DOMAIN");
    if let Some(recorded) = drift.as_ref().and_then(|(r, _)| r.domain())
        && (domain.is_empty() || domain == "your_domain.com")
    {
        domain = recorded.to_string();
    }
    facts.drift = drift.map(|(_, d)| d);
    facts.folder.extend(upgrade_check(input.folder, input.doc));
    // The pair nginx loads, by its entrypoint's rule (a lineage, or an imported pair).
    let files = crate::core::dify::served_files(input.folder, &facts.values);
    facts.source = files.source;
    let (cert, key) = match files.source {
        crate::core::dify::Source::Imported => (files.cert, files.key),
        crate::core::dify::Source::Letsencrypt => {
            let live = input.folder.live_dir(&domain);
            (live.join("fullchain.pem"), live.join("privkey.pem"))
        }
    };
    facts.certificate = read_chain_file(&cert).ok();
    if facts.certificate.is_some() {
        facts.key_problem =
            crate::core::certificate::pair_key_problem(&cert, &key).map(|p| match p {
                crate::core::certificate::KeyUse::Unreadable(why) => why,
                crate::core::certificate::KeyUse::Wrong(p) => p.to_string(),
            });
    }
    if facts.source == crate::core::dify::Source::Imported && facts.key_problem.is_none() {
        facts.imported_check = crate::core::import::judge_installed(
            &cert,
            &key,
            &domain,
            time::OffsetDateTime::from(input.now),
        );
    }

    let http = NginxPort::Http.parse(Some(&facts.value(NginxPort::Http.key())));
    let https = NginxPort::Https.parse(Some(&facts.value(NginxPort::Https.key())));
    if facts.nginx_running == Some(false) {
        for p in [&http, &https].into_iter().flatten() {
            if input.network.listening(p.local_addr(), input.timeout) {
                facts.ports_taken.push(p.port);
            }
        }
    }
    if let Some(domain) = facts.usable_domain() {
        facts.dns = Some(input.resolver.lookup(&domain).map_err(|e| e.to_string()));
        if let Ok(p) = &http {
            let addr = p.local_addr();
            let answer = input.network.answers_http(addr, &domain, input.timeout);
            if answer.is_ok() {
                let challenge_on = facts.value("NGINX_ENABLE_CERTBOT_CHALLENGE") == "true";
                let profiles = facts.profiles.as_deref().ok();
                facts.challenge =
                    Some(challenge_path(input, profiles, addr, &domain, challenge_on));
            }
            facts.nginx_answer = Some((addr, answer));
        }
    }
    if let Some(root) = &input.schedule_root {
        let project = project_name(input.folder, input.doc, input.env);
        facts.schedule = Some(schedule_check(
            root,
            input.folder,
            &project,
            facts.certificate.is_some(),
            facts.source == crate::core::dify::Source::Imported,
        ));
    }
    facts
}
