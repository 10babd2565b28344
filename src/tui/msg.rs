//! What can happen to the wizard (messages) and what it asks the outside world to
//! do (effects). Effects run off the event loop and answer with a message.

use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::app::FolderSummary;
use super::run_state::RunEnd;
use crate::core::envfile::EnvFile;
use crate::core::run::RunEvent;
use crate::core::setup::{EnvPlan, NextStep, SetupRequest};

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// The terminal's size (columns, rows), at start and whenever it changes.
    Resize(u16, u16),
    /// SIGTERM, SIGHUP (the SSH link dropped), SIGINT or SIGQUIT: leave now.
    Terminate,
    /// `.env` was created from `.env.example` and read.
    EnvCreated(Result<(FolderSummary, EnvFile), String>),
    /// The `.env` change for the answers, against `.env` as it is on disk now.
    PlanBuilt(Result<(EnvFile, Box<EnvPlan>), String>),
    /// The change was written.
    Applied(Result<Applied, String>),
    /// Time passes (elapsed times, spinners); sent while a run is going.
    Tick(Instant),
    /// Ready to run: `Some(issuer)` when a staging certificate is in production's way.
    RunPrepared(Result<Option<String>, String>),
    /// Progress of the run.
    Run(RunEvent),
    RunEnded(RunEnd),
}

/// A finished write: where the old file went, and what is left to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// File name of the backup, in the Dify folder.
    pub backup_name: Option<String>,
    pub owner_warning: Option<String>,
    pub next_steps: Vec<NextStep>,
}

#[derive(Debug)]
pub enum Effect {
    CreateEnv,
    BuildPlan(SetupRequest),
    /// Write the plan (`None` backup when there is nothing to change) and work out the next steps.
    Apply(EnvFile, Box<EnvPlan>),
    /// Look for a staging certificate in the way of a production run.
    PrepareRun(SetupRequest),
    /// Run the setup's steps, reporting as they go.
    StartRun {
        request: SetupRequest,
        replace_staging: bool,
    },
    /// Stop the run: the running command and everything it started.
    CancelRun,
}
