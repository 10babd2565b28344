//! The dashboard: the expiry in one big line (coloured by how close it is; with
//! NO_COLOR the verdict word says it), what nginx serves, HTTPS, the last certbot run,
//! and every finding with what to do.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::core::status::{ContainerState, StatusReport, Verdict};
use crate::tui::app::App;
use crate::tui::strings::dashboard as S;
use crate::tui::theme::Theme;
use crate::tui::view::wrap::{capitalized, pad_to};

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
    let label = |k: String| Span::styled(pad_to(&k, 9), t.dim());
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
            " {} {dot} {} {dot} {} ",
            r.verdict.word(),
            c.expiry_words(),
            S::expires(&c.not_after[..10])
        ),
        None => format!(" {} {dot} {} ", r.verdict.word(), S::no_certificate()),
    };
    out.push(Line::from(Span::styled(
        headline,
        verdict_style(t, r.verdict),
    )));
    if let Some(c) = &r.certificate {
        let imported = c.source == crate::core::dify::Source::Imported;
        let mut renewal = capitalized(&c.renewal_words());
        if imported {
            renewal.push_str(&S::nobody_renews());
        } else if !c.renewal_overdue {
            renewal.push_str(&S::when_certbot_renews());
        }
        out.push(Line::styled(
            renewal,
            if c.renewal_overdue { t.warn() } else { t.dim() },
        ));
        out.push(Line::raw(""));
        out.push(Line::from(vec![
            label(S::names()),
            Span::raw(c.names.join(", ")),
        ]));
        let mut issuer = vec![label(S::issuer()), Span::raw(c.issuer.clone())];
        if imported {
            issuer.push(Span::styled(S::imported(), t.dim()));
        } else if let Some(server) = &r.custom_acme_server {
            issuer.push(Span::styled(S::custom_acme_server(server), t.warn()));
        } else if c.staging {
            issuer.push(Span::styled(S::test_ca(), t.warn()));
        }
        out.push(Line::from(issuer));
    } else {
        out.push(Line::raw(""));
    }
    let on_off = S::on_off;
    let mut https = vec![
        label(S::https()),
        Span::raw(S::https_and_challenge(
            &on_off(r.https_enabled),
            dot,
            &on_off(r.challenge_enabled),
        )),
    ];
    if r.https_enabled {
        // Dify's nginx answers http:// too (no redirect, no HSTS): a note, not a fault.
        https.push(Span::styled(S::http_still_served(dot), t.dim()));
    }
    out.push(Line::from(https));
    for s in &r.served {
        let (text, style) = match (&s.certificate, &s.error) {
            (Some(c), _) if c.matches_disk == Some(false) => (S::served_other(), t.error()),
            (Some(c), _) => (
                S::served_this(c.trusted),
                if c.trusted { t.ok() } else { t.warn() },
            ),
            (None, Some(e)) => (S::no_answer(Some(e)), t.warn()),
            (None, None) => (S::no_answer(None), t.warn()),
        };
        out.push(Line::from(vec![
            label(S::served()),
            Span::raw(format!("{}: ", s.target)),
            Span::styled(text, style),
        ]));
    }
    if let Some(list) = &r.containers {
        let mut spans = vec![label(S::running())];
        for (i, c) in list.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(", "));
            }
            // certbot runs on demand (`run --rm`): stopped is its normal state.
            let (word, style) = match (c.state, c.service.as_str()) {
                (ContainerState::Running, _) => (S::up(), t.ok()),
                (ContainerState::Restarting, _) => (S::restarting(), t.error()),
                (ContainerState::Stopped, "certbot") => (S::idle(), t.dim()),
                (ContainerState::Stopped, _) => (S::down(), t.error()),
            };
            spans.push(Span::raw(format!("{} ", c.service)));
            spans.push(Span::styled(word, style));
        }
        // Which compose project these are; another folder's under the same name is
        // the reason nothing here may be trusted.
        spans.push(Span::styled(S::project(&r.project.name), t.dim()));
        if !r.project.other_folders.is_empty() {
            spans.push(Span::styled(
                S::also(&r.project.other_folders.join(", ")),
                t.error(),
            ));
        }
        out.push(Line::from(spans));
    }
    if let Some(sch) = &r.schedule {
        let kind = match sch.kind {
            crate::core::schedule::Kind::Systemd => S::systemd_timer(),
            crate::core::schedule::Kind::Cron => S::cron(),
        };
        let (last, style) = match &sch.last {
            Some(l) if l.outcome == crate::core::schedule::Outcome::Failed => {
                (S::last_run(&l.at, false), t.error())
            }
            Some(l) => (S::last_run(&l.at, true), t.ok()),
            None => (S::no_scheduled_run(), t.dim()),
        };
        let next = sch
            .next
            .as_ref()
            .map(|n| S::next_run(dot, n))
            .unwrap_or_default();
        out.push(Line::from(vec![
            label(S::renewal()),
            Span::raw(format!("{kind}{next} {dot} ")),
            Span::styled(last, style),
        ]));
    }
    if let Some(a) = &r.last_attempt {
        out.push(Line::from(vec![
            label(S::last_run_label()),
            Span::raw(S::attempt(&a.started, a.outcome)),
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
        let (before, key, after) = S::ready_https_off();
        out.push(Line::from(vec![
            Span::raw(before),
            Span::styled(key, t.key()),
            Span::raw(after),
        ]));
    }
    out.push(Line::raw(""));
    let checked = r.checked_at.get(11..19).unwrap_or(&r.checked_at);
    out.push(Line::styled(S::checked_at(checked, width >= 60), t.dim()));
    out
}

/// The dashboard's lines, or a placeholder before the first report.
pub fn content(app: &App, width: u16) -> Vec<Line<'static>> {
    match &app.status {
        Some(report) => lines(report, &app.theme, width),
        None => vec![Line::styled(
            S::reading_status(app.theme.ellipsis()),
            app.theme.dim(),
        )],
    }
}
