//! A run's events with their timing, written as JSON lines while a real run goes and
//! played back later (the demo plays runs recorded from a real issuance). The folder
//! and the domain are kept as `{folder}` and `{domain}`, so a recording plays in any
//! folder for any domain.

use crate::tr;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::events::{RunEvent, StepOutcome};
use super::executor::{Cancel, RunError};
use super::steps::Step;

/// One event and when it happened, in milliseconds from the start of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    pub ms: u64,
    pub event: RunEvent,
}

/// Writes a run's events as they arrive.
pub struct Recorder {
    out: BufWriter<File>,
    start: Instant,
    folder: String,
    domain: String,
}

impl Recorder {
    pub fn create(path: &Path, folder: &Path, domain: &str) -> io::Result<Recorder> {
        Ok(Recorder {
            out: BufWriter::new(File::create(path)?),
            start: Instant::now(),
            folder: json_text(&folder.display().to_string()),
            domain: json_text(domain),
        })
    }

    pub fn record(&mut self, event: &RunEvent) -> io::Result<()> {
        let line = serde_json::to_string(&Recorded {
            ms: self.start.elapsed().as_millis() as u64,
            event: event.clone(),
        })?;
        let line = line
            .replace(&self.folder, "{folder}")
            .replace(&self.domain, "{domain}");
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }
}

/// A string as it appears inside a JSON string (escaped, without the quotes).
fn json_text(s: &str) -> String {
    let quoted = serde_json::to_string(s).expect("a string serializes");
    quoted[1..quoted.len() - 1].to_string()
}

/// Reads a recording, filling in the folder and the domain.
pub fn parse(text: &str, folder: &Path, domain: &str) -> Result<Vec<Recorded>, String> {
    let (folder, domain) = (json_text(&folder.display().to_string()), json_text(domain));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, line)| {
            let line = line
                .replace("{folder}", &folder)
                .replace("{domain}", &domain);
            serde_json::from_str(&line).map_err(|e| {
                tr!(
                    "core-recording-recording-line-e",
                    n = (n + 1).to_string(),
                    e = e.to_string()
                )
            })
        })
        .collect()
}

