//! The command line's own words, in one place: what each command prints, asks and
//! refuses (the words for core's typed remedies are in `remedies`). The sentences are
//! in the catalogs (`assets/i18n/*.ftl`, ids `cli-…`), in the user's language. Machine
//! output (`--json`, `--check`'s first word, Prometheus) is not here: it never changes.

use std::path::Path;

use crate::core::status::{AttemptOutcome, ContainerState, StatusReport};
use crate::i18n::pad_to;
use crate::tr;

type E<'a> = &'a dyn std::fmt::Display;

// `status`.
/// The report for people reading a terminal or a mail from cron.
pub fn status_text(r: &StatusReport) -> String {
    let mut s = String::new();
    let line = |s: &mut String, k: String, v: String| {
        s.push_str(&pad_to(&k, 14));
        s.push_str(&v);
        s.push('\n');
    };
    line(
        &mut s,
        tr!("cli-status-verdict"),
        r.verdict.word().to_string(),
    );
    line(
        &mut s,
        tr!("cli-status-domain"),
        r.domain.clone().unwrap_or_else(|| tr!("cli-not-set")),
    );
    line(
        &mut s,
        tr!("cli-status-project"),
        format!("{} ({})", r.project.name, r.project.working_dir),
    );
    match &r.certificate {
        Some(c) => {
            line(
                &mut s,
                tr!("cli-status-expires"),
                tr!(
                    "cli-status-expires-value",
                    date = c.not_after.clone(),
                    left = c.expiry_words(),
                    renewal = c.renewal_words()
                ),
            );
            line(&mut s, tr!("cli-status-names"), c.names.join(", "));
            let issuer = if c.staging {
                tr!("cli-status-issuer-test-ca", issuer = c.issuer.clone())
            } else {
                c.issuer.clone()
            };
            line(&mut s, tr!("cli-status-issuer"), issuer);
            line(&mut s, tr!("cli-status-key"), c.key_type.clone());
            line(
                &mut s,
                tr!("cli-status-source"),
                match c.source {
                    crate::core::dify::Source::Imported => tr!("cli-status-source-imported"),
                    crate::core::dify::Source::Letsencrypt => {
                        tr!("cli-status-source-letsencrypt")
                    }
                },
            );
            line(&mut s, "SHA-256".into(), c.fingerprint_sha256.clone());
        }
        None => line(
            &mut s,
            tr!("cli-status-certificate"),
            tr!("cli-status-none"),
        ),
    }
    if let Some(server) = &r.custom_acme_server {
        line(
            &mut s,
            "CA".into(),
            tr!("cli-status-custom-acme-server", server),
        );
    }
    line(
        &mut s,
        "HTTPS".into(),
        if r.https_enabled {
            tr!("cli-status-on")
        } else {
            tr!("cli-status-off")
        },
    );
    for served in &r.served {
        let what = match (&served.certificate, &served.error) {
            (Some(c), _) => match (c.matches_disk == Some(true), c.trusted) {
                (true, true) => tr!("cli-status-served-disk-trusted"),
                (true, false) => tr!("cli-status-served-disk-untrusted"),
                (false, true) => tr!("cli-status-served-other-trusted"),
                (false, false) => tr!("cli-status-served-other-untrusted"),
            },
            (None, Some(e)) => tr!("cli-status-no-answer-why", why = e.clone()),
            (None, None) => tr!("cli-status-no-answer"),
        };
        line(
            &mut s,
            tr!("cli-status-served"),
            format!("{}: {what}", served.target),
        );
    }
    if let Some(list) = &r.containers {
        let states: Vec<String> = list
            .iter()
            .map(|c| {
                let service = c.service.clone();
                match c.state {
                    ContainerState::Running => tr!("cli-status-container-running", service),
                    ContainerState::Restarting => {
                        tr!("cli-status-container-restarting", service)
                    }
                    ContainerState::Stopped => tr!("cli-status-container-stopped", service),
                }
            })
            .collect();
        line(&mut s, tr!("cli-status-containers"), states.join(", "));
    }
    if let Some(sch) = &r.schedule {
        let kind = schedule::kind_name(sch.kind == crate::core::schedule::Kind::Systemd);
        let last = sch
            .last
            .as_ref()
            .map(|l| {
                tr!(
                    "cli-status-schedule-last",
                    at = l.at.clone(),
                    outcome = schedule::outcome(l.outcome),
                    message = l.message.clone()
                )
            })
            .unwrap_or_else(|| tr!("cli-status-schedule-none-yet"));
        let value = match &sch.next {
            Some(next) => tr!("cli-status-schedule-next", kind, next = next.clone(), last),
            None => tr!("cli-status-schedule", kind, last),
        };
        line(&mut s, tr!("cli-status-renewal"), value);
    }
    if let Some(a) = &r.last_attempt {
        line(
            &mut s,
            tr!("cli-status-last-run"),
            attempt(&a.started, a.outcome),
        );
    }
    for f in &r.findings {
        s.push_str(&format!("! {}\n", f.message));
        if let Some(r) = &f.remedy {
            s.push_str(&format!("  -> {}\n", super::remedies::words(r)));
        }
    }
    s
}

