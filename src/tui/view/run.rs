//! The run screen: each step with its state and time, the run's conclusion (or the
//! failure with its evidence and fix), and the live output of compose and certbot's log.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::core::run::{LineSource, Step};
use crate::core::setup::Mode;
use crate::tui::app::App;
use crate::tui::run_state::{RunEnd, RunState, StepStatus};
use crate::tui::strings::run as S;
use crate::tui::theme::Theme;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const ASCII_SPINNER: [&str; 4] = ["|", "/", "-", "\\"];

/// "0.4s", "12s", "2m05s".
pub fn format_elapsed(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 10.0 {
        format!("{secs:.1}s")
    } else if secs < 60.0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}m{:02}s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

fn step_line(
    app: &App,
    t: &Theme,
    index: usize,
    step: Step,
    status: &StepStatus,
    width: u16,
) -> Line<'static> {
    let (symbol, style, time) = match status {
        StepStatus::Pending => (
            if t.unicode { "·" } else { "." }.to_string(),
            t.dim(),
            String::new(),
        ),
        StepStatus::Running { since } => {
            let ticks = app.now.saturating_duration_since(*since).as_millis() as usize / 100;
            let frame = if t.unicode {
                SPINNER[ticks % SPINNER.len()]
            } else {
                ASCII_SPINNER[ticks % ASCII_SPINNER.len()]
            };
            (
                frame.to_string(),
                t.accent(),
                format_elapsed(app.now.saturating_duration_since(*since)),
            )
        }
        StepStatus::Succeeded { elapsed, .. } => {
            (t.check().to_string(), t.ok(), format_elapsed(*elapsed))
        }
        StepStatus::Skipped { .. } => ("-".to_string(), t.dim(), S::skipped().to_string()),
        StepStatus::Failed { elapsed, .. } => {
            (t.cross().to_string(), t.error(), format_elapsed(*elapsed))
        }
        StepStatus::Cancelled { elapsed } => (
            if t.unicode { "■" } else { "#" }.to_string(),
            t.warn(),
            format_elapsed(*elapsed),
        ),
    };
    let title = format!("{}. {}", index + 1, step.title());
    // By display width: a Chinese title's characters are two columns each.
    let room = (width as usize).saturating_sub(symbol.width() + 1 + time.width() + 1);
    let title: String = if title.width() > room {
        let ellipsis: String = t.ellipsis().chars().take(1).collect();
        let cut = super::wrap::cut_to_width(&title, room.saturating_sub(ellipsis.width()));
        format!("{cut}{ellipsis}")
    } else {
        title
    };
    let pad = room.saturating_sub(title.width());
    Line::from(vec![
        Span::styled(symbol, style),
        Span::raw(" "),
        Span::styled(
            title,
            if matches!(status, StepStatus::Pending) {
                t.dim()
            } else {
                t.title()
            },
        ),
        Span::raw(" ".repeat(pad + 1)),
        Span::styled(time, t.dim()),
    ])
}

