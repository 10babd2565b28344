//! The doctor's second half: the rules, pure functions over the gathered facts, in the
//! order the checks are shown.

use super::checks::{Check, dns, fail, ok, script_safe, warn};
use super::gather::DoctorFacts;
use crate::core::dify::NginxPort;
use crate::core::remedy::Remedy;
use crate::core::run::uses_custom_ca;
use crate::core::setup::validate;

pub fn judge(facts: &DoctorFacts) -> Vec<Check> {
    let value = |key: &str| facts.value(key);
    let domain = value("CERTBOT_DOMAIN");
    let mut checks = Vec::new();

    // Tools, then the Dify folder.
    checks.extend(facts.compose.iter().cloned());
    checks.extend(facts.folder.iter().cloned());

    // .env.
    checks.push(script_safe(&value));
    let scope = validate::Scope::of_options(&value("CERTBOT_OPTIONS"));
    let domain_ok = match validate::domain(&domain, scope) {
        Ok(_) if domain != "your_domain.com" => {
            checks.push(ok("domain", format!("CERTBOT_DOMAIN={domain}")));
            true
        }
        Ok(_) => {
            checks.push(fail(
                "domain",
                "CERTBOT_DOMAIN is still Dify's placeholder",
                Remedy::SetUp,
            ));
            false
        }
        Err(e) => {
            checks.push(fail(
                "domain",
                format!("CERTBOT_DOMAIN={domain:?} is not usable: {e}"),
                Remedy::SetUp,
            ));
            false
        }
    };
    checks.push(match validate::email(&value("CERTBOT_EMAIL"), scope) {
        Ok(e) => ok("email", format!("CERTBOT_EMAIL={e}")),
        Err(e) => fail(
            "email",
            format!("CERTBOT_EMAIL is not usable: {e}"),
            Remedy::SetUp,
        ),
    });
    let challenge_on = value("NGINX_ENABLE_CERTBOT_CHALLENGE") == "true";
    checks.push(if challenge_on {
        ok("challenge-setting", "NGINX_ENABLE_CERTBOT_CHALLENGE=true")
    } else {
        fail(
            "challenge-setting",
            "NGINX_ENABLE_CERTBOT_CHALLENGE is not true: nginx will answer 404 to Let's Encrypt",
            Remedy::SetUpAgain {
                then: "(it sets NGINX_ENABLE_CERTBOT_CHALLENGE=true; recreate nginx after)".into(),
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
            "nginx will load fullchain.pem and privkey.pem",
        )
    } else {
        warn(
            "cert-filenames",
            format!(
                "nginx will look for {cert} and {key}, not certbot's fullchain.pem and privkey.pem"
            ),
            "set NGINX_SSL_CERT_FILENAME=fullchain.pem and NGINX_SSL_CERT_KEY_FILENAME=privkey.pem",
        )
    });
    checks.push(match (value("NGINX_HTTPS_ENABLED") == "true", facts.certificate.is_some()) {
        (true, false) => fail("https-before-certificate", "NGINX_HTTPS_ENABLED=true but there is no certificate yet: Dify's nginx cannot start", "set NGINX_HTTPS_ENABLED=false until the certificate exists (dify-https switches it on afterwards)"),
        (true, true) => ok("https-before-certificate", "HTTPS is on and the certificate exists"),
        (false, _) => ok("https-before-certificate", "HTTPS stays off until the certificate exists"),
    });
    let server_name = value("NGINX_SERVER_NAME");
    checks.push(if server_name == domain || !domain_ok {
        ok("server-name", format!("NGINX_SERVER_NAME={server_name}"))
    } else {
        warn(
            "server-name",
            format!("NGINX_SERVER_NAME is {server_name}, not {domain}"),
            format!("set NGINX_SERVER_NAME={domain} (the setup does)"),
        )
    });
    checks.push(match &facts.profiles {
        Ok(p) => ok(
            "profiles",
            format!("compose profiles kept: {}", p.join(", ")),
        ),
        Err(e) => fail("profiles", e.clone(), "fix COMPOSE_PROFILES in .env"),
    });

    // Ports.
    let http = NginxPort::Http.parse(Some(&value(NginxPort::Http.key())));
    let https = NginxPort::Https.parse(Some(&value(NginxPort::Https.key())));
    checks.push(match &http {
        Ok(p) if p.port == 80 || facts.proxy_forwards_80 => {
            ok("port-80", format!("nginx is published on port {}", p.port))
        }
        Ok(p) => warn(
            "port-80",
            format!(
                "EXPOSE_NGINX_PORT={}: Let's Encrypt only ever connects to port 80",
                p.port
            ),
            Remedy::ProxyForwards80,
        ),
        Err(e) => fail(
            "port-80",
            e.to_string(),
            "set it to the host port nginx is published on, e.g. EXPOSE_NGINX_PORT=80",
        ),
    });
    if let Err(e) = &https {
        checks.push(fail(
            "ssl-port",
            e.to_string(),
            "set it to the host port nginx publishes HTTPS on, e.g. EXPOSE_NGINX_SSL_PORT=443",
        ));
    }
    for port in &facts.ports_taken {
        checks.push(warn(
            "port-in-use",
            format!("something that is not Dify's nginx listens on port {port}"),
            "stop it (another web server?) or nginx cannot publish the port",
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
            "not tried: CERTBOT_DOMAIN is not usable yet (see the domain check)",
            "the run tests it right before asking Let's Encrypt",
        ),
        (_, Some(challenge), true) => challenge.clone(),
        (Some((addr, Err(e))), None, true) => warn(
            "challenge-path",
            format!("not tried: nginx does not answer on {addr} ({e})"),
            "the run starts nginx and tests it right before asking Let's Encrypt",
        ),
        (_, None, true) => warn(
            "challenge-path",
            "not tried: nginx's published port cannot be read (see port-80)",
            "the run tests it right before asking Let's Encrypt",
        ),
    });

    // An existing certificate.
    if let Some(c) = &facts.certificate {
        let days = c.days_left(time::OffsetDateTime::from(facts.now));
        checks.push(if c.staging && uses_custom_ca(&value("CERTBOT_OPTIONS")) {
            ok("existing-certificate", format!("a certificate from the CA named in CERTBOT_OPTIONS (--server) exists ({}), {days} days left", c.issuer))
        } else if c.staging {
            warn("existing-certificate", format!("a test certificate exists ({}), {days} days left", c.issuer), "a production run replaces it (after your yes)")
        } else if c.covers(&domain) && days > 30 {
            ok("existing-certificate", format!("a valid certificate for {domain} has {days} days left: no new issuance is needed"))
        } else {
            ok("existing-certificate", format!("the certificate has {days} days left: renewal is due"))
        });
    }

    // The renewal schedule.
    checks.extend(facts.schedule.iter().cloned());

    // Rate limits.
    let failed = facts.failed_runs;
    checks.push(if failed >= 3 {
        warn("recent-failures", format!("{failed} failed certbot runs in the last hour: Let's Encrypt allows 5 failed validations per hour"), Remedy::UseStaging)
    } else {
        ok("recent-failures", format!("{failed} failed certbot runs in the last hour"))
    });
    checks
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
