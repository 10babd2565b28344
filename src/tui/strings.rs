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

/// The dashboard's words.
pub mod dashboard {
    pub const WHEN_CERTBOT_RENEWS: &str = " (when certbot renews it)";
    pub const NAMES: &str = "Names";
    pub const ISSUER: &str = "Issuer";
    pub const HTTPS: &str = "HTTPS";
    pub const SERVED: &str = "Served";
    pub const RUNNING: &str = "Running";
    pub const RENEWAL: &str = "Renewal";
    pub const LAST_RUN: &str = "Last run";
    pub const TEST_CA: &str = " (test CA: not trusted)";
    pub const SERVED_OTHER: &str = "another certificate: reload needed";
    pub const UP: &str = "up";
    pub const RESTARTING: &str = "restarting";
    pub const IDLE: &str = "idle";
    pub const DOWN: &str = "down";
    pub const SYSTEMD_TIMER: &str = "systemd timer";
    pub const CRON: &str = "cron";
    pub const NO_SCHEDULED_RUN: &str = "no scheduled run yet";
    /// Before the key, the key, after it.
    pub const READY_HTTPS_OFF: (&str, &str, &str) = (
        "The certificate is ready and HTTPS is off: ",
        "h",
        " switches it on (the setup's last steps).",
    );

    pub fn custom_acme_server(server: &str) -> String {
        format!(" (custom ACME server: {server})")
    }

    pub fn on_off(on: bool) -> &'static str {
        if on { "on" } else { "off" }
    }

    pub fn https_and_challenge(https: &str, dot: &str, challenge: &str) -> String {
        format!("{https} {dot} challenge {challenge}")
    }

    pub fn http_still_served(dot: &str) -> String {
        format!(" {dot} http:// still served (no redirect; see README)")
    }

    pub fn served_this(trusted: bool) -> &'static str {
        if trusted {
            "this certificate, trusted"
        } else {
            "this certificate, not trusted by browsers"
        }
    }

    pub fn no_answer(why: Option<&str>) -> String {
        match why {
            Some(e) => format!("no answer ({e})"),
            None => "no answer".into(),
        }
    }

    pub fn project(name: &str) -> String {
        format!(" · project {name}")
    }

    pub fn also(folders: &str) -> String {
        format!(", also {folders}")
    }

    pub fn last_run(at: &str, ok: bool) -> String {
        if ok {
            format!("last run {at} ok")
        } else {
            format!("last run {at} failed")
        }
    }

    pub fn next_run(dot: &str, next: &str) -> String {
        format!(" {dot} next {next}")
    }

    pub fn checked_at(time: &str, wide: bool) -> String {
        if wide {
            format!("Checked {time} UTC, refreshes every 5 s")
        } else {
            format!("Checked {time} UTC")
        }
    }

    pub fn reading_status(ellipsis: &str) -> String {
        format!("Reading the status{ellipsis}")
    }
}

/// The run screen's words.
pub mod run {
    pub const SKIPPED: &str = "skipped";
    pub const KEEP_IT_RENEWED: &str =
        "Keep it renewed: press s to install the renewal schedule (a twice-daily `renew --quiet`).";
    pub const DONE: &str = "Done.";
    pub const FIX: &str = "Fix: ";
    pub const AFTER_FAILED_RENEWAL: &str =
        "The certificate nginx serves is unchanged; nothing after this step ran.";
    pub const AFTER_FAILED_SWITCH: &str =
        "HTTPS was switched back off; .env is as it was before the switch.";
    pub const AFTER_FAILED_STEP: &str = "HTTPS is still off; nothing after this step ran.";
    /// Before the key, the key, after it.
    pub const TRY_AGAIN: (&str, &str, &str) =
        ("Once it is fixed, ", "t", " tries again from this step.");
    pub const CONTINUE_KEY: &str = "t";
    pub const CONTINUES_FROM_IT: &str = " continues from it.";
    /// The output's margin marks (seven columns).
    pub const COMPOSE_MARK: &str = "compose";
    pub const LOG_MARK: &str = "    log";
    pub const NOTE_MARK: &str = "   note";

    pub fn countdown(left: u64) -> String {
        format!("certbot waits {left} s before renewing (its random delay)")
    }

    pub fn stopping(ellipsis: &str) -> String {
        format!("Stopping the running command{ellipsis}")
    }

    pub fn renewal_finished(check: &str, note: &str) -> String {
        format!("{check} Renewal finished. {note}")
    }

    pub fn https_on(check: &str, domain: &str) -> String {
        format!("{check} HTTPS is on: https://{domain} serves the new certificate.")
    }

    pub fn step_failed(cross: &str, number: usize, error: &str) -> String {
        format!("{cross} Step {number} failed: {error}")
    }

    pub fn stopped_during(step: &str) -> String {
        format!("Stopped during \"{step}\". HTTPS is as it was before this step; ")
    }

    pub fn could_not_start(cross: &str, why: &str) -> String {
        format!("{cross} Could not start: {why}")
    }

    pub fn output_rule(follow: bool, back: usize, verbose: bool) -> String {
        let state = if follow {
            "following".to_string()
        } else {
            format!("{back} up, End follows")
        };
        let detail = if verbose {
            "all of certbot's log"
        } else {
            "certbot's log from INFO"
        };
        format!("Output ({state}; {detail})")
    }
}

