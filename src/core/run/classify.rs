//! Turning the output of a failed step into what went wrong, the lines that show it,
//! and what to do about it.

use crate::core::remedy::Remedy;

/// Known ways a run fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FailureClass {
    DaemonUnreachable,
    SocketPermission,
    ChallengeRejected,
    Dns,
    ConnectionTimeout,
    RateLimit,
    FailedValidationLimit,
    BadEmail,
    Caa,
    NginxCertificate,
    NginxUpstream,
    /// A staging certificate is in the way of a production one.
    StagingInTheWay,
    /// The compose command cannot be run.
    ComposeMissing,
    Unknown,
}

/// A classified failure: the class, the output lines that show it, and the fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnosis {
    pub class: FailureClass,
    pub evidence: Vec<String>,
    pub fix: Remedy,
}

/// (class, patterns that identify it (any, case-insensitive), fix; `{domain}` is filled in).
const RULES: &[(FailureClass, &[&str], &str)] = &[
    (
        FailureClass::SocketPermission,
        &[
            "permission denied while trying to connect to the docker daemon",
            "permission denied while trying to connect to the docker api",
        ],
        "",
    ),
    (
        FailureClass::DaemonUnreachable,
        &[
            "cannot connect to the docker daemon",
            "is the docker daemon running",
            "error while fetching server api version",
            "docker.errors.dockerexception",
        ],
        "The Docker daemon is not reachable: start it (`sudo systemctl start docker`) and check `docker info`.",
    ),
    (
        FailureClass::FailedValidationLimit,
        &[
            "too many failed authorizations",
            "failed validation limit",
            "too many failed validations",
        ],
        "Let's Encrypt's limit of 5 failed validations per hour for {domain} was hit: fix the cause above, wait an hour, and try staging mode first.",
    ),
    (
        FailureClass::RateLimit,
        &["too many certificates", "ratelimited", "rate limit"],
        "A Let's Encrypt rate limit was hit: the message says when to retry. Use staging mode meanwhile; it has far higher limits.",
    ),
    (
        FailureClass::Caa,
        &["caa record", "caa records"],
        "The domain's CAA records do not allow Let's Encrypt: add a CAA record `0 issue \"letsencrypt.org\"` for {domain}, or remove the restricting one.",
    ),
    (
        FailureClass::Dns,
        &[
            "nxdomain",
            "dns problem",
            "no valid ip addresses found",
            "servfail",
        ],
        "DNS for {domain} does not lead here: check its A/AAAA record points at this server's public address (and wait for DNS to update).",
    ),
    (
        FailureClass::ConnectionTimeout,
        &[
            "timeout during connect",
            "likely firewall problem",
            "connection refused",
            "timeout after connect",
            "connection reset by peer",
        ],
        "Let's Encrypt could not reach port 80 of {domain}: open port 80 to the internet (firewall, cloud security group, router forwarding) and make sure it reaches Dify's nginx.",
    ),
    (
        FailureClass::BadEmail,
        &[
            "invalidcontact",
            "invalid contact",
            "unable to register an account",
            "contact email",
            "forbidden domain",
        ],
        "Let's Encrypt refused the email address: use a real mailbox on a public domain (CERTBOT_EMAIL).",
    ),
    (
        FailureClass::NginxCertificate,
        &[
            "cannot load certificate",
            "no such file or directory:calls: call to 'open",
            "ssl_certificate",
        ],
        "nginx cannot load the certificate: check the files in volumes/certbot/conf/live/{domain}/ and NGINX_SSL_CERT_FILENAME=fullchain.pem, NGINX_SSL_CERT_KEY_FILENAME=privkey.pem.",
    ),
    (
        FailureClass::NginxUpstream,
        &["host not found in upstream"],
        "nginx cannot find Dify's api or web service: bring the whole stack up (`docker compose up -d`) so its upstreams exist.",
    ),
    (
        FailureClass::ChallengeRejected,
        &[
            "invalid response from",
            "unauthorized",
            "authorization failed",
            "some challenges have failed",
        ],
        "Let's Encrypt fetched the challenge file and got the wrong answer: check NGINX_ENABLE_CERTBOT_CHALLENGE=true (and nginx recreated), that port 80 reaches this Dify's nginx, and that no CDN or proxy in front answers /.well-known/acme-challenge/ itself.",
    ),
];