/// Plays a recording with its timing, from the first of `steps` on (a retry plays the
/// rest of the run). Stops at `cancel` like a run does; ends as the recorded run ended.
pub fn replay(
    recording: &[Recorded],
    steps: &[Step],
    cancel: &Cancel,
    emit: &mut dyn FnMut(RunEvent),
) -> Result<(), RunError> {
    let start_at = steps
        .first()
        .and_then(|first| {
            recording
                .iter()
                .position(|r| matches!(r.event, RunEvent::Started { step, .. } if step == *first))
        })
        .unwrap_or(0);
    // A retry starts at a later step: its indexes count from there.
    let offset = match recording.get(start_at).map(|r| &r.event) {
        Some(RunEvent::Started { index, .. }) => *index,
        _ => 0,
    };
    let t0 = recording.get(start_at).map_or(0, |r| r.ms);
    let began = Instant::now();
    emit(RunEvent::Planned(steps.to_vec()));
    let mut current: Option<(usize, Step)> = None;
    for recorded in &recording[start_at..] {
        let due = Duration::from_millis(recorded.ms.saturating_sub(t0));
        while began.elapsed() < due {
            if cancel.is_cancelled() {
                let (index, step) = current.unwrap_or((0, steps[0]));
                emit(RunEvent::Finished {
                    index,
                    step,
                    elapsed: Duration::ZERO,
                    outcome: StepOutcome::Cancelled,
                });
                return Err(RunError::Cancelled { step });
            }
            std::thread::sleep(
                due.saturating_sub(began.elapsed())
                    .min(Duration::from_millis(50)),
            );
        }
        let event = match recorded.event.clone() {
            RunEvent::Planned(_) => continue,
            RunEvent::Started { index, step } => {
                current = Some((index - offset, step));
                RunEvent::Started {
                    index: index - offset,
                    step,
                }
            }
            RunEvent::Finished {
                index,
                step,
                elapsed,
                outcome,
            } => {
                let failed = match &outcome {
                    StepOutcome::Failed { error, diagnosis } => Some(RunError::Failed {
                        step,
                        error: error.clone(),
                        diagnosis: diagnosis.clone(),
                    }),
                    _ => None,
                };
                emit(RunEvent::Finished {
                    index: index - offset,
                    step,
                    elapsed,
                    outcome,
                });
                if let Some(error) = failed {
                    return Err(error);
                }
                continue;
            }
            other => other,
        };
        emit(event);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::run::LineSource;

    fn recording() -> Vec<Recorded> {
        let steps = [Step::BringUp, Step::RequestCertificate];
        let mut events = vec![RunEvent::Planned(steps.to_vec())];
        for (index, step) in steps.into_iter().enumerate() {
            events.push(RunEvent::Started { index, step });
            events.push(RunEvent::Line {
                source: LineSource::Compose,
                text: format!("line of {step:?}"),
            });
            events.push(RunEvent::Finished {
                index,
                step,
                elapsed: Duration::from_millis(5),
                outcome: StepOutcome::Succeeded { note: None },
            });
        }
        events
            .into_iter()
            .enumerate()
            .map(|(i, event)| Recorded {
                ms: i as u64,
                event,
            })
            .collect()
    }

    #[test]
    fn folder_and_domain_become_placeholders_and_come_back_filled_in() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("run.jsonl");
        let mut recorder = Recorder::create(&file, Path::new("/srv/dify \"x\""), "a.org").unwrap();
        recorder
            .record(&RunEvent::Command(
                "docker compose -f '/srv/dify \"x\"/docker-compose.yaml' for a.org".into(),
            ))
            .unwrap();
        drop(recorder);
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("{folder}") && text.contains("{domain}"),
            "{text}"
        );
        assert!(
            !text.contains("a.org") && !text.contains("/srv/dify"),
            "{text}"
        );
        let back = parse(&text, Path::new("/tmp/demo"), "b.dev").unwrap();
        assert_eq!(
            back[0].event,
            RunEvent::Command("docker compose -f '/tmp/demo/docker-compose.yaml' for b.dev".into())
        );
    }

    #[test]
    fn a_retry_plays_from_its_first_step_with_indexes_from_zero() {
        let mut seen = vec![];
        replay(
            &recording(),
            &[Step::RequestCertificate],
            &Cancel::default(),
            &mut |e| seen.push(e),
        )
        .unwrap();
        assert_eq!(seen[0], RunEvent::Planned(vec![Step::RequestCertificate]));
        assert_eq!(
            seen[1],
            RunEvent::Started {
                index: 0,
                step: Step::RequestCertificate
            }
        );
        assert!(!seen.iter().any(|e| matches!(
            e,
            RunEvent::Started {
                step: Step::BringUp,
                ..
            }
        )));
    }

    #[test]
    fn a_recorded_failure_ends_the_replay_as_that_failure() {
        let mut rec = recording();
        rec[3].event = RunEvent::Finished {
            index: 0,
            step: Step::BringUp,
            elapsed: Duration::ZERO,
            outcome: StepOutcome::Failed {
                error: "nginx answered 404".into(),
                diagnosis: None,
            },
        };
        let mut seen = vec![];
        let end = replay(&rec, &[Step::BringUp], &Cancel::default(), &mut |e| {
            seen.push(e)
        });
        assert!(matches!(
            end,
            Err(RunError::Failed {
                step: Step::BringUp,
                ..
            })
        ));
        assert!(
            !seen
                .iter()
                .any(|e| matches!(e, RunEvent::Started { index: 1, .. }))
        );
    }

    #[test]
    fn a_cancel_stops_the_replay_in_its_step() {
        let mut rec = recording();
        rec.last_mut().unwrap().ms = 60_000;
        let cancel = Cancel::default();
        let mut seen = vec![];
        let end = replay(&rec, &[Step::BringUp], &cancel, &mut |e| {
            if matches!(e, RunEvent::Started { index: 1, .. }) {
                cancel.cancel();
            }
            seen.push(e)
        });
        assert_eq!(
            end,
            Err(RunError::Cancelled {
                step: Step::RequestCertificate
            })
        );
        assert!(matches!(
            seen.last(),
            Some(RunEvent::Finished {
                outcome: StepOutcome::Cancelled,
                ..
            })
        ));
    }
}