/// What the run came to, once it ended.
fn conclusion(run: &RunState, t: &Theme) -> Vec<Line<'static>> {
    let Some(end) = &run.ended else {
        return match run.countdown {
            Some(left) => vec![Line::styled(S::countdown(left), t.warn())],
            None if run.stopping => vec![Line::styled(S::stopping(t.ellipsis()), t.warn())],
            None => vec![],
        };
    };
    match end {
        RunEnd::Succeeded if run.renew => vec![Line::styled(
            S::renewal_finished(t.check(), run.last_note().unwrap_or(""), run.import),
            t.ok(),
        )],
        RunEnd::Succeeded if run.mode == Mode::Production => {
            let mut lines = vec![Line::styled(S::https_on(t.check(), &run.domain), t.ok())];
            lines.push(Line::styled(S::keep_it_renewed(), t.dim()));
            lines
        }
        RunEnd::Succeeded => vec![Line::styled(
            format!("{} {}", t.check(), run.last_note().unwrap_or(&S::done())),
            t.ok(),
        )],
        RunEnd::Failed { step } => {
            let mut lines = Vec::new();
            if let Some((_, error, diagnosis)) = run.failure() {
                let number = run
                    .steps
                    .iter()
                    .position(|(s, _)| s == step)
                    .map_or(0, |i| i + 1);
                lines.push(Line::styled(
                    S::step_failed(t.cross(), number, error),
                    t.error(),
                ));
                if let Some(d) = diagnosis {
                    for e in &d.evidence {
                        lines.push(Line::styled(format!("  > {e}"), t.dim()));
                    }
                    lines.push(Line::from(vec![
                        Span::styled(S::fix(), t.title()),
                        Span::raw(crate::tui::strings::remedy(&d.fix)),
                    ]));
                }
            }
            let https = if run.renew {
                S::after_failed_renewal(run.import)
            } else if matches!(step, Step::SwitchHttps | Step::ConfirmHttps) {
                S::after_failed_switch()
            } else {
                S::after_failed_step()
            };
            lines.push(Line::styled(https, t.dim()));
            lines.push(Line::from(vec![
                Span::raw(S::try_again().0),
                Span::styled(S::try_again().1, t.key()),
                Span::raw(S::try_again().2),
            ]));
            lines
        }
        RunEnd::Cancelled { step } => vec![Line::from(vec![
            Span::styled(S::stopped_during(&step.title()), t.warn()),
            Span::styled(S::CONTINUE_KEY, t.key()),
            Span::styled(S::continues_from_it(), t.warn()),
        ])],
        RunEnd::NotStarted(why) => {
            vec![Line::styled(S::could_not_start(t.cross(), why), t.error())]
        }
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(run) = &app.run else { return };
    let t = &app.theme;
    let steps: Vec<Line> = run
        .steps
        .iter()
        .enumerate()
        .map(|(i, (step, status))| step_line(app, t, i, *step, status, area.width))
        .collect();
    let end = super::wrap::wrapping_paragraph(conclusion(run, t), area.width);
    let end_rows = (end.line_count(area.width) as u16).min(area.height / 2);
    // On short screens the step list gives way (down to the current step and its
    // neighbours) so the output keeps a few rows.
    const LOG_ROWS: u16 = 3;
    let room = area.height.saturating_sub(end_rows + 1);
    let all = steps.len() as u16;
    let step_rows = if all + LOG_ROWS <= room {
        all
    } else {
        all.min(3).min(room)
    };
    let [steps_area, end_area, rule_area, log_area] = Layout::vertical([
        Constraint::Length(step_rows),
        Constraint::Length(end_rows),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    // Keep the running (or last finished) step in view, with the next one, when the list is cut.
    let current = run
        .steps
        .iter()
        .rposition(|(_, s)| !matches!(s, StepStatus::Pending))
        .unwrap_or(0);
    let first = (current + 2)
        .min(run.steps.len())
        .saturating_sub(step_rows as usize);
    frame.render_widget(Paragraph::new(steps).scroll((first as u16, 0)), steps_area);
    frame.render_widget(end, end_area);

    let visible: Vec<_> = run.log.iter().filter(|l| run.shows(l)).collect();
    let rule = S::output_rule(run.follow, run.scroll_back, run.verbose, run.import);
    frame.render_widget(Line::styled(rule, t.dim()), rule_area);

    let rows = log_area.height as usize;
    let last = visible
        .len()
        .saturating_sub(run.scroll_back.min(visible.len().saturating_sub(1)));
    let bar = if t.unicode { "│" } else { "|" };
    let text_width = (log_area.width as usize).saturating_sub(9).max(1);
    // One log line as screen rows: its source in the margin, wrapped at spaces.
    let rows_of = |l: &crate::core::logs::BufferedLine<LineSource>| -> Vec<Line<'static>> {
        let (mark, style) = match l.source {
            LineSource::Compose => (S::COMPOSE_MARK.to_string(), t.dim()),
            LineSource::Log => (S::LOG_MARK.to_string(), t.accent()),
            LineSource::Note => (S::note_mark(), t.warn()),
        };
        // At spaces, by display width: `/update-cert.sh` stays whole.
        super::wrap::wrap_words(&l.text, text_width)
            .into_iter()
            .enumerate()
            .map(|(i, piece)| {
                let margin = if i == 0 {
                    format!("{mark}{bar} ")
                } else {
                    format!("       {bar} ")
                };
                Line::from(vec![Span::styled(margin, style), Span::raw(piece)])
            })
            .collect()
    };
    // Newest line at the bottom: lines from `last` upwards until the area is full.
    let mut out: Vec<Line> = Vec::new();
    for l in visible[..last].iter().rev() {
        let mut lines = rows_of(l);
        lines.extend(out);
        out = lines;
        if out.len() >= rows {
            break;
        }
    }
    // The line at `last` ends at the bottom row, unless there are not enough lines
    // above it to fill the area (scrolled to the top): then the first lines start at
    // the top, the ones after them below, and no row above the first line is blank.
    let skip = out.len().saturating_sub(rows);
    for l in &visible[last..] {
        if out.len() >= rows {
            break;
        }
        out.extend(rows_of(l));
    }
    out.truncate(skip + rows);
    frame.render_widget(Paragraph::new(out.split_off(skip)), log_area);
}
