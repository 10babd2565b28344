//! Step 5: every changed key by name, what to know, and the exact diff of `.env`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::diff::{DiffKind, DiffLine};
use crate::core::setup::UrlVerdict;
use crate::tui::app::App;

/// The review's content, independent of the screen size.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some((_, plan)) = &app.plan else {
        return vec![];
    };
    let mut out = Vec::new();
    if plan.is_noop() {
        out.push(Line::styled(
            format!(
                "{} .env already has these settings: nothing to write.",
                t.check()
            ),
            t.ok(),
        ));
    } else {
        out.push(Line::styled(
            format!("Keys that change in .env ({}):", plan.key_changes.len()),
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
                None => Span::styled("(added)", t.added()),
                Some(v) if v.is_empty() => Span::styled("(empty)", t.dim()),
                Some(v) => Span::styled(v.clone(), t.removed()),
            };
            out.push(Line::from(vec![
                Span::raw(format!("  {:<width$}", k.key)),
                old,
                Span::styled(format!(" {} ", t.arrow()), t.dim()),
                Span::styled(k.new.clone(), t.added()),
            ]));
        }
    }
    if !plan.notes.is_empty() {
        out.push(Line::raw(""));
        for note in &plan.notes {
            out.push(Line::styled(format!("{} {note}", t.bang()), t.warn()));
        }
    }

    out.push(Line::raw(""));
    out.push(Line::styled(
        "Later, at the HTTPS switch (once the certificate exists):",
        t.title(),
    ));
    for c in &plan.on_https.changes {
        out.push(Line::raw(format!("  {}={}", c.key, c.value)));
    }
    let upgrades = plan
        .urls
        .iter()
        .filter(|f| matches!(f.verdict, UrlVerdict::Upgrade(_)))
        .count();
    if upgrades > 0 {
        let state = if plan.request.upgrade_urls {
            "yes"
        } else {
            "no, keep them"
        };
        out.push(Line::from(vec![
            Span::raw("  "),
            Span::styled("u", t.key()),
            Span::raw(format!(
                " upgrade {upgrades} public URL(s) naming http://{} to https: ",
                plan.request.domain
            )),
            Span::styled(state, t.title()),
        ]));
    }
    for f in &plan.urls {
        if let UrlVerdict::LeftAlone(why) = f.verdict {
            out.push(Line::styled(
                format!("  {}={} left alone ({why})", f.key, f.value),
                t.dim(),
            ));
        }
    }

    let diff = plan.diff(1);
    if !diff.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("The change, line by line:", t.title()));
    }
    for d in diff {
        out.push(match d {
            DiffLine::Hunk { old_line, .. } => {
                Line::styled(format!("@@ line {old_line} @@"), t.accent())
            }
            DiffLine::Line { kind, number, text } => {
                let (sign, style) = match kind {
                    DiffKind::Context => (' ', t.dim()),
                    DiffKind::Removed => ('-', t.removed()),
                    DiffKind::Added => ('+', t.added()),
                };
                Line::styled(format!("{number:>5} {sign}{text}"), style)
            }
        });
    }
    out
}

/// How many rows the review takes at the width of the current screen.
pub fn line_count(app: &App) -> usize {
    let width = super::body_inner(app_area(app)).width;
    Paragraph::new(lines(app))
        .wrap(Wrap { trim: false })
        .line_count(width.max(1))
}

fn app_area(app: &App) -> Rect {
    Rect::new(0, 0, app.viewport.0, app.viewport.1)
}

/// The first row shown: the scroll position, never past the end.
pub fn first_row(app: &App) -> usize {
    let inner = super::body_inner(app_area(app));
    app.review_scroll
        .min(line_count(app).saturating_sub(inner.height as usize))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let scroll = first_row(app) as u16;
    frame.render_widget(
        Paragraph::new(lines(app))
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