/// certbot's last run: when, and how it went.
fn attempt(started: &str, outcome: AttemptOutcome) -> String {
    match outcome {
        AttemptOutcome::Succeeded => tr!("cli-attempt-succeeded", started),
        AttemptOutcome::Skipped => tr!("cli-attempt-skipped", started),
        AttemptOutcome::Failed => tr!("cli-attempt-failed", started),
        AttemptOutcome::Unknown => tr!("cli-attempt-unknown", started),
    }
}

pub fn cannot_write(path: &Path, e: E) -> String {
    tr!(
        "cli-cannot-write",
        path = path.display(),
        why = e.to_string()
    )
}

/// `--check`'s line when no report can be made (its first word is machine output).
pub fn unknown_line(why: &str) -> String {
    format!("UNKNOWN - {why}")
}

pub fn not_a_regular_file(kind: &str) -> String {
    tr!("cli-not-a-regular-file", kind)
}

pub fn hard_linked() -> String {
    tr!("cli-hard-linked")
}

pub fn no_such_folder(dir: &Path) -> String {
    tr!("cli-no-such-folder", folder = dir.display())
}

/// `setup`.
pub mod setup {
    use std::path::Path;

    use crate::tr;

    pub fn taken_from_env(key: &str, value: &str) -> String {
        tr!("cli-setup-taken-from-env", key, value)
    }

    pub fn renewal_due() -> String {
        tr!("cli-setup-renewal-due")
    }
    pub fn apply_question() -> String {
        tr!("cli-setup-apply-question")
    }
    pub fn not_applied() -> String {
        tr!("cli-setup-not-applied")
    }
    pub fn not_applied_no_terminal() -> String {
        tr!("cli-setup-not-applied-no-terminal")
    }

    pub fn compose_rejected(why: &str, lines: &[String]) -> String {
        format!(
            "{}\n{}",
            tr!("cli-setup-compose-rejected", why),
            lines.join("\n")
        )
    }

    pub fn already_set_up(folder: &Path, domain: &str, expires: &str) -> String {
        tr!(
            "cli-setup-already-set-up",
            folder = folder.display(),
            domain,
            expires
        )
    }

    pub fn certificate_from(authority: &str) -> String {
        tr!("cli-setup-certificate-from", authority)
    }

    pub fn note(text: &str) -> String {
        tr!("cli-note", text)
    }

    pub fn warning(text: &str) -> String {
        tr!("cli-warning", text)
    }

    pub fn nothing_to_change(env: &Path) -> String {
        tr!("cli-setup-nothing-to-change", env = env.display())
    }

    pub fn changes_to(env: &Path) -> String {
        tr!("cli-setup-changes-to", env = env.display())
    }

    pub fn key_changed(key: &str, old: &str, new: &str) -> String {
        format!("  {key}: {old:?} -> {new:?}")
    }

    pub fn key_added(key: &str, new: &str) -> String {
        tr!("cli-setup-key-added", key, new = format!("{new:?}"))
    }

    pub fn wrote(path: &Path, backup: &Path) -> String {
        tr!(
            "cli-setup-wrote",
            path = path.display(),
            backup = backup.display()
        )
    }

    pub fn left_alone(key: &str, value: &str, why: &str) -> String {
        tr!("cli-setup-left-alone", key, value, why)
    }

    pub fn urls_left_alone(lines: &[String]) -> String {
        format!("{}\n{}", tr!("cli-setup-urls-left-alone"), lines.join("\n"))
    }

