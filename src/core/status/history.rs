//! certbot's own records: `renewal/<domain>.conf` (how it renews) and the last attempt
//! in `letsencrypt.log` (one file per certbot start: `.log`, then `.log.1`, ...).

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::core::files::{Links, SMALL_FILE_LIMIT, open_regular, read_bounded};
use crate::core::logs::last_lines;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenewalConf {
    pub authenticator: Option<String>,
    pub webroot_path: Option<String>,
    pub server: Option<String>,
    /// `renew_before_expiry` (e.g. `30 days`), when the lineage sets its own.
    pub renew_before_expiry: Option<String>,
    /// The certbot version that last wrote the conf (`version = 2.1.0`).
    pub version: Option<String>,
}

impl RenewalConf {
    /// How long before expiry certbot renews this lineage: the conf's own
    /// `renew_before_expiry` (`N day(s)`, `N week(s)`, `N hour(s)`), else 30 days for
    /// certbot before 4.0 (which renewed at a fixed 30 days); `None`: certbot's current
    /// default (a fraction of the lifetime, see `CertificateInfo::renewal_due_at`).
    pub fn renew_before(&self) -> Option<time::Duration> {
        let Some(text) = self.renew_before_expiry.as_deref() else {
            let major: Option<u32> = self
                .version
                .as_deref()
                .and_then(|v| v.split('.').next()?.parse().ok());
            return major.filter(|m| *m < 4).map(|_| time::Duration::days(30));
        };
        let mut words = text.split_whitespace();
        let n: i64 = words.next()?.parse().ok()?;
        let unit = words.next().unwrap_or("days").trim_end_matches('s');
        match unit {
            "day" => Some(time::Duration::days(n)),
            "week" => Some(time::Duration::weeks(n)),
            "hour" => Some(time::Duration::hours(n)),
            _ => None,
        }
    }

    /// Whether the conf names an ACME server other than Let's Encrypt's (production
    /// or staging): a private CA, given with `--server`.
    pub fn custom_server(&self) -> Option<&str> {
        self.server
            .as_deref()
            .filter(|s| !s.contains("api.letsencrypt.org"))
    }
}

