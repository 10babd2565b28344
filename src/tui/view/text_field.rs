//! Steps 2 and 3: one text field with what it is for and its validation message.
//! When rows are short, the field and its error keep their place and the help text
//! gives up rows.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use tui_input::Input;

use crate::tui::app::App;
use crate::tui::theme::Theme;

use crate::tui::strings::fields;

/// Rows of the bordered input box.
pub const INPUT_ROWS: u16 = 3;

pub fn render_domain(app: &App, frame: &mut Frame, area: Rect) {
    let field = Field {
        label: &fields::domain(),
        input: &app.domain,
        error: app.errors.domain.as_deref(),
    };
    render(app, frame, area, &fields::domain_help(), field);
}

pub fn render_email(app: &App, frame: &mut Frame, area: Rect) {
    let field = Field {
        label: &fields::email(),
        input: &app.email,
        error: app.errors.email.as_deref(),
    };
    render(app, frame, area, &fields::email_help(), field);
}

struct Field<'a> {
    label: &'a str,
    input: &'a Input,
    error: Option<&'a str>,
}

/// The error under a field, as a wrapped paragraph.
pub fn error_paragraph(t: &Theme, error: Option<&str>) -> Option<Paragraph<'static>> {
    error.map(|e| {
        Paragraph::new(Line::styled(format!("{} {e}", t.cross()), t.error()))
            .wrap(Wrap { trim: true })
    })
}

fn render(app: &App, frame: &mut Frame, area: Rect, help: &str, field: Field) {
    let t = &app.theme;
    let error = error_paragraph(t, field.error);
    let error_rows = error
        .as_ref()
        .map_or(0, |p| p.line_count(area.width) as u16);
    // Wrapped here so a cut is visible: the last row that fits ends in an ellipsis
    // when more of the help would follow (it reads whole at a wider terminal).
    let width = area.width as usize;
    let wrapped: Vec<String> = help
        .lines()
        .flat_map(|p| super::wrap::wrap_words(p, width))
        .collect();
    let spare = area.height.saturating_sub(INPUT_ROWS + error_rows);
    let help_rows = (wrapped.len() as u16).min(spare.saturating_sub(1));
    let mut shown: Vec<String> = wrapped[..help_rows as usize].to_vec();
    if (help_rows as usize) < wrapped.len()
        && let Some(last) = shown.last_mut()
    {
        let ellipsis = t.ellipsis();
        let keep = width.saturating_sub(ellipsis.chars().count() + 1);
        let cut = super::wrap::cut_to_width(last, keep);
        *last = format!("{} {ellipsis}", cut.trim_end());
    }
    let help_par = Paragraph::new(shown.join("\n")).style(t.dim());
    let gap = u16::from(help_rows > 0);
    let [help_area, _, field_area, error_area] = Layout::vertical([
        Constraint::Length(help_rows),
        Constraint::Length(gap),
        Constraint::Length(INPUT_ROWS),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(help_par, help_area);
    input_box(
        frame,
        field_area,
        t,
        field.label,
        field.input,
        app.dialog.is_none(),
    );
    if let Some(p) = error {
        frame.render_widget(p, error_area);
    }
}

/// A bordered one-line text input, scrolled so the cursor stays visible.
pub fn input_box(
    frame: &mut Frame,
    area: Rect,
    t: &Theme,
    label: &str,
    input: &Input,
    show_cursor: bool,
) {
    input_box_in(frame, area, t, label, input, show_cursor, true);
}

/// [`input_box`] among others: only the focused one has its label lit and the cursor.
pub fn input_box_in(
    frame: &mut Frame,
    area: Rect,
    t: &Theme,
    label: &str,
    input: &Input,
    show_cursor: bool,
    focused: bool,
) {
    let show_cursor = show_cursor && focused;
    let block = Block::bordered().border_set(t.border()).title(Line::styled(
        format!(" {label} "),
        if focused { t.accent() } else { t.dim() },
    ));
    let inner = block.inner(area);
    let width = inner.width.max(1) as usize;
    let scroll = input.visual_scroll(width.saturating_sub(1));
    let text = Paragraph::new(input.value())
        .scroll((0, scroll as u16))
        .block(block);
    frame.render_widget(text, area);
    if show_cursor && inner.height > 0 {
        let x = input.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position((inner.x + x.min(inner.width.saturating_sub(1)), inner.y));
    }
}