    pub fn next_steps_in(folder: &Path) -> String {
        format!(
            "\n{}",
            tr!("cli-setup-next-steps-in", folder = folder.display())
        )
    }

    pub fn or_let_it_run(command: &str) -> String {
        format!("{}\n   {command}", tr!("cli-setup-or-let-it-run"))
    }

    pub fn replace_staging_question(live: &Path, issuer: &str) -> String {
        tr!(
            "cli-setup-replace-staging-question",
            live = live.display(),
            issuer
        )
    }

    pub fn staging_refused(live: &Path) -> String {
        tr!("cli-setup-staging-refused", live = live.display())
    }
}

/// Running steps (`setup`, `renew`, `https off`, `undo`, `restore`).
pub mod run {
    use std::path::Path;

    use super::E;
    use crate::tr;

    pub fn stopping_signal() -> String {
        tr!("cli-run-stopping-signal")
    }
    pub fn stopping() -> String {
        tr!("cli-run-stopping")
    }
    pub fn press_again() -> String {
        tr!("cli-run-press-again")
    }
    pub fn nothing_due() -> String {
        tr!("cli-run-nothing-due")
    }
    pub fn more() -> String {
        tr!("cli-run-more")
    }

    pub fn cannot_listen(e: E) -> String {
        tr!("cli-run-cannot-listen", why = e.to_string())
    }

    pub fn cannot_record(e: E) -> String {
        tr!("cli-run-cannot-record", why = e.to_string())
    }

    pub fn cannot_record_into(path: &Path, e: E) -> String {
        tr!(
            "cli-run-cannot-record-into",
            path = path.display(),
            why = e.to_string()
        )
    }

    pub fn could_not_record_run(e: E) -> String {
        tr!("cli-run-could-not-record-run", why = e.to_string())
    }

    pub fn stopped_during(step: &str) -> String {
        tr!("cli-run-stopped-during", step)
    }

    pub fn step_failed(step: &str) -> String {
        tr!("cli-run-step-failed", step)
    }

    pub fn busy(why: &str) -> String {
        tr!("cli-run-busy", why)
    }

    pub fn renewed(expires: &str, fingerprint: &str) -> String {
        tr!("cli-run-renewed", expires, fingerprint)
    }

    pub fn quiet_failed(step: &str) -> String {
        tr!("cli-run-quiet-failed", step)
    }

    pub fn quiet_stopped(step: &str) -> String {
        tr!("cli-run-quiet-stopped", step)
    }

    pub fn quiet_failure(what: &str) -> String {
        tr!("cli-run-quiet-failure", what)
    }
}

/// Questions at the terminal.
pub mod prompt {
    use crate::tr;

    pub fn act_anyway() -> String {
        tr!("cli-prompt-act-anyway")
    }

    pub fn not_done(unchanged: &str) -> String {
        tr!("cli-prompt-not-done", unchanged)
    }

    pub fn not_done_no_terminal(unchanged: &str) -> String {
        tr!("cli-prompt-not-done-no-terminal", unchanged)
    }

    pub fn other_install(project: &str, folders: &str, suggested: &str) -> String {
        tr!("cli-prompt-other-install", project, folders, suggested)
    }

    pub fn going_ahead(what: &str) -> String {
        tr!("cli-prompt-going-ahead", what)
    }

    pub fn other_install_no_terminal(what: &str, unchanged: &str) -> String {
        tr!("cli-prompt-other-install-no-terminal", what, unchanged)
    }
}

/// `schedule`.
pub mod schedule {
    use super::E;
    use crate::i18n::pad_to;
    use crate::tr;

    pub fn needs_root() -> String {
        tr!("cli-schedule-needs-root")
    }
    pub fn nothing_changed() -> String {
        tr!("cli-nothing-changed")
    }
    pub fn install_question() -> String {
        tr!("cli-schedule-install-question")
    }
    pub fn remove_question() -> String {
        tr!("cli-schedule-remove-question")
    }
    pub fn no_webhooks() -> String {
        tr!("cli-schedule-no-webhooks")
    }
    pub fn test_message() -> String {
        tr!("cli-schedule-test-message")
    }

    pub fn left_foreign(files: &str) -> String {
        tr!("cli-schedule-left-foreign", files)
    }

    pub fn no_scheduler(cron_line: &str) -> String {
        format!("{}\n{cron_line}", tr!("cli-schedule-no-scheduler"))
    }

