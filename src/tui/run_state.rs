//! The run screen's state: each step's status, the scrollback of output and log lines,
//! the countdown, how the run ended. Changed only by `apply` (run events) and by the
//! keys `update` handles; time comes in with ticks, so rendering stays pure.

use std::time::{Duration, Instant};

use crate::core::logs::{BufferedLine, Level, LogBuffer};
use crate::core::run::{Diagnosis, LineSource, RunEvent, Step, StepOutcome};
use crate::core::setup::Mode;

/// Lines and bytes the scrollback keeps (older ones are dropped).
pub const SCROLLBACK_LINES: usize = 5_000;
pub const SCROLLBACK_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepStatus {
    Pending,
    Running {
        since: Instant,
    },
    Succeeded {
        elapsed: Duration,
        note: Option<String>,
    },
    Skipped {
        why: String,
    },
    Failed {
        elapsed: Duration,
        error: String,
        diagnosis: Option<Diagnosis>,
    },
    Cancelled {
        elapsed: Duration,
    },
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunEnd {
    Succeeded,
    Failed {
        step: Step,
    },
    Cancelled {
        step: Step,
    },
    /// It could not start (no compose command, ...).
    NotStarted(String),
}

#[derive(Debug, Clone)]
pub struct RunState {
    pub domain: String,
    pub mode: Mode,
    pub steps: Vec<(Step, StepStatus)>,
    pub log: LogBuffer<LineSource>,
    /// Show new lines as they come; off once the user scrolls up.
    pub follow: bool,
    /// Lines above the newest one when not following.
    pub scroll_back: usize,
    /// Show certbot's DEBUG records too.
    pub verbose: bool,
    pub countdown: Option<u64>,
    pub ended: Option<RunEnd>,
    /// Ctrl-C was confirmed; waiting for the running command to stop.
    pub stopping: bool,
    /// A renewal (from the dashboard) rather than a setup.
    pub renew: bool,
    /// An import of the admin's own certificate (run as the dashboard's runs are).
    pub import: bool,
}

impl RunState {
    pub fn new(domain: String, mode: Mode) -> RunState {
        RunState {
            domain,
            mode,
            steps: Vec::new(),
            log: LogBuffer::new(SCROLLBACK_LINES, SCROLLBACK_BYTES),
            follow: true,
            scroll_back: 0,
            verbose: false,
            countdown: None,
            ended: None,
            stopping: false,
            renew: false,
            import: false,
        }
    }

    pub fn is_running(&self) -> bool {
        self.ended.is_none()
    }

    /// Takes in one event from the executor; `now` is the latest tick.
    pub fn apply(&mut self, event: RunEvent, now: Instant) {
        match event {
            RunEvent::Planned(steps) => {
                self.steps = steps
                    .into_iter()
                    .map(|s| (s, StepStatus::Pending))
                    .collect()
            }
            RunEvent::Started { index, .. } => {
                if let Some((_, status)) = self.steps.get_mut(index) {
                    *status = StepStatus::Running { since: now };
                }
                self.countdown = None;
            }
            RunEvent::Command(cmd) => self.push(LineSource::Compose, format!("$ {cmd}")),
            RunEvent::Line { source, text } => self.push(source, text),
            RunEvent::Countdown(left) => self.countdown = (left > 0).then_some(left),
            RunEvent::Finished {
                index,
                elapsed,
                outcome,
                ..
            } => {
                self.countdown = None;
                if let Some((_, status)) = self.steps.get_mut(index) {
                    *status = match outcome {
                        StepOutcome::Succeeded { note } => StepStatus::Succeeded { elapsed, note },
                        StepOutcome::Skipped { why } => StepStatus::Skipped { why },
                        StepOutcome::Failed { error, diagnosis } => StepStatus::Failed {
                            elapsed,
                            error,
                            diagnosis,
                        },
                        StepOutcome::Cancelled => StepStatus::Cancelled { elapsed },
                    };
                }
            }
        }
    }

    fn push(&mut self, source: LineSource, text: String) {
        self.log.push(source, text);
        let shown = self.log.iter().next_back().is_some_and(|l| self.shows(l));
        if !self.follow && shown {
            // Keep the same lines in view while new ones arrive below (a line the
            // view hides moves nothing).
            self.scroll_back += 1;
        }
    }

    /// Whether the view shows `line` (certbot's DEBUG records only in details).
    pub fn shows(&self, line: &BufferedLine<LineSource>) -> bool {
        self.verbose || line.level >= Level::Info
    }

    /// How many lines the view shows: what scrolling counts in.
    pub fn shown_len(&self) -> usize {
        self.log.iter().filter(|l| self.shows(l)).count()
    }

    /// The failed step, if any, with its error and diagnosis.
    pub fn failure(&self) -> Option<(Step, &str, Option<&Diagnosis>)> {
        self.steps.iter().find_map(|(step, status)| match status {
            StepStatus::Failed {
                error, diagnosis, ..
            } => Some((*step, error.as_str(), diagnosis.as_ref())),
            _ => None,
        })
    }

    /// The note of the last step that finished with one (the run's conclusion).
    /// It failed or was stopped: `t` runs again from the step that did not finish.
    pub fn can_retry(&self) -> bool {
        matches!(
            self.ended,
            Some(RunEnd::Failed { .. } | RunEnd::Cancelled { .. })
        )
    }

    /// The steps from the one that failed or was stopped, to run again.
    pub fn steps_to_retry(&self) -> Vec<Step> {
        let from = self
            .steps
            .iter()
            .position(|(_, s)| {
                matches!(
                    s,
                    StepStatus::Failed { .. }
                        | StepStatus::Cancelled { .. }
                        | StepStatus::Running { .. }
                )
            })
            .unwrap_or(0);
        self.steps[from..].iter().map(|(step, _)| *step).collect()
    }

    pub fn last_note(&self) -> Option<&str> {
        self.steps
            .iter()
            .rev()
            .find_map(|(_, status)| match status {
                StepStatus::Succeeded { note: Some(n), .. } => Some(n.as_str()),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_move_steps_through_their_states() {
        let t0 = Instant::now();
        let mut r = RunState::new("d.example.org".into(), Mode::Production);
        r.apply(
            RunEvent::Planned(vec![Step::BringUp, Step::ChallengeSelfTest]),
            t0,
        );
        r.apply(
            RunEvent::Started {
                index: 0,
                step: Step::BringUp,
            },
            t0,
        );
        assert_eq!(r.steps[0].1, StepStatus::Running { since: t0 });
        r.apply(RunEvent::Command("docker compose up -d".into()), t0);
        r.apply(
            RunEvent::Finished {
                index: 0,
                step: Step::BringUp,
                elapsed: Duration::from_secs(2),
                outcome: StepOutcome::Succeeded { note: None },
            },
            t0,
        );
        assert_eq!(
            r.steps[0].1,
            StepStatus::Succeeded {
                elapsed: Duration::from_secs(2),
                note: None
            }
        );
        assert_eq!(r.steps[1].1, StepStatus::Pending);
        assert_eq!(r.log.iter().next().unwrap().text, "$ docker compose up -d");
    }

    #[test]
    fn scrolled_up_views_stay_put_as_lines_arrive() {
        let mut r = RunState::new("d.example.org".into(), Mode::Production);
        r.follow = false;
        r.scroll_back = 3;
        r.apply(
            RunEvent::Line {
                source: LineSource::Log,
                text: "new".into(),
            },
            Instant::now(),
        );
        assert_eq!(r.scroll_back, 4);
    }

    #[test]
    fn hidden_debug_lines_do_not_move_a_scrolled_up_view() {
        let mut r = RunState::new("d.acmecorp.io".into(), Mode::Production);
        r.follow = false;
        r.scroll_back = 3;
        let line = |text: &str| RunEvent::Line {
            source: LineSource::Log,
            text: text.into(),
        };
        r.apply(
            line("2026-12-03 19:32:35,923:DEBUG:certbot._internal.main:hidden"),
            Instant::now(),
        );
        assert_eq!(r.scroll_back, 3);
        r.apply(
            line("2026-12-03 19:32:35,923:INFO:certbot._internal.main:shown"),
            Instant::now(),
        );
        assert_eq!(r.scroll_back, 4);
        // With details on, DEBUG lines show and count.
        r.verbose = true;
        r.apply(
            line("2026-12-03 19:32:35,923:DEBUG:certbot._internal.main:shown now"),
            Instant::now(),
        );
        assert_eq!(r.scroll_back, 5);
    }
}
