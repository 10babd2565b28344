//! Step 5: every changed key by name, what to know, and the exact diff of `.env`.

use ratatui::text::{Line, Span};

use crate::core::diff::{DiffKind, DiffLine};
use crate::core::logs::sanitize_line;
use crate::core::setup::UrlVerdict;
use crate::tui::app::App;
use crate::tui::strings::review as S;

/// The review's content; below 60 columns each key's values go on a line of their own.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let narrow = width < 60;
    let t = &app.theme;
    let Some((_, plan)) = &app.plan else {
        return vec![];
    };
    let mut out = vec![Line::from(vec![
        Span::styled(S::certificate_from(), t.dim()),
        Span::styled(
            plan.request.authority(),
            if plan.request.authority().starts_with("custom") {
                t.warn()
            } else {
                t.title()
            },
        ),
    ])];
    if plan.is_noop() {
        out.push(Line::styled(S::nothing_to_write(t.check()), t.ok()));
    } else {
        out.push(Line::styled(
            S::keys_that_change(plan.key_changes.len()),
            t.title(),
        ));
        let width = plan
            .key_changes
            .iter()
            .map(|k| k.key.len())
            .max()
            .unwrap_or(0)
            + 1;
        for k in &plan.key_changes {
            let old = match &k.old {
                None => Span::styled(S::added(), t.added()),
                Some(v) if v.is_empty() => Span::styled(S::empty(), t.dim()),
                Some(v) => Span::styled(sanitize_line(v), t.removed()),
            };
            let change = [
                old,
                Span::styled(format!(" {} ", t.arrow()), t.dim()),
                Span::styled(sanitize_line(&k.new), t.added()),
            ];
            if narrow {
                out.push(Line::raw(format!("  {}", k.key)));
                out.push(Line::from(
                    [vec![Span::raw("    ")], change.to_vec()].concat(),
                ));
            } else {
                let key = Span::raw(format!("  {:<width$}", k.key));
                out.push(Line::from([vec![key], change.to_vec()].concat()));
            }
        }
    }
    if !plan.notes.is_empty() {
        out.push(Line::raw(""));
        for note in &plan.notes {
            out.push(Line::styled(
                format!("{} {}", t.bang(), sanitize_line(&note.to_string())),
                t.warn(),
            ));
        }
    }

    out.push(Line::raw(""));
    out.push(Line::styled(S::later_at_the_switch(), t.title()));
    for c in &plan.on_https.changes {
        out.push(Line::raw(format!("  {}={}", c.key, c.value)));
    }
    let upgrades = plan
        .urls
        .iter()
        .filter(|f| matches!(f.verdict, UrlVerdict::Upgrade(_)))
        .count();
    if upgrades > 0 {
        let state = S::upgrade_state(plan.request.upgrade_urls);
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(S::UPGRADE_KEY, t.key()),
            Span::raw(S::set_urls(upgrades, &plan.request.domain)),
            Span::styled(state, t.title()),
        ]));
    }
    for f in &plan.urls {
        if let UrlVerdict::LeftAlone(why) = &f.verdict {
            out.push(Line::styled(
                S::left_alone(&f.key, &sanitize_line(&f.value), why),
                t.dim(),
            ));
        }
    }

    let diff = plan.diff(1);
    if !diff.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(S::line_by_line(), t.title()));
    }
    for d in diff {
        out.push(match d {
            DiffLine::Hunk { old_line, .. } => Line::styled(S::hunk(old_line), t.accent()),
            DiffLine::Line { kind, number, text } => {
                let (sign, style) = match kind {
                    DiffKind::Context => (' ', t.dim()),
                    DiffKind::Removed => ('-', t.removed()),
                    DiffKind::Added => ('+', t.added()),
                };
                Line::styled(format!("{number:>5} {sign}{}", sanitize_line(&text)), style)
            }
        });
    }
    out
}
