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
            Span::styled(super::wrap::pad_to(name, label_width), t.dim()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        field(
            &S::dify_folder(),
            truncate_left(&f.label, width.saturating_sub(label_width), t.ellipsis()),
        ),
        field(&S::compose_file(), f.compose_file.clone()),
        field(&S::project(), f.project.clone()),
    ];
    match f.env_status {
        EnvStatus::Present => {
            let layout = match f.layout {
                Some(Layout::Essential) => S::newer_layout(),
                _ => S::classic_layout(),
            };
            lines.push(field(S::ENV, S::env_lines(f.env_lines, &layout)));
            lines.push(Line::raw(""));
            lines.push(Line::styled(S::current_values(), t.title()));
            let key_width = f.current.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 2;
            for (key, value) in &f.current {
                let shown = match value {
                    Some(v) if v.is_empty() => Span::styled(S::empty(), t.dim()),
                    Some(v) => Span::raw(v.clone()),
                    None => Span::styled(S::not_set(), t.dim()),
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
                    Span::raw(S::settings_complete().0),
                    Span::styled(S::settings_complete().1, t.key()),
                    Span::raw(S::settings_complete().2),
                ]));
            }
        }
        EnvStatus::MissingWithExample => {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<label_width$}", S::ENV), t.dim()),
                Span::styled(S::missing(), t.warn()),
            ]));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw(S::create_env().0),
                Span::styled(S::create_env().1, t.key()),
                Span::raw(S::create_env().2),
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
            Span::raw(S::start().0),
            Span::styled(S::start().1, t.key()),
            Span::raw(S::start().2),
        ]));
        lines.push(Line::from(vec![
            Span::raw(S::own_certificate().0),
            Span::styled(S::own_certificate().1, t.key()),
            Span::raw(S::own_certificate().2),
        ]));
    }
    lines
}
