//! What can happen to the wizard (messages) and what it asks the outside world to
//! do (effects). Effects run off the event loop and answer with a message.

use ratatui::crossterm::event::KeyEvent;

use super::app::{Applied, FolderSummary, Preflight, SchedulePlan};
use super::run_state::RunEnd;
use crate::core::envfile::EnvFile;
use crate::core::run::{RenewalPlan, RenewalRefused, RunEvent, Step};
use crate::core::setup::Mode;
use crate::core::setup::{EnvPlan, SetupRequest};
use crate::core::status::StatusReport;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste), whole.
    Paste(String),
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
    /// Time passes (elapsed times, spinners, the dashboard's refresh); the time comes
    /// with every message (see [`update`](super::update::update)).
    Tick,
    /// The preflight checks before a run.
    RunPrepared(Preflight),
    /// Progress of the run.
    Run(RunEvent),
    RunEnded(RunEnd),
    /// A fresh status report for the dashboard.
    StatusReady(Box<StatusReport>),
    /// The end of certbot's log for the log screen (or why it cannot be read).
    LogLoaded(Result<Vec<String>, String>),
    /// The renewal the folder allows (the one rule `dify-https renew` follows too), or
    /// why there is none.
    RenewalPlanned(Result<RenewalPlan, RenewalRefused>),
    /// The renewal schedule to show (or why there cannot be one from here).
    SchedulePlanned(Result<Box<SchedulePlan>, String>),
    /// The schedule was installed (what to say), or why not.
    ScheduleInstalled(Result<String, String>),
    /// The repair `p` would make (shown in a dialog), or why there is none.
    RepairPlanned(Result<Box<crate::core::applied::repair::RepairPlan>, String>),
    /// The repair was written: what to say, and the steps that follow (nginx recreated
    /// when it runs with other values, then confirmed; none when it does not run).
    RepairApplied(Result<(String, Vec<crate::core::run::Step>), String>),
    /// The import the files make (shown for a yes), or why not (a line each).
    ImportPlanned(Result<Box<crate::core::import::ImportPlan>, ImportRefused>),
    /// An effect panicked (a bug): its completion, so that what waited for it (a busy
    /// screen, the dashboard's refresh) is released, with why.
    Crashed(Waiting, String),
}

/// Where an import screen field's content comes from: a file's path, or PEM text pasted
/// into the field (which may be a key: never shown by `Debug`).
#[derive(Clone, PartialEq, Eq)]
pub enum ImportSource {
    Path(std::path::PathBuf),
    Pasted(String),
}

/// A key's passphrase on its way to the check: never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(pub String);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl std::fmt::Debug for ImportSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportSource::Path(p) => f.debug_tuple("Path").field(p).finish(),
            ImportSource::Pasted(_) => f.write_str("Pasted(..)"),
        }
    }
}

/// Why the import screen's files were refused: the lines to show, and whether the key
/// needs its passphrase (the screen then asks for it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRefused {
    pub lines: Vec<String>,
    pub needs_passphrase: bool,
}

/// What waits for an effect's completion message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// The dashboard's refresh (or the log screen's load).
    Refresh,
    /// A busy screen (keys wait until the answer).
    Busy,
    /// A run: it ends as "stopped unexpectedly".
    Run,
    /// Nothing (stopping a run only sets its switch).
    Nothing,
}

/// What a run does: for whom, which steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSpec {
    pub domain: String,
    pub mode: Mode,
    pub upgrade_urls: bool,
    pub steps: Vec<Step>,
    /// The demo plays its recorded failure (a challenge answered 404) instead of the
    /// run that works.
    pub play_failure: bool,
    /// The certificate an import run installs.
    pub import: Option<ImportToRun>,
}

/// The checked certificate an import run installs (two are the same run when they
/// install the same certificate).
#[derive(Debug, Clone)]
pub struct ImportToRun(pub crate::core::import::ImportJob);

impl PartialEq for ImportToRun {
    fn eq(&self, other: &ImportToRun) -> bool {
        self.0.leaf.fingerprint_sha256 == other.0.leaf.fingerprint_sha256
            && self.0.chain_pem == other.0.chain_pem
    }
}

impl Eq for ImportToRun {}

#[derive(Debug)]
pub enum Effect {
    CreateEnv,
    BuildPlan(SetupRequest),
    /// Write the plan (`None` backup when there is nothing to change) and work out the next steps.
    Apply(EnvFile, Box<EnvPlan>),
    /// Look for a staging certificate in the way of a production run.
    /// The preflight for the reviewed plan (its request, and whether it changed anything).
    PrepareRun(Box<EnvPlan>),
    /// Run steps, reporting as they go.
    StartRun(RunSpec),
    /// Build a new status report.
    RefreshStatus,
    /// Work out whether (and how) the folder's certificate may be renewed.
    PlanRenewal,
    /// Read the end of certbot's log.
    LoadLog,
    /// Stop the run: the running command and everything it started.
    CancelRun,
    /// Work out the renewal schedule's files for this folder (shown before a yes).
    PlanSchedule,
    /// Install the shown schedule.
    InstallSchedule(Box<SchedulePlan>),
    /// Work out what `repair` would put back in `.env`.
    PlanRepair,
    /// Write the reviewed repair (refused if `.env` changed since it was reviewed).
    ApplyRepair(Box<crate::core::applied::repair::RepairPlan>),
    /// Read and check the files of a certificate to import (the import's plan).
    PlanImport {
        cert: ImportSource,
        /// `None` for a .pfx/.p12 bundle (it carries its key).
        key: Option<ImportSource>,
        chain: Option<ImportSource>,
        passphrase: Option<Passphrase>,
    },
}

impl Effect {
    /// What waits for this effect's completion message.
    pub fn waiting(&self) -> Waiting {
        match self {
            Effect::RefreshStatus | Effect::LoadLog => Waiting::Refresh,
            Effect::StartRun(_) => Waiting::Run,
            Effect::CancelRun => Waiting::Nothing,
            Effect::CreateEnv
            | Effect::BuildPlan(_)
            | Effect::Apply(..)
            | Effect::PrepareRun(_)
            | Effect::PlanRenewal
            | Effect::PlanSchedule
            | Effect::InstallSchedule(_)
            | Effect::PlanRepair
            | Effect::ApplyRepair(_)
            | Effect::PlanImport { .. } => Waiting::Busy,
        }
    }

    /// Whether it writes a file the user relies on (`.env`, the schedule): leaving
    /// waits for such a write to finish.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Effect::CreateEnv
                | Effect::Apply(..)
                | Effect::InstallSchedule(_)
                | Effect::ApplyRepair(_)
        )
    }
}
