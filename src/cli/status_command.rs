//! `dify-https status`: the report as text, JSON, a monitoring check, and a
//! Prometheus textfile.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use time::OffsetDateTime;

use super::Failure;
use super::args::StatusArgs;
use crate::core::compose::detect;
use crate::core::dify::DifyFolder;
use crate::core::envfile::EnvFile;
use crate::core::logs::{sanitize_line, sanitize_text};
use crate::core::status::{
    ContainerState, StatusOptions, StatusReport, Verdict, build_report, prometheus_text,
    unknown_prometheus_text,
};

pub fn run(
    folder: &DifyFolder,
    compose: Option<&str>,
    args: &StatusArgs,
) -> Result<ExitCode, Failure> {
    // On a terminal, with nothing asked for but the status: the dashboard.
    let plain = !(args.json || args.check || args.prometheus.is_some());
    if plain && std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        return crate::tui::run(
            folder.clone(),
            compose.map(str::to_string),
            false,
            crate::tui::Start::Dashboard,
        )
        .map_err(|e| Failure::runtime(format!("{e:#}")));
    }
    if args.crit_days > args.warn_days {
        return Err(Failure::usage(format!(
            "--crit-days ({}) must not be more than --warn-days ({})",
            args.crit_days, args.warn_days
        )));
    }
    let file = match EnvFile::read(&folder.env_path()) {
        Ok(f) => f,
        Err(e) => return unknown(args, &e.to_string()),
    };
    let options = StatusOptions {
        warn_days: args.warn_days,
        crit_days: args.crit_days,
        probe_served: !args.no_probe,
        timeout: Duration::from_secs(3),
        // Asking compose is a probe too; without a compose command it is skipped.
        compose: if args.no_probe {
            None
        } else {
            detect(compose).ok()
        },
        compose_env: vec![],
        schedule_root: Some(
            args.schedule_root
                .clone()
                .unwrap_or_else(|| std::path::PathBuf::from("/")),
        ),
    };
    let report = build_report(
        folder,
        file.document(),
        &|k| std::env::var(k).ok(),
        OffsetDateTime::now_utc(),
        &options,
    );
    if let Some(path) = &args.prometheus
        && let Err(e) = write_atomically(path, &prometheus_text(&report))
    {
        let why = format!("cannot write {}: {e}", path.display());
        // The monitoring contract: one line, 0-3.
        return if args.check {
            println!("UNKNOWN - {why}");
            Ok(ExitCode::from(Verdict::Unknown.exit_code()))
        } else {
            Err(Failure::usage(why))
        };
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = serde_json::to_string_pretty(&report.to_json(&super::remedies::words))
            .map_err(|e| Failure::runtime(e.to_string()))?;
        writeln!(out, "{json}").ok();
    } else if args.check {
        writeln!(out, "{}", sanitize_line(&report.summary())).ok();
    } else {
        write!(out, "{}", sanitize_text(&text(&report))).ok();
    }
    Ok(if args.check {
        ExitCode::from(report.verdict.exit_code())
    } else {
        ExitCode::SUCCESS
    })
}

/// No report can be made (the folder is missing, not Dify's, `.env` unreadable): for
/// monitoring, one `UNKNOWN` line and exit 3, and a textfile that says unknown.
pub fn unknown(args: &StatusArgs, why: &str) -> Result<ExitCode, Failure> {
    if let Some(path) = &args.prometheus {
        write_atomically(path, &unknown_prometheus_text())
            .map_err(|e| Failure::runtime(format!("cannot write {}: {e}", path.display())))?;
    }
    if args.check {
        // One line, whatever the reason says.
        println!("UNKNOWN - {}", why.lines().next().unwrap_or(why));
        return Ok(ExitCode::from(Verdict::Unknown.exit_code()));
    }
    Err(Failure::runtime(why.to_string()))
}

/// The report for people reading a terminal or a mail from cron.
fn text(r: &StatusReport) -> String {
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

/// Writes `text` to `path` through a temporary file in the same folder and a rename,
/// so a collector never reads half a file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Only a regular file (replaced) or a new one in an existing folder: never a link,
    // a FIFO or a device.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(std::io::Error::other(format!(
                "it is {}; give a regular file (or a new name in an existing folder)",
                crate::core::files::kind_of(meta.file_type())
            )));
        }
        Ok(meta) if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 => {
            return Err(std::io::Error::other(
                "it has several hard links; give a file of its own",
            ));
        }
        _ => {}
    }
    if !dir.is_dir() {
        return Err(std::io::Error::other(format!(
            "the folder {} does not exist",
            dir.display()
        )));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".dify-https-")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    use std::os::unix::fs::PermissionsExt;
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
