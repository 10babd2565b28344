//! A node_exporter textfile-collector file, so existing monitoring watches expiry.

use super::report::StatusReport;

fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The report as Prometheus text exposition format.
pub fn prometheus_text(report: &StatusReport) -> String {
    let domain = escape(report.domain.as_deref().unwrap_or(""));
    let mut out = String::new();
    let mut metric = |name: &str, help: &str, value: String| {
        out.push_str(&format!(
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name}{{domain=\"{domain}\"}} {value}\n"
        ));
    };
    metric(
        "dify_https_verdict",
        "0 ok, 1 warning, 2 critical, 3 unknown (as `dify-https status --check`).",
        report.verdict.exit_code().to_string(),
    );
    if let Some(c) = &report.certificate {
        let expiry = time::OffsetDateTime::parse(
            &c.not_after,
            &time::format_description::well_known::Rfc3339,
        )
        .map(|t| t.unix_timestamp())
        .unwrap_or(0);
        metric(
            "dify_https_certificate_expiry_timestamp_seconds",
            "When the certificate on disk expires (Unix time).",
            expiry.to_string(),
        );
        metric(
            "dify_https_certificate_days_left",
            "Whole days until the certificate on disk expires.",
            c.days_left.to_string(),
        );
        metric(
            "dify_https_certificate_staging",
            "1 when the certificate comes from a test CA browsers do not trust.",
            u8::from(c.staging).to_string(),
        );
        metric(
            "dify_https_certificate_imported",
            "1 when the certificate was imported (nobody renews it: replace it before it expires).",
            u8::from(c.source == crate::core::dify::Source::Imported).to_string(),
        );
    }
    metric(
        "dify_https_https_enabled",
        "1 when .env has NGINX_HTTPS_ENABLED=true.",
        u8::from(report.https_enabled).to_string(),
    );
    let served = report.served.first().and_then(|s| s.certificate.as_ref());
    if let Some(local) = served.and_then(|c| c.matches_disk) {
        metric(
            "dify_https_served_matches_disk",
            "1 when nginx serves the certificate on disk.",
            u8::from(local).to_string(),
        );
    }
    if let Some(c) = served {
        metric(
            "dify_https_served_trusted",
            "1 when the certificate nginx serves validates against the browsers' roots (webpki).",
            u8::from(c.trusted).to_string(),
        );
    }
    out
}

/// The file when no report could be made (folder missing, not Dify's, `.env`
/// unreadable): the verdict 3 (unknown), so a stale file never says all is well.
pub fn unknown_prometheus_text() -> String {
    "# HELP dify_https_verdict 0 ok, 1 warning, 2 critical, 3 unknown (as `dify-https status --check`).\n# TYPE dify_https_verdict gauge\ndify_https_verdict{domain=\"\"} 3\n".to_string()
}
