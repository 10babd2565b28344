//! Step 1: the Dify folder that was found, and the values it has now.

use ratatui::text::{Line, Span};

use super::truncate_left;
use crate::core::dify::{EnvStatus, Layout};
use crate::tui::app::App;
use crate::tui::strings::folder as S;

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
            S::DIFY_FOLDER,
            truncate_left(&f.label, width.saturating_sub(label_width), t.ellipsis()),
        ),
        field(S::COMPOSE_FILE, f.compose_file.clone()),
        field(S::PROJECT, f.project.clone()),
    ];
    match f.env_status {
        EnvStatus::Present => {
            let layout = match f.layout {
                Some(Layout::Essential) => S::NEWER_LAYOUT,
                _ => S::CLASSIC_LAYOUT,
            };
            lines.push(field(S::ENV, S::env_lines(f.env_lines, layout)));
            lines.push(Line::raw(""));
            lines.push(Line::styled(S::CURRENT_VALUES, t.title()));
            let key_width = f.current.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 2;
            for (key, value) in &f.current {
                let shown = match value {
                    Some(v) if v.is_empty() => Span::styled(S::EMPTY, t.dim()),
                    Some(v) => Span::raw(v.clone()),
                    None => Span::styled(S::NOT_SET, t.dim()),
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
                    Span::raw(S::SETTINGS_COMPLETE.0),
                    Span::styled(S::SETTINGS_COMPLETE.1, t.key()),
                    Span::raw(S::SETTINGS_COMPLETE.2),
                ]));
            }
        }
        EnvStatus::MissingWithExample => {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<label_width$}", S::ENV), t.dim()),
                Span::styled(S::MISSING, t.warn()),
            ]));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw(S::CREATE_ENV.0),
                Span::styled(S::CREATE_ENV.1, t.key()),
                Span::raw(S::CREATE_ENV.2),
            ]));
        }
        EnvStatus::Missing => {
            lines.push(Line::styled(S::no_env(t.cross()), t.error()));
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
            Span::raw(S::START.0),
            Span::styled(S::START.1, t.key()),
            Span::raw(S::START.2),
        ]));
    }
    lines
}
