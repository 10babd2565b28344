//! Turning the output of a failed step into what went wrong, the lines that show it,
//! and what to do about it.

use crate::core::remedy::Remedy;
use crate::tr;

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

/// (class, patterns that identify it (any, case-insensitive)); each class has its fix.
const RULES: &[(FailureClass, &[&str])] = &[
    (
        FailureClass::SocketPermission,
        &[
            "permission denied while trying to connect to the docker daemon",
            "permission denied while trying to connect to the docker api",
        ],
    ),
    (
        FailureClass::DaemonUnreachable,
        &[
            "cannot connect to the docker daemon",
            "is the docker daemon running",
            "error while fetching server api version",
            "docker.errors.dockerexception",
        ],
    ),
    (
        FailureClass::FailedValidationLimit,
        &[
            "too many failed authorizations",
            "failed validation limit",
            "too many failed validations",
        ],
    ),
    (
        FailureClass::RateLimit,
        &["too many certificates", "ratelimited", "rate limit"],
    ),
    (FailureClass::Caa, &["caa record", "caa records"]),
    (
        FailureClass::Dns,
        &[
            "nxdomain",
            "dns problem",
            "no valid ip addresses found",
            "servfail",
        ],
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
    ),
    (
        FailureClass::NginxCertificate,
        &[
            "cannot load certificate",
            "no such file or directory:calls: call to 'open",
            "ssl_certificate",
        ],
    ),
    (FailureClass::NginxUpstream, &["host not found in upstream"]),
    (
        FailureClass::ChallengeRejected,
        &[
            "invalid response from",
            "unauthorized",
            "authorization failed",
            "some challenges have failed",
        ],
    ),
];

/// What to do about a failure of `class`, for `domain`.
fn fix_for(class: FailureClass, domain: &str) -> Remedy {
    let text = match class {
        FailureClass::SocketPermission => return Remedy::DockerAccess,
        FailureClass::Unknown | FailureClass::StagingInTheWay | FailureClass::ComposeMissing => {
            return Remedy::ReadLog;
        }
        FailureClass::DaemonUnreachable => tr!("core-fix-daemon"),
        FailureClass::FailedValidationLimit => tr!("core-fix-validation-limit", domain),
        FailureClass::RateLimit => tr!("core-fix-rate-limit"),
        FailureClass::Caa => tr!("core-fix-caa", domain),
        FailureClass::Dns => tr!("core-fix-dns", domain),
        FailureClass::ConnectionTimeout => tr!("core-fix-port-80", domain),
        FailureClass::BadEmail => tr!("core-fix-email"),
        FailureClass::NginxCertificate => tr!("core-fix-nginx-certificate", domain),
        FailureClass::NginxUpstream => tr!("core-fix-nginx-upstream"),
        FailureClass::ChallengeRejected => tr!("core-fix-challenge-rejected"),
    };
    Remedy::Text(text)
}

/// Classifies `lines` (the step's output and certbot's log); the first matching rule
/// in order wins, so specific causes come before general ones (a failed challenge is
/// what most failures also report, so it comes last).
pub fn diagnose(lines: &[String], domain: &str) -> Diagnosis {
    for (class, patterns) in RULES {
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
                fix: fix_for(*class, domain),
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