    pub fn cannot_keep_webhooks(e: E) -> String {
        tr!("cli-schedule-cannot-keep-webhooks", why = e.to_string())
    }

    pub fn webhook(format: &str, url: &str) -> String {
        tr!("cli-schedule-webhook", format, url)
    }

    pub fn binary_not_found(e: E) -> String {
        tr!("cli-schedule-binary-not-found", why = e.to_string())
    }

    pub fn replacing(project: &str, files: &str) -> String {
        tr!("cli-schedule-replacing", project, files)
    }

    pub fn cannot_install(e: E) -> String {
        tr!("cli-schedule-cannot-install", why = e.to_string())
    }

    pub fn nothing_to_remove(project: &str) -> String {
        tr!("cli-schedule-nothing-to-remove", project)
    }

    pub fn removing(files: &str) -> String {
        tr!("cli-schedule-removing", files)
    }

    pub fn cannot_remove(e: E) -> String {
        tr!("cli-schedule-cannot-remove", why = e.to_string())
    }

    pub fn removed(files: &str) -> String {
        tr!("cli-schedule-removed", files)
    }

    pub fn none_installed(project: &str) -> String {
        tr!("cli-schedule-none-installed", project)
    }

    pub fn kind_name(systemd: bool) -> String {
        if systemd {
            tr!("cli-schedule-systemd-timer")
        } else {
            tr!("cli-schedule-cron")
        }
    }

    /// A schedule run's outcome, in a word or two.
    pub fn outcome(outcome: crate::core::schedule::Outcome) -> String {
        match outcome {
            crate::core::schedule::Outcome::Renewed => tr!("cli-schedule-renewed"),
            crate::core::schedule::Outcome::NotDue => tr!("cli-schedule-not-due"),
            crate::core::schedule::Outcome::Failed => tr!("cli-schedule-failed"),
            crate::core::schedule::Outcome::Refused => tr!("cli-schedule-refused"),
        }
    }

    fn field(label: String, value: String) -> String {
        format!("{}{value}", pad_to(&label, 14))
    }

    pub fn kind(systemd: bool) -> String {
        field(tr!("cli-schedule-kind"), kind_name(systemd))
    }

    pub fn files(files: &str) -> String {
        field(tr!("cli-schedule-files"), files.to_string())
    }

    pub fn runs(command: &str) -> String {
        field(tr!("cli-schedule-runs"), command.to_string())
    }

    pub fn when(systemd: bool) -> String {
        let value = if systemd {
            tr!("cli-schedule-when-systemd")
        } else {
            tr!("cli-schedule-when-cron")
        };
        field(tr!("cli-schedule-when"), value)
    }

    pub fn next(when: &str) -> String {
        field(tr!("cli-schedule-next"), when.to_string())
    }

    /// (when, outcome, message) of the last run, if any.
    pub fn last_run(last: Option<(&str, &str, &str)>) -> String {
        let value = match last {
            Some((at, outcome, message)) => format!("{at} {outcome}: {message}"),
            None => tr!("cli-schedule-none-yet"),
        };
        field(tr!("cli-schedule-last-run"), value)
    }

    pub fn sent_to(url: &str) -> String {
        tr!("cli-schedule-sent-to", url)
    }

    pub fn not_delivered(url: &str, e: E) -> String {
        tr!("cli-schedule-not-delivered", url, why = e.to_string())
    }
}

/// `backup` and `restore`.
pub mod backup {
    use std::path::Path;

    use super::E;
    use crate::tr;

    pub fn not_a_certificate() -> String {
        tr!("cli-backup-not-a-certificate")
    }
    pub fn nothing_changed() -> String {
        tr!("cli-nothing-changed")
    }
    pub fn env_already() -> String {
        tr!("cli-backup-env-already")
    }
    pub fn env_from_archive() -> String {
        tr!("cli-backup-env-from-archive")
    }
    pub fn switch_question() -> String {
        tr!("cli-backup-switch-question")
    }
    pub fn https_as_it_was() -> String {
        tr!("cli-backup-https-as-it-was")
    }
    pub fn not_switched() -> String {
        tr!("cli-backup-not-switched")
    }

    pub fn wrote_archive(path: &Path) -> String {
        tr!("cli-backup-wrote-archive", path = path.display())
    }

