//! What the setup asks (domain, email, mode, options), how each answer is checked,
//! and the `.env` change it turns into.

mod env_plan;
mod finished;
mod mode;
mod next_steps;
mod public_urls;
mod request;
pub mod validate;

pub use env_plan::{EnvPlan, KeyChange, PlanNote};
pub use finished::{AlreadySetUp, already_set_up};
pub use mode::{Mode, NO_RANDOM_SLEEP};
pub use next_steps::{NextStep, next_steps, next_steps_after, run_command};
pub use public_urls::{PUBLIC_URL_KEYS, UrlFinding, UrlVerdict, public_url_findings};
pub use request::{
    Answers, DEFERRED_DOMAIN_KEYS, Field, SetupRequest, https_off_changes, https_switch_changes,
};
