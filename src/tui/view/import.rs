//! The import screen: the three files (certificate, key, chain), with the check's
//! refusal under them; once the files pass, what will be installed, what the check
//! found, and what `.env` becomes (scrolls; `Enter` installs).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::text_field::{INPUT_ROWS, input_box_in};
use super::wrap::wrapping_paragraph;
use crate::core::import::{Replacing, Weight};
use crate::core::logs::sanitize_line;
use crate::i18n::import_words;
use crate::tui::app::{App, ImportField};
use crate::tui::strings::import as S;

/// The files, when nothing is checked yet (the checked import scrolls: see [`lines`]).
pub fn render_fields(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let form = &app.import;
    let help = wrapping_paragraph(vec![Line::styled(S::help(), t.dim())], area.width);
    let help_rows = (help.line_count(area.width) as u16).min(area.height / 3);
    let refused: Vec<Line> = form
        .refused
        .iter()
        .enumerate()
        .map(|(i, l)| {
            // A finding, then its fix: the fix reads as what to do.
            if i % 2 == 0 || form.refused.len() == 1 {
                Line::styled(format!("{} {}", t.cross(), sanitize_line(l)), t.error())
            } else {
                Line::raw(format!("  {} {}", t.arrow(), sanitize_line(l)))
            }
        })
        .collect();
    let secret_rows = if form.needs_passphrase { INPUT_ROWS } else { 0 };
    let [help_area, cert, key, chain, secret, refused_area] = Layout::vertical([
        Constraint::Length(help_rows),
        Constraint::Length(INPUT_ROWS),
        Constraint::Length(INPUT_ROWS),
        Constraint::Length(INPUT_ROWS),
        Constraint::Length(secret_rows),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(help, help_area);
    let cursor = app.dialog.is_none() && app.busy.is_none();
    for (field, rect, label, input) in [
        (ImportField::Cert, cert, S::cert_label(), &form.cert),
        (ImportField::Key, key, S::key_label(), &form.key),
        (ImportField::Chain, chain, S::chain_label(), &form.chain),
    ] {
        // A pasted PEM block shows what it holds, never its text.
        let shown = form.pasted(field).map(|text| {
            let blocks = text.matches("-----BEGIN CERTIFICATE-----").count();
            tui_input::Input::new(S::pasted(blocks, text.contains("PRIVATE KEY-----")))
        });
        let input = shown.as_ref().unwrap_or(input);
        input_box_in(frame, rect, t, &label, input, cursor, form.focus == field);
    }
    if form.needs_passphrase {
        // Shown as dots, the cursor where the next one goes.
        let masked = tui_input::Input::new("•".repeat(form.passphrase.value().chars().count()))
            .with_cursor(form.passphrase.visual_cursor());
        input_box_in(
            frame,
            secret,
            t,
            &S::passphrase_label(),
            &masked,
            cursor,
            form.focus == ImportField::Passphrase,
        );
    }
    frame.render_widget(
        wrapping_paragraph(refused, refused_area.width),
        refused_area,
    );
}

/// The checked import, for a yes.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(plan) = &app.import.plan else {
        return vec![];
    };
    let leaf = &plan.job.leaf;
    let mut out = vec![
        Line::styled(S::heading(&plan.domain), t.title()),
        Line::from(vec![
            Span::styled(S::names(), t.dim()),
            Span::raw(sanitize_line(&leaf.names.join(", "))),
        ]),
        Line::from(vec![
            Span::styled(S::issuer(), t.dim()),
            Span::raw(sanitize_line(&leaf.issuer)),
        ]),
        Line::from(vec![
            Span::styled(S::valid_until(), t.dim()),
            Span::raw(S::until(
                &leaf.not_after.date().to_string(),
                leaf.days_left(time::OffsetDateTime::now_utc()),
            )),
        ]),
        Line::from(vec![
            Span::styled(S::key(), t.dim()),
            Span::raw(leaf.key_type.clone()),
        ]),
        Line::from(vec![
            Span::styled("SHA-256 ".to_string(), t.dim()),
            // Whole where it fits on a line, else its start (as the run's notes show it).
            Span::raw(if usize::from(width) >= leaf.fingerprint_sha256.len() + 8 {
                leaf.fingerprint_sha256.clone()
            } else {
                format!(
                    "{}{}",
                    leaf.fingerprint_sha256.get(..23).unwrap_or_default(),
                    t.ellipsis()
                )
            }),
        ]),
        Line::raw(""),
    ];
    // Warnings first: what visitors may see, then what was done about the files.
    let mut findings: Vec<_> = plan.checked.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.weight()));
    for f in findings {
        let (what, _) = import_words::finding(f);
        out.push(match f.weight() {
            Weight::Warning => Line::styled(format!("! {what}"), t.warn()),
            _ => Line::styled(format!("{} {what}", t.bullet()), t.dim()),
        });
    }
    out.push(Line::raw(S::where_it_goes()));
    if plan.lineage_beside {
        out.push(Line::raw(S::lineage_beside(&plan.domain)));
    }
    if plan.replacing == Replacing::Another {
        out.push(Line::raw(S::replacing()));
    }
    let changed: Vec<_> = plan
        .changes
        .changes
        .iter()
        .filter(|c| plan.before.literal(&c.key) != Some(c.value.as_str()))
        .collect();
    if !changed.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(S::keys_that_change(changed.len()), t.title()));
        let narrow = width < 60;
        for c in changed {
            let old = plan.before.literal(&c.key).unwrap_or_default();
            let change = vec![
                Span::styled(sanitize_line(old), t.removed()),
                Span::styled(format!(" {} ", t.arrow()), t.dim()),
                Span::styled(sanitize_line(&c.value), t.added()),
            ];
            if narrow {
                out.push(Line::raw(format!("  {}", c.key)));
                out.push(Line::from([vec![Span::raw("    ")], change].concat()));
            } else {
                out.push(Line::from(
                    [vec![Span::raw(format!("  {} ", c.key))], change].concat(),
                ));
            }
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        if plan.env_changes() {
            S::then_recreate()
        } else {
            S::then_reload()
        },
        t.dim(),
    ));
    out
}

/// Renders the screen: the fields, or the checked import (scrolled).
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if app.import.plan.is_some() {
        super::scroll::render(app, frame, area);
    } else {
        render_fields(app, frame, area);
    }
}
