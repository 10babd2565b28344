//! The command line's own words, in one place: what each command prints, asks and
//! refuses (the words for core's typed remedies are in `remedies`). Machine output
//! (`--json`, `--check`'s first word, Prometheus) is not here: it never changes.

use std::path::Path;

use crate::core::status::{ContainerState, StatusReport};

// `status`.
/// The report for people reading a terminal or a mail from cron.
pub fn status_text(r: &StatusReport) -> String {
    let mut s = String::new();
    let line = |s: &mut String, k: &str, v: String| s.push_str(&format!("{k:<14}{v}\n"));
    line(&mut s, "Verdict", r.verdict.word().to_string());
    line(
        &mut s,
        "Domain",
        r.domain.clone().unwrap_or_else(|| "(not set)".into()),
    );
    line(
        &mut s,
        "Project",
        format!("{} ({})", r.project.name, r.project.working_dir),
    );
    match &r.certificate {
        Some(c) => {
            line(
                &mut s,
                "Expires",
                format!(
                    "{} ({}; {})",
                    c.not_after,
                    c.expiry_words(),
                    c.renewal_words()
                ),
            );
            line(&mut s, "Names", c.names.join(", "));
            line(
                &mut s,
                "Issuer",
                format!(
                    "{}{}",
                    c.issuer,
                    if c.staging {
                        " (test CA: not trusted)"
                    } else {
                        ""
                    }
                ),
            );
            line(&mut s, "Key", c.key_type.clone());
            line(&mut s, "SHA-256", c.fingerprint_sha256.clone());
        }
        None => line(&mut s, "Certificate", "none".into()),
    }
    if let Some(server) = &r.custom_acme_server {
        line(&mut s, "CA", format!("custom ACME server: {server}"));
    }
    line(
        &mut s,
        "HTTPS",
        if r.https_enabled {
            "on".into()
        } else {
            "off".into()
        },
    );
    for served in &r.served {
        let what = match (&served.certificate, &served.error) {
            (Some(c), _) => format!(
                "{}{}",
                if c.matches_disk == Some(true) {
                    "the certificate on disk"
                } else {
                    "another certificate"
                },
                if c.trusted {
                    ", trusted"
                } else {
                    ", not trusted by browsers"
                }
            ),
            (None, Some(e)) => format!("no answer ({e})"),
            (None, None) => "no answer".into(),
        };
        line(&mut s, "Served", format!("{}: {what}", served.target));
    }
    if let Some(list) = &r.containers {
        let states: Vec<String> = list
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c.service,
                    match c.state {
                        ContainerState::Running => "running",
                        ContainerState::Restarting => "restarting (crash loop)",
                        ContainerState::Stopped => "not running",
                    }
                )
            })
            .collect();
        line(&mut s, "Containers", states.join(", "));
    }
    if let Some(sch) = &r.schedule {
        let kind = match sch.kind {
            crate::core::schedule::Kind::Systemd => "systemd timer",
            crate::core::schedule::Kind::Cron => "cron",
        };
        let last = sch
            .last
            .as_ref()
            .map(|l| {
                let outcome = match l.outcome {
                    crate::core::schedule::Outcome::Renewed => "renewed",
                    crate::core::schedule::Outcome::NotDue => "not due",
                    crate::core::schedule::Outcome::Failed => "failed",
                };
                format!("last run {} {outcome}: {}", l.at, l.message)
            })
            .unwrap_or_else(|| "no scheduled run yet".into());
        let next = sch
            .next
            .as_ref()
            .map(|n| format!(", next {n}"))
            .unwrap_or_default();
        line(
            &mut s,
            "Renewal",
            format!("{kind}, twice a day{next}; {last}"),
        );
    }
    if let Some(a) = &r.last_attempt {
        line(
            &mut s,
            "Last run",
            format!("{} {:?}", a.started, a.outcome).to_lowercase(),
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

pub fn cannot_write(path: &Path, e: &dyn std::fmt::Display) -> String {
    format!("cannot write {}: {e}", path.display())
}

/// `--check`'s line when no report can be made (its first word is machine output).
pub fn unknown_line(why: &str) -> String {
    format!("UNKNOWN - {why}")
}

pub fn not_a_regular_file(kind: &str) -> String {
    format!("it is {kind}; give a regular file (or a new name in an existing folder)")
}

pub const HARD_LINKED: &str = "it has several hard links; give a file of its own";

pub fn no_such_folder(dir: &Path) -> String {
    format!("the folder {} does not exist", dir.display())
}

/// `setup`.
pub mod setup {
    use std::path::Path;

    pub const RENEWAL_DUE: &str = "Its renewal is due: renewing now.";
    pub const APPLY_QUESTION: &str = "Apply this change to .env?";
    pub const NOT_APPLIED: &str = "not applied: .env is unchanged";
    pub const NOT_APPLIED_NO_TERMINAL: &str = "not applied: there is no terminal to ask on, and .env is unchanged. Run again with --yes to apply without asking";

    pub fn compose_rejected(why: &str, lines: &[String]) -> String {
        format!("{why}. .env is unchanged\n{}", lines.join("\n"))
    }

    pub fn already_set_up(folder: &Path, domain: &str, expires: &str) -> String {
        format!(
            "{} is already set up for {domain}: the certificate is in place (expires {expires}) and .env has these settings. Nothing was written or recreated.",
            folder.display()
        )
    }

    pub fn certificate_from(authority: &str) -> String {
        format!("Certificate from: {authority}")
    }

    pub fn note(text: &str) -> String {
        format!("note: {text}")
    }

    pub fn warning(text: &str) -> String {
        format!("warning: {text}")
    }

    pub fn nothing_to_change(env: &Path) -> String {
        format!(
            "{} already has these settings; nothing to change.",
            env.display()
        )
    }

    pub fn changes_to(env: &Path) -> String {
        format!("Changes to {}:", env.display())
    }

    pub fn key_changed(key: &str, old: &str, new: &str) -> String {
        format!("  {key}: {old:?} -> {new:?}")
    }

    pub fn key_added(key: &str, new: &str) -> String {
        format!("  {key}: (added) {new:?}")
    }

    pub fn wrote(path: &Path, backup: &Path) -> String {
        format!("Wrote {} (backup: {})", path.display(), backup.display())
    }

    pub fn left_alone(key: &str, value: &str, why: &str) -> String {
        format!("  {key}={value} left alone ({why})")
    }

    pub fn urls_left_alone(lines: &[String]) -> String {
        format!(
            "Public URLs not changed by the HTTPS switch:\n{}",
            lines.join("\n")
        )
    }

    pub fn next_steps_in(folder: &Path) -> String {
        format!("\nNext steps, in {}:", folder.display())
    }

    pub fn or_let_it_run(command: &str) -> String {
        format!(
            "Or let dify-https run them, with live output and a check after each:\n   {command}"
        )
    }

    pub fn replace_staging_question(live: &Path, issuer: &str) -> String {
        format!(
            "{} holds a staging certificate ({issuer}). Delete it so a production one can replace it?",
            live.display()
        )
    }

    pub fn staging_refused(live: &Path) -> String {
        format!(
            "{} holds a staging certificate, which certbot would keep renewing from staging. Run again with --replace-staging to delete it first. .env is unchanged",
            live.display()
        )
    }
}

/// Running steps (`setup`, `renew`, `https off`, `undo`, `restore`).
pub mod run {
    use std::path::Path;

    pub const STOPPING_SIGNAL: &str =
        "Stopping (signal): ending the running command and everything it started...";
    pub const STOPPING: &str = "Stopping: ending the running command and everything it started...";
    pub const PRESS_AGAIN: &str = "Press Ctrl-C again within 5 seconds to stop the run.";
    pub const NOTHING_DUE: &str = "nothing was due";
    pub const MORE: &str = "More: `dify-https logs`, `dify-https doctor`.";

    pub fn cannot_listen(e: &dyn std::fmt::Display) -> String {
        format!("cannot listen for signals: {e}")
    }

    pub fn cannot_record(e: &dyn std::fmt::Display) -> String {
        format!("cannot record the run: {e}")
    }

    pub fn cannot_record_into(path: &Path, e: &dyn std::fmt::Display) -> String {
        format!("cannot record the run into {}: {e}", path.display())
    }

    pub fn could_not_record_run(e: &dyn std::fmt::Display) -> String {
        format!("dify-https renew: could not record this run: {e}")
    }

    pub fn stopped_during(step: &str) -> String {
        format!(
            "Stopped during \"{step}\". HTTPS is as it was before this step; run again to continue."
        )
    }

    pub fn step_failed(step: &str) -> String {
        format!("\"{step}\" failed; nothing after it ran")
    }

    pub fn busy(why: &str) -> String {
        format!("{why}. Nothing was run")
    }

    pub fn renewed(expires: &str, fingerprint: &str) -> String {
        format!(
            "renewed: the certificate now expires {expires} (SHA-256 {fingerprint}), and nginx serves it"
        )
    }

    pub fn quiet_failed(step: &str) -> String {
        format!("\"{step}\" failed")
    }

    pub fn quiet_stopped(step: &str) -> String {
        format!("stopped during \"{step}\"")
    }

    pub fn quiet_failure(what: &str) -> String {
        format!("dify-https renew: {what}; the certificate nginx serves is unchanged")
    }
}

/// Questions at the terminal.
pub mod prompt {
    pub const ACT_ANYWAY: &str = "Act on that project anyway?";

    pub fn not_done(unchanged: &str) -> String {
        format!("not done: {unchanged}")
    }

    pub fn not_done_no_terminal(unchanged: &str) -> String {
        format!(
            "not done: there is no terminal to ask on, and {unchanged}. Run again with --yes to go ahead without asking"
        )
    }

    pub fn other_install(project: &str, folders: &str, suggested: &str) -> String {
        format!(
            "the compose project \"{project}\" also has containers from {folders}: compose would stop, recreate and exec in them from here. Give this install its own name (COMPOSE_PROJECT_NAME={suggested} in its .env)"
        )
    }

    pub fn going_ahead(what: &str) -> String {
        format!("warning: {what}; going ahead (--other-install-ok)")
    }

    pub fn other_install_no_terminal(what: &str, unchanged: &str) -> String {
        format!("{what}, or run again with --other-install-ok. {unchanged}")
    }
}

/// `schedule`.
pub mod schedule {
    type E<'a> = &'a dyn std::fmt::Display;

    pub const NEEDS_ROOT: &str = "the schedule is written under /etc, which needs root: run it with sudo (nothing was written)";
    pub const NOTHING_CHANGED: &str = "nothing was changed";
    pub const INSTALL_QUESTION: &str = "Install this renewal schedule?";
    pub const REMOVE_QUESTION: &str = "Remove this renewal schedule?";
    pub const NO_WEBHOOKS: &str =
        "no webhooks are configured: add them with `schedule install --notify URL`";
    pub const TEST_MESSAGE: &str =
        "a test message from `dify-https schedule notify test`: this webhook works";

    pub fn no_scheduler(cron_line: &str) -> String {
        format!(
            "Neither systemd nor cron runs here. Add this line to root's crontab (`sudo crontab -e`), without the leading \"root\":\n{cron_line}"
        )
    }

    pub fn cannot_keep_webhooks(e: E) -> String {
        format!("cannot keep the webhooks: {e}")
    }

    pub fn webhook(format: &str, url: &str) -> String {
        format!(
            "Webhook ({format}): {url} — `dify-https schedule notify test` sends a test message"
        )
    }

    pub fn binary_not_found(e: E) -> String {
        format!("cannot tell where this binary is: {e}")
    }

    pub fn replacing(project: &str, files: &str) -> String {
        format!("Replacing the schedule installed for project {project}: {files}")
    }

    pub fn cannot_install(e: E) -> String {
        format!("cannot install the schedule: {e}")
    }

    pub fn nothing_to_remove(project: &str) -> String {
        format!("No renewal schedule is installed for project {project}: nothing to remove.")
    }

    pub fn removing(files: &str) -> String {
        format!("Removing {files}")
    }

    pub fn cannot_remove(e: E) -> String {
        format!("cannot remove the schedule: {e}")
    }

    pub fn removed(files: &str) -> String {
        format!("Removed {files}")
    }

    pub fn none_installed(project: &str) -> String {
        format!(
            "No renewal schedule is installed for project {project}: nothing here renews the certificate. `sudo dify-https schedule install` adds one."
        )
    }

    pub fn kind(systemd: bool) -> String {
        format!(
            "Kind          {}",
            if systemd { "systemd timer" } else { "cron" }
        )
    }

    pub fn files(files: &str) -> String {
        format!("Files         {files}")
    }

    pub fn runs(command: &str) -> String {
        format!("Runs          {command}")
    }

    pub fn when(systemd: bool) -> String {
        let spread = if systemd {
            "spread over an hour"
        } else {
            "at a fixed minute"
        };
        format!("When          twice a day, after 0:00 and 12:00 ({spread})")
    }

    pub fn next(when: &str) -> String {
        format!("Next          {when}")
    }

    /// (when, outcome, message) of the last run, if any.
    pub fn last_run(last: Option<(&str, &str, &str)>) -> String {
        match last {
            Some((at, outcome, message)) => format!("Last run      {at} {outcome}: {message}"),
            None => "Last run      none yet".into(),
        }
    }

    pub fn sent_to(url: &str) -> String {
        format!("sent to {url}")
    }

    pub fn not_delivered(url: &str, e: E) -> String {
        format!("not delivered to {url}: {e}")
    }
}

/// `backup` and `restore`.
pub mod backup {
    use std::path::Path;

    type E<'a> = &'a dyn std::fmt::Display;

    pub const NOT_A_CERTIFICATE: &str = "missing or not a certificate";
    pub const NOTHING_CHANGED: &str = "nothing was changed";
    pub const ENV_ALREADY: &str = "  .env already has the archive's settings";
    pub const ENV_FROM_ARCHIVE: &str = "  .env settings from the archive:";
    pub const SWITCH_QUESTION: &str = "Switch nginx to HTTPS with the restored certificate now?";
    pub const HTTPS_AS_IT_WAS: &str = "HTTPS is as it was";
    pub const NOT_SWITCHED: &str =
        "HTTPS not switched. Do it later with the wizard (`dify-https`).";

    pub fn wrote_archive(path: &Path) -> String {
        format!(
            "Wrote {} (mode 0600: it holds the private keys; keep it as safe as the server)",
            path.display()
        )
    }

    pub fn archive_certificate(domain: &str, names: &str, expires: &str, sha: &str) -> String {
        format!("  {domain} ({names}), expires {expires}, SHA-256 {sha}")
    }

    pub fn archive_entries(entries: usize, conf: &Path, settings: usize) -> String {
        format!(
            "  {entries} entries of {}, and {settings} .env settings",
            conf.display()
        )
    }

    pub fn on_the_new_server(archive: &str) -> String {
        format!("On the new server: `dify-https restore {archive}` in Dify's docker/ folder.")
    }

    pub fn refused(archive: &Path, e: E) -> String {
        format!("{} refused: {e}. Nothing was changed", archive.display())
    }

    pub fn nothing_changed_because(e: E) -> String {
        format!("{e}. Nothing was changed")
    }

    pub fn no_compose(e: E) -> String {
        format!(
            "{e}. Nothing was changed (restore with --no-switch to put the files in place without compose)"
        )
    }

    pub fn restoring_from(archive: &Path, created: &str, version: &str) -> String {
        format!(
            "Restoring from {} (written {created} by dify-https {version}):",
            archive.display()
        )
    }

    pub fn restoring_certificate(
        domain: &str,
        names: &str,
        issuer: &str,
        expires: &str,
        sha: &str,
    ) -> String {
        format!("  {domain} ({names}), issued by {issuer}, expires {expires}, SHA-256 {sha}")
    }

    pub fn into_empty(conf: &Path) -> String {
        format!("  into {} (empty now)", conf.display())
    }

    pub fn already_there(conf: &Path) -> String {
        format!(
            "  this certificate is already in {}: the files are put back as in the archive",
            conf.display()
        )
    }

    pub fn others_saved(conf: &Path, domain: &str, fingerprint: Option<&str>, to: &Path) -> String {
        let has = fingerprint
            .map(|f| format!(" ({domain} has SHA-256 {f})"))
            .unwrap_or_default();
        format!(
            "  {} holds other certificates{has}: they are saved to {} first, then replaced",
            conf.display(),
            to.display()
        )
    }

    pub fn restore_question(saving: bool) -> &'static str {
        if saving {
            "Replace the certificates here with the archive's (after saving them) and write .env?"
        } else {
            "Put the archive's certificates in place and write .env?"
        }
    }

    pub fn could_not_save(e: E) -> String {
        format!("could not save the certificates there now ({e}); nothing was replaced")
    }

    pub fn saved_to(path: &Path) -> String {
        format!("Saved what was there to {} (mode 0600)", path.display())
    }

    pub fn restore_failed(conf: &Path, e: E, saved: Option<&Path>) -> String {
        let there = saved
            .map(|p| format!(". What was there is in {}", p.display()))
            .unwrap_or_default();
        format!("restoring into {} failed: {e}{there}", conf.display())
    }

    pub fn restored(entries: usize, conf: &Path) -> String {
        format!("Restored {entries} entries into {}", conf.display())
    }

    pub fn nginx_would_not_start(missing: &Path) -> String {
        format!(
            "the certificates are in place, but with the archive's settings nginx would not find {}; .env is unchanged",
            missing.display()
        )
    }

    pub fn in_place_but(e: E) -> String {
        format!("the certificates are in place, but {e}")
    }

    pub fn no_switch(folder: &Path) -> String {
        format!(
            "HTTPS left as it is (--no-switch). Switch it on later with h on the dashboard (`dify-https --dir {}`), which runs the setup's last steps for this certificate.",
            folder.display()
        )
    }
}

/// `history` and `undo`.
pub mod history {
    use std::path::Path;

    type E<'a> = &'a dyn std::fmt::Display;

    pub const SAME_AS_NOW: &str = "same as now";
    pub const PUT_ONE_BACK: &str =
        "Put one back with `dify-https undo [NAME]` (the newest when no name is given).";
    pub const ONLY_LAYOUT: &str = "  the same keys and values; only comments or layout differ";
    pub const PUT_BACK_QUESTION: &str = "Put this backup back?";
    pub const ENV_UNCHANGED: &str = ".env is unchanged";
    pub const RECREATE_QUESTION: &str = "Recreate them now (compose up -d)?";
    pub const NOTHING_RECREATED: &str = "nothing was recreated";
    pub const OTHER_SERVICES: &str = "the services that read it (api, web, worker, ...)";

    pub fn no_backups_yet(env: &Path) -> String {
        format!(
            "{} has no backups yet (every write by dify-https leaves one beside it).",
            env.display()
        )
    }

    pub fn backups_of(env: &Path) -> String {
        format!("Backups of {}, newest first:", env.display())
    }

    pub fn differs_in(keys: &str) -> String {
        format!("differs in {keys}")
    }

    pub fn unreadable(e: E) -> String {
        format!("cannot be read: {e}")
    }

    pub fn not_a_backup(name: &str, env: &Path) -> String {
        format!(
            "{name} is not a backup of {} (see `dify-https history`)",
            env.display()
        )
    }

    pub fn nothing_to_put_back(env: &Path) -> String {
        format!(
            "{} has no backups to put back (every write by dify-https leaves one)",
            env.display()
        )
    }

    pub fn already_same(env: &Path, backup: &str) -> String {
        format!(
            "{} is already the same as {backup}; nothing to change.",
            env.display()
        )
    }

    pub fn nginx_would_not_start(backup: &str, missing: &Path) -> String {
        format!(
            "{backup} turns HTTPS on, but nginx would not find {} and could not start; .env is unchanged",
            missing.display()
        )
    }

    pub fn putting_back(backup: &str, taken: &str, env: &Path) -> String {
        format!(
            "Putting back {backup} (taken {taken}) as {}:",
            env.display()
        )
    }

    pub fn keys_that_change(keys: &str) -> String {
        format!("  keys that change: {keys}")
    }

    pub fn wrote(env: &Path, kept_as: &str) -> String {
        format!(
            "Wrote {} (the file it replaced is kept as {kept_as}: `dify-https undo` again goes back to it)",
            env.display()
        )
    }

    pub fn must_be_recreated(services: &str) -> String {
        format!(
            "The containers read .env only when created: {services} must be recreated for the change to take effect."
        )
    }

    pub fn recreate_by_hand(folder: &Path, e: E) -> String {
        format!(
            "Recreate them with `docker compose up -d` in {} ({e}).",
            folder.display()
        )
    }

    pub fn not_recreated(command: &str) -> String {
        format!("Not recreated. Do it later with `{command}`.")
    }
}

// The folder and its `.env`, for every command.
pub fn create_env_question(folder: &Path) -> String {
    format!(
        "{} has no .env yet. Create it from .env.example (Dify's first install step)?",
        folder.display()
    )
}

pub fn no_env(folder: &Path, offers_yes: bool) -> String {
    let or_yes = if offers_yes {
        ", or run again with --yes"
    } else {
        ", or let `dify-https setup --yes` create it"
    };
    format!(
        "{} has no .env. Create it with `cp .env.example .env` (Dify's first step){or_yes}",
        folder.display()
    )
}

pub fn cannot_create_env(e: &dyn std::fmt::Display) -> String {
    format!("cannot create .env from .env.example: {e}")
}

pub fn env_created(path: &Path) -> String {
    format!("Created {} from .env.example", path.display())
}

pub fn neither_env(folder: &Path) -> String {
    format!(
        "{} has neither .env nor .env.example: is this Dify's docker folder?",
        folder.display()
    )
}

pub fn cannot_create_demo(e: &dyn std::fmt::Display) -> String {
    format!("cannot create the demo folder: {e}")
}

pub fn error_line(line: &str) -> String {
    format!("error: {line}")
}

pub fn cannot_read(path: &Path, e: &dyn std::fmt::Display) -> String {
    format!("cannot read {}: {e}", path.display())
}

pub fn permission_denied(path: &Path) -> String {
    format!(
        "cannot read {}: permission denied (certbot's files belong to root: run with sudo)",
        path.display()
    )
}

pub const NOTHING_RUN: &str = "nothing was run";

/// `https off`.
pub mod https {
    use std::path::Path;

    pub const NOT_SET: &str = "(not set)";
    pub const THEN_RECREATED: &str = "Then nginx is recreated and serves plain HTTP only; the certificate stays (switch back with `dify-https setup` or the wizard).";
    pub const QUESTION: &str = "Switch HTTPS off?";
    pub const ENV_UNCHANGED: &str = ".env is unchanged";

    pub fn already_off(env: &Path) -> String {
        format!(
            "HTTPS is already off in {} (NGINX_HTTPS_ENABLED is not true); nothing to change.",
            env.display()
        )
    }

    pub fn env_unchanged_because(e: &dyn std::fmt::Display) -> String {
        format!("{e}. .env is unchanged")
    }

    pub fn switching_off(env: &Path) -> String {
        format!("Switching HTTPS off in {}:", env.display())
    }
}
