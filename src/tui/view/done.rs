//! Step 6: what was written, and what comes next.

use ratatui::text::{Line, Span};

use super::wrap::wrap_words;
use crate::tui::app::App;

/// What was done and what comes next.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(applied) = &app.applied else {
        return vec![];
    };
    let mut lines = Vec::new();
    match &applied.backup_name {
        Some(backup) => {
            lines.push(Line::styled(format!("{} .env written.", t.check()), t.ok()));
            lines.push(Line::raw(format!(
                "The previous file is kept beside it as {backup}."
            )));
        }
        None => lines.push(Line::styled(
            format!(
                "{} .env already had these settings; nothing was written.",
                t.check()
            ),
            t.ok(),
        )),
    }
    if let Some(w) = &applied.owner_warning {
        lines.push(Line::styled(format!("{} {w}", t.bang()), t.warn()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "What comes next, in the Dify folder:",
        t.title(),
    ));
    // Wrapped here, at spaces and indented under their number, so a long command
    // never runs back to the left edge or breaks inside a word.
    let room = (width as usize).saturating_sub(5).max(10);
    for (i, step) in applied.next_steps.iter().enumerate() {
        for (j, piece) in wrap_words(&step.what, room).into_iter().enumerate() {
            let lead = if j == 0 {
                format!("{}. ", i + 1)
            } else {
                "   ".to_string()
            };
            lines.push(Line::raw(format!("{lead}{piece}")));
        }
        if let Some(cmd) = &step.command {
            for (j, piece) in wrap_words(cmd, room).into_iter().enumerate() {
                let lead = if j == 0 { "   " } else { "     " };
                lines.push(Line::from(vec![
                    Span::raw(lead),
                    Span::styled(piece, t.accent()),
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    if app.demo {
        lines.push(Line::from(vec![
            Span::raw("Demo: "),
            Span::styled("r", t.key()),
            Span::raw(" plays a run recorded from a real issuance, "),
            Span::styled("f", t.key()),
            Span::raw(" one that fails at the challenge. Nothing is contacted; only the sample folder changes."),
        ]));
        lines.push(Line::styled(
            format!(
                "The sample folder stays at {} to look at.",
                app.folder.label
            ),
            t.dim(),
        ));
    } else {
        lines.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("r", t.key()),
            Span::raw(" to run these steps now, with live output and a check after each."),
        ]));
    }
    lines
}
