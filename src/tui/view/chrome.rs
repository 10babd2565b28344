//! What surrounds every step: the header with the step trail, the banner line,
//! the key help and the quit dialog.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::app::{App, Screen};
use crate::tui::keys;
use crate::tui::strings;

pub fn header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut left = vec![Span::styled(" dify-https", t.accent())];
    if app.demo {
        left.push(Span::styled(strings::demo_tag(), t.warn()));
    }
    let left_width: usize = left.iter().map(|s| s.width()).sum();
    let sep = format!(" {} ", t.sep());
    let trail: Vec<Span> = Screen::ALL
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let style = if *s == app.screen.trail() {
                t.selected()
            } else {
                t.dim()
            };
            let mut spans = vec![Span::styled(s.title(), style)];
            if i + 1 < Screen::ALL.len() {
                spans.push(Span::styled(sep.clone(), t.dim()));
            }
            spans
        })
        .collect();
    let trail_width: usize = trail.iter().map(|s| s.width()).sum();
    let right = if app.renewing() {
        // A renewal is not a step of the wizard: its own header, not the trail.
        let (domain, import) = app
            .run
            .as_ref()
            .map(|r| (r.domain.clone(), r.import))
            .unwrap_or_default();
        Line::from(Span::styled(
            strings::renewal_header(t.sep(), &domain, import),
            t.title(),
        ))
    } else if !app.in_wizard() {
        let domain = app
            .status
            .as_ref()
            .and_then(|r| r.domain.clone())
            .unwrap_or_default();
        Line::from(Span::styled(format!("{domain} "), t.title()))
    } else if left_width + trail_width + 2 <= area.width as usize {
        Line::from(trail)
    } else {
        Line::from(Span::styled(
            strings::step_of(app.screen.number(), Screen::ALL.len(), &app.screen.title()),
            t.title(),
        ))
    };
    frame.render_widget(Line::from(left), area);
    frame.render_widget(right.alignment(Alignment::Right), area);
}

/// The banner's text: work in progress, or the last error or news.
pub fn banner_paragraph(app: &App) -> Option<Paragraph<'static>> {
    let t = &app.theme;
    let line = if let Some(work) = &app.busy {
        Line::styled(format!(" {work}{}", t.ellipsis()), t.accent())
    } else if let Some(b) = &app.banner {
        if b.error {
            Line::styled(format!(" {} {}", t.cross(), b.text), t.error())
        } else if b.note {
            Line::styled(format!(" {} {}", t.bullet(), b.text), t.accent())
        } else {
            Line::styled(format!(" {} {}", t.check(), b.text), t.ok())
        }
    } else {
        return None;
    };
    Some(Paragraph::new(line).wrap(Wrap { trim: true }))
}

pub fn banner(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(p) = banner_paragraph(app) {
        frame.render_widget(p, area);
    }
}

/// The help bar: the screen's keys from the key table, fitted to the width.
pub fn help(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let bindings = keys::bindings(app);
    let keys: Vec<(&str, &str)> = bindings
        .iter()
        .filter(|b| b.in_bar)
        .map(|b| (key_name(b.name, t), b.words.as_str()))
        .collect();
    frame.render_widget(Line::from(key_row(&keys, area.width as usize, t)), area);
}