    pub fn archive_certificate(domain: &str, names: &str, expires: &str, sha: &str) -> String {
        tr!(
            "cli-backup-archive-certificate",
            domain,
            names,
            expires,
            sha
        )
    }

    pub fn archive_entries(entries: usize, conf: &Path, settings: usize) -> String {
        tr!(
            "cli-backup-archive-entries",
            entries,
            conf = conf.display(),
            settings
        )
    }

    pub fn inside_git_checkout(checkout: &Path) -> String {
        tr!(
            "cli-backup-inside-git-checkout",
            checkout = checkout.display()
        )
    }

    pub fn on_the_new_server(archive: &str) -> String {
        tr!("cli-backup-on-the-new-server", archive)
    }

    pub fn refused(archive: &Path, e: E) -> String {
        tr!(
            "cli-backup-refused",
            archive = archive.display(),
            why = e.to_string()
        )
    }

    pub fn nothing_changed_because(e: E) -> String {
        tr!("cli-backup-nothing-changed-because", why = e.to_string())
    }

    pub fn no_compose(e: E) -> String {
        tr!("cli-backup-no-compose", why = e.to_string())
    }

    pub fn restoring_from(archive: &Path, created: &str, version: &str) -> String {
        tr!(
            "cli-backup-restoring-from",
            archive = archive.display(),
            created,
            version
        )
    }

    pub fn restoring_certificate(
        domain: &str,
        names: &str,
        issuer: &str,
        expires: &str,
        sha: &str,
    ) -> String {
        tr!(
            "cli-backup-restoring-certificate",
            domain,
            names,
            issuer,
            expires,
            sha
        )
    }

    pub fn into_empty(conf: &Path) -> String {
        tr!("cli-backup-into-empty", conf = conf.display())
    }

    pub fn already_there(conf: &Path) -> String {
        tr!("cli-backup-already-there", conf = conf.display())
    }

    pub fn others_saved(conf: &Path, domain: &str, fingerprint: Option<&str>, to: &Path) -> String {
        match fingerprint {
            Some(fingerprint) => tr!(
                "cli-backup-others-saved-fingerprint",
                conf = conf.display(),
                domain,
                fingerprint,
                to = to.display()
            ),
            None => tr!(
                "cli-backup-others-saved",
                conf = conf.display(),
                to = to.display()
            ),
        }
    }

    pub fn restore_question(saving: bool) -> String {
        if saving {
            tr!("cli-backup-restore-question-saving")
        } else {
            tr!("cli-backup-restore-question")
        }
    }

    pub fn could_not_save(e: E) -> String {
        tr!("cli-backup-could-not-save", why = e.to_string())
    }

    pub fn saved_to(path: &Path) -> String {
        tr!("cli-backup-saved-to", path = path.display())
    }

    pub fn restore_failed(conf: &Path, e: E, saved: Option<&Path>) -> String {
        match saved {
            Some(saved) => tr!(
                "cli-backup-restore-failed-saved",
                conf = conf.display(),
                why = e.to_string(),
                saved = saved.display()
            ),
            None => tr!(
                "cli-backup-restore-failed",
                conf = conf.display(),
                why = e.to_string()
            ),
        }
    }

    pub fn restored(entries: usize, conf: &Path) -> String {
        tr!("cli-backup-restored", entries, conf = conf.display())
    }

    pub fn nginx_would_not_start(missing: &Path) -> String {
        tr!(
            "cli-backup-nginx-would-not-start",
            missing = missing.display()
        )
    }

    pub fn in_place_but(e: E) -> String {
        tr!("cli-backup-in-place-but", why = e.to_string())
    }

    pub fn no_switch(folder: &Path) -> String {
        tr!("cli-backup-no-switch", folder = folder.display())
    }
}

/// `history` and `undo`.
pub mod history {
    use std::path::Path;

    use super::E;
    use crate::tr;

    pub fn same_as_now() -> String {
        tr!("cli-history-same-as-now")
    }
    pub fn put_one_back() -> String {
        tr!("cli-history-put-one-back")
    }
    pub fn only_layout() -> String {
        tr!("cli-history-only-layout")
    }
    pub fn put_back_question() -> String {
        tr!("cli-history-put-back-question")
    }
    pub fn env_unchanged() -> String {
        tr!("cli-env-unchanged")
    }
    pub fn recreate_question() -> String {
        tr!("cli-history-recreate-question")
    }
    pub fn nothing_recreated() -> String {
        tr!("cli-history-nothing-recreated")
    }
    pub fn other_services() -> String {
        tr!("cli-history-other-services")
    }

