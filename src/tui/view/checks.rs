//! The preflight checklist before a run: each check's state, message and hint.

use ratatui::text::{Line, Span};

use crate::core::doctor::CheckStatus;
use crate::tui::app::App;
use crate::tui::strings::checks as S;

pub fn lines(app: &App, _width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(p) = &app.preflight else {
        return vec![];
    };
    let mut out = Vec::new();
    let failed = p
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .count();
    let warned = p
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Warn)
        .count();
    out.push(if failed > 0 {
        Line::styled(S::failed(failed), t.error())
    } else {
        Line::styled(S::ready(warned), t.ok())
    });
    out.push(Line::raw(""));
    for c in &p.checks {
        let (mark, style) = match c.status {
            CheckStatus::Ok => (t.check(), t.ok()),
            CheckStatus::Warn => (t.bang(), t.warn()),
            CheckStatus::Fail => (t.cross(), t.error()),
        };
        out.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(c.message.clone()),
        ]));
        if let Some(r) = &c.remedy
            && c.status != CheckStatus::Ok
        {
            let h = crate::tui::strings::remedy(r);
            out.push(Line::styled(format!("  {} {h}", t.arrow()), t.dim()));
        }
    }
    if let Some(issuer) = &p.staging_issuer {
        out.push(Line::raw(""));
        out.push(Line::styled(S::staging_in_the_way(issuer), t.warn()));
    }
    out
}
