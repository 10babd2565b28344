//! What a run reports as it goes.

use std::time::Duration;

use super::classify::Diagnosis;
use super::steps::Step;

/// Where an output line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LineSource {
    /// compose's own output (and what runs through it: the update script, nginx).
    Compose,
    /// `volumes/certbot/logs/letsencrypt.log`.
    Log,
    /// What dify-https itself did between commands (wrote `.env`, undid the HTTPS switch).
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StepOutcome {
    Succeeded {
        note: Option<String>,
    },
    /// Nothing to do (e.g. no reload when the certificate did not change).
    Skipped {
        why: String,
    },
    Failed {
        error: String,
        diagnosis: Option<Diagnosis>,
    },
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RunEvent {
    /// The plan, before anything runs.
    Planned(Vec<Step>),
    Started {
        index: usize,
        step: Step,
    },
    /// A command about to run, as a person would type it.
    Command(String),
    Line {
        source: LineSource,
        text: String,
    },
    /// certbot announced a random delay before renewing: seconds left.
    Countdown(u64),
    Finished {
        index: usize,
        step: Step,
        elapsed: Duration,
        outcome: StepOutcome,
    },
}
