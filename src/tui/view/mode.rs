//! Step 4: production, staging or dry-run, and extra certbot options.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::text_field::input_box;
use crate::core::setup::{Mode, NO_RANDOM_SLEEP};
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let wide = area.width >= 70;
    let mut modes = Vec::new();
    for m in Mode::ALL {
        let on = m == app.mode;
        let name = Span::styled(
            format!("{} {:<10}", t.radio(on), m.name()),
            if on { t.selected() } else { t.title() },
        );
        if wide {
            modes.push(Line::from(vec![
                name,
                Span::raw(" "),
                Span::styled(m.explain(), t.dim()),
            ]));
        } else if on {
            modes.push(Line::from(name));
            modes.push(Line::styled(format!("  {}", m.explain()), t.dim()));
        } else {
            modes.push(Line::from(name));
        }
    }
    let mode_rows = modes.len() as u16;
    let [modes_area, _, field_area, rest] = Layout::vertical([
        Constraint::Length(mode_rows),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(modes).wrap(Wrap { trim: false }), modes_area);
    input_box(
        frame,
        field_area,
        t,
        "Extra certbot options (optional)",
        &app.options,
        app.dialog.is_none(),
    );

    let mut lines = Vec::new();
    if let Some(e) = &app.errors.options {
        lines.push(Line::styled(format!("{} {e}", t.cross()), t.error()));
    }
    let preview = app.mode.options_value(app.options.value());
    lines.push(Line::from(vec![
        Span::styled("CERTBOT_OPTIONS=", t.dim()),
        Span::raw(preview),
    ]));
    lines.push(Line::styled(
        format!("{NO_RANDOM_SLEEP} is always added, so a renewal started here begins at once."),
        t.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
}
