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