/// The Folder screen's words.
pub mod folder {
    pub const DIFY_FOLDER: &str = "Dify folder";
    pub const COMPOSE_FILE: &str = "Compose file";
    pub const PROJECT: &str = "Project";
    pub const ENV: &str = ".env";
    pub const NEWER_LAYOUT: &str = "newer layout, no CERTBOT_* keys yet";
    pub const CLASSIC_LAYOUT: &str = "classic layout";
    pub const CURRENT_VALUES: &str = "Current values";
    pub const EMPTY: &str = "(empty)";
    pub const NOT_SET: &str = "(not set)";
    pub const MISSING: &str = "missing";
    /// Before the key, the key, after it.
    pub const SETTINGS_COMPLETE: (&str, &str, &str) = (
        "These settings are complete: ",
        "r",
        " goes straight to the Review with them.",
    );
    pub const CREATE_ENV: (&str, &str, &str) = (
        "Press ",
        "c",
        " to create .env from .env.example, Dify's own first install step.",
    );
    pub const START: (&str, &str, &str) =
        ("Press ", "Enter", " to choose the domain, email and mode.");

    pub fn env_lines(lines: usize, layout: &str) -> String {
        format!("{lines} lines, {layout}")
    }

    pub fn no_env(cross: &str) -> String {
        format!("{cross} No .env and no .env.example here: is this Dify's docker folder?")
    }
}

/// The Applied screen's words.
pub mod applied {
    pub const WHAT_COMES_NEXT: &str = "What comes next, in the Dify folder:";
    /// Text, key, text, key, text.
    pub const DEMO_PLAYS: (&str, &str, &str, &str, &str) = (
        "Demo: ",
        "r",
        " plays a run recorded from a real issuance, ",
        "f",
        " one that fails at the challenge. Nothing is contacted; only the sample folder changes.",
    );
    pub const RUN_NOW: (&str, &str, &str) = (
        "Press ",
        "r",
        " to run these steps now, with live output and a check after each.",
    );

    pub fn env_written(check: &str) -> String {
        format!("{check} .env written.")
    }

    pub fn backup_kept(backup: &str) -> String {
        format!("The previous file is kept beside it as {backup}.")
    }

    pub fn nothing_written(check: &str) -> String {
        format!("{check} .env already had these settings; nothing was written.")
    }

    pub fn sample_folder_stays(folder: &str) -> String {
        format!("The sample folder stays at {folder} to look at.")
    }
}

/// The Review screen's words.
pub mod review {
    pub const CERTIFICATE_FROM: &str = "Certificate from: ";
    pub const ADDED: &str = "(added)";
    pub const EMPTY: &str = "(empty)";
    pub const LATER_AT_THE_SWITCH: &str =
        "Later, at the HTTPS switch (once the certificate exists):";
    pub const LINE_BY_LINE: &str = "The change, line by line:";

    pub fn nothing_to_write(check: &str) -> String {
        format!("{check} .env already has these settings: nothing to write.")
    }

    pub fn keys_that_change(count: usize) -> String {
        format!("Keys that change in .env ({count}):")
    }

    pub const UPGRADE_KEY: &str = "u";

    pub fn set_urls(count: usize, domain: &str) -> String {
        let s = if count == 1 { "" } else { "s" };
        format!(" set {count} public URL{s} to https://{domain}: ")
    }

    pub fn left_alone(key: &str, value: &str, why: &str) -> String {
        format!("  {key}={value} left alone ({why})")
    }

    pub fn upgrade_state(upgrade: bool) -> &'static str {
        if upgrade { "yes" } else { "no, keep them" }
    }
}

/// The checklist's words.
pub mod checks {
    pub fn failed(count: usize) -> String {
        format!("{count} check(s) failed: Let's Encrypt would most likely refuse. Fix them first.")
    }

    pub fn ready(warned: usize) -> String {
        format!("Nothing failed ({warned} warning(s)): ready to run.")
    }

    pub fn staging_in_the_way(issuer: &str) -> String {
        format!(
            "A staging certificate ({issuer}) is in the way: you will be asked before it is deleted."
        )
    }
}

/// The Mode screen's words.
pub mod mode {
    pub const EXTRA_OPTIONS: &str = "Extra certbot options (optional)";

    pub fn always_added(option: &str) -> String {
        format!("{option} is always added, so a renewal started here begins at once.")
    }
}

/// The Domain and Email fields.
pub mod fields {
    pub const DOMAIN: &str = "Domain";
    pub const EMAIL: &str = "Email";
    pub const DOMAIN_HELP: &str = "The public name people use to reach Dify, e.g. dify.example.org. Its DNS A/AAAA record must point at this server and port 80 must reach it: Let's Encrypt checks both.";
    pub const EMAIL_HELP: &str = "Let's Encrypt registers an account under this address for policy and security notices. It no longer sends expiry reminders, so keep an eye on the certificate's expiry.";
}

pub const NEEDS_A_TERMINAL: &str = "the wizard needs a terminal; for scripts use `dify-https setup --domain ... --email ... --env-only`";

pub fn too_small(min_width: u16, min_height: u16, width: u16, height: u16) -> String {
    format!(
        "Terminal too small: dify-https needs {min_width}x{min_height}, this one is {width}x{height}. Enlarge it, or press Ctrl-C to quit."
    )
}

pub fn demo_folder_kept(folder: &str) -> String {
    format!("The demo folder is kept at {folder}")
}

pub fn run_crashed(why: &str) -> String {
    format!("the run stopped unexpectedly (a bug: {why}); nothing after it ran")
}
