//! Rendering: draws the wizard from its state and nothing else.

mod checks;
mod chrome;
mod dashboard;
mod done;
mod folder;
mod import;
mod mode;
mod review;
mod run;
pub mod scroll;
mod text_field;
pub mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph};

use super::app::{App, Screen};

/// Below this the wizard shows a notice instead of a cramped screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where things go on a screen of a given size.
pub struct Areas {
    pub header: Rect,
    pub body: Rect,
    pub banner: Rect,
    pub help: Rect,
}

/// The banner takes up to this many rows; the body gives them up.
const BANNER_MAX_ROWS: u16 = 3;

pub fn areas(app: &App, area: Rect) -> Areas {
    let banner_rows = chrome::banner_paragraph(app)
        .map_or(1, |p| p.line_count(area.width) as u16)
        .clamp(1, BANNER_MAX_ROWS);
    let [header, body, banner, help] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(banner_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    Areas {
        header,
        body,
        banner,
        help,
    }
}

/// The frame around each step's content.
fn body_block(app: &App) -> Block<'static> {
    Block::bordered()
        .border_set(app.theme.border())
        .padding(Padding::horizontal(1))
        .title(Line::styled(
            if app.demo && app.screen == Screen::Run {
                crate::tui::strings::demo_run_title().to_string()
            } else {
                format!(" {} ", app.screen.title())
            },
            app.theme.title(),
        ))
}

/// The inside of the body's frame on a screen of `area`.
pub fn body_inner(app: &App, area: Rect) -> Rect {
    body_block(app).inner(areas(app, area).body)
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = crate::tui::strings::too_small(MIN_WIDTH, MIN_HEIGHT, area.width, area.height);
        // Wrapped here, by display width: ratatui's wrapping can step past the edge
        // with a two-column character in a very narrow area.
        let lines: Vec<ratatui::text::Line> = wrap::wrap_words(&text, area.width.into())
            .into_iter()
            .map(ratatui::text::Line::raw)
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // What update scrolls within: recorded here, where the content is built anyway.
    app.scroll_max.set(scroll::max_scroll(app));
    let a = areas(app, area);
    chrome::header(app, frame, a.header);
    let block = scroll_markers(app, body_block(app));
    let inner = block.inner(a.body);
    frame.render_widget(block, a.body);
    match app.screen {
        Screen::Folder | Screen::Review | Screen::Applied => scroll::render(app, frame, inner),
        Screen::Run => run::render(app, frame, inner),
        Screen::Dashboard | Screen::Logs | Screen::Checks => scroll::render(app, frame, inner),
        Screen::Domain => text_field::render_domain(app, frame, inner),
        Screen::Email => text_field::render_email(app, frame, inner),
        Screen::Mode => mode::render(app, frame, inner),
        Screen::Import => import::render(app, frame, inner),
    }
    chrome::banner(app, frame, a.banner);
    chrome::help(app, frame, a.help);
    chrome::dialog(app, frame, area);
    chrome::keys_overlay(app, frame, area);
}

/// Shortens `text` to `width` columns, keeping its end (for paths).
pub fn truncate_left(text: &str, width: usize, ellipsis: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let keep = width.saturating_sub(ellipsis.width());
    // The longest end of `text` that fits, by display width.
    let mut used = 0;
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= keep
        })
        .last()
        .map_or(text.len(), |(i, _)| i);
    format!("{ellipsis}{}", &text[start..])
}

/// Says on the frame that rows are hidden above or below.
fn scroll_markers(app: &App, block: Block<'static>) -> Block<'static> {
    let (above, below) = scroll::hidden(app);
    let (up, down) = if app.theme.unicode {
        ("↑", "↓")
    } else {
        ("^", "v")
    };
    let marker = match (above, below) {
        (false, false) => return block,
        (true, false) => format!(" {up} {} ", crate::tui::strings::more()),
        (false, true) => format!(" {down} {} ", crate::tui::strings::more()),
        (true, true) => format!(" {up}{down} {} ", crate::tui::strings::more()),
    };
    block.title_bottom(Line::styled(marker, app.theme.accent()).right_aligned())
}
