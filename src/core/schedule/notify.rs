//! Telling someone: Let's Encrypt stopped its expiry emails in 2025, so a scheduled
//! run POSTs a short message to webhooks when a renewal fails or the verdict turns
//! warning/critical, once when it is fine again, and while it stays bad at most one
//! reminder a day. The format follows the URL's host (Slack-compatible, Feishu/Lark,
//! DingTalk, WeCom, ntfy) or is chosen; a failed POST never fails the renewal.

use crate::tr;
use std::io::{self, Write};
use std::time::Duration;

use crate::core::net::WebUrl;

use serde::{Deserialize, Serialize};

/// A message's JSON (or text) shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `{"text": …}`: Slack, Mattermost, Rocket.Chat and most chat webhooks.
    Slack,
    /// Feishu / Lark robot: `{"msg_type": "text", "content": {"text": …}}`.
    Feishu,
    /// DingTalk robot: `{"msgtype": "text", "text": {"content": …}}`.
    Dingtalk,
    /// WeCom (WeChat Work) robot: `{"msgtype": "text", "text": {"content": …}}`.
    Wecom,
    /// ntfy: the text as the body.
    Ntfy,
    /// The `status --json` document.
    Json,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Ok(match s {
            "slack" => Format::Slack,
            "feishu" | "lark" => Format::Feishu,
            "dingtalk" => Format::Dingtalk,
            "wecom" => Format::Wecom,
            "ntfy" => Format::Ntfy,
            "json" => Format::Json,
            _ => {
                return Err(tr!(
                    "core-notify-unknown-format-s-slack-feishu",
                    s = format!("{:?}", s)
                ));
            }
        })
    }
}

impl Format {
    /// The format a webhook URL's host speaks.
    pub fn for_url(url: &str) -> Format {
        let host = WebUrl::parse(url)
            .map(|u| u.host().to_ascii_lowercase())
            .unwrap_or_default();
        let is = |d: &str| host == d || host.ends_with(&format!(".{d}"));
        if is("feishu.cn") || is("larksuite.com") {
            Format::Feishu
        } else if is("dingtalk.com") {
            Format::Dingtalk
        } else if is("weixin.qq.com") {
            Format::Wecom
        } else if is("ntfy.sh") || host.starts_with("ntfy.") {
            Format::Ntfy
        } else {
            Format::Slack
        }
    }
}

/// A webhook to tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub url: String,
    pub format: Format,
}

/// What a message says: host, domain, verdict, days left, one line of why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub host: String,
    pub domain: String,
    /// `OK`, `WARNING`, `CRITICAL`, `UNKNOWN`.
    pub verdict: String,
    pub days_left: Option<i64>,
    pub reason: String,
    /// The `status --json` document, for [`Format::Json`].
    pub status_json: serde_json::Value,
}

impl Message {
    /// The message about `report` on `host`, saying `reason`.
    pub fn about(
        report: &crate::core::status::StatusReport,
        host: &str,
        reason: String,
        words: &dyn Fn(&crate::core::remedy::Remedy) -> String,
    ) -> Message {
        Message {
            host: host.to_string(),
            domain: report.domain.clone().unwrap_or_default(),
            verdict: report.verdict.word().to_string(),
            days_left: report.certificate.as_ref().map(|c| c.days_left),
            reason,
            status_json: report.to_json(words),
        }
    }

    pub fn text(&self) -> String {
        let days = self
            .days_left
            .map(|d| tr!("core-notify-d-days-left", d))
            .unwrap_or_default();
        tr!(
            "core-notify-dify-https-on-days",
            verdict = (self.verdict).to_string(),
            host = (self.host).to_string(),
            domain = (self.domain).to_string(),
            days,
            reason = (self.reason).to_string()
        )
    }

    /// The request body and its content type, in `format`.
    pub fn body(&self, format: Format) -> (Vec<u8>, &'static str) {
        let text = self.text();
        let json = match format {
            Format::Slack => serde_json::json!({ "text": text }),
            Format::Feishu => {
                serde_json::json!({ "msg_type": "text", "content": { "text": text } })
            }
            Format::Dingtalk | Format::Wecom => {
                serde_json::json!({ "msgtype": "text", "text": { "content": text } })
            }
            Format::Ntfy => return (text.into_bytes(), "text/plain; charset=utf-8"),
            Format::Json => self.status_json.clone(),
        };
        (json.to_string().into_bytes(), "application/json")
    }
}

