//! Rendering: draws the wizard from its state and nothing else.

mod chrome;
mod done;
mod folder;
mod mode;
pub mod review;
mod text_field;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::app::{App, Step};

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

pub fn areas(area: Rect) -> Areas {
    let [header, body, banner, help] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
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

/// The inside of the body's border.
pub fn body_inner(area: Rect) -> Rect {
    Block::bordered().inner(areas(area).body)
}

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "Terminal too small: dify-https needs {MIN_WIDTH}x{MIN_HEIGHT}, this one is {}x{}. Enlarge it, or press Ctrl-C to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let a = areas(area);
    chrome::header(app, frame, a.header);
    let block = Block::bordered()
        .border_set(app.theme.border())
        .title(Line::styled(
            format!(" {} ", app.step.title()),
            app.theme.title(),
        ));
    let inner = block.inner(a.body);
    frame.render_widget(block, a.body);
    match app.step {
        Step::Folder => folder::render(app, frame, inner),
        Step::Domain => text_field::render_domain(app, frame, inner),
        Step::Email => text_field::render_email(app, frame, inner),
        Step::Mode => mode::render(app, frame, inner),
        Step::Review => review::render(app, frame, inner),
        Step::Done => done::render(app, frame, inner),
    }
    chrome::banner(app, frame, a.banner);
    chrome::help(app, frame, a.help);
    chrome::dialog(app, frame, area);
}

/// Shortens `text` to `width` columns, keeping its end (for paths).
pub fn truncate_left(text: &str, width: usize, ellipsis: &str) -> String {
    let count = text.chars().count();
    if count <= width {
        return text.to_string();
    }
    let keep = width.saturating_sub(ellipsis.chars().count());
    let tail: String = text.chars().skip(count - keep).collect();
    format!("{ellipsis}{tail}")
}
