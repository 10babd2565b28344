//! Step 1: the Dify folder that was found, and the values it has now.

use ratatui::text::{Line, Span};

use super::truncate_left;
use crate::core::dify::{EnvStatus, Layout};
use crate::tui::app::App;

/// The folder summary, laid out for `width` columns.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let f = &app.folder;
    let width = width as usize;
    let label_width = 13;
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name:<label_width$}"), t.dim()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        field(
            "Dify folder",
            truncate_left(&f.label, width.saturating_sub(label_width), t.ellipsis()),
        ),
        field("Compose file", f.compose_file.clone()),
        field("Project", f.project.clone()),
    ];
    match f.env_status {
        EnvStatus::Present => {
            let layout = match f.layout {
                Some(Layout::Essential) => "newer layout, no CERTBOT_* keys yet",
                _ => "classic layout",
            };
            lines.push(field(".env", format!("{} lines, {layout}", f.env_lines)));
            lines.push(Line::raw(""));
            lines.push(Line::styled("Current values", t.title()));
            let key_width = f.current.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 2;
            for (key, value) in &f.current {
                let shown = match value {
                    Some(v) if v.is_empty() => Span::styled("(empty)", t.dim()),
                    Some(v) => Span::raw(v.clone()),
                    None => Span::styled("(not set)", t.dim()),
                };
                if width < key_width + 12 {
                    // Narrow: the value under its key.
                    lines.push(Line::raw(format!("  {key}")));
                    lines.push(Line::from(vec![Span::raw("    "), shown]));
                } else {
                    lines.push(Line::from(vec![
                        Span::raw(format!("  {key:<key_width$}")),
                        shown,
                    ]));
                }
            }
            if app.settings_ready() {
                lines.push(Line::raw(""));
                lines.push(Line::from(vec![
                    Span::raw("These settings are complete: "),
                    Span::styled("r", t.key()),
                    Span::raw(" goes straight to the Review with them."),
                ]));
            }
        }
        EnvStatus::MissingWithExample => {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<label_width$}", ".env"), t.dim()),
                Span::styled("missing", t.warn()),
            ]));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled("c", t.key()),
                Span::raw(" to create .env from .env.example, Dify's own first install step."),
            ]));
        }
        EnvStatus::Missing => {
            lines.push(Line::styled(
                format!(
                    "{} No .env and no .env.example here: is this Dify's docker folder?",
                    t.cross()
                ),
                t.error(),
            ));
        }
    }
    if !f.notes.is_empty() {
        lines.push(Line::raw(""));
        for note in &f.notes {
            lines.push(Line::styled(format!("{} {note}", t.bang()), t.warn()));
        }
    }
    if f.env_status == EnvStatus::Present {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("Enter", t.key()),
            Span::raw(" to choose the domain, email and mode."),
        ]));
    }
    lines
}
