//! The terminal UI's own words, in one place: its messages, questions and notes, and
//! how it says what core reports as facts and typed remedies (where the command line
//! names a command or a flag, the screen names a key).

use crate::core::remedy::Remedy;
use crate::core::run::RenewalRefused;
use crate::tui::app::{Dialog, Screen};

/// Why `r` renews nothing, with the key that helps.
pub fn renewal_refused(refused: &RenewalRefused) -> String {
    match refused {
        RenewalRefused::NoDomain => {
            "CERTBOT_DOMAIN is not set in .env: press w to set one up".into()
        }
        RenewalRefused::NoCertificate { .. } => {
            "There is no certificate to renew yet: press w to set one up".into()
        }
        RenewalRefused::UnsafeValue { .. } => refused.to_string(),
    }
}

/// A remedy as the dashboard and the checklist say it: the key when one does it here,
/// else what to run after leaving.
pub fn remedy(remedy: &Remedy) -> String {
    match remedy {
        Remedy::Renew => "press r to renew now".into(),
        Remedy::RenewAndAskWhy => {
            "press r to renew now, then check why renewals did not run".into()
        }
        Remedy::RenewAndSchedule => "press r to renew, and s to schedule it".into(),
        Remedy::RenewToSeeWhy => "press r: the renewal shows why".into(),
        Remedy::ForceRenew { first } => {
            format!("{first}, then quit and run `dify-https renew --force`")
        }
        Remedy::RenewThenDoctor => {
            "press r to renew; if it persists, quit and run `dify-https doctor`".into()
        }
        Remedy::ReloadNginx => "press r: a renewal reloads nginx".into(),
        Remedy::SetUp => "press w to set it up".into(),
        Remedy::SetUpAgain { then } => format!("press w to set it up again {then}"),
        Remedy::SetUpInProduction => "press w and choose production mode".into(),
        Remedy::RemoveStoredOption => {
            "remove it from CERTBOT_OPTIONS (press w: production mode does)".into()
        }
        Remedy::SwitchHttpsOn => "press h to switch HTTPS on".into(),
        Remedy::InstallSchedule => "press s to install a twice-daily renewal".into(),
        Remedy::ReadLog => "see the output above (v shows all of certbot's log; l on the dashboard)".into(),
        Remedy::NameCompose => {
            "install Docker's compose plugin, or start dify-https with --compose".into()
        }
        Remedy::ProxyForwards80 => {
            "publish nginx on 80, or make sure a proxy forwards port 80 to it".into()
        }
        Remedy::UseStaging => "fix the cause first and choose staging mode until it works".into(),
        Remedy::ReplaceStaging => "quit, start dify-https again and answer y when it offers to replace the staging certificate".into(),
        Remedy::DockerAccess => "Your user may not use Docker: add it to the docker group (`sudo usermod -aG docker $USER`, then log in again), or start dify-https with sudo".into(),
        Remedy::ReviewAgainstDisk => {
            "Press Esc, then Enter, to review the change against .env as it is now".into()
        }
        Remedy::Text(text) => text.clone(),
    }
}

/// A question in a dialog box: its title, the question, and what `y` and `n` do.
pub struct DialogText {
    pub title: &'static str,
    pub question: String,
    pub yes: &'static str,
    pub no: &'static str,
}

