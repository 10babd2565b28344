//! Step 6: what was written, and what comes next.

use ratatui::text::{Line, Span};

use super::wrap::wrap_words;
use crate::tui::app::App;
use crate::tui::strings::applied as S;

/// What was done and what comes next.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(applied) = &app.applied else {
        return vec![];
    };
    let mut lines = Vec::new();
    match &applied.backup_name {
        Some(backup) => {
            lines.push(Line::styled(S::env_written(t.check()), t.ok()));
            lines.push(Line::raw(S::backup_kept(backup)));
        }
        None => lines.push(Line::styled(S::nothing_written(t.check()), t.ok())),
    }
    if let Some(w) = &applied.owner_warning {
        lines.push(Line::styled(format!("{} {w}", t.bang()), t.warn()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(S::what_comes_next(), t.title()));
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
            Span::raw(S::demo_plays().0),
            Span::styled(S::demo_plays().1, t.key()),
            Span::raw(S::demo_plays().2),
            Span::styled(S::demo_plays().3, t.key()),
            Span::raw(S::demo_plays().4),
        ]));
        lines.push(Line::styled(
            S::sample_folder_stays(&app.folder.label),
            t.dim(),
        ));
    } else {
        lines.push(Line::from(vec![
            Span::raw(S::run_now().0),
            Span::styled(S::run_now().1, t.key()),
            Span::raw(S::run_now().2),
        ]));
    }
    lines
}