/// A key's name as the theme can draw it (`↑↓` is `Up/Down` in ASCII).
fn key_name(name: &'static str, t: &crate::tui::theme::Theme) -> &'static str {
    if name == keys::UP_DOWN && !t.unicode {
        "Up/Down"
    } else {
        name
    }
}

/// `?`: every key of the screen, with what it does, over the screen.
pub fn keys_overlay(app: &App, frame: &mut Frame, area: Rect) {
    if !app.keys_shown {
        return;
    }
    let t = &app.theme;
    let listed: Vec<_> = keys::bindings(app)
        .into_iter()
        .filter(|b| b.listed)
        .collect();
    let name_width = listed
        .iter()
        .map(|b| unicode_width::UnicodeWidthStr::width(key_name(b.name, t)))
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = listed
        .iter()
        .map(|b| {
            let name = key_name(b.name, t);
            let pad = name_width - unicode_width::UnicodeWidthStr::width(name);
            Line::from(vec![
                Span::styled(format!("{name}{}", " ".repeat(pad)), t.key()),
                Span::raw(format!("  {}", b.words)),
            ])
        })
        .collect();
    lines.push(Line::styled(strings::any_key_closes(), t.dim()));
    let width = (lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let block = Block::bordered()
        .border_set(t.border())
        .padding(ratatui::widgets::Padding::horizontal(1))
        .title(Line::styled(
            strings::keys_title(&app.screen.title()),
            t.title(),
        ));
    clear_popup_area(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// Clears where a popup goes, and the wide character (Chinese: two columns) whose
/// right half the popup's left border would cover: a terminal cannot show half of
/// one, so it becomes a space instead of hiding the border.
fn clear_popup_area(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        if let Some(cell) = buffer.cell_mut((rect.x - 1, y))
            && unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// The key hints fitted to `width` without cutting one in the middle: the last hints
/// lose their words (the key stays), each step trying wide gaps then narrow ones,
/// and only then do the last hints go.
fn key_row(
    keys: &[(&str, &str)],
    width: usize,
    t: &crate::tui::theme::Theme,
) -> Vec<Span<'static>> {
    let build = |gap: &str, worded: usize, shown: usize| {
        let mut spans = vec![Span::raw(" ")];
        for (i, (key, what)) in keys.iter().take(shown).enumerate() {
            if i > 0 {
                spans.push(Span::styled(gap.to_string(), t.dim()));
            }
            spans.push(Span::styled(key.to_string(), t.key()));
            if i < worded {
                spans.push(Span::styled(format!(" {what}"), t.dim()));
            }
        }
        spans
    };
    let fits = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>() <= width;
    let n = keys.len();
    for worded in (0..=n).rev() {
        for gap in ["  ", " "] {
            let spans = build(gap, worded, n);
            if fits(&spans) {
                return spans;
            }
        }
    }
    (0..n)
        .rev()
        .map(|shown| build(" ", 0, shown))
        .find(|s| fits(s))
        .unwrap_or_default()
}

pub fn dialog(app: &App, frame: &mut Frame, area: Rect) {
    let Some(dialog) = &app.dialog else { return };
    let t = &app.theme;
    let crate::tui::strings::DialogText {
        title,
        question,
        yes,
        no,
    } = crate::tui::strings::dialog(dialog);
    let width = area.width.saturating_sub(4).min(60);
    let body = Paragraph::new(vec![
        Line::raw(question),
        Line::from(vec![
            Span::styled("y", t.key()),
            Span::raw(format!(" {yes}   ")),
            Span::styled("n", t.key()),
            Span::raw(format!(" {no}")),
        ]),
    ])
    .wrap(Wrap { trim: true });
    let height = (body.line_count(width.saturating_sub(2)) as u16 + 2).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(row);
    let block = Block::bordered()
        .border_set(t.border())
        .title(Line::styled(title, t.title()));
    clear_popup_area(frame, rect);
    frame.render_widget(body.block(block), rect);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::Theme;

    #[test]
    fn key_hints_fit_without_cutting_one() {
        let t = Theme {
            color: true,
            unicode: true,
        };
        let keys = [
            ("Ctrl-C", "stop"),
            ("↑↓", "scroll"),
            ("End", "follow"),
            ("v", "details"),
        ];
        for width in 8..=80 {
            let spans = key_row(&keys, width, &t);
            let text: String = spans.iter().map(|s| s.content.to_string()).collect();
            assert!(
                spans.iter().map(Span::width).sum::<usize>() <= width,
                "{width}: {text:?}"
            );
            // Every key shown is whole, and a word is there entirely or not at all.
            for (key, what) in keys {
                let key_spans = spans.iter().filter(|s| s.content == key).count();
                assert!(key_spans <= 1, "{text:?}");
                assert!(
                    !text.contains(&what[..what.len() - 1]) || text.contains(what),
                    "{text:?}"
                );
            }
        }
        let wide: String = key_row(&keys, 80, &t)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(wide, " Ctrl-C stop  ↑↓ scroll  End follow  v details");
        let narrow: String = key_row(&keys, 40, &t)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(narrow, " Ctrl-C stop  ↑↓ scroll  End follow  v");
        let tight: String = key_row(&keys, 20, &t)
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(tight, " Ctrl-C  ↑↓  End  v");
    }
}
