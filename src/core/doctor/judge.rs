//! The doctor's second half: the rules, pure functions over the gathered facts, in the
//! order the checks are shown.

use super::checks::{Check, dns, fail, ok, script_safe, warn};
use super::gather::DoctorFacts;
use crate::core::dify::NginxPort;
use crate::core::remedy::Remedy;
use crate::core::run::uses_custom_ca;
use crate::core::setup::validate;
use crate::tr;

pub fn judge(facts: &DoctorFacts) -> Vec<Check> {
    let value = |key: &str| facts.value(key);
    let domain = value("CERTBOT_DOMAIN");
    let mut checks = Vec::new();
    // An imported certificate: nobody asks Let's Encrypt, so the issuance checks
    // (email, challenge, port 80, certbot's file names, failed runs) do not apply.
    let imported = facts.source == crate::core::dify::Source::Imported;

    // Tools, then the Dify folder.
    checks.extend(facts.compose.iter().cloned());
    checks.extend(facts.folder.iter().cloned());

    // .env.
    checks.push(script_safe(&value));
    let scope = if imported {
        validate::Scope::CustomCa
    } else {
        validate::Scope::of_options(&value("CERTBOT_OPTIONS"))
    };
    let domain_ok = match validate::domain(&domain, scope) {
        Ok(_) if domain != "your_domain.com" => {
            checks.push(ok("domain", format!("CERTBOT_DOMAIN={domain}")));
            true
        }
        Ok(_) => {
            checks.push(fail(
                "domain",
                tr!("core-doctor-certbot-domain-is-still-difys"),
                Remedy::SetUp,
            ));
            false
        }
        Err(e) => {
            checks.push(fail(
                "domain",
                tr!(
                    "core-doctor-certbot-domain-domain-is-not",
                    domain = format!("{:?}", domain),
                    e
                ),
                Remedy::SetUp,
            ));
            false
        }
    };
    if imported {
        checks.push(imported_check(facts, &domain));
    } else {
        issuance_settings(facts, scope, &mut checks);
    }
    checks.push(
        match (
            value("NGINX_HTTPS_ENABLED") == "true",
            facts.certificate.is_some(),
        ) {
            (true, false) => fail(
                "https-before-certificate",
                tr!("core-doctor-nginx-https-enabled-true-but"),
                tr!("core-doctor-set-nginx-https-enabled-false"),
            ),
            (true, true) => match &facts.key_problem {
                Some(why) => fail(
                    "https-before-certificate",
                    tr!("status-finding-key-unusable", why = why.clone()),
                    if imported {
                        Remedy::ReplaceCertificate
                    } else {
                        Remedy::ForceRenew {
                            first: tr!("status-remedy-key-restore-first"),
                        }
                    },
                ),
                None => ok(
                    "https-before-certificate",
                    tr!("core-doctor-https-is-on-and-the"),
                ),
            },
            (false, _) => ok(
                "https-before-certificate",
                tr!("core-doctor-https-stays-off-until-the"),
            ),
        },
    );
    if let Some(check) = applied_check(facts) {
        checks.push(check);
    }
    let server_name = value("NGINX_SERVER_NAME");
    checks.push(if server_name == domain || !domain_ok {
        ok("server-name", format!("NGINX_SERVER_NAME={server_name}"))
    } else {
        warn(
            "server-name",
            tr!(
                "core-doctor-nginx-server-name-is-server",
                server_name,
                domain
            ),
            tr!("core-doctor-set-nginx-server-name-domain", domain),
        )
    });
    checks.push(match &facts.profiles {
        Ok(p) => ok(
            "profiles",
            tr!(
                "core-doctor-compose-profiles-kept",
                p = (p.join(", ")).to_string()
            ),
        ),
        Err(e) => fail(
            "profiles",
            e.clone(),
            tr!("core-doctor-fix-compose-profiles-in-env"),
        ),
    });
    if imported {
        let https = NginxPort::Https.parse(Some(&value(NginxPort::Https.key())));
        if let Err(e) = &https {
            checks.push(fail("ssl-port", e.to_string(), tr!("core-https-port-fix")));
        }
        if let (true, Some(lookup)) = (domain_ok, &facts.dns) {
            checks.push(dns(&domain, lookup, &facts.local_addrs));
        }
        checks.extend(facts.schedule.iter().cloned());
        return checks;
    }
    issuance_checks(facts, &domain, domain_ok, checks)
}

