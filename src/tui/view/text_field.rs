//! Steps 2 and 3: one text field with what it is for and its validation message.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use tui_input::Input;

use crate::tui::app::App;
use crate::tui::theme::Theme;

const DOMAIN_HELP: &str = "The public name people use to reach Dify, e.g. dify.example.org. Its DNS A/AAAA record must point at this server and port 80 must reach it: Let's Encrypt checks both.";
const EMAIL_HELP: &str = "Let's Encrypt registers an account under this address for policy and security notices. (It no longer sends expiry emails: dify-https keeps watch instead.)";

pub fn render_domain(app: &App, frame: &mut Frame, area: Rect) {
    render(
        frame,
        area,
        &app.theme,
        DOMAIN_HELP,
        "Domain",
        &app.domain,
        app.errors.domain.as_deref(),
        app.dialog.is_none(),
    );
}

pub fn render_email(app: &App, frame: &mut Frame, area: Rect) {
    render(
        frame,
        area,
        &app.theme,
        EMAIL_HELP,
        "Email",
        &app.email,
        app.errors.email.as_deref(),
        app.dialog.is_none(),
    );
}

#[allow(clippy::too_many_arguments)]
fn render(
    frame: &mut Frame,
    area: Rect,
    t: &Theme,
    help: &str,
    label: &str,
    input: &Input,
    error: Option<&str>,
    show_cursor: bool,
) {
    let help_par = Paragraph::new(help).wrap(Wrap { trim: true });
    let help_rows = (help_par.line_count(area.width) as u16).min(area.height.saturating_sub(4));
    let [help_area, _, field_area, error_area] = Layout::vertical([
        Constraint::Length(help_rows),
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(help_par.style(t.dim()), help_area);
    input_box(frame, field_area, t, label, input, show_cursor);
    if let Some(e) = error {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{} {e}", t.cross()), t.error()))
                .wrap(Wrap { trim: true }),
            error_area,
        );
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
    let block = Block::bordered()
        .border_set(t.border())
        .title(Line::styled(format!(" {label} "), t.accent()));
    let inner = block.inner(area);
    let width = inner.width.max(1) as usize;
    let scroll = input.visual_scroll(width.saturating_sub(1));
    let text = Paragraph::new(input.value())
        .scroll((0, scroll as u16))
        .block(block);
    frame.render_widget(text, area);
    if show_cursor {
        let x = input.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position((inner.x + x.min(inner.width.saturating_sub(1)), inner.y));
    }
}