    pub fn no_backups_yet(env: &Path) -> String {
        tr!("cli-history-no-backups-yet", env = env.display())
    }

    pub fn backups_of(env: &Path) -> String {
        tr!("cli-history-backups-of", env = env.display())
    }

    pub fn differs_in(keys: &str) -> String {
        tr!("cli-history-differs-in", keys)
    }

    pub fn unreadable(e: E) -> String {
        tr!("cli-history-unreadable", why = e.to_string())
    }

    pub fn not_a_backup(name: &str, env: &Path) -> String {
        tr!("cli-history-not-a-backup", name, env = env.display())
    }

    pub fn nothing_to_put_back(env: &Path) -> String {
        tr!("cli-history-nothing-to-put-back", env = env.display())
    }

    pub fn already_same(env: &Path, backup: &str) -> String {
        tr!("cli-history-already-same", env = env.display(), backup)
    }

    pub fn nginx_would_not_start(backup: &str, missing: &Path) -> String {
        tr!(
            "cli-history-nginx-would-not-start",
            backup,
            missing = missing.display()
        )
    }

    pub fn putting_back(backup: &str, taken: &str, env: &Path) -> String {
        tr!(
            "cli-history-putting-back",
            backup,
            taken,
            env = env.display()
        )
    }

    pub fn keys_that_change(keys: &str) -> String {
        tr!("cli-history-keys-that-change", keys)
    }

    pub fn wrote(env: &Path, kept_as: &str) -> String {
        tr!("cli-history-wrote", env = env.display(), kept_as)
    }

    pub fn must_be_recreated(services: &str) -> String {
        tr!("cli-history-must-be-recreated", services)
    }

    pub fn recreate_by_hand(folder: &Path, e: E) -> String {
        tr!(
            "cli-history-recreate-by-hand",
            folder = folder.display(),
            why = e.to_string()
        )
    }

    pub fn not_recreated(command: &str) -> String {
        tr!("cli-history-not-recreated", command)
    }
}

// The folder and its `.env`, for every command.
pub fn create_env_question(folder: &Path) -> String {
    tr!("cli-create-env-question", folder = folder.display())
}

pub fn no_env(folder: &Path, offers_yes: bool) -> String {
    if offers_yes {
        tr!("cli-no-env-yes", folder = folder.display())
    } else {
        tr!("cli-no-env-setup", folder = folder.display())
    }
}

pub fn cannot_create_env(e: E) -> String {
    tr!("cli-cannot-create-env", why = e.to_string())
}

pub fn env_created(path: &Path) -> String {
    tr!("cli-env-created", path = path.display())
}

pub fn neither_env(folder: &Path) -> String {
    tr!("cli-neither-env", folder = folder.display())
}

pub fn cannot_create_demo(e: E) -> String {
    tr!("cli-cannot-create-demo", why = e.to_string())
}

pub fn error_line(line: &str) -> String {
    tr!("cli-error-line", line)
}

pub fn cannot_read(path: &Path, e: E) -> String {
    tr!(
        "cli-cannot-read",
        path = path.display(),
        why = e.to_string()
    )
}

pub fn permission_denied(path: &Path) -> String {
    tr!("cli-permission-denied", path = path.display())
}

pub fn nothing_run() -> String {
    tr!("cli-nothing-run")
}

/// `https off`.
pub mod https {
    use std::path::Path;

    use crate::tr;

    pub fn not_set() -> String {
        tr!("cli-not-set")
    }
    pub fn then_recreated() -> String {
        tr!("cli-https-then-recreated")
    }
    pub fn question() -> String {
        tr!("cli-https-question")
    }
    pub fn env_unchanged() -> String {
        tr!("cli-env-unchanged")
    }

    pub fn already_off(env: &Path) -> String {
        tr!("cli-https-already-off", env = env.display())
    }

    pub fn env_unchanged_because(e: &dyn std::fmt::Display) -> String {
        tr!("cli-setup-compose-rejected", why = e.to_string())
    }

    pub fn switching_off(env: &Path) -> String {
        tr!("cli-https-switching-off", env = env.display())
    }
}

// `import`.
pub mod import {
    pub use crate::i18n::import_words::finding;

    pub use crate::i18n::import_words::material;
}