/// Reads `key = value` lines of certbot's renewal configuration.
pub fn read_renewal_conf(path: &Path) -> Option<RenewalConf> {
    let bytes = read_bounded(path, SMALL_FILE_LIMIT, Links::Follow).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let value = |key: &str| {
        text.lines().find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_end_matches(',').to_string())
        })
    };
    Some(RenewalConf {
        authenticator: value("authenticator"),
        webroot_path: value("webroot_path"),
        server: value("server"),
        renew_before_expiry: value("renew_before_expiry"),
        version: value("version"),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttemptOutcome {
    Succeeded,
    /// certbot ran and found nothing due.
    Skipped,
    Failed,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    /// When the run started, as certbot logged it (`2026-11-29 02:12:51`).
    pub started: String,
    pub outcome: AttemptOutcome,
    /// The line that decided the outcome.
    pub evidence: Option<String>,
    /// A rehearsal (`--dry-run`): whatever it says, it saved nothing.
    pub dry_run: bool,
    pub file: PathBuf,
}

/// The last certbot run in `logs_dir` (the newest of `letsencrypt.log*`), read from the
/// end of the file only.
pub fn last_attempt(logs_dir: &Path) -> Option<Attempt> {
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(logs_dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("letsencrypt.log")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    files.sort();
    let (_, file) = files.pop()?;
    // The run's first line says when it started; only its first bytes are read.
    let first = {
        use std::io::Read;
        let mut head = Vec::with_capacity(512);
        open_regular(&file, u64::MAX, Links::Follow)
            .ok()?
            .take(512)
            .read_to_end(&mut head)
            .ok()?;
        let end = head.iter().position(|c| *c == b'\n').unwrap_or(head.len());
        String::from_utf8_lossy(&head[..end]).into_owned()
    };
    let started = first
        .get(..19)
        .filter(|s| s.as_bytes().get(4) == Some(&b'-'))
        .unwrap_or("")
        .to_string();
    let tail = last_lines(&file, 400).unwrap_or_default();
    let find = |needles: &[&str]| {
        tail.iter()
            .rev()
            .find(|l| needles.iter().any(|n| l.contains(n)))
            .cloned()
    };
    let (outcome, evidence) = if let Some(l) = find(&[
        "Traceback",
        ":ERROR:",
        "failed to renew",
        "Some challenges have failed",
    ]) {
        (AttemptOutcome::Failed, Some(l))
    } else if let Some(l) = find(&[
        "Successfully received certificate",
        "Congratulations",
        "renewals succeeded",
        "Certificate not yet due",
        "Dry run: skipping",
        "The dry run was successful",
    ]) {
        (AttemptOutcome::Succeeded, Some(l))
    } else if let Some(l) = find(&[
        "No renewals were attempted",
        "not yet due for renewal",
        "Cert not yet due",
    ]) {
        (AttemptOutcome::Skipped, Some(l))
    } else {
        (AttemptOutcome::Unknown, None)
    };
    let dry_run = tail
        .iter()
        .any(|l| l.contains("dry run") || l.contains("Dry run") || l.contains("dry_run = True"));
    Some(Attempt {
        started,
        outcome,
        evidence,
        dry_run,
        file,
    })
}

/// certbot runs written since `since` (each start writes its own `letsencrypt.log*`)
/// that failed a validation or an order: the ones that count toward Let's Encrypt's
/// "5 failed validations per hour" limit.
pub fn failed_runs_since(logs_dir: &Path, since: std::time::SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(logs_dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("letsencrypt.log")
        })
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since)
        })
        .filter(|e| {
            last_lines(&e.path(), 400)
                .unwrap_or_default()
                .iter()
                .any(|l| {
                    l.contains("Some challenges have failed")
                        || l.contains(":ERROR:")
                            && (l.contains("challenge") || l.contains("authoriz"))
                })
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_renewal_conf() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("d.conf");
        fs::write(&p, "version = 2.1.0\n[renewalparams]\nauthenticator = webroot\nwebroot_path = /var/www/html,\nserver = https://acme-v02.api.letsencrypt.org/directory\n").unwrap();
        let c = read_renewal_conf(&p).unwrap();
        assert_eq!(c.authenticator.as_deref(), Some("webroot"));
        assert_eq!(c.webroot_path.as_deref(), Some("/var/www/html"));
        assert!(c.server.as_deref().unwrap().contains("acme-v02"));
        // certbot 2.x renewed at a fixed 30 days; 4.0 and later at a third of the lifetime.
        assert_eq!(c.renew_before(), Some(time::Duration::days(30)));
        let newer = RenewalConf {
            version: Some("4.1.1".into()),
            ..c.clone()
        };
        assert_eq!(newer.renew_before(), None);
        let own = RenewalConf {
            renew_before_expiry: Some("2 weeks".into()),
            ..newer
        };
        assert_eq!(own.renew_before(), Some(time::Duration::weeks(2)));
    }

    #[test]
    fn the_newest_log_decides_the_last_attempt() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("letsencrypt.log.1"),
            "2026-11-01 01:00:00,000:DEBUG:x:start\nSuccessfully received certificate.\n",
        )
        .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(dir.path().join("letsencrypt.log"), "2026-11-29 02:00:00,000:DEBUG:x:start\n2026-11-29 02:00:01,000:ERROR:certbot:Some challenges have failed.\n").unwrap();
        let a = last_attempt(dir.path()).unwrap();
        assert_eq!(
            (a.started.as_str(), a.outcome),
            ("2026-11-29 02:00:00", AttemptOutcome::Failed)
        );
        fs::write(
            dir.path().join("letsencrypt.log"),
            "2026-11-29 03:00:00,000:DEBUG:x:start\nNo renewals were attempted.\n",
        )
        .unwrap();
        assert_eq!(
            last_attempt(dir.path()).unwrap().outcome,
            AttemptOutcome::Skipped
        );
        assert!(last_attempt(&dir.path().join("none")).is_none());
    }

    #[test]
    fn failed_runs_are_counted_since_a_time() {
        let dir = tempfile::tempdir().unwrap();
        for (i, text) in [
            "Some challenges have failed.\n",
            "Successfully received certificate.\n",
            "2026:ERROR:certbot.auth:challenge for x failed\n",
        ]
        .iter()
        .enumerate()
        {
            fs::write(dir.path().join(format!("letsencrypt.log.{i}")), text).unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        assert_eq!(failed_runs_since(dir.path(), hour_ago), 2);
        assert_eq!(
            failed_runs_since(
                dir.path(),
                std::time::SystemTime::now() + std::time::Duration::from_secs(60)
            ),
            0
        );
    }
}
