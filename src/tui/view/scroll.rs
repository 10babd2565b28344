//! Steps whose content can be taller than the screen (folder, review, done) scroll
//! with the arrow keys; a marker on the frame says when more is below or above.

use super::wrap::wrapping_paragraph;
use super::{body_inner, checks, dashboard, done, folder, import, review};
use crate::tui::app::{App, Screen};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The content of a scrollable step at `width`, or `None` for other steps.
pub fn content(app: &App, width: u16) -> Option<Vec<Line<'static>>> {
    match app.screen {
        Screen::Folder => Some(folder::lines(app, width)),
        Screen::Review => Some(review::lines(app, width)),
        Screen::Applied => Some(done::lines(app, width)),
        Screen::Dashboard => Some(dashboard::content(app, width)),
        Screen::Checks => Some(checks::lines(app, width)),
        Screen::Logs => Some(app.log_lines.iter().map(|l| Line::raw(l.clone())).collect()),
        Screen::Import if app.import.plan.is_some() => Some(import::lines(app, width)),
        _ => None,
    }
}

/// The furthest the step scrolls: its last row at the bottom of the frame.
pub fn max_scroll(app: &App) -> usize {
    let inner = body_inner(app, Rect::new(0, 0, app.viewport.0, app.viewport.1));
    content(app, inner.width).map_or(0, |lines| {
        wrapping_paragraph(lines, inner.width)
            .line_count(inner.width.max(1))
            .saturating_sub(inner.height as usize)
    })
}

/// The first row shown: the scroll position, never past the end.
pub fn first_row(app: &App) -> usize {
    app.scroll.min(max_scroll(app))
}

/// Whether rows are hidden above and below.
pub fn hidden(app: &App) -> (bool, bool) {
    let first = first_row(app);
    (first > 0, first < max_scroll(app))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(lines) = content(app, area.width) {
        let first = first_row(app) as u16;
        frame.render_widget(
            wrapping_paragraph(lines, area.width).scroll((first, 0)),
            area,
        );
    }
}