pub fn dialog(dialog: &Dialog) -> DialogText {
    let (title, question, yes, no) = match dialog {
        Dialog::ConfirmQuit => (" Quit? ", "Quit without applying? Nothing has been written to .env.".to_string(), "quit", "stay"),
        Dialog::ConfirmQuitBeforeRun => (
            " Quit before the run? ",
            "The new settings are in .env, but no certificate has been requested and HTTPS is as it was. Quit now (run dify-https again to continue) or stay and press r?".to_string(),
            "quit",
            "stay",
        ),
        Dialog::ConfirmStopRun => (
            " Stop the run? ",
            "Stop the running command and everything it started? Steps done so far stay done; HTTPS is left as it was before the current step.".to_string(),
            "stop",
            "keep running",
        ),
        Dialog::ConfirmOverride(failed) => (
            " Run anyway? ",
            format!("{failed} check(s) failed. A run that fails at Let's Encrypt counts toward its limit of 5 failed validations per hour. Run anyway?"),
            "run anyway",
            "back to the checks",
        ),
        Dialog::ConfirmSchedule(plan) => (
            " Install the renewal schedule? ",
            format!(
                "Twice a day: {} (quiet unless something happened). Writes {}.",
                plan.job.argv().join(" "),
                plan.files
                    .iter()
                    .map(|f| f.path.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "install",
            "not now",
        ),
        Dialog::ConfirmOtherInstall {
            project,
            other_folders,
            ..
        } => (
            " Another install's containers ",
            format!(
                "The compose project \"{project}\" also has containers from {}. A renewal here would exec in and reload that install's nginx. Set COMPOSE_PROJECT_NAME in one install's .env to tell them apart. Renew anyway?",
                other_folders.join(", ")
            ),
            "renew anyway",
            "do not run",
        ),
        Dialog::ConfirmReplaceStaging(issuer) => (
            " Replace the staging certificate? ",
            format!("The certificate on disk is a staging one ({issuer}). certbot keeps renewing it from staging unless it is deleted first. Delete it and get a production certificate?"),
            "delete and run",
            "do not run",
        ),
    };
    DialogText {
        title,
        question,
        yes,
        no,
    }
}

// Work in progress (the banner while an effect runs).
pub const BUSY_CHECKING_CERTIFICATE: &str = "Checking the certificate";
pub const BUSY_PLANNING_SCHEDULE: &str = "Working out the renewal schedule";
pub const BUSY_PREPARING: &str = "Reading .env and preparing the change";
pub const BUSY_CREATING_ENV: &str = "Creating .env";
pub const BUSY_WRITING_ENV: &str = "Writing .env";
pub const BUSY_PREFLIGHT: &str = "Checking before the run";
pub const BUSY_CHECKING: &str = "Checking";

// News and refusals (the banner).
pub const ENV_CREATED: &str = "Created .env from .env.example";
pub const STAGING_NOT_REPLACED: &str =
    "Not run: certbot would keep renewing the staging certificate unless it is deleted first";
pub const NOT_SWITCHED_OTHER_INSTALL: &str =
    "Not switched: this compose project has another install's containers (see the dashboard)";
pub const DEMO_SCHEDULE: &str =
    "Demo: in your Dify folder s installs a twice-daily renewal (a systemd timer or cron job)";
pub const DEMO_RENEW: &str =
    "Demo: in your Dify folder r renews for real (the same script as the run you saw)";

pub fn already_set_up(domain: &str, expires: &str) -> String {
    format!(
        "Already set up for {domain}: the certificate is in place (expires {expires}) and .env has these settings. Nothing was run or recreated"
    )
}

pub fn checks_failed(failed: usize) -> String {
    format!("{failed} check(s) failed: fix them and press c to check again, or o to run anyway")
}

pub fn no_url_to_upgrade(domain: &str) -> String {
    format!("No public URL to upgrade (none names http://{domain} or localhost)")
}

pub fn urls_upgraded(count: usize, upgrade: bool, domain: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    if upgrade {
        format!("{count} public URL{s} will be set to https://{domain} at the HTTPS switch")
    } else {
        format!("{count} public URL{s} will be left as they are")
    }
}

// The summary printed to the terminal after the TUI leaves.
pub fn run_kind(renew: bool) -> &'static str {
    if renew { "Renewal" } else { "Setup run" }
}

pub fn run_finished(what: &str, domain: &str) -> String {
    format!("{what} for {domain} finished.")
}

pub fn certificate_expires(date: &str, path: &str) -> String {
    format!("  The certificate expires {date} ({path}).")
}

pub fn run_failed(what: &str, domain: &str, step: &str) -> String {
    format!("{what} for {domain} failed at \"{step}\".")
}

pub fn fix(words: &str) -> String {
    format!("  Fix: {words}")
}

pub fn run_stopped(what: &str, domain: &str, step: &str) -> String {
    format!("{what} for {domain} stopped during \"{step}\": run dify-https again to continue.")
}

pub fn run_not_started(what: &str, domain: &str, why: &str) -> String {
    format!("{what} for {domain} did not start: {why}")
}

pub fn run_still_going(what: &str, domain: &str) -> String {
    format!("{what} for {domain} was still going when the wizard closed; it was stopped.")
}

pub fn demo_wrote(folder: &str) -> String {
    format!(
        "The demo wrote its copy's .env in {folder}; nothing ran. In your Dify folder, `dify-https` does the same for real."
    )
}

pub fn env_written(folder: &str, backup: Option<&str>) -> String {
    let old = backup
        .map(|b| format!(" (the old file is {b})"))
        .unwrap_or_default();
    format!(".env in {folder} has the new settings{old}; no certificate was requested yet.")
}

pub const CONTINUE_WITH: &str =
    "  Continue with `dify-https` (r on the Applied screen), or by hand:";

pub fn demo_played(folder: &str) -> String {
    format!("Demo: a recorded run played in {folder}; nothing ran on this machine.")
}

pub fn look_further(folder: &str) -> String {
    format!("Look further: dify-https --dir {folder} status | logs | doctor")
}

// What effects report.
pub fn cannot_install_schedule(why: &str) -> String {
    format!("cannot install the schedule: {why}")
}

pub fn cannot_create_env(why: &str) -> String {
    format!("cannot create .env from .env.example: {why}")
}

pub fn binary_not_found(why: &str) -> String {
    format!("cannot tell where this binary is: {why}")
}

pub const DEMO_CHECKS: &str = "Demo: nothing is checked here. In a Dify folder this list checks Docker, compose, the ports, DNS and the challenge path before anything runs";
pub const SCHEDULE_NEEDS_ROOT: &str = "The schedule is written under /etc, which needs root: quit and run `sudo dify-https schedule install`";
pub const NO_SCHEDULER: &str = "Neither systemd nor cron runs here: `dify-https schedule install` prints the crontab line to add";

pub fn cannot_read(path: &str, why: &str) -> String {
    format!("cannot read {path}: {why}")
}

// The frame: screen titles, the header.
pub fn screen_title(screen: Screen) -> &'static str {
    match screen {
        Screen::Folder => "Folder",
        Screen::Domain => "Domain",
        Screen::Email => "Email",
        Screen::Mode => "Mode",
        Screen::Review => "Review",
        Screen::Applied => "Applied",
        Screen::Checks => "Checks",
        Screen::Run => "Run",
        Screen::Dashboard => "Status",
        Screen::Logs => "certbot's log",
    }
}

pub const DEMO_TAG: &str = " [demo]";
pub const DEMO_RUN_TITLE: &str = " Run · demo: a recording plays ";

pub fn renewal_header(sep: &str, domain: &str) -> String {
    format!("Renewal {sep} {domain} ")
}

pub fn step_of(number: usize, total: usize, title: &str) -> String {
    format!("Step {number}/{total} {title}")
}
