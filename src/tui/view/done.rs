//! Step 6: what was written, and what comes next.

use ratatui::text::{Line, Span};

use crate::tui::app::App;

/// What was done and what comes next.
pub fn lines(app: &App, _width: u16) -> Vec<Line<'static>> {
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
    for (i, step) in applied.next_steps.iter().enumerate() {
        lines.push(Line::raw(format!("{}. {}", i + 1, step.what)));
        if let Some(cmd) = &step.command {
            lines.push(Line::from(vec![
                Span::raw("   "),
                Span::styled(cmd.clone(), t.accent()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::raw("Press "),
        Span::styled("r", t.key()),
        Span::raw(" to run these steps now, with live output and a check after each."),
    ]));
    if app.demo {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "This was the demo: nothing ran. The sample folder stays at {} to look at.",
                app.folder.label
            ),
            t.dim(),
        ));
    }
    lines
}
