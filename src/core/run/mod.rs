//! Running the setup for real: bring the stack up with the new `.env`, self-test the
//! challenge path, run Dify's update script while following certbot's log, check the
//! result, switch nginx to HTTPS and confirm what it serves. Also `renew`.
//!
//! The executor reports everything as [`RunEvent`]s; the CLI prints them, the TUI
//! renders them. Neither runs a step itself.

mod classify;
mod events;
mod executor;
mod https_switch;
mod other_install;
pub mod recording;
mod renewal;
mod staging;
mod steps;

pub use classify::{Diagnosis, FailureClass, diagnose};
pub use events::{LineSource, RunEvent, StepOutcome};
pub use executor::{Cancel, Executor, ImportRun, RunContext, RunError, RunningRun, start_run};
pub use https_switch::{SwitchWritten, write_https_switch, write_https_switch_to};
pub use other_install::{OtherInstall, other_install};
pub use renewal::{RenewalPlan, RenewalRefused, plan_renewal, plan_renewal_for};
pub use staging::{custom_acme_server, staging_certificate_in_the_way, uses_custom_ca};
pub use steps::{Step, https_off_steps, renew_steps, restore_steps, setup_steps};
