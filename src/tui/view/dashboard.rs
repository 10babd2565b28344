//! The dashboard: the expiry in one big line (coloured by how close it is; with
//! NO_COLOR the verdict word says it), what nginx serves, HTTPS, the last certbot run,
//! and every finding with what to do.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::status::{ContainerState, StatusReport, Verdict};
use crate::tui::app::App;
use crate::tui::theme::Theme;

fn verdict_style(t: &Theme, verdict: Verdict) -> Style {
    let base = match verdict {
        Verdict::Ok => t.ok(),
        Verdict::Warning => t.warn(),
        Verdict::Critical => t.error(),
        Verdict::Unknown => t.dim(),
    };
    base.add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

pub fn lines(r: &StatusReport, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let label = |k: &str| Span::styled(format!("{k:<9}"), t.dim());
    let dot = if t.unicode { "·" } else { "-" };
    let mut out = Vec::new();
    let headline = match &r.certificate {
        Some(c) if c.expired => format!(
            " {} {dot} {} {dot} {} ",
            r.verdict.word(),
            c.expiry_words().to_uppercase(),
            &c.not_after[..10]
        ),
        Some(c) => format!(
            " {} {dot} {} {dot} expires {} ",
            r.verdict.word(),
            c.expiry_words(),
            &c.not_after[..10]
        ),
        None => format!(" {} {dot} no certificate ", r.verdict.word()),
    };
    out.push(Line::from(Span::styled(
        headline,
        verdict_style(t, r.verdict),
    )));
    if let Some(c) = &r.certificate {
        let renewal = c.renewal_words();
        let mut renewal = renewal[..1].to_uppercase() + &renewal[1..];
        if !c.renewal_overdue {
            renewal.push_str(" (when certbot renews it)");
        }
        out.push(Line::styled(
            renewal,
            if c.renewal_overdue { t.warn() } else { t.dim() },
        ));
        out.push(Line::raw(""));
        out.push(Line::from(vec![
            label("Names"),
            Span::raw(c.names.join(", ")),
        ]));
        let mut issuer = vec![label("Issuer"), Span::raw(c.issuer.clone())];
        if let Some(server) = &r.custom_acme_server {
            issuer.push(Span::styled(
                format!(" (custom ACME server: {server})"),
                t.warn(),
            ));
        } else if c.staging {
            issuer.push(Span::styled(" (test CA: not trusted)", t.warn()));
        }
        out.push(Line::from(issuer));
    } else {
        out.push(Line::raw(""));
    }
    let on_off = |on: bool| if on { "on" } else { "off" };
    let mut https = vec![
        label("HTTPS"),
        Span::raw(format!(
            "{} {dot} challenge {}",
            on_off(r.https_enabled),
            on_off(r.challenge_enabled)
        )),
    ];
    if r.https_enabled {
        // Dify's nginx answers http:// too (no redirect, no HSTS): a note, not a fault.
        https.push(Span::styled(
            format!(" {dot} http:// still served (no redirect; see README)"),
            t.dim(),
        ));
    }
    out.push(Line::from(https));
    for s in &r.served {
        let (text, style) = match (&s.certificate, &s.error) {
            (Some(c), _) if c.matches_disk == Some(false) => {
                ("another certificate: reload needed".to_string(), t.error())
            }
            (Some(c), _) => (
                format!(
                    "this certificate{}",
                    if c.trusted {
                        ", trusted"
                    } else {
                        ", not trusted by browsers"
                    }
                ),
                if c.trusted { t.ok() } else { t.warn() },
            ),
            (None, Some(e)) => (format!("no answer ({e})"), t.warn()),
            (None, None) => ("no answer".to_string(), t.warn()),
        };
        out.push(Line::from(vec![
            label("Served"),
            Span::raw(format!("{}: ", s.target)),
            Span::styled(text, style),
        ]));
    }
    if let Some(list) = &r.containers {
        let mut spans = vec![label("Running")];
        for (i, c) in list.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(", "));
            }
            // certbot runs on demand (`run --rm`): stopped is its normal state.
            let (word, style) = match (c.state, c.service.as_str()) {
                (ContainerState::Running, _) => ("up", t.ok()),
                (ContainerState::Restarting, _) => ("restarting", t.error()),
                (ContainerState::Stopped, "certbot") => ("idle", t.dim()),
                (ContainerState::Stopped, _) => ("down", t.error()),
            };
            spans.push(Span::raw(format!("{} ", c.service)));
            spans.push(Span::styled(word, style));
        }
        // Which compose project these are; another folder's under the same name is
        // the reason nothing here may be trusted.
        spans.push(Span::styled(
            format!(" · project {}", r.project.name),
            t.dim(),
        ));
        if !r.project.other_folders.is_empty() {
            spans.push(Span::styled(
                format!(", also {}", r.project.other_folders.join(", ")),
                t.error(),
            ));
        }
        out.push(Line::from(spans));
    }
    if let Some(sch) = &r.schedule {
        let kind = match sch.kind {
            crate::core::schedule::Kind::Systemd => "systemd timer",
            crate::core::schedule::Kind::Cron => "cron",
        };
        let (last, style) = match &sch.last {
            Some(l) if l.outcome == crate::core::schedule::Outcome::Failed => {
                (format!("last run {} failed", l.at), t.error())
            }
            Some(l) => (format!("last run {} ok", l.at), t.ok()),
            None => ("no scheduled run yet".to_string(), t.dim()),
        };
        let next = sch
            .next
            .as_ref()
            .map(|n| format!(" {dot} next {n}"))
            .unwrap_or_default();
        out.push(Line::from(vec![
            label("Renewal"),
            Span::raw(format!("{kind}{next} {dot} ")),
            Span::styled(last, style),
        ]));
    }
    if let Some(a) = &r.last_attempt {
        out.push(Line::from(vec![
            label("Last run"),
            Span::raw(format!("{} {:?}", a.started, a.outcome).to_lowercase()),
        ]));
    }
    if !r.findings.is_empty() {
        out.push(Line::raw(""));
        for f in &r.findings {
            out.push(Line::styled(
                format!("{} {}", t.bang(), f.message),
                t.warn(),
            ));
            if let Some(r) = &f.remedy {
                let h = crate::tui::strings::remedy(r);
                out.push(Line::styled(format!("  {} {h}", t.arrow()), t.dim()));
            }
        }
    }
    if crate::tui::app::certificate_waits_for_https(r) {
        out.push(Line::raw(""));
        out.push(Line::from(vec![
            Span::raw("The certificate is ready and HTTPS is off: "),
            Span::styled("h", t.key()),
            Span::raw(" switches it on (the setup's last steps)."),
        ]));
    }
    out.push(Line::raw(""));
    let checked = r.checked_at.get(11..19).unwrap_or(&r.checked_at);
    let refresh = if width >= 60 {
        " UTC, refreshes every 5 s"
    } else {
        " UTC"
    };
    out.push(Line::styled(format!("Checked {checked}{refresh}"), t.dim()));
    out
}

/// The dashboard's lines, or a placeholder before the first report.
pub fn content(app: &App, width: u16) -> Vec<Line<'static>> {
    match &app.status {
        Some(report) => lines(report, &app.theme, width),
        None => vec![Line::styled(
            format!("Reading the status{}", app.theme.ellipsis()),
            app.theme.dim(),
        )],
    }
}