/// The settings only a Let's Encrypt issuance reads: the email, the challenge setting,
/// certbot's file names.
fn issuance_settings(facts: &DoctorFacts, scope: validate::Scope, checks: &mut Vec<Check>) {
    let value = |key: &str| facts.value(key);
    checks.push(match validate::email(&value("CERTBOT_EMAIL"), scope) {
        Ok(e) => ok("email", format!("CERTBOT_EMAIL={e}")),
        Err(e) => fail(
            "email",
            tr!("core-doctor-certbot-email-is-not-usable", e),
            Remedy::SetUp,
        ),
    });
    let challenge_on = value("NGINX_ENABLE_CERTBOT_CHALLENGE") == "true";
    checks.push(if challenge_on {
        ok("challenge-setting", "NGINX_ENABLE_CERTBOT_CHALLENGE=true")
    } else {
        fail(
            "challenge-setting",
            tr!("core-doctor-nginx-enable-certbot-challenge-is"),
            Remedy::SetUpAgain {
                then: tr!("core-doctor-it-sets-nginx-enable-certbot"),
            },
        )
    });
    let (cert, key) = (
        value("NGINX_SSL_CERT_FILENAME"),
        value("NGINX_SSL_CERT_KEY_FILENAME"),
    );
    checks.push(if cert == "fullchain.pem" && key == "privkey.pem" {
        ok(
            "cert-filenames",
            tr!("core-doctor-nginx-will-load-fullchain-pem"),
        )
    } else {
        warn(
            "cert-filenames",
            tr!("core-doctor-nginx-will-look-for-cert", cert, key),
            tr!("core-cert-filename-fix"),
        )
    });
}

/// The rest of what an issuance needs: port 80, DNS, the challenge path through
/// nginx, the certificate there, the schedule, the failed-validation limit.
fn issuance_checks(
    facts: &DoctorFacts,
    domain: &str,
    domain_ok: bool,
    mut checks: Vec<Check>,
) -> Vec<Check> {
    let value = |key: &str| facts.value(key);
    let domain = domain.to_string();
    // Ports.
    let http = NginxPort::Http.parse(Some(&value(NginxPort::Http.key())));
    let https = NginxPort::Https.parse(Some(&value(NginxPort::Https.key())));
    checks.push(match &http {
        Ok(p) if p.port == 80 || facts.proxy_forwards_80 => ok(
            "port-80",
            tr!(
                "core-doctor-nginx-is-published-on-port",
                port = (p.port).to_string()
            ),
        ),
        Ok(p) => warn(
            "port-80",
            tr!(
                "core-doctor-expose-nginx-port-lets-encrypt",
                port = (p.port).to_string()
            ),
            Remedy::ProxyForwards80,
        ),
        Err(e) => fail(
            "port-80",
            e.to_string(),
            tr!("core-doctor-set-it-to-the-host"),
        ),
    });
    if let Err(e) = &https {
        checks.push(fail("ssl-port", e.to_string(), tr!("core-https-port-fix")));
    }
    for port in &facts.ports_taken {
        checks.push(warn(
            "port-in-use",
            tr!("core-doctor-something-that-is-not-difys", port),
            tr!("core-doctor-stop-it-another-web-server"),
        ));
    }

    // DNS.
    if let (true, Some(lookup)) = (domain_ok, &facts.dns) {
        checks.push(dns(&domain, lookup, &facts.local_addrs));
    }

    // The challenge path through nginx, when it runs; when it was not tried, why not.
    checks.push(match (&facts.nginx_answer, &facts.challenge, domain_ok) {
        (_, _, false) => warn(
            "challenge-path",
            tr!("core-doctor-not-tried-certbot-domain-is"),
            tr!("core-doctor-the-run-tests-it-right"),
        ),
        (_, Some(challenge), true) => challenge.clone(),
        (Some((addr, Err(e))), None, true) => warn(
            "challenge-path",
            tr!(
                "core-doctor-not-tried-nginx-does-not",
                addr = addr.to_string(),
                e = e.to_string()
            ),
            tr!("core-doctor-the-run-starts-nginx-and"),
        ),
        (_, None, true) => warn(
            "challenge-path",
            tr!("core-doctor-not-tried-nginxs-published-port"),
            tr!("core-doctor-the-run-tests-it-right"),
        ),
    });

    // An existing certificate.
    if let Some(c) = &facts.certificate {
        let days = c.days_left(time::OffsetDateTime::from(facts.now));
        checks.push(if c.staging && uses_custom_ca(&value("CERTBOT_OPTIONS")) {
            ok(
                "existing-certificate",
                tr!(
                    "core-doctor-a-certificate-from-the-ca",
                    issuer = (c.issuer).to_string(),
                    days
                ),
            )
        } else if c.staging {
            warn(
                "existing-certificate",
                tr!(
                    "core-doctor-a-test-certificate-exists-days",
                    issuer = (c.issuer).to_string(),
                    days
                ),
                tr!("core-doctor-a-production-run-replaces-it"),
            )
        } else if c.covers(&domain) && days > 30 {
            ok(
                "existing-certificate",
                tr!("core-doctor-a-valid-certificate-for-domain", domain, days),
            )
        } else {
            ok(
                "existing-certificate",
                tr!("core-doctor-the-certificate-has-days-days", days),
            )
        });
    }

    // The renewal schedule.
    checks.extend(facts.schedule.iter().cloned());

    // Rate limits.
    let failed = facts.failed_runs;
    checks.push(if failed >= 3 {
        warn(
            "recent-failures",
            tr!("core-doctor-failed-failed-certbot-runs-in", failed),
            Remedy::UseStaging,
        )
    } else {
        ok(
            "recent-failures",
            tr!("core-doctor-failed-failed-certbot-runs-in-2", failed),
        )
    });
    checks
}