/// Whether to tell now: a failed renewal always; the verdict turning bad, or back to
/// fine, once; while it stays bad, a reminder when the last one is a day old.
pub fn should_notify(
    renewal_failed: bool,
    verdict_bad: bool,
    last: Option<&Notified>,
    now: time::OffsetDateTime,
) -> bool {
    match last {
        _ if renewal_failed => true,
        None => verdict_bad,
        Some(l) if l.bad != verdict_bad => true,
        Some(l) => {
            verdict_bad
                && time::OffsetDateTime::parse(
                    &l.at,
                    &time::format_description::well_known::Rfc3339,
                )
                .is_ok_and(|at| now - at >= time::Duration::hours(24))
        }
    }
}

/// The last message sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notified {
    /// RFC 3339.
    pub at: String,
    /// Whether it told of trouble (warning, critical, a failed renewal).
    pub bad: bool,
}

/// Where the webhooks are kept: beside the certificates, readable by root only (a
/// webhook URL is a secret), not in the world-readable unit or cron files.
pub fn targets_path(folder: &crate::core::dify::DifyFolder) -> std::path::PathBuf {
    folder
        .root()
        .join("volumes/certbot/.dify-https-notify.json")
}

/// The configured webhooks (none when the file is missing or damaged).
pub fn targets(folder: &crate::core::dify::DifyFolder) -> Vec<Target> {
    crate::core::files::read_bounded(
        &targets_path(folder),
        crate::core::files::SMALL_FILE_LIMIT,
        crate::core::files::Links::Refuse,
    )
    .ok()
    .and_then(|b| serde_json::from_slice(&b).ok())
    .unwrap_or_default()
}

