//! The terminal UI's own words, in one place: its messages, questions and notes, and
//! how it says what core reports as facts and typed remedies (where the command line
//! names a command or a flag, the screen names a key). The sentences themselves are
//! in the catalogs (`assets/i18n/*.ftl`, ids `tui-…`), in the user's language.

use crate::core::remedy::Remedy;
use crate::core::run::RenewalRefused;
use crate::tr;
use crate::tui::app::{Dialog, Screen};

/// Words around a key: before it, the key, after it.
pub type AroundKey = (String, &'static str, String);

/// Why `r` renews nothing, with the key that helps.
pub fn renewal_refused(refused: &RenewalRefused) -> String {
    match refused {
        RenewalRefused::NoDomain => tr!("tui-refused-no-domain"),
        RenewalRefused::NoCertificate { .. } => tr!("tui-refused-no-certificate"),
        RenewalRefused::UnsafeValue { .. } => refused.to_string(),
        RenewalRefused::Imported => tr!("tui-refused-imported"),
    }
}

/// A remedy as the dashboard and the checklist say it: the key when one does it here,
/// else what to run after leaving.
pub fn remedy(remedy: &Remedy) -> String {
    match remedy {
        Remedy::Renew => tr!("tui-remedy-renew"),
        Remedy::RenewAndAskWhy => tr!("tui-remedy-renew-and-ask-why"),
        Remedy::RenewAndSchedule => tr!("tui-remedy-renew-and-schedule"),
        Remedy::RenewToSeeWhy => tr!("tui-remedy-renew-to-see-why"),
        Remedy::ForceRenew { first } => tr!("tui-remedy-force-renew", first),
        Remedy::RenewThenDoctor => tr!("tui-remedy-renew-then-doctor"),
        Remedy::ReloadNginx => tr!("tui-remedy-reload-nginx"),
        Remedy::SetUp => tr!("tui-remedy-set-up"),
        Remedy::SetUpAgain { then } => tr!("tui-remedy-set-up-again", then),
        Remedy::SetUpInProduction => tr!("tui-remedy-set-up-in-production"),
        Remedy::RemoveStoredOption => tr!("tui-remedy-remove-stored-option"),
        Remedy::SwitchHttpsOn => tr!("tui-remedy-switch-https-on"),
        Remedy::InstallSchedule => tr!("tui-remedy-install-schedule"),
        Remedy::ReadLog => tr!("tui-remedy-read-log"),
        Remedy::NameCompose => tr!("tui-remedy-name-compose"),
        Remedy::ProxyForwards80 => tr!("tui-remedy-proxy-forwards-80"),
        Remedy::UseStaging => tr!("tui-remedy-use-staging"),
        Remedy::ReplaceStaging => tr!("tui-remedy-replace-staging"),
        Remedy::DockerAccess => tr!("tui-remedy-docker-access"),
        Remedy::ReviewAgainstDisk => tr!("tui-remedy-review-against-disk"),
        Remedy::Repair => tr!("tui-remedy-repair"),
        Remedy::ReplaceCertificate => tr!("tui-remedy-replace-certificate"),
        Remedy::InstallReminders => tr!("tui-remedy-install-reminders"),
        Remedy::Text(text) => text.clone(),
    }
}

/// A question in a dialog box: its title, the question, and what `y` and `n` do.
pub struct DialogText {
    pub title: String,
    pub question: String,
    pub yes: String,
    pub no: String,
}

pub fn dialog(dialog: &Dialog) -> DialogText {
    let (title, question, yes, no) = match dialog {
        Dialog::ConfirmQuit => (
            tr!("tui-dialog-quit-title"),
            tr!("tui-dialog-quit"),
            tr!("tui-dialog-quit-yes"),
            tr!("tui-dialog-stay"),
        ),
        Dialog::ConfirmQuitBeforeRun => (
            tr!("tui-dialog-quit-before-run-title"),
            tr!("tui-dialog-quit-before-run"),
            tr!("tui-dialog-quit-yes"),
            tr!("tui-dialog-stay"),
        ),
        Dialog::ConfirmStopRun => (
            tr!("tui-dialog-stop-run-title"),
            tr!("tui-dialog-stop-run"),
            tr!("tui-dialog-stop-run-yes"),
            tr!("tui-dialog-stop-run-no"),
        ),
        Dialog::ConfirmOverride(failed) => (
            tr!("tui-dialog-override-title"),
            tr!("tui-dialog-override", failed = *failed),
            tr!("tui-dialog-override-yes"),
            tr!("tui-dialog-override-no"),
        ),
        Dialog::ConfirmSchedule(plan) => (
            tr!("tui-dialog-schedule-title"),
            tr!(
                "tui-dialog-schedule",
                command = plan.job.argv().join(" "),
                files = plan
                    .files
                    .iter()
                    .map(|f| f.path.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            tr!("tui-dialog-schedule-yes"),
            tr!("tui-dialog-not-now"),
        ),
        Dialog::ConfirmRepair(plan) => (
            tr!("tui-dialog-repair-title"),
            tr!(
                "tui-dialog-repair",
                at = plan.recorded_at.clone(),
                keys = plan
                    .keys
                    .iter()
                    .map(|k| format!("{}={}", k.key, k.recorded))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            tr!("tui-dialog-repair-yes"),
            tr!("tui-dialog-not-now"),
        ),
        Dialog::ConfirmOtherInstall {
            project,
            other_folders,
            ..
        } => (
            tr!("tui-dialog-other-install-title"),
            tr!(
                "tui-dialog-other-install",
                project,
                folders = other_folders.join(", ")
            ),
            tr!("tui-dialog-other-install-yes"),
            tr!("tui-dialog-do-not-run"),
        ),
        Dialog::ConfirmReplaceStaging(issuer) => (
            tr!("tui-dialog-replace-staging-title"),
            tr!("tui-dialog-replace-staging", issuer),
            tr!("tui-dialog-replace-staging-yes"),
            tr!("tui-dialog-do-not-run"),
        ),
    };
    DialogText {
        title: format!(" {title} "),
        question,
        yes,
        no,
    }
}

// Work in progress (the banner while an effect runs).
pub fn busy_checking_certificate() -> String {
    tr!("tui-busy-checking-certificate")
}
pub fn busy_planning_schedule() -> String {
    tr!("tui-busy-planning-schedule")
}
pub fn busy_preparing() -> String {
    tr!("tui-busy-preparing")
}
pub fn busy_creating_env() -> String {
    tr!("tui-busy-creating-env")
}
pub fn busy_writing_env() -> String {
    tr!("tui-busy-writing-env")
}
pub fn busy_preflight() -> String {
    tr!("tui-busy-preflight")
}
pub fn busy_checking() -> String {
    tr!("tui-busy-checking")
}

// News and refusals (the banner).
pub fn env_created() -> String {
    tr!("tui-env-created")
}
pub fn staging_not_replaced() -> String {
    tr!("tui-staging-not-replaced")
}
pub fn not_switched_other_install() -> String {
    tr!("tui-not-switched-other-install")
}
pub fn demo_schedule() -> String {
    tr!("tui-demo-schedule")
}
pub fn demo_renew() -> String {
    tr!("tui-demo-renew")
}

pub fn already_set_up(domain: &str, expires: &str) -> String {
    tr!("tui-already-set-up", domain, expires)
}

pub fn checks_failed(failed: usize) -> String {
    tr!("tui-checks-failed", failed)
}

pub fn no_url_to_upgrade(domain: &str) -> String {
    tr!("tui-no-url-to-upgrade", domain)
}

pub fn urls_upgraded(count: usize, upgrade: bool, domain: &str) -> String {
    if upgrade {
        tr!("tui-urls-upgraded", count, domain)
    } else {
        tr!("tui-urls-kept", count)
    }
}

// The summary printed to the terminal after the TUI leaves.
pub fn run_kind(run: &crate::tui::run_state::RunState) -> String {
    if run.import {
        tr!("tui-run-kind-import")
    } else if run.renew {
        tr!("tui-run-kind-renewal")
    } else {
        tr!("tui-run-kind-setup")
    }
}

pub fn run_finished(what: &str, domain: &str) -> String {
    tr!("tui-run-finished", what, domain)
}

pub fn certificate_expires(date: &str, path: &str) -> String {
    tr!("tui-certificate-expires", date, path)
}

pub fn run_failed(what: &str, domain: &str, step: &str) -> String {
    tr!("tui-run-failed", what, domain, step)
}

pub fn fix(words: &str) -> String {
    tr!("tui-fix", words)
}

pub fn run_stopped(what: &str, domain: &str, step: &str) -> String {
    tr!("tui-run-stopped", what, domain, step)
}

pub fn run_not_started(what: &str, domain: &str, why: &str) -> String {
    tr!("tui-run-not-started", what, domain, why)
}

pub fn run_still_going(what: &str, domain: &str) -> String {
    tr!("tui-run-still-going", what, domain)
}

pub fn demo_wrote(folder: &str) -> String {
    tr!("tui-demo-wrote", folder)
}

pub fn env_written(folder: &str, backup: Option<&str>) -> String {
    match backup {
        Some(backup) => tr!("tui-env-written-backup", folder, backup),
        None => tr!("tui-env-written", folder),
    }
}

pub fn continue_with() -> String {
    tr!("tui-continue-with")
}

pub fn demo_played(folder: &str) -> String {
    tr!("tui-demo-played", folder)
}

pub fn look_further(folder: &str) -> String {
    tr!("tui-look-further", folder)
}

// What effects report.
pub fn cannot_install_schedule(why: &str) -> String {
    tr!("tui-cannot-install-schedule", why)
}

pub fn cannot_create_env(why: &str) -> String {
    tr!("tui-cannot-create-env", why)
}

pub fn binary_not_found(why: &str) -> String {
    tr!("tui-binary-not-found", why)
}

pub fn demo_checks() -> String {
    tr!("tui-demo-checks")
}
pub fn schedule_needs_root() -> String {
    tr!("tui-schedule-needs-root")
}
pub fn no_scheduler() -> String {
    tr!("tui-no-scheduler")
}

pub fn cannot_read(path: &str, why: &str) -> String {
    tr!("tui-cannot-read", path, why)
}

// The frame: screen titles, the header.
pub fn screen_title(screen: Screen) -> String {
    match screen {
        Screen::Folder => tr!("tui-screen-folder"),
        Screen::Domain => tr!("tui-screen-domain"),
        Screen::Email => tr!("tui-screen-email"),
        Screen::Mode => tr!("tui-screen-mode"),
        Screen::Review => tr!("tui-screen-review"),
        Screen::Applied => tr!("tui-screen-applied"),
        Screen::Checks => tr!("tui-screen-checks"),
        Screen::Run => tr!("tui-screen-run"),
        Screen::Dashboard => tr!("tui-screen-dashboard"),
        Screen::Logs => tr!("tui-screen-logs"),
        Screen::Import => tr!("tui-screen-import"),
    }
}

pub fn demo_tag() -> String {
    tr!("tui-demo-tag")
}
pub fn demo_run_title() -> String {
    format!(" {} ", tr!("tui-demo-run-title"))
}

pub fn renewal_header(sep: &str, domain: &str, import: bool) -> String {
    if import {
        tr!("tui-import-header", sep, domain)
    } else {
        tr!("tui-renewal-header", sep, domain)
    }
}

pub fn step_of(number: usize, total: usize, title: &str) -> String {
    tr!("tui-step-of", number, total, title)
}

/// The frame's mark when there is more to scroll to.
pub fn more() -> String {
    tr!("tui-more")
}

/// The keys overlay's words.
pub fn keys_title(screen: &str) -> String {
    format!(" {} ", tr!("tui-keys-title", screen))
}
pub fn any_key_closes() -> String {
    tr!("tui-keys-any-key-closes")
}

/// The dashboard's words.
pub mod dashboard {
    use super::AroundKey;
    use crate::core::status::AttemptOutcome;
    use crate::tr;

    pub fn when_certbot_renews() -> String {
        tr!("tui-dash-when-certbot-renews")
    }
    pub fn names() -> String {
        tr!("tui-dash-names")
    }
    pub fn issuer() -> String {
        tr!("tui-dash-issuer")
    }
    pub fn https() -> String {
        tr!("tui-dash-https")
    }
    pub fn nobody_renews() -> String {
        tr!("tui-dash-nobody-renews")
    }
    pub fn imported() -> String {
        tr!("tui-dash-imported")
    }
    pub fn served() -> String {
        tr!("tui-dash-served")
    }
    pub fn running() -> String {
        tr!("tui-dash-running")
    }
    pub fn renewal() -> String {
        tr!("tui-dash-renewal")
    }
    pub fn last_run_label() -> String {
        tr!("tui-dash-last-run")
    }
    pub fn test_ca() -> String {
        tr!("tui-dash-test-ca")
    }
    pub fn served_other() -> String {
        tr!("tui-dash-served-other")
    }
    pub fn up() -> String {
        tr!("tui-dash-up")
    }
    pub fn restarting() -> String {
        tr!("tui-dash-restarting")
    }
    pub fn idle() -> String {
        tr!("tui-dash-idle")
    }
    pub fn down() -> String {
        tr!("tui-dash-down")
    }
    pub fn systemd_timer() -> String {
        tr!("tui-dash-systemd-timer")
    }
    pub fn cron() -> String {
        tr!("tui-dash-cron")
    }
    pub fn no_scheduled_run() -> String {
        tr!("tui-dash-no-scheduled-run")
    }
    pub fn ready_https_off() -> AroundKey {
        (
            tr!("tui-dash-ready-https-off-before"),
            "h",
            tr!("tui-dash-ready-https-off-after"),
        )
    }

    pub fn expires(date: &str) -> String {
        tr!("tui-dash-expires", date)
    }
    pub fn no_certificate() -> String {
        tr!("tui-dash-no-certificate")
    }

    /// The last certbot run: when, and how it went.
    pub fn attempt(started: &str, outcome: AttemptOutcome) -> String {
        match outcome {
            AttemptOutcome::Succeeded => tr!("tui-dash-attempt-succeeded", started),
            AttemptOutcome::Skipped => tr!("tui-dash-attempt-skipped", started),
            AttemptOutcome::Failed => tr!("tui-dash-attempt-failed", started),
            AttemptOutcome::Unknown => tr!("tui-dash-attempt-unknown", started),
        }
    }

    pub fn custom_acme_server(server: &str) -> String {
        tr!("tui-dash-custom-acme-server", server)
    }

    pub fn on_off(on: bool) -> String {
        if on {
            tr!("tui-dash-on")
        } else {
            tr!("tui-dash-off")
        }
    }

    pub fn https_and_challenge(https: &str, dot: &str, challenge: &str) -> String {
        tr!("tui-dash-https-and-challenge", https, dot, challenge)
    }

    pub fn http_still_served(dot: &str) -> String {
        tr!("tui-dash-http-still-served", dot)
    }

    pub fn served_this(trusted: bool) -> String {
        if trusted {
            tr!("tui-dash-served-trusted")
        } else {
            tr!("tui-dash-served-untrusted")
        }
    }

    pub fn no_answer(why: Option<&str>) -> String {
        match why {
            Some(why) => tr!("tui-dash-no-answer-why", why),
            None => tr!("tui-dash-no-answer"),
        }
    }

    pub fn project(name: &str) -> String {
        tr!("tui-dash-project", name)
    }

    pub fn also(folders: &str) -> String {
        tr!("tui-dash-also", folders)
    }

    pub fn last_run(at: &str, ok: bool) -> String {
        if ok {
            tr!("tui-dash-last-run-ok", at)
        } else {
            tr!("tui-dash-last-run-failed", at)
        }
    }

    pub fn next_run(dot: &str, next: &str) -> String {
        tr!("tui-dash-next-run", dot, next)
    }

    pub fn checked_at(time: &str, wide: bool) -> String {
        if wide {
            tr!("tui-dash-checked-at-wide", time)
        } else {
            tr!("tui-dash-checked-at", time)
        }
    }

    pub fn reading_status(ellipsis: &str) -> String {
        tr!("tui-dash-reading-status", ellipsis)
    }
}

/// The run screen's words.
pub mod run {
    use super::AroundKey;
    use crate::tr;

    pub fn skipped() -> String {
        tr!("tui-run-skipped")
    }
    pub fn keep_it_renewed() -> String {
        tr!("tui-run-keep-it-renewed")
    }
    pub fn done() -> String {
        tr!("tui-run-done")
    }
    pub fn fix() -> String {
        tr!("tui-run-fix")
    }
    pub fn after_failed_renewal(import: bool) -> String {
        if import {
            tr!("tui-run-after-failed-import")
        } else {
            tr!("tui-run-after-failed-renewal")
        }
    }
    pub fn after_failed_switch() -> String {
        tr!("tui-run-after-failed-switch")
    }
    pub fn after_failed_step() -> String {
        tr!("tui-run-after-failed-step")
    }
    pub fn try_again() -> AroundKey {
        (
            tr!("tui-run-try-again-before"),
            "t",
            tr!("tui-run-try-again-after"),
        )
    }
    pub const CONTINUE_KEY: &str = "t";
    pub fn continues_from_it() -> String {
        tr!("tui-run-continues-from-it")
    }
    /// The output's margin marks (seven columns).
    pub const COMPOSE_MARK: &str = "compose";
    pub const LOG_MARK: &str = "    log";
    pub fn note_mark() -> String {
        tr!("tui-run-note-mark")
    }

    pub fn countdown(left: u64) -> String {
        tr!("tui-run-countdown", left)
    }

    pub fn stopping(ellipsis: &str) -> String {
        tr!("tui-run-stopping", ellipsis)
    }

    pub fn renewal_finished(check: &str, note: &str, import: bool) -> String {
        if import {
            tr!("tui-run-import-finished", check, note)
        } else {
            tr!("tui-run-renewal-finished", check, note)
        }
    }

    pub fn https_on(check: &str, domain: &str) -> String {
        tr!("tui-run-https-on", check, domain)
    }

    pub fn step_failed(cross: &str, number: usize, error: &str) -> String {
        tr!("tui-run-step-failed", cross, number, error)
    }

    pub fn stopped_during(step: &str) -> String {
        tr!("tui-run-stopped-during", step)
    }

    pub fn could_not_start(cross: &str, why: &str) -> String {
        tr!("tui-run-could-not-start", cross, why)
    }

    /// The rule above the output; an import runs no certbot, so no log level is said.
    pub fn output_rule(follow: bool, back: usize, verbose: bool, import: bool) -> String {
        let state = if follow {
            tr!("tui-run-following")
        } else {
            tr!("tui-run-scrolled-back", back)
        };
        if import {
            return tr!("tui-run-output-rule-no-log", state);
        }
        let detail = if verbose {
            tr!("tui-run-all-of-the-log")
        } else {
            tr!("tui-run-log-from-info")
        };
        tr!("tui-run-output-rule", state, detail)
    }
}

/// The Folder screen's words.
pub mod folder {
    use super::AroundKey;
    use crate::tr;

    pub fn dify_folder() -> String {
        tr!("tui-folder-dify-folder")
    }
    pub fn compose_file() -> String {
        tr!("tui-folder-compose-file")
    }
    pub fn project() -> String {
        tr!("tui-folder-project")
    }
    pub const ENV: &str = ".env";
    pub fn newer_layout() -> String {
        tr!("tui-folder-newer-layout")
    }
    pub fn classic_layout() -> String {
        tr!("tui-folder-classic-layout")
    }
    pub fn current_values() -> String {
        tr!("tui-folder-current-values")
    }
    pub fn empty() -> String {
        tr!("tui-folder-empty")
    }
    pub fn not_set() -> String {
        tr!("tui-folder-not-set")
    }
    pub fn missing() -> String {
        tr!("tui-folder-missing")
    }
    pub fn settings_complete() -> AroundKey {
        (
            tr!("tui-folder-settings-complete-before"),
            "r",
            tr!("tui-folder-settings-complete-after"),
        )
    }
    pub fn create_env() -> AroundKey {
        (
            tr!("tui-folder-create-env-before"),
            "c",
            tr!("tui-folder-create-env-after"),
        )
    }
    pub fn start() -> AroundKey {
        (
            tr!("tui-folder-create-env-before"),
            "Enter",
            tr!("tui-folder-start-after"),
        )
    }

    pub fn own_certificate() -> AroundKey {
        (
            tr!("tui-folder-create-env-before"),
            "i",
            tr!("tui-folder-own-certificate-after"),
        )
    }

    pub fn env_lines(lines: usize, layout: &str) -> String {
        tr!("tui-folder-env-lines", lines, layout)
    }

    pub fn no_env(cross: &str) -> String {
        tr!("tui-folder-no-env", cross)
    }
}

/// The Applied screen's words.
pub mod applied {
    use super::AroundKey;
    use crate::tr;

    pub fn what_comes_next() -> String {
        tr!("tui-applied-what-comes-next")
    }
    /// Text, key, text, key, text.
    pub fn demo_plays() -> (String, &'static str, String, &'static str, String) {
        (
            tr!("tui-applied-demo-plays-1"),
            "r",
            tr!("tui-applied-demo-plays-2"),
            "f",
            tr!("tui-applied-demo-plays-3"),
        )
    }
    pub fn run_now() -> AroundKey {
        (
            tr!("tui-folder-create-env-before"),
            "r",
            tr!("tui-applied-run-now-after"),
        )
    }

    pub fn env_written(check: &str) -> String {
        tr!("tui-applied-env-written", check)
    }

    pub fn backup_kept(backup: &str) -> String {
        tr!("tui-applied-backup-kept", backup)
    }

    pub fn nothing_written(check: &str) -> String {
        tr!("tui-applied-nothing-written", check)
    }

    pub fn sample_folder_stays(folder: &str) -> String {
        tr!("tui-applied-sample-folder-stays", folder)
    }
}

/// The Review screen's words.
pub mod review {
    use crate::tr;

    pub fn certificate_from() -> String {
        tr!("tui-review-certificate-from")
    }
    pub fn added() -> String {
        tr!("tui-review-added")
    }
    pub fn empty() -> String {
        tr!("tui-folder-empty")
    }
    pub fn later_at_the_switch() -> String {
        tr!("tui-review-later-at-the-switch")
    }
    pub fn line_by_line() -> String {
        tr!("tui-review-line-by-line")
    }

    pub fn nothing_to_write(check: &str) -> String {
        tr!("tui-review-nothing-to-write", check)
    }

    pub fn keys_that_change(count: usize) -> String {
        tr!("tui-review-keys-that-change", count)
    }

    pub const UPGRADE_KEY: &str = "u";

    pub fn set_urls(count: usize, domain: &str) -> String {
        tr!("tui-review-set-urls", count, domain)
    }

    pub fn left_alone(key: &str, value: &str, why: &str) -> String {
        tr!("tui-review-left-alone", key, value, why)
    }

    /// The head of a piece of the diff: where it starts in `.env`.
    pub fn hunk(line: usize) -> String {
        tr!("tui-review-hunk", line)
    }

    pub fn upgrade_state(upgrade: bool) -> String {
        if upgrade {
            tr!("tui-review-upgrade-yes")
        } else {
            tr!("tui-review-upgrade-no")
        }
    }
}

/// The checklist's words.
pub mod checks {
    use crate::tr;

    pub fn failed(count: usize) -> String {
        tr!("tui-checks-count-failed", count)
    }

    pub fn ready(warned: usize) -> String {
        tr!("tui-checks-ready", warned)
    }

    pub fn staging_in_the_way(issuer: &str) -> String {
        tr!("tui-checks-staging-in-the-way", issuer)
    }
}

/// The Mode screen's words.
pub mod mode {
    use crate::tr;

    pub fn extra_options() -> String {
        tr!("tui-mode-extra-options")
    }

    pub fn always_added(option: &str) -> String {
        tr!("tui-mode-always-added", option)
    }
}

/// The Domain and Email fields.
pub mod fields {
    use crate::tr;

    pub fn domain() -> String {
        tr!("tui-field-domain")
    }
    pub fn email() -> String {
        tr!("tui-field-email")
    }
    pub fn domain_help() -> String {
        tr!("tui-field-domain-help")
    }
    pub fn email_help() -> String {
        tr!("tui-field-email-help")
    }
}

pub fn needs_a_terminal() -> String {
    tr!("tui-needs-a-terminal")
}

pub fn too_small(min_width: u16, min_height: u16, width: u16, height: u16) -> String {
    tr!("tui-too-small", min_width, min_height, width, height)
}

pub fn demo_folder_kept(folder: &str) -> String {
    tr!("tui-demo-folder-kept", folder)
}

pub fn demo_repair() -> String {
    tr!("tui-demo-repair")
}

pub fn repair_stale() -> String {
    tr!("tui-repair-stale")
}

pub fn busy_planning_repair() -> String {
    tr!("tui-busy-planning-repair")
}

pub fn repair_refused(refused: &crate::core::applied::repair::RepairRefused) -> String {
    use crate::core::applied::repair::RepairRefused;
    match refused {
        RepairRefused::NoRecord => tr!("cli-repair-no-record"),
        RepairRefused::NothingDrifted { changed_files } if !changed_files.is_empty() => {
            tr!("tui-repair-files-cli")
        }
        RepairRefused::NothingDrifted { .. } => tr!("cli-repair-nothing-drifted"),
        RepairRefused::NginxWouldNotStart { missing } => tr!(
            "cli-repair-nginx-would-not-start",
            missing = missing.display().to_string()
        ),
        RepairRefused::Env(why) => why.clone(),
    }
}

pub fn repair_written(backup: &str, nginx_runs: bool) -> String {
    if nginx_runs {
        tr!("tui-repair-written", backup)
    } else {
        tr!("tui-repair-written-not-running", backup)
    }
}

pub fn effect_crashed(why: &str) -> String {
    tr!("tui-effect-crashed", why)
}

pub fn run_crashed(why: &str) -> String {
    tr!("tui-run-crashed", why)
}

// The import screen.
pub fn import_no_domain(names: &str) -> String {
    tr!("tui-import-no-domain", names)
}
pub fn busy_checking_import() -> String {
    tr!("tui-busy-checking-import")
}
pub fn import_enter_files() -> String {
    tr!("tui-import-enter-files")
}
pub fn demo_import() -> String {
    tr!("tui-demo-import")
}

/// The import screen's words.
pub mod import {
    use crate::tr;

    pub fn help() -> String {
        tr!("tui-import-help")
    }
    pub fn cert_label() -> String {
        tr!("tui-import-cert-label")
    }
    pub fn key_label() -> String {
        tr!("tui-import-key-label")
    }
    pub fn chain_label() -> String {
        tr!("tui-import-chain-label")
    }
    pub fn passphrase_label() -> String {
        tr!("tui-import-passphrase-label")
    }
    pub fn pasted_text() -> String {
        tr!("tui-import-pasted-text")
    }
    pub fn pasted(blocks: usize, key: bool) -> String {
        if key {
            tr!("tui-import-pasted-key")
        } else {
            tr!("tui-import-pasted-certificates", count = blocks)
        }
    }
    pub fn heading(domain: &str) -> String {
        tr!("tui-import-heading", domain)
    }
    pub fn names() -> String {
        tr!("tui-import-names")
    }
    pub fn issuer() -> String {
        tr!("tui-import-issuer")
    }
    pub fn valid_until() -> String {
        tr!("tui-import-valid-until")
    }
    pub fn until(date: &str, days: i64) -> String {
        tr!("tui-import-until", date, days)
    }
    pub fn key() -> String {
        tr!("tui-import-key")
    }
    pub fn where_it_goes() -> String {
        tr!("cli-import-where")
    }
    pub fn lineage_beside(domain: &str) -> String {
        tr!("tui-import-lineage-beside", domain)
    }
    pub fn replacing() -> String {
        tr!("tui-import-replacing")
    }
    pub fn keys_that_change(count: usize) -> String {
        tr!("tui-import-keys-that-change", count)
    }
    pub fn then_recreate() -> String {
        tr!("tui-import-then-recreate")
    }
    pub fn then_reload() -> String {
        tr!("tui-import-then-reload")
    }
}
