//! Step 4: production, staging or dry-run, and extra certbot options. On short
//! screens the explanations give up their rows before the options field does.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::text_field::{INPUT_ROWS, error_paragraph, input_box};
use crate::core::setup::{Mode, NO_RANDOM_SLEEP, validate};
use crate::tui::app::App;
use crate::tui::strings::mode as S;

/// The three modes; `explained` adds what each does (beside it when wide, under the chosen one when not).
fn mode_lines(app: &App, width: u16, explained: bool) -> Vec<Line<'static>> {
    let t = &app.theme;
    let wide = width >= 70;
    let mut lines = Vec::new();
    for m in Mode::ALL {
        let on = m == app.mode;
        let style = if on { t.selected() } else { t.title() };
        let name = Span::styled(
            format!("{} {}", t.radio(on), super::wrap::pad_to(m.name(), 10)),
            style,
        );
        if explained && wide {
            lines.push(Line::from(vec![
                name,
                Span::raw(" "),
                Span::styled(m.explain(), t.dim()),
            ]));
        } else {
            lines.push(Line::from(name));
            if explained && on {
                lines.push(Line::styled(format!("  {}", m.explain()), t.dim()));
            }
        }
    }
    lines
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let error = error_paragraph(t, app.errors.options.as_deref());
    let error_rows = error
        .as_ref()
        .map_or(0, |p| p.line_count(area.width) as u16);
    let explained = Paragraph::new(mode_lines(app, area.width, true)).wrap(Wrap { trim: false });
    let explained_rows = explained.line_count(area.width) as u16;
    let (modes, mode_rows, gap) =
        if explained_rows + 1 + INPUT_ROWS + error_rows.max(1) <= area.height {
            (explained, explained_rows, 1)
        } else {
            (
                Paragraph::new(mode_lines(app, area.width, false)),
                Mode::ALL.len() as u16,
                0,
            )
        };
    let [modes_area, _, field_area, rest] = Layout::vertical([
        Constraint::Length(mode_rows),
        Constraint::Length(gap),
        Constraint::Length(INPUT_ROWS),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(modes, modes_area);
    input_box(
        frame,
        field_area,
        t,
        &S::extra_options(),
        &app.options,
        app.dialog.is_none(),
    );

    if let Some(p) = error {
        frame.render_widget(p, rest);
        return;
    }
    // The value as it will be written.
    let mut lines = Vec::new();
    if let Ok(extra) = validate::certbot_options(app.options.value()) {
        lines.push(Line::from(vec![
            Span::styled("CERTBOT_OPTIONS=", t.dim()),
            Span::raw(app.mode.options_value(&extra)),
        ]));
    }
    lines.push(Line::styled(S::always_added(NO_RANDOM_SLEEP), t.dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
}