/// Keeps `list` as the webhooks (mode 0600; an empty list removes the file).
pub fn save_targets(folder: &crate::core::dify::DifyFolder, list: &[Target]) -> io::Result<()> {
    let path = targets_path(folder);
    if list.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".dify-https-notify-")
        .tempfile_in(dir)?;
    use std::os::unix::fs::PermissionsExt;
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    tmp.write_all(serde_json::to_string_pretty(list)?.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

/// After a scheduled run: tells the webhooks when [`should_notify`] says so, and keeps
/// what was sent (or why it failed) in `run`. Never fails the run.
pub fn after_run(
    run: &mut super::LastRun,
    report: &crate::core::status::StatusReport,
    targets: &[Target],
    host: &str,
    now: time::OffsetDateTime,
    words: &dyn Fn(&crate::core::remedy::Remedy) -> String,
) {
    use crate::core::status::Verdict;
    let failed = run.outcome == super::Outcome::Failed;
    let bad = failed || matches!(report.verdict, Verdict::Warning | Verdict::Critical);
    if targets.is_empty() || !should_notify(failed, bad, run.notified.as_ref(), now) {
        return;
    }
    let reason = if failed {
        run.message.clone()
    } else {
        report
            .deciding_finding()
            .map(|f| f.message.clone())
            .unwrap_or_else(|| tr!("core-notify-all-is-well-again"))
    };
    let errors = deliver(targets, &Message::about(report, host, reason, words));
    run.notified = Some(Notified {
        at: now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        bad,
    });
    run.notify_error = (!errors.is_empty()).then(|| errors.join("; "));
}

/// A reminder for a certificate nobody renews: `reason` to every webhook, within the
/// same deadlines as [`after_run`]. Returns the deliveries that failed (redacted).
pub fn remind(
    report: &crate::core::status::StatusReport,
    targets: &[Target],
    host: &str,
    reason: String,
    words: &dyn Fn(&crate::core::remedy::Remedy) -> String,
) -> Vec<String> {
    deliver(targets, &Message::about(report, host, reason, words))
}

/// Sends `message` to each target: one deadline per delivery, and one for them all (a
/// run never waits on webhooks for more than NOTIFY_BUDGET, however many there are and
/// however slow). Returns the failures, each with its redacted URL.
fn deliver(targets: &[Target], message: &Message) -> Vec<String> {
    let started = std::time::Instant::now();
    targets
        .iter()
        .filter_map(|t| {
            let left = NOTIFY_BUDGET.saturating_sub(started.elapsed());
            let result = if left.is_zero() {
                Err(io::Error::other(tr!("notify-out-of-time")))
            } else {
                send(t, message, left.min(PER_DELIVERY))
            };
            result.err().map(|e| format!("{}: {e}", redact(&t.url)))
        })
        .collect()
}

/// How long one delivery may take, from resolving the host to the status line.
pub const PER_DELIVERY: Duration = Duration::from_secs(10);
/// How long all deliveries of one run may take together.
pub const NOTIFY_BUDGET: Duration = Duration::from_secs(30);

/// A webhook URL as it may be shown: scheme, host and port only (no user, password,
/// path or query).
pub fn redact(url: &str) -> String {
    crate::core::net::redact(url)
}

/// POSTs `message` to `target` through the one outbound client, within `deadline`;
/// `Err` says why it did not arrive (never with the URL's secrets).
pub fn send(target: &Target, message: &Message, deadline: Duration) -> io::Result<()> {
    let url = WebUrl::parse(&target.url).map_err(|e| io::Error::other(e.to_string()))?;
    let (body, content_type) = message.body(target.format);
    crate::core::net::post(&url, &body, content_type, deadline).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_format_follows_the_host() {
        for (url, f) in [
            ("https://hooks.slack.com/services/T/B/x", Format::Slack),
            (
                "https://open.feishu.cn/open-apis/bot/v2/hook/x",
                Format::Feishu,
            ),
            (
                "https://open.larksuite.com/open-apis/bot/v2/hook/x",
                Format::Feishu,
            ),
            (
                "https://oapi.dingtalk.com/robot/send?access_token=x",
                Format::Dingtalk,
            ),
            (
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",
                Format::Wecom,
            ),
            ("https://ntfy.sh/dify-alerts", Format::Ntfy),
            ("https://mattermost.example.net/hooks/x", Format::Slack),
        ] {
            assert_eq!(Format::for_url(url), f, "{url}");
        }
    }

    #[test]
    fn bodies_in_each_shape() {
        let m = Message {
            host: "srv1".into(),
            domain: "dify.acmecorp.io".into(),
            verdict: "CRITICAL".into(),
            days_left: Some(3),
            reason: "the last scheduled renewal failed".into(),
            status_json: serde_json::json!({"verdict": "critical"}),
        };
        let text = "[dify-https] CRITICAL on srv1: dify.acmecorp.io, 3 days left. the last scheduled renewal failed";
        assert_eq!(m.text(), text);
        let json = |f| serde_json::from_slice::<serde_json::Value>(&m.body(f).0).unwrap();
        assert_eq!(json(Format::Slack), serde_json::json!({"text": text}));
        assert_eq!(
            json(Format::Feishu),
            serde_json::json!({"msg_type": "text", "content": {"text": text}})
        );
        assert_eq!(
            json(Format::Dingtalk),
            serde_json::json!({"msgtype": "text", "text": {"content": text}})
        );
        assert_eq!(
            json(Format::Wecom),
            serde_json::json!({"msgtype": "text", "text": {"content": text}})
        );
        assert_eq!(
            json(Format::Json),
            serde_json::json!({"verdict": "critical"})
        );
        assert_eq!(
            m.body(Format::Ntfy),
            (text.as_bytes().to_vec(), "text/plain; charset=utf-8")
        );
    }

    #[test]
    fn when_to_tell() {
        let now = datetime!(2026-12-01 12:00 UTC);
        let sent = |at: &str, bad| Notified { at: at.into(), bad };
        assert!(
            !should_notify(false, false, None, now),
            "all fine, never told: quiet"
        );
        assert!(should_notify(false, true, None, now), "turned bad");
        assert!(
            should_notify(true, false, Some(&sent("2026-12-01T11:00:00Z", true)), now),
            "a failed renewal always"
        );
        assert!(
            !should_notify(false, true, Some(&sent("2026-12-01T00:00:00Z", true)), now),
            "reminded today already"
        );
        assert!(
            should_notify(false, true, Some(&sent("2026-11-30T11:00:00Z", true)), now),
            "a day-old reminder"
        );
        assert!(
            should_notify(false, false, Some(&sent("2026-12-01T11:00:00Z", true)), now),
            "fine again: once"
        );
        assert!(
            !should_notify(
                false,
                false,
                Some(&sent("2026-12-01T11:30:00Z", false)),
                now
            ),
            "still fine: quiet"
        );
    }
}
