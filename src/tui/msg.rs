//! What can happen to the wizard (messages) and what it asks the outside world to
//! do (effects). Effects run off the event loop and answer with a message.

use ratatui::crossterm::event::KeyEvent;

use super::app::FolderSummary;
use crate::core::envfile::EnvFile;
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
}