/// The imported certificate, judged as an import is (`imported-certificate`).
fn imported_check(facts: &DoctorFacts, domain: &str) -> Check {
    use crate::core::import::Weight;
    const ID: &str = "imported-certificate";
    let Some(checked) = &facts.imported_check else {
        return fail(
            ID,
            tr!("doctor-imported-unreadable"),
            Remedy::ReplaceCertificate,
        );
    };
    if let Some(refusal) = checked.refusals().next() {
        let (what, _) = crate::i18n::import_words::finding(refusal);
        return fail(ID, what, Remedy::ReplaceCertificate);
    }
    if let Some(warning) = checked.findings.iter().find(|f| {
        f.weight() == Weight::Warning
            && !matches!(
                f,
                crate::core::import::ImportFinding::PrivateRoot { .. }
                    | crate::core::import::ImportFinding::SelfSigned
            )
    }) {
        let (what, _) = crate::i18n::import_words::finding(warning);
        return warn(ID, what, Remedy::ReplaceCertificate);
    }
    let days = checked
        .leaf
        .as_ref()
        .map(|l| l.days_left(time::OffsetDateTime::from(facts.now)))
        .unwrap_or_default();
    let date = checked
        .leaf
        .as_ref()
        .map(|l| l.not_after.date().to_string())
        .unwrap_or_default();
    ok(
        ID,
        tr!(
            "doctor-imported-good",
            domain = domain.to_string(),
            days,
            date
        ),
    )
}