/// Classifies `lines` (the step's output and certbot's log); the first matching rule
/// in order wins, so specific causes come before general ones (a failed challenge is
/// what most failures also report, so it comes last).
pub fn diagnose(lines: &[String], domain: &str) -> Diagnosis {
    for (class, patterns, fix) in RULES {
        let evidence: Vec<String> = lines
            .iter()
            .filter(|l| {
                let lower = l.to_lowercase();
                patterns.iter().any(|p| lower.contains(p))
            })
            .take(5)
            .cloned()
            .collect();
        if !evidence.is_empty() {
            return Diagnosis {
                class: *class,
                evidence,
                fix: match class {
                    FailureClass::SocketPermission => Remedy::DockerAccess,
                    _ => Remedy::Text(fix.replace("{domain}", domain)),
                },
            };
        }
    }
    let mut evidence: Vec<String> = lines
        .iter()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .cloned()
        .collect();
    evidence.reverse();
    Diagnosis {
        class: FailureClass::Unknown,
        evidence,
        fix: Remedy::ReadLog,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_of(line: &str) -> FailureClass {
        diagnose(
            &["Saving debug log".to_string(), line.to_string()],
            "d.example.org",
        )
        .class
    }

    #[test]
    fn each_known_failure_is_recognised() {
        use FailureClass::*;
        let cases = [
            (
                "permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock",
                SocketPermission,
            ),
            (
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
                DaemonUnreachable,
            ),
            (
                "  Detail: 203.0.113.9: Invalid response from http://d.example.org/.well-known/acme-challenge/x: 404",
                ChallengeRejected,
            ),
            ("  Type:   unauthorized", ChallengeRejected),
            (
                "  Detail: DNS problem: NXDOMAIN looking up A for d.example.org",
                Dns,
            ),
            (
                "  Detail: 203.0.113.9: Timeout during connect (likely firewall problem)",
                ConnectionTimeout,
            ),
            (
                "Error creating new order :: too many certificates (5) already issued for this exact set of domains",
                RateLimit,
            ),
            (
                "urn:ietf:params:acme:error:rateLimited :: too many failed authorizations recently",
                FailedValidationLimit,
            ),
            (
                "Error: urn:ietf:params:acme:error:invalidContact :: Error validating contact(s)",
                BadEmail,
            ),
            (
                "  Detail: CAA record for d.example.org prevents issuance",
                Caa,
            ),
            (
                "nginx: [emerg] cannot load certificate \"/etc/letsencrypt/live/d/fullchain.pem\"",
                NginxCertificate,
            ),
            (
                "nginx: [emerg] host not found in upstream \"api:5001\"",
                NginxUpstream,
            ),
        ];
        for (line, class) in cases {
            assert_eq!(class_of(line), class, "{line}");
        }
    }

    #[test]
    fn the_fix_names_the_domain_and_evidence_is_kept() {
        let d = diagnose(
            &["x".into(), "DNS problem: NXDOMAIN looking up A".into()],
            "d.example.org",
        );
        assert!(matches!(&d.fix, Remedy::Text(t) if t.contains("d.example.org")));
        assert_eq!(d.evidence, ["DNS problem: NXDOMAIN looking up A"]);
    }

    #[test]
    fn unknown_failures_show_the_last_lines() {
        let lines: Vec<String> = (1..=8).map(|i| format!("line {i}")).collect();
        let d = diagnose(&lines, "d.example.org");
        assert_eq!(d.class, FailureClass::Unknown);
        assert_eq!(
            d.evidence,
            ["line 4", "line 5", "line 6", "line 7", "line 8"]
        );
    }
}