/// `.env` against what dify-https last applied for HTTPS (after Dify's env sync, a
/// checkout, a hand edit): the keys nginx needs, and Dify's files that read them.
fn applied_check(facts: &DoctorFacts) -> Option<Check> {
    // Nothing drifted: nothing to say (the checklist stays as short as before).
    let drift = facts.drift.as_ref()?;
    let keys: Vec<&str> = drift.keys.iter().map(|k| k.key.as_str()).collect();
    Some(
        if !keys.is_empty() && drift.nginx_will_fail && drift.certificate_on_disk {
            fail(
                "applied",
                tr!(
                    "doctor-applied-nginx-will-not-start",
                    keys = keys.join(", ")
                ),
                Remedy::Repair,
            )
        } else if !keys.is_empty() {
            warn(
                "applied",
                tr!("doctor-applied-keys-differ", keys = keys.join(", ")),
                Remedy::Repair,
            )
        } else {
            warn(
                "applied",
                tr!(
                    "doctor-applied-files-changed",
                    files = drift.changed_files.join(", ")
                ),
                Remedy::Repair,
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;
    use crate::core::doctor::CheckStatus;

    /// The facts of a folder set up for `dify.acmecorp.io`, nginx not answering yet.
    fn facts(env: &[(&str, &str)]) -> DoctorFacts {
        let mut values: std::collections::HashMap<String, String> = [
            ("CERTBOT_DOMAIN", "dify.acmecorp.io"),
            ("CERTBOT_EMAIL", "ops@acme-corp.dev"),
            ("NGINX_ENABLE_CERTBOT_CHALLENGE", "true"),
            ("NGINX_SSL_CERT_FILENAME", "fullchain.pem"),
            ("NGINX_SSL_CERT_KEY_FILENAME", "privkey.pem"),
            ("NGINX_HTTPS_ENABLED", "false"),
            ("NGINX_SERVER_NAME", "dify.acmecorp.io"),
            ("EXPOSE_NGINX_PORT", "80"),
            ("EXPOSE_NGINX_SSL_PORT", "443"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (k, v) in env {
            values.insert(k.to_string(), v.to_string());
        }
        DoctorFacts {
            values,
            profiles: Ok(vec!["certbot".into()]),
            compose: vec![],
            nginx_running: Some(true),
            folder: vec![],
            certificate: None,
            key_problem: None,
            ports_taken: vec![],
            dns: Some(Ok(vec!["203.0.113.10".parse().unwrap()])),
            local_addrs: vec!["203.0.113.10".parse().unwrap()],
            nginx_answer: Some((
                "127.0.0.1:80".parse().unwrap(),
                Err("connection refused".into()),
            )),
            challenge: None,
            schedule: None,
            failed_runs: 0,
            drift: None,
            source: crate::core::dify::Source::Letsencrypt,
            imported_check: None,
            now: SystemTime::now(),
            proxy_forwards_80: false,
        }
    }

    fn status(checks: &[Check], id: &str) -> CheckStatus {
        checks
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no {id} in {checks:?}"))
            .status
    }

    #[test]
    fn a_set_up_folder_passes_the_env_rules() {
        let checks = judge(&facts(&[]));
        for id in [
            "domain",
            "email",
            "challenge-setting",
            "cert-filenames",
            "port-80",
            "dns",
        ] {
            assert_eq!(status(&checks, id), CheckStatus::Ok, "{id}");
        }
        assert_eq!(status(&checks, "challenge-path"), CheckStatus::Warn);
    }

    #[test]
    fn the_placeholder_domain_fails_and_nothing_is_tried_through_nginx() {
        let checks = judge(&facts(&[("CERTBOT_DOMAIN", "your_domain.com")]));
        assert_eq!(status(&checks, "domain"), CheckStatus::Fail);
        let path = checks.iter().find(|c| c.id == "challenge-path").unwrap();
        assert!(
            path.message.contains("CERTBOT_DOMAIN is not usable"),
            "{path:?}"
        );
        assert!(!checks.iter().any(|c| c.id == "dns"));
    }

    #[test]
    fn another_port_than_80_warns_unless_a_proxy_forwards_it() {
        let mut f = facts(&[("EXPOSE_NGINX_PORT", "8080")]);
        assert_eq!(status(&judge(&f), "port-80"), CheckStatus::Warn);
        f.proxy_forwards_80 = true;
        assert_eq!(status(&judge(&f), "port-80"), CheckStatus::Ok);
    }

    #[test]
    fn https_on_without_a_certificate_fails() {
        let checks = judge(&facts(&[("NGINX_HTTPS_ENABLED", "true")]));
        assert_eq!(
            status(&checks, "https-before-certificate"),
            CheckStatus::Fail
        );
    }

    #[test]
    fn a_taken_port_and_recent_failures_warn_with_their_remedy() {
        let mut f = facts(&[]);
        f.ports_taken = vec![80];
        f.failed_runs = 3;
        let checks = judge(&f);
        assert_eq!(status(&checks, "port-in-use"), CheckStatus::Warn);
        let failures = checks.iter().find(|c| c.id == "recent-failures").unwrap();
        assert_eq!(failures.status, CheckStatus::Warn);
        assert_eq!(failures.remedy, Some(Remedy::UseStaging));
    }

    #[test]
    fn dns_pointing_at_loopback_fails() {
        let mut f = facts(&[]);
        f.dns = Some(Ok(vec!["127.0.0.1".parse().unwrap()]));
        assert_eq!(status(&judge(&f), "dns"), CheckStatus::Fail);
    }
}
